"""Partners report their initiatives' figures; staff approve them before they are public."""

from decimal import Decimal

import pytest
from django.urls import reverse

from progress.models import Indicator, Measurement
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, title="Leerwerkplaats")
    return Indicator.objects.create(
        spearhead=initiative.spearhead, initiative=initiative, name="Diploma binnen een jaar",
        slug="diploma-binnen-een-jaar", explanation="Uitleg.", unit="%", direction="higher",
        source="Eigen registratie", baseline_value=Decimal("40"), baseline_year=2024)


def report(client, indicator, **values):
    prefix = f"cijfer-{indicator.pk}"
    return client.post(reverse("partner:figure_report", kwargs={"pk": indicator.pk}),
                       {f"{prefix}-{name}": value for name, value in values.items()})


def test_a_reported_figure_waits_for_approval_and_then_shows(partner_client, client, indicator,
                                                             admin_client):
    response = report(partner_client, indicator, year="2025", value="47,5", note="Telling.")
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert (measurement.value, measurement.is_approved) == (Decimal("47.5"), False)
    page = indicator.initiative.get_absolute_url()
    assert ">47,5<" not in client.get(page).content.decode()

    admin_client.post(reverse("admin:progress_measurement_changelist"), {
        "action": "approve_measurements", "_selected_action": [measurement.pk]})
    measurement.refresh_from_db()
    assert measurement.is_approved
    assert ">47,5<" in client.get(page).content.decode()


def test_reporting_again_replaces_the_waiting_value(partner_client, indicator):
    report(partner_client, indicator, year="2025", value="40")
    report(partner_client, indicator, year="2025", value="41")
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("41")]


def test_an_approved_year_is_not_overwritten(partner_client, indicator):
    Measurement.objects.create(indicator=indicator, year=2025, value=Decimal("45"))
    response = report(partner_client, indicator, year="2025", value="99")
    assert response.status_code == 400
    assert "Voor dit jaar staat al een goedgekeurd cijfer." in response.content.decode()
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("45")]


def test_a_bad_value_keeps_the_input_and_saves_nothing(partner_client, indicator):
    response = report(partner_client, indicator, year="2025", value="veel", note="Mijn tekst")
    assert response.status_code == 400
    assert "Mijn tekst" in response.content.decode()
    assert not Measurement.objects.exists()


def test_another_organisation_cannot_report(client, indicator):
    from tests.factories import OrganisationFactory, partner_user

    client.force_login(partner_user(OrganisationFactory()))
    assert report(client, indicator, year="2025", value="1").status_code == 404
    assert indicator.pk not in [
        i.pk for i in client.get(reverse("partner:figure_list")).context["indicators"]]
    assert not Measurement.objects.exists()


def test_programme_indicators_stay_off_initiative_pages_and_the_other_way(client, indicator):
    html = client.get("/voortgang/").content.decode()
    assert "Diploma binnen een jaar" not in html
    assert "Diploma binnen een jaar" in client.get(
        indicator.initiative.get_absolute_url()).content.decode()
