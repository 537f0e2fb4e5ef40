"""A page's number of queries does not grow with the data (no N+1)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    AllianceFactory,
    AllocationFactory,
    FundingSourceFactory,
    InitiativeFactory,
    MembershipFactory,
    MilestoneFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    PlaceFactory,
    SpearheadFactory,
    UpdateFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    spearhead = SpearheadFactory()
    alliance = AllianceFactory()
    organisation = OrganisationFactory()
    neighbourhoods = NeighbourhoodFactory.create_batch(2)
    sources = [
        FundingSourceFactory(kind="region", amount=Decimal("31000000")),
        FundingSourceFactory(kind="national", amount=Decimal("18000000")),
    ]
    sources[0].funders.add(organisation)
    return {"spearhead": spearhead, "alliance": alliance, "organisation": organisation,
            "neighbourhoods": neighbourhoods, "sources": sources}


def grow(world, count):
    """Add `count` initiatives with everything that hangs off them."""
    for _ in range(count):
        partner = OrganisationFactory()
        MembershipFactory(organisation=partner, alliance=world["alliance"])
        place = PlaceFactory(neighbourhood=world["neighbourhoods"][0],
                             managing_organisation=world["organisation"])
        initiative = InitiativeFactory(
            spearhead=world["spearhead"], alliance=world["alliance"],
            lead_organisation=world["organisation"], neighbourhoods=world["neighbourhoods"],
            is_featured=True,
        )
        initiative.partner_organisations.add(partner)
        initiative.places.add(place)
        MilestoneFactory(initiative=initiative)
        UpdateFactory(initiative=initiative)
        for source in world["sources"]:
            AllocationFactory(initiative=initiative, source=source, amount=Decimal("1000"))


def page_urls(world):
    first_initiative = world["spearhead"].initiatives.order_by("pk").first()
    return [
        reverse("site:home"),
        reverse("site:about"),
        reverse("initiatives:initiative_list"),
        reverse("initiatives:initiative_list") + f"?spearhead={world['spearhead'].slug}",
        reverse("funding:overview"),
        reverse("alliances:alliance_list"),
        reverse("alliances:organisation_list"),
        world["alliance"].get_absolute_url(),
        world["organisation"].get_absolute_url(),
        first_initiative.get_absolute_url(),
        reverse("locations:place_list"),
        first_initiative.places.first().get_absolute_url(),
        reverse("locations:neighbourhood_list"),
        world["neighbourhoods"][0].get_absolute_url(),
    ]


def test_query_count_of_each_page_is_the_same_with_ten_times_the_data(client, world):
    grow(world, 3)
    small = {url: count_queries(client, url) for url in page_urls(world)}
    grow(world, 27)
    large = {url: count_queries(client, url) for url in page_urls(world)}
    assert large == small


def test_list_and_detail_pages_cost_the_same_with_10_and_1000_initiatives(client, world):
    grow(world, 10)
    small = {url: count_queries(client, url) for url in page_urls(world)}
    spearhead, alliance = world["spearhead"], world["alliance"]
    InitiativeFactory.create_batch(
        990, spearhead=spearhead, alliance=alliance, lead_organisation=world["organisation"]
    )
    large = {url: count_queries(client, url) for url in page_urls(world)}
    assert large == small
