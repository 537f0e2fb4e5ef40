"""Every JSON-LD type and property the pages write exists in schema.org, checked against
schema.org's own vocabulary files (release 30.0, vendored in tests/opendata/schemas/): a
property belongs to a type when its domainIncludes names the type or one it inherits from.
inLanguage is BCP 47 and times carry seconds (Google's structured-data requirements)."""

import csv
import datetime
import functools
import gzip
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    AllocationFactory,
    MembershipFactory,
    OpportunityFactory,
)

pytestmark = pytest.mark.django_db

VOCABULARY = Path(__file__).parent / "schemas" / "schemaorg-30.0"


def _rows(kind):
    path = VOCABULARY / f"schemaorg-current-https-{kind}.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _terms(cell):
    return {iri.strip().rsplit("/", 1)[-1] for iri in cell.split(",") if iri.strip()}


def _retired(row):
    return "attic.schema.org" in row["isPartOf"]


@functools.cache
def schema_org():
    """{type: the properties it has, its own and inherited}, without retired terms."""
    parents = {row["label"]: _terms(row["subTypeOf"]) for row in _rows("types")
               if not _retired(row)}
    on_type = {}
    for row in _rows("properties"):
        if not _retired(row):
            for domain in _terms(row["domainIncludes"]):
                on_type.setdefault(domain, set()).add(row["label"])

    @functools.cache
    def properties(kind):
        inherited = set(on_type.get(kind, ()))
        for parent in parents.get(kind, ()):
            inherited |= properties(parent)
        return frozenset(inherited)

    return {kind: properties(kind) for kind in parents}


BCP_47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
TIME_WITH_SECONDS = re.compile(r"^\d\d:\d\d:\d\d$")


def json_ld_of(client, url):
    html = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert len(blocks) == 1, url
    return json.loads(blocks[0])


def check(node, where):
    if isinstance(node, list):
        for item in node:
            check(item, where)
        return
    if not isinstance(node, dict):
        return
    vocabulary = schema_org()
    kind = node.get("@type")
    assert kind in vocabulary, f"{where}: unknown type {kind}"
    for key, value in node.items():
        if key == "@reverse":
            for reverse_key, subject in value.items():
                assert reverse_key in vocabulary[subject["@type"]], f"{where}: {reverse_key}"
                check(subject, f"{where}.@reverse")
            continue
        if key.startswith("@"):
            continue
        assert key in vocabulary[kind], f"{where}: {key} is not a property of {kind}"
        if key == "inLanguage":
            for language in value if isinstance(value, list) else [value]:
                assert (isinstance(language, dict) and language["@type"] == "Language"
                        or BCP_47.match(language)), f"{where}: {language}"
        if key in ("opens", "closes", "startTime", "endTime"):
            assert TIME_WITH_SECONDS.match(value), f"{where}: {key} {value}"
        check(value, f"{where}.{key}")


@pytest.fixture
def pages(world):
    initiative = world.initiative
    initiative.start_date = datetime.date(2025, 1, 1)
    initiative.save()
    world.organisation.kvk_number = "27123456"
    world.organisation.short_name = "Org"
    world.organisation.save()
    MembershipFactory(organisation=world.organisation, alliance=world.alliance)
    AllocationFactory(initiative=initiative, source=world.source, amount=Decimal("500"))
    place = world.place
    place.email = "plek@example.org"
    place.phone = "070 123 45 67"
    place.save()
    ActivityFactory(place=place, languages="Nederlands, Turks, Onbekendtaals",
                    title="Taalcafé")
    learning = OpportunityFactory(kind="opleiding", place=place,
                                  closes_on=datetime.date(2030, 1, 1))
    job = place.opportunities.exclude(pk=learning.pk).first()
    job.closes_on = datetime.date(2030, 1, 1)
    job.save()
    return {
        "place": place.get_absolute_url(),
        "activity": place.activities.get(title="Taalcafé").get_absolute_url(),
        "job": job.get_absolute_url(),
        "learning": learning.get_absolute_url(),
        "initiative": initiative.get_absolute_url(),
        "organisation": world.organisation.get_absolute_url(),
        "alliance": world.alliance.get_absolute_url(),
        "neighbourhood": reverse("locations:neighbourhood_detail", args=["moerwijk"]),
    }


def test_every_property_exists_on_its_type(client, pages):
    for name, url in pages.items():
        check(json_ld_of(client, url), name)


def test_initiative_organisation_alliance_and_neighbourhood_pages_describe_themselves(
        client, pages, world):
    project = json_ld_of(client, pages["initiative"])
    assert project["@type"] == "Project"
    assert project["member"][0]["name"] == world.initiative.lead_organisation.name
    assert {f["name"] for f in project["funder"]} == {world.organisation.name}
    grants = {g["amount"]["value"] for g in project["funding"]}
    assert grants == {"1000.50", "500.00"}
    organisation = json_ld_of(client, pages["organisation"])
    assert organisation["identifier"]["value"] == "27123456"
    assert organisation["memberOf"][0]["name"] == world.alliance.name
    alliance = json_ld_of(client, pages["alliance"])
    assert world.organisation.name in {m["name"] for m in alliance["member"]}
    neighbourhood = json_ld_of(client, pages["neighbourhood"])
    assert neighbourhood["containedInPlace"]["name"] == "Den Haag"


def test_events_and_job_postings_have_googles_recommended_properties(client, pages):
    event = json_ld_of(client, pages["activity"])
    assert event["eventStatus"].startswith("https://schema.org/Event")
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", event["startDate"])
    assert event["inLanguage"] == ["nl", "tr", {"@type": "Language", "name": "Onbekendtaals"}]
    job = json_ld_of(client, pages["job"])
    assert job["@type"] == "JobPosting"
    assert job["validThrough"] == "2030-01-01T23:59:59+01:00"
    assert job["identifier"]["value"] and job["directApply"] is False
    learning = json_ld_of(client, pages["learning"])
    assert "location" not in learning
    assert learning["offers"]["availableAtOrFrom"]["address"]["@type"] == "PostalAddress"


def test_the_vocabulary_knows_schema_orgs_types_and_inheritance():
    vocabulary = schema_org()
    assert len(vocabulary) > 800
    assert {"name", "address", "geo", "openingHoursSpecification"} <= vocabulary["Place"]
    assert "address" in vocabulary["City"]  # inherited from Place
    assert "email" not in vocabulary["Place"] and "email" in vocabulary["Organization"]
    assert "location" not in vocabulary["EducationalOccupationalProgram"]
    assert {"funder", "member"} <= vocabulary["Project"]  # a Project is an Organization
