"""The yearly report to the ministries: the same figures in the PDF and the spreadsheet as on
/geld/, milestones reached and missed with their reasons, and the same report twice."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funding.figures import funding_summary
from funding.models import FundingSource, Spending
from progress.models import Indicator, IndicatorTarget, Measurement, ReportNarrative
from progress.report.annual import annual_report
from progress.report.xlsx import report_xlsx
from tests.factories import (
    AllocationFactory,
    FundingSourceFactory,
    InitiativeFactory,
    MilestoneFactory,
    SpearheadFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2026


def weasyprint_or_skip():
    from progress.report.pdf import _weasyprint_html

    try:
        _weasyprint_html()
    except OSError as error:  # its system libraries (Pango) are missing
        pytest.skip(f"WeasyPrint cannot load its system libraries: {error}")


@pytest.fixture
def data():
    region = FundingSourceFactory(name="Regio", kind=FundingSource.Kind.REGION,
                                  amount=Decimal("31000000"))
    spearhead = SpearheadFactory(number=2, name="Perspectief op werk", short_name="Werk")
    leerwerk = InitiativeFactory(title="Leerwerkplaats", spearhead=spearhead)
    allocation = AllocationFactory(initiative=leerwerk, source=region,
                                   amount=Decimal("950000"), year=YEAR)
    AllocationFactory(initiative=leerwerk, source=region, amount=Decimal("100000"), year=2025)
    Spending.objects.create(allocation=allocation, amount=Decimal("120000.50"),
                            period_start=datetime.date(YEAR, 1, 1),
                            period_end=datetime.date(YEAR, 6, 30))
    MilestoneFactory(initiative=leerwerk, title="Eerste groep begint",
                     planned_for=datetime.date(YEAR, 3, 1), reached_on=datetime.date(YEAR, 3, 8))
    MilestoneFactory(initiative=leerwerk, title="Tweede locatie open",
                     planned_for=datetime.date(YEAR, 9, 1), reached_on=None,
                     delay_reason="De verbouwing liep uit.")
    indicator = Indicator.objects.create(
        spearhead=spearhead, name="Jongeren zonder startkwalificatie", slug="jzs",
        explanation="Uitleg.", unit="%", direction="lower", source="Test",
        baseline_value=Decimal("14.8"), baseline_year=2022, city_value=Decimal("9.1"),
        city_year=2024)
    IndicatorTarget.objects.create(indicator=indicator, year=2028, value=Decimal("10"))
    Measurement.objects.create(indicator=indicator, year=2025, value=Decimal("12.9"))
    ReportNarrative.objects.create(year=YEAR, spearhead=spearhead,
                                   text="Het gaat de goede kant op.")
    return {"region": region}


def sheet_rows(workbook, title):
    return [list(row) for row in workbook[title].iter_rows(min_row=2, values_only=True)]


def test_the_spreadsheet_has_the_figures_of_the_funding_page(data):
    workbook = load_workbook(io.BytesIO(report_xlsx(annual_report(YEAR))))
    assert workbook.sheetnames == ["Geldbronnen", "Initiatieven", "Indicatoren", "Mijlpalen",
                                   "Toelichting"]
    summary = funding_summary(year=YEAR)
    sources = sheet_rows(workbook, "Geldbronnen")
    assert sources[-1][0] == "Samen"
    assert Decimal(str(sources[-1][2])) == summary.total_allocated == Decimal("950000")
    assert Decimal(str(sources[-1][3])) == summary.total_spent == Decimal("120000.50")
    initiatives = sheet_rows(workbook, "Initiatieven")
    assert [(row[0], Decimal(str(row[4])), Decimal(str(row[5]))) for row in initiatives] == [
        ("Leerwerkplaats", Decimal("950000"), Decimal("120000.50"))]
    assert sheet_rows(workbook, "Indicatoren") == [[
        "Werk", "Jongeren zonder startkwalificatie", "%", "lager is beter", 14.8, 2022, 10,
        2028, 12.9, 2025]]
    milestones = sheet_rows(workbook, "Mijlpalen")
    assert [(row[1], row[4]) for row in milestones] == [
        ("Eerste groep begint", None), ("Tweede locatie open", "De verbouwing liep uit.")]
    assert ["Perspectief op werk", "Het gaat de goede kant op."] in sheet_rows(
        workbook, "Toelichting")


def test_the_same_data_and_year_give_the_same_report(data):
    first = load_workbook(io.BytesIO(report_xlsx(annual_report(YEAR))))
    second = load_workbook(io.BytesIO(report_xlsx(annual_report(YEAR))))
    for title in first.sheetnames:
        assert sheet_rows(first, title) == sheet_rows(second, title)


def test_the_pdf_is_tagged_a4_and_says_the_same(data):
    weasyprint_or_skip()
    from pypdf import PdfReader

    from progress.report.pdf import report_pdf

    reader = PdfReader(io.BytesIO(report_pdf(annual_report(YEAR))))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False  # the upload checks still hold
    for expected in ("Voortgangsrapportage 2026", "€ 950.000,00", "€ 120.000,50",
                     "Tweede locatie open", "De verbouwing liep uit.",
                     "Het gaat de goede kant op.", "Jongeren zonder startkwalificatie"):
        assert expected.replace(" ", "") in text.replace(" ", "").replace("\u00a0", ""), expected


def test_staff_download_the_report_from_the_admin(admin_client, data):
    url = reverse("admin:progress_annual_report")
    assert admin_client.get(url).status_code == 200
    response = admin_client.get(url, {"year": YEAR, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="regio-deal-zuidwest-verslag-2026.xlsx"')
    load_workbook(io.BytesIO(response.content))
    refused = admin_client.get(url, {"year": "1066", "format": "exe"})
    assert refused.status_code == 200
    assert "Kies een jaar en een soort bestand." in refused.content.decode()


def test_others_cannot_download_the_report(client, data):
    response = client.get(reverse("admin:progress_annual_report"),
                          {"year": YEAR, "format": "xlsx"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
