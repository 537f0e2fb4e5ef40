"""The yearly report to the ministries (BZK, EZK, SZW, JenV), built from the data for one
year: money per source and initiative, indicators against baseline and target, milestones
reached and missed with the reasons given, and the narrative staff wrote per spearhead.

One builder, two renderings: the PDF (report_pdf.py) and the spreadsheet (report_xlsx.py)
show the same figures. Everything is ordered explicitly, so the same data and year give the
same report.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from funding.public import funding_summary
from initiatives.models import Milestone, Spearhead

from ..models import Indicator, IndicatorTarget, Measurement, ReportNarrative


@dataclass
class IndicatorLine:
    spearhead: str
    name: str
    unit: str
    direction: str
    baseline_value: Decimal
    baseline_year: int
    target_value: Decimal | None
    target_year: int | None
    actual_value: Decimal | None
    actual_year: int | None
    city_value: Decimal | None
    is_demo: bool


@dataclass
class MilestoneLine:
    initiative: str
    title: str
    planned_for: datetime.date
    reached_on: datetime.date | None
    reason: str


@dataclass
class AnnualReport:
    year: int
    money: object  # initiatives.funding.FundingSummary for the year
    indicators: list = field(default_factory=list)
    milestones_reached: list = field(default_factory=list)
    milestones_missed: list = field(default_factory=list)
    narratives: list = field(default_factory=list)  # [(spearhead, text)]
    includes_demo: bool = False

    @property
    def total_allocated(self):
        return self.money.total_allocated

    @property
    def total_spent(self):
        return self.money.total_spent


def _indicator_lines(year):
    indicators = Indicator.objects.select_related("spearhead").prefetch_related(
        Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
        Prefetch("measurements", queryset=Measurement.objects.approved().order_by("year")),
    ).order_by("spearhead__number", "position", "name")
    lines = []
    for indicator in indicators:
        targets = [t for t in indicator.targets.all() if t.year >= year] or list(
            indicator.targets.all())[-1:]
        measured = [m for m in indicator.measurements.all() if m.year <= year]
        target = targets[0] if targets else None
        actual = measured[-1] if measured else None
        lines.append(IndicatorLine(
            spearhead=indicator.spearhead.short_name, name=indicator.name, unit=indicator.unit,
            direction=indicator.get_direction_display(),
            baseline_value=indicator.baseline_value, baseline_year=indicator.baseline_year,
            target_value=target.value if target else None,
            target_year=target.year if target else None,
            actual_value=actual.value if actual else None,
            actual_year=actual.year if actual else None,
            city_value=indicator.city_value, is_demo=indicator.is_demo,
        ))
    return lines


def _milestone_lines(year):
    """Milestones planned in the year: reached by its end, or missed (with the reason)."""
    end = datetime.date(year, 12, 31)
    milestones = Milestone.objects.filter(
        planned_for__year=year, initiative__is_published=True,
    ).select_related("initiative").order_by("planned_for", "initiative__title", "title")
    reached, missed = [], []
    for milestone in milestones:
        line = MilestoneLine(milestone.initiative.title, milestone.title, milestone.planned_for,
                             milestone.reached_on, milestone.delay_reason)
        (reached if milestone.reached_on and milestone.reached_on <= end else missed).append(line)
    return reached, missed


def annual_report(year):
    money = funding_summary(year=year, order="naam")
    narratives = {n.spearhead_id: n.text for n in ReportNarrative.objects.filter(year=year)}
    indicators = _indicator_lines(year)
    reached, missed = _milestone_lines(year)
    return AnnualReport(
        year=year,
        money=money,
        indicators=indicators,
        milestones_reached=reached,
        milestones_missed=missed,
        narratives=[(spearhead, narratives.get(spearhead.pk, ""))
                    for spearhead in Spearhead.objects.order_by("number")],
        includes_demo=money.includes_demo or any(line.is_demo for line in indicators),
    )

