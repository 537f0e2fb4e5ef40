"""Uploaded photos no page and no version in play uses any more (rejected, replaced, or uploaded
with a form that was never saved) are deleted by a daily job, with their renditions."""

import os
import time
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from tests.factories import PlaceFactory
from zuidwest.images.cleanup import delete_unused_photos
from zuidwest.models import Revision
from zuidwest.tasks import daily_tasks

pytestmark = pytest.mark.django_db

DAY = 24 * 3600


def stored(media_root, name, age=2 * DAY, renditions=(320,)):
    """A photo (and renditions) as zuidwest.images stores them, `age` seconds old."""
    paths = [media_root / name] + [
        media_root / name.replace(".jpg", f"-{width}.webp") for width in renditions]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        os.utime(path, (time.time() - age, time.time() - age))
    return paths


def photo(n):
    return f"places/{n:032x}-800x600.jpg"


def revision(place, state, name):
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(place), object_id=place.pk,
        data={"fields": {"image": name, "name": place.name}}, state=state,
        decision_reason="Geen goede foto." if state == Revision.State.REJECTED else "")


def test_photos_in_use_stay_and_the_rest_go(media_root):
    place = PlaceFactory()
    live = stored(media_root, photo(1))
    type(place).objects.filter(pk=place.pk).update(image=photo(1), image_alt="De buurtkamer")
    waiting = stored(media_root, photo(2))
    revision(place, Revision.State.SUBMITTED, photo(2))
    history = stored(media_root, photo(3))
    revision(place, Revision.State.APPROVED, photo(3))
    rejected = stored(media_root, photo(4))
    revision(place, Revision.State.REJECTED, photo(4))
    latest = revision(place, Revision.State.DRAFT, photo(2))  # the partner moved on
    type(place).objects.filter(pk=place.pk).update(latest_revision=latest)
    orphan = stored(media_root, photo(5))  # a form that was never saved
    just_uploaded = stored(media_root, photo(6), age=3600)  # a form still being filled in
    elsewhere = media_root / "documenten" / "iets.pdf"  # not a photo folder: left alone
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"%PDF")

    deleted = delete_unused_photos()

    assert deleted == 4  # two photos with one rendition each
    for path in live + waiting + history + just_uploaded + [elsewhere]:
        assert path.exists(), path
    for path in rejected + orphan:
        assert not path.exists(), path


def test_a_rejected_photo_that_is_the_pages_newest_version_stays(media_root):
    """The partner can still take the rejected version up again."""
    place = PlaceFactory()
    paths = stored(media_root, photo(7))
    newest = revision(place, Revision.State.REJECTED, photo(7))
    type(place).objects.filter(pk=place.pk).update(latest_revision=newest)
    assert delete_unused_photos() == 0
    assert all(path.exists() for path in paths)


def test_the_clean_up_is_a_daily_job(media_root):
    assert "zuidwest.images.cleanup.delete_unused_photos_task" in [
        job.module_path for job in daily_tasks]
    paths = stored(media_root, photo(8))
    call_command("enqueue_daily_tasks", stdout=StringIO())
    assert not any(path.exists() for path in paths)
