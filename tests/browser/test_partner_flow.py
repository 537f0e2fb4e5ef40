"""A partner keeps a place page current, staff approve it, the public page changes: in Chromium,
with axe checking WCAG 2.1 AA on every partner page on the way, and the keyboard alone where a
form must work without a mouse."""

import datetime
import re

import pytest

from tests.browser.helpers import (
    assert_focus_visible,
    assert_no_axe_violations,
    document_widths,
    tab_to,
)
from tests.factories import (
    PARTNER_PASSWORD,
    OpeningHoursFactory,
    OrganisationFactory,
    PlaceFactory,
    StaffUserFactory,
    partner_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = PARTNER_PASSWORD  # what the factories give every partner account
STAFF_PASSWORD = "beheer-fiets-molen-77"
ALT_TEXT = "De zonnige huiskamer van Buurtkamer De Linde met een lange tafel"


@pytest.fixture
def partner_site(transactional_db, settings, tmp_path):
    """An organisation with a published place (open on Monday 09:00-17:00), an editor and an
    organisation admin of it, and a superuser; photos go to a temporary folder."""
    from django.core.cache import cache

    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ADMIN_REQUIRE_2FA = False
    organisation = OrganisationFactory(name="Stichting De Linde")
    place = PlaceFactory(name="Buurtkamer De Linde", managing_organisation=organisation,
                         is_published=True)
    OpeningHoursFactory(place=place, weekday=0, opens=datetime.time(9, 0),
                        closes=datetime.time(17, 0))
    editor = partner_user(organisation, role="editor", email="fatima@zuidwest.example",
                          username="fatima@zuidwest.example")
    org_admin = partner_user(organisation, role="admin", email="kees@zuidwest.example",
                             username="kees@zuidwest.example")
    staff = StaffUserFactory(username="beheerder")
    staff.set_password(STAFF_PASSWORD)
    staff.save()
    yield {"organisation": organisation, "place": place, "editor": editor,
           "org_admin": org_admin, "staff": staff}
    cache.clear()


@pytest.fixture
def context(new_context, partner_site):
    return new_context()


def url(live_server, name, **kwargs):
    from django.urls import reverse

    return live_server.url + reverse(name, kwargs=kwargs or None)


def log_in(page, live_server, email, password=PASSWORD):
    page.goto(url(live_server, "accounts:login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def week_row(page, weekday_name):
    """The cell with the hours of a day (e.g. "zaterdag") in the week table."""
    row = page.locator("table.place-week tr").filter(has_text=weekday_name)
    return row.locator("td")


def small_jpeg(path):
    from PIL import Image

    image = Image.new("RGB", (800, 600), (200, 140, 60))
    for x in range(0, 800, 40):
        for y in range(0, 600, 40):
            image.putpixel((x, y), (20, 60, 120))
    image.save(path, "JPEG", quality=85)
    return path


# ---------------------------------------------------------------------------------------------
# The whole way: partner edits, staff approve, the public sees it
# ---------------------------------------------------------------------------------------------


def test_a_partner_change_reaches_the_site_after_staff_approve_it(
        context, live_server, partner_site, tmp_path):
    place = partner_site["place"]
    public_url = live_server.url + place.get_absolute_url()
    page = context.new_page()

    # Logging in through the form (axes lets a correct password through).
    log_in(page, live_server, "fatima@zuidwest.example")
    page.wait_for_url(url(live_server, "partner:dashboard"))
    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_text("Buurtkamer De Linde").first).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(url(live_server, "partner:place_edit", pk=place.pk))
    assert_no_axe_violations(page)

    # Monday closes at 16:00 now; Saturday is new, 10:00-14:00; and a photo.
    page.locator("#id_opening_hours-0-closes").fill("16:00")
    page.locator("#id_opening_hours-1-weekday").select_option("5")
    page.locator("#id_opening_hours-1-opens").fill("10:00")
    page.locator("#id_opening_hours-1-closes").fill("14:00")
    page.locator("#id_image").set_input_files(str(small_jpeg(tmp_path / "linde.jpg")))
    page.locator("#id_image_alt").fill(ALT_TEXT)
    page.get_by_role("button", name="Opslaan en ter beoordeling sturen").click()

    page.wait_for_url(url(live_server, "partner:dashboard"))
    expect(page.locator("main")).to_contain_text("ter beoordeling")
    assert_no_axe_violations(page)

    # The site is unchanged until staff approve.
    public = context.new_page()
    public.goto(public_url)
    expect(week_row(public, "maandag")).to_contain_text("09:00–17:00")
    expect(week_row(public, "zaterdag")).not_to_contain_text("10:00–14:00")
    expect(public.locator(f'img[alt="{ALT_TEXT}"]')).to_have_count(0)

    # The preview shows the new version.
    page.goto(url(live_server, "partner:place_preview", pk=place.pk))
    expect(week_row(page, "maandag")).to_contain_text("09:00–16:00")
    expect(week_row(page, "zaterdag")).to_contain_text("10:00–14:00")
    assert_no_axe_violations(page)

    # Logging out is a form with a POST button.
    page.goto(url(live_server, "partner:dashboard"))
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    page.goto(url(live_server, "partner:dashboard"))
    assert "/partner/inloggen/" in page.url

    # Staff log in to the admin and approve from the review queue.
    page.goto(live_server.url + "/beheer/login/")
    page.locator("#id_username").fill("beheerder")
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator('input[type="submit"]').click()
    page.wait_for_url(live_server.url + "/beheer/")
    page.goto(live_server.url + "/beheer/zuidwest/revision/")
    page.get_by_role("link", name="Buurtkamer De Linde").first.click()
    page.wait_for_url(re.compile(r"/beheer/zuidwest/revision/\d+/change/$"))
    expect(page.locator("#content")).to_contain_text(re.compile("openingstijden", re.I))
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    page.wait_for_url(live_server.url + "/beheer/zuidwest/revision/")
    expect(page.locator(".messagelist")).to_contain_text("goedgekeurd")

    # The public page shows the new hours and the photo, with its alt text and a srcset.
    public.goto(public_url)
    expect(week_row(public, "maandag")).to_contain_text("09:00–16:00")
    expect(week_row(public, "zaterdag")).to_contain_text("10:00–14:00")
    photo = public.locator(f'img[alt="{ALT_TEXT}"]')
    expect(photo).to_have_count(1)
    assert photo.get_attribute("srcset"), "the photo has no srcset"
    assert re.search(r"\d+w", photo.get_attribute("srcset"))


# ---------------------------------------------------------------------------------------------
# The other partner pages: axe, error messages, the keyboard
# ---------------------------------------------------------------------------------------------


def test_the_login_page_and_its_error_pass_axe_and_work_with_the_keyboard(context, live_server):
    page = context.new_page()
    page.goto(url(live_server, "accounts:login"))
    assert_no_axe_violations(page)

    # A wrong password: an error, the form again, still accessible. The e-mail field has
    # the focus when the page opens (autofocus), so typing starts there.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("fatima@zuidwest.example")
    tab_to(page, "e => e.id === 'id_password'")
    page.keyboard.type("niet-het-goede-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Het e-mailadres of het wachtwoord klopt niet")
    assert_no_axe_violations(page)

    # Then the right one, with the keyboard alone.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("fatima@zuidwest.example")
    tab_to(page, "e => e.id === 'id_password'")
    page.keyboard.type(PASSWORD)
    tab_to(page, "e => e.type === 'submit' && e.textContent.trim() === 'Inloggen'")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(url(live_server, "partner:dashboard"))


def test_the_password_reset_page_passes_axe(context, live_server):
    page = context.new_page()
    page.goto(url(live_server, "accounts:password_reset"))
    assert_no_axe_violations(page)
    page.get_by_label("E-mailadres").fill("fatima@zuidwest.example")
    page.get_by_role("button").filter(has_text=re.compile(".")).last.click()
    page.wait_for_url(url(live_server, "accounts:password_reset_done"))
    assert_no_axe_violations(page)


def test_the_invite_page_passes_axe_for_an_organisation_admin(context, live_server,
                                                               partner_site):
    page = context.new_page()
    log_in(page, live_server, "kees@zuidwest.example")
    page.wait_for_url(url(live_server, "partner:dashboard"))
    page.goto(url(live_server, "accounts:invite", slug=partner_site["organisation"].slug))
    expect(page.locator("h1")).to_be_visible()
    assert_no_axe_violations(page)
    # An invalid address: the error is accessible too.
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)


def test_an_empty_required_field_gives_an_error_summary_that_leads_to_the_field(
        context, live_server, partner_site):
    place = partner_site["place"]
    page = context.new_page()
    log_in(page, live_server, "fatima@zuidwest.example")
    page.wait_for_url(url(live_server, "partner:dashboard"))
    page.goto(url(live_server, "partner:place_edit", pk=place.pk))
    page.locator("#id_name").fill("")
    page.get_by_role("button", name="Opslaan als concept").last.click()
    page.wait_for_load_state()

    summary = page.locator(".portal-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    link = summary.locator('a[href="#id_name"]')
    expect(link).to_have_count(1)
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    # With the keyboard: Tab to the link in the summary, Enter, and the field has focus.
    tab_to(page, "e => e.getAttribute('href') === '#id_name'", limit=120)
    page.keyboard.press("Enter")
    expect(page.locator("#id_name")).to_be_focused()
    assert_focus_visible(page)


def test_the_conflict_page_passes_axe(context, live_server, partner_site):
    place = partner_site["place"]
    first = context.new_page()
    log_in(first, live_server, "fatima@zuidwest.example")
    first.wait_for_url(url(live_server, "partner:dashboard"))
    edit_url = url(live_server, "partner:place_edit", pk=place.pk)
    second = context.new_page()  # the same account, in a second tab
    first.goto(edit_url)
    second.goto(edit_url)

    first.locator("#id_description").fill("Eerste versie van de beschrijving.")
    first.get_by_role("button", name="Opslaan als concept").last.click()
    first.wait_for_url(url(live_server, "partner:dashboard"))

    second.locator("#id_description").fill("Tweede versie van de beschrijving.")
    second.get_by_role("button", name="Opslaan als concept").last.click()
    second.wait_for_load_state()
    conflict = second.locator(".partner-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Eerste versie van de beschrijving.")
    expect(second.locator("#id_description")).to_have_value(
        "Tweede versie van de beschrijving.")
    assert_no_axe_violations(second)


def test_the_partner_pages_of_work_and_figures_pass_axe(context, live_server, partner_site):
    """Creating an opportunity, the figures page with an error, and the sign-ups list."""
    from decimal import Decimal

    from progress.models import Indicator
    from tests.factories import InitiativeFactory

    initiative = InitiativeFactory(lead_organisation=partner_site["organisation"])
    indicator = Indicator.objects.create(
        spearhead=initiative.spearhead, initiative=initiative, name="Diploma binnen een jaar",
        slug="diploma", explanation="Uitleg.", unit="%", direction="higher", source="Test",
        baseline_value=Decimal("40"), baseline_year=2024)
    page = context.new_page()
    log_in(page, live_server, "fatima@zuidwest.example")
    page.wait_for_url(url(live_server, "partner:dashboard"))
    for name in ("partner:opportunity_create", "partner:signup_list", "partner:figure_list"):
        page.goto(url(live_server, name))
        assert_no_axe_violations(page)
    page.locator(f"#id_cijfer-{indicator.pk}-value").fill("veel")
    page.get_by_role("button", name="Cijfer doorgeven").click()
    expect(page.get_by_text("Voer een getal in.").first).to_be_visible()
    assert_no_axe_violations(page)


def test_the_partner_pages_reflow_at_320_css_pixels(new_context, live_server, partner_site):
    """WCAG 1.4.10 for partners too, with a sign-up that has a long e-mail address."""
    from tests.factories import OpportunityFactory, SignupFactory

    opportunity = OpportunityFactory(organisation=partner_site["organisation"],
                                     accepts_signups=True)
    SignupFactory(opportunity=opportunity,
                  email="een.heel.lang.adres.van.een.bewoner@voorbeeld-buurtorganisatie.example")
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    log_in(page, live_server, "fatima@zuidwest.example")
    page.wait_for_url(url(live_server, "partner:dashboard"))
    for name in ("partner:dashboard", "partner:signup_list", "partner:opportunity_create",
                 "partner:figure_list"):
        page.goto(url(live_server, name))
        widths = document_widths(page)
        assert widths["scroll"] <= widths["client"] == 320, name
