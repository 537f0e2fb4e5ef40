"""Following an idea by e-mail (ideas/followed.py): the form on its page, the notice at once
for a new public status or answer, the weekly digest of the idea and of its neighbourhood, and
that an idea the public cannot see can never be followed, mailed about or put in a digest."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from following import services as following_services
from following import subjects
from following.models import FollowRequest, Subscription
from ideas import followed, services
from ideas.models import Answer, Moderation, Status, StatusChange
from tests.factories import (
    AllianceFactory,
    IdeaFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    StaffUserFactory,
    partner_user,
)
from tests.following.conftest import follower
from zuidwest import review

pytestmark = pytest.mark.django_db

PUBLIC = "https://portal.zuidwest.example"
READER = "amina@voorbeeld.example"


@pytest.fixture(autouse=True)
def public_site_url(settings):
    settings.SITE_URL = PUBLIC
    settings.ADMIN_REQUIRE_2FA = False
    cache.clear()  # the rate limits and the page cache


@pytest.fixture
def hood():
    return NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")


@pytest.fixture
def idea(hood):
    return IdeaFactory(title="Bankjes op het Zuiderpark-plein", slug="bankjes",
                       neighbourhood=hood, email="inzender@voorbeeld.nl")


def hidden_ideas(hood):
    """Ideas the public cannot see: waiting, refused, and approved but still 'ontvangen'."""
    return [
        IdeaFactory(slug="wacht", neighbourhood=hood, moderation=Moderation.WAITING,
                    status=Status.RECEIVED),
        IdeaFactory(slug="geweigerd", neighbourhood=hood, moderation=Moderation.REFUSED,
                    refusal_reason="offensive", status=Status.IN_PROGRESS),
        IdeaFactory(slug="ontvangen", neighbourhood=hood, status=Status.RECEIVED),
    ]


def notices_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def send_forced():
    call_command("send_digests", "--force", stdout=StringIO())


# --- following -------------------------------------------------------------------------------

def test_the_idea_page_offers_the_follow_form_and_stays_cacheable(client, idea):
    first = client.get(idea.get_absolute_url()).content.decode()

    form = re.search(r'<form method="post" action="/volgen/"[^>]*>.*?</form>', first, re.S)
    assert form, "no follow form"
    assert 'name="kind" value="idee"' in form.group(0)
    assert 'value="bankjes"' in form.group(0)
    assert "csrfmiddlewaretoken" not in form.group(0)
    assert "zodra er een antwoord is" in first
    assert client.get(idea.get_absolute_url())["X-Page-Cache"] == "hit"


def test_following_an_idea_through_its_form(client, idea, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("following:follow"), {
            "email": READER, "kind": "idee", "key": "bankjes", "website": ""})

    assert response.status_code == 303
    request = FollowRequest.objects.get()
    assert "Bankjes op het Zuiderpark-plein" in mail.outbox[0].subject
    following_services.confirm(request)
    assert list(Subscription.objects.values_list("kind", "key")) == [("idee", "bankjes")]


def test_an_idea_the_public_cannot_see_cannot_be_followed(
        client, hood, django_capture_on_commit_callbacks):
    for hidden in hidden_ideas(hood):
        assert subjects.clean("idee", hidden.slug) is None
        assert subjects.describe("idee", hidden.slug) is None
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("following:follow"), {
                "email": READER, "kind": "idee", "key": hidden.slug, "website": ""})
        assert response.status_code == 400, hidden.slug
    assert not FollowRequest.objects.exists()
    assert not mail.outbox


# --- at once -----------------------------------------------------------------------------------

def test_a_new_public_status_goes_to_the_followers_at_once(
        idea, django_capture_on_commit_callbacks):
    follower(READER, ("idee", "bankjes"))
    other = IdeaFactory(slug="ander-idee", neighbourhood=idea.neighbourhood)
    follower("b@voorbeeld.example", ("idee", other.slug))

    with django_capture_on_commit_callbacks(execute=True):
        change = services.change_status(idea, Status.NOT_FEASIBLE, public_text="Te duur.")

    [notice] = notices_to(READER)
    assert "Nieuwe status: niet haalbaar" in notice.body
    assert f"{PUBLIC}/ideeen/bankjes/#stap-{change.pk}" in notice.body
    assert not notices_to("b@voorbeeld.example")
    # The submitter still gets the ideas app's own mail.
    assert notices_to("inzender@voorbeeld.nl")


def test_no_notice_for_an_idea_the_public_cannot_see(hood, django_capture_on_commit_callbacks):
    waiting, refused, received = hidden_ideas(hood)
    for hidden in (waiting, refused, received):  # subscriptions made past the form
        follower(f"{hidden.slug}@voorbeeld.example", ("idee", hidden.slug))

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(waiting, Status.IN_PROGRESS)
        services.change_status(refused, Status.ANSWERED)
        services.change_status(received, Status.RECEIVED)

    assert not [message for message in mail.outbox if "voorbeeld.example" in message.to[0]]


def test_no_notice_when_the_idea_left_the_site_before_the_task_ran(idea):
    follower(READER, ("idee", "bankjes"))
    change = StatusChange.objects.create(idea=idea, status=Status.ANSWERED)
    idea.moderation = Moderation.REFUSED
    idea.refusal_reason = "offensive"
    idea.save()

    assert followed.notify_status_change.call(change.pk) == 0
    assert not mail.outbox


@pytest.fixture
def answering(idea):
    alliance = AllianceFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, alliance=alliance)
    idea.assigned_to = alliance
    idea.save()
    return organisation


def publish_answer(client, idea, organisation, text):
    client.force_login(partner_user(organisation))
    client.post(reverse("partner:idea_answer", kwargs={"pk": idea.pk}), {"text": text})
    answer = Answer.objects.get(idea=idea)
    review.approve(review.waiting_revision(answer), staff=StaffUserFactory())
    return answer


def test_a_published_answer_goes_to_the_followers_at_once_in_one_notice(
        client, idea, answering, django_capture_on_commit_callbacks):
    follower(READER, ("idee", "bankjes"))

    with django_capture_on_commit_callbacks(execute=True):
        answer = publish_answer(client, idea, answering, "Er komen drie bankjes.")

    idea.refresh_from_db()
    assert idea.status == Status.ANSWERED
    [notice] = notices_to(READER)  # the answer, not a second notice for 'beantwoord'
    assert "Het antwoord staat op de site" in notice.body
    assert f"{PUBLIC}/ideeen/bankjes/#antwoord-kop" in notice.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer.save()  # saved again, nothing new on the site
    assert not notices_to(READER)


# --- the weekly digest -------------------------------------------------------------------------

def test_the_digest_of_an_idea_has_its_new_steps_and_its_answer(idea, answering, client):
    reader = follower(READER, ("idee", "bankjes"), last_digest_days_ago=7)
    now = timezone.now()
    StatusChange.objects.create(idea=idea, status=Status.IN_PROGRESS,
                                changed_at=now - datetime.timedelta(days=20))
    Answer.objects.create(idea=idea, organisation=answering, on_behalf_of=idea.assigned_to,
                          text="Er komen drie bankjes.")
    StatusChange.objects.create(idea=idea, status=Status.ANSWERED,
                                changed_at=now - datetime.timedelta(days=2))

    send_forced()

    [digest] = notices_to(READER)
    assert "Nieuwe status: beantwoord" in digest.body
    assert "Het antwoord staat op de site" in digest.body
    assert "in behandeling" not in digest.body  # before the last digest
    reader.refresh_from_db()
    assert reader.last_digest_at > now


def test_the_digest_of_a_neighbourhood_has_its_ideas_new_steps(idea, hood):
    follower(READER, ("wijk", hood.slug), last_digest_days_ago=7)
    elsewhere = IdeaFactory(title="Speeltuin elders", neighbourhood=NeighbourhoodFactory())
    now = timezone.now()
    for changed in [idea, elsewhere, *hidden_ideas(hood)]:
        StatusChange.objects.create(idea=changed, status=Status.ANSWERED,
                                    changed_at=now - datetime.timedelta(days=1))

    send_forced()

    [digest] = notices_to(READER)
    assert "Ideeën en vragen uit de wijk" in digest.body
    assert "Bankjes op het Zuiderpark-plein: beantwoord" in digest.body
    assert "/ideeen/bankjes/#stap-" in digest.body
    assert "Speeltuin elders" not in digest.body
    for slug in ("wacht", "geweigerd", "ontvangen"):
        assert f"/ideeen/{slug}/" not in digest.body


def test_an_idea_that_left_the_site_is_in_no_digest(idea):
    follower(READER, ("idee", "bankjes"), last_digest_days_ago=7)
    StatusChange.objects.create(idea=idea, status=Status.ANSWERED,
                                changed_at=timezone.now() - datetime.timedelta(days=1))
    idea.moderation = Moderation.REFUSED
    idea.refusal_reason = "offensive"
    idea.save()

    send_forced()

    assert not notices_to(READER)
