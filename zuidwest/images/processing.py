"""Safe handling of uploaded photos: check, clean, and make light versions for phones.

Partners upload photos of their places and initiatives; residents look at them on cheap phones
with small data bundles. So every upload is:

1. inspected (``inspect_upload``): JPEG, PNG or WebP only, recognised by the bytes (never by the
   file name or the browser's content type), at most 10 MB and 40 megapixels. The pixel count is
   checked from the header, before any pixel is decoded, so a decompression bomb costs nothing.
   Then the whole image is decoded once, which finds truncated and damaged files.
2. re-encoded (``reencode``): turned upright, copied pixel by pixel into a new image and saved
   without any metadata (EXIF with GPS, XMP, ICC, comments, text chunks). Photos become JPEG,
   images with real transparency become PNG. The stored name is random and carries the size,
   ``<uuid>-<width>x<height>.jpg``, so pages know the size (no layout shift) and which
   renditions exist without opening the file.
3. given renditions (``make_renditions``): WebP at 320, 640 and 1024 pixels wide, never wider
   than the photo itself, stored next to it as ``<stem>-<width>.webp``.

Animated WebP and PNG (APNG): only the first frame is kept. A portal photo is a still picture,
and refusing the upload would only confuse a partner who picked a file from a messaging app.
"""

import io
import logging
import re
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"

# The stored photo is the fallback ``src`` and what staff download from the admin. 2560 pixels
# is sharp on any screen and keeps a 40 megapixel upload from being stored (and served) at 20 MB.
MAX_STORED_SIDE = 2560
JPEG_QUALITY = 82
WEBP_QUALITY = 80
RENDITION_WIDTHS = (320, 640, 1024)

STORED_NAME = re.compile(r"^(?P<stem>.+)-(?P<width>\d{1,5})x(?P<height>\d{1,5})\.(?:jpg|png)$")
READ_CHUNK = 64 * 1024

MESSAGES = {
    "too_large": _("Deze foto is te groot. Een foto mag hoogstens 10 MB zijn."),
    "not_an_image": _(
        "Dit bestand is geen foto. Kies een foto in JPG, PNG of WebP."
    ),
    "unsupported_format": _(
        "Deze soort foto kunnen we niet gebruiken. Kies een foto in JPG, PNG of WebP."
    ),
    "too_many_pixels": _(
        "Deze foto heeft te veel pixels. Een foto mag hoogstens 40 megapixel zijn. "
        "Maak de foto kleiner en probeer het opnieuw."
    ),
    "damaged": _(
        "Deze foto is beschadigd of niet helemaal geüpload. Probeer het opnieuw of kies een "
        "andere foto."
    ),
}


def refuse(code):
    return ValidationError(MESSAGES[code], code=code)


@dataclass(frozen=True)
class ImageInfo:
    """What ``inspect_upload`` learned about an accepted upload."""

    format: str  # "JPEG", "PNG" or "WEBP", as Pillow recognised it from the bytes
    width: int
    height: int
    data: bytes
    is_animated: bool = False


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int


def read_limited(file, limit=MAX_UPLOAD_BYTES):
    """At most ``limit`` bytes of ``file``; more than that is refused.

    The declared size is only a shortcut for an early refusal: it comes from the client, so the
    bytes are counted as well and reading stops one byte past the limit.
    """
    declared = getattr(file, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise refuse("too_large")
    if hasattr(file, "seek"):
        file.seek(0)
    chunks, total = [], 0
    while total <= limit:
        chunk = file.read(min(READ_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise refuse("too_large")
    return b"".join(chunks)


OTHER_IMAGE_SIGNATURES = (
    b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00",
    b"8BPS", b"\xff\x0a", b"\x00\x00\x00\x0cJXL ",
)
ISO_MEDIA_IMAGE_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis")


def looks_like_other_image(data):
    """True for image formats we do not take (GIF, BMP, TIFF, ICO, PSD, JPEG XL, HEIC, AVIF, SVG).

    Only to choose the clearer message: "wrong kind of photo" (say, an iPhone HEIC photo)
    rather than "not a photo". It never lets anything in.
    """
    if data.startswith(OTHER_IMAGE_SIGNATURES):
        return True
    if data[4:8] == b"ftyp" and data[8:12] in ISO_MEDIA_IMAGE_BRANDS:
        return True
    return b"<svg" in data[:4096].lower()


def open_checked(data, max_pixels=None):
    """Open ``data`` with Pillow and check format and pixel count, without decoding pixels.

    ``Image.open`` reads only the header. Pillow's own decompression-bomb warning becomes an
    error here, so nothing slips through as a mere warning in the logs.
    """
    max_pixels = MAX_PIXELS if max_pixels is None else max_pixels
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # Some library switched this on for the whole process; damaged files would pass.
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Only the three plugins we accept get to parse the bytes: less code exposed to
            # hostile input than letting Pillow try each of its thirty-odd formats.
            image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise refuse("too_many_pixels") from None
        except UnidentifiedImageError:
            code = "unsupported_format" if looks_like_other_image(data) else "not_an_image"
            raise refuse(code) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise refuse("damaged") from None
    if image.format not in ALLOWED_FORMATS:
        image.close()
        raise refuse("unsupported_format")
    width, height = image.size
    if width < 1 or height < 1:
        image.close()
        raise refuse("damaged")
    if width * height > max_pixels:
        image.close()
        raise refuse("too_many_pixels")
    return image


def decode(data, max_pixels=None, draft_size=None):
    """Open and fully decode ``data``: the image, its pixels loaded (the first frame).

    ``draft_size`` lets the JPEG decoder scale down by 1/2, 1/4 or 1/8 while decoding, which
    saves most of the memory and time for a large photo that will be shrunk anyway.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = open_checked(data, max_pixels)
        try:
            if draft_size and image.format == "JPEG":
                image.draft(image.mode, draft_size)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            image.close()
            raise refuse("too_many_pixels") from None
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError):
            image.close()
            raise refuse("damaged") from None
    return image


def inspect_upload(file, max_pixels=None):
    """Check an uploaded file; return an ``ImageInfo`` or raise a ``ValidationError``.

    Codes: too_large, not_an_image, unsupported_format, too_many_pixels, damaged.
    """
    data = read_limited(file)
    if not data:
        raise refuse("not_an_image")
    image = open_checked(data, max_pixels)
    image_format, (width, height) = image.format, image.size
    is_animated = bool(getattr(image, "is_animated", False))
    # verify() checks what the format can check without decoding (PNG: every chunk's CRC);
    # afterwards the image object is unusable, hence a fresh open for the full decode.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refuse("too_many_pixels") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise refuse("damaged") from None
    finally:
        image.close()
    decode(data, max_pixels).close()
    return ImageInfo(
        format=image_format, width=width, height=height, data=data, is_animated=is_animated
    )


def has_transparency(image):
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        alpha = image.getchannel("A")
    elif "transparency" in image.info:
        alpha = image.convert("RGBA").getchannel("A")
    else:
        return False
    lowest, _highest = alpha.getextrema()
    return lowest < 255


def to_srgb(image):
    """Pixels in sRGB, the colours a browser assumes once the ICC profile is gone.

    Phone photos often carry a Display P3 or Adobe RGB profile; dropping it without converting
    makes the colours dull. If the profile cannot be used, the plain conversion is good enough.
    """
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            logger.info("Ignoring an unusable ICC profile in an uploaded image")
    return image


def normalise_mode(image, keep_alpha):
    """RGB (or L for greyscale) for JPEG; RGBA for PNG with transparency."""
    if keep_alpha:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits; a plain convert would clip everything to white.
        return image.point(lambda value: value / 256).convert("L")
    if image.mode == "L":
        return image
    return image.convert("RGB")


def upright_copy(image):
    """A copy turned the way the EXIF Orientation says; the original info (ICC) kept."""
    try:
        upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError):
        # Unreadable EXIF: nothing to turn by, and it is dropped anyway.
        upright = image.copy()
    upright.info = dict(image.info)
    return upright


def stored_name(extension, width, height):
    return f"{uuid.uuid4().hex}-{width}x{height}.{extension}"


def reencode(file, info=None):
    """A clean copy of an accepted upload, as a ``ContentFile`` with a new random name.

    ``info`` is the result of ``inspect_upload`` when the caller already has it.
    """
    info = info or inspect_upload(file)
    image = decode(info.data, draft_size=(MAX_STORED_SIDE, MAX_STORED_SIDE))
    try:
        upright = upright_copy(image)
        keep_alpha = has_transparency(upright)
        upright = to_srgb(upright)
        upright = normalise_mode(upright, keep_alpha)
        upright.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
        # A new image from the pixels alone: no info dict, so no EXIF, XMP, ICC, comment,
        # text chunk or anything else the upload carried can be written out again.
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    finally:
        image.close()
    output = io.BytesIO()
    if keep_alpha:
        clean.save(output, "PNG", optimize=True)
        extension = "png"
    else:
        clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        extension = "jpg"
    return ContentFile(output.getvalue(), name=stored_name(extension, *clean.size))


def stored_dimensions(name):
    """(width, height) from a name made by ``reencode``, or None for an older upload."""
    match = STORED_NAME.match(PurePosixPath(name or "").name)
    if not match:
        return None
    return int(match["width"]), int(match["height"])


def image_dimensions(field_file):
    """(width, height) of a stored image: from its name, else (older uploads) from the file."""
    dimensions = stored_dimensions(field_file.name)
    if dimensions:
        return dimensions
    try:
        return field_file.width, field_file.height
    except (OSError, ValueError, TypeError):
        return None


def rendition_widths(original_width):
    """The rendition widths for a photo this wide: never wider than the photo itself.

    A photo narrower than the largest width gets one rendition at its own width, so a wide
    screen still has a sharp candidate in the srcset.
    """
    return sorted({min(width, original_width) for width in RENDITION_WIDTHS})


def rendition_name(name, width):
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}.webp"))


def make_renditions(field_file):
    """Create the missing WebP renditions of a stored image; return the names created.

    Idempotent: existing renditions are left alone.
    """
    if not field_file:
        return []
    storage, name = field_file.storage, field_file.name
    dimensions = stored_dimensions(name)
    if dimensions:
        missing = [
            width for width in rendition_widths(dimensions[0])
            if not storage.exists(rendition_name(name, width))
        ]
        if not missing:
            return []
    with storage.open(name, "rb") as stored:
        data = read_limited(stored)
    image = decode(data)
    created = []
    try:
        # Older uploads (from before re-encoding) may still need turning upright.
        upright = upright_copy(image)
        upright = normalise_mode(upright, keep_alpha=has_transparency(upright))
        for width in rendition_widths(upright.width):
            target = rendition_name(name, width)
            if storage.exists(target):
                continue
            height = max(1, round(upright.height * width / upright.width))
            resized = (
                upright if width == upright.width
                else upright.resize((width, height), Image.Resampling.LANCZOS)
            )
            pixels_only = Image.frombytes(resized.mode, resized.size, resized.tobytes())
            output = io.BytesIO()
            pixels_only.save(output, "WEBP", quality=WEBP_QUALITY, method=6)
            created.append(storage.save(target, ContentFile(output.getvalue())))
    finally:
        image.close()
    return created


def rendition_urls(field_file):
    """[(url, width), ...] of the renditions that exist, narrowest first.

    One ``storage.exists`` per width: a stat call on the local file system, cheap at this scale.
    """
    if not field_file:
        return []
    dimensions = image_dimensions(field_file)
    if not dimensions:
        return []
    storage, name = field_file.storage, field_file.name
    return [
        (storage.url(rendition_name(name, width)), width)
        for width in rendition_widths(dimensions[0])
        if storage.exists(rendition_name(name, width))
    ]

