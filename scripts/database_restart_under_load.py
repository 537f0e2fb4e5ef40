"""Stop and start PostgreSQL while gunicorn serves the portal under load: no 500, 503s only
while the database is away, and the first request after it is back succeeds.

    .venv/bin/python scripts/database_restart_under_load.py \\
        --pg-ctl /usr/lib/postgresql/15/bin/pg_ctl --datadir /etc/postgresql/15/ops --port 5440

It needs a PostgreSQL cluster of its own that it may stop: never one that others use. On
Debian, `pg_createcluster 15 restarttest --port 5440 --start` makes one (its --datadir is then
/etc/postgresql/15/restarttest, where pg_ctl finds the data directory; allow the local user
`postgres` without a password in its pg_hba.conf); elsewhere `initdb` and `pg_ctl start`.
Running as root, pg_ctl runs as --pg-user (postgres).

Steps: create the database (--database) when missing, migrate, load the programme and demo
fixtures, collect the static files; start gunicorn with production settings and gunicorn.conf.py
(--workers); start --clients threads that request public pages one after another; after
--before seconds stop PostgreSQL (pg_ctl stop -m fast), wait --outage seconds, start it again
(pg_ctl start -w: it then accepts connections), and keep the load on for --after seconds.

Then, with the load stopped and every worker holding an open connection, it restarts
PostgreSQL (pg_ctl restart) and sends a few requests: each must succeed.

It prints the responses by status for each phase (a request counts "before" when it ended
before the stop, "after" when it started after the start, and "outage" otherwise), the first
request after the database is back, and the log lines by level and logger. It exits 1 when any
response is a 500 (or no response at all), when anything but 200 came before or after the
outage or the idle restart, or when a 503 lacks Retry-After.
"""

import argparse
import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
SECRET = "database-restart-under-load-only-not-a-real-secret-0123456789"
PAGES = [
    "/", "/plekken/", "/agenda/", "/agenda/week/", "/initiatieven/", "/geld/",
    "/werk-en-leren/", "/alliantieraad/", "/zoeken/?q=buurtkamer", "/over-de-regio-deal/",
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-ctl", default=shutil.which("pg_ctl") or "pg_ctl",
                        help="path of pg_ctl (default: pg_ctl on PATH)")
    parser.add_argument("--datadir", required=True,
                        help="pg_ctl's -D: the data directory (or, on Debian, the config one)")
    parser.add_argument("--port", type=int, default=5440, help="PostgreSQL's port")
    parser.add_argument("--host", default="127.0.0.1", help="PostgreSQL's host")
    parser.add_argument("--pg-user", default="postgres",
                        help="OS user that runs pg_ctl when this script runs as root")
    parser.add_argument("--database", default="zuidwest_restart")
    parser.add_argument("--http-port", type=int, default=8131, help="gunicorn's port")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=6, help="threads sending requests")
    parser.add_argument("--before", type=float, default=5, help="seconds of load before")
    parser.add_argument("--outage", type=float, default=5,
                        help="seconds between stopping and starting PostgreSQL")
    parser.add_argument("--after", type=float, default=10, help="seconds of load after")
    return parser.parse_args()


def pg_ctl(args, *command):
    line = [args.pg_ctl, "-D", args.datadir, *command]
    if os.geteuid() == 0:  # pg_ctl refuses to run as root
        line = ["runuser", "-u", args.pg_user, "--", *line]
    # pg_ctl start leaves the server writing to pg_ctl's output: never a pipe we wait on.
    subprocess.run(line, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=120)


def prepare_database(args, env):
    import psycopg

    with psycopg.connect(host=args.host, port=args.port, user="postgres", dbname="postgres",
                         autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    [args.database]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{args.database}"')
    for command in (["migrate", "--noinput"],
                    ["loaddata", "fixtures/programme.json", "fixtures/demo.json"],
                    ["refresh_occurrences"],
                    ["collectstatic", "--noinput"]):
        subprocess.run([str(PYTHON), "manage.py", *command, "-v", "0"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)


def get(url, timeout=30):
    """(status, Retry-After) of one request; the status is a word when there was no answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status, response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, error.headers.get("Retry-After")
    except (urllib.error.URLError, OSError) as error:
        return f"no answer ({type(getattr(error, 'reason', error)).__name__})", None


def wait_until_healthy(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if get(base + "/gezondheid/", timeout=2)[0] == 200:
            return
        time.sleep(0.5)
    raise SystemExit("gunicorn did not become healthy; see its log")


def load(base, stop, results, client_number):
    n = client_number
    while not stop.is_set():
        path = PAGES[n % len(PAGES)]
        n += 1
        started = time.monotonic()
        status, retry_after = get(base + path)
        results.append((started, time.monotonic(), path, status, retry_after))


def phase_of(started, ended, stopped_at, started_again_at):
    if ended < stopped_at:
        return "before"
    if started >= started_again_at:
        return "after"
    return "outage"


def main():
    args = parse_arguments()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GUNICORN_")}
    env.update(
        DJANGO_ENV="production", DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_LOG_FORMAT="json", WEB_CONCURRENCY=str(args.workers),
        EMAIL_HOST="127.0.0.1", EMAIL_PORT="1",  # production needs one; nothing listens here
        GUNICORN_BIND=f"127.0.0.1:{args.http_port}",
        DATABASE_URL=f"postgres://postgres@{args.host}:{args.port}/{args.database}",
    )
    env.pop("REDIS_URL", None)
    print(f"Preparing database {args.database} on port {args.port} ...", flush=True)
    prepare_database(args, env)

    base = f"http://127.0.0.1:{args.http_port}"
    log_path = Path(tempfile.mkdtemp()) / "gunicorn.log"
    with open(log_path, "w") as log:
        gunicorn = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
                                    stdout=log, stderr=subprocess.STDOUT)
    database_stopped = False
    try:
        wait_until_healthy(base)
        print(f"gunicorn: {args.workers} workers at {base}; {args.clients} clients on "
              f"{len(PAGES)} pages", flush=True)
        stop, results = threading.Event(), []
        clients = [threading.Thread(target=load, args=(base, stop, results, n))
                   for n in range(args.clients)]
        for client in clients:
            client.start()
        time.sleep(args.before)
        stopped_at = time.monotonic()
        pg_ctl(args, "stop", "-m", "fast", "-w")
        database_stopped = True
        print(f"PostgreSQL stopped after {time.monotonic() - stopped_at:.1f} s", flush=True)
        time.sleep(args.outage)
        pg_ctl(args, "start", "-w")
        database_stopped = False
        started_again_at = time.monotonic()
        print(f"PostgreSQL accepts connections again, {started_again_at - stopped_at:.1f} s "
              "after the stop", flush=True)
        time.sleep(args.after)
        stop.set()
        for client in clients:
            client.join()
        idle_statuses = restart_while_idle(args, base)
    finally:
        if database_stopped:
            pg_ctl(args, "start", "-w")
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)

    return report(results, stopped_at, started_again_at, idle_statuses, log_path)


def restart_while_idle(args, base):
    """The workers keep their connections (CONN_MAX_AGE); restarting PostgreSQL while nobody
    asks anything leaves every one of them broken. Each worker's next request must notice
    (CONN_HEALTH_CHECKS) and connect anew."""
    for n in range(4 * args.workers):  # every worker holds a connection
        get(base + PAGES[n % len(PAGES)])
    pg_ctl(args, "restart", "-m", "fast", "-w")
    return [get(base + PAGES[n % len(PAGES)])[0] for n in range(4 * args.workers)]


def report(results, stopped_at, started_again_at, idle_statuses, log_path):
    by_phase = collections.defaultdict(collections.Counter)
    for started, ended, _path, status, _retry in results:
        by_phase[phase_of(started, ended, stopped_at, started_again_at)][status] += 1
    print()
    print(f"{'phase':<8} {'requests':>8}  responses by status")
    for phase in ("before", "outage", "after"):
        counts = by_phase[phase]
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(
            counts.items(), key=lambda item: str(item[0])))
        print(f"{phase:<8} {sum(counts.values()):>8}  {statuses}")

    after = sorted(r for r in results if r[0] >= started_again_at)
    first = after[0] if after else None
    if first:
        print(f"first request after the database was back: {first[2]} -> {first[3]} "
              f"({(first[0] - started_again_at) * 1000:.0f} ms after pg_ctl start returned)")
    unavailable = [r for r in results if r[3] == 503]
    if unavailable:
        last = max(r[1] for r in unavailable)
        print(f"503s: {len(unavailable)}, the last one answered "
              f"{last - started_again_at:+.2f} s from pg_ctl start returning; "
              f"Retry-After on all: {all(r[4] for r in unavailable)}")

    print("restart while idle, the workers holding their old connections: the next "
          f"{len(idle_statuses)} requests answered {', '.join(map(str, idle_statuses))}")

    levels, tracebacks = collections.Counter(), 0
    for line in log_path.read_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            levels[("not JSON", "-")] += 1
            continue
        tracebacks += "exception" in entry
        if entry["logger"] != "gunicorn.access":
            levels[(entry["level"], entry["logger"])] += 1
    print("log lines besides the access log:",
          ", ".join(f"{level} {logger}: {count}" for (level, logger), count in
                    sorted(levels.items())))
    print(f"log lines with a traceback: {tracebacks} (gunicorn's log: {log_path})")

    failures = []
    server_errors = [r for r in results if not (isinstance(r[3], int) and r[3] < 500)
                     and r[3] != 503]
    if server_errors:
        failures.append(f"{len(server_errors)} responses were a 500 or no answer at all")
    for phase in ("before", "after"):
        if set(by_phase[phase]) - {200}:
            failures.append(f"not every response {phase} the outage was a 200")
    if not first or first[3] != 200:
        failures.append("the first request after the database was back did not succeed")
    if set(idle_statuses) != {200}:
        failures.append("a request after the restart while idle did not succeed")
    if not all(r[4] for r in unavailable):
        failures.append("a 503 came without Retry-After")
    for failure in failures:
        print("FAILED:", failure)
    if not failures:
        print("OK: no 500; 503 only while the database was away; the first request after it "
              "succeeded")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
