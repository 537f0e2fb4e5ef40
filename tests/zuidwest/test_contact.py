"""The contact page, the programme office in the footer of every page, and the feedback route
("Klopt er iets niet op deze pagina?") as a mailto link with the page's address."""

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.factories import InvitationFactory, PlaceFactory, ProgrammeFactory
from zuidwest.models import ProgrammeOffice

pytestmark = pytest.mark.django_db

CONTACT_URL = reverse("site:contact")


@pytest.fixture
def office():
    return ProgrammeOffice.objects.create(
        programme=ProgrammeFactory(), email="bureau@zuidwest.example", phone="070 123 45 67",
        visiting_address="Leyweg 1\n2545 GH Den Haag",
        opening_hours="Maandag tot en met vrijdag van 9.00 tot 17.00 uur.",
    )


def mailto_of(html):
    start = html.index('href="mailto:bureau@zuidwest.example?') + len('href="')
    return urlsplit(html[start:html.index('"', start)].replace("&amp;", "&"))


def test_the_contact_page_gives_the_offices_email_phone_hours_and_address(client, office):
    html = client.get(CONTACT_URL).content.decode()
    assert '<a class="utrecht-link" href="mailto:bureau@zuidwest.example">' in html
    assert '<a class="utrecht-link" href="tel:+31701234567">070 123 45 67</a>' in html
    assert "Maandag tot en met vrijdag van 9.00 tot 17.00 uur." in html
    assert "Leyweg 1<br>2545 GH Den Haag" in html
    assert "demo-label" not in html


def test_sample_contact_details_are_labelled_as_such(client, office):
    office.is_demo = True
    office.save()
    html = client.get(CONTACT_URL).content.decode()
    assert "Deze contactgegevens zijn een voorbeeld om het portaal te laten zien." in html
    assert html.count("demo-label") == 2  # on the page and in the footer


def test_without_contact_details_the_page_points_to_the_programmes_websites(client):
    ProgrammeFactory(websites=["https://npzw.nl/"])
    html = client.get(CONTACT_URL).content.decode()
    assert "De contactgegevens van het programmabureau staan nog niet op deze site." in html
    assert '<a class="utrecht-link" href="https://npzw.nl/">' in html
    assert "mailto:" not in html and "tel:" not in html


def test_the_real_programme_fixture_invents_no_contact_details_and_the_demo_marks_its_own():
    call_command("loaddata", "fixtures/programme.json", verbosity=0)
    assert not ProgrammeOffice.objects.exists()
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    office = ProgrammeOffice.objects.get()
    assert office.is_demo
    office.full_clean()


@pytest.mark.parametrize(("phone", "uri"), [
    ("070 123 45 67", "tel:+31701234567"),
    ("06-12345678", "tel:+31612345678"),
    ("+31 (0)70 123 45 67", "tel:+31701234567"),
    ("+32 2 123 45 67", "tel:+3221234567"),
])
def test_a_phone_number_becomes_a_link_a_phone_can_dial(phone, uri):
    assert ProgrammeOffice(phone=phone).phone_uri == uri


@pytest.mark.parametrize("phone", ["bel ons", "070", "070 123 45 67 <b>", "0701234567x"])
def test_a_phone_number_that_is_not_one_is_refused_with_a_dutch_message(phone):
    office = ProgrammeOffice(programme=ProgrammeFactory(), phone=phone)
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert error.value.message_dict["phone"] == [
        "Schrijf een telefoonnummer met alleen cijfers, spaties of streepjes, zoals "
        "070 123 45 67 of +31 70 123 45 67."]


def test_every_page_has_the_office_and_the_feedback_link_in_its_footer(client, office):
    place = PlaceFactory()
    for path in [reverse("site:home"), place.get_absolute_url(), "/plekken/?kind=buurtkamer"]:
        html = client.get(path).content.decode()
        footer = html[html.index("<footer"):]
        assert 'href="mailto:bureau@zuidwest.example"' in footer
        assert 'href="tel:+31701234567"' in footer
        assert 'href="/contact/">Contact</a>' in footer
        assert (f'href="/contact/?pagina={quote(path, safe="")}#melden">'
                "Klopt er iets niet op deze pagina?</a>") in footer


def test_a_page_whose_address_holds_a_secret_is_reported_without_it(client, office):
    InvitationFactory(token="geheim-token-123")
    html = client.get(reverse("accounts:invitation_accept",
                              kwargs={"token": "geheim-token-123"})).content.decode()
    footer = html[html.index("<footer"):]
    assert 'href="/contact/#melden">Klopt er iets niet op deze pagina?</a>' in footer
    assert "geheim-token-123" not in footer and "pagina=" not in footer


def test_the_feedback_route_mails_the_office_with_the_pages_address(client, office):
    response = client.get(CONTACT_URL, {"pagina": "/plekken/de-boog/?x=1"})
    html = response.content.decode()
    assert "Je wilt iets melden over deze pagina:" in html
    assert f'href="{django_settings.SITE_URL}/plekken/de-boog/?x=1">' in html

    mailto = mailto_of(html)
    fields = parse_qs(mailto.query)
    assert mailto.path == "bureau@zuidwest.example"
    assert fields["subject"] == ["Er klopt iets niet op een pagina van de website"]
    assert fields["body"] == [f"Pagina: {django_settings.SITE_URL}/plekken/de-boog/?x=1\n\n"
                              "Wat klopt er niet?\n"]
    assert "Mail over deze pagina" in html


def test_without_a_page_the_mail_asks_which_page_it_is_about(client, office):
    html = client.get(CONTACT_URL).content.decode()
    fields = parse_qs(mailto_of(html).query)
    assert fields["subject"] == ["Er klopt iets niet op de website"]
    assert fields["body"] == ["Over welke pagina gaat het?\n\nWat klopt er niet?\n"]


@pytest.mark.parametrize("bad", [
    "https://elders.example/", "//elders.example/pad", "javascript:alert(1)", "plekken/",
    "/\\elders.example", "/plekken/\x00", "/" + "a" * 600,
])
def test_an_address_that_is_not_a_page_of_this_site_is_not_taken_over(client, office, bad):
    response = client.get(CONTACT_URL, {"pagina": bad})
    html = response.content.decode()
    assert response.status_code == 200
    assert "We konden niet zien over welke pagina het gaat." in html
    assert "Je wilt iets melden over deze pagina" not in html
    assert "Pagina:" not in parse_qs(mailto_of(html).query)["body"][0]


def test_the_accessibility_page_and_the_partner_login_link_to_the_contact_page(client, office):
    for name in ["site:accessibility", "accounts:login"]:
        html = client.get(reverse(name)).content.decode()
        main = html[html.index("<main"):html.index("</main>")]
        assert f'href="{CONTACT_URL}"' in main, name


def test_staff_edit_the_contact_details_on_the_programmes_admin_page(client, office):
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory(is_superuser=True))
    html = client.get(reverse("admin:zuidwest_programme_change",
                              args=[office.programme.pk])).content.decode()
    for field in ["email", "phone", "opening_hours", "visiting_address", "is_demo"]:
        assert f'name="office-0-{field}"' in html, field
