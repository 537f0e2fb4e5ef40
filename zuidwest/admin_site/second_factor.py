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
from django_otp.forms import OTPAuthenticationFormMixin

from .login_limits import refuse_overlong_username

NO_DEVICE_MESSAGE = _(
    "Voor het beheer heeft u een tweede stap nodig: een code uit een app op uw telefoon. "
    "Voor uw account is die nog niet ingesteld. Vraag een collega met toegang tot het beheer "
    "om voor u een TOTP-apparaat aan te maken (Beheer › TOTP devices) en scan samen de QR-code "
    "met een app zoals FreeOTP of Google Authenticator."
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

    otp_error_messages = dict(
        OTPAuthenticationFormMixin.otp_error_messages,
        token_required=_("Vul de code uit de app op uw telefoon in."),
        invalid_token=_(
            "Deze code klopt niet. Vul de code in die de app nu laat zien (6 cijfers)."
        ),
        device_required=_("Kies het apparaat waarmee u inlogt."),
        verification_not_allowed=_(
            "U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw."
        ),
        n_failed_attempts=_(
            "U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw."
        ),
    )
    error_messages = dict(
        OTPAdminAuthenticationForm.error_messages,
        no_second_factor=NO_DEVICE_MESSAGE,
    )

    otp_device = forms.CharField(
        label=_("Apparaat"), required=False, widget=forms.Select
    )
    otp_token = forms.CharField(
        label=_("Code uit de app"),
        required=False,
        help_text=_("Alleen als u inlogt met een code uit een app op uw telefoon."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean(self):
        refuse_overlong_username(self)
        # AdminAuthenticationForm.clean checks the password and that the user is staff.
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is None:
            return self.cleaned_data
        if user_has_device(user, confirmed=True):
            self.clean_otp(user)
        elif settings.ADMIN_REQUIRE_2FA:
            raise forms.ValidationError(
                self.error_messages["no_second_factor"], code="no_second_factor"
            )
        return self.cleaned_data

    def _chosen_device(self, user):
        # Staff usually have exactly one device: use it rather than asking them to pick it.
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device
