from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Wijken, plekken en agenda")

    def ready(self):
        # What this app contributes to the core: reviewed page kinds, partner pages, search
        # types. The signals keep stored occurrences in step with activities.
        from zuidwest import review, search
        from zuidwest.partner import kinds

        from . import signals  # noqa: F401
        from .partner_pages import ACTIVITY, PLACE
        from .review import ACTIVITY_SPEC, PLACE_SPEC
        from .search import ACTIVITIES, NEIGHBOURHOODS, PLACES

        review.register(PLACE_SPEC)
        review.register(ACTIVITY_SPEC)
        kinds.register(PLACE)
        kinds.register(ACTIVITY)
        search.register(NEIGHBOURHOODS)
        search.register(PLACES)
        search.register(ACTIVITIES)
