"""Changes to the money that span several rows: a new allocation checked against its source,
and a revised amount recorded in the allocation's history. The row-locked checks they rely on
live in funding/models.py."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Allocation, AllocationRevision


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
