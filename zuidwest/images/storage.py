"""Where uploaded photos are kept: approved ones where the web server serves them, the rest not.

A photo a partner or a resident uploads waits for staff: in a partner's version under review,
or on an idea until staff approve its photo. Such a photo is stored under a name starting with
PENDING ("pending/places/<random>.jpg"), which this storage keeps in PRIVATE_MEDIA_ROOT, a folder
nginx does not serve; its address is a view that checks who asks (zuidwest.partner.photos).
Once the photo is shown on the site it is moved to its public name (pending.py). Staff uploads
in the admin are public at once: staff approve as they go.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils._os import safe_join

PENDING = "pending/"


def is_pending(name):
    return bool(name) and str(name).startswith(PENDING)


class PhotoStorage(FileSystemStorage):
    """The default storage: MEDIA_ROOT, except for names under PENDING."""

    def path(self, name):
        if is_pending(name):
            return safe_join(settings.PRIVATE_MEDIA_ROOT, name.removeprefix(PENDING))
        return super().path(name)

    def _save(self, name, content):
        if not is_pending(name):
            return super()._save(name, content)
        private = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
        return PENDING + private._save(name.removeprefix(PENDING), content)

    def url(self, name):
        if is_pending(name):
            return reverse("partner:pending_photo", kwargs={"name": name.removeprefix(PENDING)})
        return super().url(name)
