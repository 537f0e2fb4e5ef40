"""The Alliantieraad pages say what each body is and who is in it, also when its members are
not listed as organisations on the site (the programme names no members, or they are people)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from alliances.models import Alliance
from tests.factories import AllianceFactory, InitiativeFactory, MembershipFactory

pytestmark = pytest.mark.django_db

NOT_LISTED = "Er staan nog geen leden op deze site."


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_card_shows_the_kind_and_summary_and_no_count_of_listed_organisations(client):
    alliance = AllianceFactory(name="Alliantie Samen", member_count_stated=35,
                               summary="35 organisaties werken samen aan contact.")
    InitiativeFactory(alliance=alliance)
    html = html_of(client, reverse("alliances:alliance_list"))
    assert '<p class="card__meta">Alliantie</p>' in html
    assert "35 organisaties werken samen aan contact." in html
    assert "op deze site" not in html
    assert "1 initiatief" in html


def test_a_body_without_listed_members_says_who_is_in_it(client):
    council = AllianceFactory(
        name="Partnerraad Zuidwest", kind=Alliance.Kind.PARTNER_COUNCIL,
        members_description="Betrokken mensen die in Zuidwest wonen of werken.")
    html = html_of(client, council.get_absolute_url())
    assert "De Partnerraad is een van de leden van de Alliantieraad Den Haag Zuidwest" in html
    assert "Wie zitten erin?" in html
    assert "<p>Betrokken mensen die in Zuidwest wonen of werken.</p>" in html
    assert NOT_LISTED not in html


def test_stated_members_of_which_some_are_listed_say_how_many_are_here(client):
    alliance = AllianceFactory(member_count_stated=35, members_description="35 organisaties.")
    for name in ("Buurthuis Zuid", "Wijkvereniging Noord"):
        MembershipFactory(alliance=alliance, organisation__name=name)
    html = html_of(client, alliance.get_absolute_url())
    assert "Een alliantie is een groep organisaties die samenwerken aan één thema." in html
    assert "Van de 35 leden staan er 2 op deze site:" in html
    assert "Buurthuis Zuid" in html and "Wijkvereniging Noord" in html


def test_listed_members_beside_a_description_are_introduced_as_pages_here(client):
    alliance = AllianceFactory(members_description="Scholen en de gemeente.")
    MembershipFactory(alliance=alliance, organisation__name="ROC Mondriaan")
    html = html_of(client, alliance.get_absolute_url())
    assert "Deze leden hebben een eigen pagina op deze site:" in html


def test_a_body_with_neither_members_nor_a_description_says_none_are_listed(client):
    html = html_of(client, AllianceFactory(kind=Alliance.Kind.MUNICIPALITY).get_absolute_url())
    assert "De gemeente Den Haag is een van de leden van de Alliantieraad" in html
    assert NOT_LISTED in html


def test_every_body_of_the_programme_says_what_it_is_and_who_is_in_it(client):
    call_command("loaddata", "fixtures/programme.json", verbosity=0)
    bodies = Alliance.objects.all()
    assert bodies.count() == 8
    for body in bodies:
        html = html_of(client, body.get_absolute_url())
        assert body.description and body.members_description, body.slug
        assert NOT_LISTED not in html, body.slug
    social = Alliance.objects.get(slug="sociale-samenhang-participatie")
    assert social.members_description.startswith("35 organisaties.")
    listing = html_of(client, reverse("alliances:alliance_list"))
    assert "0 organisaties" not in listing
