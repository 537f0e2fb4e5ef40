"""Profile the pages that are built for every request: time, queries and where the time goes.

    .venv/bin/python scripts/profile_pages.py --database postgres://postgres@127.0.0.1:5432/zw_render
    .venv/bin/python scripts/profile_pages.py --database ... --scales 10 --baseline /tmp/main

For each scale (default 1 and 10) it fills the PostgreSQL database <name>_<scale>x once (kept
for the next run; --rebuild starts again): the programme and demo fixtures, 100 initiatives,
2,000 activities at 20 places and a partner organisation's pages with drafts and versions
waiting for review, each times the scale (scripts/benchdata.py). Then it requests, with the
test client and the page cache off, the public pages (home, places, a place page, the agenda,
a neighbourhood, a search), and logged in: the partner dashboard, a partner edit form, the
review queue and a review page, and the admin lists of places, activities and initiatives. Per
page: the median time over --runs requests, the number of queries, the median time "cold" (each
request with the fragment cache emptied first: the first visitor after a content change), and with
--profile the functions with the most cumulative time in the project's own code (cProfile), then
the most own time overall.

--baseline DIR measures a second copy of the code (say `git worktree add /tmp/main main`) on
the same database in the same run, alternating requests between the two, so a busy machine
slows both alike: the ratio before/after is the figure to trust. Each side runs in a child
process of its own (`--worker`), with DEBUG off and the page cache off.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    # the worker turns each into a URL on the database it measures (page_url)
    "home", "places", "place page", "agenda", "neighbourhood", "search",
    "partner dashboard", "partner edit form", "review queue", "review page",
    "admin places", "admin activities", "admin initiatives",
]


# --- the databases (parent process, no Django) --------------------------------------------

def scale_url(url, scale):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{scale}x"))


def ensure_database(url, scale, rebuild):
    """Create and fill <name>_<scale>x unless it holds the data already."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not rebuild and _is_filled(url):
            return
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--build", str(scale), "--database", url],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"Built {name} in {time.perf_counter() - started:.0f} s", flush=True)


def _is_filled(url):
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            return bool(connection.execute(
                "SELECT 1 FROM auth_user WHERE username = 'meetbeheer'").fetchone())
    except psycopg.Error:
        return False


def build(scale):
    """Child process: migrate and fill the (empty) database of DATABASE_URL."""
    sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
    import django

    django.setup()
    from benchdata import add_activities, add_initiatives, add_partner_work, analyze
    from django.core.management import call_command

    from locations.occurrences import refresh_occurrences

    call_command("migrate", verbosity=0)
    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)
    add_initiatives(100 * scale)
    add_activities(2000 * scale, 20 * scale)
    refresh_occurrences()
    add_partner_work(scale)
    analyze()


# --- a worker: one copy of the code, answering requests for measurements --------------------

class Worker:
    """Child process measuring pages with the code in `root`; one JSON line per request."""

    def __init__(self, root, database, redis):
        environment = {**os.environ, "DATABASE_URL": database, "PAGE_CACHE_SECONDS": "0",
                       "DJANGO_DEBUG": "0", "DJANGO_ENV": "development",
                       "DJANGO_SETTINGS_MODULE": "zuidwest.settings", "REDIS_URL": redis}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(root)], cwd=root, env=environment,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def serve(root):
    """The worker's loop: {"page", "runs", "profile"} in, {"url", "times", "queries"} out."""
    sys.path.insert(0, str(root))
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # No setup_test_environment(): it makes every template render send a signal on which the
    # test client copies the whole context, which costs more than many pages' own rendering.
    # The development settings allow the test client's host "testserver".
    out = sys.stdout
    sys.stdout = sys.stderr  # mails and prints of the pages must not reach the parent
    clients = {}
    for line in sys.stdin:
        request = json.loads(line)
        try:
            url, who = page_url(request["page"])
            client = clients.get(who) or clients.setdefault(who, logged_in(Client(), who))
            times, queries, sql = [], 0, []
            for _ in range(request["runs"]):
                if request.get("cold"):
                    # The first visitor after a content change: no fragment of this
                    # generation exists yet (a new generation makes every one a miss).
                    caches["template_fragments"].clear()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                queries = len(captured)
                sql.append(sum(float(query["time"]) for query in captured) * 1000)
            answer = {"url": url, "times": times, "queries": queries, "sql": sql,
                      "kib": len(response.content) / 1024}
            if request.get("profile"):
                answer["profile"] = profile(client, url, request["profile"], request["top"])
        except Exception as error:  # noqa: BLE001 - reported to the parent, which stops
            answer = {"error": f"{request['page']}: {error!r}"}
        out.write(json.dumps(answer) + "\n")
        out.flush()


def logged_in(client, who):
    from benchdata import PARTNER_EMAIL, STAFF_USERNAME
    from django.contrib.auth import get_user_model

    username = {"partner": PARTNER_EMAIL, "staff": STAFF_USERNAME}.get(who)
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def page_url(page):
    """(URL, who asks it: "anonymous", "partner" or "staff") of a page on this database."""
    from django.urls import reverse

    from alliances.models import Organisation
    from locations.models import Neighbourhood, Place
    from zuidwest.review.models import Revision

    place = Place.objects.filter(is_published=True).order_by("pk").first()
    if page in {"home", "places", "place page", "agenda", "neighbourhood", "search"}:
        return {
            "home": reverse("site:home"),
            "places": reverse("locations:place_list"),
            "place page": place.get_absolute_url(),
            "agenda": reverse("locations:agenda_today"),
            "neighbourhood": Neighbourhood.objects.order_by("position").first()
            .get_absolute_url(),
            "search": reverse("site:search") + "?q=buurtkamer",  # the load test's
        }[page], "anonymous"
    if page in {"partner dashboard", "partner edit form"}:
        own = Place.objects.filter(managing_organisation=Organisation.objects.get(
            slug="meetorganisatie")).order_by("pk").first()
        return (reverse("partner:dashboard") if page == "partner dashboard"
                else reverse("partner:place_edit", args=[own.pk])), "partner"
    waiting = Revision.objects.filter(state=Revision.State.SUBMITTED).order_by("pk").first()
    return {
        "review queue": reverse("admin:zuidwest_revision_changelist"),
        "review page": reverse("admin:zuidwest_revision_change", args=[waiting.pk]),
        "admin places": reverse("admin:locations_place_changelist"),
        "admin activities": reverse("admin:locations_activity_changelist"),
        "admin initiatives": reverse("admin:initiatives_initiative_changelist"),
    }[page], "staff"


def profile(client, url, runs, top):
    """cProfile over `runs` requests: the templates rendered (inclusive time and how often),
    the project's own functions by cumulative time (without the middleware around the whole
    request), then all functions by own time. Times are per request, with the profiler's
    overhead."""
    from django.template.base import Template

    templates = {}
    original = Template._render

    def timed(template, context):
        started = time.perf_counter()
        try:
            return original(template, context)
        finally:
            entry = templates.setdefault(template.origin.template_name or "?", [0, 0.0])
            entry[0] += 1
            entry[1] += time.perf_counter() - started

    profiler = cProfile.Profile()
    Template._render = timed
    profiler.enable()
    try:
        for _ in range(runs):
            client.get(url)
    finally:
        profiler.disable()
        Template._render = original
    own = str(Path.cwd().resolve())
    rows = [(filename, line, function, calls, tottime, cumtime) for
            (filename, line, function), (_cc, calls, tottime, cumtime, _callers) in
            pstats.Stats(profiler).stats.items()]
    whole = max(row[5] for row in rows)

    def is_project(row):
        return (row[0].startswith(own) and "/.venv/" not in row[0]
                and row[5] < 0.9 * whole)  # not the middleware around everything

    def show(row):
        filename, line, function, calls, tottime, cumtime = row
        where = filename.replace(own + "/", "") if is_project(row) else (
            filename.split("site-packages/")[-1])
        return (f"  {cumtime / runs * 1000:8.1f} {tottime / runs * 1000:8.1f} "
                f"{calls // runs:>7} {where}:{line}({function})")

    heading = f"  {'cum ms':>8} {'own ms':>8} {'calls':>7} (per request)"
    lines = [f"  templates, inclusive\n  {'ms':>8} {'renders':>8} template"]
    for name, (count, seconds) in sorted(templates.items(), key=lambda item: -item[1][1])[:top]:
        lines.append(f"  {seconds / runs * 1000:8.1f} {count // runs:>8} {name}")
    lines.append(f"  project code by cumulative time\n{heading} function")
    lines += [show(row) for row in sorted(filter(is_project, rows), key=lambda r: -r[5])[:top]]
    lines.append(f"  everything by own time\n{heading} function")
    lines += [show(row) for row in sorted(rows, key=lambda r: -r[4])[:top]]
    return "\n".join(lines)


# --- the parent -----------------------------------------------------------------------------

def measure(scale, database, args):
    workers = {"after": Worker(ROOT, database, args.redis)}
    if args.baseline:
        workers["before"] = Worker(Path(args.baseline).resolve(), database, args.redis)
    rounds = max(1, args.runs // args.batch)
    print(f"\n== {scale}x: {urlsplit(database).path.lstrip('/')}, median of "
          f"{rounds * args.batch} requests per page ==", flush=True)
    header = f"{'page':<20}{'queries':>8}{'KiB':>7}{'ms':>9}{'sql ms':>8}{'cold ms':>9}"
    if args.baseline:
        header += (f"{'before ms':>11}{'queries':>9}{'speed-up':>10}{'before cold':>13}"
                   f"{'cold speed-up':>15}")
    print(header + "   url", flush=True)
    results = {}
    try:
        for page in args.pages:
            times, sql = {side: [] for side in workers}, []
            cold = {side: [] for side in workers}
            answers = {}
            for worker in workers.values():
                worker.ask(page=page, runs=2)  # warm up: templates, connections, sessions
            for _ in range(rounds):  # alternate, so the load of the moment hits both sides
                for side, worker in workers.items():
                    answers[side] = worker.ask(page=page, runs=args.batch)
                    times[side] += answers[side]["times"]
                    cold[side] += worker.ask(page=page, runs=args.batch, cold=True)["times"]
                sql += answers["after"]["sql"]
            after = statistics.median(times["after"])
            after_cold = statistics.median(cold["after"])
            line = (f"{page:<20}{answers['after']['queries']:>8}"
                    f"{answers['after']['kib']:>7.0f}{after:>9.1f}{statistics.median(sql):>8.1f}"
                    f"{after_cold:>9.1f}")
            results[page] = {"ms": after, "sql_ms": statistics.median(sql),
                             "queries": answers["after"]["queries"], "cold_ms": after_cold}
            if args.baseline:
                before = statistics.median(times["before"])
                before_cold = statistics.median(cold["before"])
                line += (f"{before:>11.1f}{answers['before']['queries']:>9}"
                         f"{before / after:>9.2f}x{before_cold:>13.1f}"
                         f"{before_cold / after_cold:>14.2f}x")
                results[page].update(before_ms=before, before_queries=answers["before"]["queries"],
                                     before_cold_ms=before_cold)
            print(f"{line}   {answers['after']['url']}", flush=True)
            if args.profile:
                profiled = workers["after"].ask(page=page, runs=0, profile=args.profile,
                                                top=args.top)
                print(profiled["profile"], flush=True)
    finally:
        for worker in workers.values():
            worker.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/zw_render"),
        help="PostgreSQL URL; the scales get <name>_1x, <name>_10x, ...")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--runs", type=int, default=15, help="requests per page and side")
    parser.add_argument("--batch", type=int, default=3, help="requests per turn of a side")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile N requests per page (0: no profile)")
    parser.add_argument("--top", type=int, default=12, help="functions shown per profile")
    parser.add_argument("--baseline", help="a second copy of the code to compare against")
    parser.add_argument("--redis", default="", help="REDIS_URL for the cache (default: none, "
                        "local memory)")
    parser.add_argument("--rebuild", action="store_true", help="drop and fill the databases")
    parser.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES, metavar="PAGE")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        sys.path.insert(0, str(ROOT / "scripts"))  # benchdata's account names
        return serve(args.worker)
    if args.build:
        os.environ.update(DATABASE_URL=args.database, DJANGO_SETTINGS_MODULE="zuidwest.settings")
        return build(args.build)
    if not args.database.startswith("postgres"):
        sys.exit("Give a PostgreSQL DATABASE_URL: the figures that count are PostgreSQL's.")
    results = {}
    for scale in args.scales:
        database = scale_url(args.database, scale)
        ensure_database(database, scale, args.rebuild)
        results[f"{scale}x"] = measure(scale, database, args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
