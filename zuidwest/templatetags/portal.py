"""Template tags and filters shared by every page: navigation, language switch, money, forms.

Load with ``{% load portal %}``. The crispy-forms pack in templates/nlds uses the ``nlds_*``
helpers to give Django widgets the NL Design System (Utrecht) classes.
"""

import html
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms, template
from django.conf import settings
from django.forms.boundfield import BoundWidget
from django.forms.widgets import Input
from django.http import QueryDict
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from zuidwest.images.processing import rendition_urls
from zuidwest.ui.jsonld import json_ld_text
from zuidwest.ui.links import absolute_url
from zuidwest.ui.money import format_euros
from zuidwest.ui.numbers import plain_number
from zuidwest.ui.tables import labelled_table_sections

register = template.Library()

# The primary navigation: (label, url name, other url names that belong to the same section).
PRIMARY_NAV = [
    (_("Home"), "site:home", ()),
    (_("Plekken"), "locations:place_list",
     ("locations:place_detail", "locations:map", "locations:place_print")),
    (_("Agenda"), "locations:agenda_today",
     ("locations:agenda_week", "locations:agenda_day", "locations:activity_detail")),
    (_("Werk en leren"), "work:opportunity_list",
     ("work:opportunity_detail", "work:opportunity_finder")),
    (_("Initiatieven"), "initiatives:initiative_list", ("initiatives:initiative_detail",)),
    (_("Ideeën"), "ideas:idea_list", ("ideas:idea_detail", "ideas:idea_create", "ideas:support")),
    (
        _("Alliantieraad"),
        "alliances:alliance_list",
        (
            "alliances:alliance_detail",
            "alliances:organisation_list",
            "alliances:organisation_detail",
        ),
    ),
    (_("Geld"), "funding:overview", ()),
    (_("Voortgang"), "progress:overview", ()),
    (_("Over de Regio Deal"), "site:about", ()),
]


def _current_view_name(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None


@register.inclusion_tag("components/primary_nav.html", takes_context=True)
def primary_nav(context):
    """The main menu; the item for this page gets aria-current="page", its section "true"."""
    current = _current_view_name(context)
    items = []
    for label, url_name, section in PRIMARY_NAV:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        if current == url_name:
            aria_current = "page"
        elif current in section:
            aria_current = "true"
        else:
            aria_current = ""
        items.append({"label": label, "url": url, "aria_current": aria_current})
    return {"items": items}


def _language_links(context):
    """This page in each language, worked out once per request (the header's language switch
    and the head's alternates both ask; resolving a path is most of a page's URL work)."""
    request = context.get("request")
    if request is None:
        return []
    current_code = translation.get_language() or settings.LANGUAGE_CODE
    known = getattr(request, "_language_links", None)
    if known is None or known[0] != current_code:
        known = (current_code, _work_out_language_links(request, current_code))
        request._language_links = known
    return [dict(link) for link in known[1]]  # copies: the alternates make them absolute


def _work_out_language_links(request, current_code):
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current_code:
            # This page has no counterpart (a 404, say): offer the other language's home page.
            with translation.override(code):
                try:
                    url = reverse("site:home")
                except NoReverseMatch:
                    url = "/"
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "is_current": code == current_code,
            }
        )
    return links


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this same page in each language of settings.LANGUAGES."""
    return {"languages": _language_links(context)}


@register.inclusion_tag("components/language_alternates.html", takes_context=True)
def language_alternates(context):
    """The page's <link rel="canonical"> on SITE_URL, and <link rel="alternate" hreflang> for
    each language plus x-default (the default language), as the sitemap has them."""
    request = context.get("request")
    if getattr(request, "resolver_match", None) is None:
        return {"languages": []}  # an error page has no counterpart in another language
    links = _language_links(context)
    for link in links:
        link["url"] = absolute_url(link["url"])
    by_code = {link["code"]: link["url"] for link in links}
    current = next(link["url"] for link in links if link["is_current"])
    return {"languages": links, "canonical": current,
            "default_url": by_code.get(settings.LANGUAGE_CODE, current)}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced: ``?{% query_with page=2 %}``.

    Returns the part after "?" (empty when nothing is left). A value of None or "" removes the
    parameter. The result is escaped by the template engine like any simple tag output.
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    return query.urlencode()


@register.simple_tag
def json_ld(data):
    """``{% json_ld data %}``: `data` (a dict) in a <script type="application/ld+json">
    element. Nothing at all for empty data, such as a page preview without JSON-LD.

    No CSP nonce: a script of a type browsers do not run is a data block, which the Content
    Security Policy does not govern. Without one a page is the same for every visitor, so its
    ETag holds and a cached copy needs no rewriting."""
    if not data:
        return ""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json_ld_text(data)),  # noqa: S308 - json_ld_text escapes <, > and &
    )


@register.simple_tag
def elided_page_range(page_obj, on_each_side=2, on_ends=1):
    """Page numbers to show, with Paginator.ELLIPSIS where pages are left out."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


@register.filter
def euros(value, decimals=2):
    """'€ 1.250.000,00' (Dutch) from a Decimal; ``|euros:0`` for whole euros. Empty for no value."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return format_euros(amount, int(decimals))


@register.filter
def percentage_of(value, total):
    """Whole percent of value in total, rounded half up; 0 when the total is 0 or missing."""
    amount, whole = _decimal(value), _decimal(total)
    if amount is None or not whole:
        return 0
    return int((amount * 100 / whole).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@register.filter
def bar_step(share):
    """A whole percent clamped to 0-100: the class suffix of a bar's fill (portal.css has one
    width per step, as the Content Security Policy allows no style attributes)."""
    return min(max(int(share), 0), 100)


@register.filter
def share_text(value, total):
    """The share as people read it: "12%", and "<1%" for a share that is there but rounds to
    0 (a small amount must not look like nothing)."""
    amount, whole = _decimal(value), _decimal(total)
    if amount and whole and 0 < amount * 100 / whole < Decimal("0.5"):
        return "<1%"
    return f"{percentage_of(value, total)}%"


MESSAGE_ALERT_TYPES = {"success": "ok", "error": "error", "warning": "warning"}


@register.filter
def alert_type(message):
    """The utrecht-alert modifier (ok, error, warning, info) for a contrib.messages message."""
    return MESSAGE_ALERT_TYPES.get(getattr(message, "level_tag", ""), "info")


# --- Forms: helpers for the "nlds" crispy-forms template pack -------------------------------


def _join_classes(*parts):
    seen = []
    for part in parts:
        for name in (part or "").split():
            if name not in seen:
                seen.append(name)
    return " ".join(seen)


# (widget class, Utrecht classes, extra class when invalid); the first match wins, so
# subclasses (CheckboxSelectMultiple is a RadioSelect) come before their parents.
WIDGET_CLASSES = [
    (
        forms.CheckboxInput,
        "utrecht-checkbox utrecht-checkbox--html-input",
        "utrecht-checkbox--invalid",
    ),
    (
        forms.CheckboxSelectMultiple,
        "utrecht-checkbox utrecht-checkbox--html-input",
        "utrecht-checkbox--invalid",
    ),
    (
        forms.RadioSelect,
        "utrecht-radio-button utrecht-radio-button--html-input",
        "utrecht-radio-button--invalid",
    ),
    (forms.Select, "utrecht-select utrecht-select--html-select", "utrecht-select--invalid"),
    (
        forms.Textarea,
        "utrecht-textarea utrecht-textarea--html-textarea",
        "utrecht-textarea--invalid",
    ),
    (forms.FileInput, "portal-file-input", ""),
    (Input, "utrecht-textbox utrecht-textbox--html-input", "utrecht-textbox--invalid"),
]


def _widget_classes(widget, invalid):
    for widget_class, base, modifier in WIDGET_CLASSES:
        if isinstance(widget, widget_class):
            return _join_classes(base, modifier if invalid else "")
    return ""


@register.simple_tag
def nlds_widget(bound_field):
    """Render a field's widget with the Utrecht classes for its kind.

    Django itself adds aria-invalid and aria-describedby ("<id>_helptext <id>_error"), so
    the description and error elements in field.html use exactly those ids.
    """
    widget = bound_field.field.widget
    widgets = getattr(widget, "widgets", None)
    if widgets:
        for sub in widgets:
            sub.attrs["class"] = _join_classes(
                sub.attrs.get("class"), _widget_classes(sub, bool(bound_field.errors))
            )
        return bound_field.as_widget()
    own = _widget_classes(widget, bool(bound_field.errors))
    classes = _join_classes(widget.attrs.get("class"), own)
    return bound_field.as_widget(attrs={"class": classes} if classes else None)


@register.filter
def nlds_options(bound_field):
    """The options of a radio or checkbox group, each input carrying the Utrecht classes."""
    widget = bound_field.field.widget
    attrs = {"id": bound_field.auto_id} if bound_field.auto_id else {}
    attrs = bound_field.build_widget_attrs(attrs, widget)
    attrs["class"] = _join_classes(
        widget.attrs.get("class"), _widget_classes(widget, bool(bound_field.errors))
    )
    return [
        BoundWidget(widget, option, bound_field.form.renderer)
        for option in widget.subwidgets(bound_field.html_name, bound_field.value(), attrs=attrs)
    ]


@register.filter
def nlds_kind(bound_field):
    """How field.html lays a field out: hidden, checkbox, choices (a fieldset of options),
    group (another widget that wants a fieldset, such as a date in three selects) or single."""
    widget = bound_field.field.widget
    if bound_field.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return "choices"
    if getattr(widget, "use_fieldset", False):
        return "group"
    return "single"


@register.simple_tag
def nlds_form_errors(form):
    """Every error of a form as [{"anchor", "label", "message"}], in field order, for the
    error summary. Non-field errors and errors of hidden fields have no anchor."""
    items = [{"anchor": "", "label": "", "message": error} for error in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            if bound_field.is_hidden:
                items.append({"anchor": "", "label": bound_field.label, "message": error})
            else:
                items.append(
                    {"anchor": bound_field.auto_id, "label": bound_field.label, "message": error}
                )
    return items


@register.filter
def nlds_button_classes(input_object):
    """Utrecht button classes for a crispy Submit/Button/Reset, keeping a custom css_class
    but dropping the Bootstrap classes crispy-forms puts there by default."""
    bootstrap = {"btn", "btn-primary", "btn-secondary", "btn-inverse"}
    own = [name for name in (input_object.field_classes or "").split() if name not in bootstrap]
    kind = "primary-action" if input_object.input_type == "submit" else "secondary-action"
    return _join_classes(f"utrecht-button utrecht-button--{kind}", " ".join(own))


def _dutch_only_on_this_page():
    """What the programme and partners write exists only in Dutch: on a page in another
    language it is marked, so screen readers read it with Dutch rules."""
    return translation.get_language() != settings.LANGUAGE_CODE


@register.simple_tag
def dutch():
    """The attribute for the element around Dutch-only content: ` lang="nl"` on a page in
    another language, nothing on a Dutch page. Usage: <p class="…"{% dutch %}>{{ text }}</p>"""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"') if _dutch_only_on_this_page() else ""


@register.filter
def in_dutch(value):
    """Dutch-only text inside a sentence: wrapped in <span lang="nl"> on a page in another
    language, as it is on a Dutch page."""
    if not _dutch_only_on_this_page() or value in (None, ""):
        return value
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, value)


@register.simple_tag(takes_context=True)
def table_sections(context, head, body):
    """The header and body of components/table.html from the two templates (usually
    partials) that hold their cells: see zuidwest.ui.tables."""
    engine = context.template.engine
    with context.push():
        head_html = engine.get_template(head).render(context)
        body_html = engine.get_template(body).render(context)
    return labelled_table_sections(head_html, body_html)


# --- Link previews (Open Graph and Twitter cards) ------------------------------------------

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_DESCRIPTION = re.compile(r'<meta name="description" content="(.*?)">', re.S)
SITE_SUFFIX = " – Regio Deal Zuidwest"
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
SHARE_IMAGE_WIDTH = 1024


def share_image(page_object):
    """(url, alt) of the picture a link preview shows: the page's own photo (an initiative's
    cover, a place's photo, an activity's place) as its widest WebP rendition up to 1024 px,
    else the default picture in the house style."""
    for candidate in (page_object, getattr(page_object, "place", None)):
        for field, alt in (("cover_image", "cover_image_alt"), ("image", "image_alt")):
            file = getattr(candidate, field, None)
            text = getattr(candidate, alt, "")
            if file and text:
                renditions = [(url, width) for url, width in rendition_urls(file)
                              if width <= SHARE_IMAGE_WIDTH]
                if renditions:
                    return absolute_url(renditions[-1][0]), text
    return (absolute_url(static("img/og-default.png")),
            _("Beeldmerk van de Regio Deal Den Haag Zuidwest"))


class ShareMetaNode(template.Node):
    """Renders the <title> and description meta of base.html once, and repeats them as the
    Open Graph and Twitter card tags a shared link shows (WhatsApp, social media)."""

    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        head = self.nodelist.render(context)
        title = _TITLE.search(head)
        description = _DESCRIPTION.search(head)
        # The texts are already escaped by the template; unescape, then escape once.
        title = html.unescape(title.group(1).strip()) if title else ""
        title = title.removesuffix(SITE_SUFFIX)
        description = html.unescape(description.group(1).strip()) if description else ""
        request = context.get("request")
        image, image_alt = share_image(context.get("object"))
        tags = [
            ("property", "og:type", "website"),
            ("property", "og:site_name", "Regio Deal Den Haag Zuidwest"),
            ("property", "og:title", title),
            ("property", "og:description", description),
            ("property", "og:url", absolute_url(request.path) if request else settings.SITE_URL),
            ("property", "og:locale", OG_LOCALES.get(translation.get_language(), "nl_NL")),
            ("property", "og:image", image),
            ("property", "og:image:alt", image_alt),
            ("name", "twitter:card", "summary_large_image"),
            ("name", "twitter:title", title),
            ("name", "twitter:description", description),
            ("name", "twitter:image", image),
            ("name", "twitter:image:alt", image_alt),
        ]
        return head + "".join(
            format_html('\n  <meta {}="{}" content="{}">', kind, name, value)
            for kind, name, value in tags)


@register.tag("share_meta")
def do_share_meta(parser, token):
    """{% share_meta %}<title>…</title><meta name="description" …>{% endshare_meta %}"""
    nodelist = parser.parse(("endshare_meta",))
    parser.delete_first_token()
    return ShareMetaNode(nodelist)


@register.filter
def with_colon(label):
    """A label before its message: "Naam:", but "Hoe oud ben je?" as it is (no colon after a
    question mark or other closing punctuation)."""
    label = str(label).rstrip()
    return label if label.endswith(("?", "!", ":", ".")) else f"{label}:"



@register.filter(name="plain_number")
def plain_number_filter(value, places=2):
    """{{ value|plain_number }}: see zuidwest.ui.numbers.plain_number ("14,8", not "14,80")."""
    return plain_number(value, places)
