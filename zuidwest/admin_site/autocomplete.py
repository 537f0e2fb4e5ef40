"""The admin's autocomplete fields (ModelAdmin.autocomplete_fields) with a check Django lacks.

When a form comes back with errors, Django's AutocompleteSelect looks up the posted values to
show them again, without checking that they can be keys at all: a value such as "abc", or a
number beyond the column's range, for a numeric key raised an error, a server error instead
of the form with its errors (found by tests/zuidwest/test_fuzz.py). These widgets leave such
values out; the form still says the choice is not valid. Installed by
zuidwest.apps.PortalAdminConfig.ready().
"""

from django.contrib.admin import options, widgets
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections


class ValidKeysOnly:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if self._is_key(item)], attr)

    def _is_key(self, item):
        remote = self.field.remote_field
        opts = remote.model._meta
        key = opts.get_field(getattr(remote, "field_name", None) or opts.pk.attname)
        try:
            value = key.get_prep_value(key.to_python(item))
        except (ValidationError, ValueError, TypeError):
            return False
        ranges = connections[self.db or DEFAULT_DB_ALIAS].ops.integer_field_ranges
        low, high = ranges.get(key.get_internal_type(), (None, None))
        return not isinstance(value, int) or low is None or low <= value <= high


class AutocompleteSelect(ValidKeysOnly, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(ValidKeysOnly, widgets.AutocompleteSelectMultiple):
    pass


def install():
    # ModelAdmin picks its autocomplete widgets by these names in django.contrib.admin.options.
    options.AutocompleteSelect = AutocompleteSelect
    options.AutocompleteSelectMultiple = AutocompleteSelectMultiple
