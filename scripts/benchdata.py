"""Generated data for the measurements (benchmark.py, benchmark_agenda.py, loadtest.py).

Call after django.setup(), on a throwaway database: the rows have fixed slugs and references,
so each generator runs once per database.
"""

import datetime
from decimal import Decimal

NEIGHBOURHOODS = ["Bouwlust", "Vrederust", "Morgenstond", "Moerwijk"]


def add_initiatives(count):
    """Initiatives like the first one until there are `count`, each with a small allocation.
    Needs the programme fixture (spearheads, alliances, sources, a first initiative)."""
    from funding.models import Allocation, FundingSource
    from initiatives.models import Initiative

    template = Initiative.objects.order_by("pk").first()
    sources = list(FundingSource.objects.all())
    existing = Initiative.objects.count()
    Initiative.objects.bulk_create([
        Initiative(
            title=f"Gegenereerd initiatief {n}", slug=f"gegenereerd-{n}", kind=template.kind,
            spearhead_id=template.spearhead_id, alliance_id=template.alliance_id,
            lead_organisation_id=template.lead_organisation_id, status=template.status,
            summary="Gegenereerd voor de meting.", is_demo=True,
        )
        for n in range(max(0, count - existing))
    ], batch_size=500)
    # Bulk insert skips the budget check on purpose: tiny amounts, far below the sources.
    Allocation.objects.bulk_create([
        Allocation(initiative=initiative, source=sources[n % len(sources)],
                   amount=Decimal("1.00"), year=2026, decision_date="2026-01-01",
                   reference=f"BENCH-{n}", is_demo=True)
        for n, initiative in enumerate(Initiative.objects.filter(slug__startswith="gegenereerd"))
    ], batch_size=500)


def add_activities(activity_count, place_count):
    """`place_count` places (plek-0, plek-1, ...) in the four neighbourhoods (made when missing)
    with `activity_count` activities among them: weekly, fortnightly, monthly and one-off.
    Their occurrences are not stored yet: call refresh_occurrences afterwards."""
    from django.utils import timezone

    from locations.models import Activity, Neighbourhood, Place

    neighbourhoods = [
        Neighbourhood.objects.get_or_create(slug=name.lower(),
                                            defaults={"name": name, "position": i})[0]
        for i, name in enumerate(NEIGHBOURHOODS)
    ]
    places = Place.objects.bulk_create([
        Place(name=f"Plek {i}", slug=f"plek-{i}", kind="buurtkamer",
              neighbourhood=neighbourhoods[i % 4], street="Dedemsvaartweg",
              house_number=str(i + 1), postcode="2545 AM",
              latitude=Decimal("52.040000") + Decimal(i % 100) / 10000,
              longitude=Decimal("4.260000") + Decimal(i % 100) / 10000)
        for i in range(place_count)
    ])
    today = timezone.localdate()
    kinds = ["weekly", "weekly", "every_n_weeks", "monthly", "once"]
    audiences = ["iedereen", "kinderen", "jongeren", "ouderen", "nieuwkomers"]
    activities = []
    for i in range(activity_count):
        kind = kinds[i % len(kinds)]
        start = today - datetime.timedelta(days=i % 28) if kind != "once" else (
            today + datetime.timedelta(days=i % 120))
        hour = 9 + i % 12
        activities.append(Activity(
            title=f"Activiteit {i}", slug=f"activiteit-{i}", place=places[i % place_count],
            summary="Samen iets doen in de buurt.", audience=audiences[i % len(audiences)],
            recurrence=kind, interval_weeks=2 if kind == "every_n_weeks" else 1,
            week_of_month=1 if kind == "monthly" else None, start_date=start,
            start_time=datetime.time(hour, 0), end_time=datetime.time(hour + 1, 30),
            is_free=i % 4 != 0, price=None if i % 4 else Decimal("2.50"),
        ))
    Activity.objects.bulk_create(activities, batch_size=2000)
    return places


def analyze():
    """After a bulk load: write the site search's index, which bulk_create skips, and give
    PostgreSQL's planner statistics of the new rows (and the visibility map its index-only
    scans need), as autovacuum does in production some time after a bulk load."""
    from django.core.management import call_command
    from django.db import connection

    call_command("rebuild_search_index", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


PARTNER_EMAIL = "meetpartner@meting.example"
STAFF_USERNAME = "meetbeheer"


def add_partner_work(scale):
    """A partner account (beheerder of "Meetorganisatie") whose organisation owns 5 initiatives,
    2 places and 10 activities per unit of `scale`, each page with a draft, one in five sent for
    review; and a staff account. Run after add_initiatives and add_activities with at least
    that many rows. The review queue then holds 3 * `scale` versions of this partner."""
    from django.contrib.auth import get_user_model

    from alliances.models import Organisation, PartnerMembership
    from initiatives.models import Initiative
    from locations.models import Activity, Place
    from zuidwest import review

    User = get_user_model()
    organisation = Organisation.objects.create(
        name="Meetorganisatie", slug="meetorganisatie", kind=Organisation.Kind.COMMUNITY,
        description="Gegenereerd voor de meting.")
    partner = User.objects.create_user(PARTNER_EMAIL, PARTNER_EMAIL, first_name="Meet")
    PartnerMembership.objects.create(user=partner, organisation=organisation,
                                     role=PartnerMembership.Role.ADMIN)
    User.objects.create_superuser(STAFF_USERNAME, f"{STAFF_USERNAME}@meting.example")

    initiatives = list(Initiative.objects.filter(slug__startswith="gegenereerd")
                       .order_by("pk")[:5 * scale])
    places = list(Place.objects.filter(slug__startswith="plek-").order_by("pk")[:2 * scale])
    activities = list(Activity.objects.filter(slug__startswith="activiteit-")
                      .order_by("pk")[:10 * scale])
    Initiative.objects.filter(pk__in=[i.pk for i in initiatives]).update(
        lead_organisation=organisation)
    Place.objects.filter(pk__in=[p.pk for p in places]).update(
        managing_organisation=organisation)
    Activity.objects.filter(pk__in=[a.pk for a in activities]).update(organiser=organisation)
    for n, page in enumerate([*initiatives, *places, *activities]):
        page.refresh_from_db()
        data = review.working_data(page)
        field = "description" if isinstance(page, Place) else "summary"
        data["fields"][field] = f"{data['fields'][field]} Bijgewerkt voor de meting."
        draft = review.save_draft(page, data, user=partner, token=review.version_token(page))
        if n % 5 == 0:
            review.submit(draft, user=partner)
    return partner
