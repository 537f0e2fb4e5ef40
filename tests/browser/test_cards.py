"""Cards with a picture: the browser picks a WebP rendition from the srcset, the picture fills the
card's top edge to edge in its 16:9 shape, and nothing gets wider than a 320 px screen."""

import pytest

from tests.browser.helpers import assert_no_axe_violations, document_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFLOW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}

CARD_LAYOUT_JS = """
(card) => {
  const box = (element) => element.getBoundingClientRect();
  const image = card.querySelector(".card__image");
  const title = card.querySelector(".card__title");
  return {
    card: box(card).toJSON(), image: box(image).toJSON(), title: box(title).toJSON(),
    srcset: image.getAttribute("srcset"), sizes: image.getAttribute("sizes"),
    currentSrc: image.currentSrc, naturalWidth: image.naturalWidth,
    width: image.getAttribute("width"), height: image.getAttribute("height"),
    loading: image.getAttribute("loading"), alt: image.getAttribute("alt"),
    imageFirstInHtml: card.firstElementChild === image,
  };
}
"""


@pytest.mark.parametrize("path, title", [
    ("/plekken/", "Buurthuis Het Middelpunt"),
    ("/initiatieven/", "Energiecoaches uit de wijk"),
])
def test_a_card_with_a_picture_shows_a_rendition_and_keeps_its_layout_at_320_px(
    new_context, demo_images, live_server, path, title
):
    page = new_context(**REFLOW).new_page()
    page.goto(live_server.url + path)
    card = page.locator(".card").filter(has=page.get_by_role("link", name=title))
    image = card.locator(".card__image")
    image.scroll_into_view_if_needed()
    page.wait_for_function("(image) => image.complete && image.naturalWidth > 0",
                           arg=image.element_handle())

    layout = card.evaluate(CARD_LAYOUT_JS)
    # The renditions, and the browser took one of them (not the JPEG fallback).
    assert "-320.webp 320w" in layout["srcset"] and "-1024.webp 1024w" in layout["srcset"]
    assert "100vw" in layout["sizes"]
    assert layout["currentSrc"].endswith(".webp")
    # Room reserved before it loads, loaded only when needed, described by the content.
    assert (layout["width"], layout["height"]) == ("1280", "720")
    assert layout["loading"] == "lazy"
    assert layout["alt"].startswith("Illustratie, geen foto:")
    # Edge to edge at the top of the card, 16:9, above the title that comes first in the HTML.
    assert abs(layout["image"]["left"] - layout["card"]["left"]) <= 1.5
    assert abs(layout["image"]["right"] - layout["card"]["right"]) <= 1.5
    assert layout["image"]["height"] == pytest.approx(layout["image"]["width"] * 9 / 16, abs=1.5)
    assert layout["image"]["bottom"] <= layout["title"]["top"]
    assert not layout["imageFirstInHtml"]
    assert layout["card"]["right"] <= 320

    widths = document_widths(page)
    assert widths["scroll"] <= widths["client"] == 320
    assert_no_axe_violations(page)


def test_cards_in_a_row_are_equally_high_with_and_without_a_picture(
    new_context, demo_images, live_server
):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/initiatieven/")
    boxes = page.locator(".card-list > li > .card").evaluate_all(
        "(cards) => cards.map((card) => ({top: Math.round(card.getBoundingClientRect().top),"
        " height: Math.round(card.getBoundingClientRect().height),"
        " picture: card.querySelector('.card__image') !== null}))")
    rows = {}
    for box in boxes:
        rows.setdefault(box["top"], []).append(box)
    assert max(len(row) for row in rows.values()) == 3  # three columns on a desktop
    mixed = [row for row in rows.values() if len({box["picture"] for box in row}) == 2]
    assert mixed, "the demo data should give a row with and without pictures"
    for row in mixed:
        assert len({box["height"] for box in row}) == 1, row


def test_featured_cards_without_a_picture_get_a_placeholder_of_the_same_shape(
    new_context, demo_images, live_server
):
    """On the home page the featured initiatives mix cards with and without a photo: a card
    without one shows a placeholder as tall as the photos, so the titles in a row line up."""
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/")
    cards = page.locator("#uitgelicht ~ .card-list .card").evaluate_all(
        """(cards) => cards.map((card) => {
          const image = card.querySelector('.card__image');
          const top = (element) => Math.round(element.getBoundingClientRect().top);
          const placeholder = getComputedStyle(card, '::before');
          return {top: top(card), title: top(card.querySelector('.card__title')),
                  picture: image !== null, placeholder: placeholder.content !== 'none'
                    && placeholder.backgroundImage.includes('favicon')};
        })""")
    assert {card["picture"] for card in cards} == {True, False}, cards  # a mixed list
    for card in cards:
        assert card["picture"] != card["placeholder"], card  # one or the other, never both
    rows = {}
    for card in cards:
        rows.setdefault(card["top"], []).append(card["title"])
    for titles in rows.values():
        assert max(titles) - min(titles) <= 1, rows
