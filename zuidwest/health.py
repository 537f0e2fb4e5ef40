"""The load balancer's health check: GET /gezondheid/ answers in JSON whether this app server
can serve.

Each check is a named function in a small registry; it raises when what it checks does not work
and may return details (a dict) to show. A critical check (the database) failing means this app
server cannot serve pages: status "unavailable", HTTP 503, and the load balancer takes it out.
Any other check failing (the cache, the task queue) gives "degraded" with HTTP 200: pages still
work (the cache fails open, tasks wait), and every app server shares the same cache and queue,
so taking them all out would only turn a partial outage into a full one.

An app adds a check with one registration, for example in its AppConfig.ready():

    @health.register_check("task_queue", critical=False)
    def task_queue():
        ...

The middleware answers before host validation, the HTTPS redirect, sessions and the page cache:
a load balancer probes app servers by address over plain HTTP, and the answer must never be
cached. It names no person and no configuration (only the class of an error; the message goes
to the log).
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from zuidwest.registry import Registry

logger = logging.getLogger(__name__)

HEALTH_CHECK_PATH = "/gezondheid/"


@dataclass(frozen=True)
class Check:
    name: str
    function: Callable[[], dict | None]
    critical: bool


checks = Registry[str, Check]("health checks", key=lambda check: check.name)


def register_check(name, *, critical):
    def register(function):
        checks.register(Check(name, function, critical))
        return function

    return register


class CheckFailed(Exception):
    pass


def _run(check):
    started = time.perf_counter()
    try:
        details = check.function() or {}
        result = {"status": "ok", **details}
    except Exception as error:
        # No traceback: the load balancer asks every few seconds during an outage.
        logger.warning("Health check %r failed: %s: %s", check.name, type(error).__name__, error)
        result = {"status": "error", "error": type(error).__name__}
    result["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def run_checks():
    """(overall status, {name: result}); the overall status is "ok", "degraded" or
    "unavailable"."""
    results = {check.name: _run(check) for check in checks}
    failed = [check for check in checks if results[check.name]["status"] != "ok"]
    if any(check.critical for check in failed):
        return "unavailable", results
    return ("degraded" if failed else "ok"), results


def health_response():
    status, results = run_checks()
    response = JsonResponse({"status": status, "checks": results},
                            status=503 if status == "unavailable" else 200)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Right after zuidwest.logs.RequestIdMiddleware, before everything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_CHECK_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"status": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return health_response()


# --- the checks every installation has ---------------------------------------------------------


@register_check("database", critical=True)
def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@register_check("cache", critical=False)
def cache_round_trip():
    # A key of its own: app servers share the cache and may check at the same moment.
    key, value = f"health-check:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    stored = cache.get(key)
    cache.delete(key)
    if stored != value:  # a cache that fails open answers None instead of raising
        raise CheckFailed("the cache did not return the value just stored")


@register_check("tasks", critical=False)
def task_backend():
    """Which backend runs django.tasks; loading it fails when it is misconfigured. A backend
    with a queue of its own (a database) registers a check of that queue beside this one."""
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS])
    return {"backend": f"{backend.__module__}.{backend.__qualname__}"}
