"""The partner area at /partner/: the dashboard, who may see what, submitting for review and
two people editing the same page at once."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActivityCancellationFactory,
    ActivityFactory,
    InitiativeFactory,
    MilestoneFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PlaceFactory,
    SpecialHoursFactory,
    StaffUserFactory,
    UpdateFactory,
    partner_user,
)
from tests.partner_helpers import KINDS, form_data, page_of, url
from zuidwest import review
from zuidwest.models import Revision

pytestmark = pytest.mark.django_db


# --- the dashboard ----------------------------------------------------------------------------


def test_the_dashboard_lists_the_own_pages_with_their_state_and_no_others(
        partner_client, organisation, partner):
    published = InitiativeFactory(title="Taalcafé Moerwijk", lead_organisation=organisation)
    as_partner = InitiativeFactory(title="Samen Koken")
    as_partner.partner_organisations.add(organisation)
    place = PlaceFactory(name="Buurtkamer De Linde", managing_organisation=organisation,
                         is_published=False)
    review.save_draft(place, review.working_data(place), user=partner,
                      token=review.version_token(place))
    activity = ActivityFactory(title="Breiclub", organiser=organisation)
    waiting = review.save_draft(activity, review.working_data(activity), user=partner,
                                token=review.version_token(activity))
    review.submit(waiting, user=partner)
    InitiativeFactory(title="Iets van een ander")
    ActivityFactory(title="Activiteit van een ander")

    response = partner_client.get(reverse("partner:dashboard"))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Taalcafé Moerwijk" in html and "Samen Koken" in html
    assert "Buurtkamer De Linde" in html and "Breiclub" in html
    assert "Iets van een ander" not in html and "Activiteit van een ander" not in html
    assert "Gepubliceerd" in html and "Concept" in html
    assert "Gepubliceerd, wijziging ter beoordeling" in html
    assert url("initiative", "edit", published) in html
    assert url("place", "preview", place) in html
    assert url("place", "submit", place) in html  # a concept can be sent for review
    assert url("activity", "submit", activity) not in html  # already waiting
    assert reverse("partner:activity_create") + f"?organisatie={organisation.pk}" in html


def test_a_rejected_page_shows_the_reason_and_what_to_do(partner_client, organisation, partner):
    initiative = InitiativeFactory(lead_organisation=organisation)
    draft = review.save_draft(initiative, review.working_data(initiative), user=partner,
                              token=review.version_token(initiative))
    review.submit(draft, user=partner)
    review.reject(draft, staff=StaffUserFactory(), reason="Voeg een foto van de buurtkamer toe.")

    html = partner_client.get(reverse("partner:dashboard")).content.decode()

    assert "Afgewezen" in html
    assert "Voeg een foto van de buurtkamer toe." in html
    assert "Pas de pagina aan en stuur hem opnieuw." in html


def test_only_an_organisation_admin_sees_the_invite_link(client, organisation):
    invite = reverse("accounts:invite", kwargs={"slug": organisation.slug})
    client.force_login(partner_user(organisation, role="admin"))
    assert invite in client.get(reverse("partner:dashboard")).content.decode()
    client.force_login(partner_user(organisation, role="editor"))
    assert invite not in client.get(reverse("partner:dashboard")).content.decode()


def test_an_account_without_organisation_gets_a_friendly_explanation(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("los", "los@example.org"))
    response = client.get(reverse("partner:dashboard"))
    assert response.status_code == 200
    assert "hoort nog niet bij een organisatie" in response.content.decode()


def test_staff_without_organisation_are_pointed_to_the_admin(client):
    client.force_login(StaffUserFactory())
    html = client.get(reverse("partner:dashboard")).content.decode()
    assert "in het beheer" in html
    assert reverse("admin:index") in html


def test_a_partner_without_organisation_cannot_create_pages(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("los", "los@example.org"))
    for kind in KINDS:
        assert client.get(url(kind, "create")).status_code == 404


def test_the_dashboard_costs_the_same_queries_for_more_pages(partner_client, organisation,
                                                              partner):
    def add_pages():
        for kind in KINDS:
            page = page_of(kind, organisation)
            review.save_draft(page, review.working_data(page), user=partner,
                              token=review.version_token(page))

    add_pages()
    with CaptureQueriesContext(connection) as few:
        partner_client.get(reverse("partner:dashboard"))
    add_pages()
    add_pages()
    with CaptureQueriesContext(connection) as more:
        response = partner_client.get(reverse("partner:dashboard"))
    assert response.status_code == 200
    assert len(more) == len(few)


# --- who may see what ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, kind, organisation):
    page = page_of(kind, organisation)
    login = reverse("accounts:login")
    for address in (reverse("partner:dashboard"), url(kind, "create"), url(kind, "edit", page),
                    url(kind, "preview", page)):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    response = client.post(url(kind, "submit", page))
    assert response.status_code == 302 and response["Location"].startswith(login)


@pytest.mark.parametrize("kind", KINDS)
def test_another_organisations_partner_gets_404_on_every_page(client, kind, partner, organisation):
    page = page_of(kind, organisation)
    draft = review.save_draft(page, review.working_data(page), user=partner,
                              token=review.version_token(page))
    client.force_login(partner_user(OrganisationFactory()))

    assert client.get(url(kind, "edit", page)).status_code == 404
    assert client.get(url(kind, "preview", page)).status_code == 404
    assert client.post(url(kind, "edit", page), {"title": "Overgenomen"}).status_code == 404
    assert client.post(url(kind, "submit", page)).status_code == 404
    draft.refresh_from_db()
    assert draft.state == Revision.State.DRAFT
    assert Revision.objects.count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_and_malformed_ids_are_a_polite_404(partner_client, kind):
    for address in (f"/partner/{ {'initiative': 'initiatieven', 'place': 'plekken',
                                  'activity': 'activiteiten', 'opportunity': 'kansen'}[kind] }/",):
        assert partner_client.get(address + "abc/bewerken/").status_code == 404
        assert partner_client.get(address + "99999999999999999999/bewerken/").status_code == 404
        assert partner_client.get(address + "999999/voorbeeld/").status_code == 404


def test_an_initiative_is_editable_by_its_partner_organisations_too(client, organisation):
    initiative = InitiativeFactory()
    initiative.partner_organisations.add(organisation)
    client.force_login(partner_user(organisation))
    assert client.get(url("initiative", "edit", initiative)).status_code == 200


def test_submit_only_answers_post(partner_client, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation)
    assert partner_client.get(url("initiative", "submit", initiative)).status_code == 405


# --- submitting ------------------------------------------------------------------------------


def test_submitting_a_concept_sends_it_for_review_and_mails_staff(
        partner_client, organisation, partner, django_capture_on_commit_callbacks):
    StaffUserFactory(email="bureau@zuidwest.example")
    place = PlaceFactory(name="Buurthuis De Boog", managing_organisation=organisation)
    draft = review.save_draft(place, review.working_data(place), user=partner,
                              token=review.version_token(place))

    with django_capture_on_commit_callbacks(execute=True):
        response = partner_client.post(url("place", "submit", place), follow=True)

    draft.refresh_from_db()
    assert draft.state == Revision.State.SUBMITTED
    assert "ter beoordeling gestuurd" in response.content.decode()
    assert mail.outbox[-1].to == ["bureau@zuidwest.example"]
    assert "Buurthuis De Boog" in mail.outbox[-1].subject


def test_submitting_without_a_concept_changes_nothing(partner_client, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation)
    response = partner_client.post(url("initiative", "submit", initiative), follow=True)
    assert "Er is geen concept om te versturen" in response.content.decode()
    assert Revision.objects.count() == 0


def test_save_and_submit_in_one_go(partner_client, organisation,
                                   django_capture_on_commit_callbacks):
    StaffUserFactory(email="bureau@zuidwest.example")
    initiative = InitiativeFactory(lead_organisation=organisation, title="Oud")
    data = form_data(partner_client.get(url("initiative", "edit", initiative)))
    data.update(title="Nieuw", indienen="1")

    with django_capture_on_commit_callbacks(execute=True):
        response = partner_client.post(url("initiative", "edit", initiative), data)

    assert response.status_code == 302
    assert review.latest_revision(initiative).state == Revision.State.SUBMITTED
    assert mail.outbox[-1].to == ["bureau@zuidwest.example"]


# --- two people at once ----------------------------------------------------------------------


def test_the_later_of_two_edits_is_refused_with_the_changes_and_the_input_kept(
        client, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, title="Begin",
                                   summary="Samen eten in de buurt.")
    ans, bert = partner_user(organisation), partner_user(organisation)
    client.force_login(ans)
    data_ans = form_data(client.get(url("initiative", "edit", initiative)))
    client.force_login(bert)
    data_bert = form_data(client.get(url("initiative", "edit", initiative)))

    client.force_login(ans)
    data_ans["title"] = "Titel van Ans"
    assert client.post(url("initiative", "edit", initiative), data_ans).status_code == 302

    client.force_login(bert)
    data_bert["summary"] = "Bert schreef dit."
    response = client.post(url("initiative", "edit", initiative), data_bert)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft deze pagina opgeslagen nadat jij begon." in html
    assert "Titel van Ans" in html  # in the table of what changed
    assert "Bert schreef dit." in html  # the input is still in the form
    assert Revision.objects.count() == 1

    # After checking, Bert saves again with the fresh token from the refused page.
    data_again = form_data(response)
    assert data_again["summary"] == "Bert schreef dit."
    assert data_again["version_token"] != data_bert["version_token"]
    assert client.post(url("initiative", "edit", initiative), data_again).status_code == 302
    assert Revision.objects.count() == 2
    assert review.working_data(initiative)["fields"]["summary"] == "Bert schreef dit."


@pytest.mark.parametrize("kind", KINDS)
def test_an_unchanged_form_saves_exactly_what_it_loaded(partner_client, organisation, kind):
    """The form's data is converted like review.snapshot() converts a row, so saving without
    changes records no difference (dates, times, decimals, links and child rows alike)."""
    page = page_of(kind, organisation)
    if kind == "initiative":
        page.neighbourhoods.add(NeighbourhoodFactory(), NeighbourhoodFactory())
        MilestoneFactory(initiative=page, planned_for=datetime.date(2026, 9, 1))
        MilestoneFactory(initiative=page, planned_for=datetime.date(2026, 3, 1),
                         reached_on=datetime.date(2026, 3, 2))
        UpdateFactory(initiative=page, published_on=datetime.date(2026, 1, 1))
        UpdateFactory(initiative=page, published_on=datetime.date(2026, 2, 1))
    elif kind == "place":
        type(page).objects.filter(pk=page.pk).update(latitude=Decimal("52.041234"))
        OpeningHoursFactory(place=page, weekday=4, opens=datetime.time(20, 0),
                            closes=datetime.time(1, 0))
        OpeningHoursFactory(place=page, weekday=0)
        SpecialHoursFactory(place=page)
    elif kind == "opportunity":
        type(page).objects.filter(pk=page.pk).update(closes_on=datetime.date(2027, 1, 31),
                                                     information_activity=ActivityFactory())
    else:
        type(page).objects.filter(pk=page.pk).update(is_free=False, price=Decimal("3"))
        ActivityCancellationFactory(activity=page)
    before = review.snapshot(type(page).objects.get(pk=page.pk))
    data = form_data(partner_client.get(url(kind, "edit", page)))
    assert partner_client.post(url(kind, "edit", page), data).status_code == 302
    assert review.working_data(page) == before
    assert review.compare(type(page), before, review.working_data(page)) == []


def test_a_tampered_row_count_is_refused_without_building_a_million_rows(
        partner_client, organisation):
    """One small POST claiming a million opening hours: a form error, at most MAX_ROWS rows
    built, a page of ordinary size, nothing saved."""
    from zuidwest.partner.forms import MAX_ROWS

    place = page_of("place", organisation)
    data = form_data(partner_client.get(url("place", "edit", place)))
    data["opening_hours-TOTAL_FORMS"] = "1000000"
    before = Revision.objects.count()

    response = partner_client.post(url("place", "edit", place), data)

    assert response.status_code == 200
    formset = next(f for f in response.context["formsets"] if f.prefix == "opening_hours")
    assert len(formset.forms) == MAX_ROWS
    assert f"Hier passen hoogstens {MAX_ROWS} rijen. Haal er een paar weg en sla opnieuw op." in [
        str(item["message"]) for item in response.context["error_items"]]
    assert len(response.content) < 600_000
    assert Revision.objects.count() == before


@pytest.mark.parametrize("kind", KINDS)
def test_text_posted_with_crlf_line_endings_and_unchanged_shows_no_difference(
        partner_client, organisation, kind):
    """Browsers send a text area's lines with "\\r\\n" (and keep spaces people left at the end
    of a line); the stored page has "\\n". Posting the form unchanged records no difference in
    any text field of any page kind."""
    from django.db import models

    page = page_of(kind, organisation)
    model = type(page)
    texts = {field.name: "Eerste regel.\nTweede regel.\n\nNa een witregel."
             for field in model._meta.get_fields()
             if type(field) is models.TextField and field.name in review.spec_for(page).fields}
    assert texts, f"{kind} has text fields"
    model.objects.filter(pk=page.pk).update(**texts)
    before = review.snapshot(model.objects.get(pk=page.pk))

    data = form_data(partner_client.get(url(kind, "edit", page)))
    data = {key: value.replace("\n", "  \r\n") if isinstance(value, str) else value
            for key, value in data.items()}
    assert any("\r\n" in value for value in data.values() if isinstance(value, str))
    assert partner_client.post(url(kind, "edit", page), data).status_code == 302

    assert review.compare(model, before, review.working_data(page)) == []
    for name, text in texts.items():
        assert review.working_data(page)["fields"][name] == text
