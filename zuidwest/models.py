"""The models of the zuidwest app. Each is defined in the package of its concern and imported
here, so Django finds them under the app label "zuidwest"."""

from .abstract_models import DemoFlaggedModel, TimestampedModel
from .programme.models import Programme, ProgrammeOffice
from .review.models import ReviewedModel, Revision
from .search.models import SearchEntry

__all__ = ["DemoFlaggedModel", "Programme", "ProgrammeOffice", "ReviewedModel", "Revision",
           "SearchEntry", "TimestampedModel"]
