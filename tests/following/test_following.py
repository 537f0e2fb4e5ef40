"""Following by e-mail, the resident's side: the "Volg" form, the double opt-in, the page of an
address, stopping (also one-click from the mail program), and the abuse protection."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from following import tasks
from following.models import REQUEST_DAYS, Follower, FollowRequest, Subscription
from following.views import MAX_BODY_BYTES
from tests.following.conftest import PUBLIC, follower

pytestmark = pytest.mark.django_db

ADDRESS = "amina@voorbeeld.example"


def ask(client, kind, key, email=ADDRESS, **extra):
    return client.post(reverse("following:follow"),
                       {"email": email, "kind": kind, "key": key, "website": "", **extra})


def link_in(message, name):
    pattern = re.escape(PUBLIC) + r"/volgen/" + name + r"/([A-Za-z0-9_-]+)/"
    return re.search(pattern, message.body)


def test_asking_to_follow_a_place_sends_a_confirmation_and_follows_nothing_yet(
        client, place, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "plek", place.slug)

    assert response.status_code == 303
    assert response["Location"] == reverse("following:sent")
    assert not Follower.objects.exists()
    request = FollowRequest.objects.get()
    assert (request.email, request.kind, request.key) == (ADDRESS, "plek", place.slug)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ADDRESS]
    assert "Buurtkamer De Linde" in message.subject
    assert link_in(message, "bevestigen").group(1) == request.token


def test_opening_the_confirmation_link_confirms_nothing_the_button_does(
        client, place, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "plek", place.slug)
    url = link_in(mail.outbox[0], "bevestigen").group(0).removeprefix(PUBLIC)

    page = client.get(url)  # what a mail scanner does
    assert page.status_code == 200
    assert b"Ja, ik wil dit volgen" in page.content
    assert not Follower.objects.exists()

    response = client.post(url)
    follower_made = Follower.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("following:manage",
                                           kwargs={"token": follower_made.token}) + "?bevestigd=1"
    assert follower_made.email == ADDRESS
    assert list(follower_made.subscriptions.values_list("kind", "key")) == [("plek", place.slug)]
    assert not FollowRequest.objects.exists()
    assert client.post(url).status_code == 404  # used up


def test_an_address_that_already_follows_gets_one_mail_saying_so_and_the_same_page(
        client, place, hood, django_capture_on_commit_callbacks):
    existing = follower(ADDRESS.upper(), ("wijk", hood.slug))
    with django_capture_on_commit_callbacks(execute=True):
        known = ask(client, "plek", place.slug)
    with django_capture_on_commit_callbacks(execute=True):
        unknown = ask(client, "plek", place.slug, email="nieuw@voorbeeld.example")

    assert known.status_code == unknown.status_code == 303
    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    already = mail.outbox[0]
    assert "al" in already.subject
    assert f"{PUBLIC}/volgen/{existing.token}/?volg=plek%3A{place.slug}" in already.body
    assert not FollowRequest.objects.filter(email__iexact=ADDRESS).exists()
    # The link offers the place on the management page; the button adds it.
    page = client.get(reverse("following:manage", kwargs={"token": existing.token}),
                      {"volg": f"plek:{place.slug}"})
    assert b"Ja, volg dit ook" in page.content
    client.post(reverse("following:manage", kwargs={"token": existing.token}),
                {"action": "add", "kind": "plek", "key": place.slug})
    assert existing.subscriptions.filter(kind="plek", key=place.slug).exists()


@pytest.mark.parametrize("email, message", [
    ("", "Vul je e-mailadres in."),
    ("amina@", "Dit e-mailadres klopt niet."),
    ("a" * 250 + "@x.nl", "Dit e-mailadres is te lang"),
])
def test_a_wrong_address_gets_a_clear_message_and_changes_nothing(client, place, email, message):
    response = ask(client, "plek", place.slug, email=email)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FollowRequest.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("kind, key", [("plek", "bestaat-niet"), ("iets", "x"), ("", ""),
                                       ("kansen", "age=200&diploma=ja&wish=geld")])
def test_something_that_cannot_be_followed_is_refused(client, place, kind, key):
    response = ask(client, kind, key)

    assert response.status_code == 400
    assert "kun je niet" in response.content.decode()
    assert not FollowRequest.objects.exists()


def test_an_unpublished_place_cannot_be_followed(client, place):
    place.is_published = False
    place.save()

    assert ask(client, "plek", place.slug).status_code == 400


def test_the_honeypot_pretends_success_and_stores_nothing(client, place):
    response = ask(client, "plek", place.slug, website="http://spam.example")

    assert response.status_code == 303
    assert not FollowRequest.objects.exists()
    assert not mail.outbox


def test_too_large_a_request_is_refused_unread(client, place):
    response = ask(client, "plek", place.slug, padding="x" * MAX_BODY_BYTES)

    assert response.status_code == 413
    assert not FollowRequest.objects.exists()


def test_the_rate_limit_per_client_stops_a_flood(client, place, settings):
    limit, _window = settings.RATE_LIMITS["follow_ip"]
    for number in range(limit):
        assert ask(client, "plek", place.slug, email=f"a{number}@voorbeeld.example"
                   ).status_code == 303
    response = ask(client, "plek", place.slug, email="laatste@voorbeeld.example")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert not FollowRequest.objects.filter(email="laatste@voorbeeld.example").exists()


def test_the_limit_per_address_sends_no_more_mails_but_says_the_same(
        client, place, settings, django_capture_on_commit_callbacks):
    limit, _window = settings.RATE_LIMITS["follow_email"]
    for _number in range(limit + 2):
        with django_capture_on_commit_callbacks(execute=True):
            assert ask(client, "plek", place.slug).status_code == 303

    assert len(mail.outbox) == limit
    assert FollowRequest.objects.count() == limit


def test_posting_the_form_needs_no_csrf_token_but_the_management_page_does(
        place, django_capture_on_commit_callbacks):
    strict = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(strict, "plek", place.slug).status_code == 303
    existing = follower("x@voorbeeld.example", ("plek", place.slug))

    response = strict.post(reverse("following:manage", kwargs={"token": existing.token}),
                           {"action": "stop"})
    assert response.status_code == 403
    assert Follower.objects.filter(pk=existing.pk).exists()


def test_the_management_page_shows_what_is_followed_and_removes_one(client, place, hood):
    existing = follower(ADDRESS, ("plek", place.slug), ("wijk", hood.slug))
    url = reverse("following:manage", kwargs={"token": existing.token})

    page = client.get(url).content.decode()
    assert "Buurtkamer De Linde" in page and "Moerwijk" in page
    assert ADDRESS not in page  # the page does not show whose it is

    subscription = existing.subscriptions.get(kind="plek")
    assert client.post(url, {"action": "remove", "subscription": subscription.pk}
                       ).status_code == 303
    assert list(existing.subscriptions.values_list("kind", flat=True)) == ["wijk"]


def test_adding_a_neighbourhood_on_the_management_page(client, place, hood):
    existing = follower(ADDRESS, ("plek", place.slug))
    url = reverse("following:manage", kwargs={"token": existing.token})

    assert "Moerwijk" in client.get(url).content.decode()
    client.post(url, {"action": "add", "kind": "wijk", "key": hood.slug})
    assert existing.subscriptions.filter(kind="wijk", key=hood.slug).exists()


@pytest.mark.parametrize("data", [
    {"action": "add", "kind": "wijk", "key": "bestaat-niet"},
    {"action": "remove", "subscription": "geen-getal"},
    {"action": "iets"},
])
def test_bad_input_on_the_management_page_changes_nothing(client, place, data):
    existing = follower(ADDRESS, ("plek", place.slug))

    response = client.post(reverse("following:manage", kwargs={"token": existing.token}), data)

    assert response.status_code == 400
    assert "Er is niets veranderd" in response.content.decode()
    assert list(existing.subscriptions.values_list("kind", "key")) == [("plek", place.slug)]


def test_stopping_everything_deletes_the_address(client, place):
    existing = follower(ADDRESS, ("plek", place.slug))
    FollowRequest.objects.create(email=ADDRESS, kind="wijk", key="moerwijk")

    response = client.post(reverse("following:manage", kwargs={"token": existing.token}),
                           {"action": "stop"})

    assert response.status_code == 303
    assert not Follower.objects.exists()
    assert not Subscription.objects.exists()
    assert not FollowRequest.objects.exists()


def test_one_click_unsubscribe_works_without_cookies_or_csrf_token(place):
    existing = follower(ADDRESS, ("plek", place.slug))
    url = reverse("following:unsubscribe", kwargs={"token": existing.token})
    mail_program = Client(enforce_csrf_checks=True)

    assert mail_program.get(url).status_code == 200  # a scanner opening it ends nothing
    assert Follower.objects.exists()
    response = mail_program.post(url, "List-Unsubscribe=One-Click",
                                 content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert not Follower.objects.exists()
    assert mail_program.post(url).status_code == 404


def test_the_unsubscribe_link_of_a_confirmation_mail_withdraws_the_request(place):
    request = FollowRequest.objects.create(email=ADDRESS, kind="plek", key=place.slug)

    Client().post(reverse("following:unsubscribe", kwargs={"token": request.token}))

    assert not FollowRequest.objects.exists()


@pytest.mark.parametrize("name", ["confirm", "manage", "unsubscribe"])
def test_an_unknown_token_is_a_polite_404(client, name):
    response = client.get(reverse(f"following:{name}", kwargs={"token": "x" * 43}))

    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_unconfirmed_requests_are_deleted_after_seven_days(place):
    now = timezone.now()
    old = FollowRequest.objects.create(email="oud@voorbeeld.example", kind="plek",
                                       key=place.slug,
                                       created_at=now - datetime.timedelta(days=REQUEST_DAYS,
                                                                           minutes=1))
    recent = FollowRequest.objects.create(
        email="nieuw@voorbeeld.example", kind="plek", key=place.slug,
        created_at=now - datetime.timedelta(days=REQUEST_DAYS - 1))

    assert tasks.delete_expired_requests.call() == 1
    assert list(FollowRequest.objects.all()) == [recent]
    assert old.pk not in FollowRequest.objects.values_list("pk", flat=True)


def test_the_daily_jobs_include_the_digest_and_the_clean_up():
    from zuidwest.tasks import daily_tasks

    paths = {job.module_path for job in daily_tasks}
    assert {"following.tasks.queue_weekly_digests",
            "following.tasks.delete_expired_requests"} <= paths


def test_following_in_english_sends_the_mail_in_english(client, place,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + reverse("following:follow"),
                    {"email": ADDRESS, "kind": "plek", "key": place.slug})

    assert FollowRequest.objects.get().language == "en"
    assert "/en/volgen/bevestigen/" in mail.outbox[0].body


# --- the "Volg" forms on the pages ------------------------------------------------------------

def _form_for(content, kind, key):
    form = re.search(r'<form method="post" action="/volgen/"[^>]*>.*?</form>', content, re.S)
    assert form, "no follow form"
    assert f'name="kind" value="{kind}"' in form.group(0)
    assert f'value="{key}"' in form.group(0).replace("&amp;", "&")
    assert "csrfmiddlewaretoken" not in form.group(0)
    return form.group(0)


def test_the_pages_offer_a_follow_form_and_stay_cacheable(client, place, hood, initiative):
    for url, kind, key in [(hood.get_absolute_url(), "wijk", hood.slug),
                           (place.get_absolute_url(), "plek", place.slug),
                           (initiative.get_absolute_url(), "initiatief", initiative.slug)]:
        first = client.get(url)
        _form_for(first.content.decode(), kind, key)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_the_finder_result_offers_new_matching_opportunities_with_the_answers(client):
    response = client.get(reverse("work:opportunity_list"),
                          {"age": "19", "no_diploma": "on", "paid": "on", "wish": "geld"})

    content = response.content.decode()
    assert "Stuur me nieuwe kansen die hierbij passen" in content
    _form_for(content, "kansen", "age=19&diploma=nee&wish=geld")
    plain = client.get(reverse("work:opportunity_list")).content.decode()
    assert "Stuur me nieuwe kansen" not in plain


def test_following_the_finder_answers_stores_them_in_one_form(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "kansen", "wish=geld&diploma=nee&age=19")

    assert response.status_code == 303
    assert FollowRequest.objects.get().key == "age=19&diploma=nee&wish=geld"
    assert "19 jaar" in mail.outbox[0].subject


def test_the_privacy_page_says_what_is_kept_how_long_and_how_to_stop(client):
    content = client.get(reverse("site:privacy")).content.decode()

    section = content[content.index('id="volgen"'):]
    for words in ("je e-mailadres, wat je volgt", "binnen 7 dagen",
                  "verwijderen we meteen je e-mailadres", "eigen pagina", "Geen volgpixels"):
        assert words in section, words
