"""Small line charts as server-rendered SVG: no chart JavaScript, readable without colour
(every series has its own line pattern and marker shape, named in a legend), with a text
alternative, and black on white so they print well. The numbers they show are always in a
table next to them; the chart only illustrates."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 44, 22, 12, 28
LEGEND_LINE = 16


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


def _nice_range(values):
    low, high = float(min(values)), float(max(values))
    padding = (high - low) * 0.1 or abs(high) * 0.1 or 1
    return max(0.0, low - padding) if low >= 0 else low - padding, high + padding


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
    low, high = _nice_range(values)
    y = _scale(low, high, HEIGHT - BOTTOM, TOP)
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
    for value in (low, high):
        parts.append(format_html('<text x="{}" y="{}" class="chart__label" '
                                 'text-anchor="end">{}</text>',
                                 LEFT - 4, y(value) + 4, _number(value, unit)))
    for year in years:
        parts.append(format_html('<text x="{}" y="{}" class="chart__label" '
                                 'text-anchor="middle">{}</text>', x(year), HEIGHT - 8, year))
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
                                 LEFT + 32, legend_y + 4, line.label))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def _number(value, unit):
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return escape(f"{text}{unit}" if unit == "%" else text)
