"""Programme staff review partner versions in the admin, and see and restore a page's history."""

import copy
import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from locations.models import Place
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
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


def submitted(page, partner, fields=None, children=None):
    """A partner's version of `page` with some fields or child rows changed, sent for review."""
    page.refresh_from_db()  # the version token follows the stored row
    data = copy.deepcopy(review.working_data(page))
    data["fields"].update(fields or {})
    data["children"].update(children or {})
    draft = review.save_draft(page, data, user=partner, token=review.version_token(page))
    return review.submit(draft, user=partner)


def review_url(revision):
    return reverse("admin:zuidwest_revision_change", args=[revision.pk])


def approve_url(revision):
    return reverse("admin:zuidwest_revision_approve", args=[revision.pk])


def reject_url(revision):
    return reverse("admin:zuidwest_revision_reject", args=[revision.pk])


def versions_url(page):
    return reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_versions",
                   args=[page.pk])


def restore_url(page, revision):
    return reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_restore",
                   args=[page.pk, revision.pk])


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def admin_form_data(response):
    """The POST data of an admin change form as it was shown: the form and its inlines."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or isinstance(value, FieldFile) or value == "":
                continue  # empty, or a stored file (uploads are not re-sent)
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [getattr(item, "pk", item) for item in value]
            else:
                data[bound.html_name] = value
    return data


# --- the review queue --------------------------------------------------------------------------


def test_the_queue_lists_only_versions_waiting_for_review_by_default(staff_client, partner):
    waiting = submitted(InitiativeFactory(title="Buurtkamer Moerwijk"), partner,
                        {"summary": "Nieuw"})
    draft_page = PlaceFactory(name="Huiskamer Bouwlust")
    review.save_draft(draft_page, review.working_data(draft_page), user=partner,
                      token=review.version_token(draft_page))

    response = staff_client.get(reverse("admin:zuidwest_revision_changelist"))

    assert list(response.context["cl"].result_list) == [waiting]
    html = response.content.decode()
    assert "Buurtkamer Moerwijk" in html
    assert "Huiskamer Bouwlust" not in html
    assert "partner@example.org" in html
    everything = staff_client.get(reverse("admin:zuidwest_revision_changelist"),
                                  {"status": "all"})
    assert len(everything.context["cl"].result_list) == 2


def test_the_queue_links_published_pages_and_searches_by_email(staff_client, partner,
                                                               django_user_model):
    page = PlaceFactory(name="Ontmoetingsplek Vrederust")
    submitted(page, partner, {"description": "Nieuw"})
    other = django_user_model.objects.create_user("ander@example.org", "ander@example.org")
    submitted(ActivityFactory(title="Taalcafé"), other, {"summary": "Anders"})

    response = staff_client.get(reverse("admin:zuidwest_revision_changelist"),
                                {"q": "partner@example"})

    html = response.content.decode()
    assert "Ontmoetingsplek Vrederust" in html and "Taalcafé" not in html
    assert page.get_absolute_url() in html


def test_the_queue_costs_the_same_number_of_queries_for_more_versions(staff_client, partner):
    def one_of_each_kind():
        submitted(InitiativeFactory(), partner, {"summary": "Twee"})
        submitted(PlaceFactory(), partner, {"description": "Drie"})
        submitted(ActivityFactory(), partner, {"summary": "Vier"})

    one_of_each_kind()
    url = reverse("admin:zuidwest_revision_changelist")
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for _ in range(3):
        one_of_each_kind()
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url)
    assert len(response.context["cl"].result_list) == 12
    assert len(many.captured_queries) == len(few.captured_queries)


def test_staff_cannot_add_or_delete_versions_by_hand(staff_client):
    # RevisionAdmin grants no add permission, so the admin's add view refuses (403).
    assert staff_client.get("/beheer/zuidwest/revision/add/").status_code == 403
    response = staff_client.get(reverse("admin:zuidwest_revision_changelist"))
    assert "delete_selected" not in response.content.decode()


# --- the review page ---------------------------------------------------------------------------


def test_the_review_page_shows_old_and_new_values_including_opening_hours(staff_client,
                                                                          partner):
    place = PlaceFactory(name="Buurthuis De Mussen")
    OpeningHoursFactory(place=place, weekday=0, opens=datetime.time(9, 0),
                        closes=datetime.time(17, 0))
    hours = copy.deepcopy(review.snapshot(place)["children"]["opening_hours"])
    hours[0]["closes"] = "20:30:00"
    revision = submitted(place, partner, {"name": "Buurthuis De Mussen en Meeuwen"},
                         {"opening_hours": hours})

    response = staff_client.get(review_url(revision))

    assert response.status_code == 200
    changes = {change.label: change for change in response.context["changes"]}
    assert changes["naam"].before == "Buurthuis De Mussen"
    assert changes["naam"].after == "Buurthuis De Mussen en Meeuwen"
    assert "17:00" in changes["openingstijden"].before
    assert "20:30" in changes["openingstijden"].after
    html = response.content.decode()
    assert "Nu op de site" in html and "Nieuwe versie" in html
    assert "Goedkeuren en publiceren" in html
    assert "Waarom wijs je dit af? De partner leest dit." in html
    assert "csrfmiddlewaretoken" in html


def test_multi_line_values_are_shown_with_line_breaks(staff_client, partner):
    revision = submitted(PlaceFactory(), partner,
                         {"description": "Elke dag open.\nOok in de vakantie."})

    html = staff_client.get(review_url(revision)).content.decode()

    assert "Elke dag open.<br>Ook in de vakantie." in html


def test_child_rows_are_listed_with_the_changed_ones_marked(staff_client, partner):
    place = PlaceFactory()
    for weekday in (0, 1):
        OpeningHoursFactory(place=place, weekday=weekday, opens=datetime.time(9, 0),
                            closes=datetime.time(17, 0))
    hours = copy.deepcopy(review.snapshot(place)["children"]["opening_hours"])
    hours[1]["closes"] = "20:30:00"
    revision = submitted(place, partner, children={"opening_hours": hours})

    response = staff_client.get(review_url(revision))

    change = next(c for c in response.context["changes"] if c.label == "openingstijden")
    assert [row.changed for row in change.before_rows] == [False, True]
    assert [row.changed for row in change.after_rows] == [False, True]
    html = response.content.decode()
    assert html.count('class="review-rows__changed"') == 2
    assert "<strong>Nieuw of gewijzigd:</strong>" in html
    assert "<strong>Weg of gewijzigd:</strong>" in html


def test_a_new_photo_is_shown_as_a_picture_not_a_path(staff_client, partner):
    place = PlaceFactory()
    revision = submitted(place, partner, {"image": "places/new-photo.jpg",
                                          "image_alt": "De zaal met een lange tafel"})

    response = staff_client.get(review_url(revision))

    change = next(c for c in response.context["changes"] if c.after_image)
    assert change.after_image == "/media/places/new-photo.jpg"
    assert '<img class="review-image" src="/media/places/new-photo.jpg"' in (
        response.content.decode())


def test_a_version_without_changes_says_so(staff_client, partner):
    revision = submitted(InitiativeFactory(), partner)

    response = staff_client.get(review_url(revision))

    assert response.context["changes"] == []
    assert "Geen verschillen" in response.content.decode()


def test_a_new_page_shows_all_of_its_proposed_content(staff_client, partner):
    neighbourhood = NeighbourhoodFactory()
    data = review.snapshot(PlaceFactory.build(neighbourhood=neighbourhood, name="Nieuwe plek",
                                              description="Een plek voor iedereen."))
    data["fields"]["neighbourhood"] = neighbourhood.pk
    place, revision = review.create_page(Place, data, user=partner, slug="nieuwe-plek")
    review.submit(revision, user=partner)

    response = staff_client.get(review_url(revision))

    assert response.context["is_new"] is True
    html = response.content.decode()
    assert "Nieuwe plek" in html and "Een plek voor iedereen." in html
    assert "Nu op de site" not in html


@pytest.mark.parametrize("factory, title_field", [
    (InitiativeFactory, "title"), (PlaceFactory, "name"), (ActivityFactory, "title")])
def test_the_version_can_be_viewed_as_the_public_page(staff_client, partner, factory,
                                                      title_field):
    page = factory(**{title_field: "Oude titel"})
    revision = submitted(page, partner, {title_field: "Voorproefje"})

    response = staff_client.get(
        reverse("admin:zuidwest_revision_preview", args=[revision.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorproefje" in html and "Voorbeeld van een versie" in html
    page.refresh_from_db()
    assert getattr(page, title_field) == "Oude titel"


def test_the_preview_of_a_schedule_change_shows_the_new_dates(staff_client, partner):
    # The published activity is on Wednesdays; the version moves it to Fridays at 19:00. The
    # stored occurrences belong to the published version, so the preview must not use them.
    today = timezone.localdate()
    wednesday = today + datetime.timedelta(days=(2 - today.weekday()) % 7 + 7)
    friday = wednesday + datetime.timedelta(days=2)
    activity = ActivityFactory(start_date=wednesday, title="Koffieochtend")
    revision = submitted(activity, partner, {
        "start_date": friday.isoformat(), "start_time": "19:00:00", "end_time": "21:00:00"})

    response = staff_client.get(
        reverse("admin:zuidwest_revision_preview", args=[revision.pk]))

    upcoming = response.context["next_occurrences"]
    assert upcoming, "the version's own dates are listed"
    assert {timezone.localtime(o.starts_at).weekday() for o in upcoming} == {4}
    assert {timezone.localtime(o.starts_at).hour for o in upcoming} == {19}
    assert timezone.localtime(upcoming[0].starts_at).date() == friday
    assert response["X-Robots-Tag"] == "noindex"
    assert "Terug naar de beoordeling" in response.content.decode()


# --- decisions ---------------------------------------------------------------------------------


def test_approving_publishes_the_version_and_mails_the_partner(
        staff_client, partner, client, django_capture_on_commit_callbacks):
    place = PlaceFactory(description="Oude tekst over de plek.")
    revision = submitted(place, partner, {"description": "Nieuwe tekst over de plek."})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(approve_url(revision))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:zuidwest_revision_changelist")
    assert any("goedgekeurd" in text for text in message_texts(response))
    revision.refresh_from_db()
    assert revision.state == Revision.State.APPROVED
    assert "Nieuwe tekst over de plek." in client.get(place.get_absolute_url()).content.decode()
    assert mail.outbox[-1].to == ["partner@example.org"]


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(staff_client, partner):
    initiative = InitiativeFactory(title="Blijft zo")
    revision = submitted(initiative, partner, {"title": "Wordt anders"})
    mail.outbox.clear()

    response = staff_client.post(reject_url(revision), {"reason": "   "})

    assert response.status_code == 200
    assert "Schrijf op waarom je deze versie afwijst" in response.content.decode()
    revision.refresh_from_db()
    assert revision.state == Revision.State.SUBMITTED
    assert revision.decision_reason == ""
    initiative.refresh_from_db()
    assert initiative.title == "Blijft zo"
    assert mail.outbox == []


def test_rejecting_with_a_reason_stores_it_and_mails_the_partner(
        staff_client, partner, django_capture_on_commit_callbacks):
    initiative = InitiativeFactory(title="Blijft zo")
    revision = submitted(initiative, partner, {"title": "Wordt anders"})

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reject_url(revision),
                                     {"reason": "Voeg een foto van de plek toe."})

    assert response.status_code == 302
    assert any("afgewezen" in text for text in message_texts(response))
    revision.refresh_from_db()
    assert revision.state == Revision.State.REJECTED
    assert revision.decision_reason == "Voeg een foto van de plek toe."
    initiative.refresh_from_db()
    assert initiative.title == "Blijft zo"
    assert mail.outbox[-1].to == ["partner@example.org"]
    assert "Voeg een foto van de plek toe." in mail.outbox[-1].body


def test_approving_a_version_that_is_no_longer_the_newest_is_refused(staff_client, partner,
                                                                     staff):
    initiative = InitiativeFactory(title="Origineel")
    stale = submitted(initiative, partner, {"title": "Van de partner"})
    review.record_staff_change(initiative, staff=staff)  # staff changed the page meanwhile

    response = staff_client.post(approve_url(stale), follow=True)

    assert "Er is intussen een nieuwere versie van deze pagina." in message_texts(response)
    stale.refresh_from_db()
    assert stale.state == Revision.State.REJECTED  # closed by the staff change, with a reason
    initiative.refresh_from_db()
    assert initiative.title == "Origineel"
    assert "Goedkeuren en publiceren" not in response.content.decode()


def test_deciding_twice_is_refused_with_a_message(staff_client, partner):
    revision = submitted(InitiativeFactory(), partner, {"summary": "Nieuw"})
    staff_client.post(approve_url(revision))

    response = staff_client.post(reject_url(revision), {"reason": "Toch niet"}, follow=True)

    assert "Deze versie is al goedgekeurd." in message_texts(response)
    revision.refresh_from_db()
    assert revision.state == Revision.State.APPROVED


def test_decisions_refuse_get_requests(staff_client, partner):
    initiative = InitiativeFactory(title="Blijft zo")
    revision = submitted(initiative, partner, {"title": "Wordt anders"})

    assert staff_client.get(approve_url(revision)).status_code == 405
    assert staff_client.get(reject_url(revision)).status_code == 405
    assert staff_client.post(review_url(revision)).status_code == 405

    revision.refresh_from_db()
    assert revision.state == Revision.State.SUBMITTED
    initiative.refresh_from_db()
    assert initiative.title == "Blijft zo"


# --- the history of a page ---------------------------------------------------------------------


def test_the_change_page_links_the_history_and_says_when_a_version_waits(staff_client,
                                                                         partner):
    place = PlaceFactory()
    url = reverse("admin:locations_place_change", args=[place.pk])
    assert "Er wacht een wijziging op beoordeling" not in staff_client.get(url).content.decode()
    revision = submitted(place, partner, {"description": "Nieuw"})

    html = staff_client.get(url).content.decode()

    assert versions_url(place) in html
    assert "Er wacht een wijziging op beoordeling" in html
    assert review_url(revision) in html


def test_the_history_lists_approved_versions_and_what_each_changed(staff_client, partner,
                                                                   staff):
    initiative = InitiativeFactory(title="Versie een")
    first = review.record_staff_change(initiative, staff=staff).revision
    second = submitted(initiative, partner, {"title": "Versie twee"})
    review.approve(second, staff=staff)
    rejected = submitted(initiative, partner, {"title": "Afgewezen titel"})
    review.reject(rejected, staff=staff, reason="Niet duidelijk")

    response = staff_client.get(versions_url(initiative))

    entries = response.context["entries"]
    assert [entry.revision for entry in entries] == [second, first]
    assert [(c.before, c.after) for c in entries[0].changes] == [("Versie een", "Versie twee")]
    assert entries[0].is_on_site and not entries[1].is_on_site
    html = response.content.decode()
    assert "Afgewezen titel" not in html
    assert "partner@example.org" in html and staff.email in html
    assert restore_url(initiative, first) in html


def test_restoring_an_earlier_version_puts_it_back_on_the_public_page(staff_client, partner,
                                                                      staff, client):
    place = PlaceFactory(description="De eerste tekst.")
    first = review.record_staff_change(place, staff=staff).revision
    review.approve(submitted(place, partner, {"description": "De tweede tekst."}), staff=staff)

    confirm = staff_client.get(restore_url(place, first))
    assert confirm.status_code == 200
    assert [(c.before, c.after) for c in confirm.context["changes"]] == [
        ("De tweede tekst.", "De eerste tekst.")]
    place.refresh_from_db()
    assert place.description == "De tweede tekst."  # the confirmation page changes nothing

    response = staff_client.post(restore_url(place, first))

    assert response.status_code == 302 and response["Location"] == versions_url(place)
    assert "De eerste tekst." in client.get(place.get_absolute_url()).content.decode()
    newest = review.latest_revision(place)
    assert newest.restored_from == first and newest.state == Revision.State.APPROVED
    history = staff_client.get(versions_url(place)).context["entries"]
    assert history[0].revision == newest and len(history) == 3


def test_only_approved_versions_of_the_same_page_can_be_restored(staff_client, partner, staff):
    place = PlaceFactory()
    waiting = submitted(place, partner, {"description": "Wacht nog"})
    other = review.record_staff_change(PlaceFactory(), staff=staff).revision

    assert staff_client.post(restore_url(place, waiting)).status_code == 404
    assert staff_client.post(restore_url(place, other)).status_code == 404
    assert review.revisions_of(place).count() == 1


# --- staff edits -------------------------------------------------------------------------------


def test_a_staff_edit_in_the_admin_is_kept_as_an_approved_version(staff_client, staff):
    place = PlaceFactory(name="Oude naam")
    OpeningHoursFactory(place=place)
    url = reverse("admin:locations_place_change", args=[place.pk])
    data = admin_form_data(staff_client.get(url))
    data["name"] = "Nieuwe naam"

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    revision = review.latest_revision(place)
    assert revision.state == Revision.State.APPROVED
    assert revision.created_by == staff and revision.decided_by == staff
    assert revision.data["fields"]["name"] == "Nieuwe naam"
    assert len(revision.data["children"]["opening_hours"]) == 1
    assert staff_client.get(versions_url(place)).context["entries"][0].revision == revision


def test_saving_without_changes_adds_no_empty_version(staff_client, staff):
    place = PlaceFactory()
    review.record_staff_change(place, staff=staff)
    url = reverse("admin:locations_place_change", args=[place.pk])

    staff_client.post(url, admin_form_data(staff_client.get(url)))

    assert review.revisions_of(place).count() == 1


def test_a_staff_edit_says_the_waiting_partner_version_was_rejected_and_mailed(
        staff_client, partner, django_capture_on_commit_callbacks):
    initiative = InitiativeFactory(title="Oud")
    waiting = submitted(initiative, partner, {"summary": "Van de partner"})
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    data = admin_form_data(staff_client.get(url))
    data["title"] = "Door het programmabureau"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data, follow=True)

    assert (
        "Er wachtte een wijziging van een partner. Die is afgewezen, omdat hij op de oude "
        "versie was gebaseerd; de partner krijgt daarover een e-mail."
    ) in message_texts(response)
    assert not any("wacht ook" in text for text in message_texts(response))
    waiting.refresh_from_db()
    assert waiting.state == Revision.State.REJECTED
    assert len(mail.outbox) == 1
    assert partner.email in mail.outbox[0].to
    assert mail.outbox[0].subject == "Afgewezen: Door het programmabureau"
    initiative.refresh_from_db()
    assert initiative.title == "Door het programmabureau"


def test_a_staff_edit_of_what_partners_do_not_edit_leaves_their_version_waiting(
        staff_client, partner, staff):
    initiative = InitiativeFactory(title="Oud")
    review.record_staff_change(initiative, staff=staff)
    waiting = submitted(initiative, partner, {"summary": "Van de partner"})
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    data = admin_form_data(staff_client.get(url))
    data["is_featured"] = "on"

    response = staff_client.post(url, data, follow=True)

    assert not any("partner" in text for text in message_texts(response))
    waiting.refresh_from_db()
    assert waiting.state == Revision.State.SUBMITTED


# --- who may ----------------------------------------------------------------------------------


@pytest.fixture
def every_review_url(partner, staff):
    place = PlaceFactory()
    approved = review.record_staff_change(place, staff=staff).revision
    revision = submitted(place, partner, {"description": "Nieuw"})
    return revision, [
        ("get", reverse("admin:zuidwest_revision_changelist")),
        ("get", review_url(revision)),
        ("get", reverse("admin:zuidwest_revision_preview", args=[revision.pk])),
        ("post", approve_url(revision)),
        ("post", reject_url(revision)),
        ("get", versions_url(place)),
        ("get", restore_url(place, approved)),
        ("post", restore_url(place, approved)),
    ]


@pytest.mark.parametrize("who", ["anonymous", "partner"])
def test_only_staff_reach_the_review_pages(client, partner, every_review_url, who):
    revision, urls = every_review_url
    if who == "partner":
        client.force_login(partner)
    for method, url in urls:
        response = getattr(client, method)(url, {"reason": "Weg ermee"})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/beheer/login/"), url
    revision.refresh_from_db()
    assert revision.state == Revision.State.SUBMITTED
    assert review.revisions_of(revision.content_object).count() == 2


def test_the_admin_filters_pages_by_the_organisation_that_owns_them(staff_client):
    # The same rule as the partner area: lead or partner of an initiative.
    leading, taking_part, elsewhere = (
        InitiativeFactory(title="Zelf getrokken"), InitiativeFactory(title="Meegedaan"),
        InitiativeFactory(title="Van een ander"))
    organisation = leading.lead_organisation
    taking_part.partner_organisations.add(organisation)

    response = staff_client.get(reverse("admin:initiatives_initiative_changelist"),
                                {"organisatie": organisation.pk})

    shown = {initiative.title for initiative in response.context["cl"].result_list}
    assert shown == {"Zelf getrokken", "Meegedaan"}
    assert elsewhere.title not in shown
