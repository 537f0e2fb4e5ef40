"""The promise: every idea gets an answer within settings.ANSWER_PROMISE_DAYS. Measured over
the ideas sent in the last 12 months that moderation let through:

- an idea answered (its first status that answers it, see ANSWERING_STATUSES) counts, within
  the promise or not;
- an idea without an answer counts as late once the promise has passed, and not at all while
  the promise still runs (it may yet be answered in time);
- the median is over the days to an answer of the answered ideas.
"""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Idea, Moderation

WINDOW = timedelta(days=365)


@dataclass(frozen=True)
class PromiseFigures:
    counted: int  # ideas whose promise was kept or broken
    within: int  # answered within the promise
    median_days: float | None  # days to an answer, of the answered ones

    @property
    def percentage(self):
        return round(100 * self.within / self.counted) if self.counted else None


def _figures(rows, now, promise):
    counted = within = 0
    days = []
    for submitted_at, answered_at in rows:
        if answered_at is not None:
            waited = answered_at - submitted_at
            days.append(waited.total_seconds() / 86400)
            counted += 1
            within += waited <= promise
        elif now - submitted_at > promise:
            counted += 1
    median = round(statistics.median(days), 1) if days else None
    return PromiseFigures(counted, within, median)


def _rows(now):
    return Idea.objects.filter(moderation=Moderation.APPROVED,
                               submitted_at__gte=now - WINDOW, submitted_at__lte=now)


def promise_figures(now=None):
    now = now or timezone.now()
    rows = _rows(now).values_list("submitted_at", "first_answered_at")
    return _figures(rows, now, timedelta(days=settings.ANSWER_PROMISE_DAYS))


def promise_figures_by_alliance(now=None):
    """[(alliance, PromiseFigures)] for each member of the Alliantieraad with ideas assigned,
    in the Alliantieraad's order. One query."""
    now = now or timezone.now()
    promise = timedelta(days=settings.ANSWER_PROMISE_DAYS)
    grouped = {}
    for alliance_id, submitted_at, answered_at in _rows(now).filter(
            assigned_to__isnull=False).values_list("assigned_to", "submitted_at",
                                                   "first_answered_at"):
        grouped.setdefault(alliance_id, []).append((submitted_at, answered_at))
    if not grouped:
        return []
    from alliances.models import Alliance

    return [(alliance, _figures(grouped[alliance.pk], now, promise))
            for alliance in Alliance.objects.filter(pk__in=grouped)]
