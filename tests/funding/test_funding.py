"""Allocations never spend more than a funding source holds."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from funding.figures import funding_summary
from funding.models import Allocation, FundingSource, check_within_budget
from funding.services import allocate_funds
from tests.factories import AllocationFactory, FundingSourceFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_source():
    return FundingSourceFactory(kind=FundingSource.Kind.REGION, amount=Decimal("1000.00"))


def allocate(source, amount, reference, initiative=None):
    return allocate_funds(
        initiative=initiative or InitiativeFactory(),
        source=source,
        amount=amount,
        year=2025,
        decision_date=datetime.date(2025, 5, 1),
        reference=reference,
    )


def stored_total(source):
    return FundingSource.objects.with_totals().get(pk=source.pk).allocated_total


def refusal_text(excinfo):
    return " ".join(excinfo.value.messages)


class TestAllocatingFunds:
    def test_an_allocation_within_the_budget_is_saved(self, regio_source, initiative):
        allocation = allocate(regio_source, "250000.00", "RD-1", initiative)

        stored = Allocation.objects.get(pk=allocation.pk)
        assert stored.amount == Decimal("250000.00")
        assert stored.initiative == initiative
        assert stored.source == regio_source

    def test_an_allocation_beyond_the_remaining_amount_is_refused_with_what_is_left(
        self, regio_source
    ):
        allocate(regio_source, "30999000.00", "RD-1")

        with pytest.raises(ValidationError) as excinfo:
            allocate(regio_source, "1000.01", "RD-2")

        message = refusal_text(excinfo)
        assert "Dit past niet in Regio Den Haag" in message
        assert "1.000,00" in message  # still available, in Dutch notation
        assert "1.000,01" in message  # what was asked
        assert "beschikbaar" in message
        assert not Allocation.objects.filter(reference="RD-2").exists()
        assert stored_total(regio_source) == Decimal("30999000.00")

    def test_the_exact_remaining_amount_is_accepted(self, small_source):
        allocate(small_source, "333.33", "RD-1")
        allocate(small_source, "333.33", "RD-2")

        allocate(small_source, "333.34", "RD-3")

        assert small_source.remaining_amount() == Decimal("0.00")

    def test_one_cent_more_than_the_remaining_amount_is_refused(self, small_source):
        allocate(small_source, "333.33", "RD-1")
        allocate(small_source, "333.33", "RD-2")

        with pytest.raises(ValidationError) as excinfo:
            allocate(small_source, "333.35", "RD-3")

        assert "333,34" in refusal_text(excinfo)
        assert Allocation.objects.count() == 2
        assert small_source.remaining_amount() == Decimal("333.34")

    def test_a_full_source_refuses_even_one_cent_and_says_nothing_is_left(self, small_source):
        allocate(small_source, "1000.00", "RD-1")

        with pytest.raises(ValidationError) as excinfo:
            allocate(small_source, "0.01", "RD-2")

        assert "0,00" in refusal_text(excinfo)
        assert Allocation.objects.count() == 1

    def test_allocations_from_another_source_do_not_count(self, small_source, rijk_source):
        allocate(rijk_source, "17000000.00", "RIJK-1")

        allocate(small_source, "1000.00", "RD-1")

        assert small_source.remaining_amount() == Decimal("0.00")
        assert rijk_source.remaining_amount() == Decimal("1000000.00")

    @pytest.mark.parametrize("amount", ["0.00", "-0.01", "-500.00"])
    def test_a_non_positive_amount_is_refused(self, small_source, amount):
        with pytest.raises(ValidationError) as excinfo:
            allocate(small_source, amount, "RD-1")

        assert "amount" in excinfo.value.message_dict
        assert "Het bedrag moet groter zijn dan 0 euro." in excinfo.value.message_dict["amount"]
        assert not Allocation.objects.exists()


class TestEditingAnAllocation:
    def test_raising_an_allocation_counts_its_old_amount_out(self, small_source):
        allocation = allocate(small_source, "300.00", "RD-1")
        allocate(small_source, "200.00", "RD-2")

        # 500 is left; this allocation may grow to its own 300 plus those 500.
        allocation.amount = Decimal("800.00")
        allocation.full_clean()
        allocation.save()

        allocation.refresh_from_db()
        assert allocation.amount == Decimal("800.00")
        assert small_source.remaining_amount() == Decimal("0.00")

    def test_raising_an_allocation_beyond_the_remaining_amount_is_refused(self, small_source):
        allocation = allocate(small_source, "300.00", "RD-1")
        allocate(small_source, "200.00", "RD-2")

        allocation.amount = Decimal("800.01")
        with pytest.raises(ValidationError) as excinfo:
            allocation.full_clean()

        # Available for this allocation: the 1000 minus the other allocation's 200.
        assert "800,00" in refusal_text(excinfo)
        allocation.refresh_from_db()
        assert allocation.amount == Decimal("300.00")

    def test_saving_without_full_clean_is_checked_too(self, small_source):
        allocation = allocate(small_source, "300.00", "RD-1")
        allocate(small_source, "200.00", "RD-2")

        allocation.amount = Decimal("900.00")
        with pytest.raises(ValidationError):
            allocation.save()

        assert Allocation.objects.get(pk=allocation.pk).amount == Decimal("300.00")
        assert small_source.remaining_amount() == Decimal("500.00")

    def test_lowering_an_allocation_on_a_full_source_is_allowed(self, small_source):
        allocation = allocate(small_source, "1000.00", "RD-1")

        allocation.amount = Decimal("400.00")
        allocation.full_clean()
        allocation.save()

        assert small_source.remaining_amount() == Decimal("600.00")

    def test_a_factory_made_allocation_goes_through_the_same_check(self, small_source):
        AllocationFactory(source=small_source, amount=Decimal("900.00"))

        with pytest.raises(ValidationError):
            AllocationFactory(source=small_source, amount=Decimal("100.01"))

        assert small_source.remaining_amount() == Decimal("100.00")


class TestCheckWithinBudget:
    def test_returns_what_is_available_when_the_amount_fits(self, small_source):
        allocate(small_source, "250.00", "RD-1")

        assert check_within_budget(small_source.pk, adding=Decimal("10.00")) == Decimal("750.00")

    def test_refuses_with_the_over_allocated_code(self, small_source):
        with pytest.raises(ValidationError) as excinfo:
            check_within_budget(small_source.pk, adding=Decimal("1000.01"))

        assert excinfo.value.code == "over_allocated"


class TestDatabaseConstraints:
    def test_the_database_refuses_a_negative_allocation_even_via_a_raw_update(self, small_source):
        allocation = allocate(small_source, "100.00", "RD-1")

        with pytest.raises(IntegrityError), transaction.atomic():
            Allocation.objects.filter(pk=allocation.pk).update(amount=Decimal("-100.00"))

        assert Allocation.objects.get(pk=allocation.pk).amount == Decimal("100.00")

    def test_the_database_refuses_a_zero_allocation_even_via_a_raw_update(self, small_source):
        allocation = allocate(small_source, "100.00", "RD-1")

        with pytest.raises(IntegrityError), transaction.atomic():
            Allocation.objects.filter(pk=allocation.pk).update(amount=Decimal("0.00"))

        assert Allocation.objects.get(pk=allocation.pk).amount == Decimal("100.00")

    def test_the_database_refuses_a_negative_funding_source(self, small_source):
        with pytest.raises(IntegrityError), transaction.atomic():
            FundingSource.objects.filter(pk=small_source.pk).update(amount=Decimal("-1.00"))

        small_source.refresh_from_db()
        assert small_source.amount == Decimal("1000.00")

    def test_the_database_refuses_an_implausible_year(self, small_source):
        allocation = allocate(small_source, "100.00", "RD-1")

        with pytest.raises(IntegrityError), transaction.atomic():
            Allocation.objects.filter(pk=allocation.pk).update(year=1999)

        assert Allocation.objects.get(pk=allocation.pk).year == 2025


class TestTotals:
    def test_with_totals_annotates_the_allocated_total_per_source(self, regio_source, rijk_source):
        allocate(regio_source, "1250000.50", "RD-1")
        allocate(regio_source, "750000.25", "RD-2")

        sources = FundingSource.objects.with_totals()
        totals = {source.pk: source.allocated_total for source in sources}

        assert totals[regio_source.pk] == Decimal("2000000.75")
        assert totals[rijk_source.pk] == Decimal("0")

    def test_remaining_amount_is_the_amount_minus_all_allocations(self, regio_source):
        assert regio_source.remaining_amount() == Decimal("31000000.00")

        allocate(regio_source, "1000000.00", "RD-1")
        allocate(regio_source, "0.01", "RD-2")

        assert regio_source.remaining_amount() == Decimal("29999999.99")


class TestOneRemainingAmount:
    """What is left of a source is worked out in one place (FundingSource.remaining_amount);
    the budget check, the funding page and the admin all report that same figure."""

    def test_the_check_the_funding_page_and_the_admin_agree(self, regio_source, rijk_source):
        allocate(regio_source, "1000000.00", "RD-1")
        allocate(rijk_source, "250000.50", "RK-1")
        summary = funding_summary()
        listed = {source.pk: source for source in summary.sources}
        admin = site._registry[FundingSource]

        for source in (regio_source, rijk_source):
            remaining = source.remaining_amount()
            assert check_within_budget(source.pk, adding=Decimal("0.01")) == remaining
            assert listed[source.pk].remaining_total == remaining
            annotated = FundingSource.objects.with_totals().get(pk=source.pk)
            assert admin.remaining_display(annotated) == admin.remaining_display(source)
        assert summary.total_remaining == (
            regio_source.remaining_amount() + rijk_source.remaining_amount()
        )
        assert summary.total_remaining == summary.total_budget - summary.total_allocated

    def test_a_listed_source_uses_its_annotation_without_another_query(
        self, regio_source, django_assert_num_queries
    ):
        allocate(regio_source, "1000000.00", "RD-1")
        [listed] = FundingSource.objects.with_totals().filter(pk=regio_source.pk)

        with django_assert_num_queries(0):
            assert listed.remaining_amount() == Decimal("30000000.00")

    def test_replaced_allocations_are_left_out_even_on_a_listed_source(self, small_source):
        first = allocate(small_source, "600.00", "RD-1")
        allocate(small_source, "300.00", "RD-2")
        [listed] = FundingSource.objects.with_totals().filter(pk=small_source.pk)

        assert small_source.remaining_amount() == Decimal("100.00")
        assert small_source.remaining_amount(excluding=[first.pk]) == Decimal("700.00")
        assert listed.remaining_amount(excluding=[first.pk, None]) == Decimal("700.00")
        assert check_within_budget(small_source.pk, replacing=[first.pk],
                                   adding=Decimal("700.00")) == Decimal("700.00")
