"""The one way to show a version of a page as the public would see it: the page's public
template, with the context its spec's preview hook computes from the version itself, and a
banner that says it is a preview. The partner preview and the admin review both use it."""

from django.template.response import TemplateResponse

from .snapshots import as_shown
from .specs import spec_for

PREVIEW_TEMPLATE = "review/preview.html"


def render_preview(request, page, data, *, banner_template, extra_context=None):
    spec = spec_for(page)
    shown = as_shown(page, data)
    context = spec.preview_context(request, shown, page)
    context.update(
        preview=True,
        public_template=spec.public_template,
        preview_banner_template=banner_template,
        **(extra_context or {}),
    )
    response = TemplateResponse(request, PREVIEW_TEMPLATE, context)
    response["X-Robots-Tag"] = "noindex"
    return response
