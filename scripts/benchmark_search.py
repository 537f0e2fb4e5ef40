"""Time uncached site searches (/zoeken/) on PostgreSQL at 1x or 10x the data, and show the plans.

    .venv/bin/python scripts/benchmark_search.py --scale 10 \\
        --database postgres://postgres@127.0.0.1:5432/zuidwest_search_bench_10x [--explain]

Fills the empty database in --database (its name must contain "bench") once, as the load test
does: the programme and demo fixtures, then at --scale 10 the load test's 1,000 initiatives and
20,000 activities at 200 places (scripts/benchdata.py), at --scale 1 a tenth of those. A
database that holds them already is reused, also by an older checkout of the code (an extra
table does not bother it), so the same rows can be timed before and after a change.

Then it requests each query of QUERIES --runs times with Django's test client, without the
page cache, and prints the median and fastest time, the searches per second one process
manages (1000 / median), the queries per request and the number of results. --explain [QUERY]
prints PostgreSQL's plan (EXPLAIN ANALYZE) of every query of one search, to show which indexes
are used. Nothing is asserted: it measures. The numbers wander with the machine's load; run
the before and after sides one right after the other.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

INITIATIVES, ACTIVITIES, PLACES = 1000, 20000, 200  # at --scale 10, as scripts/loadtest.py
QUERIES = [
    "buurtkamer",  # the load test's query: titles and the places of activities
    "buurtkamr",  # a typo: only the trigram match finds it
    "activiteit",  # in thousands of titles: ranking and counting many rows
    "samen in de buurt",  # in thousands of summaries (full text, weight B)
    "taalles",  # a synonym group: several alternatives in one query
    "xqzvbnmkjh",  # nothing found: the "Bedoelde je ...?" suggestion
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL DATABASE_URL")
    parser.add_argument("--scale", type=int, choices=[1, 10], default=10)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--explain", nargs="?", const=QUERIES[0], metavar="QUERY",
                        help=f"print the plans of this search (default: {QUERIES[0]})")
    args = parser.parse_args()
    if "bench" not in args.database.rsplit("/", 1)[-1]:
        sys.exit('Refusing a database whose name does not contain "bench".')

    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # what a search costs, not what the cache answers
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from initiatives.models import Initiative
    from locations.models import Activity

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not Activity.objects.filter(slug__startswith="activiteit-").exists():
        from benchdata import add_activities, add_initiatives, analyze

        call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)
        add_initiatives(INITIATIVES * args.scale // 10)
        add_activities(ACTIVITIES * args.scale // 10, PLACES * args.scale // 10)
        analyze()

    client = Client()
    url = reverse("site:search")
    print(f"Search on {connection.vendor}: {Initiative.objects.count()} initiatives, "
          f"{Activity.objects.count()} activities; {args.runs} runs, uncached")
    print(f"{'query':22} {'median ms':>9} {'min ms':>7} {'per s':>6} {'queries':>7} "
          f"{'results':>7}")
    for query in QUERIES:
        timings = []
        for _run in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url, {"q": query})
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
        median = statistics.median(timings)
        print(f"{query:22} {median:9.1f} {min(timings):7.1f} {1000 / median:6.1f} "
              f"{len(queries):7d} {response.context['result_count']:7d}")
    if args.explain:
        explain(connection, client, url, args.explain)


def explain(connection, client, url, query):
    """EXPLAIN ANALYZE of each SELECT of one search, in one transaction (so a SET LOCAL the
    search makes holds for the plans too)."""
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"q": query})
    with transaction.atomic(), connection.cursor() as cursor:
        for captured in queries.captured_queries:
            sql = captured["sql"]
            if "set_config" in sql:
                cursor.execute(sql)
            if not sql.startswith("SELECT") or "search" not in sql:
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
            print(f"\n-- {sql[:200]}...")
            print("\n".join(row[0] for row in cursor.fetchall()))
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
