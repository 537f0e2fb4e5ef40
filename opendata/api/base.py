"""What every API view shares: anonymous and read-only, rate-limited per IP address, the
`API-Version` header, CORS for other sites' scripts (also their preflight requests), and ETag
revalidation (304)."""

import hashlib
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle

from zuidwest.client_ip import client_ip
from zuidwest.ui.links import absolute_url

# Seconds a client or shared cache may reuse a response without asking again.
MAX_AGE = 60
# What a script on another site may send: the methods, and the request headers beyond the
# CORS-safelisted ones it needs for revalidation (ETag) and content negotiation (GeoJSON,
# language). Seconds a browser may remember the answer to a preflight request.
CORS_ALLOW_METHODS = "GET, HEAD, OPTIONS"
CORS_ALLOW_HEADERS = "Accept, Accept-Language, If-None-Match"
CORS_EXPOSE_HEADERS = "API-Version, ETag, Retry-After"
CORS_PREFLIGHT_MAX_AGE = 86400


def with_cors(response):
    response["API-Version"] = settings.API_VERSION
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
    return response


def preflight_response():
    """204 to OPTIONS: the methods and headers a browser may use (CORS preflight)."""
    response = HttpResponse(status=204)
    response["Allow"] = CORS_ALLOW_METHODS
    response["Access-Control-Allow-Methods"] = CORS_ALLOW_METHODS
    response["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
    response["Access-Control-Max-Age"] = str(CORS_PREFLIGHT_MAX_AGE)
    return with_cors(response)


class AnonymousRateThrottle(AnonRateThrottle):
    """Per IP address, at the rate of the API_RATE_LIMIT setting (read per request, so tests
    and deployments can change it)."""

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_ident(self, request):
        # The portal's one idea of the visitor's address (DRF's own reads X-Forwarded-For
        # in its own way).
        return client_ip(request)


def _is_whole_number(text, lowest, highest=None):
    return (text.isascii() and text.isdigit() and lowest <= int(text)
            and (highest is None or int(text) <= highest))


class Pagination(PageNumberPagination):
    """`page` and `pageSize` (1 to 200); a value that is no such number is a 400, not quietly
    the default."""

    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 200

    def get_page_size(self, request):
        page = request.query_params.get("page")
        if page is not None and not _is_whole_number(page, 1):
            raise ParseError(_("'page' is een heel getal vanaf 1."))
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and not _is_whole_number(size, 1, self.max_page_size):
            raise ParseError(_("'pageSize' is een heel getal van 1 tot en met %(highest)s.") % {
                "highest": self.max_page_size})
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    # DRF builds the next and previous links from the Host header; the site's address instead.
    def get_next_link(self):
        return self._at_site_address(super().get_next_link())

    def get_previous_link(self):
        return self._at_site_address(super().get_previous_link())

    def _at_site_address(self, link):
        if link is None:
            return None
        parts = urlsplit(link)
        return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class GeoJSONRenderer(JSONRenderer):
    """RFC 7946. The view turns its data into Features when this renderer was chosen."""

    media_type = "application/geo+json"
    format = "geojson"


def wants_geojson(request):
    renderer = getattr(request, "accepted_renderer", None)
    return isinstance(renderer, GeoJSONRenderer)


class PublicApiMixin:
    """`query_parameters`: the names a view takes; any other is a 400 with the list."""

    query_parameters = ()
    # Read-only; OPTIONS only for CORS preflight requests; anything else is a 405.
    http_method_names = ["get", "head", "options"]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousRateThrottle]
    renderer_classes = [JSONRenderer]

    def options(self, request, *args, **kwargs):
        return preflight_response()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method == "OPTIONS":
            return  # a preflight carries no query of its own to check
        # `format` too: the API chooses JSON or GeoJSON by the Accept header only
        # (URL_FORMAT_OVERRIDE is off), so ?format= is as unknown as any other name.
        unknown = sorted(set(request.query_params) - set(self.query_parameters))
        if unknown:
            raise ParseError(_("Onbekende parameter: %(unknown)s. Mogelijk: %(known)s.") % {
                "unknown": ", ".join(name[:50] for name in unknown[:5]),
                "known": ", ".join(self.query_parameters) or _("geen")})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            response.render()
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
            response = get_conditional_response(request._request, etag=response["ETag"],
                                                response=response)
        return with_cors(response)
