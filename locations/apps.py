from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Wijken, plekken en agenda")

    def ready(self):
        from . import review, signals  # noqa: F401  (review registers what partners edit)
