"""Spoken languages are stored as "Nederlands, Arabisch" and read through one parser."""

import pytest

from locations.models import Activity, Place, parse_languages


@pytest.mark.parametrize(("text", "languages"), [
    ("Nederlands, Arabisch", ["Nederlands", "Arabisch"]),
    (" Nederlands ,Turks,, Engels ", ["Nederlands", "Turks", "Engels"]),
    ("Nederlands", ["Nederlands"]),
    (" , ", []),
    ("", []),
    (None, []),
])
def test_a_comma_separated_text_becomes_a_list_of_languages(text, languages):
    assert parse_languages(text) == languages


@pytest.mark.parametrize("model", [Place, Activity])
def test_places_and_activities_give_their_languages_as_a_list(model):
    assert model(languages="Nederlands, Arabisch").language_list == ["Nederlands", "Arabisch"]
    assert model(languages="").language_list == []
