"""Time the agenda pages with many activities, in a throwaway database.

    DJANGO_SETTINGS_MODULE=zuidwest.settings .venv/bin/python scripts/benchmark_agenda.py \
        --activities 20000 --database sqlite:////tmp/bench.sqlite3

Creates the database from scratch (a SQLite file is deleted first; a PostgreSQL database name
must contain "bench"), bulk-creates places and activities, stores their occurrences with
refresh_occurrences, then requests each agenda page several times with the Django test client
and prints the median time and the number of queries. It never touches db.sqlite3.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=20000)
    parser.add_argument("--places", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database", required=True,
                        help="sqlite:////tmp/bench.sqlite3 or postgres://.../zuidwest_bench")
    return parser.parse_args()


def prepare_database(url):
    """Point Django at the throwaway database before it is set up; refuse the real one."""
    if url.startswith("sqlite:"):
        path = Path(url.split("sqlite://", 1)[1]).resolve()
        if path == (ROOT / "db.sqlite3").resolve():
            sys.exit("Refusing to use the real db.sqlite3; give a file in /tmp.")
        if path.exists():
            path.unlink()
    elif "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit('Refusing a database whose name does not contain "bench".')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    # What a page costs to build: the page cache would answer every run after the first.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    sys.path.insert(0, str(ROOT))


def create_data(activity_count, place_count):
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from locations.models import Activity, Neighbourhood, Place

    names = ["Bouwlust", "Vrederust", "Morgenstond", "Moerwijk"]
    neighbourhoods = Neighbourhood.objects.bulk_create(
        [Neighbourhood(name=name, slug=name.lower(), position=i) for i, name in enumerate(names)]
    )
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


def time_pages(urls, runs):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = []
    for label, url in urls:
        timings, queries, status = [], 0, None
        for _ in range(runs):
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            queries, status = len(context.captured_queries), response.status_code
        results.append((label, url, status, statistics.median(timings), min(timings), queries,
                        len(response.content)))
    return results


def main():
    args = parse_args()
    prepare_database(args.database)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from locations.models import Activity, Occurrence
    from locations.occurrences import refresh_occurrences

    setup_test_environment()  # lets the test client talk to "testserver"
    print(f"Database: {args.database}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    places = create_data(args.activities, args.places)
    print(f"Created {args.places} places and {args.activities} activities "
          f"in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    stored = refresh_occurrences(Activity.objects.all())
    print(f"refresh_occurrences stored {stored} occurrences "
          f"in {time.perf_counter() - started:.1f} s ({Occurrence.objects.count()} rows)")

    today = timezone.localdate()
    soon = today + __import__("datetime").timedelta(days=3)
    activity = Activity.objects.order_by("pk").first()
    urls = [
        ("today", "/agenda/"),
        ("today, filtered", "/agenda/?neighbourhood=moerwijk&audience=ouderen&free=1"),
        ("week", "/agenda/week/"),
        ("week, one place", f"/agenda/week/?place={places[0].slug}"),
        ("day", f"/agenda/{soon.year}-{soon.month:02d}-{soon.day:02d}/"),
        ("activity", activity.get_absolute_url()),
        ("print page", f"/plekken/{places[0].slug}/afdrukken/"),
        ("place feed", f"/plekken/{places[0].slug}/agenda.ics"),
    ]
    print(f"\n{'page':<24}{'status':>7}{'median ms':>11}{'min ms':>9}{'queries':>9}"
          f"{'kB':>8}")
    for label, _url, status, median, fastest, queries, size in time_pages(urls, args.runs):
        print(f"{label:<24}{status:>7}{median:>11.1f}{fastest:>9.1f}{queries:>9}"
              f"{size / 1024:>8.1f}")


if __name__ == "__main__":
    main()
