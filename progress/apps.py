from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Voortgang en verslag")

    def ready(self):
        # The progress card of the admin's dashboard; partners' figures of their initiatives'
        # indicators (reported in /partner/, approved by staff); the page cache's invalidation.
        from zuidwest import caching
        from zuidwest.admin_site import dashboard
        from zuidwest.partner import extensions

        from . import partner
        from .dashboard import PROGRESS_CARD

        dashboard.register(PROGRESS_CARD)
        extensions.register_routes("figures", partner.partner_patterns())
        extensions.register_dashboard_panel(extensions.DashboardPanel(
            "figures", "progress/_figures_panel.html", partner.figures_panel_context))
        caching.watch(self)
