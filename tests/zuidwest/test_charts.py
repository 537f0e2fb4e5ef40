"""The value axis of the progress charts reads in round steps (0, 25, 50, 75, 100 or 0, 500,
1.000), written as the page writes numbers; year labels never crowd each other."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from zuidwest.ui.charts import Series, line_chart, nice_ticks


@pytest.mark.parametrize(("values", "ticks"), [
    ([0, 100], [0, 25, 50, 75, 100]),
    ([12, 96], [0, 25, 50, 75, 100]),
    ([200, 1000], [0, 250, 500, 750, 1000]),
    ([40.4, 59.6], [40, 45, 50, 55, 60]),
    ([0.3, 0.9], [0, 0.25, 0.5, 0.75, 1]),
    ([-5, 5], [-5, -2.5, 0, 2.5, 5]),
])
def test_the_axis_steps_are_round(values, ticks):
    assert nice_ticks(values) == ticks


def test_the_axis_covers_every_value_in_a_few_equal_steps():
    for values in ([3, 7], [14.1, 14.8, 9.1], [1200, 13000], [42, 42], [0.01, 0.07]):
        ticks = nice_ticks(values)
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        assert ticks[0] <= min(values) and ticks[-1] >= max(values), (values, ticks)
        assert len(steps) == 1 and 2 <= len(ticks) <= 7, (values, ticks)
        mantissa = f"{steps.pop():e}".split("e")[0].rstrip("0").rstrip(".")
        assert mantissa in {"1", "2", "2.5", "5"}, (values, ticks)


def axis_labels(svg):
    return re.findall(r'text-anchor="end">([^<]*)</text>', svg)


def year_labels(svg):
    return re.findall(r'text-anchor="middle">(\d{4})</text>', svg)


def test_the_chart_labels_its_round_axis_in_dutch_number_format():
    series = [Series("gemeten", [(2022, Decimal("200")), (2024, Decimal("1000"))], "measured")]
    with translation.override("nl"):
        svg = str(line_chart(series, chart_id="c", title="t", description="d"))
        percent = str(line_chart(
            [Series("gemeten", [(2022, Decimal("40.4")), (2024, Decimal("59.6"))], "measured")],
            chart_id="p", title="t", description="d", unit="%"))

    assert axis_labels(svg) == ["0", "250", "500", "750", "1.000"]
    assert axis_labels(percent) == ["40%", "45%", "50%", "55%", "60%"]
    assert svg.count('class="chart__grid"') == 4  # a light line at every step but the axis


def test_year_labels_are_thinned_when_they_would_touch():
    many = [Series("gemeten", [(year, Decimal(year - 2010)) for year in range(2012, 2031)],
                   "measured")]
    few = [Series("gemeten", [(2022, Decimal(1)), (2024, Decimal(2)), (2028, Decimal(3))],
                  "measured")]

    assert year_labels(str(line_chart(few, chart_id="f", title="t", description="d"))) == [
        "2022", "2024", "2028"]
    shown = year_labels(str(line_chart(many, chart_id="m", title="t", description="d")))
    assert shown[0] == "2012" and 4 <= len(shown) < 19
