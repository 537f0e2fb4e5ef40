"""The admin at /beheer/, with a second factor (a TOTP code from an authenticator app) for staff.

The rule, in one place (`needs_second_factor`): a staff member who has a confirmed TOTP device
always enters a code; with settings.ADMIN_REQUIRE_2FA every staff member must have a device and
use it. Without the setting (local runs) a staff member without a device logs in with a password
alone, so the `make run` account works without a phone.

Installed by zuidwest.apps.PortalAdminConfig, so `admin.site` everywhere is this site.
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.forms import OTPAuthenticationFormMixin

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


class PortalAdminSite(AdminSite):
    site_header = _("Regio Deal Zuidwest – beheer")
    site_title = _("Zuidwest beheer")
    index_title = _("Beheer van het portaal")

    login_form = PortalAdminAuthenticationForm
    login_template = "registration/admin_login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return is_verified(request.user) or not needs_second_factor(request.user)

    def index(self, request, extra_context=None):
        """The admin's front page starts with what waits for the programme office."""
        from .models import Revision

        extra_context = dict(extra_context or {})
        extra_context["waiting_reviews"] = Revision.objects.filter(
            state=Revision.State.SUBMITTED).count()
        return super().index(request, extra_context)

    def login(self, request, extra_context=None):
        user = request.user
        extra_context = dict(extra_context or {})
        if user.is_active and user.is_staff and not is_verified(user):
            if user_has_device(user, confirmed=True):
                extra_context["second_factor_needed"] = True
            elif settings.ADMIN_REQUIRE_2FA:
                extra_context["second_factor_missing"] = NO_DEVICE_MESSAGE
        return super().login(request, extra_context)
