import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from locations.models import Occurrence
from progress.models import IndicatorTarget, Measurement, Output
from tests.factories import (
    ActivityFactory,
    AllianceFactory,
    AllocationFactory,
    FundingSourceFactory,
    IndicatorFactory,
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
    w.hidden_indicator = IndicatorFactory(name="Verborgen indicator", spearhead=w.spearhead,
                                          initiative=w.hidden_initiative)
    Measurement.objects.create(indicator=w.hidden_indicator, year=2024, value=Decimal("1"))
    Output.objects.create(initiative=w.hidden_initiative, kind="diplomas", year=2025,
                          planned=3, note="Verborgen resultaat")
    grow(w, 1)
    w.place = w.places[0]
    w.initiative = w.initiatives[0]
    w.initiative.places.add(w.hidden_place)
    w.activity = w.activities[0]
    w.indicator = w.indicators[0]
    w.activity.initiative = w.hidden_initiative
    w.activity.save()
    return w


def grow(w, count):
    """`count` more of every public thing, each with what hangs off it."""
    w.places = getattr(w, "places", [])
    w.initiatives = getattr(w, "initiatives", [])
    w.activities = getattr(w, "activities", [])
    w.indicators = getattr(w, "indicators", [])
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
        Output.objects.create(initiative=initiative, kind="deelnemers", year=2025, planned=20,
                              achieved=18, note="Twee vielen af.")
        Output.objects.create(initiative=initiative, kind="aan_het_werk", year=2026, planned=5)
        # A programme indicator and one of the initiative, each with a target, an approved
        # measurement, and one waiting for approval (never public: its value is 99.99).
        programme = IndicatorFactory(spearhead=w.spearhead, city_value=Decimal("55.5"),
                                     city_year=2024)
        own = IndicatorFactory(spearhead=w.spearhead, initiative=initiative, unit="jongeren",
                               baseline_value=Decimal("12"), baseline_year=2025)
        for indicator in (programme, own):
            IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal("60"))
            Measurement.objects.create(indicator=indicator, year=2025, value=Decimal("12.50"),
                                       note="Eerste meting.")
            Measurement.objects.create(indicator=indicator, year=2026, value=Decimal("99.99"),
                                       is_approved=False)
        w.places.append(place)
        w.initiatives.append(initiative)
        w.activities.append(activity)
        w.indicators += [programme, own]
