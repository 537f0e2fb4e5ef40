"""Following in the admin: counts per subject, no list of addresses, and a lookup by one
exact address only."""

import pytest
from django.urls import reverse

from following.models import FollowRequest
from tests.following.conftest import follower

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:following_follower_changelist")


@pytest.fixture
def followers(place, hood):
    follower("amina@voorbeeld.example", ("plek", place.slug), ("wijk", hood.slug))
    follower("bram@voorbeeld.example", ("plek", place.slug))
    FollowRequest.objects.create(email="wacht@voorbeeld.example", kind="plek", key=place.slug)


def test_the_changelist_shows_counts_per_subject_and_no_address(staff_client, followers):
    response = staff_client.get(CHANGELIST)

    content = response.content.decode()
    assert response.status_code == 200
    assert "2 adressen volgen iets." in content
    assert "1 verzoek wacht op bevestiging." in content
    rows = response.context["subject_counts"]
    assert [(row["title"], row["count"]) for row in rows] == [
        ("Buurtkamer De Linde", 2), ("Moerwijk", 1)]
    assert "@voorbeeld.example" not in content


def test_an_exact_address_finds_that_follower_only(staff_client, followers):
    found = staff_client.get(CHANGELIST, {"q": "AMINA@voorbeeld.example"})
    assert found.context["cl"].result_count == 1

    follower_pk = found.context["cl"].result_list[0].pk
    page = staff_client.get(reverse("admin:following_follower_change", args=[follower_pk]))
    assert "amina@voorbeeld.example" in page.content.decode()
    assert "Buurtkamer De Linde" in page.content.decode()


@pytest.mark.parametrize("term", ["amina", "voorbeeld.example", "@", "a"])
def test_part_of_an_address_finds_nothing(staff_client, followers, term):
    response = staff_client.get(CHANGELIST, {"q": term})

    assert response.context["cl"].result_count == 0
    assert "@voorbeeld.example" not in response.content.decode()


@pytest.mark.parametrize("lookup", ["email__startswith", "email__contains", "email",
                                    "email__iexact", "token__startswith"])
def test_no_filter_on_the_address_in_the_url(staff_client, followers, lookup):
    response = staff_client.get(CHANGELIST, {lookup: "a"})

    # Django answers a refused lookup with an error page or a redirect, never with rows.
    assert response.status_code in (302, 400)
    assert b"@voorbeeld.example" not in response.content


def test_staff_cannot_add_or_change_followers_but_can_delete_one(staff_client, followers):
    assert staff_client.get(reverse("admin:following_follower_add")).status_code == 403
    found = staff_client.get(CHANGELIST, {"q": "bram@voorbeeld.example"})
    pk = found.context["cl"].result_list[0].pk
    staff_client.post(reverse("admin:following_follower_delete", args=[pk]), {"post": "yes"})
    assert staff_client.get(CHANGELIST, {"q": "bram@voorbeeld.example"}
                            ).context["cl"].result_count == 0
