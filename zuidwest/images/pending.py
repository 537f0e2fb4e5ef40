"""Photos that wait for staff (storage.py): storing them out of reach, publishing them once shown.

`store_pending` writes a new upload under its pending name. A row is saved with a pending photo
that it shows on the site (an approved version of a page, an idea whose photo staff approved):
`publish_shown_photos` (a pre_save receiver) moves the photo and its renditions to the public
name first, so the row never points the site at a file nginx cannot serve.
"""

from django.core.files.base import ContentFile
from django.db import models

from .processing import rendition_name, rendition_widths, stored_dimensions
from .storage import PENDING, is_pending


def store_pending(instance, model_field, file):
    """Store an accepted upload (a re-encoded ContentFile) as waiting; return its name."""
    name = PENDING + model_field.generate_filename(instance, file.name)
    return model_field.storage.save(name, file, max_length=model_field.max_length)


def shows_photo(instance, field_name):
    """Whether the row, saved as it is, puts this photo on the site: an approval flag of its
    own ("photo_approved") when the model has one, else the row being published."""
    approved = getattr(instance, f"{field_name}_approved", None)
    if approved is not None:
        return bool(approved)
    return bool(getattr(instance, "is_published", False))


def _move(storage, source, target):
    with storage.open(source, "rb") as file:
        saved = storage.save(target, ContentFile(file.read()))
    storage.delete(source)
    return saved


def publish(field_file):
    """Move a pending photo, and the renditions made for its preview, to the public name;
    return that name. A photo already public is left alone."""
    storage, name = field_file.storage, field_file.name
    if not is_pending(name):
        return name
    public = _move(storage, name, name.removeprefix(PENDING))
    dimensions = stored_dimensions(name)
    for width in rendition_widths(dimensions[0]) if dimensions else []:
        rendition = rendition_name(name, width)
        if storage.exists(rendition):
            _move(storage, rendition, rendition_name(public, width))
    return public


def publish_shown_photos(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the files are whatever the fixture says
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.FileField):
            continue
        field_file = getattr(instance, field.name)
        if (is_pending(field_file.name) and shows_photo(instance, field.name)
                and field_file.storage.exists(field_file.name)):
            setattr(instance, field.name, publish(field_file))

