"""The base of the filter forms of list pages (places, agenda, initiatives).

Every value lives in the URL (a GET form), so a filtered list can be bookmarked and shared. A
value we do not know gets a polite message and is left out; it never causes an error page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class LenientFilterForm(forms.Form):
    """A filter form whose invalid fields are ignored instead of refusing the whole form.

    Subclasses filter with `valid_data` and may narrow `filter_fields` to the fields that are
    filters (not page parameters such as a chosen date) for `active_filters`.
    """

    # The fields active_filters reports, in form order; None: every field.
    filter_fields = None
    # What active_filters shows after the label of a ticked yes/no filter ("" shows the label).
    ticked_value = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _(
                "Deze keuze kennen we niet. We laten dit filter weg."
            )

    @property
    def valid_data(self):
        """The cleaned values without the ones that had an error: a bad filter is ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()  # fills cleaned_data and errors
        return {name: value for name, value in self.cleaned_data.items()
                if name not in self.errors}

    @property
    def active_filters(self):
        """(label, value) of each filter in use, to say what the list shows: a choice by its
        label (several choices joined by commas), a chosen object as itself, a ticked yes/no
        filter as `ticked_value`."""
        data = self.valid_data
        active = []
        for name, field in self.fields.items():
            value = data.get(name)
            if not value or (self.filter_fields is not None and name not in self.filter_fields):
                continue
            if isinstance(field, forms.BooleanField):
                value = self.ticked_value
            elif isinstance(field, forms.MultipleChoiceField):
                labels = dict(field.choices)
                value = ", ".join(str(labels.get(choice, choice)) for choice in value)
            elif isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                value = dict(field.choices).get(value, value)
            active.append((field.label, value))
        return active
