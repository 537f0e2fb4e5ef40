"""What other apps may use of initiatives (besides its models): kept small on purpose, and
kept by the import contracts in pyproject.toml."""

from .admin_filters import OverdueFilter
from .milestones import MILESTONE_STATUS_TEXT, MISSED, PLANNED, REACHED, milestone_status, overdue

__all__ = ["MILESTONE_STATUS_TEXT", "MISSED", "PLANNED", "REACHED", "OverdueFilter",
           "milestone_status", "overdue"]
