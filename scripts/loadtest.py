"""Load test: gunicorn in production mode on PostgreSQL with ten times the data, driven by wrk.

    make loadtest
    .venv/bin/python scripts/loadtest.py --database postgres://postgres@127.0.0.1:5432/zuidwest_loadtest

Builds the database once (or reuses it when it holds the data already; --rebuild starts
again): the programme and demo fixtures, 1,000 initiatives and 20,000 activities at 200
places (the generators of scripts/benchdata.py, as benchmark.py and benchmark_agenda.py use).
Then collects the static files, starts gunicorn with production settings (DJANGO_ENV=production,
a generated secret key, DJANGO_ALLOWED_HOSTS=127.0.0.1, DJANGO_SECURE_SSL_REDIRECT=0) and a task
worker (manage.py db_worker: it builds pages again after a change, and tries the mails), and
measures in one run:

1. Rates, one page after the other with `wrk --latency` (2 s warm-up each): a static file;
   then home, places, a place page, the agenda and search, each cached (an anonymous visitor)
   and uncached (the same request with a session cookie, which the page cache neither reads
   nor fills, as for a logged-in visitor; the cookie is no session, so the page is the
   anonymous one). Each rate is also given as a share of the static file's. Last, "search,
   new": uncached searches for 3,000 different words of titles, so nearly every one is
   answered by the search engine and not from the fragment cache, as a query nobody asked
   before is.
2. The hit ratio of the page cache under a mix, for --mix-duration seconds: readers (wrk on
   the paths of reader_paths(): the pages residents start from, most, and 40 places, 40
   activities and 20 initiatives) while scripts/loadtest_actors.py signs up, supports ideas,
   follows places and sends ideas (--resident-actions, over HTTP) and approves
   --approvals partners' changes of places and activities. The run stands for an hour: the
   approvals and residents' actions of an hour come within it, evenly spread. Hits and misses
   are counted by the X-Page-Cache header of every response (scripts/loadtest.lua).

Prints two tables and the targets (cached pages at least 0.8 of the static file; hit ratio at
least 95%). Nothing is asserted: it measures.

Needs wrk (Debian: `apt-get install wrk`) and a PostgreSQL server; the database name must
contain "loadtest" or "bench", since it may be dropped and created.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

INITIATIVES = 1000
ACTIVITIES = 20000
PLACES = 200
SEARCH_QUERY = "buurtkamer"
LUA = ROOT / "scripts" / "loadtest.lua"
# The cookie that takes a request past the page cache: a session cookie, as a logged-in
# visitor sends (settings.SESSION_COOKIE_NAME). Its value is no session, so the page is built
# as for an anonymous visitor, with the one query that looks the session up.
BYPASS_COOKIE = "sessionid=loadtest-no-session"
MIX_WARM_UP = 30
TARGET_CACHED_SHARE = 0.8
TARGET_HIT_RATIO = 0.95


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get(
        "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/zuidwest_loadtest"))
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", ""),
                        help="REDIS_URL for gunicorn (default: $REDIS_URL; none: local memory)")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int,
                        help="gunicorn workers (default: gunicorn.conf.py if there is one, else 2)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=10,
                        help="seconds before wrk counts a request as failed")
    parser.add_argument("--rebuild", action="store_true", help="drop and build the database")
    parser.add_argument("--mix-duration", type=int, default=300,
                        help="seconds of the mixed run, which stands for one hour")
    parser.add_argument("--approvals", type=int, default=20,
                        help="partners' changes approved during the mixed run (an hour's)")
    parser.add_argument("--resident-actions", type=int, default=120,
                        help="sign-ups, supports, follows and ideas during the mixed run")
    parser.add_argument("--label", default="",
                        help="what this run measures, printed above the tables")
    return parser.parse_args()


# --- the database -------------------------------------------------------------------------

def server_connection(url):
    """An autocommit connection to the server's maintenance database, to create or drop ours."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def ensure_database(url, rebuild):
    """Returns True when the database must be filled (new or rebuilt)."""
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"\w+", name) or not ("loadtest" in name or "bench" in name):
        sys.exit('Give a database whose name contains "loadtest" or "bench": it may be dropped.')
    with server_connection(url) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not rebuild and holds_the_data(url):
            return False
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return True


def holds_the_data(url):
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            initiatives, activities = connection.execute(
                "SELECT (SELECT count(*) FROM initiatives_initiative),"
                " (SELECT count(*) FROM locations_activity)").fetchone()
    except psycopg.Error:
        return False
    return initiatives >= INITIATIVES and activities >= ACTIVITIES


def fill_database(url):
    """Migrate, load the fixtures and add the generated tenfold data, in a child process with
    development settings (building needs no production configuration)."""
    code = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from benchdata import add_activities, add_initiatives, analyze\n"
        "from locations.occurrences import refresh_occurrences\n"
        "call_command('migrate', verbosity=0)\n"
        "call_command('loaddata', 'fixtures/programme.json', 'fixtures/demo.json', verbosity=0)\n"
        f"add_initiatives({INITIATIVES})\n"
        f"add_activities({ACTIVITIES}, {PLACES})\n"
        "print(refresh_occurrences(), 'occurrences stored')\n"
        "analyze()\n"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={
        **os.environ, "DATABASE_URL": url, "DJANGO_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "zuidwest.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "scripts")]),
    })
    print(f"Built the database in {time.perf_counter() - started:.0f} s")


# --- gunicorn -----------------------------------------------------------------------------

def production_environment(args):
    environment = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "zuidwest.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "SITE_URL_ALLOW_HTTP": "1",  # a production-mode run on this machine, without TLS
        "DATABASE_URL": args.database,
        # The residents of the mixed run each come from an address of their own, as from
        # behind the proxy production has (scripts/loadtest_actors.py).
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        # Production needs a mail server; nothing listens here, so no mail leaves the machine.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "1",
    }
    environment.pop("REDIS_URL", None)
    if args.redis:
        environment["REDIS_URL"] = args.redis
    return environment


def forget_rate_limits(redis_url):
    """Drop the rate limits' counters (zuidwest/ratelimit.py) an earlier run left in Redis: the
    residents of the mixed run would otherwise find ideas and sign-ups refused within the hour."""
    import redis

    server = redis.Redis.from_url(redis_url)
    for key in server.scan_iter(match="*ratelimit:*", count=1000):
        server.delete(key)


def collect_static(environment):
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=environment, check=True)


def static_file_url():
    """The hashed URL of the stylesheet, as pages link it (the manifest of collectstatic)."""
    import json

    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/portal.css"]


def start_gunicorn(args, environment, log):
    command = [str(Path(sys.executable).parent / "gunicorn"), "zuidwest.wsgi",
               "--bind", f"127.0.0.1:{args.port}"]
    if args.workers:
        command += ["--workers", str(args.workers)]
    elif not (ROOT / "gunicorn.conf.py").exists():
        command += ["--workers", "2"]
    # Its own session, so stopping it stops its workers too.
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped with exit code {server.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    sys.exit(f"gunicorn did not answer within 60 s; see {log.name}")


def stop(server):
    if server.poll() is None:
        server.terminate()  # gunicorn's master stops its workers gracefully
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- wrk ----------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output):
    """Requests/s, p50 and p99 (ms), the count of failed requests and the page cache's hits
    and misses from `wrk --latency -s loadtest.lua`."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    if errors:
        failed += int(errors[1]) + int(errors[3]) + int(errors[4])  # a read error is a close
    counted = re.search(r"page cache: hits (\d+) misses (\d+) uncounted (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
        "failed": failed,
        "hits": int(counted[1]), "misses": int(counted[2]),
    }


def run_wrk(url, args, *, duration=None, headers=(), paths_file=None):
    command = ["wrk", "--latency", f"-t{args.threads}", f"-c{args.connections}",
               f"-d{duration or args.duration}s", f"--timeout={args.timeout}s", "-s", str(LUA)]
    for header in headers:
        command += ["-H", header]
    command.append(url)
    if paths_file:
        command += ["--", str(paths_file)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def pages(args):
    import psycopg

    with psycopg.connect(args.database) as connection:
        place = connection.execute(
            "SELECT slug FROM locations_place WHERE is_published ORDER BY id LIMIT 1").fetchone()[0]
    return [
        ("home", "/"),
        ("places", "/plekken/"),
        ("place page", f"/plekken/{place}/"),
        ("agenda", "/agenda/"),
        ("search", f"/zoeken/?q={SEARCH_QUERY}"),
    ]


# Distinct searches for the row "search, new": more than a run asks, so nearly every one is a
# search no process has answered before (its answer is not in the fragment cache).
NEW_SEARCHES = 3000


def new_search_paths(args):
    """/zoeken/?q=... for NEW_SEARCHES distinct words of the titles of places, activities and
    initiatives (at ten times the data most are the numbers of generated titles, each found
    once), in a fixed random order."""
    import random

    import psycopg

    with psycopg.connect(args.database) as connection:
        titles = [row[0] for table, column in (("locations_place", "name"),
                                               ("locations_activity", "title"),
                                               ("initiatives_initiative", "title"))
                  for row in connection.execute(f"SELECT {column} FROM {table}")]
    words = sorted({word.lower() for title in titles for word in re.findall(r"\w{4,}", title)})
    random.Random(2026).shuffle(words)
    return [f"/zoeken/?{urlencode({'q': word})}" for word in words[:NEW_SEARCHES]]


# The readers of the mixed run: (path, weight). The pages residents start from get most
# visits; 40 places, 40 activities and 20 initiatives the rest, each far less (the same
# places and activities the partners change, scripts/loadtest_actors.py).
START_PAGES = [
    ("/", 12), ("/agenda/", 8), ("/plekken/", 6), ("/agenda/week/", 3), ("/plekken/kaart/", 2),
    ("/plekken/plekken.geojson", 2), ("/ideeen/", 4), ("/initiatieven/", 3), ("/geld/", 2),
    ("/voortgang/", 1), ("/werk-en-leren/", 3), ("/alliantieraad/", 1), ("/en/", 2),
    ("/en/agenda/", 1), (f"/zoeken/?q={SEARCH_QUERY}", 2),
]


def reader_paths(args):
    import psycopg

    with psycopg.connect(args.database) as connection:
        def slugs(table, limit, published="is_published"):
            return [row[0] for row in connection.execute(
                f"SELECT slug FROM {table} WHERE {published} ORDER BY id LIMIT {limit}")]

        details = ([f"/plekken/{slug}/" for slug in slugs("locations_place", 40)]
                   + [f"/activiteiten/{slug}/" for slug in slugs("locations_activity", 40)]
                   + [f"/initiatieven/{slug}/" for slug in slugs("initiatives_initiative", 20)])
    # A start page of weight w is listed w * 10 times, a detail page once: the start pages get
    # about 70% of the visits, the hundred detail pages 30% together.
    return [path for path, weight in START_PAGES for _ in range(weight * 10)] + details


def settle(base, limit=60):
    """Wait until the workers have finished what wrk left behind: a static file answers fast."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        with urllib.request.urlopen(base + static_file_url(), timeout=limit):
            pass
        if time.monotonic() - started < 0.1:
            return
        time.sleep(1)


def start_worker(environment, log):
    """The task worker, which builds pages again after a change (and tries the mails)."""
    return subprocess.Popen([sys.executable, "manage.py", "db_worker"], cwd=ROOT,
                            env=environment, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def run_mix(args, environment, base):
    """wrk on the readers' paths while the actors write; returns (wrk's result, theirs).
    First MIX_WARM_UP seconds of reading alone, so the run starts with the pages stored, as
    a site that has been read for a while."""
    with tempfile.NamedTemporaryFile("w", prefix="loadtest-paths-", suffix=".txt",
                                     delete=False) as paths_file:
        paths_file.write("\n".join(reader_paths(args)) + "\n")
    run_wrk(base + "/", args, duration=MIX_WARM_UP, paths_file=paths_file.name)
    actors = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "loadtest_actors.py"), base,
         str(args.mix_duration), str(args.approvals), str(args.resident_actions)],
        cwd=ROOT, env={**environment, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        text=True)
    try:
        readers = run_wrk(base + "/", args, duration=args.mix_duration,
                          paths_file=paths_file.name)
        output, _ = actors.communicate(timeout=300)
    finally:
        if actors.poll() is None:
            actors.kill()
        Path(paths_file.name).unlink()
    if actors.returncode != 0:
        sys.exit(f"the actors stopped with exit code {actors.returncode}")
    return readers, json.loads(output.strip().splitlines()[-1])


def print_rates(args, results, static):
    workers = args.workers or ("gunicorn.conf.py" if (ROOT / "gunicorn.conf.py").exists()
                               else 2)
    print(f"\nLoad test{f' ({args.label})' if args.label else ''}: gunicorn, workers {workers}, "
          f"production settings, PostgreSQL with {INITIATIVES:,} initiatives and "
          f"{ACTIVITIES:,} activities, {'Redis' if args.redis else 'local-memory cache'}; "
          f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s")
    print(f"{'page':<12} {'path':<28} {'cache':<8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'÷ static':>9} {'hits %':>7} {'failed':>7}")
    order = [name for name, _p, _k, _r in results]
    for name, path, kind, result in sorted(results, key=lambda row: order.index(row[0])):
        counted = result["hits"] + result["misses"]
        hits = f"{100 * result['hits'] / counted:.1f}" if counted else "-"
        print(f"{name:<12} {path[:28]:<28} {kind:<8} {result['rps']:>8.1f} "
              f"{result['p50']:>8.1f} {result['p99']:>8.1f} {result['rps'] / static:>9.3f} "
              f"{hits:>7} {result['failed']:>7}")
    cached = sorted(result["rps"] / static for _n, _p, kind, result in results
                    if kind == "cached")
    uncached = sorted(result["rps"] / static for _n, _p, kind, result in results
                      if kind == "uncached")
    if cached:
        print(f"Cached pages ÷ static file: {cached[0]:.2f} to {cached[-1]:.2f} (target at least "
              f"{TARGET_CACHED_SHARE}: {'met' if cached[0] >= TARGET_CACHED_SHARE else 'not met'}"
              f" by the slowest). Uncached: {uncached[0]:.3f} to {uncached[-1]:.3f}.")


def print_mix(args, readers, actors):
    counted = readers["hits"] + readers["misses"]
    ratio = readers["hits"] / counted if counted else 0
    print(f"\nMixed run: {args.mix_duration} s standing for one hour; readers: wrk "
          f"-t{args.threads} -c{args.connections} on {len(reader_paths(args))} weighted paths "
          f"({len(set(reader_paths(args)))} pages)")
    print(f"readers: {readers['rps']:.1f} req/s, p50 {readers['p50']:.1f} ms, "
          f"p99 {readers['p99']:.1f} ms, failed {readers['failed']}; "
          f"page cache hits {readers['hits']:,}, misses {readers['misses']:,}: "
          f"hit ratio {100 * ratio:.1f}% (target at least {100 * TARGET_HIT_RATIO:.0f}%: "
          f"{'met' if ratio >= TARGET_HIT_RATIO else 'not met'})")
    print(f"writers: approved changes {actors['done']['approval']}; residents' actions done "
          + ", ".join(f"{kind} {number}" for kind, number in actors["done"].items()
                      if kind != "approval")
          + f"; failed {sum(actors['failed'].values())}; residents' actions that changed the "
          f"generation: {actors['resident_actions_that_changed_the_generation']}")


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    if ensure_database(args.database, args.rebuild):
        fill_database(args.database)
    environment = production_environment(args)
    if args.redis:
        forget_rate_limits(args.redis)
    # A database kept from an earlier run gets this checkout's migrations.
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT,
                   env=environment, check=True)
    collect_static(environment)
    base = f"http://127.0.0.1:{args.port}"
    warm_up = 2
    with tempfile.NamedTemporaryFile("w", prefix="loadtest-gunicorn-", suffix=".log",
                                     delete=False) as log:
        server = start_gunicorn(args, environment, log)
        worker = start_worker(environment, log)
        try:
            run_wrk(base + static_file_url(), args, duration=warm_up)
            static = run_wrk(base + static_file_url(), args)
            results = [("static file", static_file_url(), "-", static)]
            # Cached first: an uncached run leaves requests behind in the workers (wrk stops
            # waiting, gunicorn goes on building), which would slow what comes next.
            bypass = (f"Cookie: {BYPASS_COOKIE}",)
            for kind, headers in (("cached", ()), ("uncached", bypass)):
                for name, path in pages(args):
                    run_wrk(base + path, args, duration=warm_up, headers=headers)
                    results.append((name, path, kind, run_wrk(base + path, args,
                                                              headers=headers)))
                    settle(base)
            # Search as the engine answers it: a query no process has seen yet, every time.
            with tempfile.NamedTemporaryFile("w", prefix="loadtest-searches-", suffix=".txt",
                                             delete=False) as searches:
                searches.write("\n".join(new_search_paths(args)) + "\n")
            results.append(("search, new", f"({NEW_SEARCHES:,} different words)", "uncached",
                            run_wrk(base + "/", args, headers=bypass,
                                    paths_file=searches.name)))
            Path(searches.name).unlink()
            settle(base)
            readers, actors = run_mix(args, environment, base)
        finally:
            stop(worker)
            stop(server)
    Path(log.name).unlink()  # kept only when something went wrong

    print_rates(args, results, static["rps"])
    print_mix(args, readers, actors)


if __name__ == "__main__":
    main()
