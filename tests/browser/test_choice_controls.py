"""Check boxes and radio buttons in the NL Design System look: a drawn box or circle of at
least 24 by 24 CSS pixels (WCAG 2.5.8), growing with the text, that the keyboard reaches and
ticks, with a visible focus ring; on a 320 px phone, and with the text at 200% in a window
of 640 px (a 1280 px screen at 200% zoom, as test_text_size.py), they still fit."""

import pytest

from .helpers import assert_focus_visible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 320, "height": 640}}
HALF = {"viewport": {"width": 640, "height": 400}}
# A filter form (check boxes) and a public form (radio buttons and a check box).
PATHS = ["/werk-en-leren/", "/ideeen/nieuw/"]

CONTROLS_JS = """
() => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
  .filter(input => input.getClientRects().length && input.name !== 'website')
  .map(input => {
    const box = input.getBoundingClientRect();
    return {name: input.name, classes: input.className, width: box.width, height: box.height,
            appearance: getComputedStyle(input).appearance, right: box.right};
  })
"""


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_choice_controls_are_drawn_and_large_enough(new_context, site_data, live_server, path,
                                                   text_size):
    page = new_context(**(PHONE if text_size == "100%" else HALF)).new_page()
    page.goto(live_server.url + path)
    page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
    controls = page.evaluate(CONTROLS_JS)
    width = page.evaluate("document.documentElement.clientWidth")

    assert controls, f"no check box or radio button on {path}"
    minimum = 24 if text_size == "100%" else 48
    for control in controls:
        assert "utrecht-checkbox" in control["classes"] or (
            "utrecht-radio-button" in control["classes"]), control
        assert control["appearance"] == "none", control  # the NLDS look, not the system's
        assert control["width"] >= minimum and control["height"] >= minimum, control
        assert control["right"] <= width, control
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_keyboard_ticks_a_check_box_and_chooses_a_radio_button(new_context, site_data,
                                                                   live_server):
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + "/werk-en-leren/")
    first = page.locator("input[type=checkbox]").first
    first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # reached by the keyboard, so :focus-visible applies
    assert_focus_visible(page)
    page.keyboard.press("Space")
    assert first.is_checked()
    assert page.evaluate(
        "getComputedStyle(document.activeElement).backgroundImage").endswith('.svg")')

    page.goto(live_server.url + "/ideeen/nieuw/")
    radios = page.locator("input[type=radio][name=kind]")
    radios.first.focus()
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).is_checked()
    assert_focus_visible(page)
