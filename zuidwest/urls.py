from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from . import views

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("zuidwest.site_urls")),
    path("", include("alliances.urls")),
    path("", include("initiatives.urls")),
    path("", include("locations.urls")),
    path("partner/", include("zuidwest.partner_urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = views.page_not_found
handler500 = views.server_error
