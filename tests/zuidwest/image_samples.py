"""Image files built in memory for the upload tests: good photos and hostile ones.

Every helper returns a ``SimpleUploadedFile``, the object Django hands a form after an upload.
The file name and content type are whatever the helper is told: an attacker controls both.
"""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

GPS_IFD = 0x8825
ORIENTATION = 0x0112
IMAGE_DESCRIPTION = 0x010E
GPS_LATITUDE_REF, GPS_LATITUDE = 1, 2

SECRET_PLACE = "Moerwijk-secret-spot"
XMP_MARKER = "zuidwest-xmp-marker"
COMMENT_MARKER = "zuidwest-jpeg-comment"
PNG_TEXT_MARKER = "zuidwest-png-text"

XMP_PACKET = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f'<rdf:Description about="">{XMP_MARKER}</rdf:Description>'
    "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
)


def upload(data, name, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def picture(size=(80, 40), mode="RGB"):
    """A picture whose left half is red and right half blue, so turning it is visible."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    return image.convert(mode)


def encode(image, image_format, **params):
    output = io.BytesIO()
    image.save(output, image_format, **params)
    return output.getvalue()


def jpeg(size=(80, 40), name="photo.jpg", **params):
    return upload(encode(picture(size), "JPEG", **params), name)


def png(size=(80, 40), mode="RGB", name="photo.png", **params):
    return upload(encode(picture(size, mode), "PNG", **params), name, "image/png")


def webp(size=(80, 40), mode="RGB", name="photo.webp", **params):
    return upload(encode(picture(size, mode), "WEBP", **params), name, "image/webp")


def gps_exif(orientation=6):
    """EXIF as a phone writes it: where the photo was taken and which way is up."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[IMAGE_DESCRIPTION] = SECRET_PLACE
    gps = exif.get_ifd(GPS_IFD)
    gps[GPS_LATITUDE_REF] = "N"
    gps[GPS_LATITUDE] = (52.0, 2.0, 30.0)
    return exif


def phone_jpeg(size=(80, 40), name="IMG_0001.jpg"):
    """A JPEG with GPS, Orientation 6 (turn 90 degrees clockwise), XMP and a COM comment."""
    data = encode(
        picture(size), "JPEG", exif=gps_exif(), xmp=XMP_PACKET.encode(),
        comment=COMMENT_MARKER,
    )
    return upload(data, name)


def png_text_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", PNG_TEXT_MARKER)
    info.add_itxt("Description", PNG_TEXT_MARKER + "-itxt")
    info.add_text("Software", PNG_TEXT_MARKER + "-ztxt", zip=True)
    info.add_text("XML:com.adobe.xmp", XMP_PACKET)
    return info


def png_with_text(name="diagram.png"):
    data = encode(picture(), "PNG", pnginfo=png_text_chunks(), exif=gps_exif(1))
    return upload(data, name, "image/png")


def webp_with_metadata(name="photo.webp"):
    data = encode(picture(), "WEBP", exif=gps_exif(1), xmp=XMP_PACKET.encode())
    return upload(data, name, "image/webp")


def transparent_png(name="logo.png"):
    image = Image.new("RGBA", (60, 30), (0, 0, 0, 0))
    image.paste((20, 120, 60, 255), (10, 5, 50, 25))
    data = encode(image, "PNG", pnginfo=png_text_chunks(), exif=gps_exif(1))
    return upload(data, name, "image/png")


def gif_named_png(name="photo.png"):
    return upload(encode(picture(), "GIF"), name, "image/png")


def heic_named_jpg(name="photo.jpg"):
    """Just the start of an iPhone HEIC file: the ftyp box with the heic brand."""
    return upload(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, name)


def script_named_jpg(name="photo.jpg"):
    data = b"<?php system($_GET['cmd']); ?>\n<html><body>hello</body></html>\n"
    return upload(data, name)


def svg_named_png(name="photo.png"):
    data = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
        b'height="10"><script>alert(document.cookie)</script></svg>'
    )
    return upload(data, name, "image/png")


def truncated_jpeg(size=(400, 300)):
    """A real JPEG cut in half, as after a broken upload."""
    image = Image.effect_noise(size, 64).convert("RGB")
    data = encode(image, "JPEG", quality=90)
    return upload(data[: len(data) // 2], "half.jpg")


def png_chunk(kind, body):
    return (
        struct.pack(">I", len(body)) + kind + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def bomb_png(width=10_000, height=10_000):
    """A PNG that declares width x height greyscale pixels (100 megapixels by default).

    All zeros compress to almost nothing: a few kilobytes that would take 100 MB of memory to
    decode. Written chunk by chunk, so the test does not have to decode it either.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + pixels
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    data = (
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )
    return upload(data, "bomb.png", "image/png")


def png_one_row(width, height):
    """A PNG that declares width x height but holds the pixels of one row only.

    Pillow reads the size from it; decoding then runs out of data. For the pixel limits
    without building (and decoding) a real photo of that size.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1))
    data = (
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )
    return upload(data, "one-row.png", "image/png")


def zero_bytes(size, name="huge.jpg"):
    return upload(bytes(size), name)


class LyingSizeFile(io.BytesIO):
    """A file that claims to be small but is not: the size of an upload comes from the client."""

    size = 100
    name = "photo.jpg"


def animated_webp(name="animation.webp"):
    frames = [Image.new("RGB", (40, 20), colour) for colour in ("red", "green", "blue")]
    data = encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100)
    return upload(data, name, "image/webp")
