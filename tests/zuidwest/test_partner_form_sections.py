"""The partner page form in collapsible sections (templates/partner/page_form.html): one
<details> per group of fields and per list of rows, open as sent, a section with an error
marked, and "Op deze pagina" links to every section. The browser side (closing on a phone,
"Volgende onderdeel", the error links) is in tests/browser/test_partner_form_sections.py."""

from html.parser import HTMLParser

import pytest

from tests.factories import OpeningHoursFactory
from tests.partner_helpers import KINDS, form_data, page_of, url

pytestmark = pytest.mark.django_db


class Sections(HTMLParser):
    """The <details> sections of a page: id, classes, open or not, the text of the summary
    and the ids of the elements inside; and the targets of the "Op deze pagina" links."""

    def __init__(self, html):
        super().__init__()
        self.sections = {}
        self.links = []
        self.current = None
        self.in_summary = False
        self.in_nav = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and "partner-section" in attrs.get("class", ""):
            self.current = {"classes": attrs["class"].split(), "open": "open" in attrs,
                            "summary": "", "ids": set()}
            self.sections[attrs["id"]] = self.current
        elif tag == "summary" and self.current is not None:
            self.in_summary = True
        elif tag == "nav" and "partner-sections" in attrs.get("class", ""):
            self.in_nav = True
        elif tag == "a" and self.in_nav:
            self.links.append(attrs["href"])
        if self.current is not None and "id" in attrs:
            self.current["ids"].add(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "details":
            self.current = None
        elif tag == "summary":
            self.in_summary = False
        elif tag == "nav":
            self.in_nav = False

    def handle_data(self, data):
        if self.in_summary:
            self.current["summary"] += data


def sections_of(response):
    return Sections(response.content.decode())


@pytest.mark.parametrize("kind", KINDS)
def test_every_group_and_list_is_an_open_section_with_a_link_at_the_top(
        partner_client, organisation, kind):
    response = partner_client.get(url(kind, "edit", page_of(kind, organisation)))
    found = sections_of(response)
    form, formsets = response.context["form"], response.context["formsets"]

    assert len(found.sections) == len(form.grouped_fields()) + len(formsets) > 2
    assert all(section["open"] for section in found.sections.values())
    assert found.links == [f"#{anchor}" for anchor in found.sections]
    for legend, fields in form.grouped_fields():
        [section] = [s for s in found.sections.values() if str(legend) in s["summary"]]
        assert {field.auto_id for field in fields} <= section["ids"]
    for formset in formsets:
        section = found.sections[f"lijst-{formset.prefix}"]
        assert str(formset.child.title) in section["summary"]
        assert f"rij-{formset.prefix}-1" in section["ids"]
    # A first visit: the script may close sections on a phone.
    assert b"data-first-visit" in response.content


def test_a_closed_list_says_how_many_rows_it_has(partner_client, organisation):
    place = page_of("place", organisation)
    for weekday in (0, 1, 2):
        OpeningHoursFactory(place=place, weekday=weekday)
    found = sections_of(partner_client.get(url("place", "edit", place)))

    assert "3 rijen" in found.sections["lijst-opening_hours"]["summary"]
    assert "nog leeg" in found.sections["lijst-special_hours"]["summary"]


def test_a_section_with_an_error_is_open_and_marked_and_the_others_are_not(
        partner_client, organisation):
    place = page_of("place", organisation)
    data = form_data(partner_client.get(url("place", "edit", place)))
    data.update({"email": "geen-adres", "opening_hours-0-weekday": "0",
                 "opening_hours-0-opens": "later"})

    response = partner_client.post(url("place", "edit", place), data)

    assert response.status_code == 200
    found = sections_of(response)
    invalid = {anchor for anchor, section in found.sections.items()
               if "partner-section--invalid" in section["classes"]}
    assert invalid == {"onderdeel-contact", "lijst-opening_hours"}
    for anchor in invalid:
        assert found.sections[anchor]["open"]
        assert "bevat een fout" in found.sections[anchor]["summary"]
    assert "bevat een fout" not in found.sections["onderdeel-adres"]["summary"]
    # Sent, not a first visit: the script leaves every section open.
    assert b"data-first-visit" not in response.content
    # The error summary's links lead into those sections.
    assert 'href="#id_email"' in response.content.decode()
    assert "id_email" in found.sections["onderdeel-contact"]["ids"]


def test_adding_a_row_returns_to_the_new_row_in_its_section(partner_client, organisation):
    place = page_of("place", organisation)
    response = partner_client.get(url("place", "edit", place))
    edit = url("place", "edit", place)
    total = response.context["formsets"][0].total_form_count()
    # The button's own address: the page again, at the row it adds.
    assert f'formaction="{edit}#rij-opening_hours-{total + 1}"' in response.content.decode()
    # The form itself posts to the page without a fragment.
    assert f'action="{edit}"' in response.content.decode()

    data = form_data(response)
    data["nog_een_rij"] = "opening_hours"
    found = sections_of(partner_client.post(edit, data))

    section = found.sections["lijst-opening_hours"]
    assert section["open"] and f"rij-opening_hours-{total + 1}" in section["ids"]


def test_a_short_form_has_no_list_of_sections(partner_client, organisation, monkeypatch):
    from work.partner.forms import OpportunityForm

    monkeypatch.setattr(OpportunityForm, "sections", ())
    found = sections_of(partner_client.get(url("opportunity", "create")))

    assert len(found.sections) == 1  # every field in "Overig"
    assert found.links == []
