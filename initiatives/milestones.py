"""A milestone's state on a day: the yearly report and the admin's "te laat" share this rule,
so a milestone that is not yet due is never called missed."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

REACHED = "reached"
MISSED = "missed"
PLANNED = "planned"
MILESTONE_STATUS_TEXT = {
    REACHED: _("gehaald"),
    MISSED: _("niet gehaald"),
    PLANNED: _("gepland"),
}


def overdue(today):
    """The milestones missed as of `today`: their date has passed and they are not reached."""
    return Q(planned_for__lt=today) & (Q(reached_on__isnull=True) | Q(reached_on__gt=today))


def milestone_status(milestone, today, until=None):
    """Reached (by `until`, the end of a report's period, or by today), missed (its date has
    passed and it was not reached by then), or still planned: a date still to come is never
    missed, whatever the period."""
    last = min(today, until) if until else today
    if milestone.reached_on and milestone.reached_on <= last:
        return REACHED
    if milestone.planned_for < today:
        return MISSED
    return PLANNED
