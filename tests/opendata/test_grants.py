"""The allocations as 360Giving data (JSON package and CSV).

The official JSON schema is published by 360Giving (ThreeSixtyGiving/standard, schema/
360-giving-package-schema.json with 360-giving-schema.json), but on no package registry this
project installs from, so it is not vendored. Set THREESIXTYGIVING_SCHEMA_DIR to a folder with
those two files and test_validates_against_the_official_schema checks the file against them;
without it that one test is skipped (with that reason). The other tests check what the
standard requires of every grant."""

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
    assert grant["beneficiaryLocation"] == [{"name": "Moerwijk", "countryCode": "NL"}]


def test_csv_has_the_same_grants(client, world):
    response = client.get("/open-data/360giving.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    (grant,) = grants_of(client)
    assert [row["Identifier"] for row in rows] == [grant["id"]]
    assert Decimal(rows[0]["Amount Awarded"]) == Decimal("1000.50")
    assert rows[0]["Currency"] == "EUR"


@pytest.mark.skipif(not os.environ.get("THREESIXTYGIVING_SCHEMA_DIR"),
                    reason="the official 360Giving schema is on no package registry; set "
                           "THREESIXTYGIVING_SCHEMA_DIR to a copy of it")
def test_validates_against_the_official_schema(client, world):
    import jsonschema
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    folder = Path(os.environ["THREESIXTYGIVING_SCHEMA_DIR"])
    package = json.loads((folder / "360-giving-package-schema.json").read_text())
    grant_schema = DRAFT4.create_resource(
        json.loads((folder / "360-giving-schema.json").read_text()))
    # The package schema refers to the grant schema by a published address (which one varies
    # with the release: .../master/... or .../1.4/...); that address is this copy.
    grants_ref = package["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resources(
        (uri, grant_schema) for uri in {grants_ref, grant_schema.id()} if uri)
    validator = jsonschema.Draft4Validator(package, registry=registry,
                                           format_checker=jsonschema.FormatChecker())
    errors = list(validator.iter_errors(client.get("/open-data/360giving.json").json()))
    assert not errors, [error.message for error in errors]


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
