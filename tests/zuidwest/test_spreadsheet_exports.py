"""Every CSV and XLSX the portal makes writes partners' and staff's text as text: a title such
as =HYPERLINK(...) must not become a live formula in a spreadsheet program (CSV injection)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from progress.models import ReportNarrative
from progress.report.annual import annual_report
from progress.report.xlsx import report_xlsx
from tests.factories import (
    AllocationFactory,
    FundingSourceFactory,
    InitiativeFactory,
    OrganisationFactory,
)
from zuidwest.spreadsheets import neutralise

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/x","Klik hier")'
DANGEROUS = [FORMULA, "+31 70 123", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
YEAR = 2026


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_a_spreadsheet_would_run_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Buurtkamer", "", "12,50", "-12,50", "2026-03-01", 12, None,
                                   Decimal("-5.00")])
def test_ordinary_values_and_numbers_are_left_alone(value):
    assert neutralise(value) == value


@pytest.fixture
def hostile_allocation():
    organisation = OrganisationFactory(name="@Stichting")
    initiative = InitiativeFactory(title=FORMULA, lead_organisation=organisation,
                                   is_published=True)
    source = FundingSourceFactory(name="-Regio", amount=Decimal("1000000"))
    source.funders.add(OrganisationFactory())
    return AllocationFactory(initiative=initiative, source=source, amount=Decimal("1000"),
                             year=YEAR, reference="+RDZW-1", note="=1+1")


def _no_live_formula(cells):
    for cell in cells:
        if isinstance(cell, str) and cell:
            assert cell[0] not in "=+-@\t\r", cell


def test_the_360giving_csv_has_no_formulas(client, hostile_allocation):
    response = client.get("/open-data/360giving.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells
    _no_live_formula(cells)


def test_the_admin_allocations_csv_has_no_formulas(staff_client, hostile_allocation):
    response = staff_client.post(
        reverse("admin:funding_allocation_changelist"),
        {"action": "export_allocations_csv", "_selected_action": [hostile_allocation.pk]})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert "'" + FORMULA in rows[1]
    _no_live_formula(cell for row in rows[1:] for cell in row)


def test_the_yearly_report_spreadsheet_has_no_formulas(hostile_allocation):
    from initiatives.models import Spearhead

    ReportNarrative.objects.create(year=YEAR, spearhead=Spearhead.objects.first(),
                                   text="=cmd|' /C calc'!A0")
    workbook = load_workbook(io.BytesIO(report_xlsx(annual_report(YEAR))))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert "'" + FORMULA in texts
    _no_live_formula(texts)
    numbers = [cell.value for cell in cells if isinstance(cell.value, (int, float, Decimal))]
    assert numbers  # amounts stay numbers that add up
