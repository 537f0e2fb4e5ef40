"""Parts of a page kept in the cache between requests, never showing stale content.

A fragment's key holds everything it shows that is not content: the language, the moment's
flags ("Nu bezig", "Afgelopen"), the heading level. Content is covered by the page cache's
generation (zuidwest.caching.invalidation): any change of public content makes a new one, so
every fragment stored before it is a miss, as every cached page is. The fragments themselves
stay in each process's memory (the "template_fragments" cache in settings.py), so reading
fifty of them costs no round trips. Usage:

    {% load i18n cache fragments %}
    {% page_generation as generation %}{% get_current_language as language %}
    {% cache 86400 "name" generation language obj.pk ... %}...{% endcache %}

A fragment that follows the clock ("Nu open", the dates still to come) has the minute in its
key (`{% local_time "YmdHi" as minute %}`): it is built again at most once a minute.
"""

import hashlib
import secrets

from django import template
from django.utils import dateformat, timezone

from zuidwest.caching.invalidation import request_generation

register = template.Library()


@register.simple_tag(takes_context=True)
def page_generation(context):
    """The current generation, read from the cache once per request. A preview of a version
    (zuidwest.review.previews) gets a key of its own, so what it shows is never served as the
    published page, nor the published page as the preview."""
    if context.get("preview"):
        return f"preview-{secrets.token_hex(8)}"
    return request_generation(context.get("request"))


@register.simple_tag
def local_time(format_string):
    """It is now in local time, in `format_string` ("YmdHi": the minute): for the key of a
    fragment that follows the clock. Read from timezone.now(), as the views do."""
    return dateformat.format(timezone.localtime(), format_string)


@register.filter
def reached(moment, now):
    """Whether `moment` is at or before `now` (False without a now): the flags an agenda
    item's text depends on, for its fragment key."""
    return bool(now) and moment <= now


@register.filter
def form_state(form):
    """A digest of all a form's HTML shows that is not content or language: its class, prefix
    and fields, and each field's submitted and initial value (the errors follow from those).
    For the key of a filter form's fields, whose choices (every published place, say) are
    content."""
    data = form.data
    values = []
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        submitted = data.getlist(key) if hasattr(data, "getlist") else data.get(key)
        values.append((name, submitted, form.get_initial_for_field(field, name)))
    state = repr((type(form).__module__, type(form).__qualname__, form.prefix, form.is_bound,
                  values))
    return hashlib.sha256(state.encode()).hexdigest()
