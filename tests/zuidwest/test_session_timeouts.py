"""Logged-in sessions end after a while without activity and after a maximum, with a clear
message; the admin's limit is shorter than the partner area's."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import PARTNER_PASSWORD, InitiativeFactory
from tests.partner_helpers import form_data
from zuidwest.review.models import Revision
from zuidwest.sessions import KEPT_INPUT, LAST_SEEN, LAST_SEEN_ADMIN, STARTED

pytestmark = pytest.mark.django_db


def age_session(client, *, idle=0, started=0):
    session = client.session
    now = time.time()
    session[LAST_SEEN] = session[LAST_SEEN_ADMIN] = now - idle
    session[STARTED] = now - started
    session.save()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_partner_is_logged_out_after_four_idle_hours(partner_client):
    dashboard = reverse("partner:dashboard")
    assert partner_client.get(dashboard).status_code == 200
    age_session(partner_client, idle=3 * 3600)
    assert partner_client.get(dashboard).status_code == 200  # three hours: still in

    age_session(partner_client, idle=4 * 3600 + 1)
    response = partner_client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/partner/"
    page = partner_client.get(response["Location"])
    assert ("Je bent uitgelogd, omdat je een tijd niets op de site hebt gedaan. Log opnieuw in "
            "om verder te gaan.") in messages_of(page)
    assert partner_client.get(dashboard).status_code == 302  # really logged out


def test_staff_are_logged_out_of_the_admin_after_half_an_hour(staff_client):
    assert staff_client.get("/beheer/").status_code == 200
    age_session(staff_client, idle=31 * 60)
    response = staff_client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_session_ends_after_twelve_hours(partner_client):
    age_session(partner_client, idle=0, started=12 * 3600 + 1)
    response = partner_client.get(reverse("partner:dashboard"))
    assert response.status_code == 302
    page = partner_client.get(response["Location"])
    assert ("Je bent uitgelogd, omdat je al lang bent ingelogd. Log opnieuw in om verder te "
            "gaan.") in messages_of(page)


def test_a_post_after_the_timeout_changes_nothing_and_is_not_replayed(partner_client):
    age_session(partner_client, idle=5 * 3600)
    response = partner_client.post(reverse("partner:initiative_create"), {"title": "x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/partner/initiatieven/nieuw/"
    assert not Initiative.objects.exists()
    assert not Revision.objects.exists()


KEPT_MESSAGE = "Je was uitgelogd. We hebben je invoer bewaard; controleer en verstuur opnieuw."


def log_in_again(client, partner, next_url):
    """As a browser does: the login page (with the timeout message), then the form."""
    login_page = client.get(f"{reverse('accounts:login')}?next={next_url}")
    assert messages_of(login_page)[0].startswith("Je bent uitgelogd")
    return client.post(f"{reverse('accounts:login')}?next={next_url}",
                       {"username": partner.email, "password": PARTNER_PASSWORD,
                        "next": next_url})


def test_the_input_of_a_form_sent_after_the_timeout_comes_back_after_logging_in(
    partner_client, partner
):
    create = reverse("partner:initiative_create")
    data = form_data(partner_client.get(create))
    data.update({"title": "Moestuin aan de Erasmusweg", "summary": "Samen groente kweken.",
                 "milestones-0-title": "Eerste oogst"})
    age_session(partner_client, idle=5 * 3600)

    response = partner_client.post(create, data)
    assert response["Location"] == reverse("accounts:login") + f"?next={create}"
    response = log_in_again(partner_client, partner, create)
    assert response.status_code == 302
    assert response["Location"] == create

    page = partner_client.get(create)
    assert page.status_code == 200
    assert messages_of(page) == [KEPT_MESSAGE]
    form = page.context["form"]
    assert form["title"].value() == "Moestuin aan de Erasmusweg"
    assert form["summary"].value() == "Samen groente kweken."
    milestones = {f.child.related_name: f for f in page.context["formsets"]}["milestones"]
    assert milestones.forms[0]["title"].value() == "Eerste oogst"
    assert not form.errors  # shown to check, not judged yet
    assert not Initiative.objects.exists()

    again = partner_client.get(create)  # once only
    assert again.context["form"]["title"].value() in (None, "")
    assert messages_of(again) == []


def test_an_edit_sent_after_the_timeout_keeps_its_version_token_so_conflicts_are_caught(
    partner_client, partner, organisation
):
    initiative = InitiativeFactory(lead_organisation=organisation, title="Buurtmoestuin")
    edit = reverse("partner:initiative_edit", args=[initiative.pk])
    data = form_data(partner_client.get(edit))
    data["title"] = "Buurtmoestuin Moerwijk"
    age_session(partner_client, idle=5 * 3600)
    partner_client.post(edit, data)
    log_in_again(partner_client, partner, edit)
    page = partner_client.get(edit)
    assert page.context["form"]["title"].value() == "Buurtmoestuin Moerwijk"
    assert page.context["version_token"] == data["version_token"]


def test_no_password_csrf_token_or_file_is_kept(partner_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    create = reverse("partner:initiative_create")
    age_session(partner_client, idle=5 * 3600)
    partner_client.post(create, {"title": "Moestuin", "csrfmiddlewaretoken": "abc",
                                 "password": "geheim", "new_password1": "geheim",
                                 "cover_image": SimpleUploadedFile("foto.jpg", b"\xff\xd8")})
    assert partner_client.session[KEPT_INPUT + create] == [["title", "Moestuin"]]


def test_input_is_kept_only_with_a_valid_csrf_token(partner, organisation):
    """A page elsewhere cannot fill in a partner's form: the token has to be right."""
    create = reverse("partner:initiative_create")
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    client.get(create)
    token = client.cookies["csrftoken"].value
    age_session(client, idle=5 * 3600)
    forged = client.post(create, {"title": "Van een andere site", "csrfmiddlewaretoken": "x"})
    assert forged.status_code == 302
    assert not any(key.startswith(KEPT_INPUT) for key in client.session.keys())  # noqa: SIM118

    client.force_login(partner)
    age_session(client, idle=5 * 3600)
    client.post(create, {"title": "Echt van mij", "csrfmiddlewaretoken": token})
    assert client.session[KEPT_INPUT + create] == [["title", "Echt van mij"]]


def test_an_invitation_typed_before_the_timeout_comes_back(partner_client, partner,
                                                           organisation):
    from alliances.models import PartnerMembership, PartnerRole

    PartnerMembership.objects.filter(user=partner).update(role=PartnerRole.ADMIN)
    invite = reverse("accounts:invite", args=[organisation.slug])
    age_session(partner_client, idle=5 * 3600)
    partner_client.post(invite, {"email": "nieuw@buurtkamer.example", "role": "admin"})
    log_in_again(partner_client, partner, invite)
    page = partner_client.get(invite)
    assert messages_of(page) == [KEPT_MESSAGE]
    assert page.context["form"]["email"].value() == "nieuw@buurtkamer.example"
    assert page.context["form"]["role"].value() == "admin"


def test_the_admin_keeps_no_input(staff_client):
    age_session(staff_client, idle=31 * 60)
    response = staff_client.post("/beheer/auth/user/add/", {"username": "nieuw"})
    assert response["Location"] == reverse("admin:login")
    assert not any(key.startswith(KEPT_INPUT) for key in staff_client.session.keys())  # noqa: SIM118


# --- the admin's own clock ------------------------------------------------------------------


def pass_time(client, seconds):
    """Every clock of the session moves back, as if `seconds` went by."""
    session = client.session
    for key in (STARTED, LAST_SEEN, LAST_SEEN_ADMIN):
        if key in session:
            session[key] -= seconds
    session.save()


def test_pages_outside_the_admin_do_not_keep_the_admin_session_alive(staff_client):
    """Every 20 minutes a public or partner page: the admin still ends after 30 idle minutes
    there."""
    assert staff_client.get("/beheer/").status_code == 200
    pass_time(staff_client, 20 * 60)
    staff_client.get("/")
    pass_time(staff_client, 20 * 60)
    assert staff_client.get(reverse("partner:dashboard")).status_code == 200
    response = staff_client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_working_in_the_admin_keeps_the_admin_session_alive(staff_client):
    for _step in range(3):
        assert staff_client.get("/beheer/").status_code == 200
        pass_time(staff_client, 20 * 60)
    assert staff_client.get("/beheer/").status_code == 200


# --- kept input goes back to the same account only ------------------------------------------


def test_kept_input_is_not_given_to_another_account_on_the_same_browser(
        partner_client, partner, organisation):
    from tests.factories import partner_user

    create = reverse("partner:initiative_create")
    data = form_data(partner_client.get(create))
    data["title"] = "Plannen van de eerste partner"
    age_session(partner_client, idle=5 * 3600)
    partner_client.post(create, data)

    other = partner_user(organisation, email="tweede@buurtkamer.example")
    response = partner_client.post(f"{reverse('accounts:login')}?next={create}",
                                   {"username": other.email, "password": PARTNER_PASSWORD,
                                    "next": create})
    assert response.status_code == 302
    page = partner_client.get(create)
    assert page.context["form"]["title"].value() in (None, "")
    assert KEPT_MESSAGE not in messages_of(page)
    assert not any(key.startswith(KEPT_INPUT) for key in partner_client.session.keys())  # noqa: SIM118


# --- logging out holds while Redis is away --------------------------------------------------


def _production_session_engine():
    """The engine settings.py picks when REDIS_URL is set (settings are read once per
    process, so a fresh one)."""
    from tests.zuidwest.test_settings import run_python

    result = run_python("import django; django.setup(); from django.conf import settings; "
                        "print(settings.SESSION_ENGINE)",
                        REDIS_URL="redis://127.0.0.1:6379/4")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def production_sessions_on_redis(settings):
    from tests.zuidwest.test_page_cache import LIVE_REDIS, live_redis_reachable
    from zuidwest.caching import backends

    if not live_redis_reachable():
        pytest.skip(f"no Redis at {LIVE_REDIS}")
    backends._resting_until.clear()
    settings.CACHES = {"default": {
        "BACKEND": "zuidwest.caching.backends.FailOpenRedisCache",
        "LOCATION": LIVE_REDIS,
        "KEY_PREFIX": f"test-{time.time_ns()}",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }}
    settings.SESSION_ENGINE = _production_session_engine()
    yield
    backends._resting_until.clear()


def _redis_away_while(action):
    """Run action while the cache treats Redis as unreachable (as after a failed call)."""
    from django.core.cache import cache

    from zuidwest.caching import backends

    backends._resting_until[tuple(cache._servers)] = time.monotonic() + 60
    try:
        return action()
    finally:
        backends._resting_until.clear()


def test_a_logout_while_redis_was_away_stays_a_logout(production_sessions_on_redis, partner):
    browser = Client()
    browser.post(reverse("accounts:login"), {"username": partner.email,
                                             "password": PARTNER_PASSWORD})
    dashboard = reverse("partner:dashboard")
    assert browser.get(dashboard).status_code == 200  # in the database and in Redis
    cookie = browser.cookies["sessionid"].value
    _redis_away_while(lambda: browser.post(reverse("accounts:logout")))
    browser.cookies["sessionid"] = cookie  # the old cookie, kept by someone
    assert browser.get(dashboard).status_code == 302  # Redis is back: still logged out
