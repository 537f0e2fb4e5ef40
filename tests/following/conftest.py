import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from following.models import Follower, Subscription
from tests.factories import InitiativeFactory, NeighbourhoodFactory, PlaceFactory

PUBLIC = "https://portal.zuidwest.example"


@pytest.fixture(autouse=True)
def public_site_url(settings):
    settings.SITE_URL = PUBLIC
    cache.clear()  # the rate limits count in the cache


@pytest.fixture
def hood(db):
    return NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")


@pytest.fixture
def place(hood):
    return PlaceFactory(name="Buurtkamer De Linde", slug="buurtkamer-de-linde",
                        neighbourhood=hood, is_published=True)


@pytest.fixture
def initiative(db):
    return InitiativeFactory(title="Samen Koken", slug="samen-koken", is_published=True)


def follower(email="amina@voorbeeld.example", *subjects, confirmed_days_ago=30,
             last_digest_days_ago=None, language="nl"):
    """A confirmed follower of (kind, key) subjects, made directly."""
    now = timezone.now()
    made = Follower.objects.create(
        email=email, language=language,
        confirmed_at=now - datetime.timedelta(days=confirmed_days_ago),
        last_digest_at=(now - datetime.timedelta(days=last_digest_days_ago)
                        if last_digest_days_ago is not None else None))
    for kind, key in subjects:
        Subscription.objects.create(follower=made, kind=kind, key=key,
                                    created_at=made.confirmed_at)
    return made
