"""Who reaches the public pages of following. The token in the link is the only key: being
logged in (as a partner or as staff) opens nothing without it, and every URL of the app is
described here (a new one fails `test_every_following_url_is_described`)."""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from following.models import Follower, FollowRequest
from tests.factories import PartnerUserFactory, StaffUserFactory
from tests.following.conftest import follower

pytestmark = pytest.mark.django_db

WRONG = "x" * 43


def actors():
    partner, staff = Client(), Client()
    partner.force_login(PartnerUserFactory())
    staff.force_login(StaffUserFactory())
    return {"anonymous": Client(), "partner": partner, "staff": staff}


# name -> (GET with the right token, GET with a wrong one)
EXPECTED = {
    "follow": (200, 200),
    "sent": (200, 200),
    "stopped": (200, 200),
    "confirm": (200, 404),
    "unsubscribe": (200, 404),
    "manage": (200, 404),
}


def test_every_following_url_is_described():
    resolver = get_resolver()
    names = {f"following:{name}" for name in
             resolver.namespace_dict["following"][1].reverse_dict if isinstance(name, str)}
    assert names == {f"following:{name}" for name in EXPECTED}


@pytest.mark.parametrize("actor", ["anonymous", "partner", "staff"])
def test_the_token_is_the_key_whoever_is_logged_in(place, actor):
    reader = follower("a@voorbeeld.example", ("plek", place.slug))
    request = FollowRequest.objects.create(email="b@voorbeeld.example", kind="plek",
                                           key=place.slug)
    client = actors()[actor]
    for name, (right, wrong) in EXPECTED.items():
        if name in ("follow", "sent", "stopped"):
            url = reverse(f"following:{name}")
            if name == "follow":  # the form's own page, for the subject in the query
                url += f"?soort=plek&sleutel={place.slug}"
            assert client.get(url).status_code == right, name
            continue
        token = request.token if name == "confirm" else reader.token
        assert client.get(reverse(f"following:{name}", kwargs={"token": token})
                          ).status_code == right, name
        assert client.get(reverse(f"following:{name}", kwargs={"token": WRONG})
                          ).status_code == wrong, name
        assert client.post(reverse(f"following:{name}", kwargs={"token": WRONG}),
                           {"action": "stop"}).status_code == 404, name
    assert Follower.objects.filter(pk=reader.pk).exists()
