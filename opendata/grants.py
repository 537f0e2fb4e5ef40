"""The allocations as 360Giving data: one grant per allocation to an initiative on the site.

Identifiers: 360Giving asks for a registered prefix (its "360G-" scheme); until the programme
office registers one, the prefix is PREFIX below, built the same way. A recipient with a KvK
number is NL-KVK-<number> (the Handelsregister's scheme on org-id.guide); one without gets an
identifier under the same prefix, as the standard's guidance allows.

The CSV is the standard's flat form with numbered columns for lists (`Beneficiary
Location:0:Name`, `...:1:Name`), so flattentool turns it back into exactly the JSON."""

import csv
import io

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from funding.public import published_allocations
from zuidwest.spreadsheets import neutralised_row

PREFIX = "360G-regiodealzuidwest"
CURRENCY = "EUR"
PROGRAMME = {"code": "regio-deal-den-haag-zuidwest-ii",
             "title": "Regio Deal Den Haag Zuidwest II"}
FUNDER_NAME = "Regio Deal Den Haag Zuidwest II"
STANDARD_VERSION = "1.4"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"


# CBS wijk codes (Wijk- en Buurtkaart): "WK", the municipality's code (Den Haag: 0518) and
# the municipality's own wijk number: 33 Bouwlust en Vrederust (one wijk), 34 Morgenstond,
# 36 Moerwijk.
CBS_WIJK_CODES = {
    "bouwlust": "WK051833",
    "vrederust": "WK051833",
    "morgenstond": "WK051834",
    "moerwijk": "WK051836",
}
# The programme's area as a whole when an initiative names no neighbourhood (no CBS code: it is
# four of Den Haag's wijken, not one).
WHOLE_AREA = {"name": "Den Haag Zuidwest", "countryCode": "NL"}


def _iso(moment):
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _months(first, last):
    """Whole months from the first to the last day (at least 1): the standard's duration."""
    months = (last.year - first.year) * 12 + last.month - first.month
    return max(1, months + (1 if last.day >= first.day else 0))


def _planned_dates(initiative):
    if not initiative.start_date:
        return []
    planned = {"startDate": initiative.start_date.isoformat()}
    if initiative.end_date:
        planned["endDate"] = initiative.end_date.isoformat()
        planned["duration"] = _months(initiative.start_date, initiative.end_date)
    return [planned]


def _recipient_id(organisation):
    if organisation.kvk_number:
        return f"NL-KVK-{organisation.kvk_number}"
    return f"{PREFIX}-org-{organisation.slug}"


def _location(neighbourhood):
    location = {"name": neighbourhood.name, "countryCode": "NL"}
    if code := CBS_WIJK_CODES.get(neighbourhood.slug):
        location["geoCode"] = code
    return location


def _award_date(day):
    """A date-time with the offset of Den Haag on that day (midnight), as the schema's
    date-time format asks."""
    moment = timezone.datetime.combine(day, timezone.datetime.min.time(),
                                       tzinfo=timezone.get_default_timezone())
    return moment.isoformat()


def allocations():
    return (published_allocations()
            .select_related("initiative__lead_organisation", "source")
            .prefetch_related("initiative__neighbourhoods")
            .order_by("decision_date", "reference"))


def grant(allocation, data_source):
    initiative = allocation.initiative
    recipient = initiative.lead_organisation
    url = f"{settings.SITE_URL}{initiative.get_absolute_url()}"
    planned = _planned_dates(initiative)
    return {
        "id": f"{PREFIX}-{allocation.reference}",
        "title": initiative.title,
        "description": initiative.summary,
        "currency": CURRENCY,
        "amountAwarded": float(allocation.amount),
        "awardDate": _award_date(allocation.decision_date),
        "url": url,
        **({"plannedDates": planned} if planned else {}),
        "recipientOrganization": [{
            "id": _recipient_id(recipient),
            "name": recipient.name,
            **({"url": recipient.website} if recipient.website else {}),
        }],
        "fundingOrganization": [{
            "id": f"{PREFIX}-fund-{allocation.source.slug}",
            "name": f"{FUNDER_NAME}: {allocation.source.name}",
        }],
        "grantProgramme": [PROGRAMME],
        "beneficiaryLocation": [
            _location(neighbourhood) for neighbourhood in initiative.neighbourhoods.all()
        ] or [WHOLE_AREA],
        # The grant's text comes from the initiative, its money from the allocation.
        "dateModified": _iso(max(allocation.updated_at, initiative.updated_at)),
        "dataSource": data_source,
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
        "grants": [grant(allocation, f"{site}{open_data_page}")
                   for allocation in allocations()],
    }


CSV_COLUMNS = [  # the columns every grant has; the lists' numbered ones follow
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
    ("Last Modified", lambda g: g["dateModified"]),
    ("Data Source", lambda g: g["dataSource"]),
]
# Lists with a column group per item: (JSON key, column title, [(field, field title)]).
CSV_LISTS = [
    ("plannedDates", "Planned Dates", [("startDate", "Start Date"), ("endDate", "End Date"),
                                       ("duration", "Duration (months)")]),
    ("beneficiaryLocation", "Beneficiary Location", [
        ("name", "Name"), ("countryCode", "Country Code"), ("geoCode", "Geographic Code")]),
]


def as_csv(data):
    """The 360Giving flat form: its column titles, comma-separated, UTF-8 (the standard's
    own CSV, not the admin's spreadsheet export for Dutch settings). A list gets numbered
    columns as far as the longest list of the file; a field no item has gets no column."""
    grants = data["grants"]
    columns = list(CSV_COLUMNS)
    for key, title, fields in CSV_LISTS:
        longest = max((len(g.get(key, [])) for g in grants), default=0)
        for index in range(longest):
            for field, field_title in fields:
                if not any(len(g.get(key, [])) > index and field in g[key][index]
                           for g in grants):
                    continue
                columns.append((f"{title}:{index}:{field_title}",
                                _list_value(key, index, field)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for title, _value in columns])
    for item in grants:
        # Titles and names as text, never as formulas (zuidwest.spreadsheets).
        writer.writerow(neutralised_row(value(item) for _title, value in columns))
    return out.getvalue()


def _list_value(key, index, field):
    def value(item):
        items = item.get(key, [])
        return items[index].get(field, "") if index < len(items) else ""
    return value
