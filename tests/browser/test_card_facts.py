"""The facts at the foot of a card (an initiative's spearhead and status, an opportunity's
organisation, neighbourhood and age): every label sits beside or above its own value, on one
line, on a phone and on a desktop, on every page that shows such cards."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each visible <dt>: where it and the <dd> after it are, and how many lines the label
# takes. A visually hidden <dt> is measured through its <dd>, which should span the list.
FACT_PAIRS_JS = """
(lists) => lists.flatMap((list) => {
  const box = (element) => element.getBoundingClientRect();
  const listBox = box(list);
  return [...list.querySelectorAll(":scope > dt")].map((label) => {
    const value = label.nextElementSibling;
    const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
    const hidden = getComputedStyle(label).position === "absolute";
    // The text itself, not the grid cell (which stretches to the height of its row).
    const text = document.createRange();
    text.selectNodeContents(label);
    return {
      card: list.closest(".card").querySelector(".card__title").textContent.trim(),
      label: label.textContent.trim(), value: value.textContent.trim(), hidden,
      dt: box(label).toJSON(), dd: box(value).toJSON(), list: listBox.toJSON(),
      labelLines: Math.round(text.getBoundingClientRect().height / lineHeight),
    };
  });
})
"""


def misplaced(pairs):
    wrong = []
    for pair in pairs:
        dt, dd = pair["dt"], pair["dd"]
        if pair["hidden"]:
            ok = abs(dd["left"] - pair["list"]["left"]) <= 1
        else:
            beside = abs(dt["top"] - dd["top"]) <= 2 and dd["left"] >= dt["right"] - 1
            above = dd["top"] >= dt["bottom"] - 1 and abs(dd["left"] - dt["left"]) <= 1
            ok = (beside or above) and pair["labelLines"] == 1
        if not ok:
            wrong.append(pair)
    return wrong


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", [
    "/werk-en-leren/",
    # The finder's answer: a filtered list.
    "/werk-en-leren/?age=19&no_diploma=on&kind=leerwerkplek&kind=opleiding&wish=diploma",
    "/wijken/moerwijk/",
    "/initiatieven/",
    "/",
])
def test_every_card_label_sits_beside_or_above_its_own_value(
    new_context, site_data, live_server, path, width
):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(live_server.url + path)
    pairs = page.locator(".card .card__facts").evaluate_all(FACT_PAIRS_JS)
    assert pairs or path == "/", f"no card facts on {path}"
    wrong = misplaced(pairs)
    assert not wrong, "\n".join(
        f"{p['card']}: '{p['label']}' at {p['dt']} and '{p['value']}' at {p['dd']}"
        for p in wrong)
