"""The allocations as a CSV file for spreadsheet programs."""

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from zuidwest.spreadsheets import neutralised_row

ALLOCATION_CSV_COLUMNS = [
    (_("kenmerk"), lambda a: a.reference),
    (_("initiatief"), lambda a: a.initiative.title),
    (_("speerpunt"), lambda a: a.initiative.spearhead.short_name),
    (_("alliantie"), lambda a: a.initiative.alliance.name),
    (_("trekker"), lambda a: a.initiative.lead_organisation.name),
    (_("geldbron"), lambda a: a.source.name),
    (_("bedrag (euro)"), lambda a: number_format(a.amount, 2, use_l10n=True)),
    (_("jaar"), lambda a: a.year),
    (_("besluitdatum"), lambda a: a.decision_date.isoformat()),
    (_("toelichting"), lambda a: a.note),
    (_("voorbeeld"), lambda a: _("ja") if a.is_demo else _("nee")),
]


@admin.action(description=_("Exporteer geselecteerde toekenningen als CSV"))
def export_allocations_csv(modeladmin, request, queryset):
    # Semicolons, a decimal comma and a byte-order mark: what spreadsheet programs
    # with Dutch settings open correctly.
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toekenningen-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(header) for header, _value in ALLOCATION_CSV_COLUMNS])
    allocations = queryset.select_related(
        "initiative__spearhead", "initiative__alliance", "initiative__lead_organisation", "source"
    ).order_by("decision_date", "reference")
    for allocation in allocations:
        # Titles and notes as text, never as formulas (zuidwest.spreadsheets).
        writer.writerow(neutralised_row(
            str(value(allocation)) for _header, value in ALLOCATION_CSV_COLUMNS))
    return response
