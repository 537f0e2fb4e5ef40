import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from locations.models import Occurrence
from tests.factories import (
    ActivityFactory,
    AllianceFactory,
    AllocationFactory,
    FundingSourceFactory,
    InitiativeFactory,
    MembershipFactory,
    MilestoneFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OpportunityFactory,
    OrganisationFactory,
    PlaceFactory,
    SpearheadFactory,
    SpecialHoursFactory,
    UpdateFactory,
)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    """The shared rows plus one published example of everything, and unpublished pages whose
    slugs contain "verborgen", to prove they never show."""
    w = SimpleNamespace()
    w.spearhead = SpearheadFactory()
    w.alliance = AllianceFactory()
    w.organisation = OrganisationFactory()
    w.moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    w.bouwlust = NeighbourhoodFactory(name="Bouwlust", slug="bouwlust")
    w.source = FundingSourceFactory(kind="region", amount=Decimal("31000000"))
    w.source.funders.add(w.organisation)
    w.hidden_place = PlaceFactory(name="Verborgen plek", neighbourhood=w.moerwijk,
                                  is_published=False)
    w.hidden_initiative = InitiativeFactory(
        title="Verborgen initiatief", spearhead=w.spearhead, alliance=w.alliance,
        lead_organisation=w.organisation, is_published=False)
    AllocationFactory(initiative=w.hidden_initiative, source=w.source,
                      reference="VERBORGEN-2025-1")
    w.hidden_activity = ActivityFactory(title="Verborgen activiteit", place=PlaceFactory(),
                                        is_published=False)
    # Published, but at an unpublished place: not public either.
    w.activity_at_hidden_place = ActivityFactory(title="Verborgen plekactiviteit",
                                                 place=w.hidden_place)
    w.hidden_opportunity = OpportunityFactory(title="Verborgen kans", is_published=False)
    grow(w, 1)
    w.place = w.places[0]
    w.initiative = w.initiatives[0]
    w.initiative.places.add(w.hidden_place)
    w.activity = w.activities[0]
    w.activity.initiative = w.hidden_initiative
    w.activity.save()
    return w


def grow(w, count):
    """`count` more of every public thing, each with what hangs off it."""
    w.places = getattr(w, "places", [])
    w.initiatives = getattr(w, "initiatives", [])
    w.activities = getattr(w, "activities", [])
    now = timezone.now()
    for _ in range(count):
        partner = OrganisationFactory()
        MembershipFactory(organisation=partner, alliance=w.alliance)
        place = PlaceFactory(neighbourhood=w.moerwijk, managing_organisation=w.organisation)
        OpeningHoursFactory(place=place)
        SpecialHoursFactory(place=place, start_date=timezone.localdate(),
                            end_date=timezone.localdate())
        initiative = InitiativeFactory(spearhead=w.spearhead, alliance=w.alliance,
                                       lead_organisation=w.organisation,
                                       neighbourhoods=[w.moerwijk])
        initiative.partner_organisations.add(partner)
        initiative.places.add(place)
        MilestoneFactory(initiative=initiative)
        UpdateFactory(initiative=initiative)
        AllocationFactory(initiative=initiative, source=w.source, amount=Decimal("1000.50"))
        activity = ActivityFactory(place=place, organiser=partner, initiative=initiative,
                                   is_free=False, price=Decimal("2.50"))
        Occurrence.objects.create(activity=activity, starts_at=now + datetime.timedelta(hours=1),
                                  ends_at=now + datetime.timedelta(hours=2))
        OpportunityFactory(organisation=partner, initiative=initiative, place=place)
        w.places.append(place)
        w.initiatives.append(initiative)
        w.activities.append(activity)
