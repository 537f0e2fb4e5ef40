"""The site's URLs: the one place in the core that names the domain apps (by their URL modules
only): each app's public pages, and the partner accounts from alliances beside the partner
area."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import Http404
from django.urls import include, path
from django.views.static import serve

from . import errors

urlpatterns = [
    path(".well-known/security.txt", errors.security_txt, name="security_txt"),
    # Before the admin itself: addresses of models that moved to an app of their own.
    path("beheer/", include("initiatives.admin_redirects")),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1", include("opendata.api.root_urls")),
    path("api/v1/", include("opendata.api.urls")),
    path("", include("opendata.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("site_pages.urls")),
    path("", include("alliances.urls")),
    path("", include("initiatives.urls")),
    path("", include("funding.urls")),
    path("", include("progress.urls")),
    path("", include("signups.urls")),
    path("", include("work.urls")),
    path("", include("locations.urls")),
    path("", include("ideas.urls")),
    path("", include("opendata.page_urls")),
    path("", include("following.urls")),
    path("partner/", include("alliances.accounts.urls")),
    path("partner/", include("zuidwest.partner.urls")),
    prefix_default_language=False,
)


def serve_media(request, path):
    """Uploaded files in development (nginx serves them in production). A name the file system
    refuses (longer than it allows) is a file that does not exist: 404, not 500."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError:
        raise Http404(path) from None


if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve_media)]

handler404 = errors.page_not_found
handler500 = errors.server_error
