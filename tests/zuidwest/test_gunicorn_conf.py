"""gunicorn.conf.py: gunicorn loads it and the portal with it, and its values follow the
environment. gunicorn prints the configuration it resolved (--print-config), after loading the
application, so a configuration or an application that does not load fails here."""

import os
import subprocess
import sys
from pathlib import Path

from tests.zuidwest.test_settings import CONFIGURATION_VARIABLES, PROJECT_ROOT, SECRET

GUNICORN = Path(sys.executable).parent / "gunicorn"
GUNICORN_VARIABLES = [
    "WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_THREADS", "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT", "GUNICORN_KEEPALIVE", "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER", "GUNICORN_FORWARDED_ALLOW_IPS", "GUNICORN_CMD_ARGS",
]


def resolved_configuration(tmp_path, **variables):
    """gunicorn's resolved settings, started from another folder as systemd might."""
    env = {key: value for key, value in os.environ.items()
           if key not in CONFIGURATION_VARIABLES + GUNICORN_VARIABLES}
    env.update(DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="zuidwest.example",
               SITE_URL="https://zuidwest.example", EMAIL_HOST="smtp.zuidwest.example",
               **variables)
    result = subprocess.run(
        [str(GUNICORN), "-c", str(PROJECT_ROOT / "gunicorn.conf.py"), "--print-config"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    settings = {}
    for line in result.stdout.splitlines():
        name, separator, value = line.partition(" = ")
        if separator:
            settings[name.strip()] = value.strip()
    return settings


def test_the_defaults(tmp_path):
    config = resolved_configuration(tmp_path)

    cpus = len(os.sched_getaffinity(0))
    assert config["workers"] == str(2 * cpus + 1)
    assert config["wsgi_app"] == "zuidwest.wsgi:application"
    assert config["chdir"] == str(PROJECT_ROOT)
    assert config["bind"] == "['127.0.0.1:8000']"
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (
        "30", "30", "5")
    assert (config["max_requests"], config["max_requests_jitter"]) == ("100000", "10000")
    assert config["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
    assert config["preload_app"] == "False"
    assert config["control_socket_disable"] == "True"
    # JSON: gunicorn's own lines and its access log through the portal's formatter.
    assert config["accesslog"] == "None"
    assert "'()': 'zuidwest.logs.JsonFormatter'" in config["logconfig_dict"]
    assert "'gunicorn.access': {'level': 'INFO', 'handlers': ['json']" in config[
        "logconfig_dict"]


def test_the_environment_changes_it(tmp_path):
    config = resolved_configuration(
        tmp_path, WEB_CONCURRENCY="2", GUNICORN_BIND="unix:/run/zuidwest/web.sock",
        GUNICORN_TIMEOUT="60", GUNICORN_MAX_REQUESTS="500", GUNICORN_MAX_REQUESTS_JITTER="50",
        GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.2", GUNICORN_THREADS="4")

    assert config["workers"] == "2"
    assert config["bind"] == "['unix:/run/zuidwest/web.sock']"
    assert config["timeout"] == "60"
    assert (config["max_requests"], config["max_requests_jitter"]) == ("500", "50")
    assert config["forwarded_allow_ips"] == "['10.0.0.2']"
    assert config["threads"] == "4"


def test_readable_logs_use_gunicorns_own_access_log(tmp_path):
    config = resolved_configuration(tmp_path, DJANGO_LOG_FORMAT="text")

    assert config["accesslog"] == "-"
    assert config["logconfig_dict"] == "{}"
