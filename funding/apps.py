from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Geld")

    def ready(self):
        # The money card of the admin's dashboard, the page cache's invalidation.
        from zuidwest import caching
        from zuidwest.admin_site import dashboard

        from .dashboard import MONEY_CARD

        dashboard.register(MONEY_CARD)
        caching.watch(self)
