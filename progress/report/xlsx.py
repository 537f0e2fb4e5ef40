"""The yearly report as a spreadsheet: one sheet per part, the same figures as the PDF, amounts
as numbers (not text) so they can be added up."""

import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zuidwest.spreadsheets import xlsx_row

EURO_FORMAT = '"€" #,##0.00'


def _sheet(workbook, title, header, rows, money_columns=()):
    sheet = workbook.create_sheet(title)
    xlsx_row(sheet, [str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_row(sheet, list(row))  # text as text: a title never becomes a formula
    for column in money_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = EURO_FORMAT
    for letter, width in zip("ABCDEFGHIJ", (40, 18, 18, 18, 18, 18, 18, 18, 18, 18),
                             strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def report_xlsx(report):
    workbook = Workbook()
    workbook.remove(workbook.active)
    money = report.money
    _sheet(workbook, _("Geldbronnen"),
           [_("Geldbron"), _("Totaal"), _("Toegekend in %(year)s") % {"year": report.year},
            _("Besteed in %(year)s") % {"year": report.year},
            _("Nog vrij eind %(year)s") % {"year": report.year}],
           [(s.name, s.amount, s.allocated_shown, s.spent_total, s.remaining_total)
            for s in money.sources]
           + [(_("Samen"), money.total_budget, money.total_allocated, money.total_spent,
               money.total_remaining)],
           money_columns=(2, 3, 4, 5))
    _sheet(workbook, _("Initiatieven"),
           [_("Initiatief"), _("Speerpunt"), _("Regio"), _("Rijk"),
            _("Toegekend in %(year)s") % {"year": report.year},
            _("Besteed in %(year)s") % {"year": report.year}],
           [(i.title, i.spearhead.short_name, i.allocated_region, i.allocated_national,
             i.allocated_total, i.spent_total) for i in money.initiatives]
           + ([(_("Initiatieven die nog niet op de site staan"), "", None, None,
                money.unlisted_allocated, money.unlisted_spent)]
              if money.has_unlisted else [])
           + [(_("Samen"), "", None, None, money.total_allocated, money.total_spent)],
           money_columns=(3, 4, 5, 6))
    _sheet(workbook, _("Indicatoren"),
           [_("Speerpunt"), _("Indicator"), _("Eenheid"), _("Richting"), _("Nulmeting"),
            _("Jaar nulmeting"), _("Doel"), _("Jaar doel"), _("Gemeten"), _("Jaar meting")],
           [(line.spearhead, line.name, line.unit, line.direction, line.baseline_value,
             line.baseline_year, line.target_value, line.target_year, line.actual_value,
             line.actual_year) for line in report.indicators])
    _sheet(workbook, _("Mijlpalen"),
           [_("Initiatief"), _("Mijlpaal"), _("Stand"), _("Gepland"), _("Bereikt"),
            _("Waarom later")],
           [(line.initiative, line.title, line.status, line.planned_for, line.reached_on,
             line.reason)
            for line in (report.milestones_reached + report.milestones_missed
                         + report.milestones_planned)])
    _sheet(workbook, _("Toelichting"), [_("Speerpunt"), _("Tekst")],
           [(spearhead.name, text) for spearhead, text in report.narratives])
    # A fixed date: the same data and year give the same workbook contents.
    workbook.properties.created = workbook.properties.modified = datetime.datetime(
        report.year + 1, 1, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
