"""Time the agenda pages with many activities, in a throwaway database.

    DJANGO_SETTINGS_MODULE=zuidwest.settings .venv/bin/python scripts/benchmark_agenda.py \
        --activities 20000 --database sqlite:////tmp/bench.sqlite3

Creates the database from scratch (a SQLite file is deleted first; a PostgreSQL database must
be empty and its name must contain "bench"), bulk-creates places and activities
(scripts/benchdata.py), stores their occurrences with refresh_occurrences, then requests each
agenda page several times with the Django test client and prints the median time and the
number of queries. It never touches db.sqlite3.
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
    sys.path.insert(0, str(ROOT / "scripts"))


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
    from benchdata import add_activities, analyze
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
    places = add_activities(args.activities, args.places)
    print(f"Created {args.places} places and {args.activities} activities "
          f"in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    stored = refresh_occurrences(Activity.objects.all())
    print(f"refresh_occurrences stored {stored} occurrences "
          f"in {time.perf_counter() - started:.1f} s ({Occurrence.objects.count()} rows)")
    analyze()

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
        ("place", places[0].get_absolute_url()),
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
