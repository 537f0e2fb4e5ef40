"""Photos that wait for staff (zuidwest/images/storage.py), shown only to who needs them.

nginx does not serve them; this view does, to:
- staff who may view the rows of the photo's folder (a reviewer sees a version's new photo, a
  moderator an idea's photo);
- the partner who uploaded it in this session (a form with an error elsewhere keeps it), or who
  can edit a page one of whose versions holds it (the preview, the dashboard's versions).
A rendition ("<photo>-<width>.webp") is allowed when its photo is.
"""

import mimetypes
import re

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from zuidwest.images.signals import image_fields
from zuidwest.images.storage import PENDING
from zuidwest.review.models import Revision

from .kinds import page_kinds

SESSION_KEY = "partner_uploads"
KEPT_UPLOADS = 20
# "<folder>/<32 hex>-<w>x<h>" and then ".jpg"/".png", or "-<width>.webp" for a rendition.
NAME = re.compile(r"(?P<folder>[a-z]+)/(?P<stem>[0-9a-f]{32}-[0-9]{1,5}x[0-9]{1,5})"
                  r"(?:\.(?:jpg|png)|-[0-9]{1,5}\.webp)")


def remember_upload(request, name):
    """The partner who uploads a photo may see it back before any version holds it."""
    kept = request.session.get(SESSION_KEY, [])
    request.session[SESSION_KEY] = [*kept, name][-KEPT_UPLOADS:]


def _stem(name):
    match = NAME.fullmatch(name.removeprefix(PENDING))
    return f"{PENDING}{match['folder']}/{match['stem']}" if match else None


def _staff_may_see(user, folder):
    return user.is_staff and any(
        user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        for model, field in image_fields()
        if str(model._meta.get_field(field).upload_to).rstrip("/") == folder
    )


def _partner_may_see(request, stem):
    if any(_stem(name) == stem for name in request.session.get(SESSION_KEY, [])):
        return True
    for kind in page_kinds:
        content_type = ContentType.objects.get_for_model(kind.model)
        pages = kind.editable(request.user).values("pk")
        for field in kind.image_fields():
            if Revision.objects.filter(
                    content_type=content_type, object_id__in=pages,
                    **{f"data__fields__{field.name}__startswith": f"{stem}."}).exists():
                return True
    return False


@require_safe
@login_required
def pending_photo(request, name):
    match = NAME.fullmatch(name)
    if not match:
        raise Http404(name)
    stem = f"{PENDING}{match['folder']}/{match['stem']}"
    if not (_staff_may_see(request.user, match["folder"]) or _partner_may_see(request, stem)):
        raise Http404(name)  # as if it were not there: the name says nothing to a stranger
    stored = PENDING + name
    if not default_storage.exists(stored):
        raise Http404(name)
    response = FileResponse(default_storage.open(stored, "rb"),
                            content_type=mimetypes.guess_type(name)[0])
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
