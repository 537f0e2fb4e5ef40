"""gunicorn's configuration for the portal (docs/operations/resilience.md):

    .venv/bin/gunicorn -c gunicorn.conf.py

Each value below can be set by its environment variable; an option on the command line (or in
GUNICORN_CMD_ARGS) wins over this file.

Graceful reload, for new code or a new configuration without dropping a request:
`kill -HUP <master pid>` (`systemctl reload zuidwest-web`). The master re-reads this file and
starts new workers, which import the code afresh; the old workers finish the requests they
have (at most graceful_timeout seconds) and stop.

No preload_app: preloading imports Django once in the master and forks the workers from it,
which saves some memory, but then a HUP starts workers with the old code (only a full restart
loads new code), and anything opened during the import would be shared by all workers. Each
worker imports the application itself, so a reload always serves the new code.
"""

import os
from pathlib import Path


def _env_int(name, default):
    return int(os.environ.get(name, default))


# Import the portal from this folder wherever gunicorn is started.
chdir = str(Path(__file__).resolve().parent)
wsgi_app = "zuidwest.wsgi:application"

# nginx on the same machine proxies to this address; another address (or a unix socket,
# "unix:/run/zuidwest/web.sock") when the proxy runs elsewhere.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each handles one request at a time, and the proxy in front buffers slow
# clients. (2 x CPUs) + 1 is gunicorn's advice; WEB_CONCURRENCY is its usual variable.
_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
workers = _env_int("WEB_CONCURRENCY", 2 * _cpus + 1)
# More than 1 switches to gunicorn's threaded worker (gthread); each thread holds its own
# database connection.
threads = _env_int("GUNICORN_THREADS", 1)

# A worker silent for this long is killed and replaced. Queries are cancelled well before
# (DATABASE_STATEMENT_TIMEOUT, 10s by default; zuidwest/wsgi.py), so this catches only a
# worker that hangs elsewhere.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On HUP or TERM, a worker may finish its requests for this long.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection from the proxy stays open (gthread; sync workers
# close each connection after its response).
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)

# Replace a worker after this many requests (plus up to the jitter, so the workers do not all
# restart at once): memory that grows slowly never grows without bound.
# A new worker costs about a second of CPU (importing Django and the apps) and starts with an
# empty fragment cache and no page copies (both live in the process), and its first requests
# take a few hundred milliseconds. At 1,000 a busy server restarted a worker every second and
# spent half its CPU on it; at 10,000, serving cached pages at 2,500 a second, one every four
# seconds, each a stall (docs/operations/performance.md). Memory in the process is bounded by
# design (the fragment and page caches have a maximum), so this is insurance, not a cure: at
# 100,000 a worker serving 20 requests a second lives about a day.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 100000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 10000)

# Trust X-Forwarded-Proto (https) only from the local proxy.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Workers' heartbeat files in memory, not on a disk that may stall.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

proc_name = "zuidwest-web"

# Reload and stop go by signals (systemd). gunicorn's control socket (gunicornc) is not used,
# and its default path in the home folder would be shared by every gunicorn of one user.
control_socket_disable = True

# Logs on stderr (journald). JSON, like Django's (zuidwest/logs.py), unless DJANGO_LOG_FORMAT
# is "text"; under gunicorn DJANGO_ENV defaults to production (zuidwest/wsgi.py).
_production = os.environ.get("DJANGO_ENV", "production").strip().lower() == "production"
_log_format = os.environ.get("DJANGO_LOG_FORMAT", "json" if _production else "text")
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "info").lower()
errorlog = "-"
if _log_format.strip().lower() == "json":
    # The access log is gunicorn's, written through the portal's JSON formatter: one line per
    # request with method, path, status, duration_ms and the request id.
    logconfig_dict = {
        "formatters": {"json": {"()": "zuidwest.logs.JsonFormatter"}},
        "handlers": {
            "json": {"class": "logging.StreamHandler", "formatter": "json",
                     "stream": "ext://sys.stderr"},
        },
        "root": {"level": loglevel.upper(), "handlers": ["json"]},
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["json"],
                               "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["json"], "propagate": False},
        },
    }
else:
    accesslog = "-"
