"""Check the data in the database after `loaddata fixtures/programme.json fixtures/demo.json`.

loaddata saves rows raw: it skips full_clean() and Allocation.save()'s budget check. This
script runs those checks afterwards. It loads nothing itself. Run `manage.py
refresh_occurrences` first: the agenda checks read the stored occurrences.

    .venv/bin/python scripts/check_fixtures.py        (or with DATABASE_URL=...)

Exit code 0 when every object passes, 1 when anything fails.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402

APP_LABELS = ["zuidwest", "alliances", "initiatives", "locations"]


def check_full_clean():
    failures = []
    for label in APP_LABELS:
        for model in apps.get_app_config(label).get_models():
            count = 0
            for obj in model._default_manager.all().order_by("pk"):
                count += 1
                try:
                    obj.full_clean()
                except ValidationError as error:
                    detail = getattr(error, "message_dict", None) or error.messages
                    failures.append(f"{model._meta.label} pk={obj.pk} ({obj}): {detail}")
            print(f"{model._meta.label:32} {count:5}")
    return failures


def check_budgets():
    from funding.models import Allocation, FundingSource

    failures = []
    for source in FundingSource.objects.with_totals().order_by("pk"):
        share = source.allocated_total / source.amount * 100
        print(f"{source.name}: {source.allocated_total} of {source.amount} ({share:.1f}%)")
        if source.remaining_amount() < 0:
            failures.append(
                f"{source.name}: allocated {source.allocated_total} exceeds {source.amount}"
            )
    for allocation in Allocation.objects.with_spent().order_by("pk"):
        if allocation.spent_total > allocation.amount:
            failures.append(f"allocation {allocation.reference}: spent "
                            f"{allocation.spent_total} exceeds {allocation.amount}")
    return failures


def check_demo_separation():
    """Sample rows may lean on real ones, never the other way round, so that deleting the
    demo data leaves the programme's own content whole."""
    from alliances.models import Organisation
    from funding.models import Allocation
    from initiatives.models import Initiative
    from locations.models import Place

    failures = []
    for place in Place.objects.filter(is_demo=False, managing_organisation__is_demo=True):
        failures.append(f"real place {place.pk} is managed by a demo organisation")
    for initiative in Initiative.objects.filter(is_demo=False):
        if initiative.lead_organisation.is_demo:
            failures.append(f"real initiative {initiative.pk} is led by a demo organisation")
        if initiative.partner_organisations.filter(is_demo=True).exists():
            failures.append(f"real initiative {initiative.pk} has demo partners")
        if initiative.places.filter(is_demo=True).exists():
            failures.append(f"real initiative {initiative.pk} is linked to demo places")
    for allocation in Allocation.objects.filter(is_demo=False, initiative__is_demo=True):
        failures.append(f"real allocation {allocation.reference} funds a demo initiative")
    for allocation in Allocation.objects.filter(is_demo=True, initiative__is_demo=False):
        failures.append(f"demo allocation {allocation.reference} funds a real initiative")
    if Organisation.objects.filter(is_demo=True, funded_sources__isnull=False).exists():
        failures.append("a demo organisation is listed as a funder")
    failures += check_activity_separation()
    return failures


def check_activity_separation():
    from locations.models import Activity

    failures = []
    demo = Activity.objects.filter(is_demo=True)
    for activity in demo.filter(place__is_demo=False):
        failures.append(f"demo activity {activity.slug} is at a real place")
    for activity in demo.filter(organiser__is_demo=False):
        failures.append(f"demo activity {activity.slug} is organised by a real organisation")
    for activity in demo.filter(initiative__is_demo=False):
        failures.append(f"demo activity {activity.slug} belongs to a real initiative")
    real = Activity.objects.filter(is_demo=False)
    for activity in real.filter(place__is_demo=True):
        failures.append(f"real activity {activity.slug} is at a demo place")
    for activity in real.filter(organiser__is_demo=True):
        failures.append(f"real activity {activity.slug} is organised by a demo organisation")
    for activity in real.filter(initiative__is_demo=True):
        failures.append(f"real activity {activity.slug} belongs to a demo initiative")
    return failures


def check_agenda():
    """Cancellations must hit a date the activity really has, and an activity should take
    place while its place is open. The last one fails for sample content only: a real
    partner may hold an activity outside walk-in hours; it is reported as a warning."""
    from django.utils import timezone

    from locations.models import Activity, ActivityCancellation, Occurrence
    from locations.opening_hours import PlaceHours

    failures, warnings = [], []
    for cancellation in ActivityCancellation.objects.select_related("activity").order_by("pk"):
        activity = cancellation.activity
        if cancellation.date not in activity.dates_between(cancellation.date, cancellation.date):
            failures.append(f"cancellation pk={cancellation.pk}: {activity.slug} does not take "
                            f"place on {cancellation.date}")

    activities = Activity.objects.prefetch_related(
        "place__opening_hours", "place__special_hours")
    if activities.exists() and not Occurrence.objects.exists():
        failures.append("no occurrences stored: run `manage.py refresh_occurrences` first")
    today = timezone.localdate()
    for activity in activities.order_by("pk"):
        hours = PlaceHours(activity.place)
        if not hours.known:
            continue
        for occurrence in activity.occurrences.filter(
            is_cancelled=False, starts_at__date__gte=today
        ).order_by("starts_at"):
            day = timezone.localtime(occurrence.starts_at).date()
            schedule = hours.day(day)
            inside = any(interval.opens <= occurrence.starts_at
                         and occurrence.ends_at <= interval.closes
                         for interval in schedule.intervals)
            if not inside:
                reason = f" ({schedule.special.reason})" if schedule.special else ""
                message = (f"activity {activity.slug} on {day} "
                           f"{timezone.localtime(occurrence.starts_at):%H:%M}: "
                           f"{activity.place} is not open then{reason}")
                (failures if activity.is_demo else warnings).append(message)
    for warning in warnings:
        print("WARN", warning)
    return failures


def main():
    failures = (check_full_clean() + check_budgets() + check_demo_separation()
                + check_agenda())
    for failure in failures:
        print("FAIL", failure)
    print("OK" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
