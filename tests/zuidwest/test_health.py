"""The load balancer's health check at /gezondheid/: 200 when this app server can serve,
"degraded" (still 200) when only the cache or the task queue fails, 503 when the database is
away. Never cached, no login, nothing personal."""

from unittest import mock

import psycopg
import pytest
from django.db import OperationalError

from zuidwest import health
from zuidwest.registry import AlreadyRegistered

pytestmark = pytest.mark.django_db

URL = "/gezondheid/"
IMMEDIATE_BACKEND = "django.tasks.backends.immediate.ImmediateBackend"


@pytest.fixture
def registered_checks():
    """Checks a test registers are gone after it."""
    before = dict(health.checks._items)
    yield health.checks
    health.checks._items.clear()
    health.checks._items.update(before)


def statuses(response):
    return {name: result["status"] for name, result in response.json()["checks"].items()}


def test_a_healthy_app_server_answers_200_with_every_check_ok(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert statuses(response) == {"database": "ok", "cache": "ok", "tasks": "ok",
                                  "task_queue": "ok"}
    assert body["checks"]["tasks"]["backend"] == IMMEDIATE_BACKEND
    assert all(result["duration_ms"] >= 0 for result in body["checks"].values())


def test_the_answer_is_never_cached_and_sets_no_cookie(client):
    response = client.get(URL)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not response.cookies
    assert "Vary" not in response


def test_a_head_request_is_answered_too(client):
    assert client.head(URL).status_code == 200


def test_other_methods_are_refused(client):
    response = client.post(URL)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_the_load_balancer_may_probe_by_address_over_plain_http(client, settings):
    """In production the site redirects to HTTPS and refuses unknown host names; a load
    balancer asks the app server at its address, over HTTP."""
    settings.ALLOWED_HOSTS = ["portal.example.nl"]
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(URL, HTTP_HOST="10.0.0.5:8000").status_code == 200
    assert client.get("/", HTTP_HOST="portal.example.nl").status_code == 301
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400


def test_only_the_exact_path_is_the_health_check(client):
    assert client.get("/gezondheid").status_code == 404
    assert client.get("/en/gezondheid/").status_code == 404


def test_without_the_database_the_answer_is_503(client):
    refused = OperationalError("connection failed: connection to server at 127.0.0.1 failed")
    refused.__cause__ = psycopg.OperationalError("Connection refused")
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor",
                    side_effect=refused):
        response = client.get(URL)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {
        "status": "error", "error": "OperationalError",
        "duration_ms": body["checks"]["database"]["duration_ms"]}
    assert statuses(response)["database"] == "error" and statuses(response)["cache"] == "ok"
    assert "127.0.0.1" not in response.content.decode()  # the message goes to the log only


def test_an_unreachable_redis_makes_it_degraded_but_still_200(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/14"}}
    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert statuses(response) == {"database": "ok", "cache": "error", "tasks": "ok",
                                  "task_queue": "ok"}
    assert body["checks"]["cache"]["error"] == "ConnectionError"


def test_a_cache_that_keeps_nothing_is_a_failed_cache(client, settings):
    """A cache that fails open answers "nothing stored" instead of raising."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"]["error"] == "CheckFailed"


def test_a_misconfigured_task_backend_makes_it_degraded(client, settings):
    settings.TASKS = {"default": {"BACKEND": "no.such.Backend"}}
    response = client.get(URL)

    assert response.status_code == 200
    assert statuses(response) == {"database": "ok", "cache": "ok", "tasks": "error",
                                  "task_queue": "error"}
    assert response.json()["checks"]["tasks"]["error"] == "InvalidTaskBackend"


def test_an_app_adds_a_check_with_one_registration(client, registered_checks):
    @health.register_check("search_index", critical=False)
    def search_index():
        return {"documents": 3}

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json()["checks"]["search_index"]["documents"] == 3
    assert statuses(response)["search_index"] == "ok"


def test_a_failing_critical_check_takes_the_server_out(client, registered_checks):
    @health.register_check("disk", critical=True)
    def disk():
        raise OSError("disk full")

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["disk"]["error"] == "OSError"


def test_a_failing_other_check_leaves_it_in(client, registered_checks):
    @health.register_check("mail", critical=False)
    def mail():
        raise ConnectionRefusedError

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


def test_a_name_can_be_registered_once(registered_checks):
    with pytest.raises(AlreadyRegistered):
        health.register_check("database", critical=True)(lambda: None)


DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_without_a_queue_the_task_check_says_so(client):
    assert client.get(URL).json()["checks"]["task_queue"]["queue"] == "none: tasks run at once"


def test_tasks_that_wait_longer_than_ten_minutes_degrade_the_server(client, settings):
    """No worker takes them: zuidwest-worker.service is down. Pages still work (200)."""
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from signups.tasks import delete_expired_signups
    from zuidwest.task_queue_health import task_queue

    settings.TASKS = DATABASE_BACKEND
    assert task_queue() == {"waiting": 0}
    delete_expired_signups.enqueue()
    assert task_queue() == {"waiting": 1}
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=11))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert statuses(response)["task_queue"] == "error"
