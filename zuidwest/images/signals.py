"""Make the WebP renditions of a photo as soon as a record with that photo is saved, for every
image field of every installed model: the fields are found, not listed.

Renditions are made by a background task (zuidwest/tasks.py), not in the request: the save
queues one task per photo field, which loads the record and makes what is missing. Until then
the page falls back to the photo itself.

Old files are not deleted when a photo is replaced: the review workflow keeps earlier versions
of a page, photo name included, and staff can restore one. Removing files that no row and no
revision uses any more is a job for a cleanup command that knows about both.

Before a record is saved, a photo still waiting for staff that the record now shows on the site
is moved to where nginx serves it (pending.py).
"""

import logging

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save, pre_save

from zuidwest import caching
from zuidwest.tasks import retried_task

from .pending import publish_shown_photos
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
        if isinstance(field, models.ImageField) and getattr(instance, field.name):
            # Not on commit: on the database backend the task row commits (or rolls back)
            # with the record itself; the immediate backend runs it in the same transaction.
            make_renditions_task.enqueue(sender._meta.label_lower, instance.pk, field.name)


@retried_task
def make_renditions_task(model_label, pk, field_name):
    """Make the missing renditions of the photo the record has now; returns how many."""
    record = apps.get_model(model_label)._default_manager.filter(pk=pk).first()
    if record is None or not getattr(record, field_name):
        return 0
    field_file = getattr(record, field_name)
    try:
        made = len(make_renditions(field_file))  # does nothing when they all exist
    except ValidationError:
        # A damaged file stays damaged: no retry. The page falls back to the photo itself.
        logger.exception("Could not make renditions of %s", field_file.name)
        return 0
    if made and caching.may_be_on_site(record):
        # Pages cached before the renditions existed list the photo without its srcset. A
        # photo of a row nobody sees yet (a new idea) changes no page.
        caching.content_changed()
    return made


def connect():
    for model in {model for model, _name in image_fields()}:
        pre_save.connect(
            publish_shown_photos, sender=model,
            dispatch_uid=f"{model._meta.label_lower}-publish-photos",
        )
        post_save.connect(
            make_image_renditions, sender=model,
            dispatch_uid=f"{model._meta.label_lower}-image-renditions",
        )
