"""Fragments kept in the cache (agenda items, place cards) are never stale: their key holds
the page cache's generation, and everything they show that is not content."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.options import ModelAdmin
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from locations.models import Activity, Occurrence, Place
from locations.occurrences import refresh_occurrences
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    PlaceFactory,
    ProgrammeFactory,
    SpearheadFactory,
)
from zuidwest.admin_site.changelist import QuickActionCheckbox
from zuidwest.caching import content_changed
from zuidwest.models import ProgrammeOffice
from zuidwest.ui import widgets

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def logged_in(client, django_user_model):
    """A visitor with a session: never served from the page cache, so what is measured here
    is the fragment cache alone."""
    client.force_login(django_user_model.objects.create_user("lezer", "lezer@example.org"))
    return client


@pytest.fixture
def at(monkeypatch):
    def set_now(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))
    set_now(NOW)
    return set_now


def an_activity(title="Taalcafé", start=(14, 0), end=(16, 0)):
    activity = ActivityFactory(title=title, recurrence="once", start_date=NOW.date(),
                               start_time=datetime.time(*start), end_time=datetime.time(*end))
    refresh_occurrences(Activity.objects.all(), today=NOW.date())
    return activity


def agenda(client):
    response = client.get(reverse("locations:agenda_today"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_agenda_item_is_served_from_the_cache_until_content_changes(logged_in, at):
    activity = an_activity()
    assert "Taalcafé" in agenda(logged_in)

    # A change that sends no signal and does not say so: the stored item is shown, which
    # proves the item comes from the cache ...
    Activity.objects.filter(pk=activity.pk).update(title="Praatcafé")
    assert "Taalcafé" in agenda(logged_in)
    # ... and once the change is announced, as every bulk change must, it is shown at once.
    content_changed()
    assert "Praatcafé" in agenda(logged_in)


def test_saving_an_activity_or_its_place_shows_the_change_at_once(logged_in, at):
    activity = an_activity()
    agenda(logged_in)
    activity.title = "Samen koken"
    activity.save()
    assert "Samen koken" in agenda(logged_in)
    place = activity.place
    place.name = "Wijkcentrum De Hoek"
    place.save()
    assert "Wijkcentrum De Hoek" in agenda(logged_in)


def test_an_agenda_item_follows_the_clock_without_a_content_change(logged_in, at):
    an_activity(start=(14, 0), end=(16, 0))
    assert "Nu bezig" not in agenda(logged_in)
    at(NOW.replace(hour=15))
    assert "Nu bezig" in agenda(logged_in)
    at(NOW.replace(hour=17))
    html = agenda(logged_in)
    assert "Nu bezig" not in html and "Afgelopen" in html


def test_a_page_from_cached_items_is_the_page_from_fresh_ones(at, settings):
    settings.PAGE_CACHE_SECONDS = 0  # no whole pages from the cache: only the items
    an_activity()
    an_activity(title="Koffieochtend", start=(9, 0), end=(10, 0))
    fresh = agenda(Client())  # the first visit renders the items and stores them
    assert cache_has_items()
    assert agenda(Client()) == fresh  # the second takes them from the cache


def cache_has_items():
    # Django's {% cache %} uses the "template_fragments" cache: this process's memory.
    return any("agenda-item" in key for key in caches["template_fragments"]._cache)


def test_a_place_card_follows_the_clock_and_content(logged_in, at):
    place = PlaceFactory(name="Buurtkamer De Linde")
    place.opening_hours.create(weekday=NOW.weekday(), opens=datetime.time(13),
                               closes=datetime.time(17))
    url = reverse("locations:place_list")
    assert "Gesloten, opent vandaag om 13:00" in logged_in.get(url).content.decode()
    at(NOW.replace(hour=14))  # no content change: the status alone makes a new card
    assert "Nu open, tot 17:00" in logged_in.get(url).content.decode()
    Place.objects.filter(pk=place.pk).update(name="Buurtkamer De Eik")
    content_changed()
    assert "Buurtkamer De Eik" in logged_in.get(url).content.decode()


def test_the_place_page_follows_the_clock_and_content(logged_in, at):
    place = PlaceFactory(name="Buurtkamer De Linde")
    place.opening_hours.create(weekday=NOW.weekday(), opens=datetime.time(13),
                               closes=datetime.time(17))
    url = place.get_absolute_url()
    first = logged_in.get(url).content.decode()
    assert "Gesloten, opent vandaag om 13:00" in first
    assert 'action="/volgen/"' in first and "csrfmiddlewaretoken" not in first
    # Directions show in the content only (the description is in the JSON-LD too).
    Place.objects.filter(pk=place.pk).update(directions="Stil veranderd")
    assert "Stil veranderd" not in logged_in.get(url).content.decode()  # from the cache
    at(NOW.replace(hour=14))  # a new minute: built again
    html = logged_in.get(url).content.decode()
    assert "Nu open, tot 17:00" in html and "Stil veranderd" in html
    place.directions = "Opgeslagen"
    place.save()
    assert "Opgeslagen" in logged_in.get(url).content.decode()


def test_the_home_page_follows_the_clock_and_content(logged_in, at):
    place = PlaceFactory(name="Buurtkamer De Linde")
    place.opening_hours.create(weekday=NOW.weekday(), opens=datetime.time(13),
                               closes=datetime.time(17))
    an_activity(title="Taalcafé", start=(14, 0), end=(16, 0))
    home = reverse("site:home")
    html = logged_in.get(home).content.decode()
    assert "Nu is er geen plek open." in html and "Taalcafé" in html
    at(NOW.replace(hour=14))
    html = logged_in.get(home).content.decode()
    assert "Nu is 1 plek open" in html and "Nu bezig" in html
    at(NOW.replace(hour=16, minute=30))
    assert "Vandaag staat er niets meer op de agenda." in logged_in.get(home).content.decode()
    spearhead = SpearheadFactory(name="Gezond opgroeien")
    assert "Gezond opgroeien" in logged_in.get(home).content.decode()
    spearhead.name = "Samen gezond"
    spearhead.save()
    assert "Samen gezond" in logged_in.get(home).content.decode()


def test_the_neighbourhood_page_follows_the_clock_and_content(logged_in, at):
    place = PlaceFactory(name="Buurtkamer De Linde")
    place.opening_hours.create(weekday=NOW.weekday(), opens=datetime.time(13),
                               closes=datetime.time(17))
    url = place.neighbourhood.get_absolute_url()
    assert "Nu is er geen plek open in deze wijk." in logged_in.get(url).content.decode()
    at(NOW.replace(hour=14))
    assert "Nu is er geen plek open" not in logged_in.get(url).content.decode()
    place.name = "Buurtkamer De Eik"
    place.save()
    assert "Buurtkamer De Eik" in logged_in.get(url).content.decode()


def test_cached_lists_and_filters_follow_the_address(logged_in, at):
    linde = PlaceFactory(name="Buurtkamer De Linde", free_entry=True)
    PlaceFactory(name="Sporthal Zuidwest", free_entry=False)
    places = reverse("locations:place_list")
    every = logged_in.get(places).content.decode()
    free = logged_in.get(places + "?free_entry=on").content.decode()
    assert "Sporthal Zuidwest" in every and "Sporthal Zuidwest" not in free
    assert re.search(r'name="free_entry"[^>]*checked', free)
    assert not re.search(r'name="free_entry"[^>]*checked', every)
    # The agenda's place filter lists every published place, and shows the one chosen.
    an_activity(title="Taalcafé")
    agenda_url = reverse("locations:agenda_today")
    chosen = logged_in.get(f"{agenda_url}?place={linde.slug}").content.decode()
    assert re.search(rf'<option value="{linde.slug}" selected>', chosen)
    assert not re.search(rf'<option value="{linde.slug}" selected>', agenda(logged_in))
    PlaceFactory(name="Wijkcentrum Nieuw")
    assert "Wijkcentrum Nieuw" in agenda(logged_in)


def found(client, url):
    """The count a list page says ("3 plekken gevonden", "2 activiteiten")."""
    html = client.get(url).content.decode()
    return int(re.search(r'id="resultaten">(\d+) ', html).group(1))


@pytest.mark.parametrize("url_name", ["locations:place_list", "locations:agenda_today"])
def test_a_list_s_count_is_remembered_until_content_address_or_minute_change(
        logged_in, at, url_name):
    for hour in (9, 10):
        an_activity(title=f"Activiteit {hour}", start=(hour, 0), end=(22, 0))
    url = reverse(url_name)
    counted = 2  # two places, two activities today
    assert found(logged_in, url) == counted
    # One hidden without announcing it: the count still says two, which proves it came from
    # the cache ...
    Place.objects.filter(pk=Place.objects.first().pk).update(is_published=False)
    Occurrence.objects.filter(activity__title="Activiteit 9").update(is_listed=False)
    assert found(logged_in, url) == counted
    # ... another address (a page number, a filter) is counted for itself ...
    assert found(logged_in, url + "?pagina=1") == counted - 1
    # ... as is the next minute (the agenda's "still to come" and "Nu open" follow the clock)
    at(NOW + datetime.timedelta(minutes=1))
    assert found(logged_in, url) == counted - 1
    at(NOW)
    assert found(logged_in, url) == counted
    content_changed()
    assert found(logged_in, url) == counted - 1


def test_a_bad_filter_value_gets_its_message_from_the_cache_too(logged_in, at):
    url = reverse("locations:agenda_today") + "?place=bestaat-niet"
    for _ in range(2):
        assert "Deze keuze kennen we niet" in logged_in.get(url).content.decode()


def test_a_search_answer_follows_the_words_and_content(logged_in, at):
    place = PlaceFactory(name="Buurtkamer De Linde")
    PlaceFactory(name="Sporthal Zuidwest")
    url = reverse("site:search")
    assert "Buurtkamer De Linde" in logged_in.get(url + "?q=linde").content.decode()
    assert "Buurtkamer De Linde" not in logged_in.get(url + "?q=sporthal").content.decode()
    Place.objects.filter(pk=place.pk).update(description="Stil veranderd")
    assert "Stil veranderd" not in logged_in.get(url + "?q=linde").content.decode()
    place.name = "Buurtkamer De Eik"
    place.save()
    html = logged_in.get(url + "?q=buurtkamer").content.decode()
    assert "Buurtkamer De Eik" in html and "Buurtkamer De Linde" not in html


# --- the same HTML as Django's templates -----------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "a&b", "y", 3, "3"])
@pytest.mark.parametrize("attrs", [None, {"class": "utrecht-select", "required": True,
                                          "disabled": False, "aria-describedby": "x_helptext"}])
def test_the_select_writes_what_django_s_select_writes(value, attrs):
    choices = [("", "Alle <plekken>"), ("a&b", "A & B"), ("Groep", [("x", "X"), ("y", 'Y"')]),
               (3, "drie")]
    assert (widgets.Select(choices=choices).render("place", value, attrs)
            == forms.Select(choices=choices).render("place", value, attrs))


def test_the_select_is_styled_as_a_select():
    field = forms.Form()
    field.fields["place"] = forms.ChoiceField(choices=[("a", "A")], widget=widgets.Select)
    assert field["place"].widget_type == "select"  # nlds/field.html: utrecht-form-field--select


def test_the_quick_action_checkbox_writes_what_django_writes():
    organisation = OrganisationFactory(name='Stichting "Samen" & Co <Zuidwest>')
    django_admin = ModelAdmin(type(organisation), None)
    quick = type("Quick", (QuickActionCheckbox, ModelAdmin), {})(type(organisation), None)
    assert quick.action_checkbox(organisation) == django_admin.action_checkbox(organisation)
    assert helpers.ACTION_CHECKBOX_NAME in quick.action_checkbox(organisation)


def test_a_preview_never_shares_a_fragment_with_the_published_page():
    from django.core.cache import cache
    from django.template import Context, Template

    from zuidwest.caching.invalidation import GENERATION_KEY

    cache.set(GENERATION_KEY, "gen-1")
    template = Template("{% load fragments %}{% page_generation as g %}{{ g }}")
    published = template.render(Context({}))
    previews = {template.render(Context({"preview": True})) for _ in range(2)}

    assert published == "gen-1"
    assert len(previews) == 2 and "gen-1" not in previews


def test_the_footer_s_contact_details_follow_content(logged_in):
    office = ProgrammeOffice.objects.create(programme=ProgrammeFactory(),
                                            email="bureau@zuidwest.example")
    url = reverse("site:about")
    assert "bureau@zuidwest.example" in logged_in.get(url).content.decode()
    ProgrammeOffice.objects.filter(pk=office.pk).update(email="post@zuidwest.example")
    assert "bureau@zuidwest.example" in logged_in.get(url).content.decode()  # from the cache
    office.refresh_from_db()
    office.email = "info@zuidwest.example"
    office.save()
    assert "info@zuidwest.example" in logged_in.get(url).content.decode()


def test_with_a_cache_that_fails_pages_are_built_afresh(logged_in, settings, caplog):
    """Production's cache fails open (zuidwest.caching.backends); with one that raises, the
    pages are built without it."""
    ProgrammeOffice.objects.create(programme=ProgrammeFactory(), email="bureau@zuidwest.example")
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers there
    }}
    for url in (reverse("site:home"), reverse("locations:place_list"),
                reverse("locations:agenda_today")):
        response = logged_in.get(url)
        assert response.status_code == 200
    assert "bureau@zuidwest.example" in response.content.decode()
    assert "Page generation not read: the cache could not be reached." in caplog.messages


def test_a_process_reads_the_generation_at_most_once_a_second(logged_in, at, settings,
                                                              monkeypatch):
    """As it keeps the pages it served (test_page_cache_real_use.py): a change announced by
    another process shows here within PAGE_CACHE_LOCAL_SECONDS, one made here at once."""
    from zuidwest.caching import invalidation

    settings.PAGE_CACHE_LOCAL_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(invalidation.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(invalidation, "_generation_read_until", 0.0)
    activity = an_activity()
    assert "Taalcafé" in agenda(logged_in)
    Activity.objects.filter(pk=activity.pk).update(title="Praatcafé")
    cache.set(invalidation.GENERATION_KEY, "from-another-process")
    clock[0] += 0.5
    assert "Taalcafé" in agenda(logged_in)  # within the second: the generation read before
    clock[0] += 0.6
    assert "Praatcafé" in agenda(logged_in)
    Activity.objects.filter(pk=activity.pk).update(title="Samen koken")
    content_changed()  # made here: shown at once
    assert "Samen koken" in agenda(logged_in)
