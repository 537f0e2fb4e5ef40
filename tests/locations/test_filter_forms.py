"""The three filter forms (places, agenda, initiatives) share one lenient base: an unknown
value gets the same polite message and is left out, the other filters keep working."""

import pytest
from django.utils import translation

from initiatives.forms import InitiativeFilterForm
from locations.forms.agenda import AgendaFilterForm
from locations.forms.filters import PlaceFilterForm
from tests.factories import NeighbourhoodFactory, PlaceFactory
from zuidwest.ui.filters import LenientFilterForm

pytestmark = pytest.mark.django_db

POLITE = "Deze keuze kennen we niet. We laten dit filter weg."


@pytest.mark.parametrize("form_class", [PlaceFilterForm, AgendaFilterForm, InitiativeFilterForm])
def test_every_filter_form_ignores_an_unknown_choice_with_the_same_message(form_class):
    neighbourhood = NeighbourhoodFactory(slug="moerwijk")
    form = form_class({"neighbourhood": "atlantis", "kind": "kasteel", "audience": "<script>"})

    assert issubclass(form_class, LenientFilterForm)
    assert form.valid_data.get("neighbourhood") is None
    assert POLITE in form.errors["neighbourhood"]
    assert all(errors == [POLITE] for errors in form.errors.values())

    good = form_class({"neighbourhood": "moerwijk"})
    assert good.valid_data["neighbourhood"] == neighbourhood


@pytest.mark.parametrize("form_class", [PlaceFilterForm, AgendaFilterForm, InitiativeFilterForm])
def test_an_unbound_filter_form_filters_nothing(form_class):
    form = form_class(None)

    assert form.valid_data == {}
    assert form.active_filters == []


def test_the_places_filters_in_use_are_named_by_label_and_choice():
    NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    form = PlaceFilterForm({"neighbourhood": "moerwijk", "kind": "groen", "wheelchair": "on",
                            "free_entry": "", "open_now": "on"})

    with translation.override("nl"):
        active = [(str(label), str(value)) for label, value in form.active_filters]

    assert active == [("Wijk", "Moerwijk"), ("Soort plek", "ontmoetingsplek in het groen"),
                      ("Nu open", ""), ("Toegankelijk met rolstoel", "")]


def test_the_agenda_filters_in_use_leave_out_the_chosen_date_and_say_yes_for_free():
    PlaceFactory(name="De Stek", slug="de-stek")
    form = AgendaFilterForm({"date": "2026-04-02", "place": "de-stek", "audience": "ouderen",
                             "free": "1"})

    with translation.override("nl"):
        active = [(str(label), str(value)) for label, value in form.active_filters]

    assert form.chosen_date is not None
    assert active == [("Plek", "De Stek"), ("Voor wie", "ouderen"),
                      ("Alleen gratis activiteiten", "ja")]


def test_a_bad_date_keeps_its_own_message():
    form = AgendaFilterForm({"date": "gisteren"})

    assert form.chosen_date is None
    assert form.errors["date"] == ["Deze datum kennen we niet. Schrijf de datum zo: 24-12-2026."]
