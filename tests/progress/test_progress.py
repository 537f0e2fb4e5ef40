"""The progress monitor at /voortgang/: a status in words per indicator, a chart that shows
exactly the numbers of the table beside it, and progress on initiative pages."""

import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from progress.figures import IndicatorProgress, expected_value
from progress.models import Indicator, IndicatorTarget, Measurement, Output
from tests.factories import InitiativeFactory, MilestoneFactory, SpearheadFactory

pytestmark = pytest.mark.django_db

PROGRESS_URL = "/voortgang/"


def indicator(direction="lower", baseline="14.80", targets=None, measured=None, city=None,
              **fields):
    made = Indicator.objects.create(
        spearhead=fields.pop("spearhead", None) or SpearheadFactory(),
        name=fields.pop("name", "Jongeren zonder startkwalificatie"),
        slug=fields.pop("slug", "jongeren-zonder-startkwalificatie"),
        explanation="Uitleg.", unit="%", direction=direction, source="Test",
        baseline_value=Decimal(baseline), baseline_year=2022,
        city_value=Decimal(city) if city else None, city_year=2024 if city else None, **fields)
    for year, value in (targets or {2026: "12.50"}).items():
        IndicatorTarget.objects.create(indicator=made, year=year, value=Decimal(value))
    for year, value in (measured or {}).items():
        Measurement.objects.create(indicator=made, year=year, value=Decimal(value))
    return made


def test_the_expected_value_runs_straight_from_baseline_to_target():
    made = indicator(targets={2026: "12.80", 2028: "10.80"})
    assert expected_value(made, 2022) == Decimal("14.80")
    assert expected_value(made, 2024) == Decimal("13.80")
    assert expected_value(made, 2026) == Decimal("12.80")
    assert expected_value(made, 2027) == Decimal("11.80")
    assert expected_value(made, 2030) == Decimal("10.80")  # past the last target: that target


@pytest.mark.parametrize("direction, measured, status", [
    ("lower", {2024: "13.80"}, "on_track"),     # exactly on the line
    ("lower", {2024: "13.90"}, "behind"),
    ("higher", {2024: "13.90"}, "on_track"),
    ("lower", {}, "no_measurement"),
])
def test_the_status_compares_the_latest_measurement_with_the_line(direction, measured, status):
    made = indicator(direction=direction, baseline="14.80" if direction == "lower" else "12.80",
                     targets={2026: "12.80" if direction == "lower" else "14.80"},
                     measured=measured)
    assert IndicatorProgress(made).status == status


def test_the_status_reads_in_words_with_the_trend(client):
    indicator(measured={2023: "14.50", 2024: "14.60"})
    html = client.get(PROGRESS_URL).content.decode()
    assert "<strong>Achter op schema</strong>: sinds de vorige meting slechter geworden." in html


def test_the_chart_shows_exactly_the_numbers_of_the_table(client):
    indicator(targets={2026: "12.50", 2028: "10.00"}, measured={2023: "14.10", 2024: "13.60"},
              city="9.10")
    response = client.get(PROGRESS_URL)
    (spearhead, [progress]), = response.context["sections"]
    rows = progress.rows
    table_points = sum(1 for row in rows for key in ("measured", "target", "city")
                       if row[key] is not None)
    svg = str(progress.chart)
    # One marker per point, plus one per series in the legend; the baseline starts both the
    # measured and the target line.
    markers = len(re.findall(r"class=\"chart__marker", svg))
    assert markers - 3 == table_points + 1
    assert [row["year"] for row in rows] == [2022, 2023, 2024, 2026, 2028]
    html = response.content.decode()
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    # One number format: "14,8" beside "8", never "14,80".
    assert "nulmeting 14,8 in 2022; laatste meting 13,6 in 2024; op koers." in svg
    for value in ("14,8", "14,1", "13,6", "12,5", "9,1"):
        assert f">{value}<" in html or f">{value} " in html or f" {value} " in html
        assert f"{value}0" not in html


def test_chart_text_is_escaped(client):
    indicator(name="<script>alert(1)</script>", slug="x", measured={2024: "13"})
    html = client.get(PROGRESS_URL).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_targets_and_measurements_are_one_per_year():
    made = indicator()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorTarget.objects.create(indicator=made, year=2026, value=Decimal("1"))


def test_the_monitor_costs_the_same_queries_with_more_indicators(client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PROGRESS_URL).status_code == 200
        return len(queries)

    spearhead = SpearheadFactory()
    indicator(spearhead=spearhead, measured={2023: "14"})
    small = count()
    for number in range(9):
        indicator(spearhead=spearhead, slug=f"i-{number}", name=f"Indicator {number}",
                  measured={2023: "14", 2024: "13"}, city="9")
    assert count() == small


def test_an_initiative_page_shows_milestones_and_outputs(client):
    initiative = InitiativeFactory()
    MilestoneFactory(initiative=initiative, reached_on="2025-03-01")
    MilestoneFactory(initiative=initiative, reached_on=None)
    Output.objects.create(initiative=initiative, kind="deelnemers", year=2025, planned=40,
                          achieved=36)
    Output.objects.create(initiative=initiative, kind="diplomas", year=2026, planned=12)
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "1 van 2 mijlpalen bereikt." in html
    assert re.search(r"Deelnemers.*?40.*?36", html, re.S)
    assert "loopt nog" in html


def test_the_monitor_is_in_the_menu(client):
    html = client.get(reverse("site:home")).content.decode()
    assert f'href="{PROGRESS_URL}"' in html
