"""Production smoke test: the portal as it runs in production, end to end, on this machine.

    .venv/bin/python scripts/production_smoke.py [--postgres URL] [--database NAME]
                                                 [--redis-url URL] [--keep]

Needs nginx and openssl on the machine (it installs nothing; .ci/run installs Debian's nginx),
PostgreSQL (a role that may create databases) and Redis. It creates the database anew and
EMPTIES the given Redis database. Everything it makes lives in one temporary directory.

What it does, in order:
1. a self-signed certificate for portal.zuidwest.test (openssl req), a local SMTP sink;
2. production settings (DJANGO_ENV=production, a secret, SITE_URL, PostgreSQL, Redis,
   media and static files in the temporary directory, SMTP to the sink);
3. migrate, collectstatic, loaddata programme + demo, refresh_occurrences;
4. gunicorn (2 workers, gunicorn.conf.py when the repository has one), the task worker when
   WORKER_COMMAND is set, and nginx with deploy/nginx/zuidwest.conf: the same file with only
   names, ports and paths replaced, so its locations, headers and TLS settings are what runs;
5. through nginx over TLS: HTTP goes to HTTPS, an unknown host gets no certificate, every public
   page of the URL configuration (pages with arguments: the first one found by following the
   links) answers 200 and names no loopback address, a hashed static file comes from nginx
   with year-long caching and gzip;
6. a partner logs in, puts a new photo on a place and sends it for review; staff log in to the
   admin with their TOTP code and approve it; the photo's renditions come from /media/ as
   images, other files in /media/ are refused, an upload over the limit gets a Dutch 413;
7. the review mails reached the sink and every link in them starts with SITE_URL (no loopback);
8. with gunicorn stopped, nginx answers 503 with Retry-After and a Dutch page;
9. stops everything, also when a check fails (each process in its own process group).
"""

import argparse
import email
import email.policy
import io
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from production_kit import (
    REPO,
    Browser,
    CheckFailed,
    Processes,
    approve_in_admin,
    check,
    clean_up,
    create_accounts,
    find_form,
    flush_redis,
    form_errors,
    fresh_database,
    gunicorn_command,
    links,
    log_in_partner,
    log_in_staff,
    manage,
    production_env,
    run,
    say,
    setup_django,
)

SITE_HOST = "portal.zuidwest.test"
SITE_URL = f"https://{SITE_HOST}"
HTTPS_PORT, HTTP_PORT, APP_PORT, SMTP_PORT = 8151, 8152, 8153, 8154
NGINX_SITE = REPO / "deploy" / "nginx" / "zuidwest.conf"
PUBLIC_NAMESPACES = {"site", "alliances", "initiatives", "locations"}
# Public URL names that are no page to visit: a resident's own sign-up, reached only with the
# secret token from their confirmation.
NOT_VISITED = {"signups:confirmation", "signups:delete"}
# Pages with arguments that no link leads to: the agenda of one day is reached through the
# agenda's date form (a GET with ?datum=, redirected), so it is visited for today.
DAY_PAGE = "locations:agenda_day"
PHOTO_ALT = "Een rood en een blauw vlak (testfoto)"
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0", re.IGNORECASE)

# The task worker (django-tasks-db), started after gunicorn and stopped with everything else.
# Production queues mail and photo renditions in the database; the mail and rendition checks
# wait for the worker to have done them.
WORKER_COMMAND = [sys.executable, "manage.py", "db_worker"]


def nginx_binary():
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()),
        None)
    check(found is not None, "nginx not found: install it (apt-get install nginx), see .ci/run")
    check(shutil.which("openssl") is not None, "openssl not found (apt-get install openssl)")
    return found


def replace(text, old, new):
    """Replace, and fail loudly when the deploy file no longer has `old`: the test must run
    the real configuration, not a guess at it."""
    check(old in text, f"deploy/nginx/zuidwest.conf no longer contains {old!r}")
    return text.replace(old, new)


def render_nginx(workdir):
    """deploy/nginx/zuidwest.conf with this machine's names, ports and paths, inside a main
    configuration that runs nginx as this user in the temporary directory."""
    site = NGINX_SITE.read_text()
    site = replace(site, "/etc/letsencrypt/live/portal.example.nl/fullchain.pem",
                   str(workdir / "cert.pem"))
    site = replace(site, "/etc/letsencrypt/live/portal.example.nl/privkey.pem",
                   str(workdir / "key.pem"))
    site = replace(site, "portal.example.nl", SITE_HOST)
    site = replace(site, "\n    server 10.0.0.11:8000 max_fails=3 fail_timeout=10s;", "")
    site = replace(site, "server 10.0.0.12:8000 ", f"server 127.0.0.1:{APP_PORT} ")
    check("10.0.0." not in site, "the upstream of the nginx site changed: update the test")
    site = replace(site, "listen 80;", f"listen 127.0.0.1:{HTTP_PORT};")
    site = replace(site, "listen 443 ssl default_server;",
                   f"listen 127.0.0.1:{HTTPS_PORT} ssl default_server;")
    site = replace(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{HTTPS_PORT} ssl http2;")
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)  # no IPv6 needed here
    site = replace(site, "/srv/zuidwest/staticfiles/", f"{workdir / 'static'}/")
    site = replace(site, "/srv/zuidwest/media/", f"{workdir / 'media'}/")
    site = replace(site, "/var/log/nginx/", f"{workdir / 'logs'}/")
    site = replace(site, "/var/www/letsencrypt", str(workdir / "acme"))
    (workdir / "site.conf").write_text(site)
    temp = workdir / "nginx-temp"
    main = f"""
daemon off;
worker_processes 1;
pid {workdir / 'nginx.pid'};
error_log {workdir / 'logs' / 'nginx-error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {workdir / 'site.conf'};
}}
"""
    (workdir / "nginx.conf").write_text(main)
    return workdir / "nginx.conf"


def make_certificate(workdir):
    subprocess.run([
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", f"/CN={SITE_HOST}", "-addext", f"subjectAltName=DNS:{SITE_HOST}",
        "-keyout", str(workdir / "key.pem"), "-out", str(workdir / "cert.pem"),
    ], check=True, capture_output=True)
    (workdir / "key.pem").chmod(0o600)
    context = ssl.create_default_context(cafile=str(workdir / "cert.pem"))
    context.verify_flags &= ~getattr(ssl, "VERIFY_X509_STRICT", 0)
    return context


class MailSink:
    """An SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it receives."""

    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"

    def wait_for(self, condition, what, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = [m for m in self.messages if condition(m)]
            if found:
                return found
            time.sleep(0.2)
        raise CheckFailed(f"no mail {what} within {timeout} s "
                          f"(received: {[m['Subject'] for m in self.messages]})")


def mail_text(message):
    """Every text part of the message (plain and HTML)."""
    return "\n".join(part.get_content() for part in message.walk()
                     if part.get_content_maintype() == "text")


# -- the checks --------------------------------------------------------------------------------


def check_transport(tls_context):
    plain = Browser(f"http://{SITE_HOST}", port=HTTP_PORT)
    response = plain.get("/plekken/?a=1")
    check(response.status == 301 and response.header("Location")
          == f"https://{SITE_HOST}/plekken/?a=1",
          f"HTTP should redirect to HTTPS: {response.status} {response.header('Location')}")
    stranger = Browser("https://unknown.zuidwest.test", port=HTTPS_PORT,
                       tls_context=ssl._create_unverified_context())
    try:
        stranger.get("/")
    except ssl.SSLError:
        pass
    else:
        raise CheckFailed("an unknown host name should get no TLS handshake")
    say("HTTP redirects to HTTPS; an unknown host gets no certificate")


def public_url_names():
    """{view name: URL or None}: every public page of the URL configuration; None when the
    URL takes arguments (a detail page), to be found by following links."""
    from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace:
                yield f"{namespace}:{pattern.name}"

    names = {}
    for name in walk(get_resolver().url_patterns, None):
        if name.split(":")[0] not in PUBLIC_NAMESPACES or name in NOT_VISITED:
            continue
        try:
            names[name] = reverse(name)
        except NoReverseMatch:
            names[name] = None
    return names


def check_public_pages(browser):
    """Every public page answers 200 through nginx: the URLs without arguments, their English
    versions, and for each URL with arguments the first one the pages link to (following
    more links only while some public URL has not been reached)."""
    from django.urls import Resolver404, resolve, reverse
    from django.utils import timezone, translation

    names = public_url_names()
    queue = [url for url in names.values() if url]
    with translation.override("en"):
        queue += [reverse(name) for name, url in names.items() if url]
    today = timezone.localdate()
    queue.append(reverse(DAY_PAGE, kwargs={
        "year": today.year, "month": today.month, "day": today.day}))
    seen_names = {name for name, url in names.items() if url} | {DAY_PAGE}
    spare = []  # more pages of names already seen, for names no page seen so far links to
    visited = set()
    while queue or (spare and set(names) - seen_names):
        path = queue.pop(0) if queue else spare.pop(0)
        if path in visited:
            continue
        visited.add(path)
        response = browser.get(path)
        check(response.status == 200, f"{path}: {response.status}")
        loopback = LOOPBACK.search(response.text)
        check(not loopback, f"{path} names a loopback address: {loopback and loopback[0]}")
        if not response.header("Content-Type").startswith("text/html"):
            continue
        for href in links(response.text):
            href = href.replace("&amp;", "&")
            if href.startswith(SITE_URL):
                href = href[len(SITE_URL):]
            if not href.startswith("/") or href.startswith("//"):
                continue
            href = href.split("#")[0].split("?")[0]
            try:
                match = resolve(href)
            except Resolver404:
                continue
            if match.view_name not in names:
                continue
            if match.view_name in seen_names:
                spare.append(href)
            else:
                seen_names.add(match.view_name)
                queue.append(href)
    missing = sorted(set(names) - seen_names)
    check(not missing, f"no page links to these public pages, so they were not tried: {missing}")
    say(f"{len(visited)} public pages answer 200 through nginx, none names a loopback "
        f"address ({len(names)} URL names, every one visited)")
    return visited


def check_static(browser, home_html):
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home_html)
    check(css is not None, "the home page links no hashed CSS file")
    response = browser.get(css.group(1), headers={"Accept-Encoding": "gzip"})
    check(response.status == 200, f"{css.group(1)}: {response.status}")
    cache = [value for name, value in response.headers if name.lower() == "cache-control"]
    check(cache == ["public, max-age=31536000, immutable"],
          f"a hashed static file is cached for a year by nginx: {cache}")
    check(response.header("Content-Encoding") == "gzip", "the CSS comes gzipped (gzip_static)")
    check(response.header("X-Content-Type-Options") == "nosniff", "static files carry nosniff")
    say(f"static {css.group(1)}: 200, {cache[0]}, gzip from nginx")


def check_page_headers(browser):
    response = browser.get("/", headers={"Accept-Encoding": "gzip"})
    hsts = [value for name, value in response.headers
            if name.lower() == "strict-transport-security"]
    check(len(hsts) == 1, f"exactly one HSTS header on a page: {hsts}")
    check(response.header("Content-Encoding") == "gzip", "pages are compressed")
    return browser.get("/").text


def photo_bytes():
    sys.path.insert(0, str(REPO))
    from tests.zuidwest.image_samples import picture

    buffer = io.BytesIO()
    picture(size=(1400, 900)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def check_photo_flow(tls_context, sink):
    from locations.models import Place
    from zuidwest.review.models import Revision

    place = Place.objects.published().exclude(managing_organisation=None).order_by("pk").first()
    check(place is not None, "the demo data has a published place with a manager")
    partner, staff, device, password = create_accounts(place.managing_organisation)

    resident = Browser(SITE_URL, port=HTTPS_PORT, tls_context=tls_context)
    before = resident.get(place.get_absolute_url())
    check(before.status == 200, f"place page: {before.status}")

    browser = Browser(SITE_URL, port=HTTPS_PORT, tls_context=tls_context)
    log_in_partner(browser, partner.email, password)
    edit_path = f"/partner/plekken/{place.pk}/bewerken/"
    page = browser.get(edit_path)
    check(page.status == 200, f"{edit_path}: {page.status}")
    form = find_form(page.text, containing="indienen")
    check(form.enctype == "multipart/form-data", "the place form takes files")

    too_big = browser.submit(edit_path, form, {"indienen": "1"},
                             files={"image": ("groot.jpg", "image/jpeg", b"\0" * (12 << 20))})
    check(too_big.status == 413 and "Dit bestand is te groot" in too_big.text,
          f"an upload over client_max_body_size: {too_big.status} {too_big.text[:200]}")

    response = browser.submit(edit_path, form, {"indienen": "1", "image_alt": PHOTO_ALT},
                              files={"image": ("IMG_2041.jpg", "image/jpeg", photo_bytes())})
    check(response.status == 302,
          f"submitting the place: {response.status} {form_errors(response.text)}")
    revision = Revision.objects.filter(object_id=place.pk, state="submitted").latest("pk")
    say(f"partner sent {place.name!r} with a new photo for review (version {revision.pk})")
    sink.wait_for(lambda m: staff.email in m["To"], "to staff about the review")

    staff_browser = Browser(SITE_URL, port=HTTPS_PORT, tls_context=tls_context)
    log_in_staff(staff_browser, staff.username, password, device)
    approve_in_admin(staff_browser, revision)
    say("staff logged in with a TOTP code and approved the version")

    place.refresh_from_db()
    check(bool(place.image), "the approved photo is on the place")
    stem = Path(place.image.name).stem
    # Renditions made by the task worker may take a moment; the page shows them once they are.
    deadline = time.monotonic() + 60
    while True:
        after = resident.get(place.get_absolute_url())
        check(after.status == 200, f"place page after approval: {after.status}")
        renditions = sorted(set(re.findall(rf"/media/[^\"' ,]*{stem}-\d+\.webp", after.text)))
        if renditions or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    check(renditions, f"the place page shows the renditions of {place.image.name}: "
          f"{re.findall(r'<img[^>]*>', after.text)}")
    for url in [*renditions, place.image.url]:
        image = resident.get(url)
        kind = "image/webp" if url.endswith(".webp") else "image/jpeg"
        check(image.status == 200 and image.header("Content-Type") == kind,
              f"{url}: {image.status} {image.header('Content-Type')}")
        check(image.header("X-Content-Type-Options") == "nosniff", f"{url}: nosniff")
        check(image.header("Cache-Control") == "public, max-age=604800", f"{url}: caching")
        check(image.body[:4] in (b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")
              or image.body[:3] == b"\xff\xd8\xff", f"{url}: the bytes are an image")
    say(f"renditions through nginx: {', '.join(renditions)} (200, image/webp)")

    # Anything else in MEDIA_ROOT is not served, whatever its name says.
    media = Path(place.image.path).parent
    (media / "page.html").write_text("<script>alert(1)</script>")
    (media / "photo.jpg.php").write_text("<?php echo 1; ?>")
    for name in ("page.html", "photo.jpg.php"):
        refused = resident.get(f"/media/{Path(place.image.name).parent}/{name}")
        check(refused.status == 404, f"/media/ serves only images: {name} gave {refused.status}")
    say("other files in /media/ get 404; an upload over 11 MB gets 413")

    return sink.wait_for(lambda m: partner.email in m["To"], "to the partner about approval")


def check_mail_links(sink, browser):
    checked = 0
    with sink.lock:
        messages = list(sink.messages)
    check(messages, "no mail was sent")
    for message in messages:
        text = mail_text(message)
        check(not LOOPBACK.search(text), f"mail {message['Subject']!r} names a loopback address")
        for url in re.findall(r"https?://[^\s<>\"')]+", text):
            check(url.startswith(SITE_URL + "/"),
                  f"mail {message['Subject']!r}: link {url} does not start with {SITE_URL}")
            path = url[len(SITE_URL):]
            if not path.startswith(("/beheer/", "/partner/")):
                response = browser.get(path)
                check(response.status == 200, f"link {url} in a mail: {response.status}")
            checked += 1
    check(checked, "the mails hold no links")
    say(f"{len(messages)} mails in the SMTP sink; all {checked} links start with {SITE_URL}")


def check_app_down(processes, browser):
    """With no app server answering, nginx says so in Dutch, with a 503 and Retry-After."""
    processes.stop("gunicorn")
    response = browser.get("/")
    check(response.status == 503 and response.header("Retry-After") == "30"
          and "even niet bereikbaar" in response.text,
          f"no app server: {response.status} {response.header('Retry-After')}")
    say("with gunicorn stopped nginx answers 503, Retry-After: 30, in Dutch")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get(
        "CI_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", default="zuidwest_smoke")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9",
                        help="a Redis database this test may empty")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory and the database")
    args = parser.parse_args()

    nginx = nginx_binary()
    workdir = Path(tempfile.mkdtemp(prefix="zuidwest-smoke-"))
    workdir.chmod(0o755)  # nginx's workers may run as another user
    for name in ("media", "static", "logs", "acme", "nginx-temp"):
        (workdir / name).mkdir()
    say(f"working in {workdir}")
    tls_context = make_certificate(workdir)
    sink = MailSink(SMTP_PORT)
    sink.controller.start()
    database_created = False
    try:
        database_url = fresh_database(args.postgres, args.database)
        database_created = True
        flush_redis(args.redis_url)
        env = production_env(
            workdir=workdir, site_url=SITE_URL, database_url=database_url,
            redis_url=args.redis_url, EMAIL_HOST="127.0.0.1", EMAIL_PORT=SMTP_PORT,
            EMAIL_USE_TLS=0, DEFAULT_FROM_EMAIL="portal@zuidwest.test",
            DJANGO_TRUSTED_PROXY_COUNT=1,
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "loaddata", "fixtures/programme.json", "fixtures/demo.json")
        manage(env, "refresh_occurrences")
        conf = render_nginx(workdir)
        tested = subprocess.run([nginx, "-t", "-p", str(workdir), "-c", str(conf),
                                 "-e", str(workdir / "logs" / "nginx-error.log")],
                                capture_output=True, text=True)
        check(tested.returncode == 0, f"nginx -t: {tested.stderr}")
        setup_django(env)
        with Processes(workdir / "logs") as processes:
            processes.start("gunicorn", gunicorn_command(APP_PORT, workdir), env=env,
                            port=APP_PORT)
            if WORKER_COMMAND:
                processes.start("worker", WORKER_COMMAND, env=env)
            processes.start("nginx", [nginx, "-p", workdir, "-c", conf,
                                      "-e", workdir / "logs" / "nginx-error.log"],
                            env=env, port=HTTPS_PORT)
            browser = Browser(SITE_URL, port=HTTPS_PORT, tls_context=tls_context)
            check_transport(tls_context)
            home_html = check_page_headers(browser)
            check_static(browser, home_html)
            check_public_pages(browser)
            check_photo_flow(tls_context, sink)
            check_mail_links(sink, browser)
            check_app_down(processes, browser)
        say("PRODUCTION SMOKE TEST PASSED")
    finally:
        sink.controller.stop()
        clean_up(database_created=database_created, keep=args.keep, server_url=args.postgres,
                 database=args.database, workdir=workdir)


if __name__ == "__main__":
    run(main, "PRODUCTION SMOKE TEST")
