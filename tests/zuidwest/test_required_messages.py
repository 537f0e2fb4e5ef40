"""Every form residents and partners fill in says what is missing in plain words: sent empty,
none shows Django's "Dit veld is vereist." (zuidwest/ui/forms.py)."""

import inspect

import pytest
from django import forms
from django.urls import get_resolver
from django.utils import translation

from tests.factories import IndicatorFactory, OrganisationFactory, PartnerUserFactory
from zuidwest.ui.forms import PlainRequiredMessages, plain_required_message

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("alliances", "following", "funding", "ideas", "initiatives", "locations",
                "opendata", "progress", "signups", "site_pages", "work", "zuidwest")
# Forms people fill in that this test must find (a wrong walk would otherwise pass on nothing).
EXPECTED = {"SignupForm", "FollowForm", "IdeaForm", "SupportForm", "FinderForm", "LoginForm",
            "AcceptInvitationForm", "InvitationForm", "PartnerPasswordResetForm",
            "PartnerPasswordChangeForm", "PartnerSetPasswordForm", "FigureForm", "AnswerForm",
            "PlaceForm", "ActivityForm", "OpeningHoursForm", "InitiativeForm", "MilestoneForm",
            "OpportunityForm", "OutputForm"}


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def public_and_partner_forms():
    assert get_resolver().url_patterns  # imports every view, and with them every form
    found = {}
    for cls in subclasses(forms.BaseForm):
        module = cls.__module__
        if (module.split(".")[0] in PROJECT_APPS and ".admin" not in module
                and not inspect.isabstract(cls) and getattr(cls, "base_fields", None)
                and not (issubclass(cls, forms.ModelForm) and cls._meta.model is None)):
            found[cls.__qualname__] = cls
    return found


def empty_form(cls):
    """The form bound to an empty POST, with what its __init__ asks for."""
    user = PartnerUserFactory()
    known = {"user": user, "organisation": OrganisationFactory(), "email": "a@voorbeeld.example",
             "indicator": IndicatorFactory(), "organisations": None, "request": None}
    parameters = {name for base in cls.__mro__ if "__init__" in vars(base)
                  for name in inspect.signature(base.__init__).parameters}
    kwargs = {name: value for name, value in known.items() if name in parameters}
    return cls(data={}, files={}, **kwargs)


def test_no_form_says_dit_veld_is_vereist():
    found = public_and_partner_forms()
    assert set(found) >= EXPECTED, sorted(EXPECTED - set(found))
    with translation.override("nl"):
        for name, cls in sorted(found.items()):
            form = empty_form(cls)
            rendered = str(form)
            messages = [str(message) for errors in form.errors.values() for message in errors]
            assert "Dit veld is vereist" not in rendered, name
            assert "Dit veld is vereist." not in messages, (name, messages)


def test_every_form_people_fill_in_uses_the_plain_messages():
    for name in EXPECTED:
        assert issubclass(public_and_partner_forms()[name], PlainRequiredMessages), name


@pytest.mark.parametrize(("field", "expected"), [
    (forms.CharField(label="Titel"), "Vul ‘Titel’ in."),
    (forms.ChoiceField(label="Wijk", choices=[("a", "A")]), "Kies een antwoord bij ‘Wijk’."),
    (forms.ChoiceField(label="Wijk", choices=[("a", "A")], widget=forms.RadioSelect),
     "Kies een antwoord bij ‘Wijk’."),
    (forms.BooleanField(label="Ik doe mee"), "Zet een vinkje bij ‘Ik doe mee’."),
    (forms.FileField(label="Foto"), "Kies een bestand bij ‘Foto’."),
    (forms.CharField(label="Wat is je vraag?"), "Geef antwoord op de vraag ‘Wat is je vraag?’"),
    (forms.CharField(label=""), "Vul dit in."),
])
def test_the_sentence_names_what_is_missing(field, expected):
    with translation.override("nl"):
        assert plain_required_message(field) == expected


def test_a_form_keeps_its_own_sentence_and_the_rest_get_one_in_the_language_shown():
    class Form(PlainRequiredMessages, forms.Form):
        email = forms.EmailField(label="E-mailadres",
                                 error_messages={"required": "Vul je e-mailadres in."})
        name = forms.CharField(label="Naam")

    form = Form(data={})
    with translation.override("nl"):
        assert form.errors == {"email": ["Vul je e-mailadres in."], "name": ["Vul ‘Naam’ in."]}
    with translation.override("en"):
        assert Form(data={}).errors["name"] == ["Fill in ‘Naam’."]
