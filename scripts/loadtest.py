"""Load test: gunicorn in production mode on PostgreSQL with ten times the data, driven by wrk.

    make loadtest
    .venv/bin/python scripts/loadtest.py --database postgres://postgres@127.0.0.1:5432/zuidwest_loadtest

Builds the database once (or reuses it when it holds the data already; --rebuild starts
again): the programme and demo fixtures, 1,000 initiatives and 20,000 activities at 200
places (the generators of scripts/benchdata.py, as benchmark.py and benchmark_agenda.py use).
Then collects the static files, starts gunicorn with production settings (DJANGO_ENV=production,
a generated secret key, DJANGO_ALLOWED_HOSTS=127.0.0.1, DJANGO_SECURE_SSL_REDIRECT=0), runs
`wrk --latency` against home, places, a place page, agenda, search and a static file, one after
the other, and prints one table: requests/s, p50, p99, and each page's requests/s as a share of
the static file's. Nothing is asserted: it measures.

Needs wrk (Debian: `apt-get install wrk`) and a PostgreSQL server; the database name must
contain "loadtest" or "bench", since it may be dropped and created.
"""

import argparse
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
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

INITIATIVES = 1000
ACTIVITIES = 20000
PLACES = 200
SEARCH_QUERY = "buurtkamer"


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
    parser.add_argument("--label", default="uncached",
                        help="what this run measures, printed above the table")
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
        # Production needs a mail server; nothing listens here, so no mail leaves the machine.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "1",
    }
    environment.pop("REDIS_URL", None)
    if args.redis:
        environment["REDIS_URL"] = args.redis
    return environment


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
    """Requests/s, p50 and p99 (ms) and the count of failed requests from `wrk --latency`."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    if errors:
        failed += int(errors[1]) + int(errors[3]) + int(errors[4])  # a read error is a close
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
        "failed": failed,
    }


def run_wrk(url, args):
    output = subprocess.run(
        ["wrk", "--latency", f"-t{args.threads}", f"-c{args.connections}",
         f"-d{args.duration}s", f"--timeout={args.timeout}s", url],
        capture_output=True, text=True, check=True).stdout
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
        ("static file", static_file_url()),
    ]


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    if ensure_database(args.database, args.rebuild):
        fill_database(args.database)
    environment = production_environment(args)
    # A database kept from an earlier run gets this checkout's migrations.
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT,
                   env=environment, check=True)
    collect_static(environment)
    base = f"http://127.0.0.1:{args.port}"
    warm_up = argparse.Namespace(**{**vars(args), "duration": 2})
    with tempfile.NamedTemporaryFile("w", prefix="loadtest-gunicorn-", suffix=".log",
                                     delete=False) as log:
        server = start_gunicorn(args, environment, log)
        try:
            results = []
            for name, path in pages(args):
                run_wrk(base + path, warm_up)
                results.append((name, path, run_wrk(base + path, args)))
        finally:
            stop(server)
    Path(log.name).unlink()  # kept only when something went wrong

    workers = args.workers or ("gunicorn.conf.py" if (ROOT / "gunicorn.conf.py").exists()
                               else 2)
    static_rps = results[-1][2]["rps"]
    print(f"\nLoad test ({args.label}): gunicorn, workers {workers}, production settings, "
          f"PostgreSQL with {INITIATIVES:,} initiatives and {ACTIVITIES:,} activities, "
          f"{'Redis' if args.redis else 'local-memory cache'}; "
          f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s")
    print(f"{'page':<12} {'path':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'÷ static':>9} {'failed':>7}")
    for name, path, result in results:
        print(f"{name:<12} {path[:34]:<34} {result['rps']:>8.1f} {result['p50']:>8.1f} "
              f"{result['p99']:>8.1f} {result['rps'] / static_rps:>9.3f} {result['failed']:>7}")


if __name__ == "__main__":
    main()
