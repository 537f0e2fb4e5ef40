"""Uploaded photos are checked, cleaned of metadata, turned upright and served in light sizes."""

import io
import logging
import re
import time

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from PIL import Image, ImageFile

from initiatives.models import Initiative
from locations.models import Place
from tests.factories import InitiativeFactory, PlaceFactory
from tests.zuidwest import image_samples as samples
from zuidwest.images import processing as images
from zuidwest.images.fields import SafeImageField
from zuidwest.images.processing import (
    MAX_UPLOAD_BYTES,
    inspect_upload,
    make_renditions,
    reencode,
    rendition_urls,
)

METADATA_MARKERS = [
    samples.SECRET_PLACE.encode(),
    samples.XMP_MARKER.encode(),
    samples.COMMENT_MARKER.encode(),
    samples.PNG_TEXT_MARKER.encode(),
    b"Exif",
    b"http://ns.adobe.com/xap/1.0/",
]


# Every test here may write photos: keep them out of the real media folder.
pytestmark = pytest.mark.usefixtures("media_root")


def refusal_code(upload):
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload)
    return refused.value.code


def clean_copy(upload):
    return reencode(upload).read()


def opened(data):
    return Image.open(io.BytesIO(data))


def png_chunk_types(data):
    kinds, position = [], 8
    while position < len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kinds.append(data[position + 4:position + 8])
        position += length + 12
    return kinds


def stored_photo(size=(2000, 1000)):
    return reencode(samples.jpeg(size))


# --- What is accepted ----------------------------------------------------------------------


@pytest.mark.parametrize(("make", "image_format"), [
    (samples.jpeg, "JPEG"), (samples.png, "PNG"), (samples.webp, "WEBP"),
])
def test_a_jpeg_png_or_webp_photo_is_accepted_and_stored_as_a_fresh_jpeg(make, image_format):
    upload = make()
    info = inspect_upload(upload)
    assert (info.format, info.width, info.height) == (image_format, 80, 40)

    clean = reencode(upload, info)

    assert re.fullmatch(r"[0-9a-f]{32}-80x40\.jpg", clean.name)
    assert opened(clean.read()).format == "JPEG"


def test_the_uploaded_file_name_is_never_used():
    clean = reencode(samples.jpeg(name="../../etc/passwd<script>.jpg"))
    assert "passwd" not in clean.name and "/" not in clean.name


def test_the_format_comes_from_the_bytes_not_the_name():
    assert inspect_upload(samples.png(name="photo.jpg")).format == "PNG"


def test_a_photo_with_transparency_stays_a_png_with_its_alpha_channel():
    clean = reencode(samples.transparent_png())
    assert clean.name.endswith("-60x30.png")
    image = opened(clean.read())
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((30, 15))[3] == 255


def test_an_animated_webp_keeps_only_its_first_frame():
    upload = samples.animated_webp()
    assert inspect_upload(upload).is_animated
    image = opened(clean_copy(upload))
    assert not getattr(image, "is_animated", False)
    red, green, blue = image.getpixel((20, 10))
    assert red > 200 and green < 60 and blue < 60


# --- Metadata is removed, the photo turned upright -----------------------------------------


def test_the_test_photo_really_carries_gps_orientation_xmp_and_a_comment():
    data = samples.phone_jpeg().read()
    exif = opened(data).getexif()
    assert exif[samples.ORIENTATION] == 6
    assert exif.get_ifd(samples.GPS_IFD)[samples.GPS_LATITUDE_REF] == "N"
    for marker in (samples.SECRET_PLACE, samples.XMP_MARKER, samples.COMMENT_MARKER):
        assert marker.encode() in data


def test_gps_xmp_and_comments_are_gone_after_reencoding():
    data = clean_copy(samples.phone_jpeg())
    for marker in METADATA_MARKERS:
        assert marker not in data
    image = opened(data)
    assert not image.getexif()
    assert "comment" not in image.info and "xmp" not in image.info
    assert "icc_profile" not in image.info


def test_a_sideways_phone_photo_is_turned_upright():
    clean = reencode(samples.phone_jpeg(size=(80, 40)))
    assert clean.name.endswith("-40x80.jpg")
    image = opened(clean.read())
    assert image.size == (40, 80)
    # Orientation 6: turn a quarter clockwise, so the red left half ends up on top.
    top, bottom = image.getpixel((20, 10)), image.getpixel((20, 70))
    assert top[0] > 150 and top[2] < 100
    assert bottom[2] > 150 and bottom[0] < 100


def test_png_text_chunks_and_exif_are_gone_after_reencoding():
    source = samples.png_with_text().read()
    assert samples.PNG_TEXT_MARKER.encode() in source
    data = clean_copy(samples.png_with_text())
    for marker in METADATA_MARKERS:
        assert marker not in data


def test_a_transparent_png_keeps_no_text_exif_or_icc_chunks():
    data = clean_copy(samples.transparent_png())
    assert set(png_chunk_types(data)) == {b"IHDR", b"IDAT", b"IEND"}
    for marker in METADATA_MARKERS:
        assert marker not in data


def test_webp_exif_and_xmp_are_gone_after_reencoding():
    assert samples.XMP_MARKER.encode() in samples.webp_with_metadata().read()
    data = clean_copy(samples.webp_with_metadata())
    for marker in METADATA_MARKERS:
        assert marker not in data


def test_a_very_large_photo_is_stored_at_most_2560_pixels_wide():
    clean = reencode(samples.jpeg(size=(3000, 1500)))
    assert clean.name.endswith("-2560x1280.jpg")
    assert opened(clean.read()).size == (2560, 1280)


# --- What is refused, with which reason -----------------------------------------------------


def test_a_gif_named_photo_png_is_refused_as_the_wrong_kind():
    assert refusal_code(samples.gif_named_png()) == "unsupported_format"


def test_an_iphone_heic_photo_is_refused_as_the_wrong_kind():
    assert refusal_code(samples.heic_named_jpg()) == "unsupported_format"


def test_a_php_or_html_file_named_photo_jpg_is_not_an_image():
    assert refusal_code(samples.script_named_jpg()) == "not_an_image"


def test_an_empty_file_is_not_an_image():
    assert refusal_code(samples.upload(b"", "photo.jpg")) == "not_an_image"


def test_an_svg_is_refused():
    assert refusal_code(samples.svg_named_png()) == "unsupported_format"


def test_a_truncated_jpeg_is_refused_as_damaged():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert refusal_code(samples.truncated_jpeg()) == "damaged"


@pytest.mark.parametrize("make", [samples.png, samples.webp])
def test_a_png_or_webp_cut_in_half_is_refused_as_damaged(make):
    data = make(size=(400, 300)).read()
    assert refusal_code(samples.upload(data[: len(data) // 2], "half")) == "damaged"


def test_a_png_with_a_broken_checksum_is_refused_as_damaged():
    data = bytearray(samples.png().read())
    data[-20] ^= 0xFF  # inside the IDAT chunk, so its CRC no longer matches
    assert refusal_code(samples.upload(bytes(data), "photo.png")) == "damaged"


def test_the_refusal_message_is_plain_dutch():
    with pytest.raises(ValidationError) as refused:
        inspect_upload(samples.gif_named_png())
    assert refused.value.messages == [
        "Deze soort foto kunnen we niet gebruiken. Kies een foto in JPG, PNG of WebP."
    ]


def test_a_decompression_bomb_is_refused_quickly_without_decoding(monkeypatch):
    bomb = samples.bomb_png(10_000, 10_000)  # 100 megapixels in a few kilobytes
    assert bomb.size < 200_000

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    started = time.perf_counter()
    assert refusal_code(bomb) == "too_many_pixels"
    assert time.perf_counter() - started < 0.5


def test_pillows_own_bomb_error_becomes_too_many_pixels():
    # 20000 x 10000 is past Pillow's own hard limit, which Image.open raises itself.
    assert refusal_code(samples.png_one_row(20_000, 10_000)) == "too_many_pixels"


def test_exactly_40_megapixels_is_allowed_and_one_row_more_is_not():
    # A PNG that declares the size but holds one row of (zero) pixels: quick to build and to
    # check. Pillow leaves the rows the compressed data does not cover blank.
    info = inspect_upload(samples.png_one_row(8_000, 5_000))
    assert info.width * info.height == 40_000_000
    assert refusal_code(samples.png_one_row(8_000, 5_001)) == "too_many_pixels"


def test_the_pixel_limit_is_inclusive_for_real_photos():
    assert inspect_upload(samples.png(size=(100, 50)), max_pixels=5_000).width == 100
    with pytest.raises(ValidationError) as refused:
        inspect_upload(samples.png(size=(100, 50)), max_pixels=4_999)
    assert refused.value.code == "too_many_pixels"


def test_a_file_over_10_mb_is_refused_before_pillow_sees_it(monkeypatch):
    def pillow_must_not_open(*args, **kwargs):
        raise AssertionError("Pillow opened a file that is too large")

    monkeypatch.setattr(Image, "open", pillow_must_not_open)
    assert refusal_code(samples.zero_bytes(MAX_UPLOAD_BYTES + 1)) == "too_large"


def test_a_file_that_lies_about_its_size_is_still_refused():
    liar = samples.LyingSizeFile(bytes(MAX_UPLOAD_BYTES + 1))
    assert liar.size == 100
    assert refusal_code(liar) == "too_large"


def test_exactly_10_mb_is_not_too_large():
    assert refusal_code(samples.zero_bytes(MAX_UPLOAD_BYTES)) == "not_an_image"


# --- The form field -------------------------------------------------------------------------


def test_the_form_field_stores_the_clean_copy_and_tells_the_rules():
    field = SafeImageField(required=False)
    clean = field.clean(samples.phone_jpeg())
    assert isinstance(clean, ContentFile)
    assert samples.SECRET_PLACE.encode() not in clean.read()
    assert "hoogstens 10 MB" in str(field.help_text)
    assert field.widget.attrs["accept"] == "image/jpeg,image/png,image/webp"


def test_the_form_field_refuses_with_the_reason():
    field = SafeImageField(required=False)
    with pytest.raises(ValidationError) as refused:
        field.clean(samples.script_named_jpg())
    assert refused.value.code == "not_an_image"


def test_the_form_field_keeps_the_current_photo_and_can_clear_it():
    field = SafeImageField(required=False)
    assert field.clean(None, initial="initiatives/current.jpg") == "initiatives/current.jpg"
    assert field.clean(False, initial="initiatives/current.jpg") is False


def test_a_long_uploaded_file_name_is_no_reason_to_refuse():
    field = SafeImageField(required=False, max_length=100)
    assert field.clean(samples.jpeg(name="x" * 200 + ".jpg")).name.endswith(".jpg")


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "image_field"), [
    (Initiative, "cover_image"), (Place, "image"),
])
def test_the_admin_form_uses_the_safe_field(rf, admin_user, model, image_field):
    request = rf.get("/")
    request.user = admin_user
    form_class = admin.site._registry[model].get_form(request)
    assert isinstance(form_class.base_fields[image_field], SafeImageField)


@pytest.mark.django_db
def test_an_upload_through_the_admin_form_is_stored_clean_with_renditions(admin_user):
    initiative = InitiativeFactory()
    request = RequestFactory().get("/")
    request.user = admin_user
    model_admin = admin.site._registry[Initiative]
    form_class = model_admin.get_form(request, initiative)
    data = {
        "title": initiative.title, "slug": initiative.slug, "kind": initiative.kind,
        "spearhead": initiative.spearhead_id, "alliance": initiative.alliance_id,
        "lead_organisation": initiative.lead_organisation_id, "status": initiative.status,
        "summary": initiative.summary, "start_date": "2025-01-01",
        "cover_image_alt": "Buren drinken koffie in de buurtkamer.",
    }
    form = form_class(
        data, {"cover_image": samples.phone_jpeg(size=(1200, 800))}, instance=initiative
    )
    assert form.is_valid(), form.errors
    saved = form.save()

    assert re.fullmatch(r"initiatives/[0-9a-f]{32}-800x1200\.jpg", saved.cover_image.name)
    with saved.cover_image.open("rb") as stored:
        data = stored.read()
    for marker in METADATA_MARKERS:
        assert marker not in data
    assert [width for _url, width in rendition_urls(saved.cover_image)] == [320, 640, 800]


@pytest.mark.django_db
def test_the_admin_form_refuses_a_disguised_file_and_changes_nothing(admin_user):
    initiative = InitiativeFactory()
    request = RequestFactory().get("/")
    request.user = admin_user
    form_class = admin.site._registry[Initiative].get_form(request, initiative)
    form = form_class(
        {"title": initiative.title, "cover_image_alt": "Een foto."},
        {"cover_image": samples.script_named_jpg()}, instance=initiative,
    )
    assert not form.is_valid()
    assert form.errors["cover_image"] == [
        "Dit bestand is geen foto. Kies een foto in JPG, PNG of WebP."
    ]
    initiative.refresh_from_db()
    assert not initiative.cover_image


# --- Renditions -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_a_record_with_a_photo_makes_webp_renditions(media_root):
    initiative = InitiativeFactory(cover_image=stored_photo((2000, 1000)), cover_image_alt="Foto")
    stem = initiative.cover_image.name.removesuffix(".jpg")
    for width in (320, 640, 1024):
        rendition = media_root / f"{stem}-{width}.webp"
        image = Image.open(rendition)
        assert image.format == "WEBP"
        assert image.size == (width, width // 2)
    assert not list(media_root.glob(f"{stem}-2000.webp"))


@pytest.mark.django_db
def test_a_small_photo_is_never_upscaled(media_root):
    place = PlaceFactory(image=stored_photo((500, 250)), image_alt="Foto")
    stem = place.image.name.removesuffix(".jpg")
    assert sorted(path.name.removeprefix(stem.split("/")[-1]) for path in
                  (media_root / "places").glob("*.webp")) == ["-320.webp", "-500.webp"]
    assert Image.open(media_root / f"{stem}-500.webp").size == (500, 250)
    assert [width for _url, width in rendition_urls(place.image)] == [320, 500]


@pytest.mark.django_db
def test_making_renditions_again_changes_nothing():
    initiative = InitiativeFactory(cover_image=stored_photo((700, 350)), cover_image_alt="Foto")
    assert make_renditions(initiative.cover_image) == []
    assert len(rendition_urls(initiative.cover_image)) == 3


@pytest.mark.django_db
def test_renditions_carry_no_metadata(media_root):
    initiative = InitiativeFactory(
        cover_image=reencode(samples.phone_jpeg(size=(800, 400))), cover_image_alt="Foto"
    )
    for path in media_root.glob("initiatives/*.webp"):
        data = path.read_bytes()
        assert b"EXIF" not in data and b"XMP " not in data and b"ICCP" not in data
    assert initiative.cover_image.name.endswith("-400x800.jpg")


@pytest.mark.django_db
def test_the_command_makes_missing_renditions_and_reencodes_old_uploads(media_root):
    old_upload = samples.phone_jpeg(size=(900, 600)).read()
    (media_root / "places").mkdir()
    (media_root / "places" / "IMG_0001.jpg").write_bytes(old_upload)
    place = PlaceFactory(image="places/IMG_0001.jpg", image_alt="Foto")
    output = io.StringIO()

    call_command("make_image_renditions", "--reencode", stdout=output, stderr=io.StringIO())

    place.refresh_from_db()
    assert re.fullmatch(r"places/[0-9a-f]{32}-600x900\.jpg", place.image.name)
    assert samples.SECRET_PLACE.encode() not in (media_root / place.image.name).read_bytes()
    assert [width for _url, width in rendition_urls(place.image)] == [320, 600]
    assert "IMG_0001.jpg" in output.getvalue()


# --- The template tag -----------------------------------------------------------------------


def render(template, **context):
    return Template("{% load images %}" + template).render(Context(context))


@pytest.mark.django_db
def test_the_tag_renders_srcset_sizes_and_dimensions():
    initiative = InitiativeFactory(cover_image=stored_photo((2000, 1000)), cover_image_alt="Foto")
    html = render(
        '{% responsive_image photo alt class="cover-image" %}',
        photo=initiative.cover_image, alt="Buren in de buurtkamer",
    )
    url = initiative.cover_image.url
    stem = url.removesuffix(".jpg")
    assert f'src="{url}"' in html
    assert f'srcset="{stem}-320.webp 320w, {stem}-640.webp 640w, {stem}-1024.webp 1024w"' in html
    assert 'sizes="(min-width: 60rem) 60rem, 100vw"' in html
    assert 'width="2000" height="1000"' in html
    assert 'alt="Buren in de buurtkamer"' in html
    assert 'class="cover-image"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html


@pytest.mark.django_db
def test_the_tag_escapes_the_alt_text():
    initiative = InitiativeFactory(cover_image=stored_photo((400, 200)), cover_image_alt="Foto")
    html = render("{% responsive_image photo alt %}", photo=initiative.cover_image,
                  alt='"><script>alert(1)</script>')
    assert "<script>" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("alt", ["", "   ", None])
def test_the_tag_refuses_to_render_without_alt_text(caplog, alt):
    initiative = InitiativeFactory(cover_image=stored_photo((400, 200)), cover_image_alt="Foto")
    with caplog.at_level(logging.WARNING, logger="zuidwest.templatetags.images"):
        html = render("{% responsive_image photo alt %}", photo=initiative.cover_image, alt=alt)
    assert html.strip() == ""
    assert "without alt text" in caplog.text


def test_the_tag_renders_nothing_without_a_photo():
    assert render("{% responsive_image photo 'Foto' %}", photo=None).strip() == ""


@pytest.mark.django_db
def test_an_older_upload_without_renditions_still_shows_with_its_size(media_root):
    (media_root / "places").mkdir()
    (media_root / "places" / "old.png").write_bytes(samples.png(size=(80, 40)).read())
    place = Place(image="places/old.png")
    html = render("{% responsive_image photo 'Foto' %}", photo=place.image)
    assert 'src="/media/places/old.png"' in html
    assert "srcset" not in html
    assert 'width="80" height="40"' in html


@pytest.mark.django_db
def test_the_initiative_page_shows_the_cover_photo_with_srcset(client):
    initiative = InitiativeFactory(cover_image=stored_photo((1200, 600)),
                                   cover_image_alt="Buren in de buurtkamer")
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert 'class="cover-image"' in html
    assert "-640.webp 640w" in html
    assert 'alt="Buren in de buurtkamer"' in html


@pytest.mark.django_db
def test_the_place_page_shows_the_photo_with_srcset(client):
    place = PlaceFactory(image=stored_photo((1200, 600)), image_alt="De ingang van de buurtkamer")
    html = client.get(place.get_absolute_url()).content.decode()
    assert 'class="place-photo"' in html
    assert "-1024.webp 1024w" in html
    assert 'alt="De ingang van de buurtkamer"' in html


def test_rendition_widths_never_exceed_the_photo():
    assert images.rendition_widths(2000) == [320, 640, 1024]
    assert images.rendition_widths(1024) == [320, 640, 1024]
    assert images.rendition_widths(500) == [320, 500]
    assert images.rendition_widths(200) == [200]


@pytest.mark.parametrize(("mode", "image_format", "stored_as", "stored_mode"), [
    ("CMYK", "JPEG", "JPEG", "RGB"), ("L", "JPEG", "JPEG", "L"), ("P", "PNG", "JPEG", "RGB"),
    ("LA", "PNG", "JPEG", "RGB"), ("1", "PNG", "JPEG", "RGB"),
    ("I;16", "PNG", "JPEG", "L"),  # 16-bit greyscale scaled to 8 bits
    ("RGBA", "WEBP", "JPEG", "RGB"),  # opaque everywhere: no need for a PNG
])
def test_every_colour_mode_is_stored_in_a_mode_browsers_show(mode, image_format, stored_as,
                                                             stored_mode):
    data = samples.encode(samples.picture(mode="RGB").convert(mode), image_format)
    image = opened(clean_copy(samples.upload(data, "photo")))
    assert image.format == stored_as
    assert image.mode == stored_mode


def test_a_colour_profile_is_applied_and_then_dropped():
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = samples.encode(samples.picture(), "JPEG", icc_profile=profile)
    assert b"ICC_PROFILE" in data
    clean = clean_copy(samples.upload(data, "photo.jpg"))
    assert b"ICC_PROFILE" not in clean
    assert "icc_profile" not in opened(clean).info


def test_a_media_name_too_long_for_the_file_system_is_a_404(rf, media_root):
    # `make setup` creates media/ now (the demo illustrations); a name the file system refuses
    # must not turn the development file server into a 500.
    from django.http import Http404

    from zuidwest.urls import serve_media

    with pytest.raises(Http404):
        serve_media(rf.get("/media/x"), "x" * 300 + ".jpg")
