"""On English pages, content that exists only in Dutch (what the programme and partners write)
is marked lang="nl", and the page says once that some content is in Dutch."""

import pytest
from django.urls import reverse
from django.utils import translation

from progress.models import Indicator
from tests.factories import InitiativeFactory, ProgrammeFactory, SpearheadFactory

pytestmark = pytest.mark.django_db

NOTICE_EN = "only available in Dutch"


def _get(client, name, language, **kwargs):
    with translation.override(language):
        url = reverse(name, **kwargs)
    return client.get(url).content.decode()


def test_english_pages_mark_dutch_content_and_say_so_once(client):
    ProgrammeFactory(summary="Samen werken aan een sterk Zuidwest.")
    spearhead = SpearheadFactory()
    Indicator.objects.create(
        spearhead=spearhead, name="Jongeren zonder startkwalificatie", slug="jzs",
        explanation="Het deel van de jongeren zonder diploma.", unit="%", direction="lower",
        source="Test", baseline_value=1, baseline_year=2022)
    initiative = InitiativeFactory(summary="Een buurtkamer voor iedereen.")

    home = _get(client, "site:home", "en")
    assert '<p class="utrecht-paragraph" lang="nl">Samen werken aan een sterk Zuidwest.' in home
    assert home.count(NOTICE_EN) == 1
    progress = _get(client, "progress:overview", "en")
    assert 'id="indicator-jzs" lang="nl">Jongeren zonder startkwalificatie' in progress
    assert '<span lang="nl">Het deel van de jongeren zonder diploma.</span>' in progress
    assert progress.count(NOTICE_EN) == 1
    detail = _get(client, "initiatives:initiative_detail", "en",
                  kwargs={"slug": initiative.slug})
    assert 'lang="nl">Een buurtkamer voor iedereen.</p>' in detail


def test_dutch_pages_carry_no_extra_marks(client):
    ProgrammeFactory(summary="Samen werken aan een sterk Zuidwest.")
    home = _get(client, "site:home", "nl")
    assert '<p class="utrecht-paragraph">Samen werken aan een sterk Zuidwest.' in home
    assert 'lang="nl">' not in home.split("<body", 1)[1]
    assert "alleen in het Nederlands" not in home
