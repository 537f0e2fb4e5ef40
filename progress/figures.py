"""The progress monitor: for each indicator its course so far, the target it should be on, the
city's figure, and a status in words. Initiatives' progress: milestones and outputs."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from initiatives.models import Spearhead
from zuidwest.ui.charts import Series, line_chart
from zuidwest.ui.numbers import plain_number

from .models import Indicator, IndicatorTarget, Measurement

ON_TRACK = "on_track"
BEHIND = "behind"
NO_MEASUREMENT = "no_measurement"
STATUS_TEXT = {
    ON_TRACK: _("op koers"),
    BEHIND: _("achter op schema"),
    NO_MEASUREMENT: _("nog geen meting"),
}


def figure(value):
    """14.80 -> "14,8" (in the active language's format)."""
    return plain_number(value)


def expected_value(indicator, year):
    """Where the indicator should be in `year`: its target for that year, or the straight
    line from the baseline (or an earlier target) to the next target."""
    points = [(indicator.baseline_year, indicator.baseline_value)] + [
        (target.year, target.value) for target in indicator.targets.all()]
    points.sort()
    before = [point for point in points if point[0] <= year]
    after = [point for point in points if point[0] >= year]
    if not after:
        return before[-1][1]
    (start_year, start), (end_year, end) = before[-1], after[0]
    if end_year == start_year:
        return end
    share = Decimal(year - start_year) / Decimal(end_year - start_year)
    return start + (end - start) * share


@dataclass
class IndicatorProgress:
    indicator: Indicator

    @property
    def measurements(self):
        return list(self.indicator.measurements.all())

    @property
    def targets(self):
        return list(self.indicator.targets.all())

    @property
    def latest(self):
        measurements = self.measurements
        return measurements[-1] if measurements else None

    @property
    def status(self):
        latest = self.latest
        if latest is None:
            return NO_MEASUREMENT
        expected = expected_value(self.indicator, latest.year)
        better_or_equal = (latest.value >= expected if self.indicator.higher_is_better
                           else latest.value <= expected)
        return ON_TRACK if better_or_equal else BEHIND

    @property
    def status_text(self):
        return STATUS_TEXT[self.status]

    @property
    def trend(self):
        """"beter", "slechter" or "gelijk" since the measurement before (or the baseline)."""
        latest = self.latest
        if latest is None:
            return ""
        earlier = self.measurements[-2].value if len(self.measurements) > 1 else (
            self.indicator.baseline_value)
        if latest.value == earlier:
            return _("gelijk gebleven")
        improved = (latest.value > earlier) == self.indicator.higher_is_better
        return _("beter geworden") if improved else _("slechter geworden")

    @property
    def rows(self):
        """Year by year: measured, target and city figure; the table beside the chart."""
        indicator = self.indicator
        measured = {m.year: m.value for m in self.measurements}
        targets = {t.year: t.value for t in self.targets}
        city = {indicator.city_year: indicator.city_value} if indicator.city_value else {}
        years = sorted({indicator.baseline_year, *measured, *targets, *city})
        return [{"year": year,
                 "measured": indicator.baseline_value if year == indicator.baseline_year
                 and year not in measured else measured.get(year),
                 "is_baseline": year == indicator.baseline_year and year not in measured,
                 "target": targets.get(year), "city": city.get(year)} for year in years]

    @property
    def chart(self):
        indicator = self.indicator
        measured = [(indicator.baseline_year, indicator.baseline_value)] + [
            (m.year, m.value) for m in self.measurements if m.year != indicator.baseline_year]
        series = [
            Series(str(_("gemeten")), measured, "measured"),
            Series(str(_("doel")), [(indicator.baseline_year, indicator.baseline_value)]
                   + [(t.year, t.value) for t in self.targets], "target"),
        ]
        if indicator.city_value is not None:
            series.append(Series(str(_("heel Den Haag")),
                                 [(indicator.city_year, indicator.city_value)], "city"))
        latest = self.latest
        latest_text = (_("laatste meting %(value)s in %(year)s") % {
            "value": figure(latest.value), "year": latest.year}) if latest else (
            STATUS_TEXT[NO_MEASUREMENT])
        description = _("%(name)s: nulmeting %(baseline)s in %(year)s; %(latest)s; "
                        "%(status)s.") % {
            "name": indicator.name, "baseline": figure(indicator.baseline_value),
            "year": indicator.baseline_year, "latest": latest_text, "status": self.status_text,
        }
        return line_chart(series, chart_id=f"grafiek-{indicator.slug}",
                          title=indicator.name, description=description,
                          unit=indicator.unit if indicator.unit == "%" else "")


def indicators_with_figures():
    """Indicators with their targets and approved measurements prefetched, in year order."""
    return Indicator.objects.prefetch_related(
        Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
        Prefetch("measurements", queryset=Measurement.objects.approved().order_by("year")),
    )


def spearheads_with_indicators():
    """Every spearhead with its programme-level indicators' progress, in three queries."""
    spearheads = Spearhead.objects.prefetch_related(
        Prefetch("indicators", queryset=indicators_with_figures().programme_level()))
    return [(spearhead, [IndicatorProgress(i) for i in spearhead.indicators.all()])
            for spearhead in spearheads]


def initiative_indicators(initiative):
    return [IndicatorProgress(indicator)
            for indicator in indicators_with_figures().filter(initiative=initiative)]
