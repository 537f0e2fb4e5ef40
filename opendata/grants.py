"""The allocations as 360Giving data: one grant per allocation to an initiative on the site.

Identifiers: 360Giving asks for a registered prefix (its "360G-" scheme); until the programme
office registers one, the prefix is PREFIX below, built the same way. Organisations without a
registered identifier (KvK number) get an identifier under the same prefix, as the standard's
guidance allows."""

import csv
import io

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from funding.models import Allocation

PREFIX = "360G-regiodealzuidwest"
CURRENCY = "EUR"
PROGRAMME = {"code": "regio-deal-den-haag-zuidwest-ii",
             "title": "Regio Deal Den Haag Zuidwest II"}
FUNDER_NAME = "Regio Deal Den Haag Zuidwest II"
STANDARD_VERSION = "1.4"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"


def _award_date(day):
    """A date-time with the offset of Den Haag on that day (midnight), as the schema's
    date-time format asks."""
    moment = timezone.datetime.combine(day, timezone.datetime.min.time(),
                                       tzinfo=timezone.get_default_timezone())
    return moment.isoformat()


def allocations():
    return (Allocation.objects.filter(initiative__is_published=True)
            .select_related("initiative__lead_organisation", "source")
            .prefetch_related("initiative__neighbourhoods")
            .order_by("decision_date", "reference"))


def grant(allocation):
    initiative = allocation.initiative
    recipient = initiative.lead_organisation
    url = f"{settings.SITE_URL}{initiative.get_absolute_url()}"
    return {
        "id": f"{PREFIX}-{allocation.reference}",
        "title": initiative.title,
        "description": initiative.summary,
        "currency": CURRENCY,
        "amountAwarded": float(allocation.amount),
        "awardDate": _award_date(allocation.decision_date),
        "url": url,
        "recipientOrganization": [{
            "id": f"{PREFIX}-org-{recipient.slug}",
            "name": recipient.name,
            **({"url": recipient.website} if recipient.website else {}),
        }],
        "fundingOrganization": [{
            "id": f"{PREFIX}-fund-{allocation.source.slug}",
            "name": f"{FUNDER_NAME}: {allocation.source.name}",
        }],
        "grantProgramme": [PROGRAMME],
        "beneficiaryLocation": [
            {"name": neighbourhood.name, "countryCode": "NL"}
            for neighbourhood in initiative.neighbourhoods.all()
        ] or [{"name": "Den Haag Zuidwest", "countryCode": "NL"}],
    }


def package():
    """A 360Giving data package (standard version 1.4): the grants and what the package is."""
    site = settings.SITE_URL
    with translation.override(settings.LANGUAGE_CODE):  # the same file in every language
        open_data_page = reverse("opendata:open_data")
    return {
        "version": STANDARD_VERSION,
        "title": "Regio Deal Den Haag Zuidwest II: toekenningen",
        "description": ("Alle toekenningen uit de Regio Deal Den Haag Zuidwest II aan "
                        "initiatieven op de site, één per toekenning."),
        "publisher": {"name": FUNDER_NAME, "website": f"{site}/"},
        "license": LICENCE_URL,
        "accessURL": f"{site}{open_data_page}",
        "downloadURL": f"{site}{reverse('open_data_grants_json')}",
        "grants": [grant(allocation) for allocation in allocations()],
    }


CSV_COLUMNS = [
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Awarded", lambda g: f"{g['amountAwarded']:.2f}"),
    ("Award Date", lambda g: g["awardDate"]),
    ("URL", lambda g: g["url"]),
    ("Recipient Org:Identifier", lambda g: g["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda g: g["recipientOrganization"][0]["name"]),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda g: g["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda g: g["grantProgramme"][0]["title"]),
    ("Beneficiary Location:Name", lambda g: "; ".join(
        location["name"] for location in g["beneficiaryLocation"])),
    ("Beneficiary Location:Country Code", lambda g: g["beneficiaryLocation"][0]["countryCode"]),
]


def as_csv(data):
    """The 360Giving flat form: its column titles, comma-separated, UTF-8 (the standard's
    own CSV, not the admin's spreadsheet export for Dutch settings)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for title, _value in CSV_COLUMNS])
    for item in data["grants"]:
        writer.writerow([value(item) for _title, value in CSV_COLUMNS])
    return out.getvalue()
