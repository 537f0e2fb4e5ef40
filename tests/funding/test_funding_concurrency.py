"""Two staff members allocating at the same moment cannot spend the same euros twice.

Each thread gets its own database connection, so these tests need a database that several
connections share: PostgreSQL, or SQLite in a file (tests/conftest.py puts the SQLite test
database in a file; Django's default in-memory test database uses SQLite's shared cache, where
a second writer fails at once instead of waiting for the lock).
"""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from funding.models import Allocation, FundingSource, Spending, check_within_budget
from funding.services import allocate_funds
from tests.factories import FundingSourceFactory, InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Long enough for the waiting thread to reach the lock, well below SQLite's 5 s busy timeout.
HOLD_SECONDS = 0.5
THREAD_TIMEOUT = 30


def shared_database_or_skip():
    if connection.vendor == "postgresql":
        return
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if connection.creation.is_in_memory_db(name):
            pytest.skip(
                "SQLite in-memory test database: threads share it through SQLite's shared "
                "cache, where a second writer fails at once instead of waiting for the lock."
            )
        mode = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
        if (mode or "").upper() != "IMMEDIATE":
            pytest.skip("SQLite serialises writers only with transaction_mode IMMEDIATE.")
        return
    pytest.skip(f"Concurrency is only checked on PostgreSQL and SQLite, not {connection.vendor}.")


@pytest.fixture
def source():
    shared_database_or_skip()
    return FundingSourceFactory(kind=FundingSource.Kind.REGION, amount=Decimal("1000.00"))


def run_in_thread(target, results, key):
    """Run target in a thread with its own connection; store its outcome under results[key]."""

    def body():
        try:
            results[key] = target()
        except Exception as error:  # the test inspects what went wrong
            results[key] = error
        finally:
            results[f"{key}_finished_at"] = time.monotonic()
            connections.close_all()

    thread = threading.Thread(target=body, name=f"staff-{key}")
    thread.start()
    return thread


def allocation_kwargs(source, amount, reference):
    return {
        "initiative": InitiativeFactory(),
        "source": source,
        "amount": Decimal(amount),
        "year": 2025,
        "decision_date": datetime.date(2025, 6, 1),
        "reference": reference,
    }


def stored_sum(source):
    return FundingSource.objects.with_totals().get(pk=source.pk).allocated_total


def test_two_simultaneous_allocations_cannot_over_allocate(source):
    # Each fits on its own (600 of 1000); together they would spend 1200.
    requests = {
        "a": allocation_kwargs(source, "600.00", "RACE-A"),
        "b": allocation_kwargs(source, "600.00", "RACE-B"),
    }
    barrier = threading.Barrier(2, timeout=THREAD_TIMEOUT)
    results = {}

    def allocate(key):
        def attempt():
            barrier.wait()
            return allocate_funds(**requests[key])

        return attempt

    threads = [run_in_thread(allocate(key), results, key) for key in requests]
    for thread in threads:
        thread.join(THREAD_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "an allocation never finished"

    outcomes = [results["a"], results["b"]]
    saved = [outcome for outcome in outcomes if isinstance(outcome, Allocation)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(saved) == 1, outcomes
    assert len(refused) == 1, outcomes
    assert "400,00" in " ".join(refused[0].messages)  # what the winner left over
    assert Allocation.objects.filter(source=source).count() == 1
    assert stored_sum(source) == Decimal("600.00")
    assert stored_sum(source) <= source.amount


def test_an_allocation_waits_for_a_running_one_and_then_sees_its_amount(source):
    request_a = allocation_kwargs(source, "600.00", "SLOW-A")
    request_b = allocation_kwargs(source, "600.00", "FAST-B")
    a_holds_the_lock = threading.Event()
    a_may_commit = threading.Event()
    results = {}

    def slow_allocation():
        with transaction.atomic():
            # Takes the source's row lock (SELECT ... FOR UPDATE; BEGIN IMMEDIATE on SQLite).
            check_within_budget(source.pk, adding=request_a["amount"])
            allocation = Allocation(**request_a)
            allocation.save()
            a_holds_the_lock.set()
            assert a_may_commit.wait(THREAD_TIMEOUT)
            results["a_commits_at"] = time.monotonic()
        return allocation

    thread_a = run_in_thread(slow_allocation, results, "a")
    assert a_holds_the_lock.wait(THREAD_TIMEOUT), results.get("a")

    thread_b = run_in_thread(lambda: allocate_funds(**request_b), results, "b")
    time.sleep(HOLD_SECONDS)
    b_was_blocked = thread_b.is_alive() and "b" not in results
    a_may_commit.set()

    thread_a.join(THREAD_TIMEOUT)
    thread_b.join(THREAD_TIMEOUT)
    assert not thread_a.is_alive() and not thread_b.is_alive(), "a thread never finished"

    assert isinstance(results["a"], Allocation), results["a"]
    assert b_was_blocked, f"B did not wait for A's lock: {results.get('b')!r}"
    assert results["b_finished_at"] > results["a_commits_at"]
    # Had B read the budget before A committed, it would have found 1000 free and succeeded.
    assert isinstance(results["b"], ValidationError), results["b"]
    assert "400,00" in " ".join(results["b"].messages)
    assert list(Allocation.objects.values_list("reference", flat=True)) == ["SLOW-A"]
    assert stored_sum(source) == Decimal("600.00")


def test_an_allocation_that_fits_after_a_running_one_still_goes_through(source):
    request_a = allocation_kwargs(source, "600.00", "SLOW-A")
    request_b = allocation_kwargs(source, "400.00", "FAST-B")
    a_holds_the_lock = threading.Event()
    a_may_commit = threading.Event()
    results = {}

    def slow_allocation():
        with transaction.atomic():
            allocation = allocate_funds(**request_a)
            a_holds_the_lock.set()
            assert a_may_commit.wait(THREAD_TIMEOUT)
            results["a_commits_at"] = time.monotonic()
        return allocation

    thread_a = run_in_thread(slow_allocation, results, "a")
    assert a_holds_the_lock.wait(THREAD_TIMEOUT), results.get("a")
    thread_b = run_in_thread(lambda: allocate_funds(**request_b), results, "b")
    time.sleep(HOLD_SECONDS)
    b_was_blocked = thread_b.is_alive() and "b" not in results
    a_may_commit.set()
    thread_a.join(THREAD_TIMEOUT)
    thread_b.join(THREAD_TIMEOUT)

    assert b_was_blocked
    assert isinstance(results["a"], Allocation), results["a"]
    assert isinstance(results["b"], Allocation), results["b"]
    assert results["b_finished_at"] > results["a_commits_at"]
    assert stored_sum(source) == source.amount


def test_two_simultaneous_spendings_cannot_exceed_their_allocation(source):
    # An allocation of 1000; each spending fits on its own (600), together they would not.
    allocation = allocate_funds(**allocation_kwargs(source, "1000.00", "SPEND-RACE"))
    period = {"period_start": datetime.date(2025, 1, 1),
              "period_end": datetime.date(2025, 3, 31)}
    barrier = threading.Barrier(2, timeout=THREAD_TIMEOUT)
    results = {}

    def spend():
        barrier.wait()
        spending = Spending(allocation=allocation, amount=Decimal("600.00"), **period)
        spending.save()
        return spending

    threads = [run_in_thread(spend, results, key) for key in ("a", "b")]
    for thread in threads:
        thread.join(THREAD_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a spending never finished"

    outcomes = [results["a"], results["b"]]
    assert len([o for o in outcomes if isinstance(o, Spending)]) == 1, outcomes
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1, outcomes
    assert "nog €\u00a0400,00 niet besteed" in " ".join(refused[0].messages)
    assert Allocation.objects.with_spent().get(pk=allocation.pk).spent_total == Decimal("600.00")
