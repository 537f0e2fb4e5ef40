"""The breadcrumb on a phone wraps like a sentence: between words, never inside one, and a
"›" stays at the end of the line of the crumb before it, never alone at the start of a line."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Per crumb but the last: is its "›" (the ::after of the <li>) on the line where its link ends?
SEPARATORS_JS = """
() => [...document.querySelectorAll('.portal-breadcrumbs li:not(:last-child)')].map(item => {
  const itemLines = [...item.getClientRects()];
  const linkLines = [...item.querySelector('a').getClientRects()];
  const lastItem = itemLines[itemLines.length - 1], lastLink = linkLines[linkLines.length - 1];
  return {text: item.textContent.trim(), sameLine: Math.abs(lastItem.top - lastLink.top) < 2,
          separatorWidth: lastItem.right - lastLink.right};
})
"""


def test_breadcrumbs_wrap_between_words_with_each_separator_after_its_crumb(
        new_context, site_data, live_server):
    from work.models import Opportunity

    # The longest title makes the breadcrumb wrap on a 320 px phone.
    opportunity = max(Opportunity.objects.all(), key=lambda item: len(item.title))
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(live_server.url + opportunity.get_absolute_url())

    lines = page.evaluate(
        "[...document.querySelector('.portal-breadcrumbs ol').getClientRects()]"
        ".map(r => r.height)")
    separators = page.evaluate(SEPARATORS_JS)
    hyphens = page.evaluate(
        "getComputedStyle(document.querySelector('.portal-breadcrumbs a')).hyphens")

    assert lines[0] > 40, "the breadcrumb fits one line: this checks no wrapping"
    assert len(separators) == 2
    for separator in separators:
        assert separator["sameLine"] and separator["separatorWidth"] > 5, separator
    assert hyphens == "manual"
