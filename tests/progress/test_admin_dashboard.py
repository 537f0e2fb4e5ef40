"""The admin's front page is the programme office's dashboard: each figure is right and links
to the filtered list that shows the same rows."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from funding.models import Spending
from progress.models import Indicator, Measurement
from tests.factories import (
    AllocationFactory,
    FundingSourceFactory,
    MilestoneFactory,
    OpportunityFactory,
    SpearheadFactory,
)

pytestmark = pytest.mark.django_db


def figure_links(html):
    return dict(re.findall(r'<li><a href="([^"]+)">(?:<strong>)?([^<]+)', html))


def test_every_figure_counts_what_its_list_shows(admin_client):
    today = timezone.localdate()
    source = FundingSourceFactory(name="Regio", amount=Decimal("1000000"))
    behind = AllocationFactory(source=source, amount=Decimal("1000"), year=today.year - 1)
    on_track = AllocationFactory(source=source, amount=Decimal("1000"), year=today.year - 1)
    Spending.objects.create(allocation=on_track, amount=Decimal("600"),
                            period_start=datetime.date(today.year - 1, 1, 1),
                            period_end=datetime.date(today.year - 1, 12, 31))
    MilestoneFactory(planned_for=today - datetime.timedelta(days=1), reached_on=None)
    MilestoneFactory(planned_for=today - datetime.timedelta(days=9), reached_on=today)
    indicator = Indicator.objects.create(
        spearhead=SpearheadFactory(), name="Zonder meting", slug="zonder", explanation="x",
        unit="%", direction="lower", source="x", baseline_value=1, baseline_year=2022)
    measured = Indicator.objects.create(
        spearhead=indicator.spearhead, name="Gemeten", slug="gemeten", explanation="x",
        unit="%", direction="lower", source="x", baseline_value=1, baseline_year=2022)
    Measurement.objects.create(indicator=measured, year=today.year, value=1)
    OpportunityFactory(closes_on=today + datetime.timedelta(days=3))
    OpportunityFactory(closes_on=today + datetime.timedelta(days=30))

    html = admin_client.get("/beheer/").content.decode()
    links = figure_links(html)
    expected = {
        "1 toekenning van vorige jaren is nog niet voor de helft besteed":
            ("funding/allocation", [behind.reference]),
        "1 mijlpaal is te laat": ("initiatives/milestone", None),
        f"1 indicator heeft nog geen meting van {today.year}": (
            "progress/indicator", ["Zonder meting"]),
        "1 kans sluit binnen een week": ("work/opportunity", None),
    }
    by_text = {text.strip(): url for url, text in links.items()}
    assert "Regio: nog €\u00a0998.000 vrij van €\u00a01.000.000" in by_text
    for text, (model, shown) in expected.items():
        url = by_text[text]
        assert f"/beheer/{model}/" in url
        changelist = admin_client.get(url).context["cl"]
        assert changelist.result_count == 1, text
        if shown:
            assert [str(getattr(row, "reference", row)) for row in changelist.result_list] == (
                shown)


def test_the_dashboard_links_to_the_yearly_report(admin_client):
    html = admin_client.get("/beheer/").content.decode()
    assert "/beheer/progress/reportnarrative/jaarverslag/" in html
