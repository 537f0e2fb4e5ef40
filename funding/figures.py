"""Every money figure of the portal, computed here and nowhere else: /geld/, the yearly report
(PDF and spreadsheet), the admin (dashboard, lists, budget checks), the API, 360Giving and the
neighbourhood pages all take their sums from this module, so they cannot disagree.

The definitions (the documentation's money section says the same in plain words):
- allocated in year Y: the allocations of year Y (the year the decision was taken);
- spent in year Y: the spending booked in Y (the year its period ends in), from any allocation,
  also one of an earlier year: so spent in a year can be more than allocated in that year;
- available: a stock, what a source has not allocated yet, at the end of year Y (allocations of
  Y and earlier counted) or today (every allocation counted);
- a year view lists every initiative with an allocation or spending in that year;
- a neighbourhood or spearhead narrows every figure to the initiatives in it; an initiative in
  several neighbourhoods counts in full in each.

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


# The building blocks: a sum of amounts, in one query or as a subquery per row.

def total(rows):
    """The amounts of `rows` (allocations or spending) summed in the database."""
    return rows.order_by().aggregate(
        total=Coalesce(Sum("amount"), ZERO_EUROS, output_field=MONEY))["total"]


def _sum_through(rows, path):
    """A subquery: the amounts of `rows` that lead to the outer row through `path`, summed.

    For many rows that each sum a few allocations (initiatives, which the database sorts by
    these sums). Never beside a join with GROUP BY: a join of allocations with spending counts
    an allocation once per spending row, and PostgreSQL evaluates a subquery in the GROUP BY
    once per joined row (quadratic in the allocations)."""
    summed = (rows.filter(**{path: OuterRef("pk")}).order_by()
              .values(path).annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(summed, output_field=MONEY), Value(ZERO_EUROS), output_field=MONEY)


# Per source and per allocation, for the budget checks, the admin and the API (all years).

def with_allocated(sources):
    """Each source with `allocated_total`: everything allocated from it so far."""
    return sources.annotate(allocated_total=_sum_through(Allocation.objects.all(), "source"))


def with_spent(allocations):
    """Each allocation with `spent_total`: everything spent from it so far."""
    return allocations.annotate(spent_total=_sum_through(Spending.objects.all(), "allocation"))


def allocated_from(source, excluding=()):
    """The euros allocated from `source`, without the allocations whose primary keys are in
    `excluding` (unsaved ones, None, are skipped)."""
    return total(Allocation.objects.filter(source=source)
                 .exclude(pk__in=[pk for pk in excluding if pk]))


def spent_from(allocation, excluding=()):
    """The euros spent from `allocation`, without the spending in `excluding`."""
    return total(Spending.objects.filter(allocation=allocation)
                 .exclude(pk__in=[pk for pk in excluding if pk]))


def published_allocations():
    """The allocations to initiatives on the site (the API and 360Giving), with their spending."""
    return with_spent(Allocation.objects.filter(initiative__is_published=True))


# What one view covers: a year or all, the whole area or a neighbourhood, every spearhead or one.

@dataclass(frozen=True)
class Scope:
    year: int | None = None
    neighbourhood: object = None  # locations.Neighbourhood
    spearhead: object = None  # Spearhead

    @property
    def narrowed(self):
        """Only some initiatives count (a neighbourhood or a spearhead is chosen)."""
        return self.neighbourhood is not None or self.spearhead is not None

    def initiatives(self):
        """The initiatives that count, published or not (an initiative not on the site yet
        still spends the programme's money)."""
        rows = Initiative.objects.all()
        if self.neighbourhood is not None:
            rows = rows.filter(neighbourhoods=self.neighbourhood)
        if self.spearhead is not None:
            rows = rows.filter(spearhead=self.spearhead)
        return rows

    def allocations(self):
        rows = Allocation.objects.all()
        if self.year:
            rows = rows.filter(year=self.year)
        if self.narrowed:
            # Through a subquery, so an initiative in two chosen rows is not counted twice.
            rows = rows.filter(initiative__in=self.initiatives().values("pk"))
        return rows

    def spending(self):
        rows = Spending.objects.all()
        if self.year:
            rows = rows.filter(period_end__year=self.year)
        if self.narrowed:
            rows = rows.filter(allocation__initiative__in=self.initiatives().values("pk"))
        return rows


def available(source, year=None):
    """What `source` has not allocated yet: at the end of `year` (the allocations of that year
    and before counted) or today (all of them). The same for every neighbourhood: a stock of
    the whole programme."""
    allocated = getattr(source, "allocated_total", None) if year is None else None
    if allocated is None:
        rows = Allocation.objects.filter(source=source)
        allocated = total(rows.filter(year__lte=year) if year else rows)
    return source.amount - allocated


@dataclass
class SourceSummary:
    """The sources: what each has, what was allocated and spent in the scope, and what is
    left (a stock, at the end of the year or today)."""

    sources: list
    total_budget: Decimal
    total_allocated: Decimal
    total_spent: Decimal
    total_available: Decimal
    includes_demo: bool
    scope: Scope = field(default_factory=Scope)

    @property
    def year(self):
        return self.scope.year

    @property
    def total_remaining(self):
        return self.total_available


@dataclass
class FundingSummary(SourceSummary):
    """The sources, and where the money went: per spearhead, per alliance, per initiative."""

    by_spearhead: list = field(default_factory=list)
    by_alliance: list = field(default_factory=list)
    # A queryset (initiatives_with_money): /geld/ shows it a page at a time, the report whole.
    initiatives: QuerySet = None
    years: list = field(default_factory=list)

    @cached_property
    def _listed(self):
        return listed_totals(self.scope, self.initiatives)

    @property
    def listed_allocated(self):
        return self._listed[0]

    @property
    def listed_spent(self):
        return self._listed[1]

    @property
    def unlisted_allocated(self):
        """Money for initiatives not (yet) on the site, so the table adds up to the sources."""
        return self.total_allocated - self.listed_allocated

    @property
    def unlisted_spent(self):
        return self.total_spent - self.listed_spent

    @property
    def has_unlisted(self):
        return bool(self.unlisted_allocated or self.unlisted_spent)


def listed_totals(scope, initiatives):
    """(allocated, spent) of these initiatives in the scope, summed in the database (two
    queries, however many initiatives there are)."""
    listed = initiatives.values("pk")
    return (total(scope.allocations().filter(initiative__in=listed)),
            total(scope.spending().filter(allocation__initiative__in=listed)))


def includes_demo(scope):
    return (scope.allocations().filter(is_demo=True).exists()
            or scope.spending().filter(is_demo=True).exists())


def _with_money(rows, path, scope):
    """`rows` (a handful: spearheads, alliances) with allocated, in total and per source kind,
    and spent attached: two grouped queries, one pass over the allocations and one over the
    spending, where a subquery per row would walk its allocations once per sum."""
    kinds = FundingSource.Kind.values
    allocated = {
        sums.pop(path): sums
        for sums in scope.allocations().order_by().values(path).annotate(
            allocated_total=Sum("amount"),
            **{f"allocated_{kind}": Sum("amount", filter=Q(source__kind=kind)) for kind in kinds})
    }
    spent = dict(scope.spending().order_by().values_list(f"allocation__{path}")
                 .annotate(Sum("amount")))
    rows = list(rows)
    for row in rows:
        sums = allocated.get(row.pk, {})
        for name in ("allocated_total", *(f"allocated_{kind}" for kind in kinds)):
            setattr(row, name, sums.get(name) or ZERO_EUROS)
        row.spent_total = spent.get(row.pk) or ZERO_EUROS
    return rows


def initiatives_with_money(scope=None, order=DEFAULT_ORDER):
    """Published initiatives in the scope with an allocation or spending in it, with allocated
    (in total and per source kind) and spent in the scope."""
    scope = scope or Scope()
    year = Scope(year=scope.year)  # the initiative itself is narrowed below
    money = {"allocated_total": _sum_through(year.allocations(), "initiative")}
    for kind in FundingSource.Kind.values:
        money[f"allocated_{kind}"] = _sum_through(
            year.allocations().filter(source__kind=kind), "initiative")
    money["spent_total"] = _sum_through(year.spending(), "allocation__initiative")
    initiatives = (
        scope.initiatives().filter(is_published=True)
        .filter(Exists(year.allocations().filter(initiative=OuterRef("pk")))
                | Exists(year.spending().filter(allocation__initiative=OuterRef("pk"))))
        .annotate(**money)
        .select_related("spearhead", "alliance")
        .prefetch_related("neighbourhoods")
    )
    return initiatives.order_by(*INITIATIVE_ORDER.get(order, INITIATIVE_ORDER[DEFAULT_ORDER]))


def money_years():
    """The years with allocations or spending, newest first (ordered here: Meta.ordering would
    make the DISTINCT per row)."""
    allocated = Allocation.objects.order_by().values_list("year", flat=True).distinct()
    spent = Spending.objects.order_by().values_list("period_end__year", flat=True).distinct()
    return sorted({*allocated, *spent}, reverse=True)


# The name the admin's report form and older callers use.
allocation_years = money_years


def source_summary(scope=None):
    scope = scope or Scope()
    sources = list(with_allocated(FundingSource.objects.all()).prefetch_related("funders")
                   .annotate(allocated_shown=_sum_through(scope.allocations(), "source"),
                             spent_total=_sum_through(scope.spending(), "allocation__source"))
                   .order_by("-amount"))
    for source in sources:
        # A stock of the whole programme: the end of the year shown, or today.
        source.available = source.remaining_total = available(source, scope.year)
    return SourceSummary(
        sources=sources,
        total_budget=sum((s.amount for s in sources), ZERO_EUROS),
        total_allocated=sum((s.allocated_shown for s in sources), ZERO_EUROS),
        total_spent=sum((s.spent_total for s in sources), ZERO_EUROS),
        total_available=sum((s.available for s in sources), ZERO_EUROS),
        includes_demo=includes_demo(scope),
        scope=scope,
    )


def funding_summary(scope=None, order=DEFAULT_ORDER, years=None):
    """`years`: the years with money, when the caller looked them up already."""
    scope = scope or Scope()
    totals = source_summary(scope)
    return FundingSummary(
        **vars(totals),
        by_spearhead=_with_money(Spearhead.objects.order_by("number"),
                                 "initiative__spearhead", scope),
        by_alliance=_with_money(Alliance.objects.order_by("position", "name"),
                                "initiative__alliance", scope),
        initiatives=initiatives_with_money(scope, order),
        years=money_years() if years is None else years,
    )


def neighbourhood_money(neighbourhood):
    """The totals of /geld/?neighbourhood=… for the neighbourhood's page, all years. The
    sentence on that page speaks of the initiatives on the site: their rows on /geld/. Only
    what it shows is summed, not the sources, spearheads and alliances of /geld/ itself."""
    scope = Scope(neighbourhood=neighbourhood)
    initiatives = initiatives_with_money(scope)
    allocated, spent = listed_totals(scope, initiatives)
    return {"allocated": allocated, "spent": spent, "initiatives": initiatives.count(),
            "includes_demo": includes_demo(scope)}


def initiative_money(allocations):
    """An initiative's own totals, from its allocations (loaded with `with_spent`), all years."""
    return {"allocated_total": sum((a.amount for a in allocations), ZERO_EUROS),
            "spent_total": sum((a.spent_total for a in allocations), ZERO_EUROS)}
