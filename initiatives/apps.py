from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven en geld")

    def ready(self):
        from . import review  # noqa: F401  (registers what partners may edit)
