"""The funding overview: what each source has, what went to which initiative, and what of it
was spent, for all years or one.

Money is summed per row in a subquery (_sum_through) or per group in one grouped query
(_with_money), never in a subquery beside a join with GROUP BY: the cost grows with the
allocations, not with their square.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from alliances.models import Alliance
from initiatives.models import Initiative, Spearhead

from .models import ZERO_EUROS, Allocation, FundingSource, Spending

MONEY = DecimalField(max_digits=14, decimal_places=2)

# How the initiatives table can be sorted: URL value -> ordering.
INITIATIVE_ORDER = {
    "toegekend": ("-allocated_total", "title"),
    "besteed": ("-spent_total", "title"),
    "naam": ("title",),
}
DEFAULT_ORDER = "toegekend"
# Rows of the initiatives table on one page of /geld/.
FUNDING_PAGE_SIZE = 50


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
    # A queryset (initiatives_with_money): /geld/ shows it a page at a time, the report whole.
    initiatives: QuerySet = None
    year: int | None = None
    years: list = field(default_factory=list)

    @cached_property
    def listed_allocated(self):
        """What the listed initiatives got, summed in the database (one query, however many
        initiatives there are)."""
        return _total(allocations(self.year).filter(initiative__in=self.initiatives.values("pk")))

    @cached_property
    def listed_spent(self):
        return _total(spending(self.year).filter(
            allocation__initiative__in=self.initiatives.values("pk")))

    @property
    def unlisted_allocated(self):
        """Money for initiatives not (yet) on the site, so the table adds up to the sources."""
        return self.total_allocated - self.listed_allocated

    @property
    def unlisted_spent(self):
        return self.total_spent - self.listed_spent


def allocations(year=None):
    """Allocations, of one year or of all."""
    rows = Allocation.objects.all()
    return rows.filter(year=year) if year else rows


def spending(year=None):
    """Spending, of one year (the year its period ends in) or of all."""
    spendings = Spending.objects.all()
    return spendings.filter(period_end__year=year) if year else spendings


def _total(rows):
    return rows.aggregate(total=Coalesce(Sum("amount"), ZERO_EUROS, output_field=MONEY))["total"]


def _sum_through(rows, path):
    """A subquery: the amounts of `rows` that lead to the outer row through `path`, summed.

    For many rows that each sum a few allocations (initiatives, which the database sorts by
    these sums). Never beside a join with GROUP BY: a join of allocations with spending counts
    an allocation once per spending row, and PostgreSQL evaluates a subquery in the GROUP BY
    once per joined row (quadratic in the allocations)."""
    total = (rows.filter(**{path: OuterRef("pk")}).order_by()
             .values(path).annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO_EUROS), output_field=MONEY)


def _money_through(path, year):
    """Annotations: allocated in total and per source kind, and spent, of the allocations that
    lead to the annotated row through `path` (from Allocation)."""
    annotations = {"allocated_total": _sum_through(allocations(year), path)}
    for kind in FundingSource.Kind.values:
        annotations[f"allocated_{kind}"] = _sum_through(
            allocations(year).filter(source__kind=kind), path)
    annotations["spent_total"] = _sum_through(spending(year), f"allocation__{path}")
    return annotations


def _with_money(rows, path, year):
    """`rows` (a handful: spearheads, alliances) with allocated, in total and per source kind,
    and spent attached: two grouped queries, one pass over the allocations and one over the
    spending, where a subquery per row would walk its allocations once per sum."""
    kinds = FundingSource.Kind.values
    allocated = {
        sums.pop(path): sums
        for sums in allocations(year).order_by().values(path).annotate(
            allocated_total=Sum("amount"),
            **{f"allocated_{kind}": Sum("amount", filter=Q(source__kind=kind)) for kind in kinds})
    }
    spent = dict(spending(year).order_by().values_list(f"allocation__{path}")
                 .annotate(Sum("amount")))
    rows = list(rows)
    for row in rows:
        sums = allocated.get(row.pk, {})
        for name in ("allocated_total", *(f"allocated_{kind}" for kind in kinds)):
            setattr(row, name, sums.get(name) or ZERO_EUROS)
        row.spent_total = spent.get(row.pk) or ZERO_EUROS
    return rows


def initiatives_with_money(year=None, neighbourhood=None, order=DEFAULT_ORDER):
    """Published initiatives that got money, with allocated (per source kind) and spent."""
    initiatives = (
        Initiative.objects.published()
        # Amounts are positive, so "got money" is "has an allocation".
        .filter(Exists(allocations(year).filter(initiative=OuterRef("pk"))))
        .annotate(**_money_through("initiative", year))
        .select_related("spearhead", "alliance")
        .prefetch_related("neighbourhoods")
    )
    if neighbourhood is not None:
        initiatives = initiatives.filter(neighbourhoods=neighbourhood)
    return initiatives.order_by(*INITIATIVE_ORDER.get(order, INITIATIVE_ORDER[DEFAULT_ORDER]))


def allocation_years():
    """The years with allocations, newest first (ordered here: Meta.ordering would make the
    DISTINCT per allocation)."""
    return list(Allocation.objects.order_by("-year").values_list("year", flat=True).distinct())


def source_summary(year=None):
    sources = list(FundingSource.objects.with_totals().prefetch_related("funders").annotate(
        allocated_shown=_sum_through(allocations(year), "source"),
        spent_total=_sum_through(spending(year), "allocation__source"),
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
    return FundingSummary(
        **vars(totals),
        by_spearhead=_with_money(Spearhead.objects.order_by("number"),
                                 "initiative__spearhead", year),
        by_alliance=_with_money(Alliance.objects.order_by("position", "name"),
                                "initiative__alliance", year),
        initiatives=initiatives_with_money(year, neighbourhood, order),
        year=year,
        years=allocation_years() if years is None else years,
    )
