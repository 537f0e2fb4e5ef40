"""The second factor for staff: a TOTP code from an authenticator app.

The rule, in one place (`needs_second_factor`): a staff member who has a confirmed TOTP device
always enters a code; with settings.ADMIN_REQUIRE_2FA every staff member must have a device and
use it. Without the setting (local runs) a staff member without a device logs in with a password
alone, so the `make run` account works without a phone. The partner area's staff powers follow
the same rule (alliances.permissions).
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm

from .login_limits import refuse_overlong_username

NO_DEVICE_MESSAGE = _(
    "Voor het beheer heb je een tweede stap nodig: een code uit een app op je telefoon. "
    "Voor jouw account is die nog niet ingesteld. Vraag een collega met toegang tot het beheer "
    "om voor jou een TOTP-apparaat aan te maken (Beheer › TOTP devices) en scan samen de QR-code "
    "met een app zoals FreeOTP of Google Authenticator."
)


# The one message for every failed admin login.
LOGIN_FAILED = _(
    "Inloggen is niet gelukt. Controleer je gebruikersnaam, je wachtwoord en de code uit de app "
    "op je telefoon, en probeer het opnieuw. Heb je nog geen app voor de code ingesteld? Vraag "
    "dan een collega met toegang tot het beheer om dat met je te doen."
)


def needs_second_factor(user):
    """Whether this staff user must be verified by a TOTP code before using the admin."""
    return settings.ADMIN_REQUIRE_2FA or user_has_device(user, confirmed=True)


def is_verified(user):
    # OTPMiddleware adds is_verified(); a user object from elsewhere counts as unverified.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class PortalAdminAuthenticationForm(OTPAdminAuthenticationForm):
    """Username and password, plus the code from the app for staff who have (or need) one."""

    otp_device = forms.CharField(
        label=_("Apparaat"), required=False, widget=forms.Select
    )
    otp_token = forms.CharField(
        label=_("Code uit de app"),
        required=False,
        help_text=_("Alleen als je inlogt met een code uit een app op je telefoon."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean(self):
        """Every failure gets the same message (LOGIN_FAILED): an unknown user, a wrong
        password, an inactive account or one without staff rights, a missing or wrong code,
        staff without a device where one is required. Nobody learns which part was right."""
        try:
            return self._check()
        except forms.ValidationError:
            self.user_cache = None  # the page shows nothing that depends on the account
            raise forms.ValidationError(LOGIN_FAILED, code="invalid_login") from None

    def _check(self):
        refuse_overlong_username(self)
        # AdminAuthenticationForm.clean checks the password and that the user is staff.
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is None:
            raise forms.ValidationError(LOGIN_FAILED, code="invalid_login")
        if user_has_device(user, confirmed=True):
            self.clean_otp(user)
        elif settings.ADMIN_REQUIRE_2FA:
            raise forms.ValidationError(LOGIN_FAILED, code="no_second_factor")
        return self.cleaned_data

    def _update_form(self, user):
        # django-otp shows the password back once it was right (render_value), which would
        # tell that it was right, and puts it in the page's HTML.
        super()._update_form(user)
        self.fields["password"].widget.render_value = False

    def _chosen_device(self, user):
        # The page never asks which device (that would show the password was right): without
        # a choice, the one used last, which for nearly all staff is their only one.
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if devices:
                device = max(devices, key=lambda d: (d.last_used_at is not None,
                                                     d.last_used_at or d.created_at, d.pk))
        return device
