from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import apps as totp_apps
from django_tasks_db import apps as tasks_db_apps


class ZuidwestConfig(AppConfig):
    name = "zuidwest"
    verbose_name = _("Programma")

    def ready(self):
        from django.db.models.signals import post_migrate

        from zuidwest import caching, sessions, tasks  # noqa: F401  (sessions: a clock at login)
        from zuidwest.images import cleanup, signals
        from zuidwest.models import Revision, SearchEntry
        from zuidwest.search import signals as search_signals

        signals.connect()
        # Photos that no page and no version in play uses are deleted daily.
        tasks.register_daily(cleanup.delete_unused_photos_task)
        # A change to the programme shows at once on the cached public pages. A version is
        # not public; approving one saves the page itself. A search entry changes with the row
        # it belongs to, which is watched itself.
        caching.watch(self, ignore=[Revision, SearchEntry])
        # Rows that exist when the search index is made get their entries after migrate.
        post_migrate.connect(search_signals.fill_index_after_migrate, sender=self)


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

    def ready(self):
        super().ready()
        # The model's names are plain English strings. The same words, made translatable,
        # read in Dutch in the admin (locale/nl) and stay equal to the migration's options when
        # makemigrations runs without a language, so no migration for a third-party app appears.
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice._meta.verbose_name = _("TOTP device")
        TOTPDevice._meta.verbose_name_plural = _("TOTP devices")
        from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin

        TOTPDeviceAdmin.search_help_text = _("Zoek op gebruikersnaam of e-mailadres.")

class TasksDBConfig(tasks_db_apps.TasksAppConfig):
    """django-tasks-db, the queue of background tasks, under a Dutch name in the admin."""

    default = False
    verbose_name = _("Achtergrondtaken")

    def ready(self):
        super().ready()
        from zuidwest import task_queue_health  # noqa: F401  (registers its health check)
