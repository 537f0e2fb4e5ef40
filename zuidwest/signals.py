"""Make the WebP renditions of a photo as soon as a record with that photo is saved.

Renditions are made during the request: three small WebP files from a photo of at most 2560
pixels take well under a second. With many uploads this would move to a task queue.

Old files are not deleted when a photo is replaced: the review workflow (zuidwest.review) keeps
earlier versions of a page, photo name included, and staff can restore one. Removing files that
no row and no revision uses any more is a job for a cleanup command that knows about both.
"""

import logging

from django.core.exceptions import ValidationError
from django.db.models.signals import post_save

from initiatives.models import Initiative
from locations.models import Place
from zuidwest.images import make_renditions

logger = logging.getLogger(__name__)

# Model -> name of its image field.
IMAGE_FIELDS = {Initiative: "cover_image", Place: "image"}


def make_image_renditions(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the files are whatever the fixture says
        return
    field_file = getattr(instance, IMAGE_FIELDS[sender])
    if not field_file:
        return
    try:
        make_renditions(field_file)  # does nothing when they all exist
    except (ValidationError, OSError):
        # The record is saved; the page falls back to the photo itself.
        logger.exception("Could not make renditions of %s", field_file.name)


def connect():
    for model in IMAGE_FIELDS:
        post_save.connect(
            make_image_renditions, sender=model,
            dispatch_uid=f"{model._meta.label_lower}-image-renditions",
        )
