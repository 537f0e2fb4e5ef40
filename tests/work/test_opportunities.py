"""Opportunities (kansen) at /werk-en-leren/: the model's rules, the list and its filters,
closing dates, the page with its JSON-LD, the guided finder and search."""

import datetime
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ActivityFactory,
    NeighbourhoodFactory,
    OpportunityFactory,
    PlaceFactory,
)
from work.models import Opportunity

pytestmark = pytest.mark.django_db

LIST_URL = "/werk-en-leren/"


def today():
    return timezone.localdate()


def titles(response):
    return [opportunity.title for opportunity in response.context["opportunities"]]


def json_ld(response):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>',
                      response.content.decode(), re.S)
    return json.loads(match.group(1)) if match else None


# --- the model ----------------------------------------------------------------------------------


def test_the_steps_to_apply_are_the_lines_without_list_marks():
    opportunity = OpportunityFactory.build(how_to_apply="1. Bel Fatima.\n\n- Kom langs\n  3) Teken")
    assert opportunity.apply_steps == ["Bel Fatima.", "Kom langs", "Teken"]


def test_a_card_leads_with_pay_hours_diploma_and_closing_date():
    opportunity = OpportunityFactory.build(closes_on=datetime.date(2027, 1, 12))
    assert opportunity.key_facts(today=datetime.date(2026, 12, 1)) == [
        "Betaald", "24 uur per week", "zonder diploma", "sluit 12 januari"]


def test_ages_must_be_in_order_in_the_form_and_in_the_database():
    opportunity = OpportunityFactory.build(age_from=30, age_to=20,
                                           organisation=OpportunityFactory().organisation)
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean(exclude=["place", "slug"])
    assert "age_to" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        OpportunityFactory(age_from=30, age_to=20)


def test_someone_must_be_able_to_get_in_touch():
    opportunity = OpportunityFactory(contact_phone="", contact_email="")
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean()
    assert "contact_phone" in error.value.message_dict
    opportunity.information_activity = ActivityFactory()
    opportunity.full_clean()


def test_without_steps_to_apply_it_cannot_be_saved():
    with pytest.raises(IntegrityError), transaction.atomic():
        OpportunityFactory(how_to_apply="")


def test_the_neighbourhood_follows_the_place_unless_chosen():
    place = PlaceFactory()
    assert OpportunityFactory(place=place).shown_neighbourhood == place.neighbourhood
    other = NeighbourhoodFactory()
    assert OpportunityFactory(place=place, neighbourhood=other).shown_neighbourhood == other


def test_moving_to_another_place_moves_to_its_neighbourhood(client):
    opportunity = OpportunityFactory(title="Verhuisd")
    elsewhere = PlaceFactory(neighbourhood=NeighbourhoodFactory(name="Bouwlust",
                                                                 slug="bouwlust"))
    opportunity.place = elsewhere
    opportunity.save()
    opportunity.refresh_from_db()
    assert opportunity.shown_neighbourhood == elsewhere.neighbourhood
    assert titles(client.get(LIST_URL, {"neighbourhood": "bouwlust"})) == ["Verhuisd"]


# --- the list and its filters -------------------------------------------------------------------


def test_the_list_shows_open_published_opportunities_only(client):
    OpportunityFactory(title="Open")
    OpportunityFactory(title="Sluit vandaag", closes_on=today())
    OpportunityFactory(title="Gesloten", closes_on=today() - datetime.timedelta(days=1))
    OpportunityFactory(title="Concept", is_published=False)
    assert sorted(titles(client.get(LIST_URL))) == ["Open", "Sluit vandaag"]


def test_filters_combine_and_live_in_the_url(client):
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    OpportunityFactory(title="Past", place=PlaceFactory(neighbourhood=moerwijk))
    OpportunityFactory(title="Andere wijk")
    OpportunityFactory(title="Te oud", age_from=30, age_to=None,
                       place=PlaceFactory(neighbourhood=moerwijk))
    OpportunityFactory(title="Diploma nodig", no_diploma_needed=False,
                       place=PlaceFactory(neighbourhood=moerwijk))
    OpportunityFactory(title="Onbetaald", pay="onbetaald",
                       place=PlaceFactory(neighbourhood=moerwijk))
    OpportunityFactory(title="Fulltime", hours_per_week=38,
                       place=PlaceFactory(neighbourhood=moerwijk))
    OpportunityFactory(title="Stage", kind="stage", place=PlaceFactory(neighbourhood=moerwijk))

    response = client.get(LIST_URL, {
        "kind": ["leerwerkplek", "baan"], "neighbourhood": "moerwijk", "age": "19",
        "no_diploma": "on", "paid": "on", "hours": "16-32"})

    assert titles(response) == ["Past"]
    assert response.context["filter_form"].active_filters == [
        ("Wat zoek je?", "leerwerkplek, baan"), ("Wijk", moerwijk), ("Je leeftijd", 19),
        ("Zonder diploma", ""), ("Alleen betaald werk", ""),
        ("Uren per week", "17 tot 32 uur per week")]


@pytest.mark.parametrize("age, shown", [
    ("17", ["Zonder grenzen"]), ("18", ["18 tot 27", "Zonder grenzen"]),
    ("27", ["18 tot 27", "Zonder grenzen"]), ("28", ["Zonder grenzen"])])
def test_the_age_filter_includes_both_limits(client, age, shown):
    OpportunityFactory(title="18 tot 27", age_from=18, age_to=27)
    OpportunityFactory(title="Zonder grenzen", age_from=None, age_to=None)
    assert sorted(titles(client.get(LIST_URL, {"age": age}))) == shown


def test_bad_filter_values_get_a_polite_message_and_are_left_out(client):
    OpportunityFactory(title="Open")
    response = client.get(LIST_URL, {"kind": "nope", "age": "-3", "hours": "veel",
                                     "neighbourhood": "atlantis"})
    assert response.status_code == 200
    assert titles(response) == ["Open"]
    html = response.content.decode()
    assert "Deze keuze kennen we niet. We laten dit filter weg." in html
    assert "Vul een leeftijd in vanaf 12 jaar." in html


def test_the_list_costs_the_same_queries_with_ten_times_the_opportunities(client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST_URL).status_code == 200
        return len(queries)

    for _ in range(3):
        OpportunityFactory()
    small = count()
    for _ in range(27):
        OpportunityFactory()
    assert count() == small


# --- the page ----------------------------------------------------------------------------------


def test_the_page_says_how_to_apply_in_numbered_steps(client):
    opportunity = OpportunityFactory(how_to_apply="Bel Fatima.\nKom dinsdag langs.")
    html = client.get(opportunity.get_absolute_url()).content.decode()
    steps = re.search(r'<ol class="utrecht-ordered-list opportunity-steps">(.*?)</ol>', html, re.S)
    assert re.findall(r"<li[^>]*>(.*?)</li>", steps.group(1)) == [
        "Bel Fatima.", "Kom dinsdag langs."]
    assert "Zo meld je je aan" in html
    assert 'href="tel:0700000000"' in html


def test_a_closed_opportunity_says_so_and_points_to_similar_open_ones(client):
    closed = OpportunityFactory(title="Gesloten plek", closes_on=datetime.date(2026, 1, 9))
    OpportunityFactory(title="Nog open", kind="leerwerkplek")
    OpportunityFactory(title="Andere soort", kind="stage")

    response = client.get(closed.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanmelden kan niet meer. Deze kans is gesloten sinds 9 januari 2026." in html
    assert [o.title for o in response.context["similar"]] == ["Nog open"]
    assert "Zo meld je je aan" not in html
    assert json_ld(response) is None  # search engines should not list it any more


def test_an_unpublished_opportunity_is_not_found(client):
    assert client.get(OpportunityFactory(is_published=False).get_absolute_url()).status_code == 404


def test_work_is_a_job_posting_with_what_search_engines_require(client):
    opportunity = OpportunityFactory(closes_on=today() + datetime.timedelta(days=30))
    data = json_ld(client.get(opportunity.get_absolute_url()))
    assert data["@type"] == "JobPosting"
    for required in ("title", "description", "datePosted", "hiringOrganization", "jobLocation"):
        assert data[required], required
    assert data["hiringOrganization"]["name"] == opportunity.organisation.name
    address = data["jobLocation"]["address"]
    assert address["postalCode"] == opportunity.place.postcode and address["addressCountry"] == "NL"
    assert datetime.datetime.fromisoformat(data["validThrough"]).date() == opportunity.closes_on
    assert data["employmentType"] == "PART_TIME"
    datetime.date.fromisoformat(data["datePosted"])


def test_training_is_an_educational_programme(client):
    opportunity = OpportunityFactory(kind="opleiding", starts_on=datetime.date(2027, 2, 1),
                                     closes_on=today() + datetime.timedelta(days=10))
    data = json_ld(client.get(opportunity.get_absolute_url()))
    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["provider"]["name"] == opportunity.organisation.name
    assert data["startDate"] == "2027-02-01"
    assert data["applicationDeadline"] == opportunity.closes_on.isoformat()


def test_json_ld_cannot_end_its_script_element(client):
    opportunity = OpportunityFactory(title="</script><script>alert(1)</script>")
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(client.get(opportunity.get_absolute_url()))["title"] == opportunity.title


def test_walk_in_hours_come_with_a_calendar_link(client):
    activity = ActivityFactory(title="Inloopspreekuur werk")
    opportunity = OpportunityFactory(information_activity=activity)
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert reverse("locations:activity_calendar", kwargs={"slug": activity.slug}) in html
    activity_html = client.get(activity.get_absolute_url()).content.decode()
    assert opportunity.get_absolute_url() in activity_html


# --- the guided finder -------------------------------------------------------------------------


def finder(step):
    return reverse("work:opportunity_finder", kwargs={"step": step})


def test_three_questions_end_on_a_filtered_list(client):
    response = client.get(finder(1), {"age": "19", "verder": "1"})
    assert response.status_code == 302 and response["Location"] == finder(2) + "?age=19"
    response = client.get(finder(2), {"age": "19", "diploma": "nee", "verder": "1"})
    assert response["Location"] == finder(3) + "?age=19&diploma=nee"
    response = client.get(finder(3), {"age": "19", "diploma": "nee", "wish": "geld",
                                      "verder": "1"})
    location = urlsplit(response["Location"])
    assert location.path == LIST_URL
    assert parse_qs(location.query) == {"age": ["19"], "no_diploma": ["on"], "paid": ["on"],
                                        "wish": ["geld"]}


def test_going_back_keeps_the_answers(client):
    response = client.get(finder(3), {"age": "19", "diploma": "nee"})
    assert response.context["back_url"] == finder(2) + "?age=19&diploma=nee"
    back = client.get(response.context["back_url"])
    html = back.content.decode()
    assert re.search(r'value="nee"[^>]*checked', html) or re.search(
        r'checked[^>]*value="nee"', html)
    assert '<input type="hidden" name="age" value="19">' in html


def test_a_wrong_answer_is_asked_again_politely(client):
    response = client.get(finder(1), {"age": "negentien", "verder": "1"})
    assert response.status_code == 200
    assert "Vul je leeftijd in met cijfers, bijvoorbeeld 19." in response.content.decode()


def test_a_changed_earlier_answer_is_asked_again(client):
    response = client.get(finder(3), {"age": "oud", "diploma": "ja", "wish": "vak",
                                      "verder": "1"})
    assert response["Location"] == finder(1) + "?age=oud&diploma=ja&wish=vak"


def test_the_finder_works_without_questions_asked_yet(client):
    assert client.get(finder(1)).status_code == 200
    assert client.get(finder(7))["Location"] == finder(1)


# --- finding it ----------------------------------------------------------------------------------


@pytest.fixture
def demo_data(db):
    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)


@pytest.mark.parametrize("word", ["stage", "werk", "baan", "opleiding", "diploma"])
def test_search_finds_opportunities_in_the_demo_data(client, demo_data, word):
    response = client.get(reverse("site:search"), {"q": word})
    groups = {group.key: group for group in response.context["answer"].groups}
    assert "opportunities" in groups, word
    assert groups["opportunities"].total >= 1


def test_the_demo_data_covers_every_kind_and_neighbourhood(demo_data):
    demo = Opportunity.objects.filter(is_demo=True)
    assert demo.count() >= 15
    assert {o.kind for o in demo} == set(Opportunity.Kind.values)
    assert len({o.shown_neighbourhood for o in demo}) == 4


def test_the_home_page_leads_to_work_and_learning(client):
    OpportunityFactory()
    html = client.get("/").content.decode()
    assert finder(1) in html and LIST_URL in html


def test_the_partner_routes_come_from_the_registered_page_kind():
    assert reverse("partner:opportunity_create") == "/partner/kansen/nieuw/"
    assert reverse("partner:opportunity_edit", kwargs={"pk": 7}) == "/partner/kansen/7/bewerken/"
