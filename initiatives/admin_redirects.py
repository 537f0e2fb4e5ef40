"""Admin addresses from before funding, progress, work and sign-ups became apps of their own:
/beheer/initiatives/allocation/12/change/ now lives at /beheer/funding/allocation/12/change/.
Bookmarks and links in old mails keep working through a permanent redirect."""

from django.http import HttpResponsePermanentRedirect
from django.urls import re_path, reverse

MOVED_TO = {
    "fundingsource": "funding", "allocation": "funding", "allocationrevision": "funding",
    "spending": "funding",
    "indicator": "progress", "indicatortarget": "progress", "measurement": "progress",
    "output": "progress", "reportnarrative": "progress",
    "opportunity": "work",
    "signup": "signups",
}


def moved_admin_page(request, model, rest=""):
    address = f"{reverse('admin:index')}{MOVED_TO[model]}/{model}/{rest}"
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)


app_name = "moved_admin"

urlpatterns = [
    re_path(rf"^initiatives/(?P<model>{'|'.join(MOVED_TO)})/(?P<rest>.*)$", moved_admin_page,
            name="page"),
]
