from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Wijken, plekken en agenda")

    def ready(self):
        # What this app contributes to the core: reviewed page kinds, partner pages, search
        # types, the daily move of the agenda's window, the page cache's invalidation. The
        # signals keep stored occurrences in step with activities.
        from zuidwest import caching, review, search, tasks
        from zuidwest.partner import extensions, kinds

        from . import signals  # noqa: F401
        from .geocoding import partner_patterns
        from .models import Occurrence
        from .partner.pages import ACTIVITY, PLACE
        from .review import ACTIVITY_SPEC, PLACE_SPEC
        from .search import ACTIVITIES, NEIGHBOURHOODS, PLACES
        from .tasks import refresh_occurrences

        review.register(PLACE_SPEC)
        review.register(ACTIVITY_SPEC)
        kinds.register(PLACE)
        kinds.register(ACTIVITY)
        # Finding a place's coordinates from its address, for the place form.
        extensions.register_routes("geocoding", partner_patterns())
        search.register(NEIGHBOURHOODS)
        search.register(PLACES)
        search.register(ACTIVITIES)
        tasks.register_daily(refresh_occurrences)
        # A change shows at once on the cached public pages. Occurrences are rebuilt in bulk;
        # refresh_occurrences says so itself.
        caching.watch(self, ignore=[Occurrence])
