"""Site search at /zoeken/: one search over places, activities, initiatives and organisations.

Runs on both databases. PostgreSQL-only behaviour (stemming, accents, typos, ranking) skips on
SQLite; the contains-fallback tests skip on PostgreSQL.
"""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    OpportunityFactory,
    OrganisationFactory,
    PlaceFactory,
)
from zuidwest.search import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_TYPE,
    clean_query,
    search_everything,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Stemming, accent folding, typo tolerance and ranking need PostgreSQL "
    "(run with DATABASE_URL=postgres://...); SQLite uses the simple contains-search.",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="The contains-search fallback is only used on databases other than PostgreSQL.",
)

HOSTILE_QUERIES = [
    "%",
    "_",
    "100%",
    "a_b",
    "'",
    '"',
    '"niet afgesloten',
    "' OR 1=1 --",
    "'; DROP TABLE locations_place; --",
    "<script>alert('x')</script>",
    "!!!???...",
    "&|!:*()",
    "-",
    "or",
    "de het een",
    "\\",
    "\x00",
    "buurt\x00kamer",
    "\x01\x1f\x7f",
    "日本語 🙂 ñ",
    "a" * 5000,
    "woord " * 300,
]


def search(client, query):
    return client.get(reverse("site:search"), {"q": query})


def group_keys(response):
    return [group.key for group in response.context["answer"].groups]


def titles_in(response, key):
    for group in response.context["answer"].groups:
        if group.key == key:
            return [result.title for result in group.results]
    return []


@pytest.fixture
def zonnebloem():
    """One of each type, all with "Zonnebloem" in the title."""
    place = PlaceFactory(name="Buurtkamer De Zonnebloem")
    return {
        "place": place,
        "activity": ActivityFactory(title="Zonnebloem koffieochtend", place=place),
        "initiative": InitiativeFactory(title="Moestuin De Zonnebloem"),
        "organisation": OrganisationFactory(name="Stichting Zonnebloem Zuidwest"),
    }


class TestSearchPage:
    def test_has_a_labelled_search_form_without_javascript(self, client):
        response = search(client, "")
        html = response.content.decode()
        assert response.status_code == 200
        assert 'role="search"' in html
        assert 'type="search"' in html and 'name="q"' in html
        assert '<label class="utrecht-form-label" id="zoekterm-label" for="zoekterm">' in html
        assert "<script" not in html

    def test_empty_query_gives_tips_and_links_to_the_main_lists(self, client):
        response = search(client, "   ")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Tips" in html
        assert reverse("locations:place_list") in html
        assert reverse("locations:agenda_today") in html
        assert reverse("initiatives:initiative_list") in html
        assert "Niets gevonden" not in html

    def test_without_q_at_all_is_the_empty_page(self, client):
        response = client.get(reverse("site:search"))
        assert response.status_code == 200
        assert "Tips" in response.content.decode()

    def test_nonsense_gives_nothing_found_with_tips(self, client, zonnebloem):
        response = search(client, "xqzvbnmkjh")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Niets gevonden voor ‘xqzvbnmkjh’" in html
        assert "goed gespeld" in html
        assert reverse("locations:place_list") in html

    def test_only_punctuation_explains_that_letters_are_needed(self, client, zonnebloem):
        response = search(client, "?!%")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Alleen leestekens kunnen we niet zoeken" in html

    @pytest.mark.parametrize("query", HOSTILE_QUERIES)
    def test_hostile_and_odd_input_never_raises(self, client, zonnebloem, query):
        response = search(client, query)
        assert response.status_code == 200
        assert b"<script>alert" not in response.content

    def test_percent_and_underscore_are_not_wildcards(self, client, zonnebloem):
        for query in ("%", "_", "%%", "__"):
            assert search(client, query).context["answer"].groups == []

    def test_a_very_long_query_is_cut_off_with_a_note(self, client):
        response = search(client, "buurtkamer " * 40)
        assert response.status_code == 200
        # 440 characters cut at 200, in the middle of a word (so nothing to strip).
        assert response.context["query"].text == ("buurtkamer " * 40)[:MAX_QUERY_LENGTH]
        assert len(response.context["query"].text) == MAX_QUERY_LENGTH
        assert "Je zoekvraag was erg lang" in response.content.decode()

    def test_a_normal_query_gets_no_length_note(self, client):
        assert "erg lang" not in search(client, "buurtkamer").content.decode()


class TestCleanQuery:
    def test_strips_null_bytes_and_control_characters(self):
        assert clean_query("buurt\x00kamer").text == "buurtkamer"
        assert clean_query("koffie\tochtend\n").text == "koffie ochtend"

    def test_collapses_whitespace(self):
        assert clean_query("  koffie    ochtend ").text == "koffie ochtend"

    def test_truncates_to_the_maximum_length(self):
        query = clean_query("x" * (MAX_QUERY_LENGTH + 1))
        assert len(query.text) == MAX_QUERY_LENGTH
        assert query.was_truncated

    def test_punctuation_only_is_not_searchable(self):
        assert not clean_query("?!% ...").is_searchable
        assert clean_query("café!").is_searchable

    def test_empty_or_unsearchable_queries_do_not_touch_the_database(self):
        for raw in ("", "   ", "%%%", "\x00"):
            with CaptureQueriesContext(connection) as queries:
                assert search_everything(clean_query(raw)) == []
            assert len(queries) == 0


class TestResults:
    def test_results_are_grouped_by_type_in_a_fixed_order(self, client, zonnebloem):
        response = search(client, "zonnebloem")
        html = response.content.decode()
        assert group_keys(response) == ["places", "activities", "initiatives", "organisations"]
        for heading in ("Plekken", "Activiteiten", "Initiatieven", "Organisaties"):
            assert heading in html
        assert "4 resultaten voor ‘zonnebloem’" in html

    def test_each_type_is_found_and_linked(self, client, zonnebloem):
        html = search(client, "zonnebloem").content.decode()
        for obj in zonnebloem.values():
            assert obj.get_absolute_url() in html

    def test_a_group_shows_its_count(self, client, zonnebloem):
        response = search(client, "zonnebloem")
        assert [group.total for group in response.context["answer"].groups] == [1, 1, 1, 1]
        assert "Plekken <span" in response.content.decode()

    def test_types_without_results_are_left_out(self, client, zonnebloem):
        OrganisationFactory(name="Huurdersvereniging Bouwlust")
        assert group_keys(search(client, "huurdersvereniging")) == ["organisations"]

    @pytest.mark.parametrize(
        ("query", "key"),
        [
            ("Dedemsvaartweg", "places"),  # the street
            ("Leyweg", "activities"),  # the place's name
            ("leesclub", "initiatives"),  # the body text
            ("SZW", "organisations"),  # the short name
        ],
    )
    def test_finds_by_other_fields_than_the_title(self, client, query, key):
        PlaceFactory(name="Wijkcentrum", street="Dedemsvaartweg")
        ActivityFactory(title="Koffie", place=PlaceFactory(name="Bibliotheek Leyweg",
                                                           street="Leyweg"))
        InitiativeFactory(title="Lezen", body="Elke week een leesclub voor ouders.")
        OrganisationFactory(name="Ministerie van Sociale Zaken", short_name="SZW")
        assert key in group_keys(search(client, query))

    def test_a_place_is_found_by_its_neighbourhood(self, client):
        PlaceFactory(name="Het Honk", neighbourhood=NeighbourhoodFactory(name="Morgenstond"))
        assert titles_in(search(client, "morgenstond"), "places") == ["Het Honk"]

    def test_a_neighbourhood_is_found_first_and_leads_to_its_page(self, client):
        moerwijk = NeighbourhoodFactory(name="Moerwijk", description="Een wijk met veel groen.")
        PlaceFactory(name="Het Honk", neighbourhood=moerwijk)
        response = search(client, "moerwijk")
        assert group_keys(response) == ["neighbourhoods", "places"]
        (result,) = response.context["answer"].groups[0].results
        assert (result.title, result.url, result.snippet, result.is_demo) == (
            "Moerwijk", "/wijken/moerwijk/", "Een wijk met veel groen.", False)
        assert 'href="/wijken/"' in response.content.decode()  # "Alle wijken bekijken"

    def test_each_result_has_a_snippet_and_its_type(self, client, zonnebloem):
        html = search(client, "zonnebloem").content.decode()
        assert "Een plek waar buren elkaar ontmoeten." in html  # the initiative's summary
        assert "Samen iets doen in de buurt." in html  # the activity's summary
        assert "Initiatief" in html and "Organisatie" in html

    def test_sample_content_carries_the_voorbeeld_label(self, client):
        InitiativeFactory(title="Voorbeeldtuin", is_demo=True)
        assert "demo-label" in search(client, "voorbeeldtuin").content.decode()

    def test_real_content_has_no_voorbeeld_label(self, client):
        InitiativeFactory(title="Echte tuin")
        assert "demo-label" not in search(client, "tuin").content.decode()

    def test_at_most_ten_per_type_with_a_link_to_the_full_list(self, client):
        for number in range(RESULTS_PER_TYPE + 2):
            PlaceFactory(name=f"Speeltuin {number}")
        response = search(client, "speeltuin")
        (group,) = response.context["answer"].groups
        html = response.content.decode()
        assert len(group.results) == RESULTS_PER_TYPE
        assert group.total == RESULTS_PER_TYPE + 2
        assert f"Je ziet de beste {RESULTS_PER_TYPE} van {RESULTS_PER_TYPE + 2}" in html
        assert reverse("locations:place_list") in html

    def test_user_input_is_escaped_in_the_page(self, client, zonnebloem):
        html = search(client, "<b>zonnebloem</b>").content.decode()
        assert "<b>zonnebloem</b>" not in html
        assert "&lt;b&gt;zonnebloem&lt;/b&gt;" in html


class TestQueryCount:
    @staticmethod
    def make_rows(count, start):
        for number in range(start, start + count):
            place = PlaceFactory(name=f"Zonnebloem plek {number}")
            ActivityFactory(title=f"Zonnebloem activiteit {number}", place=place)
            InitiativeFactory(title=f"Zonnebloem initiatief {number}")
            OrganisationFactory(name=f"Zonnebloem organisatie {number}")
            OpportunityFactory(title=f"Zonnebloem leerwerkplek {number}")

    @staticmethod
    def count_queries(client):
        with CaptureQueriesContext(connection) as queries:
            response = search(client, "zonnebloem")
        assert response.status_code == 200
        assert len(response.context["answer"].groups) == 5
        return len(queries)

    def test_one_query_in_the_index_whatever_the_number_of_rows(self, client):
        self.make_rows(2, start=0)
        few = self.count_queries(client)
        self.make_rows(18, start=2)
        many = self.count_queries(client)
        assert few == many
        # One query in the search index for all seven types, one for the rows shown of each
        # type that found something (five: neighbourhoods and ideas find nothing here).
        # PostgreSQL: one to set the trigram threshold; SQLite: one per type for the typo
        # vocabulary. Plus one for the footer's contact details (a fragment, built again
        # after the new rows).
        assert many == 1 + 5 + (1 if connection.vendor == "postgresql" else 7) + 1


@sqlite_only
class TestContainsFallback:
    def test_finds_part_of_a_word_in_any_case(self, client):
        PlaceFactory(name="Buurtkamer De Kroon")
        assert titles_in(search(client, "KAMER"), "places") == ["Buurtkamer De Kroon"]

    def test_every_word_must_match_somewhere(self, client):
        PlaceFactory(name="Buurtkamer De Kroon", description="Elke dag koffie.")
        PlaceFactory(name="Buurtkamer Het Anker", description="Elke dag thee.")
        assert titles_in(search(client, "buurtkamer koffie"), "places") == [
            "Buurtkamer De Kroon"
        ]

    def test_results_are_ordered_by_title(self, client):
        for name in ("Zwembad Zuidwest", "Atelier Zuidwest", "Moestuin Zuidwest"):
            PlaceFactory(name=name)
        assert titles_in(search(client, "zuidwest"), "places") == [
            "Atelier Zuidwest", "Moestuin Zuidwest", "Zwembad Zuidwest"
        ]


@postgresql_only
class TestPostgreSQLSearch:
    def test_without_accents_finds_accented_words(self, client):
        PlaceFactory(name="Café De Ontmoeting")
        ActivityFactory(title="Taalcafé voor nieuwkomers")
        assert titles_in(search(client, "cafe"), "places") == ["Café De Ontmoeting"]
        assert titles_in(search(client, "CAFE"), "places") == ["Café De Ontmoeting"]
        assert titles_in(search(client, "taalcafe"), "activities") == [
            "Taalcafé voor nieuwkomers"
        ]

    def test_accents_in_the_query_do_not_matter_either(self, client):
        InitiativeFactory(title="Ideeen voor de wijk")
        assert titles_in(search(client, "ideeën"), "initiatives") == ["Ideeen voor de wijk"]

    def test_dutch_stemming_finds_other_word_forms(self, client):
        # In the body, so only full-text search (not the trigram match on titles) can find it.
        InitiativeFactory(title="Repair Café", body="Wij repareren samen lampen en boeken.")
        assert titles_in(search(client, "lamp"), "initiatives") == ["Repair Café"]
        assert titles_in(search(client, "boek"), "initiatives") == ["Repair Café"]

    @pytest.mark.parametrize(
        ("typo", "key", "title"),
        [
            ("buurtkamr", "places", "Buurtkamer Bouwlust"),
            ("moerwyk", "organisations", "Bewonersorganisatie Moerwijk"),
            ("bibliotheeek", "places", "Bibliotheek Escamp"),
        ],
    )
    def test_forgives_typos_in_titles(self, client, typo, key, title):
        PlaceFactory(name="Buurtkamer Bouwlust")
        PlaceFactory(name="Bibliotheek Escamp")
        OrganisationFactory(name="Bewonersorganisatie Moerwijk")
        assert title in titles_in(search(client, typo), key)

    def test_the_start_of_a_word_finds_the_title(self, client):
        PlaceFactory(name="Buurtkamer Bouwlust")
        assert titles_in(search(client, "buurtk"), "places") == ["Buurtkamer Bouwlust"]

    def test_typo_tolerance_does_not_match_just_anything(self, client):
        PlaceFactory(name="De Tafel van Zuidwest")
        assert titles_in(search(client, "taal"), "places") == []

    def test_short_words_alone_do_not_match_every_title(self, client):
        PlaceFactory(name="De Tafel van Zuidwest")
        assert titles_in(search(client, "de"), "places") == []

    def test_a_title_match_ranks_above_a_body_match(self, client):
        InitiativeFactory(title="Buurtfeest in Vrederust", summary="Samen eten.",
                          body="Na afloop is er een moestuin om te bezoeken.")
        InitiativeFactory(title="Moestuin aan de Melis Stokelaan", summary="Groente kweken.")
        InitiativeFactory(title="Wijkontbijt", summary="Ontbijt met verhalen over de moestuin.")
        assert titles_in(search(client, "moestuin"), "initiatives") == [
            "Moestuin aan de Melis Stokelaan", "Wijkontbijt", "Buurtfeest in Vrederust"
        ]

    @pytest.mark.parametrize("typed", [
        "buurtkamer", "buurtkamr", "taalles moerwijk", "buurtkamer -moerwijk", "de",
        "moestuin koffie", "1634", "huiswerkklas", "-moerwijk", "'; DROP TABLE x; --",
    ])
    def test_the_union_compiled_once_per_shape_finds_what_the_orm_finds(self, typed,
                                                                        monkeypatch):
        from zuidwest.search import engine

        PlaceFactory(name="Buurtkamer Bouwlust", description="Koffie en een moestuin.")
        PlaceFactory(name="Buurtkamer Moerwijk")
        ActivityFactory(title="Taalcafé Moerwijk")
        InitiativeFactory(title="Huiswerkbegeleiding 1634")
        OrganisationFactory(name="Moestuin Morgenstond")
        types = sorted(engine.search_types, key=lambda t: t.position)
        query = clean_query(typed)
        with engine._trigram_threshold(engine.TRIGRAM_THRESHOLD):
            by_the_orm = sorted(engine._union(types, query))
            monkeypatch.setattr(engine, "_compiled_unions", {})
            first = engine._ranked_matches(types, query)  # compiles
            compiled = dict(engine._compiled_unions)
            # The stand-in words are parameters, never part of the SQL text.
            assert all("zwstandin" not in sql for sql, _parameters in compiled.values())
            assert engine._ranked_matches(types, query) == first  # from the kept SQL
            assert engine._compiled_unions == compiled
        found = {}
        for key, _position, object_id, total in by_the_orm:
            found.setdefault(key, ([], total))[0].append(object_id)
        assert first == found

    def test_websearch_syntax_excludes_words(self, client):
        PlaceFactory(name="Buurtkamer Bouwlust")
        PlaceFactory(name="Buurtkamer Moerwijk")
        assert titles_in(search(client, "buurtkamer -moerwijk"), "places") == [
            "Buurtkamer Bouwlust"
        ]


def test_the_search_form_partial_renders_on_its_own(rf):
    html = render_to_string(
        "components/search_form.html", {"form_id": "zoeken-kop", "hide_label": True}
    )
    assert 'role="search"' in html
    assert 'for="zoeken-kop"' in html and 'id="zoeken-kop"' in html
    assert "portal-visually-hidden" in html
    assert f'action="{reverse("site:search")}"' in html


@pytest.mark.django_db
def test_the_sqlite_fallback_forgives_a_small_typo_and_missing_accents(client):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL uses trigram similarity, tested above.")
    PlaceFactory(name="Buurtkamer De Theepot", slug="buurtkamer-de-theepot")
    PlaceFactory(name="Café De Hoek", slug="cafe-de-hoek")
    assert "Buurtkamer De Theepot" in client.get("/zoeken/", {"q": "buurtkamr"}).content.decode()
    assert "Café De Hoek" in client.get("/zoeken/", {"q": "cafe"}).content.decode()
    assert "Niets gevonden" in client.get("/zoeken/", {"q": "zwembad"}).content.decode()


@pytest.mark.django_db
def test_a_short_title_word_is_no_spelling_of_a_longer_search_word(client):
    """"baan" is close to "aan"; on SQLite that made it match every text with "aan" in it."""
    if connection.vendor == "postgresql":
        pytest.skip("The spelling vocabulary is the SQLite fallback's.")
    PlaceFactory(name="Aan de Haag", description="Samen koken.")
    InitiativeFactory(title="Op weg naar een baan", summary="Werk zoeken met hulp.")
    response = search(client, "baan")
    assert titles_in(response, "places") == []
    assert titles_in(response, "initiatives") == ["Op weg naar een baan"]


@pytest.mark.django_db
def test_nothing_found_offers_the_closest_title_word(client):
    PlaceFactory(name="Buurtkamer Bouwlust")
    html = search(client, "bouwlsut zwemmen").content.decode()
    assert "Niets gevonden" in html
    assert 'Bedoelde je: <a class="utrecht-link" href="/zoeken/?q=Bouwlust%20zwemmen">' \
           "Bouwlust zwemmen</a>?" in html
    suggested = search(client, "Bouwlust").content.decode()
    assert "Buurtkamer Bouwlust" in suggested


@postgresql_only
@pytest.mark.parametrize(("typed", "offered"), [("vredreust", "Vrederust"),
                                                ("escmap", "Escamp")])
def test_the_suggestion_finds_title_words_through_the_trigram_index(client, typed, offered):
    """Only titles with a word somewhat like the typed one are read (word similarity 0.43 for
    both, too little to be found); among other titles the closest word is still offered."""
    NeighbourhoodFactory(name="Vrederust")
    place = PlaceFactory(name="Bibliotheek Escamp")
    ActivityFactory.create_batch(20, place=place)
    html = search(client, typed).content.decode()
    assert "Niets gevonden" in html
    assert f'Bedoelde je: <a class="utrecht-link" href="/zoeken/?q={offered}">' in html


@pytest.mark.django_db
def test_no_suggestion_when_no_word_is_close(client):
    PlaceFactory(name="Buurtkamer Bouwlust")
    html = search(client, "xqzvbnmkjh").content.decode()
    assert "Niets gevonden" in html and "Bedoelde je" not in html


@pytest.mark.parametrize("query", ["taalles", "Taalles", "nederlands leren"])
def test_a_word_for_the_same_thing_finds_the_taalcafe_on_either_database(client, query):
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    place = PlaceFactory(neighbourhood=moerwijk, description="Kom binnen in Moerwijk.")
    ActivityFactory(title="Taalcafé", place=place, summary="Praten met de buren.")
    ActivityFactory(title="Breicafé", place=place, summary="Samen breien.")

    html = client.get(reverse("site:search"), {"q": query}).content.decode()

    assert "Taalcafé" in html
    assert "Breicafé" not in html


def test_synonyms_replace_whole_words_only():
    assert clean_query("taalles moerwijk").alternatives[:2] == ["taalles moerwijk",
                                                               "taallessen moerwijk"]
    assert "taalcafé moerwijk" in clean_query("Taalles moerwijk").alternatives
    assert clean_query("taallesje").alternatives == ["taallesje"]
    assert clean_query("buurtkamer").alternatives == ["buurtkamer"]
