"""Residents' ideas in Chromium, on the demo content, on a 320 px phone: sending an idea with
its errors, the private status page and deleting one's data; supporting an idea; and the
partner pages for answering. Each page is checked with axe for WCAG 2.1 AA, fits 320 CSS
pixels, and (through the new_context fixture) keeps the Content Security Policy."""

import pytest
from django.urls import reverse

from tests.browser.helpers import assert_no_axe_violations, document_widths
from tests.browser.test_content_security_policy import log_in_as
from tests.factories import partner_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect

REFLOW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
ANSWERED_IDEA = 5001  # Bankjes langs de Melis Stokelaan, answered (fixtures/demo.json)
GEMEENTE = 18  # member of the alliances some demo ideas are assigned to


def assert_fits(page):
    widths = document_widths(page)
    assert widths["scroll"] <= widths["client"] == 320, widths


def check(page):
    assert_fits(page)
    assert_no_axe_violations(page)


@pytest.fixture
def phone(new_context, site_data):
    return new_context(**REFLOW).new_page()


def test_sending_an_idea_on_a_small_phone(phone, live_server):
    phone.goto(live_server.url + reverse("ideas:idea_create"))
    check(phone)
    form = phone.locator("form.idea-form")
    form.get_by_label("Je idee of vraag in een paar woorden").fill("Een bankje bij de bushalte")
    form.get_by_role("button", name="Idee of vraag versturen").click()
    # Errors, with what was typed kept.
    expect(phone.get_by_role("heading", name="Je idee is nog niet verstuurd")).to_be_visible()
    expect(phone.get_by_label("Je idee of vraag in een paar woorden")).to_have_value(
        "Een bankje bij de bushalte")
    check(phone)

    phone.get_by_label("Vertel meer").fill("Bij de bushalte kun je nergens zitten.")
    phone.get_by_label("Over welke wijk gaat het?").select_option(label="Moerwijk")
    phone.get_by_role("button", name="Idee of vraag versturen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Dank je wel! Je idee is verstuurd")
    check(phone)

    phone.get_by_role("link", name="Hoe gaat het met mijn idee?").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hoe gaat het met je idee?")
    check(phone)

    phone.get_by_role("link", name="Mijn gegevens verwijderen").click()
    check(phone)
    phone.get_by_role("button", name="Ja, verwijder mijn gegevens").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Je gegevens zijn verwijderd")
    check(phone)


def test_the_list_an_idea_and_supporting_it_on_a_small_phone(phone, live_server):
    from ideas.models import Idea

    phone.goto(live_server.url + reverse("ideas:idea_list"))
    phone.locator(".leaflet-marker-icon").first.wait_for()
    check(phone)
    phone.goto(live_server.url + reverse("ideas:idea_list") + "?neighbourhood=moerwijk")
    # Leaflet has made the map (its tiles are clipped from then on) before the width is measured.
    phone.locator(".leaflet-container").first.wait_for()
    check(phone)

    idea = Idea.objects.get(pk=ANSWERED_IDEA)
    phone.goto(live_server.url + idea.get_absolute_url())
    expect(phone.get_by_role("heading", name="Antwoord")).to_be_visible()
    expect(phone.get_by_role("heading", name=f"Volg {idea.title}")).to_be_visible()
    check(phone)  # with the follow form
    phone.get_by_role("link", name="Ik steun dit idee").click()
    check(phone)
    phone.get_by_label("Je e-mailadres").fill("steun@voorbeeld.nl")
    phone.get_by_role("button", name="Ik steun dit idee").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kijk in je e-mail")
    check(phone)


def test_the_partner_pages_for_answering(new_context, site_data, live_server):
    from alliances.models import Organisation
    from ideas.models import Idea

    gemeente = Organisation.objects.get(pk=GEMEENTE)
    context = new_context(**REFLOW)
    log_in_as(context, live_server, partner_user(gemeente, email="antwoord@zuidwest.example",
                                                 username="antwoord@zuidwest.example"))
    page = context.new_page()
    page.goto(live_server.url + reverse("partner:idea_list"))
    check(page)
    idea = Idea.objects.assigned_to_organisations([gemeente]).order_by("pk").first()
    page.goto(live_server.url + reverse("partner:idea_answer", kwargs={"pk": idea.pk}))
    check(page)
