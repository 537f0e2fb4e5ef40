"""The yearly report calls a milestone missed only when its date has passed (the admin's "te
laat" agrees), and its PDF never splits a table row across pages and repeats the headers."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from initiatives.admin_filters import OverdueFilter
from initiatives.milestones import overdue
from initiatives.models import Milestone
from progress.models import Indicator
from progress.report.annual import annual_report
from progress.report.xlsx import report_xlsx
from tests.factories import InitiativeFactory, MilestoneFactory, SpearheadFactory
from tests.progress.test_report import weasyprint_or_skip

pytestmark = pytest.mark.django_db

MADE_ON = datetime.date(2026, 12, 6)


@pytest.fixture
def milestones():
    initiative = InitiativeFactory(title="Buurtkamer")
    MilestoneFactory(initiative=initiative, title="Gehaald",
                     planned_for=datetime.date(2026, 3, 1), reached_on=datetime.date(2026, 3, 2))
    MilestoneFactory(initiative=initiative, title="Te laat", planned_for=datetime.date(2026, 9, 1))
    MilestoneFactory(initiative=initiative, title="Half december",
                     planned_for=datetime.date(2026, 12, 15))
    MilestoneFactory(initiative=initiative, title="Eind december",
                     planned_for=datetime.date(2026, 12, 31))
    MilestoneFactory(initiative=initiative, title="Vandaag", planned_for=MADE_ON)
    MilestoneFactory(initiative=initiative, title="Vorig jaar, laat bereikt",
                     planned_for=datetime.date(2025, 12, 31),
                     reached_on=datetime.date(2026, 1, 20))


def _titles(lines):
    return [line.title for line in lines]


def test_milestones_not_yet_due_are_planned_not_missed(milestones):
    report = annual_report(2026, today=MADE_ON)
    assert _titles(report.milestones_reached) == ["Gehaald"]
    assert _titles(report.milestones_missed) == ["Te laat"]
    assert _titles(report.milestones_planned) == ["Vandaag", "Half december", "Eind december"]
    # The admin's "te laat" on the same day counts the same milestones.
    assert list(Milestone.objects.filter(overdue(MADE_ON), planned_for__year=2026)
                .values_list("title", flat=True)) == ["Te laat"]
    # A year that is over: reached after its end is missed in that year's report.
    last_year = annual_report(2025, today=MADE_ON)
    assert _titles(last_year.milestones_missed) == ["Vorig jaar, laat bereikt"]


def test_the_spreadsheet_says_planned(milestones):
    workbook = load_workbook(io.BytesIO(report_xlsx(annual_report(2026, today=MADE_ON))))
    status = {row[1]: row[2] for row in workbook["Mijlpalen"].iter_rows(min_row=2,
                                                                        values_only=True)}
    assert status["Eind december"] == status["Half december"] == "gepland"
    assert status["Te laat"] == "niet gehaald" and status["Gehaald"] == "gehaald"


def test_the_admin_dashboard_agrees_with_the_report(admin_client, milestones):
    today = datetime.date.today()
    report = annual_report(today.year)
    in_report = {line.title for line in report.milestones_missed}
    late = set(OverdueFilter.select(Milestone.objects.filter(planned_for__year=today.year))
               .values_list("title", flat=True))
    assert late == in_report


def test_the_pdf_says_planned_and_not_missed(milestones):
    weasyprint_or_skip()
    from pypdf import PdfReader

    from progress.report.pdf import report_pdf

    pdf = PdfReader(io.BytesIO(report_pdf(annual_report(2026, today=MADE_ON))))
    text = " ".join(page.extract_text() for page in pdf.pages)
    missed = text[text.index("Niet gehaald in 2026"):text.index("Gepland voor later")]
    assert "Te laat" in missed and "december" not in missed
    assert "Half december" in text[text.index("Gepland voor later"):]


def test_pdf_table_rows_stay_whole_with_headers_on_every_page():
    weasyprint_or_skip()
    from pypdf import PdfReader

    from progress.report.pdf import report_pdf

    spearhead = SpearheadFactory()
    filler = " ".join(["een lange naam die over een paar regels loopt"] * 3)  # under 200
    for number in range(45):
        Indicator.objects.create(
            spearhead=spearhead, name=f"Ind{number:02d}start {filler} Ind{number:02d}end",
            slug=f"i{number}", explanation="Uitleg.", unit="%", direction="lower",
            source="Test", baseline_value=Decimal(700 + number), baseline_year=2022,
            position=number)
    pdf = PdfReader(io.BytesIO(report_pdf(annual_report(2026, today=MADE_ON))))
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    with_rows = [text for text in pages if re.search(r"Ind\d\dstart", text)]
    assert len(with_rows) > 1  # the table runs over more than one page
    for number in range(45):
        start, end = f"Ind{number:02d}start", f"Ind{number:02d}end"
        page = next(text for text in pages if start in text)
        # The whole row on one page: the end of its name, and its figures.
        assert end in page and f"{700 + number} (2022)" in page, number
    for text in with_rows:  # the column headers repeated on each page
        assert "Nulmeting" in text and "Heel Den Haag" in text
