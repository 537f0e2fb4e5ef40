"""The printed weekly programme fits one A4: Chromium prints the busiest place of the demo
content to PDF, and the PDF has one page (it had two, the second holding only the footer)."""

import io
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


def test_a_normal_week_prints_on_one_a4(page, live_server):
    from pypdf import PdfReader

    place = busiest_place_this_week()
    assert place.dates >= 4  # a real week's programme, not an empty sheet
    page.goto(live_server.url + reverse("locations:place_print", kwargs={"slug": place.slug}))
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(pdf.pages) == 1, pdf.pages[-1].extract_text()[:200]
    assert "Gemaakt op" in pdf.pages[0].extract_text()
