"""What other apps may use of locations (besides its models): kept small on purpose, and kept
by the import contracts in pyproject.toml."""

from .agenda import occurrences_today
from .forms.filters import neighbourhood_filter
from .jsonld import postal_address
from .opening_hours import first_to_open, open_place_ids
from .partner.forms import limit_place_and_initiative
from .views.places import places_with_hours, with_status

__all__ = ["first_to_open", "limit_place_and_initiative", "neighbourhood_filter",
           "occurrences_today", "open_place_ids", "places_with_hours", "postal_address",
           "with_status"]
