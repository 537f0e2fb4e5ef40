"""Forms of the partner accounts: login, inviting someone, accepting an invitation."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from zuidwest.admin_site.login_limits import refuse_overlong_username
from zuidwest.admin_site.second_factor import needs_second_factor
from zuidwest.ui.forms import PlainRequiredMessages

from ..models import PartnerRole
from .invitations import normalise_email, validate_new_password


def username_for_login(identifier):
    """Partners log in with their e-mail address; staff may use their username.

    An exact username wins; otherwise the address of exactly one account. Anything else is
    passed on as typed, so an unknown address fails like a wrong password (and axes counts it
    under what was typed).
    """
    identifier = (identifier or "").strip()
    users = get_user_model().objects
    if not identifier or users.filter(username=identifier).exists():
        return identifier
    usernames = list(
        users.filter(email__iexact=identifier).values_list("username", flat=True)[:2]
    )
    if len(usernames) == 1:
        return usernames[0]
    return identifier


class LoginForm(PlainRequiredMessages, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord klopt niet. Let op hoofdletters in het "
            "wachtwoord."
        ),
        "inactive": _("Dit account is uitgezet. Neem contact op met het programmabureau."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mailadres")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].label = _("Wachtwoord")
        self.fields["username"].error_messages["required"] = _("Vul je e-mailadres in.")
        self.fields["password"].error_messages["required"] = _("Vul je wachtwoord in.")

    def clean_username(self):
        return username_for_login(self.cleaned_data.get("username"))

    def clean(self):
        refuse_overlong_username(self)
        return super().clean()

    def confirm_login_allowed(self, user):
        """Staff who log in to the admin with a code cannot log in here with a password alone:
        they get the answer of a wrong password, so this page never confirms a staff password.
        They log in through the admin, which also opens the partner area to them."""
        super().confirm_login_allowed(user)
        if user.is_staff and needs_second_factor(user):
            raise forms.ValidationError(self.error_messages["invalid_login"],
                                        code="invalid_login",
                                        params={"username": self.username_field.verbose_name})


class PartnerPasswordChangeForm(PlainRequiredMessages, PasswordChangeForm):
    pass


class PartnerSetPasswordForm(PlainRequiredMessages, SetPasswordForm):
    pass


class InvitationForm(PlainRequiredMessages, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Naar dit adres sturen we de uitnodiging. Die is 7 dagen geldig."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=PartnerRole.choices,
        initial=PartnerRole.EDITOR,
        widget=forms.RadioSelect,
        help_text=_(
            "Een redacteur past de pagina's van de organisatie aan. Een beheerder kan ook "
            "anderen uitnodigen."
        ),
    )

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class AcceptInvitationForm(PlainRequiredMessages, forms.Form):
    """A new account: a name and a password, checked by Django's password validators."""

    name = forms.CharField(
        label=_("Je naam"),
        max_length=300,
        help_text=_("Zo ziet je organisatie wie iets heeft aangepast."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        help_text=_(
            "Minstens 12 tekens. Gebruik geen wachtwoord dat veel mensen gebruiken, niet alleen "
            "cijfers en niet iets dat lijkt op je naam of e-mailadres. Tip: kies een paar "
            "woorden achter elkaar."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Typ het wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul je naam in."), code="required")
        return name

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2",
                forms.ValidationError(
                    _("De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw."),
                    code="password_mismatch",
                ),
            )
        elif password1:
            try:
                validate_new_password(password1, email=self.email, name=cleaned.get("name", ""))
            except forms.ValidationError as error:
                self.add_error("password1", plain_password_errors(error))
        return cleaned


# Django's validators, said in plain Dutch (B1). Unknown validators keep their own message.
PLAIN_PASSWORD_MESSAGES = {
    "password_too_short": _("Het wachtwoord is te kort. Kies minstens %(min_length)d tekens."),
    "password_too_common": _(
        "Dit wachtwoord gebruiken veel mensen. Het is daardoor makkelijk te raden. Kies een "
        "ander wachtwoord."
    ),
    "password_entirely_numeric": _(
        "Het wachtwoord heeft alleen cijfers. Gebruik ook letters."
    ),
    "password_too_similar": _(
        "Het wachtwoord lijkt te veel op je naam of e-mailadres. Kies een ander wachtwoord."
    ),
}


def plain_password_errors(error):
    return [
        forms.ValidationError(
            PLAIN_PASSWORD_MESSAGES[item.code], code=item.code, params=item.params
        )
        if item.code in PLAIN_PASSWORD_MESSAGES
        else item
        for item in error.error_list
    ]

