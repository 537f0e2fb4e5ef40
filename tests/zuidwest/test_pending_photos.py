"""Photos that wait for staff are kept where nginx does not serve them (PRIVATE_MEDIA_ROOT) and
are shown through a view that checks who asks; approval moves them to their public name."""

import os
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.urls import reverse

from ideas.models import Idea
from tests.factories import (
    InitiativeFactory,
    OrganisationFactory,
    StaffUserFactory,
    partner_user,
)
from tests.partner_helpers import form_data, url
from tests.zuidwest import image_samples
from zuidwest import review
from zuidwest.images.cleanup import delete_unused_photos

pytestmark = pytest.mark.django_db


def upload(client, initiative, **changes):
    data = form_data(client.get(url("initiative", "edit", initiative)))
    data.update({"cover_image": image_samples.phone_jpeg(),
                 "cover_image_alt": "Buren aan een lange tafel.", **changes})
    return client.post(url("initiative", "edit", initiative), data)


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def initiative(organisation):
    return InitiativeFactory(lead_organisation=organisation, is_published=True)


@pytest.fixture
def waiting(partner_client, initiative, media_root):
    """The name of a photo in a version that waits for review."""
    assert upload(partner_client, initiative).status_code == 302
    revision = review.latest_revision(initiative)
    review.submit(revision, user=revision.created_by)
    return revision.data["fields"]["cover_image"]


def test_a_new_photo_waits_outside_the_folder_nginx_serves(waiting, media_root):
    assert waiting.startswith("pending/initiatives/")
    served = [name for name in files_under(media_root) if not name.startswith("private/")]
    assert served == []
    kept = files_under(media_root / "private")
    assert waiting.removeprefix("pending/") in kept
    assert any(name.endswith(".webp") for name in kept)  # the preview's renditions, too


def test_the_partner_and_staff_see_it_and_nobody_else(waiting, partner_client, client, initiative):
    address = default_storage.url(waiting)
    assert address.startswith("/partner/foto-in-behandeling/initiatives/")
    assert address in partner_client.get(url("initiative", "preview", initiative)).content.decode()

    response = partner_client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    b"".join(response.streaming_content)

    client.logout()
    assert client.get(address).status_code == 302  # to the login page

    client.force_login(partner_user(OrganisationFactory(name="Een andere stichting")))
    assert client.get(address).status_code == 404

    reviewer = StaffUserFactory(is_superuser=False)
    client.force_login(reviewer)
    assert client.get(address).status_code == 404  # staff without the right to view pages
    reviewer.user_permissions.add(Permission.objects.get(codename="view_initiative"))
    client.force_login(type(reviewer).objects.get(pk=reviewer.pk))
    assert client.get(address).status_code == 200


def test_a_rendition_is_shown_when_its_photo_is(waiting, partner_client, client):
    [rendition] = [name for name in files_under(Path(default_storage.path("pending/initiatives")))
                   if name.endswith(".webp")][:1]
    address = reverse("partner:pending_photo", kwargs={"name": f"initiatives/{rendition}"})
    assert partner_client.get(address)["Content-Type"] == "image/webp"
    client.logout()
    client.force_login(partner_user(OrganisationFactory(name="Een andere stichting")))
    assert client.get(address).status_code == 404


def test_a_photo_kept_with_a_refused_form_is_shown_to_who_uploaded_it(partner_client, initiative,
                                                                      media_root):
    refused = upload(partner_client, initiative, cover_image_alt="")
    kept = refused.context["pending_photos"]["cover_image"]
    assert partner_client.get(default_storage.url(kept)).status_code == 200


@pytest.mark.parametrize("name", ["../settings.py", "initiatives/../../geheim.jpg",
                                  "initiatives/foto.jpg", "initiatives/" + "a" * 32 + ".gif"])
def test_a_name_that_is_no_stored_photo_is_not_found(staff_client, name):
    address = reverse("partner:pending_photo", kwargs={"name": name})
    assert staff_client.get(address).status_code == 404


def test_approval_moves_the_photo_to_its_public_name(waiting, initiative, staff, client,
                                                     media_root):
    revision = review.latest_revision(initiative)
    review.approve(revision, staff=staff)

    public = waiting.removeprefix("pending/")
    initiative.refresh_from_db()
    assert initiative.cover_image.name == public
    assert (media_root / public).exists()
    assert not (media_root / "private" / public).exists()
    assert [name for name in files_under(media_root / "private") if name.endswith(".webp")] == []
    assert any(name.endswith(".webp") for name in files_under(media_root / "initiatives"))
    # The version says so too: the next edit starts from the public photo.
    revision.refresh_from_db()
    assert revision.data["fields"]["cover_image"] == public
    assert review.working_data(initiative)["fields"]["cover_image"] == public
    assert f"/media/{public}" in client.get(initiative.get_absolute_url()).content.decode()


def test_an_ideas_photo_is_published_when_staff_approve_it(client, media_root):
    from tests.factories import NeighbourhoodFactory
    from tests.ideas.test_ideas import form_data as idea_form_data

    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    client.post(reverse("ideas:idea_create"),
                {**idea_form_data(moerwijk), "photo": image_samples.phone_jpeg()})
    idea = Idea.objects.get()
    assert idea.photo.name.startswith("pending/ideas/")
    assert idea.photo.name.removeprefix("pending/") in files_under(media_root / "private")
    assert files_under(media_root / "ideas") == []

    idea.photo_approved, idea.photo_alt = True, "Een lege bushalte."
    idea.save()

    idea.refresh_from_db()
    assert idea.photo.name.startswith("ideas/")
    assert (media_root / idea.photo.name).exists()
    assert files_under(media_root / "private") == []


def test_the_daily_job_deletes_waiting_photos_nobody_uses(waiting, media_root, initiative):
    orphan = media_root / "private" / "initiatives" / f"{7:032x}-800x600.jpg"
    orphan.write_bytes(b"x")
    old = time.time() - 2 * 24 * 3600
    os.utime(orphan, (old, old))

    assert delete_unused_photos() == 1
    assert not orphan.exists()
    assert (media_root / "private" / waiting.removeprefix("pending/")).exists()
