"""``{% responsive_image %}``: a stored photo with its WebP renditions in a srcset.

Load with ``{% load images %}``::

    {% responsive_image initiative.cover_image initiative.cover_image_alt class="cover-image" %}

Width and height come from the stored name (``<uuid>-<width>x<height>.jpg``, see
``zuidwest.images``), so the browser reserves the space before the photo arrives and no file is
opened to render the page. Only older uploads, from before re-encoding, are read for their size.
"""

import logging

from django import template

from zuidwest.images.processing import image_dimensions, rendition_urls

logger = logging.getLogger(__name__)
register = template.Library()

DEFAULT_SIZES = "(min-width: 60rem) 60rem, 100vw"
# Named ``sizes`` for layouts used in many places. A card in a card list (portal.css,
# .card-list): the whole width on a phone, at most half the screen from two columns on, and a
# third of the container's 1224 px (less gutters) on a wide screen. In pixels, because a sizes
# value counts rem from the browser's 16 px, not from the theme's 18.
NAMED_SIZES = {"card": "(min-width: 1224px) 370px, (min-width: 640px) 50vw, 100vw"}


@register.inclusion_tag("components/responsive_image.html")
def responsive_image(field_file, alt, sizes=DEFAULT_SIZES, loading="lazy", **attributes):
    """Render an <img> with srcset; render nothing (and log) without a photo or alt text.

    ``class`` is passed as a keyword (``class="cover-image"``) and lands in ``attributes``.
    ``sizes`` is a sizes attribute or a name from ``NAMED_SIZES`` (``sizes="card"``).
    """
    if not field_file:
        return {}
    alt = str(alt or "").strip()
    if not alt:
        logger.warning("responsive_image without alt text for %s: not shown", field_file.name)
        return {}
    renditions = rendition_urls(field_file)
    dimensions = image_dimensions(field_file)
    return {
        "src": field_file.url,
        "srcset": ", ".join(f"{url} {width}w" for url, width in renditions),
        "sizes": NAMED_SIZES.get(sizes, sizes) if renditions else "",
        "alt": alt,
        "width": dimensions[0] if dimensions else None,
        "height": dimensions[1] if dimensions else None,
        "css_class": attributes.get("class", ""),
        "loading": loading,
    }
