"""The funding overview: what each source has, and where the allocated money goes."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum
from django.db.models.functions import Coalesce

from alliances.models import Alliance

from .models import ZERO_EUROS, Allocation, FundingSource, Spearhead


@dataclass
class FundingSummary:
    sources: list
    by_spearhead: list
    by_alliance: list
    total_budget: Decimal
    total_allocated: Decimal
    includes_demo: bool

    @property
    def total_remaining(self):
        return sum((source.remaining_total for source in self.sources), ZERO_EUROS)


def _allocated_per_source(prefix):
    """Annotations: allocated in total and per source kind, through `prefix` (the path from
    the annotated model to Allocation)."""
    money = DecimalField(max_digits=14, decimal_places=2)
    annotations = {
        "allocated_total": Coalesce(Sum(f"{prefix}__amount"), ZERO_EUROS, output_field=money)
    }
    for kind in FundingSource.Kind.values:
        annotations[f"allocated_{kind}"] = Coalesce(
            Sum(f"{prefix}__amount", filter=Q(**{f"{prefix}__source__kind": kind})),
            ZERO_EUROS,
            output_field=money,
        )
    return annotations


def funding_summary():
    sources = list(FundingSource.objects.with_totals().prefetch_related("funders"))
    for source in sources:
        source.remaining_total = source.remaining_amount()
    annotations = _allocated_per_source("initiatives__allocations")
    return FundingSummary(
        sources=sources,
        by_spearhead=list(Spearhead.objects.annotate(**annotations).order_by("number")),
        by_alliance=list(Alliance.objects.annotate(**annotations).order_by("position", "name")),
        total_budget=sum((s.amount for s in sources), ZERO_EUROS),
        total_allocated=sum((s.allocated_total for s in sources), ZERO_EUROS),
        includes_demo=Allocation.objects.filter(is_demo=True).exists(),
    )
