"""The progress charts on a 390 px phone: every label and legend line reads at 14 px or more
(the SVG is drawn in its own units and scaled to the column, so this is measured, not read
from the style sheet), and the value axis shows round steps."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT_SIZES_JS = """
() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {
    sizes: [...svg.querySelectorAll('text')].map(
      text => parseFloat(getComputedStyle(text).fontSize) * scale),
    axis: [...svg.querySelectorAll('text[text-anchor=end]')].map(text => text.textContent),
  };
})
"""


def test_chart_text_reads_at_14_px_on_a_phone(new_context, site_data, live_server):
    page = new_context(viewport={"width": 390, "height": 800}).new_page()
    page.goto(live_server.url + "/voortgang/")
    charts = page.evaluate(TEXT_SIZES_JS)

    assert charts, "no chart on /voortgang/"
    for chart in charts:
        assert min(chart["sizes"]) >= 14, chart
        numbers = [float(re.sub(r"[%.]", "", label).replace(",", ".")) for label in chart["axis"]]
        steps = {round(b - a, 6) for a, b in zip(numbers, numbers[1:], strict=False)}
        assert len(steps) == 1, chart["axis"]  # equal steps
        step = steps.pop()
        # Every label a whole number of steps: 0, 25, 50, not 40,4 and 59,6.
        assert all(round(number / step, 6).is_integer() for number in numbers), chart["axis"]
