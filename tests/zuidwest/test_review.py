"""The review workflow: partner versions wait for staff; only approved versions are public."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from initiatives.models import Initiative
from locations.models import Activity, Place
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    MilestoneFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    PlaceFactory,
)
from zuidwest import review
from zuidwest.models import Revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(django_user_model):
    return django_user_model.objects.create_user("partner@example.org", "partner@example.org")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staff@example.org", "staff@example.org", is_staff=True)


def edited(data, **fields):
    new = {**data, "fields": {**data["fields"], **fields}}
    return new


def test_snapshot_and_apply_round_trip_with_links_and_child_rows():
    place = PlaceFactory()
    OpeningHoursFactory(place=place, weekday=2, opens=datetime.time(9, 30),
                        closes=datetime.time(1, 0))
    data = review.snapshot(place)
    other = PlaceFactory()
    review.apply(other, {**data, "fields": {**data["fields"], "name": "Kopie"}})
    other.refresh_from_db()
    assert other.name == "Kopie"
    assert review.snapshot(other)["children"] == data["children"]
    hours = other.opening_hours.get()
    assert (hours.weekday, hours.opens, hours.closes) == (2, datetime.time(9, 30),
                                                          datetime.time(1, 0))


def test_a_partner_edit_waits_while_the_public_page_keeps_the_approved_version(
        partner, staff):
    initiative = InitiativeFactory(title="Oude titel")
    token = review.version_token(initiative)
    draft = review.save_draft(initiative, edited(review.working_data(initiative),
                                                 title="Nieuwe titel"),
                              user=partner, token=token)
    review.submit(draft, user=partner)
    initiative.refresh_from_db()
    assert initiative.title == "Oude titel"
    assert review.working_data(initiative)["fields"]["title"] == "Nieuwe titel"

    review.approve(draft, staff=staff)
    initiative.refresh_from_db()
    assert initiative.title == "Nieuwe titel"
    assert Revision.objects.get(pk=draft.pk).state == Revision.State.APPROVED


def test_a_new_page_is_unpublished_until_approved(partner, staff):
    neighbourhood = NeighbourhoodFactory()
    data = review.snapshot(PlaceFactory.build(neighbourhood=neighbourhood, name="Nieuwe plek"))
    data["fields"]["neighbourhood"] = neighbourhood.pk
    place, revision = review.create_page(Place, data, user=partner, slug="nieuwe-plek")
    assert place.is_published is False
    review.submit(revision, user=partner)
    review.approve(revision, staff=staff)
    place.refresh_from_db()
    assert place.is_published is True and place.name == "Nieuwe plek"


def test_the_later_of_two_concurrent_edits_is_refused_and_shows_what_changed(partner, staff):
    initiative = InitiativeFactory(title="Begin")
    token = review.version_token(initiative)
    start = review.working_data(initiative)
    review.save_draft(initiative, edited(start, title="Van Ans"), user=partner, token=token)
    with pytest.raises(review.EditConflict) as conflict:
        review.save_draft(initiative, edited(start, title="Van Bert"), user=staff, token=token)
    assert conflict.value.current_data["fields"]["title"] == "Van Ans"
    assert [change.after for change in conflict.value.changes] == ["Van Ans"]
    assert Revision.objects.count() == 1


def test_rejection_needs_a_reason_and_tells_the_partner(partner, staff):
    initiative = InitiativeFactory()
    draft = review.save_draft(initiative, review.working_data(initiative), user=partner,
                              token=review.version_token(initiative))
    review.submit(draft, user=partner)
    with pytest.raises(ValidationError):
        review.reject(draft, staff=staff, reason="  ")
    with pytest.raises(ValidationError):
        review.submit(draft, user=partner)  # already waiting for review
    review.reject(draft, staff=staff, reason="Voeg een foto toe.")
    draft.refresh_from_db()
    assert draft.state == Revision.State.REJECTED
    state = review.page_state(Initiative.objects.get(pk=initiative.pk))
    assert state.reason == "Voeg een foto toe."


def test_staff_and_partners_get_mail_about_the_review(
        partner, staff, django_capture_on_commit_callbacks):
    initiative = InitiativeFactory(title="Buurtkamer")
    draft = review.save_draft(initiative, review.working_data(initiative), user=partner,
                              token=review.version_token(initiative))
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(draft, user=partner)
    assert mail.outbox[-1].to == ["staff@example.org"]
    assert "Buurtkamer" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(draft, staff=staff)
    assert mail.outbox[-1].to == ["partner@example.org"]
    assert "goedgekeurd" in mail.outbox[-1].body


def test_only_the_newest_version_can_be_approved(partner, staff):
    initiative = InitiativeFactory()
    first = review.save_draft(initiative, edited(review.working_data(initiative), title="Een"),
                              user=partner, token=review.version_token(initiative))
    review.submit(first, user=partner)
    review.save_draft(initiative, edited(first.data, title="Twee"), user=partner,
                      token=review.version_token(initiative))
    first.refresh_from_db()
    assert first.state == Revision.State.DRAFT  # taken back from review by the newer edit
    with pytest.raises(ValidationError):
        review.approve(first, staff=staff)


def test_staff_can_restore_an_earlier_approved_version(partner, staff):
    initiative = InitiativeFactory(title="Versie 1")
    MilestoneFactory(initiative=initiative, title="Start")
    first = review.record_staff_change(initiative, staff=staff).revision
    draft = review.save_draft(initiative, edited(first.data, title="Versie 2"), user=partner,
                              token=review.version_token(initiative))
    review.submit(draft, user=partner)
    review.approve(draft, staff=staff)
    restored = review.restore(first, staff=staff).revision
    initiative.refresh_from_db()
    assert initiative.title == "Versie 1"
    assert restored.restored_from == first
    assert list(initiative.milestones.values_list("title", flat=True)) == ["Start"]


def test_the_restore_reason_names_the_date_in_dutch_whatever_the_admin_language(staff):
    from django.utils import translation

    initiative = InitiativeFactory(title="Versie 1")
    first = review.record_staff_change(initiative, staff=staff).revision
    Revision.objects.filter(pk=first.pk).update(
        created_at=datetime.datetime(2026, 3, 5, 13, 30, tzinfo=datetime.UTC))
    first.refresh_from_db()
    with translation.override("en"):
        restored = review.restore(first, staff=staff).revision
    assert restored.decision_reason == "Teruggezet naar de versie van 5 maart 2026 14:30."


def test_preview_shows_the_version_without_saving_it():
    activity = ActivityFactory(title="Koffie")
    data = review.snapshot(activity)
    data["children"]["cancellations"] = [{"date": "2026-12-24", "reason": "Kerst"}]
    shown = review.as_shown(activity, edited(data, title="Thee"))
    assert shown.title == "Thee"
    assert [c.reason for c in shown.cancellations.all()] == ["Kerst"]
    assert Activity.objects.get(pk=activity.pk).title == "Koffie"
    assert not activity.cancellations.exists()


def test_comparison_names_fields_in_plain_dutch():
    place = PlaceFactory(wheelchair_accessible=False)
    before = review.snapshot(place)
    after = edited(before, wheelchair_accessible=True)
    after["children"] = {**before["children"], "opening_hours": [
        {"weekday": 0, "opens": "09:00:00", "closes": "17:00:00", "valid_from": None,
         "valid_until": None}]}
    changes = {change.label: change for change in review.compare(Place, before, after)}
    assert changes["toegankelijk met rolstoel"].after == "ja"
    assert "maandag" in changes["openingstijden"].after


def test_a_staff_edit_closes_a_waiting_partner_version_with_an_explanation(partner, staff):
    initiative = InitiativeFactory()
    draft = review.save_draft(initiative, review.working_data(initiative), user=partner,
                              token=review.version_token(initiative))
    review.submit(draft, user=partner)
    review.record_staff_change(initiative, staff=staff)
    draft.refresh_from_db()
    assert draft.state == Revision.State.REJECTED
    assert "intussen zelf aangepast" in draft.decision_reason
