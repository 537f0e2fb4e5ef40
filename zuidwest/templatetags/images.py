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


@register.inclusion_tag("components/responsive_image.html")
def responsive_image(field_file, alt, sizes=DEFAULT_SIZES, loading="lazy", **attributes):
    """Render an <img> with srcset; render nothing (and log) without a photo or alt text.

    ``class`` is passed as a keyword (``class="cover-image"``) and lands in ``attributes``.
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
        "sizes": sizes if renditions else "",
        "alt": alt,
        "width": dimensions[0] if dimensions else None,
        "height": dimensions[1] if dimensions else None,
        "css_class": attributes.get("class", ""),
        "loading": loading,
    }
