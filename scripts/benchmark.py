"""Measure the public pages: median and fastest time, queries and HTML bytes, with N initiatives.

    .venv/bin/python scripts/benchmark.py --initiatives 1000

Builds a throwaway SQLite database (or fills the empty one in --database), loads the programme
and demo fixtures, adds generated initiatives with allocations (scripts/benchdata.py), then
requests each page several times with Django's test client. It never touches db.sqlite3.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database", help="a DATABASE_URL; default: a temporary SQLite file")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database or (
        f"sqlite:///{tempfile.mkdtemp()}/benchmark.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    # What a page costs to build: the page cache would answer every run after the first.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    import django

    django.setup()
    from benchdata import add_initiatives, analyze
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from initiatives.models import Initiative
    from locations.models import Place

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)
    call_command("refresh_occurrences", quiet=True)
    add_initiatives(args.initiatives)
    analyze()
    template = Initiative.objects.order_by("pk").first()

    place = Place.objects.order_by("pk").first()
    pages = [
        reverse("site:home"), reverse("initiatives:initiative_list"),
        reverse("initiatives:initiative_list") + "?status=running&pagina=3",
        reverse("funding:overview"), reverse("alliances:alliance_list"),
        template.get_absolute_url(), template.alliance.get_absolute_url(),
        template.lead_organisation.get_absolute_url(), reverse("locations:place_list"),
    ]
    if place:
        pages.append(place.get_absolute_url())

    client = Client()
    print(f"{Initiative.objects.count()} initiatives, {connection.vendor}, {args.runs} runs")
    print(f"{'page':60} {'median ms':>9} {'min ms':>7} {'queries':>7} {'KiB':>6}")
    for url in pages:
        timings = []
        for _run in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1024
        print(f"{url:60} {statistics.median(timings):9.1f} {min(timings):7.1f} {len(queries):7d} "
              f"{size:6.1f}")


if __name__ == "__main__":
    main()
