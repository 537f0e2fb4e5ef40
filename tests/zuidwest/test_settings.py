"""The settings module refuses an unsafe production start and follows its environment variables.

Settings are read once per process, so each case starts a fresh Python process.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-production-secret-of-more-than-fifty-characters-0123456789"
HOSTS = "zuidwest.example,www.zuidwest.example"
SITE = "https://zuidwest.example"
CONFIGURATION_VARIABLES = [
    "SITE_URL",
    "SITE_URL_ALLOW_HTTP",
    "DJANGO_TASK_BACKEND",
    "DJANGO_ENV",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "DATABASE_STATEMENT_TIMEOUT",
    "DJANGO_LOG_FORMAT",
    "DJANGO_LOG_LEVEL",
    "DJANGO_TRUSTED_PROXY_COUNT",
    "EMAIL_HOST",
]
# A mail server, which production needs (a case without one passes EMAIL_HOST="").
MAIL_HOST = "smtp.zuidwest.example"

START_AND_REPORT = (
    "import django; django.setup(); from django.conf import settings; "
    "print('DEBUG', settings.DEBUG); "
    "print('ENGINE', settings.DATABASES['default']['ENGINE']); "
    "print('CACHE', settings.CACHES['default']['BACKEND']); "
    "print('HOSTS', ','.join(settings.ALLOWED_HOSTS)); "
    "print('SITE_URL', settings.SITE_URL); "
    "print('TASKS', settings.TASKS['default']['BACKEND'])"
)


def run_python(code, **variables):
    """Run code in a fresh interpreter with only the given configuration variables set."""
    env = {key: value for key, value in os.environ.items() if key not in CONFIGURATION_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "zuidwest.settings"
    env["EMAIL_HOST"] = MAIL_HOST
    env.update(variables)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def report(result):
    assert result.returncode == 0, result.stderr
    return dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)


def assert_refuses_to_start(result, reason):
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert reason in result.stderr


class TestProductionRefusesUnsafeStarts:
    def test_without_a_secret_key(self):
        result = run_python(START_AND_REPORT, DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS=HOSTS)

        assert_refuses_to_start(result, "DJANGO_SECRET_KEY")

    def test_with_a_short_secret_key(self):
        result = run_python(
            START_AND_REPORT,
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY="too-short",
            DJANGO_ALLOWED_HOSTS=HOSTS,
        )

        assert_refuses_to_start(result, "DJANGO_SECRET_KEY")

    def test_without_allowed_hosts(self):
        result = run_python(START_AND_REPORT, DJANGO_ENV="production", DJANGO_SECRET_KEY=SECRET)

        assert_refuses_to_start(result, "DJANGO_ALLOWED_HOSTS")

    def test_with_blank_allowed_hosts(self):
        result = run_python(
            START_AND_REPORT,
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY=SECRET,
            DJANGO_ALLOWED_HOSTS=" , ",
        )

        assert_refuses_to_start(result, "DJANGO_ALLOWED_HOSTS")

    def test_without_either(self):
        result = run_python(START_AND_REPORT, DJANGO_ENV="production")

        assert_refuses_to_start(result, "DJANGO_SECRET_KEY")

    def test_without_a_mail_server(self):
        """Otherwise residents' mails (with their deletion links) went to the console log."""
        result = run_python(START_AND_REPORT, DJANGO_ENV="production", DJANGO_SECRET_KEY=SECRET,
                            DJANGO_ALLOWED_HOSTS=HOSTS, SITE_URL=SITE, EMAIL_HOST="")

        assert_refuses_to_start(result, "EMAIL_HOST")

    def test_with_an_unknown_environment_name(self):
        result = run_python(START_AND_REPORT, DJANGO_ENV="staging")

        assert_refuses_to_start(result, "DJANGO_ENV")


class TestProductionStarts:
    def test_with_a_secret_key_and_allowed_hosts_and_never_in_debug_mode(self):
        result = run_python(
            START_AND_REPORT,
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY=SECRET,
            DJANGO_ALLOWED_HOSTS=HOSTS,
            SITE_URL=SITE,
            DJANGO_DEBUG="1",
        )

        settings = report(result)
        assert settings["DEBUG"] == "False"
        assert settings["HOSTS"] == HOSTS
        assert settings["SITE_URL"] == SITE
        assert settings["TASKS"] == "django_tasks_db.DatabaseBackend"


PRODUCTION = {"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": SECRET,
              "DJANGO_ALLOWED_HOSTS": HOSTS}


class TestCanonicalUrl:
    """docs/operations/canonical-url.md: production needs the public https address of the portal."""

    def test_production_refuses_to_start_without_site_url(self):
        assert_refuses_to_start(run_python(START_AND_REPORT, **PRODUCTION), "SITE_URL")

    @pytest.mark.parametrize("address", [
        "http://zuidwest.example",  # not https
        "zuidwest.example",  # no scheme
        "https://",  # no host
        "https://zuidwest.example/portal",  # a path: links are SITE_URL + path
    ])
    def test_production_refuses_an_address_that_is_not_a_plain_https_origin(self, address):
        result = run_python(START_AND_REPORT, **PRODUCTION, SITE_URL=address)

        assert_refuses_to_start(result, "SITE_URL")

    def test_production_refuses_a_host_it_does_not_serve(self):
        result = run_python(START_AND_REPORT, **PRODUCTION, SITE_URL="https://elders.example")

        assert_refuses_to_start(result, "The host of SITE_URL must be in DJANGO_ALLOWED_HOSTS")

    def test_http_only_with_the_explicit_override_for_a_local_production_run(self):
        settings = report(run_python(
            START_AND_REPORT, **{**PRODUCTION, "DJANGO_ALLOWED_HOSTS": "127.0.0.1"},
            SITE_URL="http://127.0.0.1:8110/", SITE_URL_ALLOW_HTTP="1"))

        assert settings["SITE_URL"] == "http://127.0.0.1:8110"

    def test_development_defaults_to_the_local_server(self):
        assert report(run_python(START_AND_REPORT))["SITE_URL"] == "http://127.0.0.1:8000"


class TestTaskBackend:
    """docs/operations/background-work.md."""

    def test_development_runs_tasks_at_once(self):
        settings = report(run_python(START_AND_REPORT))

        assert settings["TASKS"] == "django.tasks.backends.immediate.ImmediateBackend"

    def test_the_environment_chooses_the_database_backend_in_development(self):
        settings = report(run_python(START_AND_REPORT, DJANGO_TASK_BACKEND="database"))

        assert settings["TASKS"] == "django_tasks_db.DatabaseBackend"

    def test_production_can_run_tasks_at_once_when_told(self):
        settings = report(run_python(START_AND_REPORT, **PRODUCTION, SITE_URL=SITE,
                                     DJANGO_TASK_BACKEND="immediate"))

        assert settings["TASKS"] == "django.tasks.backends.immediate.ImmediateBackend"

    def test_an_unknown_backend_is_refused(self):
        result = run_python(START_AND_REPORT, DJANGO_TASK_BACKEND="celery")

        assert_refuses_to_start(result, "DJANGO_TASK_BACKEND")


class TestWsgiDefaultsToProduction:
    def test_importing_the_wsgi_module_without_a_secret_key_fails(self):
        result = run_python("import zuidwest.wsgi")

        assert_refuses_to_start(result, "DJANGO_SECRET_KEY")

    def test_the_wsgi_module_runs_without_debug_even_when_nothing_says_production(self):
        result = run_python(
            "import zuidwest.wsgi; from django.conf import settings; "
            "print('DEBUG', settings.DEBUG); print('PRODUCTION', settings.PRODUCTION)",
            DJANGO_SECRET_KEY=SECRET,
            DJANGO_ALLOWED_HOSTS=HOSTS,
            SITE_URL=SITE,
        )

        settings = report(result)
        assert settings["PRODUCTION"] == "True"
        assert settings["DEBUG"] == "False"

    def test_an_explicit_development_environment_is_respected_by_the_wsgi_module(self):
        result = run_python(
            "import zuidwest.wsgi; from django.conf import settings; "
            "print('DEBUG', settings.DEBUG)",
            DJANGO_ENV="development",
        )

        assert report(result)["DEBUG"] == "True"


class TestLocalDefaults:
    def test_development_starts_without_configuration_on_sqlite_and_local_memory(self):
        settings = report(run_python(START_AND_REPORT))

        assert settings["DEBUG"] == "True"
        assert settings["ENGINE"] == "django.db.backends.sqlite3"
        assert settings["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"

    def test_django_debug_off_turns_debug_off_in_development(self):
        assert report(run_python(START_AND_REPORT, DJANGO_DEBUG="0"))["DEBUG"] == "False"


class TestServicesFromTheEnvironment:
    def test_redis_url_switches_the_cache_to_redis(self):
        settings = report(run_python(START_AND_REPORT, REDIS_URL="redis://127.0.0.1:6379/1"))

        # Django's Redis cache, failing open (zuidwest/caching/backends.py).
        assert settings["CACHE"] == "zuidwest.caching.backends.FailOpenRedisCache"

    @pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
    def test_a_postgres_database_url_selects_the_postgresql_engine(self, scheme):
        settings = report(
            run_python(START_AND_REPORT, DATABASE_URL=f"{scheme}://portal@db.example:5432/zuidwest")
        )

        assert settings["ENGINE"] == "django.db.backends.postgresql"


def test_the_language_cookie_is_secure_and_same_site_in_production():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print('SECURE', settings.LANGUAGE_COOKIE_SECURE); "
        "print('SAMESITE', settings.LANGUAGE_COOKIE_SAMESITE); "
        "print('HTTPONLY', settings.LANGUAGE_COOKIE_HTTPONLY)",
        DJANGO_ENV="production", DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS=HOSTS,
        SITE_URL=SITE)
    assert report(result) == {"SECURE": "True", "SAMESITE": "Lax", "HTTPONLY": "True"}


def test_the_deployment_check_finds_nothing_but_the_preload_choice():
    """`manage.py check --deploy` with production settings: only security.W021 (HSTS preload,
    a decision for the municipality's domain; docs/security/index.md)."""
    env = {key: value for key, value in os.environ.items() if key not in CONFIGURATION_VARIABLES}
    # The browser tests set this for Playwright's event loop; a server never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(DJANGO_ENV="production", DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS=HOSTS,
               SITE_URL="https://zuidwest.example", EMAIL_HOST="smtp.zuidwest.example")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=PROJECT_ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    found = sorted(set(re.findall(r"\((\w+\.[EW]\d+)\)", result.stdout + result.stderr)))
    assert found == ["security.W021"], result.stdout + result.stderr


class TestTrustedProxies:
    REPORT = ("import django; django.setup(); from django.conf import settings; "
              "print('PROXIES', settings.TRUSTED_PROXY_COUNT); "
              "print('AXES_IP', settings.AXES_CLIENT_IP_CALLABLE)")

    def test_none_by_default_and_axes_uses_the_one_client_address(self):
        settings = report(run_python(self.REPORT))

        assert settings == {"PROXIES": "0", "AXES_IP": "zuidwest.client_ip.client_ip"}

    def test_one_proxy_from_the_environment(self):
        settings = report(run_python(self.REPORT, DJANGO_TRUSTED_PROXY_COUNT="1"))

        assert settings["PROXIES"] == "1"

    def test_the_api_limits_count_the_same_client_address(self):
        code = ("import django; django.setup(); from django.conf import settings; "
                "print('API', settings.REST_FRAMEWORK['NUM_PROXIES'])")
        assert report(run_python(code, DJANGO_TRUSTED_PROXY_COUNT="1")) == {"API": "1"}
        assert report(run_python(code)) == {"API": "0"}

    def test_a_negative_count_is_refused(self):
        result = run_python(self.REPORT, DJANGO_TRUSTED_PROXY_COUNT="-1")

        assert_refuses_to_start(result, "DJANGO_TRUSTED_PROXY_COUNT")
