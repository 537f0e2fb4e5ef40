from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZuidwestConfig(AppConfig):
    name = "zuidwest"
    verbose_name = _("Programma")
