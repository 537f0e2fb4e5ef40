from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven en geld")

    def ready(self):
        # What this app contributes to the core: reviewed page kinds, partner pages, search
        # types.
        from zuidwest import review, search
        from zuidwest.partner import kinds

        from .partner_pages import INITIATIVE, OPPORTUNITY
        from .review import INITIATIVE_SPEC, OPPORTUNITY_SPEC
        from .search import INITIATIVES, OPPORTUNITIES

        review.register(INITIATIVE_SPEC)
        review.register(OPPORTUNITY_SPEC)
        kinds.register(INITIATIVE)
        kinds.register(OPPORTUNITY)
        search.register(INITIATIVES)
        search.register(OPPORTUNITIES)
