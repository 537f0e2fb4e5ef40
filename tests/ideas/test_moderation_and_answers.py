"""Moderation in the admin, assignment, and partners answering through the review flow."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ideas.models import Answer, Idea, Moderation, Status
from tests.factories import (
    AllianceFactory,
    IdeaFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffUserFactory,
    partner_user,
)
from zuidwest import review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit(monkeypatch, settings):
    from django.db import transaction

    settings.ADMIN_REQUIRE_2FA = False
    monkeypatch.setattr(transaction, "on_commit", lambda callback, *a, **k: callback())


@pytest.fixture
def staff_client(client):
    client.force_login(StaffUserFactory())
    return client


def change_url(idea):
    return reverse("admin:ideas_idea_change", args=[idea.pk])


def admin_form(idea, **changes):
    data = {
        "moderation": idea.moderation, "refusal_reason": idea.refusal_reason,
        "duplicate_of": "", "kind": idea.kind, "title": idea.title, "body": idea.body,
        "why": idea.why, "display_name": idea.display_name,
        "neighbourhood": idea.neighbourhood_id, "place_label": "", "latitude": "",
        "longitude": "", "photo_alt": "", "assigned_to": idea.assigned_to_id or "",
        "spearhead": "", "status": idea.status, "status_text": "", "initiative": "",
        "activity": "",
        "status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0", "status_changes-MAX_NUM_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_moderation_queue_lists_waiting_ideas_without_addresses(staff_client):
    idea = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED,
                       email="geheim@voorbeeld.nl")
    response = staff_client.get(reverse("admin:ideas_idea_changelist"),
                                {"moderation__exact": "waiting"})
    assert idea.title in response.content.decode()
    assert "geheim@voorbeeld.nl" not in response.content.decode()
    page = staff_client.get(change_url(idea)).content.decode()
    assert "geheim@voorbeeld.nl" not in page


@pytest.mark.parametrize("lookup", ["email", "email__startswith", "display_name__icontains",
                                    "supports__email"])
def test_the_admin_refuses_a_filter_on_personal_fields(staff_client, lookup):
    IdeaFactory(email="geheim@voorbeeld.nl")
    response = staff_client.get(reverse("admin:ideas_idea_changelist"),
                                {lookup: "geheim@voorbeeld.nl"})
    # A refused lookup is a 400 (DisallowedModelAdminLookup), never a list.
    assert response.status_code == 400
    assert "geheim@voorbeeld.nl" not in response.content.decode()


def test_approving_in_the_admin_publishes_with_a_timeline_step(staff_client, client):
    idea = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    response = staff_client.post(change_url(idea), admin_form(
        idea, moderation="approved", status_text="Dank je, we gaan ermee aan de slag."))
    assert response.status_code == 302, response.context["adminform"].form.errors
    idea.refresh_from_db()
    assert idea.is_public and idea.status == Status.IN_PROGRESS
    assert idea.status_changes.filter(public_text__startswith="Dank je").exists()
    assert [m.to for m in mail.outbox] == [[idea.email]]


def test_refusing_needs_a_reason_and_mails_it(staff_client):
    idea = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    response = staff_client.post(change_url(idea), admin_form(idea, moderation="refused"))
    assert response.status_code == 200  # the form with the message
    assert Idea.objects.get(pk=idea.pk).moderation == Moderation.WAITING
    response = staff_client.post(change_url(idea), admin_form(
        idea, moderation="refused", refusal_reason="not_zuidwest"))
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).moderation == Moderation.REFUSED
    [message] = mail.outbox
    assert "gaat niet over Zuidwest" in message.body


def test_a_duplicate_must_name_the_other_idea(staff_client):
    other = IdeaFactory()
    idea = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    response = staff_client.post(change_url(idea), admin_form(
        idea, moderation="refused", refusal_reason="duplicate"))
    assert response.status_code == 200
    response = staff_client.post(change_url(idea), admin_form(
        idea, moderation="refused", refusal_reason="duplicate", duplicate_of=other.pk))
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).duplicate_of == other


def test_not_feasible_in_the_admin_needs_a_reason(staff_client):
    idea = IdeaFactory()
    response = staff_client.post(change_url(idea), admin_form(idea, status="not_feasible"))
    assert response.status_code == 200
    assert Idea.objects.get(pk=idea.pk).status == Status.IN_PROGRESS
    response = staff_client.post(change_url(idea), admin_form(
        idea, status="not_feasible", status_text="Er is geen plek voor."))
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).status_changes.last().public_text == (
        "Er is geen plek voor.")


def test_editing_the_text_in_the_admin_marks_it_redacted(staff_client, client):
    idea = IdeaFactory(body="Bel Jan de Vries op 06 12345678.")
    staff_client.post(change_url(idea), admin_form(idea, body="Bel [weggehaald]."))
    idea.refresh_from_db()
    assert idea.redacted and idea.body == "Bel [weggehaald]."
    assert "aangepast door de redactie" in client.get(
        idea.get_absolute_url()).content.decode().lower()


def test_the_dashboard_card_counts_waiting_and_overdue_ideas(staff_client):
    IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    IdeaFactory(submitted_at=timezone.now() - timezone.timedelta(days=40))
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert "1 idee wacht op beoordeling" in page
    assert "1 idee is over de beloofde tijd zonder antwoord" in page
    overdue = staff_client.get(reverse("admin:ideas_idea_changelist") + "?te_laat=ja")
    assert overdue.context["cl"].result_count == 1


# --- partners answering --------------------------------------------------------------------------


@pytest.fixture
def assigned():
    alliance = AllianceFactory(name="Alliantie Wonen & Leefomgeving")
    organisation = OrganisationFactory(name="Woningcorporatie Zuidwest")
    MembershipFactory(organisation=organisation, alliance=alliance)
    idea = IdeaFactory(assigned_to=alliance)
    return idea, organisation, partner_user(organisation)


def test_a_partner_of_the_assigned_alliance_answers_and_staff_publish_it(client, assigned):
    idea, organisation, partner = assigned
    client.force_login(partner)
    assert idea.title in client.get(reverse("partner:idea_list")).content.decode()
    assert "Ideeën beantwoorden" in client.get(reverse("partner:dashboard")).content.decode()
    response = client.post(reverse("partner:idea_answer", kwargs={"pk": idea.pk}),
                           {"text": "We zetten er in het voorjaar twee bankjes neer."})
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert not answer.is_published and answer.organisation == organisation
    # Not public before staff publish it.
    assert "twee bankjes" not in client.get(idea.get_absolute_url()).content.decode()
    mail.outbox.clear()
    review.approve(review.waiting_revision(answer), staff=StaffUserFactory())
    idea.refresh_from_db()
    assert idea.status == Status.ANSWERED and idea.first_answered_at is not None
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "twee bankjes" in page and "Woningcorporatie Zuidwest" in page
    assert idea.email in [address for message in mail.outbox for address in message.to]


def test_an_empty_answer_gets_a_message(client, assigned):
    idea, _organisation, partner = assigned
    client.force_login(partner)
    response = client.post(reverse("partner:idea_answer", kwargs={"pk": idea.pk}), {"text": ""})
    assert response.status_code == 400 and not Answer.objects.exists()


def test_a_partner_of_another_alliance_gets_a_404(client, assigned):
    idea, _organisation, _partner = assigned
    client.force_login(partner_user(OrganisationFactory()))
    assert client.get(reverse("partner:idea_answer", kwargs={"pk": idea.pk})
                      ).status_code == 404
    assert client.post(reverse("partner:idea_answer", kwargs={"pk": idea.pk}),
                       {"text": "Overgenomen."}).status_code == 404
    assert idea.title not in client.get(reverse("partner:idea_list")).content.decode()
    assert not Answer.objects.exists()


def test_the_answer_preview_in_the_review_queue(client, assigned):
    idea, _organisation, partner = assigned
    client.force_login(partner)
    client.post(reverse("partner:idea_answer", kwargs={"pk": idea.pk}),
                {"text": "Een antwoord om te bekijken."})
    revision = review.waiting_revision(Answer.objects.get())
    client.force_login(StaffUserFactory())
    response = client.get(reverse("admin:zuidwest_revision_preview", args=[revision.pk]))
    assert response.status_code == 200
    assert "Een antwoord om te bekijken." in response.content.decode()
