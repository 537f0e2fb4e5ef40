"""Admin list filters in the URL limited to the ones the page offers.

Django's admin lets a URL filter a list on any field of the model (`?email__startswith=b`),
also fields the page never shows. For a model with personal data or secrets that gives them
away one character at a time: count the rows left, change a letter, count again. An admin
that mixes in OfferedFiltersOnly accepts only the filters of its own list_filter and
date_hierarchy; any other filter on a field is refused (Django answers 400).
"""

from django.contrib.admin import SimpleListFilter
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP


def _field_path(model, lookup):
    """The fields a lookup walks through ("organisation__id" of "organisation__id__exact");
    the rest are lookups and transforms."""
    fields = []
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            break
        fields.append(field)
        if not field.is_relation or field.related_model is None:
            break
        model = field.related_model
    return fields


class OfferedFiltersOnly:
    def offered_filters(self, request):
        """The field paths the list's filters filter on."""
        offered = {self.date_hierarchy} if self.date_hierarchy else set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                continue  # filters on its own parameter, never on a field
            offered.add(item[0] if isinstance(item, (list, tuple)) else item)
        return offered

    def lookup_allowed(self, lookup, value, request):
        fields = _field_path(self.model, lookup)
        if not fields:
            # No field at all: a SimpleListFilter's own parameter, or a name the list refuses
            # anyway.
            return super().lookup_allowed(lookup, value, request)
        names = [field.name for field in fields]
        offered = self.offered_filters(request)
        # A filter on a relation names the related row by its key ("organisation__id").
        by_key = len(fields) >= 2 and fields[-1].primary_key
        if LOOKUP_SEP.join(names) not in offered and not (
                by_key and LOOKUP_SEP.join(names[:-1]) in offered):
            return False
        return super().lookup_allowed(lookup, value, request)
