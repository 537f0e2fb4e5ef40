"""The audit kept as tests: every URL pattern, with its path filled in with real and hostile
values, and every form, sent with hostile values (over-long strings, NUL, invalid UTF-8,
right-to-left overrides, huge and negative numbers, impossible dates, repeated parameters) by
a visitor, a partner and staff. Nothing may give a server error (5xx).

Hypothesis draws the query strings and form values; derandomize and a fixed number of examples
keep every run the same and short (it runs in CI on SQLite and on PostgreSQL).
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress.models import Indicator
from tests.factories import (
    InvitationFactory,
    OrganisationFactory,
    SignupFactory,
    StaffUserFactory,
    partner_user,
)
from tests.partner_helpers import KINDS, page_of

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

HOSTILE_TEXT = [
    "",
    " ",
    "x" * 5000,
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\ufeff",
    "\ud800",  # a lone surrogate: not encodable as UTF-8
    "😀" * 50,
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "31-12-2026",
    "25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%ff",
    "http://evil.example/",
    "//evil.example",
]
# Raw, already percent-encoded: invalid UTF-8, NUL, a right-to-left override.
RAW_ESCAPES = ["%ff%fe", "%c3%28", "%00", "%E2%80%AE", "%", "%zz", "%ed%a0%80"]
QUERY_KEYS = [
    "q", "pagina", "organisatie", "wijk", "neighbourhood", "spearhead", "alliance",
    "organisation", "kind", "status", "year", "order", "open_now", "wheelchair", "free_entry",
    "date", "datum", "week", "wish", "age", "no_diploma", "next", "o", "p", "e", "all",
    "_changelist_filters", "is_published__exact", "state__exact", "language",
]

hostile_text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=30))
raw_value = st.one_of(hostile_text.map(lambda v: quote(v.encode("utf-8", "surrogatepass"))),
                      st.sampled_from(RAW_ESCAPES))
query_string = st.lists(
    st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), st.sampled_from(RAW_ESCAPES)), raw_value),
    max_size=6,
).map(lambda pairs: "&".join(f"{key}={value}" for key, value in pairs))

FUZZ = settings(max_examples=60, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


# --- the URL patterns -----------------------------------------------------------------------


def patterns(resolvers=None, prefix=""):
    """Every URL pattern as (route, name), routes with <converter:name> or regexes."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, prefix + _route(entry.pattern))
        else:
            yield prefix + _route(entry.pattern), entry.name


def _route(pattern):
    text = str(pattern)
    if isinstance(pattern, RegexPattern):
        # The admin's app pages: ^(?P<app_label>auth|alliances|...)/$ -> <app:app_label>/
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<app:\1>", text.strip("^$"))
    return text


def fillings(converter, real, hostile_too=True):
    """Values for a path converter: the real ones first, then hostile ones."""
    if not hostile_too:
        return real.get(converter, ["x"])
    hostile = {
        "int": ["0", "99999999999999999999999", "1" + "0" * 40],
        "slug": ["x" * 300, "-", "_"],
        "str": ["x" * 300, quote("\u202e"), "%00", "%ff%fe", quote("\ud800".encode(
            "utf-8", "surrogatepass"))],
        "path": ["../../etc/passwd", "x" * 300, "%00"],
        "uuid": ["00000000-0000-0000-0000-000000000000"],
        "app": ["auth", "alliances", "nietbestaand"],
    }
    return real.get(converter, []) + hostile.get(converter, ["x"])


def concrete_paths(real, hostile_too=True):
    """Every pattern with each converter filled in: real values, then hostile ones one at a
    time (the others real), so every pattern is reached with a value it accepts."""
    paths = []
    for route, _name in patterns():
        slots = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if not slots:
            paths.append("/" + route)
            continue
        base = {name: fillings(converter or "str", real)[0] for converter, name in slots}
        for converter, name in slots:
            for value in fillings(converter or "str", real, hostile_too):
                values = dict(base, **{name: value})
                path = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m, v=values: v[m.group(2)], route)
                paths.append("/" + path)
    return sorted(set(paths))


@pytest.fixture
def site(db):
    """A little of everything, owned by the partner's organisation, and the clients."""
    organisation = OrganisationFactory(name="Buurtkamer De Linde")
    pages = {kind: page_of(kind, organisation, **({"accepts_signups": True}
                                                   if kind in ("opportunity", "activity")
                                                   else {}))
             for kind in KINDS}
    tokens = ["signup-token-fuzz-abcdefghijklmnopqrstuvwxyz0123456789",
              "invitation-token-fuzz-abcdefghijklmnopqrstuvwxyz0123456789"]
    signup = SignupFactory(opportunity=pages["opportunity"], token=tokens[0])
    InvitationFactory(organisation=organisation, token=tokens[1])
    initiative = pages["initiative"]
    indicator = Indicator.objects.create(
        spearhead=initiative.spearhead, initiative=initiative, name="Diploma binnen een jaar",
        slug="diploma-binnen-een-jaar", explanation="Uitleg.", unit="%", direction="higher",
        source="Eigen registratie", baseline_value=40, baseline_year=2024)
    partner = partner_user(organisation, role="admin")
    staff = StaffUserFactory()
    clients = {"visitor": Client(raise_request_exception=False)}
    for role, user in [("partner", partner), ("staff", staff)]:
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)
    real = {
        "int": sorted({str(page.pk) for page in pages.values()}
                      | {str(signup.pk), str(indicator.pk)}),
        "slug": [organisation.slug, *[page.slug for page in pages.values()]],
        "str": tokens,
        "path": ["x.jpg"],
        "app": ["alliances"],
    }
    return clients, concrete_paths(real), concrete_paths(real, hostile_too=False)


def client_for(path, clients):
    if path.startswith("/beheer/"):
        return clients["staff"]
    if "/partner/" in path:
        return clients["partner"]
    return clients["visitor"]


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what}"


def test_every_url_pattern_with_real_and_hostile_path_values(site):
    clients, paths, _real_paths = site
    assert len(paths) > 400  # every pattern of the site, the admin's included
    errors = []
    for path in paths:
        client = client_for(path, clients)
        requests = [("GET", lambda c=client, p=path: c.get(p))]
        if not path.startswith("/beheer/"):  # and a POST of nonsense to each
            requests.append(("POST", lambda c=client, p=path: c.post(p, {"x": "\x00" * 3})))
        for method, send in requests:
            status = send().status_code
            if status >= 500:
                errors.append(f"{status} for {method} {path}")
    assert errors == []


PUBLIC_PAGES = [
    "/", "/zoeken/", "/initiatieven/", "/plekken/", "/plekken/kaart/", "/plekken/plekken.geojson",
    "/agenda/", "/agenda/week/", "/agenda/agenda.ics", "/geld/", "/voortgang/",
    "/werk-en-leren/", "/werk-en-leren/vragen/1/", "/organisaties/", "/alliantieraad/",
    "/en/agenda/", "/partner/", "/partner/aanmeldingen/", "/partner/cijfers/",
    "/beheer/", "/beheer/initiatives/initiative/", "/beheer/locations/place/",
    "/beheer/auth/user/", "/beheer/alliances/organisation/",
]


@FUZZ
@given(page=st.sampled_from(PUBLIC_PAGES), query=query_string)
def test_pages_with_hostile_query_strings(site, page, query):
    clients, *_paths = site
    response = client_for(page, clients).get(f"{page}?{query}")
    assert_no_server_error(response, f"GET {page}?{query}")


# --- the forms ------------------------------------------------------------------------------


ADMIN_FORMS = re.compile(r"^/beheer/(initiatives|locations|alliances|zuidwest|auth)/\w+/add/$")


@pytest.fixture
def form_pages(site):
    """Every page with a form sent by POST (the public, partner and login pages, and the
    admin's add pages of the portal's own models), with the names of its fields,
    found by visiting every URL pattern with real values."""
    clients, _paths, real_paths = site
    found = []
    for path in real_paths:
        if path.startswith("/beheer/") and not ADMIN_FORMS.match(path):
            continue
        if path.startswith(("/partner/uitloggen/", "/en/")):
            continue
        response = client_for(path, clients).get(path)
        html = response.content.decode(errors="replace")
        if response.status_code != 200 or not re.search(r'<form[^>]*method="post"', html, re.I):
            continue
        names = sorted(set(re.findall(r'name="([^"]+)"', html)) - {"csrfmiddlewaretoken"})
        found.append((path, names))
    return found


def hostile_payload(names, offset):
    """Every field a different hostile value; the formset counts kept, or no row is built."""
    payload = {}
    for number, name in enumerate(names):
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            payload[name] = ["1", "-1", "99999999999"][offset % 3]
            continue
        value = HOSTILE_TEXT[(number + offset) % len(HOSTILE_TEXT)]
        payload[name] = [value.replace("\ud800", "\ufffd")] * (1 + (number + offset) % 2)
    return payload


def test_every_form_with_hostile_values(site, form_pages):
    clients, *_paths = site
    assert len(form_pages) >= 25
    errors = []
    for path, names in form_pages:
        for offset in range(2):
            response = client_for(path, clients).post(path, hostile_payload(names, offset))
            if response.status_code >= 500:
                errors.append(f"{response.status_code} for POST {path} (offset {offset})")
    assert errors == []


@FUZZ
@given(data=st.data())
def test_forms_with_hostile_values(site, form_pages, data):
    clients, *_paths = site
    page, names = data.draw(st.sampled_from(form_pages))
    values = {name: data.draw(st.lists(hostile_text, min_size=1, max_size=2), label=name)
              for name in names}
    # The surrogate cannot be sent as UTF-8 by a browser either; send its bytes as they are.
    payload = {name: [v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                      if "\ud800" in v else v for v in vs] for name, vs in values.items()}
    response = client_for(page, clients).post(page, payload)
    assert_no_server_error(response, f"POST {page} {payload}")
