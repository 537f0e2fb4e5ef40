"""Funding rules that span allocations and their source.

Every write path takes the funding source's row lock first (SELECT ... FOR UPDATE on
PostgreSQL; SQLite runs transactions in IMMEDIATE mode, which serialises writers), so two
staff members allocating at the same moment cannot both spend the same remaining euros.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from zuidwest.ui.money import format_euros

from .models import ZERO_EUROS, Allocation, FundingSource


def lock_source(source_id):
    sources = FundingSource.objects.filter(pk=source_id)
    if connection.in_atomic_block:
        sources = sources.select_for_update()
    return sources.get()


def check_within_budget(source_id, *, replacing=(), adding):
    """Raise ValidationError unless `adding` euros fit in the source, next to its other
    allocations. Allocations listed in `replacing` are left out of the count, because their
    (new) amounts are part of `adding`."""
    source = lock_source(source_id)
    # Counted after the lock: a concurrent allocation to this source has either committed
    # (and is counted) or waits for this transaction.
    available = source.remaining_amount(excluding=replacing)
    if Decimal(adding) > available:
        raise ValidationError(
            _(
                "Dit past niet in %(source)s: er is nog %(available)s beschikbaar, "
                "u vraagt %(requested)s."
            )
            % {
                "source": source.name,
                "available": format_euros(max(available, ZERO_EUROS)),
                "requested": format_euros(adding),
            },
            code="over_allocated",
        )
    return available


@transaction.atomic
def allocate_funds(*, initiative, source, amount, year, decision_date, reference, note=""):
    """Create an allocation, refusing it when the source has too little left."""
    allocation = Allocation(
        initiative=initiative,
        source=source,
        amount=Decimal(amount),
        year=year,
        decision_date=decision_date,
        reference=reference,
        note=note,
    )
    allocation.full_clean()
    allocation.save()
    return allocation
