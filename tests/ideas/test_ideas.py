"""Residents' ideas: sending one without an account, moderation, the timeline and its mails,
support with double opt-in, the private links, retention and the promise."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ideas import links, retention, services
from ideas.models import Idea, Moderation, Status, StatusChange, Support
from ideas.promise import promise_figures, promise_figures_by_alliance
from tests.factories import (
    AllianceFactory,
    IdeaFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def commit(django_capture_on_commit_callbacks, monkeypatch):
    """Work queued for after the commit (the mails) runs at once, as it would after the
    request's transaction in production."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda callback, *a, **k: callback())


@pytest.fixture
def moerwijk():
    return NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")


def form_data(place, **changes):
    data = {"kind": "idea", "title": "Een moestuin bij de school",
            "body": "Kinderen leren dan waar groente vandaan komt.", "why": "",
            "neighbourhood": place.slug, "street": "", "latitude": "",
            "longitude": "", "display_name": "", "email": "", "website": ""}
    data.update(changes)
    return data


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


# --- sending an idea ---------------------------------------------------------------------------


def test_a_resident_sends_an_idea_without_an_account_and_gets_a_private_status_link(
        client, moerwijk):
    response = client.post(reverse("ideas:idea_create"), form_data(moerwijk))
    assert response.status_code == 303
    idea = Idea.objects.get()
    assert idea.moderation == Moderation.WAITING and idea.status == Status.RECEIVED
    assert response["Location"] == reverse("ideas:sent",
                                           kwargs={"token": links.idea_token(idea)})
    page = client.get(response["Location"])
    assert links.status_path(idea) in page.content.decode()
    # Not public before moderation.
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert idea.title not in client.get(reverse("ideas:idea_list")).content.decode()
    assert mail.outbox == []  # no address, no mail
    status_page = client.get(links.status_path(idea))
    assert status_page.status_code == 200 and idea.title in status_page.content.decode()


def test_the_name_shown_defaults_to_a_resident_of_the_neighbourhood(client, moerwijk):
    client.post(reverse("ideas:idea_create"), form_data(moerwijk))
    assert Idea.objects.get().shown_name == "Bewoner uit Moerwijk"


def test_with_an_address_the_resident_gets_a_mail_with_the_status_and_deletion_links(
        client, moerwijk):
    client.post(reverse("ideas:idea_create"), form_data(moerwijk, email="Ans@Voorbeeld.nl"))
    idea = Idea.objects.get()
    assert idea.email == "ans@voorbeeld.nl"
    [message] = mail.outbox
    assert message.to == ["ans@voorbeeld.nl"]
    found = links_in(message)
    assert any(links.status_path(idea) in link for link in found)
    assert any(links.delete_path(idea) in link for link in found)


@pytest.mark.parametrize(("changes", "field"), [
    ({"neighbourhood": ""}, "neighbourhood"),
    ({"neighbourhood": "den-haag-centrum"}, "neighbourhood"),
    ({"title": ""}, "title"),
    ({"body": "x" * 2001}, "body"),
    ({"email": "geen-adres"}, "email"),
    ({"latitude": "52.04"}, "latitude"),  # one coordinate without the other
    ({"latitude": "52.37", "longitude": "4.89"}, "latitude"),  # Amsterdam
])
def test_bad_input_gets_a_message_and_stores_nothing(client, moerwijk, changes, field):
    response = client.post(reverse("ideas:idea_create"), form_data(moerwijk, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Idea.objects.exists()
    # What was typed is kept.
    assert "Een moestuin bij de school" in response.content.decode() or field == "title"


def test_the_honeypot_pretends_success_and_stores_nothing(client, moerwijk):
    response = client.post(reverse("ideas:idea_create"),
                           form_data(moerwijk, website="https://spam.example"))
    assert response.status_code == 200
    assert not Idea.objects.exists() and mail.outbox == []


@override_settings(RATE_LIMITS={"idea_ip": (2, 3600), "idea_support_ip": (2, 3600),
                                "idea_address_ip": (2, 600)})
def test_the_number_of_ideas_per_client_is_limited(client, moerwijk):
    for number in range(2):
        assert client.post(reverse("ideas:idea_create"), form_data(
            moerwijk, title=f"Idee {number}")).status_code == 303
    response = client.post(reverse("ideas:idea_create"), form_data(moerwijk, title="Derde"))
    assert response.status_code == 429
    assert Idea.objects.count() == 2


@override_settings(TRUSTED_PROXY_COUNT=1, RATE_LIMITS={"idea_ip": (1, 3600)})
def test_the_limit_counts_the_client_behind_the_proxy_not_the_proxy(client, moerwijk):
    """The one client-address function (zuidwest.client_ip) is used: two visitors behind the
    same proxy are counted apart."""
    url = reverse("ideas:idea_create")
    assert client.post(url, form_data(moerwijk, title="Een"),
                       HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 303
    assert client.post(url, form_data(moerwijk, title="Twee"),
                       HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 303
    assert client.post(url, form_data(moerwijk, title="Drie"),
                       HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429


def test_a_request_over_the_body_limit_is_refused_unread(client, moerwijk):
    from ideas.views import MAX_IDEA_BODY_BYTES

    response = client.post(reverse("ideas:idea_create"), form_data(moerwijk),
                           CONTENT_LENGTH=str(MAX_IDEA_BODY_BYTES + 1))
    assert response.status_code == 413
    assert not Idea.objects.exists()


def test_a_photo_goes_through_the_safe_image_pipeline_and_waits_for_review(
        client, moerwijk, settings, tmp_path):
    from tests.zuidwest.image_samples import phone_jpeg

    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    photo = phone_jpeg()
    response = client.post(reverse("ideas:idea_create"), {**form_data(moerwijk),
                                                          "photo": photo})
    assert response.status_code == 303
    idea = Idea.objects.get()
    assert idea.photo.name.startswith("pending/ideas/") and "IMG_0001" not in idea.photo.name
    assert idea.shown_photo is None  # until staff approve it


def test_a_damaged_photo_gets_a_message(client, moerwijk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("kapot.jpg", b"\xff\xd8\xff niet echt", content_type="image/jpeg")
    response = client.post(reverse("ideas:idea_create"), {**form_data(moerwijk),
                                                          "photo": photo})
    assert response.status_code == 400 and "photo" in response.context["form"].errors
    assert not Idea.objects.exists()


# --- moderation and statuses -------------------------------------------------------------------


def test_approval_publishes_the_idea_with_a_dated_timeline_and_mails_the_submitter(client):
    idea = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    services.approve(idea, public_text="We kijken ernaar.")
    idea.refresh_from_db()
    assert idea.is_public
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "We kijken ernaar." in page and "in behandeling" in page
    [message] = mail.outbox
    assert message.to == [idea.email] and "in behandeling" in message.subject


@pytest.mark.parametrize("status", [Status.ANSWERED, Status.NOT_FEASIBLE])
def test_each_status_change_mails_the_submitter_and_supporters_who_asked(status):
    idea = IdeaFactory()
    wants = Support.objects.create(idea=idea, email="wil@voorbeeld.nl", wants_updates=True,
                                   confirmed_at=timezone.now())
    Support.objects.create(idea=idea, email="niet@voorbeeld.nl", wants_updates=False,
                           confirmed_at=timezone.now())
    Support.objects.create(idea=idea, email="onbevestigd@voorbeeld.nl", wants_updates=True)
    services.change_status(idea, status, public_text="Uitleg bij de stap.")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([idea.email, wants.email])
    assert all("Uitleg bij de stap." in message.body for message in mail.outbox)
    # The supporter's mail carries the link to delete their own support.
    supporter_mail = next(m for m in mail.outbox if m.to == [wants.email])
    assert links.support_delete_path(wants) in supporter_mail.body


def test_status_mail_tasks_carry_ids_only(monkeypatch):
    from ideas import mail as idea_mail

    queued = []
    from types import SimpleNamespace

    monkeypatch.setattr(idea_mail, "send_status_change", SimpleNamespace(
        enqueue=lambda *args, **kwargs: queued.append((args, kwargs))))
    idea = IdeaFactory()
    change = services.change_status(idea, Status.ANSWERED)
    assert queued == [((change.pk,), {})]


def test_not_feasible_needs_a_reason_in_the_database_too():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        StatusChange.objects.create(idea=IdeaFactory(), status=Status.NOT_FEASIBLE)


def test_refusal_mails_the_reason_and_links_the_duplicate():
    original = IdeaFactory(title="Speeltuin opknappen")
    idea = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    services.refuse(idea, "duplicate", duplicate_of=original)
    idea.refresh_from_db()
    assert idea.moderation == Moderation.REFUSED and idea.closed_at is not None
    [message] = mail.outbox
    assert "staat er al" in message.body
    assert original.get_absolute_url() in message.body


def test_an_answer_records_the_first_answer_date_for_the_promise():
    idea = IdeaFactory()
    services.change_status(idea, Status.ANSWERED)
    first = Idea.objects.get(pk=idea.pk).first_answered_at
    services.change_status(idea, Status.IN_EXECUTION)
    assert Idea.objects.get(pk=idea.pk).first_answered_at == first


def test_an_adopted_idea_and_its_initiative_link_to_each_other(client):
    initiative = InitiativeFactory()
    idea = IdeaFactory(initiative=initiative, status=Status.IN_EXECUTION)
    assert initiative.get_absolute_url() in client.get(idea.get_absolute_url()).content.decode()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Dit begon als idee van een bewoner" in page and idea.get_absolute_url() in page


def test_a_redacted_text_says_so():
    idea = IdeaFactory(redacted=True)
    from django.test import Client

    assert "aangepast door de redactie" in Client().get(
        idea.get_absolute_url()).content.decode().lower()


def test_personal_data_is_on_no_public_page(client):
    idea = IdeaFactory(email="geheim@voorbeeld.nl", display_name="Ans")
    Support.objects.create(idea=idea, email="steun@voorbeeld.nl", confirmed_at=timezone.now())
    for url in (idea.get_absolute_url(), reverse("ideas:idea_list"),
                reverse("opendata:ideas_feed"), reverse("api:idea_list"),
                reverse("api:idea_detail", kwargs={"slug": idea.slug}),
                reverse("ideas:ideas_geojson"), reverse("site:search") + "?q=bankjes"):
        content = client.get(url).content.decode()
        assert "geheim@voorbeeld.nl" not in content and "steun@" not in content, url


# --- support -----------------------------------------------------------------------------------


def test_support_counts_only_after_the_confirmation_link_and_once_per_address(client):
    idea = IdeaFactory()
    url = reverse("ideas:support", kwargs={"slug": idea.slug})
    assert client.post(url, {"email": "Steun@Voorbeeld.nl", "wants_updates": "on"}
                       ).status_code == 200
    idea.refresh_from_db()
    assert idea.supporter_count == 0
    [message] = mail.outbox
    support = Support.objects.get()
    confirm = links.support_confirm_path(support)
    assert confirm in message.body
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    client.get(confirm)
    assert Idea.objects.get(pk=idea.pk).supporter_count == 0
    client.post(confirm)
    client.post(confirm)
    assert Idea.objects.get(pk=idea.pk).supporter_count == 1
    # The same address again: no second support, and the page does not tell.
    response = client.post(url, {"email": "steun@voorbeeld.nl"})
    assert response.status_code == 200 and Support.objects.count() == 1


def test_withdrawing_support_deletes_the_address_and_the_count_goes_down(client):
    idea = IdeaFactory(supporter_count=1)
    support = Support.objects.create(idea=idea, email="a@voorbeeld.nl",
                                     confirmed_at=timezone.now())
    client.post(links.support_delete_path(support))
    assert not Support.objects.exists()
    assert Idea.objects.get(pk=idea.pk).supporter_count == 0


def test_a_forged_link_is_a_404(client):
    idea = IdeaFactory()
    forged = links.idea_token(idea)[:-2] + "xx"
    assert client.get(reverse("ideas:private_status", kwargs={"token": forged})
                      ).status_code == 404
    assert client.post(reverse("ideas:delete_data", kwargs={"token": forged})
                       ).status_code == 404
    # A support token is no idea token.
    support = Support.objects.create(idea=idea, email="a@voorbeeld.nl")
    assert client.get(reverse("ideas:private_status", kwargs={
        "token": links.support_token(support)})).status_code == 404


# --- deletion and retention --------------------------------------------------------------------


def test_the_deletion_link_removes_the_address_and_keeps_the_public_idea(client):
    idea = IdeaFactory(display_name="Ans")
    client.get(links.delete_path(idea))  # asks first
    assert Idea.objects.get(pk=idea.pk).email
    client.post(links.delete_path(idea))
    idea.refresh_from_db()
    assert idea.email == "" and idea.display_name == ""
    assert client.get(idea.get_absolute_url()).status_code == 200


def test_the_deletion_link_of_an_idea_not_yet_public_removes_it(client):
    idea = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    client.post(links.delete_path(idea))
    assert not Idea.objects.filter(pk=idea.pk).exists()


def test_addresses_go_three_months_after_closing_and_the_count_stays():
    now = timezone.now()
    old = IdeaFactory(status=Status.DONE, closed_at=now - timedelta(days=92), supporter_count=1)
    Support.objects.create(idea=old, email="a@voorbeeld.nl", confirmed_at=now)
    recent = IdeaFactory(status=Status.DONE, closed_at=now - timedelta(days=80))
    Support.objects.create(idea=recent, email="b@voorbeeld.nl", confirmed_at=now)
    refused = IdeaFactory(moderation=Moderation.REFUSED, refusal_reason="offensive",
                          closed_at=now - timedelta(days=92))
    unconfirmed = Support.objects.create(idea=recent, email="c@voorbeeld.nl",
                                         created_at=now - timedelta(days=8))
    retention.delete_expired_idea_data.enqueue()
    old.refresh_from_db()
    assert old.email == "" and old.supporter_count == 1 and not old.supports.exists()
    assert Idea.objects.get(pk=recent.pk).email
    assert recent.supports.filter(email="b@voorbeeld.nl").exists()
    assert not Idea.objects.filter(pk=refused.pk).exists()
    assert not Support.objects.filter(pk=unconfirmed.pk).exists()


def test_retention_is_a_daily_job():
    from zuidwest.tasks import daily_tasks

    assert retention.delete_expired_idea_data.module_path in daily_tasks


# --- the promise -------------------------------------------------------------------------------


def _idea(days_ago, answered_after=None, **fields):
    now = timezone.now()
    submitted = now - timedelta(days=days_ago)
    return IdeaFactory(submitted_at=submitted, first_answered_at=(
        submitted + timedelta(days=answered_after) if answered_after is not None else None),
        **fields)


@override_settings(ANSWER_PROMISE_DAYS=28)
def test_the_promise_is_measured_over_the_last_twelve_months():
    _idea(100, answered_after=10)  # in time
    _idea(90, answered_after=20)  # in time
    _idea(80, answered_after=40)  # late
    _idea(60)  # no answer, promise passed: late
    _idea(5)  # no answer, promise still runs: not counted
    _idea(400, answered_after=1)  # older than 12 months: not counted
    _idea(50, answered_after=1, moderation=Moderation.REFUSED, refusal_reason="offensive")
    figures = promise_figures()
    assert (figures.counted, figures.within, figures.percentage) == (4, 2, 50)
    assert figures.median_days == 20.0


@override_settings(ANSWER_PROMISE_DAYS=10)
def test_the_promise_follows_the_setting():
    _idea(100, answered_after=20)
    assert promise_figures().percentage == 0


def test_without_ideas_there_is_no_percentage(client):
    figures = promise_figures()
    assert figures.percentage is None and figures.median_days is None
    assert client.get(reverse("ideas:idea_list")).status_code == 200


def test_the_promise_per_alliance_on_the_progress_page(client):
    onderwijs = AllianceFactory(name="Alliantie Onderwijs")
    veiligheid = AllianceFactory(name="Alliantie Veiligheid")
    _idea(100, answered_after=10, assigned_to=onderwijs)
    _idea(100, answered_after=50, assigned_to=veiligheid)
    rows = dict(promise_figures_by_alliance())
    assert rows[onderwijs].percentage == 100 and rows[veiligheid].percentage == 0
    page = client.get(reverse("progress:overview")).content.decode()
    assert "Alliantie Onderwijs" in page and "100%" in page


def test_the_list_shows_the_promise(client):
    _idea(100, answered_after=10)
    page = client.get(reverse("ideas:idea_list")).content.decode()
    assert "<strong>100%</strong>" in page


def test_the_list_filters_by_neighbourhood_and_status(client, moerwijk):
    here = IdeaFactory(neighbourhood=moerwijk, status=Status.ANSWERED)
    elsewhere = IdeaFactory(status=Status.ANSWERED)
    response = client.get(reverse("ideas:idea_list"), {"neighbourhood": "moerwijk",
                                                       "status": "answered"})
    assert list(response.context["ideas"]) == [here]
    assert elsewhere.title not in response.content.decode()


def test_the_neighbourhood_page_shows_its_ideas(client, moerwijk):
    idea = IdeaFactory(neighbourhood=moerwijk)
    page = client.get(reverse("locations:neighbourhood_detail", kwargs={"slug": "moerwijk"}))
    assert "Ideeën uit deze wijk" in page.content.decode()
    assert idea.title in page.content.decode()


def test_the_api_shows_statuses_with_dates_and_the_version_is_raised(client, settings):
    idea = IdeaFactory()
    services.change_status(idea, Status.ANSWERED, public_text="Goed idee.")
    response = client.get(reverse("api:idea_detail", kwargs={"slug": idea.slug}))
    body = response.json()
    assert [step["status"] for step in body["statuses"]] == ["answered"]
    assert body["statuses"][0]["publicText"] == "Goed idee."
    assert "email" not in body and "displayName" not in body
    assert response["API-Version"] == settings.API_VERSION == "1.2.0"
    hidden = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    assert client.get(reverse("api:idea_detail", kwargs={"slug": hidden.slug})
                      ).status_code == 404




def test_the_privacy_page_states_the_retention_of_ideas(client):
    page = client.get(reverse("site:privacy")).content.decode()
    assert 'id="ideeen"' in page and "drie maanden nadat een idee is afgerond" in page


def test_the_demo_data_covers_every_status_and_neighbourhood_marked_as_example(client):
    from django.core.management import call_command

    from locations.models import Neighbourhood

    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)
    demo = Idea.objects.filter(is_demo=True)
    assert demo.count() >= 12 and demo.count() == Idea.objects.count()
    assert set(demo.values_list("status", flat=True)) == set(Status.values)
    assert set(demo.values_list("neighbourhood", flat=True)) == set(
        Neighbourhood.objects.values_list("pk", flat=True))
    assert demo.filter(answer__is_published=True).count() >= 3
    adopted = demo.filter(initiative__isnull=False).first()
    assert adopted is not None
    page = client.get(adopted.initiative.get_absolute_url()).content.decode()
    assert "Dit begon als idee van een bewoner" in page
    assert not demo.exclude(email="").exists()
    listing = client.get(reverse("ideas:idea_list")).content.decode()
    assert "Voorbeeld" in listing


def test_the_idea_pages_speak_english_at_en(client):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("ideas:idea_create")
    page = client.get(url).content.decode()
    assert "Send an idea or question" in page and "Which neighbourhood is it about?" in page


@override_settings(RATE_LIMITS={"idea_address_ip": (1, 600)},
                   GEOCODER_URL="https://locatieserver.example/free")
def test_the_form_searches_addresses_through_the_locatieserver_with_a_limit(client, monkeypatch):
    from decimal import Decimal

    from locations import geocoding

    monkeypatch.setattr(geocoding, "search_address", lambda query: [geocoding.Match(
        "Moerweg 100, 's-Gravenhage", Decimal("52.050000"), Decimal("4.290000"))])
    url = reverse("ideas:address_search")
    answer = client.get(url, {"q": "Moerweg 100"}).json()
    assert answer["results"][0]["label"].startswith("Moerweg 100")
    refused = client.get(url, {"q": "Moerweg 100"})
    assert refused.status_code == 429 and refused.json()["results"] == []


@override_settings(ANSWER_PROMISE_DAYS=14)
def test_the_form_states_the_promise_from_the_setting(client):
    assert "binnen 14 dagen" in client.get(reverse("ideas:idea_create")).content.decode()
