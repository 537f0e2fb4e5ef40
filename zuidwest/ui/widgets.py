"""Form widgets that write their HTML in Python where Django's templates cost too much.

Django renders a <select> with one template (and an attributes template) per option; a list
of every place has hundreds of options, and rendering them was most of the agenda's filter
form. widgets.Select writes the very same HTML as Django's select.html, select_option.html and
attrs.html (tests/zuidwest/test_fragments.py compares the two). Its name is Django's, so the
field's widget_type stays "select" (nlds/field.html styles the field by it).
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attributes(attrs):
    """Django's attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return format_html_join("", "{}", (
        (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
        for name, value in attrs.items() if value is not False
    ))


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html('\n  <option value="{}"{}>{}</option>\n', str(option["value"]),
                            _attributes(option["attrs"]), option["label"])
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above
