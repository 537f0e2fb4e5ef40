"""/api/v1 without a slash, the `servers` URL of the OpenAPI document: the API's index, not a
redirect to /api/v1/ (APPEND_SLASH would send one without the API's headers)."""

from django.urls import path
from drf_spectacular.utils import extend_schema

from .index import ApiIndex


@extend_schema(exclude=True)  # documented once, as the path "/" below the servers URL
class ApiRoot(ApiIndex):
    pass


urlpatterns = [path("", ApiRoot.as_view(), name="api_root")]
