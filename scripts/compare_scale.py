"""Compare pages on two databases (1x and 10x data), alternating requests between them.

    .venv/bin/python scripts/compare_scale.py \
        --small postgres://postgres@127.0.0.1:5432/zuidwest_bench_1x \
        --large postgres://postgres@127.0.0.1:5432/zuidwest_bench_10x /agenda/ /agenda/week/

Fill the two databases first with benchmark.py or benchmark_agenda.py (they leave them behind).
Requests alternate between the databases, so a busy machine slows both sides alike and the
ratio stays fair; timing the two sizes minutes apart, as running the benchmark scripts one
after the other does, lets the load of the moment decide. Prints the median time (ms) of each
page on each side and the ratio large/small.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", required=True, help="DATABASE_URL with the 1x data")
    parser.add_argument("--large", required=True, help="DATABASE_URL with the 10x data")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.small
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    import dj_database_url
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    sides = {name: dj_database_url.parse(url) for name, url in
             (("small", args.small), ("large", args.large))}

    def use(side):
        connection.close()
        for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
            connection.settings_dict[key] = sides[side][key]

    client = Client()
    print(f"{'page':<44}{'1x ms':>9}{'10x ms':>9}{'ratio':>7}")
    for path in args.paths:
        timings = {"small": [], "large": []}
        for run in range(args.runs + 2):  # two rounds to warm up
            for side in timings:
                use(side)
                client.get(path)  # opens the connection, as a worker has it open already
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (path, side, response.status_code)
                if run >= 2:
                    timings[side].append(elapsed)
        small, large = (statistics.median(timings[side]) for side in ("small", "large"))
        print(f"{path[:44]:<44}{small:>9.1f}{large:>9.1f}{large / small:>7.2f}")


if __name__ == "__main__":
    main()
