"""Cheaper change lists: Django renders the selection checkbox of every row through three
widget templates, and with a hundred rows a page that was a good part of a change list's time
(scripts/profile_pages.py). QuickActionCheckbox writes the very same HTML in Python
(tests/zuidwest/test_admin_changelists.py compares the two)."""

from django.contrib.admin import helpers
from django.utils.html import format_html
from django.utils.translation import gettext as _


class QuickActionCheckbox:
    """Mixin for a ModelAdmin; put it before admin.ModelAdmin."""

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
