"""Signing up in Chromium, on the demo content: the form on an opportunity's and an activity's
page, its errors, the confirmation, the deletion link and its pages, and the organisation's
list in the partner area, each checked with axe for WCAG 2.1 AA."""

import pytest
from django.urls import reverse

from tests.browser.helpers import assert_focus_visible, assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect

# Demo content (fixtures/demo.json) that takes sign-ups.
OPPORTUNITY_PK = 1001  # Leerwerkplek in de wijkkeuken, open without a closing date
ACTIVITY_PK = 2025  # Sollicitatietraining voor jongeren, weekly


def demo(model_path, pk):
    from django.apps import apps

    return apps.get_model(*model_path.split(".")).objects.get(pk=pk)


def go(page, live_server, path):
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok, f"GET {path}: {response and response.status}"


def test_signing_up_and_deleting_it_again_meet_wcag(page, live_server):
    opportunity = demo("work.Opportunity", OPPORTUNITY_PK)
    go(page, live_server, opportunity.get_absolute_url())
    form = page.locator("form.signup-form")
    expect(form).to_be_visible()
    assert_no_axe_violations(page)

    # Nothing filled in: the errors, on the form's own page, with what was typed kept.
    form.get_by_label("Je naam").fill("Voorbeeld Bewoner")
    form.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.get_by_role("heading", name="Je aanmelding is nog niet verstuurd")).to_be_visible()
    expect(page.get_by_label("Je naam")).to_have_value("Voorbeeld Bewoner")
    assert_no_axe_violations(page)

    page.get_by_label("Je telefoonnummer").fill("06 00 00 00 00")
    page.get_by_role("checkbox").check()
    # The honeypot is out of the tab order: from the checkbox Tab goes to the button.
    page.get_by_role("checkbox").focus()
    page.keyboard.press("Tab")
    assert_focus_visible(page)
    expect(page.get_by_role("button", name="Aanmelding versturen")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Je aanmelding is verstuurd")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Mijn aanmelding verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je aanmelding verwijderen")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Ja, verwijder mijn aanmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je aanmelding is verwijderd")
    assert_no_axe_violations(page)


def test_the_activity_form_and_a_broken_link_meet_wcag(page, live_server):
    activity = demo("locations.Activity", ACTIVITY_PK)
    go(page, live_server, activity.get_absolute_url())
    expect(page.locator("form.signup-form")).to_be_visible()
    assert_no_axe_violations(page)

    response = page.goto(live_server.url + reverse(
        "signups:delete", kwargs={"token": "deze-link-bestaat-niet"}))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")
    assert_no_axe_violations(page)


def test_the_partner_list_of_signups_meets_wcag(page, live_server):
    from tests.factories import PARTNER_PASSWORD, partner_user

    organisation = demo("work.Opportunity", OPPORTUNITY_PK).organisation
    user = partner_user(organisation, email="samira@voorbeeld.example",
                        username="samira@voorbeeld.example")
    go(page, live_server, reverse("accounts:login"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PARTNER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw pagina's")
    page.get_by_role("link", name="Bekijk de aanmeldingen").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmeldingen")
    expect(page.get_by_role("heading", name="Voorbeeld Bewoner")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Afgehandeld (Voorbeeld Bewoner)").click()
    expect(page.get_by_text("De aanmelding staat nu op 'afgehandeld'.")).to_be_visible()
    assert_no_axe_violations(page)
