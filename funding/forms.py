from collections import defaultdict
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from locations.public import neighbourhood_filter
from zuidwest.ui.filters import LenientFilterForm
from zuidwest.ui.money import format_euros

from .models import check_within_budget


class AllocationInlineFormSet(BaseInlineFormSet):
    """Checks the budget per source over the whole formset: two new rows on the same source
    must fit together, not only each on its own. Existing rows are shown read-only here (they
    change on their own page), so the message speaks of the new rows alone."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        new_per_source = defaultdict(Decimal)
        for form in self.forms:
            if form.instance.pk or not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            source = form.cleaned_data.get("source")
            amount = form.cleaned_data.get("amount")
            if source and amount:
                new_per_source[source] += amount
        # Lock sources in a fixed order so concurrent saves cannot deadlock.
        for source in sorted(new_per_source, key=lambda source: source.pk):
            requested = new_per_source[source]
            try:
                check_within_budget(source.pk, adding=requested)
            except ValidationError as error:
                available = max(source.remaining_amount(), Decimal("0"))
                raise ValidationError(
                    _("Dit past niet in %(source)s: daar is nog %(available)s van over. De "
                      "nieuwe toekenningen in dit formulier vragen samen %(requested)s.")
                    % {"source": source.name, "available": format_euros(available),
                       "requested": format_euros(requested)},
                    code="over_allocated",
                ) from error


class FundingFilterForm(LenientFilterForm):
    """The choices of /geld/: a year, a neighbourhood, and how to sort the initiatives."""

    year = forms.TypedChoiceField(label=_("Jaar"), required=False, coerce=int,
                                  empty_value=None)
    neighbourhood = neighbourhood_filter()
    order = forms.ChoiceField(
        label=_("Sorteer de initiatieven op"), required=False,
        choices=[("toegekend", _("toegekend bedrag")), ("besteed", _("besteed bedrag")),
                 ("naam", _("naam"))],
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Alle jaren")),
                                       *[(year, str(year)) for year in years]]
