"""The admin at /beheer/: Django's admin site with the second factor for staff, and a front
page that starts with what waits for the programme office.

Installed by zuidwest.apps.PortalAdminConfig, so `admin.site` everywhere is this site.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from zuidwest.review.models import Revision

from .dashboard import dashboard
from .login_limits import too_many_login_attempts
from .second_factor import (
    NO_DEVICE_MESSAGE,
    PortalAdminAuthenticationForm,
    is_verified,
    needs_second_factor,
)


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
        """The admin's front page starts with what needs the programme office (the dashboard
        cards the apps registered, see zuidwest.admin_site.dashboard)."""
        extra_context = dict(extra_context or {})
        extra_context["waiting_reviews"] = Revision.objects.filter(
            state=Revision.State.SUBMITTED).count()
        extra_context["dashboard"] = dashboard(request)
        return super().index(request, extra_context)

    def login(self, request, extra_context=None):
        refused = too_many_login_attempts(request)
        if refused:
            return refused
        user = request.user
        extra_context = dict(extra_context or {})
        if user.is_active and user.is_staff and not is_verified(user):
            if user_has_device(user, confirmed=True):
                extra_context["second_factor_needed"] = True
            elif settings.ADMIN_REQUIRE_2FA:
                extra_context["second_factor_missing"] = NO_DEVICE_MESSAGE
        return super().login(request, extra_context)
