"""The "Volg" form on the public pages: {% follow_form "plek" place.slug place.name %}, and on
the work finder's result {% follow_finder_form finder_answers %}. The form carries no CSRF
token, so the page stays cacheable (following/views.py says why that is safe)."""

from urllib.parse import urlencode

from django import template
from django.utils.translation import gettext_lazy as _

from following.forms import FollowForm

register = template.Library()


def _context(kind, key, title, heading, intro):
    return {"form": FollowForm(initial={"kind": kind, "key": key}, auto_id=f"volg-{kind}-%s"),
            "kind": kind, "title": title, "heading": heading, "intro": intro}


@register.inclusion_tag("following/_follow_form.html")
def follow_form(kind, key, title, intro=None):
    """`intro`: what the follower gets, when it differs from the weekly digest alone (an idea's
    answer goes out at once)."""
    return _context(kind, key, title, _("Volg %(title)s") % {"title": title},
                    intro or _("Krijg één keer per week een e-mail met wat er nieuw is en wat "
                               "er de komende week te doen is. Alleen als er iets nieuws is."))


@register.inclusion_tag("following/_follow_form.html")
def follow_finder_form(answers):
    answers = answers or {}
    key = urlencode({name: answers.get(name, "") for name in ("age", "diploma", "wish")})
    return _context("kansen", key, "", _("Stuur me nieuwe kansen die hierbij passen"),
                    _("Krijg één keer per week een e-mail met nieuwe kansen die passen bij je "
                      "antwoorden. Alleen als er iets nieuws is."))
