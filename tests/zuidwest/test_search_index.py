"""The search index (zuidwest/search/index.py): kept current on save and delete, also through
the relations a search type reads (a place's name in its activities' entries), after loaddata,
after migrate and by `manage.py rebuild_search_index`. On PostgreSQL: the search's conditions
use the GIN indexes. Runs on both databases."""

import datetime

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from locations.models import Activity, Neighbourhood, Place
from tests.factories import (
    ActivityFactory,
    IdeaFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    OpportunityFactory,
    OrganisationFactory,
    PlaceFactory,
)
from zuidwest.models import SearchEntry
from zuidwest.search import clean_query, index, search_everything, search_types
from zuidwest.search.engine import SearchType, _postgresql_matches
from zuidwest.search.signals import fill_index_after_migrate

pytestmark = pytest.mark.django_db


def found(query, key):
    for group in search_everything(clean_query(query)):
        if group.key == key:
            return [result.title for result in group.results]
    return []


def entry_of(obj, key):
    return SearchEntry.objects.get(search_type=key, object_id=obj.pk)


class TestKeptCurrent:
    def test_saving_a_row_writes_its_folded_entry(self):
        initiative = InitiativeFactory(title="Café Één", summary="Koffie", body="Bij de Melis")
        entry = entry_of(initiative, "initiatives")
        assert entry.title == "cafe een"
        assert entry.text == "cafe een\nkoffie\nbij de melis"

    def test_an_edit_changes_what_finds_the_row(self):
        initiative = InitiativeFactory(title="Moestuin Bouwlust")
        initiative.title = "Speeltuin Bouwlust"
        initiative.save()
        assert found("speeltuin", "initiatives") == ["Speeltuin Bouwlust"]
        assert found("moestuin", "initiatives") == []

    def test_deleting_a_row_removes_its_entry(self):
        initiative = InitiativeFactory(title="Moestuin Bouwlust")
        initiative.delete()
        assert not SearchEntry.objects.filter(search_type="initiatives").exists()

    def test_renaming_a_place_updates_its_activities(self):
        place = PlaceFactory(name="Wijkcentrum Zuiderpark")
        ActivityFactory(title="Koffieochtend", place=place)
        place.name = "Buurthuis Anemoon"
        place.save()
        assert found("anemoon", "activities") == ["Koffieochtend"]
        assert found("zuiderpark", "activities") == []

    def test_renaming_a_neighbourhood_updates_its_places(self):
        neighbourhood = NeighbourhoodFactory(name="Morgenstond")
        PlaceFactory(name="Het Honk", neighbourhood=neighbourhood)
        neighbourhood.name = "Morgenstond-Zuid"
        neighbourhood.save()
        assert "morgenstond-zuid" in entry_of(Place.objects.get(name="Het Honk"), "places").text

    def test_renaming_an_organisation_updates_its_opportunities(self):
        organisation = OrganisationFactory(name="Stichting Oud")
        opportunity = OpportunityFactory(title="Leerwerkplek koken", organisation=organisation)
        organisation.name = "Stichting Nieuw"
        organisation.save()
        text = entry_of(opportunity, "opportunities").text
        assert "stichting nieuw" in text and "stichting oud" not in text

    def test_a_cascade_removes_the_entries_of_the_rows_it_deletes(self):
        place = PlaceFactory(name="Wijkcentrum Zuiderpark")
        ActivityFactory(title="Koffieochtend", place=place)
        place.delete()
        assert not SearchEntry.objects.filter(search_type__in=["places", "activities"]).exists()

    def test_an_entry_does_not_invalidate_the_page_cache(self):
        """The row that changed did; the index's own writes are no second change."""
        from django.db.models.signals import post_save

        assert not post_save.has_listeners(SearchEntry)


class TestOnlyPublicRowsAreFound:
    def test_a_row_that_stops_being_public_is_not_found(self):
        initiative = InitiativeFactory(title="Moestuin Bouwlust")
        assert found("moestuin", "initiatives") == ["Moestuin Bouwlust"]
        initiative.is_published = False
        initiative.save()
        assert found("moestuin", "initiatives") == []

    def test_a_change_without_signals_to_the_public_flag_counts_at_once(self):
        ActivityFactory(title="Koffieochtend")
        Activity.objects.update(is_published=False)
        assert found("koffieochtend", "activities") == []

    def test_an_idea_waiting_for_moderation_is_indexed_but_not_found(self):
        IdeaFactory(title="Bankjes op het plein", moderation="pending")
        assert SearchEntry.objects.filter(search_type="ideas").count() == 1
        assert found("bankjes", "ideas") == []

    def test_an_opportunity_that_closed_is_not_found(self):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        OpportunityFactory(title="Leerwerkplek koken", closes_on=yesterday)
        assert found("koken", "opportunities") == []

    def test_the_total_counts_public_rows_only(self):
        for number in range(3):
            InitiativeFactory(title=f"Moestuin {number}")
        InitiativeFactory(title="Moestuin geheim", is_published=False)
        (group,) = search_everything(clean_query("moestuin"))
        assert group.total == 3


class TestAccentsOnEitherDatabase:
    @pytest.mark.parametrize("query", ["cafe", "CAFE", "Café", "CAFÉ"])
    def test_accents_and_case_do_not_matter_in_any_field(self, query):
        InitiativeFactory(title="Ontmoeting", body="Elke week in het café van de buurt.")
        assert found(query, "initiatives") == ["Ontmoeting"]


class TestBulkChanges:
    def test_bulk_create_needs_a_rebuild_which_the_command_does(self):
        Place.objects.bulk_create([PlaceFactory.build(
            name="Buurtkamer Anemoon", neighbourhood=NeighbourhoodFactory())])
        assert found("anemoon", "places") == []
        call_command("rebuild_search_index", verbosity=0)
        assert found("anemoon", "places") == ["Buurtkamer Anemoon"]

    def test_the_command_rebuilds_one_type_when_asked(self, capsys):
        InitiativeFactory(title="Moestuin")
        SearchEntry.objects.all().delete()
        call_command("rebuild_search_index", "initiatives")
        assert "initiatives: 1 rows" in capsys.readouterr().out
        assert found("moestuin", "initiatives") == ["Moestuin"]

    def test_the_command_refuses_an_unknown_type(self):
        with pytest.raises(CommandError, match="plekken"):
            call_command("rebuild_search_index", "plekken")

    def test_a_rebuild_drops_the_entries_of_rows_that_are_gone(self):
        initiative = InitiativeFactory(title="Moestuin")
        SearchEntry.objects.create(search_type="initiatives", object_id=initiative.pk + 1,
                                   title="weg", text="weg")
        assert index.rebuild(search_types.get("initiatives")) == 1
        assert list(SearchEntry.objects.filter(search_type="initiatives")
                    .values_list("object_id", flat=True)) == [initiative.pk]


class TestAfterMigrateAndLoaddata:
    def test_migrate_fills_the_types_whose_entries_are_missing(self):
        InitiativeFactory(title="Moestuin")
        PlaceFactory(name="Buurtkamer")
        SearchEntry.objects.filter(search_type="initiatives").delete()
        assert index.fill_missing(search_types) == ["initiatives"]
        assert found("moestuin", "initiatives") == ["Moestuin"]
        assert index.fill_missing(search_types) == []

    def test_the_post_migrate_step_fills_only_after_a_migrate(self):
        InitiativeFactory(title="Moestuin")
        SearchEntry.objects.all().delete()
        fill_index_after_migrate(sender=None, using="default", verbosity=0)  # a flush: no plan
        assert not SearchEntry.objects.exists()
        fill_index_after_migrate(sender=None, using="default", plan=[], verbosity=0)
        assert found("moestuin", "initiatives") == ["Moestuin"]

    def test_loaddata_indexes_rows_whatever_their_order(self, tmp_path):
        """loaddata saves raw and may load an activity before its place: the place's save
        then writes the activity's entry."""
        place = PlaceFactory(name="Buurthuis Anemoon",
                             neighbourhood=NeighbourhoodFactory(name="Rustenburg"))
        activity = ActivityFactory(title="Koffieochtend", place=place)
        fixture = tmp_path / "rows.json"
        fixture.write_text(serializers.serialize(
            "json", [activity, place, place.neighbourhood]))
        Activity.objects.all().delete()
        Place.objects.all().delete()
        Neighbourhood.objects.all().delete()
        assert not SearchEntry.objects.exists()
        call_command("loaddata", str(fixture), verbosity=0)
        assert "buurthuis anemoon" in entry_of(activity, "activities").text
        assert "rustenburg" in entry_of(place, "places").text
        assert found("anemoon", "activities") == ["Koffieochtend"]


def test_after_loading_the_fixtures_as_make_setup_does_the_index_is_complete():
    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)

    def entries():
        return set(SearchEntry.objects.values_list("search_type", "object_id", "title", "text"))

    loaded = entries()
    assert {key for key, *_rest in loaded} == {search_type.key for search_type in search_types}
    call_command("rebuild_search_index", verbosity=0)
    assert entries() == loaded


def test_the_index_refuses_a_path_it_cannot_follow():
    with pytest.raises(ValueError, match="activities"):
        index.related_paths(SearchType(
            key="test-places", position=99, label="", list_url_name="", list_label="",
            public_queryset=Place.objects.all, title_field="name",
            weighted_fields={"name": "A", "activities__title": "C"}, snippet=str))


def test_search_queries_do_not_grow_with_the_data(client):
    """The same number of queries with 3 and with 30 matching rows of every type."""

    def make(count, start):
        for number in range(start, start + count):
            place = PlaceFactory(name=f"Anemoon plek {number}")
            ActivityFactory(title=f"Anemoon activiteit {number}", place=place)
            InitiativeFactory(title=f"Anemoon initiatief {number}")
            IdeaFactory(title=f"Anemoon idee {number}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("site:search"), {"q": "anemoon"})
        assert len(response.context["answer"].groups) == 4
        return len(captured)

    make(3, start=0)
    few = queries()
    make(27, start=3)
    assert queries() == few


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's.")
def test_the_conditions_can_use_the_gin_indexes():
    """The search's conditions on an entry are ones the GIN indexes of the vector and of the
    title answer. On a test's few rows the planner rightly reads the table or takes the
    (type, id) index; at ten times the data it takes these (docs/operations/performance.md)."""
    ActivityFactory(title="Koffieochtend")
    matches, _order = _postgresql_matches(SearchEntry.objects.all(), clean_query("koffie"))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matches.explain()
    assert "Bitmap Index Scan on zuidwest_searchentry_document" in plan, plan
    assert "Bitmap Index Scan on zuidwest_searchentry_title_trgm" in plan, plan
