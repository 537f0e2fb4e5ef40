from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import apps as totp_apps


class ZuidwestConfig(AppConfig):
    name = "zuidwest"
    verbose_name = _("Programma")

    def ready(self):
        from zuidwest import sessions  # noqa: F401  (starts a session's clock at login)
        from zuidwest.images import signals

        signals.connect()


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our own site: the admin at /beheer/ asks staff for a TOTP code.

    Listed in INSTALLED_APPS instead of "django.contrib.admin". `default = False` keeps Django
    from taking it for the zuidwest app's own configuration.
    """

    default = False
    default_site = "zuidwest.admin_site.site.PortalAdminSite"

    def ready(self):
        from zuidwest.admin_site import autocomplete

        autocomplete.install()  # before autodiscovery builds the admins' forms
        super().ready()


class AxesConfig(axes_apps.AppConfig):
    """django-axes under a Dutch name in the admin (the app has no Dutch of its own)."""

    default = False
    verbose_name = _("Inlogpogingen")


class TOTPConfig(totp_apps.DefaultConfig):
    """django-otp's TOTP devices under a Dutch name in the admin."""

    default = False
    verbose_name = _("Tweede stap: apps met codes")
