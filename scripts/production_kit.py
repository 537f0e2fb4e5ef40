"""What scripts/production_smoke.py and scripts/two_servers.py share: a fresh PostgreSQL
database, the production environment, processes started in their own process group and always
stopped, and a small HTTP client that keeps cookies and fills in forms the way a browser does.

Standard library only, apart from psycopg and Django from the project's own .venv (run the
scripts with .venv/bin/python).
"""

import html.parser
import http.client
import http.cookies
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
GUNICORN_CONF = REPO / "gunicorn.conf.py"


def say(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


class CheckFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


# -- the database and the environment -------------------------------------------------------


def fresh_database(server_url, name):
    """Drop and create database `name` on the PostgreSQL server; returns its DATABASE_URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{server_url}/{name}"


def drop_database(server_url, name):
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))


def flush_redis(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def production_env(*, workdir, site_url, database_url, redis_url, **extra):
    """The environment of a production app server, as /etc/zuidwest/env would give it."""
    host = urllib.parse.urlsplit(site_url).hostname
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "EMAIL_", "REDIS_"))
    }
    env.update({
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": host,
        "SITE_URL": site_url,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        # Production needs a mail server; nothing listens here, so a mail fails (and is
        # retried) unless a script passes a server of its own.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "1",
        "PYTHONUNBUFFERED": "1",
    })
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    say("manage.py " + " ".join(args))
    subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def setup_django(env):
    """Django in this process with the servers' settings, to create accounts and look up
    what the pages do not show (the ORM on the same database)."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def create_accounts(organisation):
    """A partner of `organisation`, and a staff member with a confirmed TOTP device (as
    docs/security/accounts.md says to make the first one); returns (partner, staff, device,
    password)."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from alliances.models import PartnerMembership

    User = get_user_model()
    password = "test-" + secrets.token_hex(12)
    partner = User.objects.create_user(
        username="partner@portal.zuidwest.test", email="partner@portal.zuidwest.test",
        password=password, first_name="Petra")
    PartnerMembership.objects.create(user=partner, organisation=organisation)
    staff = User.objects.create_user(username="staf", email="staf@portal.zuidwest.test",
                                     password=password, is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=staff, name="telefoon", confirmed=True)
    return partner, staff, device, password


def totp_token(device):
    """The code an authenticator app shows now for a django-otp TOTP device."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


# -- processes --------------------------------------------------------------------------------


class Processes:
    """Started processes, each in its own process group (gunicorn's and nginx's workers
    included); leaving the `with` block stops them all, on failure too."""

    def __init__(self, logdir):
        self.logdir = Path(logdir)
        self.started = []  # (name, Popen, log path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_all(show_logs=exc[0] is not None)

    def start(self, name, command, *, env, port=None):
        log = self.logdir / f"{name}.log"
        say(f"start {name}: {' '.join(str(part) for part in command)}")
        process = subprocess.Popen(
            [str(part) for part in command], cwd=REPO, env=env, start_new_session=True,
            stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )
        self.started.append((name, process, log))
        if port is not None:
            self.wait_for_port(name, process, port)
        return process

    def wait_for_port(self, name, process, port, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CheckFailed(f"{name} stopped with exit code {process.returncode}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        raise CheckFailed(f"{name} did not listen on port {port} within {timeout} s")

    def stop(self, name):
        for entry in list(self.started):
            if entry[0] == name:
                self._stop(entry[1])
                self.started.remove(entry)

    def stop_all(self, show_logs=False):
        for name, process, log in reversed(self.started):
            self._stop(process)
            if show_logs:
                tail = log.read_text(errors="replace").splitlines()[-30:]
                print(f"---- last lines of {name} ({log}) ----", *tail, sep="\n", flush=True)
        self.started.clear()

    @staticmethod
    def _stop(process):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


def gunicorn_command(port, workdir, workers=2):
    """gunicorn as deploy/systemd/zuidwest-web.service runs it: with the repository's
    gunicorn.conf.py when there is one, on this test's port and worker count."""
    command = [GUNICORN, "zuidwest.wsgi"]
    if GUNICORN_CONF.exists():
        command += ["--config", GUNICORN_CONF]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    # gunicorn 25+ opens a control socket, by default one per user (~/.gunicorn): give each
    # instance its own, so two servers (or another user's) do not take each other's.
    help_text = subprocess.run([GUNICORN, "--help"], capture_output=True, text=True).stdout
    if "--control-socket" in help_text:
        command += ["--control-socket", Path(workdir) / f"gunicorn-{port}.ctl"]
    return command


# -- HTTP -------------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """One visitor: cookies, a CSRF-aware form submit, every request to 127.0.0.1:port with
    the site's host name (Host header and TLS SNI), like a browser that resolved the name."""

    def __init__(self, site_url, *, port, tls_context=None, headers=None):
        parts = urllib.parse.urlsplit(site_url)
        self.site_url = site_url
        self.host = parts.hostname
        self.netloc = parts.netloc
        self.port = port
        self.tls_context = tls_context
        self.headers = dict(headers or {})
        self.cookies = {}

    def connection(self):
        if self.tls_context is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            connection.sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
            return connection
        connection = http.client.HTTPSConnection(self.host, self.port, timeout=60,
                                                 context=self.tls_context)
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        connection.sock = self.tls_context.wrap_socket(sock, server_hostname=self.host)
        return connection

    def request(self, method, path, *, body=None, headers=None):
        all_headers = {"Host": self.netloc, "Accept-Language": "nl", **self.headers,
                       **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.getheaders(), raw.read())
        finally:
            connection.close()
        for name, value in response.headers:
            if name.lower() == "set-cookie":
                self._store_cookie(value)
        return response

    def _store_cookie(self, header):
        cookie = http.cookies.SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def submit(self, page_path, form_html, values=None, files=None, *, action=None):
        """POST a form as a browser would: its own fields with their values, `values` typed
        over them, `files` as {name: (filename, content type, bytes)}."""
        fields = [(name, value) for name, value in form_html.fields
                  if name not in (values or {}) and name not in (files or {})]
        fields += list((values or {}).items())
        target = action or form_html.action or page_path
        headers = {"Origin": f"{urllib.parse.urlsplit(self.site_url).scheme}://{self.netloc}",
                   "Referer": f"{self.site_url}{page_path}"}
        if form_html.enctype == "multipart/form-data" or files:
            body, content_type = multipart(fields, files or {})
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        headers["Content-Type"] = content_type
        return self.request("POST", target, body=body, headers=headers)


def multipart(fields, files):
    boundary = "----zuidwest" + secrets.token_hex(12)
    chunks = []
    for name, value in fields:
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                      f"{value}\r\n".encode())
    for name, (filename, content_type, data) in files.items():
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


class Form:
    def __init__(self, attrs):
        self.action = attrs.get("action") or None
        self.method = (attrs.get("method") or "get").lower()
        self.enctype = attrs.get("enctype") or "application/x-www-form-urlencoded"
        self.id = attrs.get("id")
        self.fields = []  # (name, value) a browser would send, submit buttons left out
        self.buttons = []  # names of submit buttons


class FormParser(html.parser.HTMLParser):
    """The forms of a page with the values a browser would send: text inputs, hidden inputs,
    checked boxes, selected options, textareas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None  # [name, first option value, chosen]
        self.option_value = None
        self.textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self.form = Form(attrs)
            self.forms.append(self.form)
        if self.form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "image", "button"}:
                self.form.buttons.append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.form.fields.append((name, attrs.get("value", "on")))
            elif kind != "file":
                self.form.fields.append((name, attrs.get("value", "")))
        elif tag == "button" and name and attrs.get("type", "submit") == "submit":
            self.form.buttons.append(name)
        elif tag == "select" and name:
            self.select = [name, None, None, "multiple" in attrs]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value")
            self.option_value = value
            if "selected" in attrs:
                if self.select[3]:
                    self.form.fields.append((self.select[0], value or ""))
                self.select[2] = value if value is not None else ""
            if self.select[1] is None:
                self.select[1] = value if value is not None else ""
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            name, first, chosen, multiple = self.select
            if not multiple:
                value = chosen if chosen is not None else first
                if value is not None:
                    self.form.fields.append((name, value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline right after <textarea>.
            text = self.textarea[1]
            self.form.fields.append((self.textarea[0], text[1:] if text.startswith("\n")
                                     else text))
            self.textarea = None


def find_form(page_html, *, containing=None, form_id=None, action_suffix=None):
    """The first form of the page with this id, action ending, or field or button name."""
    parser = FormParser()
    parser.feed(page_html)
    for form in parser.forms:
        if form_id and form.id == form_id:
            return form
        if action_suffix and (form.action or "").endswith(action_suffix):
            return form
        names = {name for name, _value in form.fields} | set(form.buttons)
        if containing and containing in names:
            return form
    raise CheckFailed(f"no form {form_id or action_suffix or containing!r} on the page")


def form_errors(page_html):
    """The error messages a form page shows (the portal's and the admin's)."""
    found = re.findall(
        r'class="(?:portal-field-error|errornote|errorlist[^"]*)"[^>]*>(.*?)</(?:p|ul)>',
        page_html, re.DOTALL)
    return [re.sub(r"<[^>]+>|\s+", " ", error).strip() for error in found]


def links(page_html):
    """Every link and form target of the page."""
    return re.findall(r'(?:href|action)="([^"]+)"', page_html)


# -- logging in -------------------------------------------------------------------------------


def log_in_partner(browser, email, password):
    page = browser.get("/partner/inloggen/")
    check(page.status == 200, f"partner login page: {page.status}")
    form = find_form(page.text, containing="password")
    response = browser.submit("/partner/inloggen/", form,
                              {"username": email, "password": password})
    check(response.status == 302, f"partner login: {response.status} {response.text[:300]}")
    return response


def approve_in_admin(browser, revision):
    """Staff approve a waiting version on its review page in the admin."""
    review_path = f"/beheer/zuidwest/revision/{revision.pk}/change/"
    review = browser.get(review_path)
    check(review.status == 200, f"{review_path}: {review.status}")
    decided = browser.submit(review_path, find_form(review.text, action_suffix="/approve/"))
    check(decided.status == 302, f"approving: {decided.status} {form_errors(decided.text)}")
    revision.refresh_from_db()
    check(revision.state == "approved", f"the version is {revision.state}")


def log_in_staff(browser, username, password, device):
    """The admin login with the TOTP code, as production requires (ADMIN_REQUIRE_2FA)."""
    page = browser.get("/beheer/login/?next=/beheer/")
    check(page.status == 200, f"admin login page: {page.status}")
    form = find_form(page.text, form_id="login-form")
    response = browser.submit("/beheer/login/?next=/beheer/", form, {
        "username": username, "password": password, "otp_token": totp_token(device)})
    check(response.status == 302, f"admin login: {response.status} {response.text[:500]}")
    return response


def clean_up(*, database_created, keep, server_url, database, workdir):
    """Drop the test's database and its folder, unless --keep asked to look at them."""
    if database_created and not keep:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        drop_database(server_url, database)
    if keep:
        say(f"kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


def run(main, name):
    """Run a script's main; a failed check ends it with `name` FAILED and exit status 1."""
    try:
        main()
    except (CheckFailed, subprocess.CalledProcessError) as failure:
        print(f"{name} FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
