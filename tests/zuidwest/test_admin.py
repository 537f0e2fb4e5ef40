"""Programme staff manage everything in the admin at /beheer/."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from funding.models import Allocation
from tests.factories import AllocationFactory, FundingSourceFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def test_every_model_has_a_working_list_and_add_page(staff_client):
    AllocationFactory()
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = staff_client.get(reverse(f"{prefix}_changelist"))
        assert changelist.status_code == 200, prefix
        if model_admin.has_add_permission(changelist.wsgi_request):
            assert staff_client.get(reverse(f"{prefix}_add")).status_code == 200, prefix


def test_admin_is_closed_to_anonymous_visitors(client):
    response = client.get(reverse("admin:funding_allocation_changelist"))
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def test_funding_source_list_shows_allocated_and_remaining(staff_client):
    source = FundingSourceFactory(kind="region", amount=Decimal("31000000"))
    AllocationFactory(source=source, amount=Decimal("1000000"))
    html = staff_client.get(reverse("admin:funding_fundingsource_changelist")).content
    assert b"1.000.000,00" in html
    assert b"30.000.000,00" in html


def test_two_inline_allocations_that_together_exceed_the_source_are_refused(staff_client):
    """The message speaks of what is left and of the new rows only, although the initiative
    already has an allocation from the same source."""
    source = FundingSourceFactory(kind="region", amount=Decimal("1300"))
    initiative = InitiativeFactory()
    AllocationFactory(initiative=initiative, source=source, amount=Decimal("300"))
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update({
        "title": initiative.title, "slug": initiative.slug, "kind": initiative.kind,
        "spearhead": initiative.spearhead_id, "alliance": initiative.alliance_id,
        "lead_organisation": initiative.lead_organisation_id, "status": initiative.status,
        "summary": initiative.summary, "start_date": "2025-01-01",
        "allocations-TOTAL_FORMS": "3", "allocations-INITIAL_FORMS": "1",
        "allocations-0-id": initiative.allocations.get().pk,
        "allocations-0-initiative": initiative.pk,
        "milestones-TOTAL_FORMS": "0", "milestones-INITIAL_FORMS": "0",
        "updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0",
    })
    data.pop("partner_organisations", None)
    data.pop("neighbourhoods", None)
    data.pop("places", None)
    data.pop("cover_image", None)
    for index, reference in enumerate(["A-1", "A-2"], start=1):
        data.update({
            f"allocations-{index}-source": source.pk, f"allocations-{index}-amount": "600",
            f"allocations-{index}-year": "2026", f"allocations-{index}-decision_date": "2026-01-01",
            f"allocations-{index}-reference": reference,
        })
    response = staff_client.post(url, data)
    assert response.status_code == 200  # the form comes back with the error
    assert ("daar is nog € 1.000,00 van over. De nieuwe toekenningen in dit formulier vragen "
            "samen € 1.200,00.") in response.content.decode().replace("\xa0", " ")
    assert Allocation.objects.count() == 1


def test_allocations_export_as_csv_for_dutch_spreadsheets(staff_client):
    allocation = AllocationFactory(amount=Decimal("1234.50"), reference="RDZW-2026-001")
    response = staff_client.post(
        reverse("admin:funding_allocation_changelist"),
        {"action": "export_allocations_csv", "_selected_action": [allocation.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "kenmerk"
    assert rows[1][0] == "RDZW-2026-001"
    assert "1234,50" in rows[1]


def test_admin_front_page_says_how_much_waits_for_review(staff_client):
    from zuidwest import review

    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "Er wacht niets op beoordeling." in html
    initiative = InitiativeFactory()
    draft = review.save_draft(initiative, review.working_data(initiative), user=None,
                              token=review.version_token(initiative))
    review.submit(draft, user=None)
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "1 wijziging van partners wacht op beoordeling" in html


def test_the_admin_of_third_party_apps_speaks_dutch(admin_client):
    """django-axes and django-otp have no Dutch of their own; locale/nl gives them some."""
    html = admin_client.get("/beheer/").content.decode()
    assert "Inlogpogingen" in html and "Tweede stap: apps met codes" in html
    assert "Access attempts" not in html and ">Axes<" not in html
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(user_agent="test", ip_address="127.0.0.1", username="x",
                                 http_accept="*/*", path_info="/", get_data="", post_data="",
                                 failures_since_start=1)
    changelist = admin_client.get("/beheer/axes/accessattempt/").content.decode()
    assert "Selecteer inlogpoging om te wijzigen" in changelist
    assert "Gebruikersnaam" in changelist and "IP-adres" in changelist
    devices = admin_client.get("/beheer/otp_totp/totpdevice/").content.decode()
    assert "Selecteer app met inlogcodes om te wijzigen" in devices
    assert "TOTP device" not in devices


ENGLISH_ADMIN_TEXTS = ("Search ", "Filter by ", "Select an option", "Search by user", "TOTP device")


def test_no_admin_list_shows_english_texts(admin_client):
    """Django 6.1's Dutch lacks a few new admin texts; locale/nl adds them."""
    from django.contrib import admin

    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        html = admin_client.get(url).content.decode()
        found = [text for text in ENGLISH_ADMIN_TEXTS if text in html]
        assert not found, (url, found)


@pytest.mark.parametrize(("model", "field", "value"), [
    ("initiatives/initiative", "lead_organisation", "abc"),  # a single choice
    ("initiatives/initiative", "partner_organisations", "\x00"),  # several
    ("locations/place", "managing_organisation", "99999999999999999999999"),
    ("alliances/invitation", "organisation", " "),
])
def test_an_autocomplete_field_with_a_value_that_cannot_be_a_key_is_a_form_error(
    staff_client, model, field, value
):
    """Was a server error: Django's autocomplete widget looked the posted value up unchecked
    to show the form again (found by the fuzz test)."""
    response = staff_client.post(f"/beheer/{model}/add/", {field: [value]})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def test_the_admin_wears_the_portal_colours_and_wordmark(staff_client):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    html = staff_client.get(reverse("admin:index")).content.decode()
    header = html.split("<body")[1].split("</header>")[0]
    assert 'class="admin-wordmark"' in header
    assert "Den Haag Zuidwest" in header and "Django" not in header
    assert "/static/css/admin-theme.css" in html
    theme = Path(finders.find("css/admin-theme.css")).read_text(encoding="utf-8")
    assert "--header-bg: #094b81;" in theme  # Django's own variables, no third-party skin
