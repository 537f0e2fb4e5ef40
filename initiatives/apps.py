from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven")

    def ready(self):
        # What this app contributes to the core: the initiative as a reviewed page kind and a
        # partner page, its search type, the page cache's invalidation.
        from zuidwest import caching, review, search
        from zuidwest.partner import kinds

        from .partner.pages import INITIATIVE
        from .review import INITIATIVE_SPEC
        from .search import INITIATIVES

        review.register(INITIATIVE_SPEC)
        kinds.register(INITIATIVE)
        search.register(INITIATIVES)
        caching.watch(self)
