from decimal import Decimal

import pytest

from initiatives.models import FundingSource
from tests.factories import FundingSourceFactory, InitiativeFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Keep the SQLite test database in a file rather than in memory.

    Django's in-memory test database uses SQLite's shared cache, where a second writer fails at
    once with "database table is locked" instead of waiting. A file lets threads with their own
    connections queue for the write lock (transaction_mode IMMEDIATE), as they do in production,
    so the concurrency tests can run on SQLite too.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get(
        "NAME"
    ):
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("sqlite") / "test_zuidwest.sqlite3"
        )


@pytest.fixture
def regio_source(db):
    """The region's contribution: 31 million euros."""
    return FundingSourceFactory(
        name="Regio Den Haag",
        slug="regio",
        kind=FundingSource.Kind.REGION,
        amount=Decimal("31000000.00"),
    )


@pytest.fixture
def rijk_source(db):
    """The national government's contribution: 18 million euros."""
    return FundingSourceFactory(
        name="Rijk",
        slug="rijk",
        kind=FundingSource.Kind.NATIONAL,
        amount=Decimal("18000000.00"),
    )


@pytest.fixture
def initiative(db):
    return InitiativeFactory()


@pytest.fixture(autouse=True)
def dutch_by_default():
    """A request under /en/ activates English for the thread; start each test in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
