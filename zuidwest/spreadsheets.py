"""Text for spreadsheets: every CSV and XLSX the portal makes passes its cells through here.

A spreadsheet program runs a cell that starts with =, +, -, @ (or a tab or carriage return
before one) as a formula: a partner's title =HYPERLINK("http://…","Klik hier") would become a
live link in a report to the ministries (CSV injection, OWASP). Such text gets a leading
apostrophe, which spreadsheet programs read as "this is text". Numbers, and text that is only a
number ("-12,50"), are left as they are so they still add up.
"""

import re

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
JUST_A_NUMBER = re.compile(r"[-+]?\d[\d.,]*")


def neutralise(value):
    if (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and not JUST_A_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def neutralised_row(values):
    """A row for csv.writer."""
    return [neutralise(value) for value in values]


def xlsx_row(sheet, values):
    """Append a row to an openpyxl sheet with text written as text: openpyxl itself stores a
    string that starts with = as a formula."""
    cells = []
    for value in values:
        cell = Cell(sheet, value=neutralise(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)
