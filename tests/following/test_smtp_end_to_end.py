"""Following end to end against a real SMTP server (aiosmtpd on a local port): asking,
confirming with the button, the digest, one-click unsubscribe, and the removal of an address
the server refuses for good. Transactional, so the mails go out on commit as in production;
runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import datetime
import email
import email.policy
import re
import smtplib
import socket
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from following.models import Follower, FollowRequest, Subscription
from locations.occurrences import refresh_occurrences
from tests.factories import ActivityFactory
from tests.following.conftest import PUBLIC, follower

pytestmark = pytest.mark.django_db(transaction=True)

REFUSED = "weg@voorbeeld.example"
LATER = "later@voorbeeld.example"


class Sink:
    """Keeps what it receives; refuses REFUSED for good (550) and LATER for now (450)."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 Mailbox does not exist"
        if address == LATER:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address):
        return [message for rcpt, message in self.messages if address in rcpt]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "use_tls": False,
                    "timeout": 10},
    }}
    yield sink
    controller.stop()


def text_and_html(message):
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_follow_confirm_digest_and_one_click_unsubscribe(smtp, place):
    client = Client()
    response = client.post(reverse("following:follow"), {
        "email": "amina@voorbeeld.example", "kind": "plek", "key": place.slug})
    assert response.status_code == 303

    [confirmation] = smtp.to("amina@voorbeeld.example")
    text, html = text_and_html(confirmation)
    confirm_url = re.search(re.escape(PUBLIC) + r"(/volgen/bevestigen/[\w-]+/)", text).group(1)
    assert confirm_url in html
    assert client.get(confirm_url).status_code == 200
    assert not Follower.objects.exists()  # opening the link confirms nothing
    assert client.post(confirm_url).status_code == 303
    assert Subscription.objects.filter(follower__email="amina@voorbeeld.example",
                                       kind="plek", key=place.slug).exists()

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ActivityFactory(title="Taalcafé", place=place, is_published=True, start_date=tomorrow,
                    end_date=tomorrow)
    refresh_occurrences()
    call_command("send_digests", "--force", stdout=StringIO())

    digest = smtp.to("amina@voorbeeld.example")[-1]
    text, html = text_and_html(digest)
    assert "Taalcafé" in text and "Taalcafé" in html
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = digest["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{PUBLIC}/volgen/afmelden/")

    # What a mail program does: one POST, no cookies, no CSRF token.
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(unsubscribe.removeprefix(PUBLIC), "List-Unsubscribe=One-Click",
                                 content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Follower.objects.exists()
    assert not Subscription.objects.exists()


def test_an_address_refused_for_good_is_removed_and_one_refused_for_now_kept(smtp, place):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ActivityFactory(place=place, is_published=True, start_date=tomorrow, end_date=tomorrow)
    refresh_occurrences()
    gone = follower(REFUSED, ("plek", place.slug))
    busy = follower(LATER, ("plek", place.slug))
    fine = follower("fijn@voorbeeld.example", ("plek", place.slug))

    call_command("send_digests", "--force", stdout=StringIO())

    assert not Follower.objects.filter(pk=gone.pk).exists()
    busy.refresh_from_db()
    assert busy.last_digest_at is None  # tried again later
    assert len(smtp.to("fijn@voorbeeld.example")) == 1  # once, though the batch was retried
    fine.refresh_from_db()
    assert fine.last_digest_at is not None


def test_a_confirmation_refused_for_good_deletes_the_request(smtp, place):
    Client().post(reverse("following:follow"),
                  {"email": REFUSED, "kind": "plek", "key": place.slug})

    assert not FollowRequest.objects.exists()
    assert smtp.messages == []


def test_a_notice_retried_goes_only_to_whom_it_did_not_reach(smtp, place):
    from following import tasks

    fine = follower("fijn@voorbeeld.example", ("plek", place.slug))
    busy = follower(LATER, ("plek", place.slug))
    also = follower("ook@voorbeeld.example", ("plek", place.slug))

    # The immediate task backend runs every retry at once: LATER is refused on every try.
    tasks.send_notice.enqueue([fine.pk, busy.pk, also.pk], "plek", place.slug,
                              "Er is een antwoord", "/ideeen/een-idee/")

    assert len(smtp.to("fijn@voorbeeld.example")) == 1
    assert len(smtp.to("ook@voorbeeld.example")) == 1
    assert smtp.to(LATER) == []


class DroppingBackend:
    """A mail connection that breaks after its first mail (a server that goes away)."""

    sent = []

    def __init__(self, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        if DroppingBackend.sent:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        DroppingBackend.sent.extend(message.to[0] for message in messages)
        return len(messages)


def test_a_broken_connection_leaves_the_rest_for_the_next_try(settings):
    from following import mail

    settings.MAILERS = {"default": {
        "BACKEND": "tests.following.test_smtp_end_to_end.DroppingBackend"}}
    DroppingBackend.sent = []
    messages = [(n, mail.EmailMultiAlternatives("Onderwerp", "Tekst", to=[f"{n}@voorbeeld.nl"]))
                for n in (1, 2, 3)]

    outcome = mail.deliver(messages)

    assert outcome.sent == [1] and outcome.deferred == [2, 3] and outcome.refused == []
