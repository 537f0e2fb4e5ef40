"""schema.org for an opportunity's page: a JobPosting for work (with the properties search
engines require: title, description, datePosted, hiringOrganization, jobLocation, and the
recommended ones the portal has: validThrough, identifier, directApply), an
EducationalOccupationalProgram for learning (where it is given: an Offer's availableAtOrFrom,
since the type has no location)."""

from datetime import datetime, time

from django.utils import timezone

from locations.public import postal_address
from zuidwest.ui.links import absolute_url

from .models import Opportunity

Kind = Opportunity.Kind

JOB_POSTING_KINDS = Opportunity.WORK_KINDS | {Kind.VOLUNTEERING}
FULL_TIME_FROM_HOURS = 32


def _address(opportunity):
    if opportunity.place is not None:
        return postal_address(opportunity.place)
    return {
        "@type": "PostalAddress",
        "streetAddress": opportunity.address,
        "addressLocality": "Den Haag",
        "addressRegion": "Zuid-Holland",
        "addressCountry": "NL",
    }


def _organisation(opportunity, request):
    organisation = opportunity.organisation
    return {"@type": "Organization", "name": organisation.name,
            "url": absolute_url(organisation.get_absolute_url())}


def _employment_type(opportunity):
    if opportunity.kind == Kind.VOLUNTEERING:
        return "VOLUNTEER"
    if opportunity.kind == Kind.INTERNSHIP:
        return "INTERN"
    if opportunity.hours_per_week:
        return "FULL_TIME" if opportunity.hours_per_week >= FULL_TIME_FROM_HOURS else "PART_TIME"
    return "OTHER"


def _end_of(day):
    """The last moment of a day in Amsterdam, as ISO 8601 with its offset."""
    return datetime.combine(day, time(23, 59, 59),
                            tzinfo=timezone.get_current_timezone()).isoformat()


def opportunity_json_ld(opportunity, request):
    url = absolute_url(opportunity.get_absolute_url())
    description = "\n\n".join(part for part in (opportunity.summary, opportunity.description)
                              if part)
    posted = timezone.localdate(opportunity.created_at) if opportunity.created_at else (
        timezone.localdate())
    if opportunity.kind in JOB_POSTING_KINDS:
        data = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": opportunity.title,
            "description": description,
            "url": url,
            "datePosted": posted.isoformat(),
            "hiringOrganization": _organisation(opportunity, request),
            "jobLocation": {"@type": "Place", "address": _address(opportunity)},
            "employmentType": _employment_type(opportunity),
            # Applying happens with the organisation, not on the portal's page.
            "directApply": False,
            "identifier": {"@type": "PropertyValue", "name": opportunity.organisation.name,
                           "value": opportunity.slug},
        }
        if opportunity.closes_on:
            data["validThrough"] = _end_of(opportunity.closes_on)
        if opportunity.no_diploma_needed:
            data["educationRequirements"] = "no requirements"
        return data
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": opportunity.title,
        "description": description,
        "url": url,
        "provider": _organisation(opportunity, request),
        "educationalProgramMode": "in person",
        "offers": {"@type": "Offer", "url": url,
                   "availableAtOrFrom": {"@type": "Place", "address": _address(opportunity)}},
    }
    if opportunity.closes_on:
        data["applicationDeadline"] = opportunity.closes_on.isoformat()
    if opportunity.starts_on:
        data["startDate"] = opportunity.starts_on.isoformat()
    return data
