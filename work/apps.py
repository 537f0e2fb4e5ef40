from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "work"
    verbose_name = _("Werk en leren")

    def ready(self):
        # What this app contributes to the core: the opportunity as a reviewed page kind and a
        # partner page, its search type, the work card of the admin's dashboard, the page
        # cache's invalidation.
        from zuidwest import caching, review, search
        from zuidwest.admin_site import dashboard
        from zuidwest.partner import kinds

        from .dashboard import WORK_CARD
        from .partner.pages import OPPORTUNITY
        from .review import OPPORTUNITY_SPEC
        from .search import OPPORTUNITIES

        review.register(OPPORTUNITY_SPEC)
        kinds.register(OPPORTUNITY)
        search.register(OPPORTUNITIES)
        dashboard.register(WORK_CARD)
        caching.watch(self)
