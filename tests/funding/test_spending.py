"""What the money achieved so far: spending per allocation never exceeds the allocation, an
allocation's amount changes only by a recorded decision, and /geld/ shows on what the money
goes, with totals that add up to the sources."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.figures import FUNDING_PAGE_SIZE, funding_summary
from funding.models import Allocation, AllocationRevision, FundingSource, Spending
from funding.services import revise_allocation
from initiatives.models import Initiative
from tests.factories import (
    AllocationFactory,
    FundingSourceFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
)

pytestmark = pytest.mark.django_db

Q1 = {"period_start": datetime.date(2025, 1, 1), "period_end": datetime.date(2025, 3, 31)}


def spend(allocation, amount, **period):
    spending = Spending(allocation=allocation, amount=Decimal(amount), **(period or Q1))
    spending.full_clean()
    spending.save()
    return spending


@pytest.fixture
def allocation():
    return AllocationFactory(amount=Decimal("1000.00"))


# --- the invariant ------------------------------------------------------------------------------


def test_spending_up_to_the_allocation_is_kept(allocation):
    spend(allocation, "600.00")
    spend(allocation, "400.00")
    assert Allocation.objects.with_spent().get(pk=allocation.pk).spent_total == Decimal("1000")


def test_spending_more_than_is_left_is_refused_in_dutch(allocation):
    spend(allocation, "600.00")
    with pytest.raises(ValidationError) as error:
        spend(allocation, "400.01")
    assert error.value.messages == [
        f"Dit is meer dan er over is van toekenning {allocation.reference}: er is nog "
        "€\u00a0400,00 niet besteed, je vult €\u00a0400,01 in."]
    assert allocation.spendings.count() == 1


def test_the_save_itself_checks_the_allocation(allocation):
    # Also without full_clean (a script, a shell): save() checks under the allocation's lock.
    Spending(allocation=allocation, amount=Decimal("900.00"), **Q1).save()
    with pytest.raises(ValidationError):
        Spending(allocation=allocation, amount=Decimal("200.00"), **Q1).save()


def test_changing_a_spending_counts_its_new_amount_only(allocation):
    spending = spend(allocation, "900.00")
    spending.amount = Decimal("1000.00")
    spending.full_clean()
    spending.save()
    assert allocation.spent_amount() == Decimal("1000.00")


def test_the_database_refuses_a_period_that_ends_before_it_starts(allocation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Spending.objects.bulk_create([Spending(
            allocation=allocation, amount=Decimal("1"), period_start=datetime.date(2025, 2, 1),
            period_end=datetime.date(2025, 1, 1))])


# --- revising an allocation ---------------------------------------------------------------------


def test_a_revision_changes_the_amount_and_stays_in_the_history(allocation, admin_user):
    revise_allocation(allocation, new_amount="1500.00", decided_on=datetime.date(2025, 9, 1),
                      reason="Meer deelnemers.", staff=admin_user)
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("1500.00")
    revision = AllocationRevision.objects.get(allocation=allocation)
    assert (revision.previous_amount, revision.new_amount) == (Decimal("1000.00"),
                                                               Decimal("1500.00"))
    assert revision.reason == "Meer deelnemers." and revision.decided_by == admin_user


def test_an_allocation_cannot_be_lowered_below_what_was_spent(allocation):
    spend(allocation, "700.00")
    with pytest.raises(ValidationError) as error:
        revise_allocation(allocation, new_amount="600.00", decided_on=datetime.date(2025, 9, 1),
                          reason="Minder nodig.")
    assert "Er is al €\u00a0700,00 besteed" in " ".join(error.value.messages)
    assert Allocation.objects.get(pk=allocation.pk).amount == Decimal("1000.00")
    assert not AllocationRevision.objects.exists()


def test_a_revision_needs_a_reason(allocation):
    with pytest.raises(ValidationError):
        revise_allocation(allocation, new_amount="900.00", decided_on=datetime.date(2025, 9, 1),
                          reason="  ")


def test_a_revision_cannot_raise_beyond_the_source():
    source = FundingSourceFactory(amount=Decimal("1000.00"))
    allocation = AllocationFactory(source=source, amount=Decimal("800.00"))
    with pytest.raises(ValidationError):
        revise_allocation(allocation, new_amount="1000.01", decided_on=datetime.date(2025, 9, 1),
                          reason="Meer.")


def test_the_admin_asks_a_reason_for_a_new_amount(admin_client, allocation):
    url = reverse("admin:funding_allocation_change", args=[allocation.pk])
    data = {"initiative": allocation.initiative.pk, "source": allocation.source.pk,
            "amount": "1200.00", "year": "2025", "decision_date": "2025-03-01",
            "reference": allocation.reference, "note": "",
            "spendings-TOTAL_FORMS": "0", "spendings-INITIAL_FORMS": "0",
            "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Schrijf op waarom het bedrag verandert." in response.content.decode()
    assert Allocation.objects.get(pk=allocation.pk).amount == Decimal("1000.00")

    data.update(revision_reason="Extra groep.", revision_date="2025-10-01")
    assert admin_client.post(url, data).status_code == 302
    assert Allocation.objects.get(pk=allocation.pk).amount == Decimal("1200.00")
    assert AllocationRevision.objects.get().reason == "Extra groep."


# --- /geld/ ---------------------------------------------------------------------------------------


@pytest.fixture
def money():
    region = FundingSourceFactory(kind=FundingSource.Kind.REGION, amount=Decimal("31000000"))
    national = FundingSourceFactory(kind=FundingSource.Kind.NATIONAL, amount=Decimal("18000000"))
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    buurtkamer = InitiativeFactory(title="Buurtkamer", neighbourhoods=[moerwijk])
    leerwerk = InitiativeFactory(title="Leerwerkplaats")
    hidden = InitiativeFactory(title="Nog niet op de site", is_published=False)
    a = AllocationFactory(initiative=buurtkamer, source=region, amount=Decimal("100000"),
                          year=2025)
    AllocationFactory(initiative=buurtkamer, source=national, amount=Decimal("50000"),
                      year=2026)
    b = AllocationFactory(initiative=leerwerk, source=region, amount=Decimal("2000000"),
                          year=2025)
    AllocationFactory(initiative=hidden, source=national, amount=Decimal("30000"), year=2025)
    spend(a, "25000.00")
    spend(b, "500000.00", period_start=datetime.date(2026, 1, 1),
          period_end=datetime.date(2026, 6, 30))
    return {"moerwijk": moerwijk, "region": region, "national": national}


def test_the_initiatives_add_up_to_the_sources(money):
    summary = funding_summary()
    by_source = sum((s.allocated_total for s in summary.sources), Decimal(0))
    assert summary.total_allocated == by_source == Decimal("2180000")
    assert summary.listed_allocated + summary.unlisted_allocated == by_source
    assert summary.unlisted_allocated == Decimal("30000")
    assert summary.total_spent == Decimal("525000")
    assert sum((s.allocated_total for s in summary.by_spearhead), Decimal(0)) == by_source
    assert sum((a.spent_total for a in summary.by_alliance), Decimal(0)) == Decimal("525000")


def test_spending_does_not_multiply_allocations(money):
    # A join of allocations with their spending would count an allocation once per row.
    allocation = Allocation.objects.get(amount=Decimal("100000"))
    spend(allocation, "1000.00", period_start=datetime.date(2025, 4, 1),
          period_end=datetime.date(2025, 6, 30))
    rows = {i.title: i for i in funding_summary().initiatives}
    assert rows["Buurtkamer"].allocated_total == Decimal("150000")
    assert rows["Buurtkamer"].spent_total == Decimal("26000")


def test_one_year_shows_that_years_allocations_and_spending(money):
    summary = funding_summary(year=2026)
    rows = {i.title: (i.allocated_total, i.spent_total) for i in summary.initiatives}
    assert rows == {"Buurtkamer": (Decimal("50000"), Decimal("0"))}
    assert summary.total_allocated == Decimal("50000")
    assert summary.total_spent == Decimal("500000")  # spent in 2026 from a 2025 allocation


def test_a_resident_sees_which_initiatives_in_moerwijk_got_money(client, money):
    response = client.get(reverse("funding:overview"), {"neighbourhood": "moerwijk"})
    html = response.content.decode()
    assert [i.title for i in response.context["funding"].initiatives] == ["Buurtkamer"]
    assert "Initiatieven in Moerwijk die geld kregen" in html
    assert "€\u00a0150.000,00" in html and "€\u00a025.000,00" in html


def test_the_initiatives_can_be_sorted(client, money):
    def order(value):
        response = client.get(reverse("funding:overview"), {"order": value})
        return [i.title for i in response.context["funding"].initiatives]

    assert order("naam") == ["Buurtkamer", "Leerwerkplaats"]
    assert order("toegekend") == ["Leerwerkplaats", "Buurtkamer"]
    assert order("besteed") == ["Leerwerkplaats", "Buurtkamer"]


def test_the_initiatives_table_shows_fifty_at_a_time_with_the_totals_of_all(client, money):
    for _ in range(FUNDING_PAGE_SIZE):
        AllocationFactory(source=money["region"], amount=Decimal("1000"), year=2025)

    first = client.get(reverse("funding:overview"), {"order": "naam"})
    second = client.get(reverse("funding:overview"), {"order": "naam", "pagina": "2"})

    assert len(first.context["page_obj"].object_list) == FUNDING_PAGE_SIZE
    assert [i.title for i in second.context["page_obj"].object_list] == [
        i.title for i in Initiative.objects.filter(allocations__isnull=False, is_published=True)
        .distinct().order_by("title")][FUNDING_PAGE_SIZE:]
    assert 'rel="next" href="?order=naam&amp;pagina=2"' in first.content.decode()
    # The total row counts every listed initiative, not only those on the page.
    for response in (first, second):
        assert response.context["funding"].listed_allocated == Decimal("2200000")
        assert "€\u00a02.230.000,00" in response.content.decode()


def test_a_small_share_reads_below_one_percent(client, money):
    html = client.get(reverse("funding:overview")).content.decode()
    # 50,000 of 2,180,000 allocated is 2.3%; 25,000 spent of 150,000 is 17%; the national
    # source's 30,000 to a hidden initiative is listed as such.
    assert re.search(r"\(17%\)", html)
    assert "Initiatieven die nog niet op de site staan" in html


def test_bad_choices_are_ignored_politely(client, money):
    response = client.get(reverse("funding:overview"),
                          {"year": "1999", "order": "zzz", "neighbourhood": "atlantis"})
    assert response.status_code == 200
    assert len(response.context["funding"].initiatives) == 2
    assert "Deze keuze kennen we niet. We laten dit filter weg." in response.content.decode()


def test_the_initiative_page_shows_its_money(client, money):
    initiative = money["moerwijk"].initiatives.get()
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "Toegekend: €\u00a0150.000,00 in totaal, waarvan €\u00a025.000,00 besteed" in html


def test_the_funding_page_costs_the_same_queries_with_ten_times_the_data(client, money):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("funding:overview")).status_code == 200
        return len(queries)

    small = count()
    for _ in range(20):
        allocation = AllocationFactory(source=money["region"], amount=Decimal("1000"))
        spend(allocation, "10.00")
    assert count() == small


@pytest.mark.parametrize("value, total, shown", [
    ("0", "1000", "0%"), ("4.99", "1000", "<1%"), ("5", "1000", "1%"), ("125", "1000", "13%"),
    ("1000", "1000", "100%"), ("5", "0", "0%")])
def test_a_share_under_half_a_percent_reads_below_one_percent(value, total, shown):
    from zuidwest.templatetags.portal import share_text

    assert share_text(Decimal(value), Decimal(total)) == shown
