"""The agenda's filter form: every value lives in the URL, so a filtered agenda can be shared.

Like every filter form (zuidwest.ui.filters), a value we do not know gets a polite message and
is left out; it never causes an error page.
"""

from datetime import time

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zuidwest.ui import widgets
from zuidwest.ui.filters import LenientFilterForm

from ..models import Place
from ..models.activities import Audience
from .filters import neighbourhood_filter

# Parts of the day by the hour an activity starts: [from, until).
PARTS_OF_DAY = {
    "ochtend": (_("ochtend (tot 12:00)"), (0, 12)),
    "middag": (_("middag (12:00 tot 18:00)"), (12, 18)),
    "avond": (_("avond (vanaf 18:00)"), (18, 24)),
}

# Formats people type when their browser has no date picker (older phones).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %m %Y"]


class AgendaFilterForm(LenientFilterForm):
    date = forms.DateField(
        label=_("Kies een dag"), required=False, input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Bijvoorbeeld 24-12-2026."),
    )
    neighbourhood = neighbourhood_filter()
    place = forms.ModelChoiceField(
        label=_("Plek"), queryset=Place.objects.published().only("pk", "slug", "name"),
        to_field_name="slug", required=False, empty_label=_("Alle plekken"),
        widget=widgets.Select,  # every published place: hundreds of options
    )
    audience = forms.ChoiceField(
        label=_("Voor wie"), required=False,
        choices=[("", _("Voor iedereen en alle groepen")), *Audience.choices],
        help_text=_("Activiteiten voor iedereen staan er ook bij."),
    )
    part_of_day = forms.ChoiceField(
        label=_("Deel van de dag"), required=False,
        choices=[("", _("De hele dag")), *[(key, label) for key, (label, _hours)
                                           in PARTS_OF_DAY.items()]],
    )
    free = forms.BooleanField(label=_("Alleen gratis activiteiten"), required=False)

    # The date belongs to the page, not to the filters.
    filter_fields = ("neighbourhood", "place", "audience", "part_of_day", "free")
    ticked_value = _("ja")

    def __init__(self, *args, show_date=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_date:
            del self.fields["date"]
        if "date" in self.fields:
            self.fields["date"].error_messages["invalid"] = _(
                "Deze datum kennen we niet. Schrijf de datum zo: 24-12-2026."
            )

    @property
    def chosen_date(self):
        return self.valid_data.get("date")

    def filter(self, queryset, prefix="activity__"):
        """Apply the valid filters to an Occurrence queryset (prefix "activity__") or an
        Activity queryset (prefix ""). Both have a `place` (an occurrence stores its
        activity's), so a place's dates come from the place-and-start index."""
        data = self.valid_data
        conditions = Q()
        if data.get("neighbourhood"):
            conditions &= Q(place__neighbourhood=data["neighbourhood"])
        if data.get("place"):
            conditions &= Q(place=data["place"])
        if data.get("audience"):
            # What is for everyone is also for the group chosen; the item says "iedereen".
            conditions &= Q(**{f"{prefix}audience__in": {data["audience"], Audience.EVERYONE}})
        if data.get("part_of_day"):
            first, until = PARTS_OF_DAY[data["part_of_day"]][1]
            conditions &= Q(**{f"{prefix}start_time__gte": time(first)})
            if until < 24:
                conditions &= Q(**{f"{prefix}start_time__lt": time(until)})
        if data.get("free"):
            conditions &= Q(**{f"{prefix}is_free": True})
        return queryset.filter(conditions)
