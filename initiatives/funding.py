"""The funding overview: what each source has, what went to which initiative, and what of it
was spent, for all years or one.

Spending is summed in subqueries rather than joins: a join of allocations with their spending
would count an allocation once per spending row.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from alliances.models import Alliance

from .models import ZERO_EUROS, Allocation, FundingSource, Initiative, Spearhead, Spending

MONEY = DecimalField(max_digits=14, decimal_places=2)

# How the initiatives table can be sorted: URL value -> ordering.
INITIATIVE_ORDER = {
    "toegekend": ("-allocated_total", "title"),
    "besteed": ("-spent_total", "title"),
    "naam": ("title",),
}
DEFAULT_ORDER = "toegekend"


@dataclass
class SourceSummary:
    """The sources: what each has, what was allocated and spent, and what is left."""

    sources: list
    total_budget: Decimal
    total_allocated: Decimal
    total_spent: Decimal
    includes_demo: bool

    @property
    def total_remaining(self):
        return sum((source.remaining_total for source in self.sources), ZERO_EUROS)


@dataclass
class FundingSummary(SourceSummary):
    """The sources, and where the money went: per spearhead, per alliance, per initiative."""

    by_spearhead: list = field(default_factory=list)
    by_alliance: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    year: int | None = None
    years: list = field(default_factory=list)

    @property
    def listed_allocated(self):
        return sum((i.allocated_total for i in self.initiatives), ZERO_EUROS)

    @property
    def listed_spent(self):
        return sum((i.spent_total for i in self.initiatives), ZERO_EUROS)

    @property
    def unlisted_allocated(self):
        """Money for initiatives not (yet) on the site, so the table adds up to the sources."""
        return self.total_allocated - self.listed_allocated

    @property
    def unlisted_spent(self):
        return self.total_spent - self.listed_spent


def _allocation_filter(prefix, year):
    return Q(**{f"{prefix}__year": year}) if year else Q()


def _allocated_per_source(prefix, year):
    """Annotations: allocated in total and per source kind, through `prefix` (the path from
    the annotated model to Allocation)."""
    in_year = _allocation_filter(prefix, year)
    annotations = {
        "allocated_total": Coalesce(Sum(f"{prefix}__amount", filter=in_year), ZERO_EUROS,
                                    output_field=MONEY)
    }
    for kind in FundingSource.Kind.values:
        annotations[f"allocated_{kind}"] = Coalesce(
            Sum(f"{prefix}__amount", filter=in_year & Q(**{f"{prefix}__source__kind": kind})),
            ZERO_EUROS, output_field=MONEY,
        )
    return annotations


def spending(year=None):
    """Spending, of one year (the year its period ends in) or of all."""
    spendings = Spending.objects.all()
    return spendings.filter(period_end__year=year) if year else spendings


def _spent_through(path, year):
    """A subquery: the spending whose allocation leads to the outer row through `path`."""
    spent = (spending(year).filter(**{path: OuterRef("pk")}).order_by()
             .values(path).annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(spent, output_field=MONEY), Value(ZERO_EUROS), output_field=MONEY)


def initiatives_with_money(year=None, neighbourhood=None, order=DEFAULT_ORDER):
    """Published initiatives that got money, with allocated (per source kind) and spent."""
    initiatives = (
        Initiative.objects.published()
        .annotate(**_allocated_per_source("allocations", year),
                  spent_total=_spent_through("allocation__initiative", year))
        .filter(allocated_total__gt=0)
        .select_related("spearhead", "alliance")
        .prefetch_related("neighbourhoods")
    )
    if neighbourhood is not None:
        initiatives = initiatives.filter(neighbourhoods=neighbourhood)
    return initiatives.order_by(*INITIATIVE_ORDER.get(order, INITIATIVE_ORDER[DEFAULT_ORDER]))


def allocation_years():
    return sorted(Allocation.objects.values_list("year", flat=True).distinct(), reverse=True)


def source_summary(year=None):
    sources = list(FundingSource.objects.with_totals().prefetch_related("funders").annotate(
        allocated_shown=Coalesce(Sum("allocations__amount",
                                     filter=_allocation_filter("allocations", year)),
                                 ZERO_EUROS, output_field=MONEY),
        spent_total=_spent_through("allocation__source", year),
    ))
    for source in sources:
        # What is left never depends on the year shown.
        source.remaining_total = source.remaining_amount()
    return SourceSummary(
        sources=sources,
        total_budget=sum((s.amount for s in sources), ZERO_EUROS),
        total_allocated=sum((s.allocated_shown for s in sources), ZERO_EUROS),
        total_spent=sum((s.spent_total for s in sources), ZERO_EUROS),
        includes_demo=Allocation.objects.filter(is_demo=True).exists(),
    )


def funding_summary(year=None, neighbourhood=None, order=DEFAULT_ORDER, years=None):
    """`years`: the years with allocations, when the caller looked them up already."""
    totals = source_summary(year)
    by_spearhead = Spearhead.objects.annotate(
        **_allocated_per_source("initiatives__allocations", year),
        spent_total=_spent_through("allocation__initiative__spearhead", year),
    ).order_by("number")
    by_alliance = Alliance.objects.annotate(
        **_allocated_per_source("initiatives__allocations", year),
        spent_total=_spent_through("allocation__initiative__alliance", year),
    ).order_by("position", "name")
    return FundingSummary(
        **vars(totals),
        by_spearhead=list(by_spearhead),
        by_alliance=list(by_alliance),
        initiatives=list(initiatives_with_money(year, neighbourhood, order)),
        year=year,
        years=allocation_years() if years is None else years,
    )
