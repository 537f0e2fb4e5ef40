from decimal import Decimal

import pytest
from django.test import override_settings

from funding.models import FundingSource
from tests.factories import (
    FundingSourceFactory,
    InitiativeFactory,
    OrganisationFactory,
    StaffUserFactory,
    partner_user,
)

# Django's default hasher (PBKDF2 with over a million rounds) costs a few tenths of a second per
# password; nearly every account the tests make has one (the factories set it). MD5 is fast and
# still checks passwords, which is all the tests need: no test is about how passwords are stored.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """One fast password hasher for the whole run, also for module-scoped fixtures (which the
    function-scoped `settings` fixture cannot reach)."""
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


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
def empty_cache():
    """Each test starts with an empty cache: a test's rows are rolled back without signals, so
    a page cached in one test would otherwise be served in the next, and the rate limits count
    in the cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_geocoder_network(monkeypatch):
    """Tests never ask PDOK: the address search's request fails unless a test replaces it."""
    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to call the geocoder over the network")

    monkeypatch.setattr("locations.geocoding.urlopen", refuse)


@pytest.fixture(autouse=True)
def dutch_by_default():
    """A request under /en/ activates English for the thread; start each test in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder; photos waiting for staff to its "private"."""
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


# --- accounts ---------------------------------------------------------------------------------


@pytest.fixture
def organisation(db):
    """The organisation `partner` edits for; a module may override it."""
    return OrganisationFactory(name="Buurtkamer De Linde")


@pytest.fixture
def partner(organisation):
    """A partner account, editor of `organisation`."""
    return partner_user(organisation)


@pytest.fixture
def partner_client(client, partner):
    """The test client, logged in as `partner`."""
    client.force_login(partner)
    return client


@pytest.fixture
def staff(db):
    """A superuser who belongs to no organisation (and has no TOTP device)."""
    return StaffUserFactory()


@pytest.fixture
def staff_client(client, staff):
    """The test client, logged in as `staff`."""
    client.force_login(staff)
    return client
