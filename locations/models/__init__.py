from .activities import Activity, ActivityCancellation, Occurrence
from .languages import parse_languages
from .places import Neighbourhood, Place
from .schedules import OpeningHours, SpecialHours

__all__ = [
    "Activity",
    "ActivityCancellation",
    "Neighbourhood",
    "Occurrence",
    "OpeningHours",
    "Place",
    "SpecialHours",
    "parse_languages",
]
