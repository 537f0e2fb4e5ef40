"""Every money figure reconciles, for random allocations and spending in random years, over
initiatives in one, several or no neighbourhoods: for every view (a year or all, a
neighbourhood or all, a spearhead or all), every table's rows add up to its totals, the totals
agree across tables and with a plain recount of the rows drawn, the page shows the same, the
report's spreadsheet and the API agree with the page, and no allocation is ever overspent.

Hypothesis draws the data; derandomize and a fixed number of examples keep every run the same
(it runs in CI on SQLite and on PostgreSQL). Each example runs in a transaction that is rolled
back, so the examples do not see each other's rows.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from funding.figures import (
    Scope,
    funding_summary,
    money_years,
    published_allocations,
    with_spent,
)
from funding.models import Allocation, FundingSource, Spending
from progress.report.annual import annual_report
from progress.report.xlsx import report_xlsx
from tests.factories import (
    AllianceFactory,
    FundingSourceFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    SpearheadFactory,
)
from zuidwest.ui.money import format_euros

pytestmark = pytest.mark.django_db

YEARS = [2024, 2025, 2026, 2027]
# No shrinking: one example checks some sixty views, and shrinking a failure would take minutes;
# the failing example is printed as drawn.
PROPERTIES = settings(max_examples=12, derandomize=True, deadline=None, database=None,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])
CENT = Decimal("0.01")


@pytest.fixture
def world():
    """Two sources, three neighbourhoods, two spearheads and alliances, and initiatives in one
    neighbourhood, in two, in none, and one not on the site."""
    sources = {kind: FundingSourceFactory(kind=kind, amount=Decimal("50000000"))
               for kind in FundingSource.Kind.values}
    hoods = [NeighbourhoodFactory(name=name) for name in ("Moerwijk", "Bouwlust", "Morgenstond")]
    spearheads = [SpearheadFactory(), SpearheadFactory()]
    alliances = [AllianceFactory(), AllianceFactory()]
    layout = [  # neighbourhoods, spearhead, alliance, published
        ([0], 0, 0, True), ([0, 1], 1, 0, True), ([1], 0, 1, True), ([], 1, 1, True),
        ([2], 0, 1, True), ([0, 2], 1, 0, False),
    ]
    initiatives = [
        InitiativeFactory(neighbourhoods=[hoods[n] for n in places], spearhead=spearheads[s],
                          alliance=alliances[a], is_published=published)
        for places, s, a, published in layout]
    return {"sources": sources, "hoods": hoods, "spearheads": spearheads,
            "initiatives": initiatives}


amount = st.integers(min_value=1, max_value=500_000_00).map(lambda cents: Decimal(cents) / 100)
spending_draw = st.tuples(st.sampled_from(YEARS), amount)
allocation_draw = st.tuples(
    st.integers(min_value=0, max_value=5),  # which initiative
    st.sampled_from(FundingSource.Kind.values),
    amount,
    st.sampled_from(YEARS),
    st.lists(spending_draw, max_size=4),
)
money_draw = st.lists(allocation_draw, max_size=10)


def _store(world, draws):
    """Save the drawn rows through the models' own checks; spending that would overspend its
    allocation is refused, as it is in the admin. Returns the rows that were saved."""
    allocations, spendings = [], []
    for number, (which, kind, money, year, spends) in enumerate(draws):
        allocation = Allocation(initiative=world["initiatives"][which],
                                source=world["sources"][kind], amount=money, year=year,
                                decision_date=datetime.date(year, 3, 1),
                                reference=f"P-{number}")
        allocation.full_clean()
        allocation.save()
        allocations.append(allocation)
        for spent_year, spent in spends:
            spending = Spending(allocation=allocation, amount=spent,
                                period_start=datetime.date(spent_year, 1, 1),
                                period_end=datetime.date(spent_year, 6, 30))
            try:
                spending.full_clean()
                spending.save()
            except ValidationError:
                continue
            spendings.append(spending)
    return allocations, spendings


def _counts(scope, initiative):
    return ((scope.neighbourhood is None
             or initiative.neighbourhoods.filter(pk=scope.neighbourhood.pk).exists())
            and (scope.spearhead is None or initiative.spearhead_id == scope.spearhead.pk))


def _expected(scope, allocations, spendings):
    """The definitions, recounted in plain Python from the rows saved."""
    in_scope = {a.initiative_id: _counts(scope, a.initiative) for a in allocations}
    allocated = [a for a in allocations if in_scope[a.initiative_id]
                 and (scope.year is None or a.year == scope.year)]
    spent = [s for s in spendings if in_scope[s.allocation.initiative_id]
             and (scope.year is None or s.period_end.year == scope.year)]
    listed = {a.initiative.title for a in allocated if a.initiative.is_published} | {
        s.allocation.initiative.title for s in spent if s.allocation.initiative.is_published}
    return (sum((a.amount for a in allocated), Decimal(0)),
            sum((s.amount for s in spent), Decimal(0)), listed)


def _scopes(world):
    hoods = [None, *world["hoods"]]
    spearheads = [None, *world["spearheads"]]
    for year in [None, *YEARS]:
        for hood in hoods:
            yield Scope(year=year, neighbourhood=hood)
        for spearhead in spearheads[1:]:
            yield Scope(year=year, spearhead=spearhead)
        yield Scope(year=year, neighbourhood=hoods[1], spearhead=spearheads[1])


def _check_summary(summary, world, allocations, spendings):
    scope = summary.scope
    allocated, spent, listed = _expected(scope, allocations, spendings)
    assert (summary.total_allocated, summary.total_spent) == (allocated, spent), scope
    # The sources table.
    assert sum((s.allocated_shown for s in summary.sources), Decimal(0)) == allocated
    assert sum((s.spent_total for s in summary.sources), Decimal(0)) == spent
    for source in summary.sources:  # a stock at the end of the year, or today
        counted = [a.amount for a in allocations if a.source_id == source.pk
                   and (scope.year is None or a.year <= scope.year)]
        assert source.available == source.amount - sum(counted, Decimal(0))
    assert summary.total_available == sum((s.available for s in summary.sources), Decimal(0))
    # The initiatives table: every initiative with money in the view, and the rows add up.
    rows = list(summary.initiatives)
    assert {row.title for row in rows} == listed, scope
    assert summary.unlisted_allocated >= 0 and summary.unlisted_spent >= 0
    assert sum((r.allocated_total for r in rows), summary.unlisted_allocated) == allocated
    assert sum((r.spent_total for r in rows), summary.unlisted_spent) == spent
    for row in rows:
        assert row.allocated_region + row.allocated_national == row.allocated_total
    # The spearhead and alliance tables.
    for table in (summary.by_spearhead, summary.by_alliance):
        assert sum((r.allocated_total for r in table), Decimal(0)) == allocated
        assert sum((r.spent_total for r in table), Decimal(0)) == spent


def _euros(text):
    return [Decimal(x.replace(".", "").replace(",", "."))
            for x in re.findall(r"€\xa0(-?[\d.]+,\d\d)", text)]


def _table(html, table_id):
    """The rows of one table on the page, each as its amounts; the total row last."""
    table = re.search(rf'<caption[^>]*id="{table_id}".*?<tbody[^>]*>(.*?)</tbody>', html, re.S)
    assert table, table_id
    return [_euros(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)]


def _check_page(client, summary):
    scope = summary.scope
    if scope.year and scope.year not in money_years():
        return  # not a choice on the page: a year without money is not offered
    query = {"year": scope.year or "",
             "neighbourhood": scope.neighbourhood.slug if scope.neighbourhood else "",
             "spearhead": scope.spearhead.slug if scope.spearhead else ""}
    html = client.get(reverse("funding:overview"), query).content.decode()
    allocated, spent = summary.total_allocated, summary.total_spent
    # Sources: [amount,] allocated, spent[, available] per row; the total row last.
    sources = _table(html, "bronnen-tabel")
    offset = 0 if scope.narrowed else 1
    for column, whole in ((offset, allocated), (offset + 1, spent)):
        assert sum(row[column] for row in sources[:-1]) == sources[-1][column] == whole
    if not scope.narrowed:
        assert sum(row[3] for row in sources[:-1]) == sources[-1][3] == summary.total_available
    # Initiatives: region, national, allocated, spent (the share is no amount).
    initiatives = _table(html, "initiatieven-tabel") if summary.initiatives.exists() else []
    if initiatives:
        body = initiatives[:-1]
        assert sum(row[-2] for row in body) == initiatives[-1][-2] == allocated
        assert sum(row[-1] for row in body) == initiatives[-1][-1] == spent
    for table_id in ("speerpunten-tabel", "allianties-tabel"):
        rows = _table(html, table_id)
        assert sum(row[2] for row in rows[:-1]) == rows[-1][0] == allocated
        assert sum(row[3] for row in rows[:-1]) == rows[-1][1] == spent
    # The bars under the sources speak of the same figures as the table.
    bars = re.findall(r'<span class="money-bar__amount">(.*?)</span>',
                      re.search(r'<ul class="bar-list">(.*?)</ul>', html, re.S).group(1), re.S)
    assert [bar.split(" <")[0].strip() for bar in bars] == [
        format_euros(source.allocated_shown, 0) for source in summary.sources]


def _check_report(summary):
    workbook = load_workbook(io.BytesIO(report_xlsx(annual_report(summary.scope.year))))

    def column(sheet, index):
        return [Decimal(str(row[index] or 0)).quantize(CENT)
                for row in workbook[sheet].iter_rows(min_row=2, values_only=True)]

    for index, whole in ((2, summary.total_allocated), (3, summary.total_spent),
                         (4, summary.total_available)):
        values = column("Geldbronnen", index)
        assert sum(values[:-1]) == values[-1] == whole
    for index, whole in ((4, summary.total_allocated), (5, summary.total_spent)):
        values = column("Initiatieven", index)
        assert sum(values[:-1]) == values[-1] == whole


def _check_api(client, summary):
    response = client.get("/api/v1/allocations", {"year": summary.scope.year, "pageSize": 200})
    api = sum((Decimal(a["amount"]["amount"]) for a in response.json()["results"]), Decimal(0))
    assert api == summary.listed_allocated


@PROPERTIES
@given(draws=money_draw, seen=st.sampled_from(range(40)), year=st.sampled_from(YEARS))
def test_every_money_figure_reconciles(client, world, draws, seen, year):
    # Rows rolled back send no signal: a page cached in the previous example must go.
    cache.clear()
    with transaction.atomic():
        allocations, spendings = _store(world, draws)
        scopes = list(_scopes(world))
        for scope in scopes:
            _check_summary(funding_summary(scope, years=[]), world, allocations, spendings)
        # The page, the report and the API: for one view and one year of each example.
        _check_page(client, funding_summary(scopes[seen % len(scopes)], years=[]))
        yearly = funding_summary(Scope(year=year), years=[])
        _check_page(client, yearly)
        _check_report(yearly)
        _check_api(client, yearly)
        # Spent never exceeds allocated, per allocation, whatever was tried.
        assert all(a.spent_total <= a.amount for a in with_spent(Allocation.objects.all()))
        assert published_allocations().count() == sum(
            1 for a in allocations if a.initiative.is_published)
        transaction.set_rollback(True)
