"""The pages partners and staff use (never served from the page cache) cost the same number
of queries with small and ten times larger data: the partner dashboard and edit forms, the
review queue and a review page, the admin lists of places, activities and initiatives."""

import copy

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    OrganisationFactory,
    PlaceFactory,
    StaffUserFactory,
    partner_user,
)
from tests.helpers import count_queries
from zuidwest import review
from zuidwest.review.models import Revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    partner, staff = partner_user(organisation, role="admin"), StaffUserFactory()
    return {"organisation": organisation, "partner": logged_in(partner),
            "staff": logged_in(staff), "partner_user": partner}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def drafted(page, user, field, *, send=False):
    page.refresh_from_db()
    data = copy.deepcopy(review.working_data(page))
    data["fields"][field] = f"{data['fields'][field]} Bijgewerkt."
    draft = review.save_draft(page, data, user=user, token=review.version_token(page))
    if send:
        review.submit(draft, user=user)


def grow(world, count):
    """`count` initiatives, places and activities of the partner's organisation, each with a
    draft, one of each kind sent for review; and as many of other organisations."""
    organisation, user = world["organisation"], world["partner_user"]
    for n in range(count):
        place = PlaceFactory(managing_organisation=organisation)
        pages = [(InitiativeFactory(lead_organisation=organisation), "summary"),
                 (place, "description"),
                 (ActivityFactory(place=place, organiser=organisation), "summary")]
        for page, field in pages:
            drafted(page, user, field, send=n == 0)
        other = PlaceFactory()
        InitiativeFactory()
        ActivityFactory(place=other)


def pages(world):
    organisation = world["organisation"]
    place = organisation.managed_places.order_by("pk").first()
    activity = place.activities.order_by("pk").first()
    waiting = Revision.objects.filter(state=Revision.State.SUBMITTED).order_by("pk").first()
    return {
        "partner": [
            reverse("partner:dashboard"),
            reverse("partner:place_edit", args=[place.pk]),
            reverse("partner:activity_edit", args=[activity.pk]),
            reverse("partner:initiative_edit",
                    args=[organisation.led_initiatives.order_by("pk").first().pk]),
        ],
        "staff": [
            reverse("admin:zuidwest_revision_changelist"),
            reverse("admin:zuidwest_revision_change", args=[waiting.pk]),
            reverse("admin:locations_place_changelist"),
            reverse("admin:locations_activity_changelist"),
            reverse("admin:initiatives_initiative_changelist"),
        ],
    }


def counts(world):
    return {url: count_queries(world[who], url)
            for who, urls in pages(world).items() for url in urls}


def test_partner_and_staff_pages_cost_the_same_queries_with_ten_times_the_data(world):
    grow(world, 2)
    counts(world)  # the first visits fill Django's content-type cache and the fragments
    small = counts(world)
    grow(world, 18)
    counts(world)  # the new rows made a new generation: the footer's fragment is built again
    assert counts(world) == small

