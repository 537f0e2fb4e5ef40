"""Deleting uploaded photos nobody uses any more (a daily job).

A photo is stored as soon as a partner uploads it, before staff approve it; a version that is
rejected or replaced, or a form that is never saved, leaves its file behind, and nginx would
serve it by name for ever. Each day this deletes, with their renditions, the photos in the
image fields' folders that are used by no row and by no version still in play: a version
waiting for review or still a draft, an approved one (the page's history, which staff can
restore), or the newest version of its page whatever its state (the partner may take a
rejected version up again). What was uploaded in the last day stays: it may belong to a form
someone is still filling in (zuidwest.partner keeps such a photo with the form).
"""

import re
import time
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db.models import Q

from zuidwest.tasks import retried_task

from .signals import image_fields
from .storage import PENDING

GRACE_SECONDS = 24 * 3600
# A stored photo as processing.reencode names it, and its renditions.
PHOTO = r"[0-9a-f]{32}-[0-9]{1,5}x[0-9]{1,5}\.(?:jpg|png)"
RENDITION = re.compile(r"(?P<photo>[0-9a-f]{32}-[0-9]{1,5}x[0-9]{1,5})-[0-9]{1,5}\.webp")


def _folders():
    folders = set()
    for model, name in image_fields():
        upload_to = model._meta.get_field(name).upload_to
        if isinstance(upload_to, str) and upload_to:
            folders.add(upload_to.rstrip("/"))
            folders.add(PENDING + upload_to.rstrip("/"))  # waiting for staff (storage.py)
    return sorted(folders)


def _photos_in_use(folders):
    from zuidwest.models import Revision

    in_use = set()
    for model, name in image_fields():
        in_use.update(model._default_manager.exclude(**{name: ""}).values_list(name, flat=True))
    newest = set()
    for model in {model for model, _name in image_fields()}:
        if any(field.name == "latest_revision" for field in model._meta.concrete_fields):
            newest.update(model._default_manager.exclude(latest_revision=None)
                          .values_list("latest_revision", flat=True))
    kept = Revision.objects.filter(~Q(state=Revision.State.REJECTED) | Q(pk__in=newest))
    pattern = re.compile("(?:" + "|".join(re.escape(f) for f in folders) + r")/" + PHOTO)
    for data in kept.values_list("data", flat=True).iterator():
        in_use.update(pattern.findall(str(data)))
    return in_use


def delete_unused_photos(storage=default_storage, grace_seconds=GRACE_SECONDS):
    """Delete unused photos and their renditions; returns how many files went."""
    folders = _folders()
    in_use = _photos_in_use(folders)
    # A rendition is "<folder>/<photo's stem>-<width>.webp" (processing.rendition_name).
    kept_stems = {str(PurePosixPath(name).with_suffix("")) for name in in_use}
    deleted = 0
    for folder in folders:
        if not storage.exists(folder):
            continue
        for filename in storage.listdir(folder)[1]:
            name = f"{folder}/{filename}"
            rendition = RENDITION.fullmatch(filename)
            if rendition:
                if f"{folder}/{rendition['photo']}" in kept_stems:
                    continue
            elif not re.fullmatch(PHOTO, filename) or name in in_use:
                continue
            if time.time() - storage.get_modified_time(name).timestamp() < grace_seconds:
                continue
            storage.delete(name)
            deleted += 1
    return deleted


@retried_task
def delete_unused_photos_task():
    return delete_unused_photos()
