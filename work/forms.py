"""The filters of /werk-en-leren/ and the three questions of the guided finder. Every value
lives in the URL, so a list or an answer can be bookmarked, shared and gone back to."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locations.public import neighbourhood_filter
from zuidwest.ui.filters import LenientFilterForm
from zuidwest.ui.forms import PlainRequiredMessages

from .models import OLDEST_AGE, YOUNGEST_AGE, Opportunity

Kind = Opportunity.Kind

# Hours per week, as ranges people think in.
HOURS = {
    "tot-16": (None, 16, _("Tot 16 uur per week")),
    "16-32": (17, 32, _("17 tot 32 uur per week")),
    "meer-32": (33, None, _("Meer dan 32 uur per week")),
}

AGE_ERRORS = {
    "invalid": _("Vul je leeftijd in met cijfers, bijvoorbeeld 19."),
    "min_value": _("Vul een leeftijd in vanaf %(limit_value)s jaar."),
    "max_value": _("Vul een leeftijd in tot en met %(limit_value)s jaar."),
    "required": _("Vul je leeftijd in, bijvoorbeeld 19."),
}


def age_field(**kwargs):
    return forms.IntegerField(
        min_value=YOUNGEST_AGE, max_value=OLDEST_AGE, error_messages=AGE_ERRORS,
        # A short box for a two-digit number; `size` is not allowed on a number input (HTML).
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "portal-textbox--age"}),
        **kwargs)


class OpportunityFilterForm(LenientFilterForm):
    kind = forms.MultipleChoiceField(
        label=_("Wat zoek je?"), required=False, choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhood = neighbourhood_filter()
    age = age_field(label=_("Je leeftijd"), required=False,
                    help_text=_("Dan zie je alleen wat bij je leeftijd past."))
    no_diploma = forms.BooleanField(label=_("Zonder diploma"), required=False,
                                    help_text=_("Alleen kansen waarvoor je geen diploma nodig "
                                                "hebt."))
    paid = forms.BooleanField(label=_("Alleen betaald werk"), required=False)
    hours = forms.ChoiceField(
        label=_("Uren per week"), required=False,
        choices=[("", _("Maakt niet uit")), *[(key, label) for key, (_l, _h, label)
                                              in HOURS.items()]],
    )

    def filter(self, queryset):
        data = self.valid_data
        if data.get("kind"):
            queryset = queryset.filter(kind__in=data["kind"])
        if data.get("neighbourhood"):
            queryset = queryset.in_neighbourhood(data["neighbourhood"])
        if data.get("age"):
            queryset = queryset.for_age(data["age"])
        if data.get("no_diploma"):
            queryset = queryset.filter(no_diploma_needed=True)
        if data.get("paid"):
            queryset = queryset.filter(pay=Opportunity.Pay.PAID)
        if data.get("hours"):
            low, high, _label = HOURS[data["hours"]]
            if low:
                queryset = queryset.filter(hours_per_week__gte=low)
            if high:
                queryset = queryset.filter(Q(hours_per_week__lte=high))
        return queryset


# --- the guided finder ---------------------------------------------------------------------

class Wish:
    """What someone wants, and which opportunities fit it."""

    EARN = "geld"
    TRADE = "vak"
    DIPLOMA = "diploma"
    OWN = "eigen"
    USEFUL = "nuttig"

    choices = [
        (EARN, _("Geld verdienen")),
        (TRADE, _("Een vak leren")),
        (DIPLOMA, _("Een diploma halen")),
        (OWN, _("Iets voor mezelf beginnen")),
        (USEFUL, _("Iets nuttigs doen")),
    ]
    # The list's filters for each wish.
    filters = {
        EARN: {"paid": "on"},
        TRADE: {"kind": [Kind.LEARN_WORK, Kind.INTERNSHIP, Kind.TRAINING, Kind.ENERGY_JOB]},
        DIPLOMA: {"kind": [Kind.TRAINING, Kind.LEARN_WORK]},
        OWN: {"kind": [Kind.ENTREPRENEURSHIP]},
        USEFUL: {"kind": [Kind.MEANINGFUL_WORK, Kind.VOLUNTEERING, Kind.LANGUAGE_AND_WORK]},
    }


class FinderForm(PlainRequiredMessages, forms.Form):
    """All three answers; each step of the finder shows one of them and carries the others
    along as hidden fields."""

    age = age_field(label=_("Hoe oud ben je?"))
    diploma = forms.ChoiceField(
        label=_("Heb je een diploma van mbo 2, havo of vwo, of hoger?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee, nog niet"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee."),
                        "invalid_choice": _("Kies ja of nee.")},
    )
    wish = forms.ChoiceField(
        label=_("Wat wil je het liefst?"), choices=Wish.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat je het liefst wilt."),
                        "invalid_choice": _("Kies wat je het liefst wilt.")},
    )

    STEPS = ("age", "diploma", "wish")

    def list_filters(self):
        """The list's query for the answers (call after is_valid())."""
        data = self.cleaned_data
        query = {"age": data["age"]}
        if data["diploma"] == "nee":
            query["no_diploma"] = "on"
        query.update(Wish.filters[data["wish"]])
        return query
