"""The allocations as 360Giving data (JSON package and CSV).

The official JSON schema is published by 360Giving (ThreeSixtyGiving/standard, schema/
360-giving-package-schema.json with 360-giving-schema.json, CC BY 4.0) on no package registry;
release 1.4.3 is kept in tests/opendata/schemas/ (its README says where from). Set
THREESIXTYGIVING_SCHEMA_DIR to a folder with those two files to test against another release.
The other tests check what the standard requires of every grant."""

import csv
import io
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

REQUIRED = {"id", "title", "description", "currency", "amountAwarded", "awardDate",
            "recipientOrganization", "fundingOrganization"}

SCHEMA_DIR = Path(os.environ.get("THREESIXTYGIVING_SCHEMA_DIR")
                  or Path(__file__).parent / "schemas" / "360giving-1.4.3")


def grants_of(client):
    response = client.get("/open-data/360giving.json")
    assert response.status_code == 200
    return response.json()["grants"]


def test_one_grant_per_allocation_of_a_published_initiative(client, world):
    grants = grants_of(client)
    assert [g["id"] for g in grants] == [
        f"360G-regiodealzuidwest-{a.reference}"
        for a in world.initiative.allocations.order_by("decision_date", "reference")]
    assert "VERBORGEN" not in json.dumps(grants)


def test_every_grant_has_the_required_fields(client, world):
    (grant,) = grants_of(client)
    assert set(grant) >= REQUIRED
    assert re.match(r"^360G-[a-z0-9]+-", grant["id"])
    assert grant["currency"] == "EUR" and grant["amountAwarded"] == 1000.5
    assert re.match(r"^\d{4}-\d\d-\d\dT00:00:00[+-]\d\d:\d\d$", grant["awardDate"])
    assert grant["recipientOrganization"][0]["name"] == world.organisation.name
    assert grant["fundingOrganization"][0]["id"].startswith("360G-")
    assert grant["grantProgramme"][0]["title"] == "Regio Deal Den Haag Zuidwest II"
    assert grant["beneficiaryLocation"] == [
        {"name": "Moerwijk", "countryCode": "NL", "geoCode": "WK051836"}]


def test_csv_has_the_same_grants(client, world):
    response = client.get("/open-data/360giving.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    (grant,) = grants_of(client)
    assert [row["Identifier"] for row in rows] == [grant["id"]]
    assert Decimal(rows[0]["Amount Awarded"]) == Decimal("1000.50")
    assert rows[0]["Currency"] == "EUR"


def test_validates_against_the_official_schema(client, world):
    import jsonschema
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012, specification_with

    folder = SCHEMA_DIR
    package = json.loads((folder / "360-giving-package-schema.json").read_text())
    grant_json = json.loads((folder / "360-giving-schema.json").read_text())
    # Release 1.4 is JSON Schema draft 4, 1.4.3 draft 2020-12 (named with http://, which the
    # referencing library does not list): each says which.
    grant_schema = specification_with(grant_json["$schema"], default=DRAFT202012
                                      ).create_resource(grant_json)
    # The package schema refers to the grant schema by a published address (which one varies
    # with the release: .../master/... or .../1.4/...); that address is this copy.
    grants_ref = package["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resources(
        (uri, grant_schema) for uri in {grants_ref, grant_schema.id()} if uri)
    validator_class = jsonschema.validators.validator_for(
        package, default=jsonschema.Draft202012Validator)
    validator = validator_class(package, registry=registry,
                                format_checker=jsonschema.FormatChecker())
    data = client.get("/open-data/360giving.json").json()
    errors = list(validator.iter_errors(data))
    assert not errors, [error.message for error in errors]
    # And the schema catches what it should: a currency that is no ISO 4217 code (XXX is one,
    # "no currency"), an amount as text.
    for field, wrong in (("currency", "EURO"), ("amountAwarded", "1000.50")):
        broken = json.loads(json.dumps(data))
        broken["grants"][0][field] = wrong
        assert not validator.is_valid(broken), field


@pytest.mark.parametrize("url", ["/open-data/360giving.json", "/open-data/360giving.csv"])
def test_grants_files_revalidate_with_their_etag(client, world, url):
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    world.initiative.allocations.update(amount=Decimal("2000.00"))
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_package_says_what_it_is(client, world):
    package = client.get("/open-data/360giving.json").json()
    assert package["version"] == "1.4"
    assert package["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert package["publisher"]["name"] == "Regio Deal Den Haag Zuidwest II"
    assert package["accessURL"].endswith("/open-data/")
    assert package["downloadURL"].endswith("/open-data/360giving.json")


def test_grant_identifiers_dates_and_source(client, world):
    """What 360Giving's data quality checks ask for, where the portal knows it."""
    import datetime

    world.organisation.kvk_number = "27123456"
    world.organisation.save()
    world.initiative.start_date = datetime.date(2025, 1, 1)
    world.initiative.end_date = datetime.date(2026, 6, 30)
    world.initiative.save()
    (grant,) = grants_of(client)
    assert grant["recipientOrganization"][0]["id"] == "NL-KVK-27123456"
    assert grant["plannedDates"] == [
        {"startDate": "2025-01-01", "endDate": "2026-06-30", "duration": 18}]
    assert grant["dataSource"].endswith("/open-data/")
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", grant["dateModified"])
    world.organisation.kvk_number = ""
    world.organisation.save()
    (grant,) = grants_of(client)
    assert grant["recipientOrganization"][0]["id"] == (
        f"360G-regiodealzuidwest-org-{world.organisation.slug}")


def test_kvk_number_has_eight_digits(world):
    from django.core.exceptions import ValidationError

    world.organisation.kvk_number = "1234"
    with pytest.raises(ValidationError, match="8 cijfers"):
        world.organisation.full_clean()


def test_csv_has_numbered_columns_per_beneficiary_location(client, world):
    from locations.models import Neighbourhood

    world.initiative.neighbourhoods.add(Neighbourhood.objects.get(slug="bouwlust"))
    rows = list(csv.DictReader(io.StringIO(
        client.get("/open-data/360giving.csv").content.decode())))
    assert {rows[0]["Beneficiary Location:0:Name"], rows[0]["Beneficiary Location:1:Name"]} == {
        "Moerwijk", "Bouwlust"}
    assert all(";" not in value for value in rows[0].values())


def test_csv_converts_back_to_the_json_with_flattentool(client, world, tmp_path):
    """The CSV round-trips: flattentool (360Giving's own converter) turns it into exactly the
    grants of the JSON, also with several beneficiary locations and planned dates."""
    import datetime

    flattentool = pytest.importorskip("flattentool", reason="flattentool is in the dev extras")
    from locations.models import Neighbourhood

    world.initiative.neighbourhoods.add(Neighbourhood.objects.get(slug="bouwlust"))
    world.initiative.start_date = datetime.date(2025, 3, 1)
    world.initiative.end_date = datetime.date(2027, 2, 28)
    world.initiative.save()
    world.organisation.kvk_number = "27123456"
    world.organisation.save()
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "grants.csv").write_bytes(client.get("/open-data/360giving.csv").content)
    output = tmp_path / "grants.json"
    flattentool.unflatten(
        str(folder), output_name=str(output), input_format="csv", root_list_path="grants",
        root_id="", id_name="id", convert_titles=True,
        schema=str(SCHEMA_DIR / "360-giving-schema.json"))
    converted = json.loads(output.read_text())["grants"]
    assert converted == grants_of(client)
