"""Measure the page cache: each public page built (cache off) and from the cache, in median
milliseconds and queries through Django's test client, with its size plain and gzipped; then
what a dead Redis costs a page.

    .venv/bin/python scripts/benchmark_cache.py
    .venv/bin/python scripts/benchmark_cache.py --database postgres://postgres@127.0.0.1/x

Builds a throwaway SQLite database (or uses the one in --database), loads the programme and
demo fixtures and the agenda. It never touches db.sqlite3. The test client has no network and
no server in between: the figures compare the work of the app, not a load test.
"""

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SILENT_PORT = 8121  # a socket that takes connections and never answers, like a hung Redis
DEAD_REDIS = {
    "refused (nothing listens)": "redis://127.0.0.1:1/0",
    "hung (never answers)": f"redis://127.0.0.1:{SILENT_PORT}/0",
}


def measure(client, url, runs, **headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, **headers)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(queries), response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database", help="a DATABASE_URL; default: a temporary SQLite file")
    parser.add_argument("--redis", help="a REDIS_URL for the cache; default: local memory")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database or (
        f"sqlite:///{tempfile.mkdtemp()}/benchmark.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    if args.redis:
        os.environ["REDIS_URL"] = args.redis
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.urls import reverse

    from locations.models import Place
    from zuidwest.caching import backends, content_changed

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)
    call_command("refresh_occurrences", quiet=True)
    place = Place.objects.published().order_by("pk").first()
    pages = [
        reverse("site:home"), reverse("locations:agenda_today"),
        reverse("locations:agenda_week"), reverse("locations:place_list"),
        place.get_absolute_url(), reverse("funding:overview"),
        reverse("locations:agenda_calendar"),
    ]
    client = Client()
    content_changed()  # nothing cached before counts

    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"{connection.vendor}, {cache}, {args.runs} runs, median of each")
    print(f"{'page':34} {'built ms':>8} {'queries':>7} {'cached ms':>9} {'queries':>7} "
          f"{'KiB':>6} {'gzip KiB':>8}")
    for url in pages:
        with override_settings(PAGE_CACHE_SECONDS=0):
            built, built_queries, _response = measure(client, url, args.runs)
        client.get(url)  # fills the cache
        cached, cached_queries, response = measure(client, url, args.runs)
        assert response["X-Page-Cache"] == "hit", url
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        compressed = len(zipped.content) if zipped.get("Content-Encoding") == "gzip" else None
        print(f"{url:34} {built:8.1f} {built_queries:7d} {cached:9.2f} {cached_queries:7d} "
              f"{len(response.content) / 1024:6.1f} "
              f"{compressed / 1024 if compressed else float('nan'):8.1f}")

    silent = socket.create_server(("127.0.0.1", SILENT_PORT), backlog=64)  # never accept()s
    print("\nRedis down (FailOpenRedisCache): the home page, ms")
    for label, location in DEAD_REDIS.items():
        backends._resting_until.clear()
        caches = {"default": {
            "BACKEND": "zuidwest.caching.backends.FailOpenRedisCache", "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}}}
        with override_settings(CACHES=caches):
            started = time.perf_counter()
            client.get(reverse("site:home"))
            first = (time.perf_counter() - started) * 1000
            resting, _queries, _response = measure(client, reverse("site:home"), args.runs)
        print(f"  {label:28} first request {first:7.1f}, then (resting) {resting:6.1f}")
    silent.close()


if __name__ == "__main__":
    main()
