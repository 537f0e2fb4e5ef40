"""The printed weekly programme fits one A4: Chromium prints the busiest place of the demo
content to PDF, and the PDF has one page (it had two, the second holding only the footer). The
sheet carries the portal's wordmark, and no address is broken inside a word."""

import io
import re
import unicodedata
from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def busiest_place_this_week():
    from locations.models import Place

    today = timezone.localdate()
    week = Q(activities__occurrences__starts_at__date__gte=today,
             activities__occurrences__starts_at__date__lt=today + timedelta(days=7))
    return (Place.objects.published().annotate(dates=Count("activities__occurrences", filter=week))
            .order_by("-dates", "pk").first())


def printed_pages(page, url, place):
    """The text of each page of the place's printed programme, ligatures ("ﬀ") spelled out."""
    from pypdf import PdfReader

    page.goto(url + reverse("locations:place_print", kwargs={"slug": place.slug}))
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    return [unicodedata.normalize("NFKC", sheet.extract_text()) for sheet in pdf.pages]


def test_a_normal_week_prints_on_one_a4(page, live_server):
    place = busiest_place_this_week()
    assert place.dates >= 4  # a real week's programme, not an empty sheet
    pages = printed_pages(page, live_server.url, place)
    assert len(pages) == 1, pages[-1][:200]
    assert "Gemaakt op" in pages[0]


def test_the_sheet_has_the_wordmark_and_whole_addresses(page, live_server):
    """The place with the longest address and name: every word of its address, its postcode
    with its city, and its web address each stay on one line."""
    from locations.models import Place

    place = max(Place.objects.published(), key=lambda place: len(place.address + place.name))
    [text] = printed_pages(page, live_server.url, place)
    lines = [" ".join(line.split()) for line in text.splitlines()]

    assert lines[:2] == ["Regio Deal", "Den Haag Zuidwest"], lines[:3]  # the wordmark on top
    words = set(" ".join(lines).replace(",", " ").split())
    for word in re.split(r"[\s,]+", place.address.strip()):
        assert word in words, (word, lines[:12])
    assert any(f"{place.postcode} {place.city}" in line for line in lines), lines[:12]
    assert any(place.get_absolute_url() in line for line in lines), lines[-3:]
