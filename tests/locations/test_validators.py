"""Addresses and map positions of places: Dutch postcodes, inside Den Haag, photos with alt text."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from locations.models import Place
from locations.validators import (
    normalise_postcode,
    validate_dutch_postcode,
    validate_latitude_in_den_haag,
    validate_longitude_in_den_haag,
)
from tests.factories import NeighbourhoodFactory, PlaceFactory

POSTCODE_MESSAGE = "Vul een Nederlandse postcode in, bijvoorbeeld 2532 AB."


class TestPostcodes:
    @pytest.mark.parametrize(
        ("given", "stored"),
        [
            ("2532ab", "2532 AB"),
            ("2532AB", "2532 AB"),
            ("2532 ab", "2532 AB"),
            (" 2545 am ", "2545 AM"),
            ("2532 AB", "2532 AB"),
        ],
    )
    def test_a_valid_postcode_is_written_as_four_digits_a_space_and_two_capitals(
        self, given, stored
    ):
        validate_dutch_postcode(given)

        assert normalise_postcode(given) == stored

    @pytest.mark.parametrize(
        "postcode",
        ["0123 AB", "2532 SA", "2532 sd", "2532SS", "253 AB", "25321 AB", "2532 A", "2532-AB", ""],
    )
    def test_an_invalid_postcode_is_refused_with_a_dutch_message(self, postcode):
        with pytest.raises(ValidationError) as excinfo:
            validate_dutch_postcode(postcode)

        assert excinfo.value.messages == [POSTCODE_MESSAGE]
        assert excinfo.value.code == "invalid_postcode"

    def test_an_invalid_postcode_is_left_as_typed_for_the_error_message(self):
        assert normalise_postcode("253 AB") == "253 AB"

    @pytest.mark.django_db
    def test_a_place_stores_its_postcode_normalised_after_full_clean(self):
        place = PlaceFactory.build(neighbourhood=NeighbourhoodFactory(), postcode="2541ce")

        place.full_clean()
        place.save()

        assert Place.objects.get(pk=place.pk).postcode == "2541 CE"

    @pytest.mark.django_db
    def test_a_place_with_an_invalid_postcode_does_not_pass_full_clean(self):
        place = PlaceFactory.build(neighbourhood=NeighbourhoodFactory(), postcode="0123 AB")

        with pytest.raises(ValidationError) as excinfo:
            place.full_clean()

        assert excinfo.value.message_dict["postcode"] == [POSTCODE_MESSAGE]


class TestCoordinates:
    @pytest.mark.parametrize("latitude", [Decimal("51.980000"), Decimal("52.045000"), "52.14"])
    def test_a_latitude_inside_den_haag_is_accepted(self, latitude):
        assert validate_latitude_in_den_haag(latitude) is None  # and raises nothing

    @pytest.mark.parametrize("longitude", [Decimal("4.180000"), Decimal("4.265000"), "4.43"])
    def test_a_longitude_inside_den_haag_is_accepted(self, longitude):
        assert validate_longitude_in_den_haag(longitude) is None  # and raises nothing

    @pytest.mark.parametrize(
        "latitude", [Decimal("51.979999"), Decimal("52.370000"), Decimal("-52.05")]
    )
    def test_a_latitude_outside_den_haag_is_refused(self, latitude):
        with pytest.raises(ValidationError) as excinfo:
            validate_latitude_in_den_haag(latitude)

        assert excinfo.value.code == "outside_den_haag"
        assert excinfo.value.messages == [
            "Deze breedtegraad ligt niet in Den Haag (tussen 51,98 en 52,14)."
        ]

    @pytest.mark.parametrize("longitude", [Decimal("4.179999"), Decimal("4.900000")])
    def test_a_longitude_outside_den_haag_is_refused(self, longitude):
        with pytest.raises(ValidationError) as excinfo:
            validate_longitude_in_den_haag(longitude)

        assert excinfo.value.code == "outside_den_haag"
        assert "lengtegraad ligt niet in Den Haag" in excinfo.value.messages[0]

    @pytest.mark.django_db
    def test_a_place_in_amsterdam_does_not_pass_full_clean(self):
        place = PlaceFactory.build(
            neighbourhood=NeighbourhoodFactory(),
            latitude=Decimal("52.370216"),
            longitude=Decimal("4.895168"),
        )

        with pytest.raises(ValidationError) as excinfo:
            place.full_clean()

        assert set(excinfo.value.message_dict) == {"latitude", "longitude"}

    @pytest.mark.django_db
    @pytest.mark.parametrize(
        "position",
        [
            {"latitude": Decimal("52.370216")},
            {"latitude": Decimal("51.900000")},
            {"longitude": Decimal("4.895168")},
            {"longitude": Decimal("4.100000")},
        ],
    )
    def test_the_database_refuses_coordinates_outside_den_haag(self, position):
        place = PlaceFactory()

        with pytest.raises(IntegrityError), transaction.atomic():
            Place.objects.filter(pk=place.pk).update(**position)

        stored = Place.objects.get(pk=place.pk)
        assert (stored.latitude, stored.longitude) == (place.latitude, place.longitude)

    @pytest.mark.django_db
    def test_a_factory_place_lies_inside_den_haag(self):
        place = PlaceFactory()

        place.full_clean()

        assert Place.objects.filter(pk=place.pk).exists()


class TestPlacePhotos:
    def test_a_photo_without_alt_text_is_refused(self):
        place = PlaceFactory.build(image="places/buurtkamer.jpg", image_alt="   ")

        with pytest.raises(ValidationError) as excinfo:
            place.clean()

        assert excinfo.value.message_dict["image_alt"] == [
            "Beschrijf wat er op de foto staat, voor wie hem niet kan zien."
        ]

    def test_a_photo_with_alt_text_is_accepted(self):
        place = PlaceFactory.build(
            image="places/buurtkamer.jpg", image_alt="Buren drinken koffie aan een lange tafel."
        )

        place.clean()

        assert place.image_alt.startswith("Buren drinken koffie")

    def test_a_place_without_a_photo_needs_no_alt_text(self):
        place = PlaceFactory.build(image="", image_alt="")

        place.clean()

        assert place.postcode.count(" ") == 1

    @pytest.mark.django_db
    def test_the_database_refuses_a_photo_without_alt_text(self):
        place = PlaceFactory()

        with pytest.raises(IntegrityError), transaction.atomic():
            Place.objects.filter(pk=place.pk).update(image="places/buurtkamer.jpg", image_alt="")

        assert Place.objects.get(pk=place.pk).image == ""
