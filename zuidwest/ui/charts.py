"""Small line charts as server-rendered SVG: no chart JavaScript, readable without colour
(every series has its own line pattern and marker shape, named in a legend), with a text
alternative, and black on white so they print well. The numbers they show are always in a
table next to them; the chart only illustrates."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .numbers import plain_number

# In user units. The chart is drawn 320 wide and shown at the column's width (up to 28rem):
# on a 390 px phone about 1.1 times as large, so 13 units of text read as 14 px or more.
WIDTH, HEIGHT = 320, 190
LEFT, RIGHT, TOP, BOTTOM = 54, 24, 12, 30
LEGEND_LINE = 19
# Year labels at least this far apart (a 13-unit "2024" is about 30 wide): others are skipped.
YEAR_LABEL_SPACE = 36
# Steps of a value axis: 1, 2, 2,5 or 5 times a power of ten, so the axis reads 0, 25, 50,
# 75, 100 or 0, 500, 1.000, never 40,4 and 59,6.
NICE_STEPS = (1, 2, 2.5, 5, 10)


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[int, Decimal]]  # (year, value)
    style: str  # "measured", "target" or "city"


# Line pattern and marker per style: distinguishable in black and white.
STYLES = {
    "measured": {"dash": "", "width": 2.5, "marker": "circle"},
    "target": {"dash": "6 4", "width": 1.5, "marker": "diamond"},
    "city": {"dash": "2 3", "width": 1.5, "marker": "square"},
}


def _marker(kind, x, y):
    if kind == "circle":
        return format_html('<circle cx="{}" cy="{}" r="3.5" class="chart__marker"/>', x, y)
    if kind == "square":
        return format_html('<rect x="{}" y="{}" width="7" height="7" class="chart__marker '
                           'chart__marker--open"/>', x - 3.5, y - 3.5)
    return format_html('<path d="M {} {} l 4.5 4.5 l -4.5 4.5 l -4.5 -4.5 z" '
                       'class="chart__marker chart__marker--open"/>', x, y - 4.5)


def _scale(low, high, out_low, out_high):
    span = (high - low) or 1

    def scale(value):
        return round(out_low + (float(value) - low) * (out_high - out_low) / span, 1)

    return scale


def nice_ticks(values, intervals=4):
    """Round values for a value axis that covers `values`: about `intervals` equal steps of 1,
    2, 2,5 or 5 times a power of ten. The axis starts at 0 when the values are nearer to 0 than
    they are apart, so a small change is not blown up."""
    low, high = float(min(values)), float(max(values))
    if low >= 0 and low < high - low:
        low = 0.0
    span = (high - low) or abs(high) or 1.0
    raw = span / intervals
    power = 10 ** math.floor(math.log10(raw))
    step = next(nice for nice in NICE_STEPS if nice * power >= raw - 1e-9) * power
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    if last == first:
        last += 1
    return [round(number * step, 10) for number in range(first, last + 1)]


def line_chart(series, *, chart_id, title, description, unit=""):
    """An SVG line chart of `series` over their years. `title` and `description` are the text
    alternative (role="img" with <title> and <desc>); `chart_id` makes their ids unique."""
    drawn = [s for s in series if s.points]
    years = sorted({year for s in drawn for year, _value in s.points})
    values = [value for s in drawn for _year, value in s.points]
    if not years:
        return ""
    legend_height = LEGEND_LINE * len(drawn)
    height = HEIGHT + legend_height
    x = _scale(years[0], years[-1] if years[-1] != years[0] else years[0] + 1,
               LEFT, WIDTH - RIGHT)
    ticks = nice_ticks(values)
    y = _scale(ticks[0], ticks[-1], HEIGHT - BOTTOM, TOP)
    parts = [
        format_html('<svg class="chart" viewBox="0 0 {} {}" role="img" '
                    'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">',
                    WIDTH, height, chart_id, chart_id),
        format_html('<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
                    chart_id, title, chart_id, description),
        format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart__axis"/>',
                    LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM),
        format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart__axis"/>',
                    LEFT, TOP, LEFT, HEIGHT - BOTTOM),
    ]
    for value in ticks:
        if value != ticks[0]:
            parts.append(format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart__grid"/>',
                                     LEFT, y(value), WIDTH - RIGHT, y(value)))
        parts.append(format_html('<text x="{}" y="{}" class="chart__label" '
                                 'text-anchor="end">{}</text>',
                                 LEFT - 5, y(value) + 4.5, _number(value, unit)))
    shown_at = None
    for year in years:
        if shown_at is None or x(year) - shown_at >= YEAR_LABEL_SPACE:
            shown_at = x(year)
            parts.append(format_html('<text x="{}" y="{}" class="chart__label" '
                                     'text-anchor="middle">{}</text>', x(year), HEIGHT - 8,
                                     year))
    for number, line in enumerate(drawn):
        style = STYLES[line.style]
        points = " ".join(f"{x(year)},{y(value)}" for year, value in line.points)
        parts.append(format_html(
            '<polyline points="{}" class="chart__line chart__line--{}" '
            'stroke-dasharray="{}" stroke-width="{}" fill="none"/>',
            points, line.style, style["dash"], style["width"]))
        parts.extend(_marker(style["marker"], x(year), y(value)) for year, value in line.points)
        legend_y = HEIGHT + number * LEGEND_LINE + 4
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart__line chart__line--{}" '
            'stroke-dasharray="{}" stroke-width="{}"/>',
            LEFT, legend_y, LEFT + 24, legend_y, line.style, style["dash"], style["width"]))
        parts.append(_marker(style["marker"], LEFT + 12, legend_y))
        parts.append(format_html('<text x="{}" y="{}" class="chart__legend">{}</text>',
                                 LEFT + 32, legend_y + 4.5, line.label))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def _number(value, unit):
    """An axis value as the page writes numbers: "2,5", "1.000", "25%"."""
    text = plain_number(Decimal(str(value)), places=2)
    return escape(f"{text}{unit}" if unit == "%" else text)
