"""Real-browser tests: Debian's Chromium driven by Playwright, against pytest-django's live server.

Every test here is skipped, with the reason, where Chromium, Playwright or axe is missing. The
live server is Django's own (with django.contrib.staticfiles installed it serves /static/ too),
so the pages load exactly the CSS and JavaScript they would in production, without compression.
"""

import importlib.util
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio event loop in the main thread. Django sees that loop and
# would refuse the database access of fixtures and tests (SynchronousOnlyOperation); the access
# is still synchronous, so tell Django it is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_DIR = Path(__file__).parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The only third-party host a page may ask for: the Kadaster's map tiles (PDOK). The tests abort
# those requests too, so they need no network.
MAP_TILE_HOST = "service.pdok.nl"


def find_chromium():
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def why_no_browser():
    """The reason the browser tests cannot run here, or None when they can."""
    for module, package in (
        ("playwright.sync_api", "playwright"),
        ("axe_playwright_python.sync_playwright", "axe-playwright-python"),
    ):
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            return f"{package} is not installed (pip install -e '.[dev]')"
    if not find_chromium():
        return "Chromium is not installed (apt-get install chromium); no /usr/bin/chromium"
    return None


SKIP_REASON = why_no_browser()


def pytest_collection_modifyitems(config, items):
    if not SKIP_REASON:
        return
    skip = pytest.mark.skip(reason=f"browser tests skipped: {SKIP_REASON}")
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site_data(transactional_db):
    """The real programme facts and the demo content, with the agenda filled for today.

    Transactional tests empty the database after each test, so this loads it again each time."""
    from django.core.cache import cache
    from django.core.management import call_command

    cache.clear()
    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)
    call_command("refresh_occurrences", quiet=True)
    yield
    cache.clear()


@pytest.fixture
def demo_images(site_data, settings, tmp_path):
    """The demo content with its illustrations (manage.py load_demo_images, as `make setup`
    runs it), stored with their renditions in a temporary folder."""
    import io

    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("load_demo_images", stdout=io.StringIO())


def serve_media(route, path):
    """Answer a request for an uploaded file from MEDIA_ROOT, as nginx does in production (the
    live server runs without DEBUG, so Django does not serve /media/)."""
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path.removeprefix(settings.MEDIA_URL)).resolve()
    if root in file.parents and file.is_file():
        route.fulfill(path=file)
    else:
        route.fulfill(status=404, body="")


class RequestLog:
    """What a browser context asked for: requests to the live server go through (uploaded files
    from MEDIA_ROOT), map tiles are counted and aborted, anything else is aborted and remembered
    as a failure."""

    def __init__(self, live_server_url):
        self.own_host = urlsplit(live_server_url).netloc
        self.tile_requests = 0
        self.foreign = []

    def handle(self, route):
        from django.conf import settings

        url = route.request.url
        parts = urlsplit(url)
        if parts.netloc == self.own_host and parts.path.startswith(settings.MEDIA_URL):
            serve_media(route, parts.path)
        elif parts.scheme in ("data", "blob", "about") or parts.netloc == self.own_host:
            route.continue_()
        elif parts.hostname == MAP_TILE_HOST:
            self.tile_requests += 1
            route.abort()
        else:
            self.foreign.append(url)
            route.abort()

    def assert_no_third_parties(self):
        assert not self.foreign, (
            "The site asked other hosts than its own (no trackers, CDNs or web fonts allowed; only "
            f"map tiles from {MAP_TILE_HOST}):\n" + "\n".join(self.foreign)
        )


# Reports every Content Security Policy violation of every page of a context to Python, at the
# moment it happens (a list kept in the page would be lost on the next navigation).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    page: location.href, directive: event.violatedDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample,
  });
});
"""


class CspLog:
    """The Content Security Policy violations a browser context met: the securitypolicyviolation
    events of its pages and the console errors the browser writes about the policy."""

    def __init__(self, context):
        self.violations = []
        context.expose_function("reportCspViolation", self.report)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", self.console)

    def report(self, violation):
        self.violations.append(violation)

    def console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.violations.append({"console": message.text, "page": message.page.url})

    def assert_none(self):
        assert not self.violations, "Content Security Policy violations:\n" + "\n".join(
            str(violation) for violation in self.violations
        )


@pytest.fixture
def new_context(browser, live_server):
    """Make browser contexts that block and record third-party requests and record violations
    of the Content Security Policy; closes them after the test and fails the test when any page
    asked another host than the site (or PDOK's tiles) or broke the policy."""
    made = []

    def make(**options):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", **options)
        context.set_default_timeout(10_000)
        log = RequestLog(live_server.url)
        context.route("**/*", log.handle)
        context.request_log = log
        context.csp_log = CspLog(context)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
    for context in made:
        context.request_log.assert_no_third_parties()
        context.csp_log.assert_none()


@pytest.fixture
def page(new_context, site_data):
    """A fresh page in a fresh context (no cache, no cookies) on a site full of content."""
    return new_context().new_page()
