"""Following by e-mail in Chromium, on the demo content: the "Volg" form on a neighbourhood's
page, its error, "look in your mail", the confirmation page, the management page, stopping,
and the unsubscribe page, each checked with axe for WCAG 2.1 AA and (through the new_context
fixture) the Content Security Policy; the pages and every mail's HTML fit 320 CSS pixels."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.browser.helpers import assert_no_axe_violations, document_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect

REFLOW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
ADDRESS = "bewoner@voorbeeld.example"


def go(page, live_server, path, status=200):
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == status, (path, response.status)


def fits_320(page):
    widths = document_widths(page)
    assert widths["client"] == 320
    assert widths["scroll"] <= widths["client"], page.url


def test_following_a_neighbourhood_from_the_form_to_stopping_meets_wcag(
        new_context, site_data, live_server):
    from following.models import Follower, FollowRequest

    page = new_context().new_page()
    go(page, live_server, "/wijken/moerwijk/")
    form = page.locator("form[action='/volgen/']")
    expect(form).to_be_visible()
    assert_no_axe_violations(page)

    form.get_by_role("button", name="Volg").click()  # no address: the form's own page
    expect(page.get_by_role("heading", name="Het is nog niet verstuurd")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Je e-mailadres").fill(ADDRESS)
    page.get_by_role("button", name="Volg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je e-mail")
    assert_no_axe_violations(page)

    request = FollowRequest.objects.get(email=ADDRESS)
    go(page, live_server, reverse("following:confirm", kwargs={"token": request.token}))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, ik wil dit volgen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat je volgt")
    expect(page.get_by_role("link", name="Moerwijk")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Wijk", exact=True).select_option(label="Bouwlust")
    page.get_by_role("button", name="Volg deze wijk").click()
    expect(page.get_by_role("link", name="Bouwlust")).to_be_visible()
    page.get_by_role("button", name="Stop met Moerwijk").click()
    expect(page.get_by_role("link", name="Moerwijk")).to_have_count(0)
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Stop alles en verwijder mijn adres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bent gestopt")
    assert_no_axe_violations(page)
    assert not Follower.objects.filter(email=ADDRESS).exists()


def test_the_unsubscribe_page_and_a_broken_link_meet_wcag(new_context, site_data,
                                                          live_server):
    from following.models import Follower

    follower = Follower.objects.create(email=ADDRESS)
    page = new_context().new_page()
    go(page, live_server, reverse("following:unsubscribe", kwargs={"token": follower.token}))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Stop en verwijder mijn adres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bent gestopt")

    go(page, live_server, reverse("following:manage", kwargs={"token": follower.token}), 404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")
    assert_no_axe_violations(page)


def test_the_pages_reflow_at_320_css_pixels(new_context, site_data, live_server):
    from following.models import Follower, FollowRequest, Subscription

    follower = Follower.objects.create(email=ADDRESS)
    Subscription.objects.create(follower=follower, kind="wijk", key="moerwijk")
    request = FollowRequest.objects.create(email="ander@voorbeeld.example", kind="wijk",
                                           key="moerwijk")
    page = new_context(**REFLOW).new_page()
    for path, status in [
        ("/wijken/moerwijk/", 200),
        ("/volgen/?soort=wijk&sleutel=moerwijk", 200),
        (reverse("following:sent"), 200),
        (reverse("following:confirm", kwargs={"token": request.token}), 200),
        (reverse("following:manage", kwargs={"token": follower.token})
         + "?volg=plek%3Abuurtkamer-de-linde", 200),
        (reverse("following:unsubscribe", kwargs={"token": follower.token}), 200),
        (reverse("following:stopped"), 200),
    ]:
        go(page, live_server, path, status)
        fits_320(page)


def test_every_mail_fits_320_css_pixels_and_loads_nothing(new_context, site_data, live_server):
    """The HTML of the confirmation, "you follow already" and a digest, opened as a phone's
    mail app would show it: no sideways scrolling, and not one request."""
    from django.core.management import call_command
    from django.test import Client

    from following.models import Follower, Subscription
    from locations.models import Activity
    from locations.occurrences import refresh_occurrences

    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    activity = Activity.objects.filter(is_published=True, place__is_published=True,
                                       place__neighbourhood__slug="moerwijk").first()
    Activity.objects.filter(pk=activity.pk).update(
        start_date=tomorrow, end_date=tomorrow,
        title="Een heel lange titel van een activiteit om te zien of die netjes afbreekt")
    refresh_occurrences()
    client = Client()
    client.post("/volgen/", {"email": "nieuw@voorbeeld.example", "kind": "wijk",
                             "key": "moerwijk"})
    Subscription.objects.create(follower=Follower.objects.create(email=ADDRESS), kind="wijk",
                                key="moerwijk")
    client.post("/volgen/", {"email": ADDRESS, "kind": "plek",
                             "key": activity.place.slug})
    call_command("send_digests", "--force")
    messages = [message for message in mail.outbox if message.alternatives]
    assert len(messages) >= 3

    context = new_context(**REFLOW)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for message in messages:
        page.set_content(message.alternatives[0][0])
        widths = document_widths(page)
        assert widths["scroll"] <= widths["client"] == 320, message.subject
        assert re.search(r"<h1>", message.alternatives[0][0])
    assert requests == []
