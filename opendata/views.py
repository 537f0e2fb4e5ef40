import hashlib
import json
from functools import wraps

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from zuidwest.ui.links import absolute_url

from . import grants


def revalidated(view):
    """An ETag from the content, and 304 Not Modified when the client already has it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return wrapper


@require_safe
@cache_control(public=True, max_age=300)
@revalidated
def grants_json(request):
    response = HttpResponse(
        json.dumps(grants.package(), ensure_ascii=False, indent=1),
        content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cache_control(public=True, max_age=300)
@revalidated
def grants_csv(request):
    response = HttpResponse(grants.as_csv(grants.package()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="regio-deal-zuidwest-360giving.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def robots_txt(request):
    """Search engines: everything public, not the partner area, the admin or search results
    (in both languages); the sitemap."""
    lines = ["User-agent: *"]
    for prefix in ("", "/en"):
        lines += [f"Disallow: {prefix}/partner/", f"Disallow: {prefix}/zoeken/"]
    lines += ["Disallow: /beheer/", "",
              f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class OpenDataView(TemplateView):
    template_name = "opendata/open_data.html"
