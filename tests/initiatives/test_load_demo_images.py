"""manage.py load_demo_images: drawn illustrations for a few demo initiatives and places, stored
through the normal photo processing, never on real content, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.db.models import ImageField
from PIL import Image

from initiatives.management.commands.load_demo_images import DEMO_IMAGES, DESCRIPTIONS
from initiatives.models import Initiative
from locations.models import Place
from tests.factories import InitiativeFactory, PlaceFactory
from zuidwest.images.illustrations import MOTIFS, illustration
from zuidwest.images.processing import rendition_name, stored_dimensions

pytestmark = pytest.mark.django_db

INITIATIVE_SLUG = "buurtkamer-de-vier-windstreken"
PLACE_SLUG = "buurthuis-het-middelpunt"


def run():
    output = io.StringIO()
    call_command("load_demo_images", stdout=output)
    return output.getvalue()


def files(root):
    return {path.relative_to(root): path.stat().st_mtime_ns for path in root.rglob("*")
            if path.is_file()}


@pytest.fixture
def demo_rows(media_root):
    initiative = InitiativeFactory(slug=INITIATIVE_SLUG, is_demo=True)
    place = PlaceFactory(slug=PLACE_SLUG, is_demo=True)
    return initiative, place


def test_demo_rows_get_an_illustration_with_renditions_and_a_description(demo_rows, media_root):
    initiative, place = demo_rows
    assert "2 demo illustrations added" in run()

    initiative.refresh_from_db()
    place.refresh_from_db()
    for field_file, alt in ((initiative.cover_image, initiative.cover_image_alt),
                            (place.image, place.image_alt)):
        # Re-encoded like an upload: a JPEG whose name carries its size, no metadata.
        assert stored_dimensions(field_file.name) == (1280, 720)
        with Image.open(media_root / field_file.name) as stored:
            assert stored.format == "JPEG"
            assert not stored.info.get("exif")
        for width in (320, 640, 1024):
            assert (media_root / rendition_name(field_file.name, width)).is_file()
        # Says what it is: a drawing, not a photo of the place.
        assert alt.startswith("Illustratie, geen foto:")


def test_the_pages_show_the_illustration_with_its_renditions(demo_rows, client):
    initiative, place = demo_rows
    place.is_published = True
    place.save()
    run()
    place.refresh_from_db()
    html = client.get("/plekken/").content.decode()
    stem = place.image.url.removesuffix(".jpg")
    assert f"{stem}-320.webp 320w" in html
    assert 'alt="Illustratie, geen foto:' in html


def test_real_content_is_never_given_an_illustration(media_root):
    initiative = InitiativeFactory(slug=INITIATIVE_SLUG, is_demo=False)
    place = PlaceFactory(slug=PLACE_SLUG, is_demo=False)
    assert "0 demo illustrations added" in run()
    initiative.refresh_from_db()
    place.refresh_from_db()
    assert not initiative.cover_image and not initiative.cover_image_alt
    assert not place.image and not place.image_alt
    assert not any(media_root.rglob("*.*"))


def test_a_second_run_changes_nothing(demo_rows, media_root):
    run()
    before = files(media_root)
    rows_before = list(Initiative.objects.values()) + list(Place.objects.values())

    assert "0 demo illustrations added, 0 missing renditions made" in run()

    assert files(media_root) == before
    assert list(Initiative.objects.values()) + list(Place.objects.values()) == rows_before


def test_a_demo_row_with_its_own_photo_keeps_it(demo_rows, media_root):
    initiative, _place = demo_rows
    run()
    initiative.refresh_from_db()
    own = initiative.cover_image.name
    Initiative.objects.filter(pk=initiative.pk).update(cover_image_alt="Onze eigen foto")
    run()
    initiative.refresh_from_db()
    assert initiative.cover_image.name == own
    assert initiative.cover_image_alt == "Onze eigen foto"


def test_after_loaddata_empties_the_field_the_drawing_is_used_again(demo_rows, media_root):
    # `make setup` twice: loaddata resets the rows to the fixture, without a picture.
    initiative, _place = demo_rows
    run()
    initiative.refresh_from_db()
    name = initiative.cover_image.name
    before = set(files(media_root))
    Initiative.objects.filter(pk=initiative.pk).update(cover_image="", cover_image_alt="")

    assert "1 demo illustrations added" in run()

    initiative.refresh_from_db()
    assert initiative.cover_image.name == name
    assert set(files(media_root)) == before


def test_every_motif_is_drawn_the_same_way_for_the_same_seed():
    for motif in MOTIFS:
        first = illustration(motif, seed="zuidwest").read()
        assert first == illustration(motif, seed="zuidwest").read()
        with Image.open(io.BytesIO(first)) as image:
            assert image.size == (1280, 720)
    assert illustration("garden", seed="a").read() != illustration("books", seed="a").read()


def test_every_demo_image_names_a_demo_row_and_a_motif():
    from django.core.serializers import deserialize

    with open("fixtures/demo.json") as fixture:
        demo = {(type(item.object), item.object.slug) for item in deserialize("json", fixture)
                if getattr(item.object, "is_demo", False) and hasattr(item.object, "slug")}
    for (model, field, alt_field), motifs in DEMO_IMAGES.items():
        assert isinstance(model._meta.get_field(field), ImageField)
        for slug, motif in motifs.items():
            assert (model, slug) in demo
            assert motif in MOTIFS
            assert len(DESCRIPTIONS[motif]) <= model._meta.get_field(alt_field).max_length
