"""Funding rules that span rows: allocations never exceed their source, spending never
exceeds its allocation.

Every write path takes the row lock of what it fills first (SELECT ... FOR UPDATE on
PostgreSQL; SQLite runs transactions in IMMEDIATE mode, which serialises writers), so two
staff members at the same moment cannot both use the same remaining euros. Locks are taken in
one order, source before allocation, so concurrent writers cannot deadlock.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from zuidwest.ui.money import format_euros

from .models import ZERO_EUROS, Allocation, AllocationRevision, FundingSource


def _locked(model, pk):
    rows = model.objects.filter(pk=pk)
    if connection.in_atomic_block:
        rows = rows.select_for_update()
    return rows.get()


def lock_source(source_id):
    return _locked(FundingSource, source_id)


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
                "je vraagt %(requested)s."
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


def check_spending(allocation_id, *, replacing=(), adding):
    """Raise ValidationError unless `adding` euros of spending fit in the allocation, next to
    its other spending (those in `replacing` left out, as for check_within_budget)."""
    allocation = _locked(Allocation, allocation_id)
    available = allocation.amount - allocation.spent_amount(excluding=replacing)
    if Decimal(adding) > available:
        raise ValidationError(
            _("Dit is meer dan er over is van toekenning %(reference)s: er is nog "
              "%(available)s niet besteed, je vult %(requested)s in.")
            % {"reference": allocation.reference,
               "available": format_euros(max(available, ZERO_EUROS)),
               "requested": format_euros(adding)},
            code="over_spent",
        )
    return available


def check_covers_spending(allocation_id, amount):
    """An allocation cannot be lowered below what was already spent from it."""
    if allocation_id is None:
        return
    spent = _locked(Allocation, allocation_id).spent_amount()
    if Decimal(amount) < spent:
        raise ValidationError(
            {"amount": _("Er is al %(spent)s besteed van deze toekenning. Het bedrag kan niet "
                         "lager worden dan dat.") % {"spent": format_euros(spent)}},
            code="below_spent",
        )


@transaction.atomic
def revise_allocation(allocation, *, new_amount, decided_on, reason, staff=None):
    """A decision that raises or lowers an allocation: checked against the source and the
    spending, recorded in the allocation's history."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Schrijf op waarom het bedrag verandert.")})
    new_amount = Decimal(new_amount)
    previous = Allocation.objects.get(pk=allocation.pk).amount
    allocation.amount = new_amount
    allocation.full_clean()
    allocation.save()  # checks the source and the spending under their locks
    AllocationRevision.objects.create(
        allocation=allocation, previous_amount=previous, new_amount=new_amount,
        decided_on=decided_on, reason=reason.strip(), decided_by=staff,
    )
    return allocation
