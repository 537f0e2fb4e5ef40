from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven en geld")

    def ready(self):
        # What this app contributes to the core: a reviewed page kind, a partner page, a
        # search type.
        from zuidwest import review, search
        from zuidwest.partner import kinds

        from .partner_pages import INITIATIVE
        from .review import INITIATIVE_SPEC
        from .search import INITIATIVES

        review.register(INITIATIVE_SPEC)
        kinds.register(INITIATIVE)
        search.register(INITIATIVES)
