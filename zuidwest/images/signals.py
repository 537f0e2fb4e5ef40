"""Make the WebP renditions of a photo as soon as a record with that photo is saved, for every
image field of every installed model: the fields are found, not listed.

Renditions are made during the request: three small WebP files from a photo of at most 2560
pixels take well under a second.

Old files are not deleted when a photo is replaced: the review workflow keeps earlier versions
of a page, photo name included, and staff can restore one. Removing files that no row and no
revision uses any more is a job for a cleanup command that knows about both.
"""

import logging

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save

from .processing import make_renditions

logger = logging.getLogger(__name__)


def image_fields():
    """[(model, field name)] of every ImageField on a concrete installed model."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ImageField)
    ]


def make_image_renditions(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the files are whatever the fixture says
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        field_file = getattr(instance, field.name)
        if not field_file:
            continue
        try:
            make_renditions(field_file)  # does nothing when they all exist
        except (ValidationError, OSError):
            # The record is saved; the page falls back to the photo itself.
            logger.exception("Could not make renditions of %s", field_file.name)


def connect():
    for model in {model for model, _name in image_fields()}:
        post_save.connect(
            make_image_renditions, sender=model,
            dispatch_uid=f"{model._meta.label_lower}-image-renditions",
        )
