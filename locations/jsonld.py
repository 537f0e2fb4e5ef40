"""schema.org JSON-LD for place pages, so search engines and assistants can read the address,
location and opening hours. Templates write it with ``{% json_ld data %}`` (portal tags)."""

from datetime import timedelta

from django.utils import timezone

from zuidwest.ui.links import absolute_url

# schema.org DayOfWeek by Python's weekday() (Monday is 0); places and activities use it.
SCHEMA_DAYS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


def postal_address(place):
    """A place's address as a schema.org PostalAddress."""
    return {
        "@type": "PostalAddress",
        "streetAddress": f"{place.street} {place.house_number}",
        "postalCode": place.postcode,
        "addressLocality": place.city,
        "addressRegion": "Zuid-Holland",
        "addressCountry": "NL",
    }


def place_jsonld(place, request=None, today=None):
    """A schema.org Place. Weekly hours and special hours come from the prefetched
    `opening_hours` and `special_hours`; special hours that have ended are left out."""
    today = today or timezone.localdate()
    url = place.get_absolute_url()
    if request is not None:
        url = absolute_url(url)
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "@id": url,
        "name": place.name,
        "url": url,
        "address": postal_address(place),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        },
        "isAccessibleForFree": place.free_entry,
        "publicAccess": True,
    }
    if place.description:
        data["description"] = place.description
    if place.phone:
        data["telephone"] = place.phone
    if place.email:
        # schema.org has no e-mail on a Place: the place's address for questions is a
        # ContactPoint of the organisation that runs it (an Organization whose location is
        # this place, written from the place's side with @reverse).
        organisation = place.managing_organisation
        data["@reverse"] = {"location": {
            "@type": "Organization",
            "name": organisation.name if organisation else place.name,
            **({"url": absolute_url(organisation.get_absolute_url())} if organisation else {}),
            "contactPoint": {
                "@type": "ContactPoint",
                "email": place.email,
                **({"telephone": place.phone} if place.phone else {}),
                "contactType": place.name,
            },
        }}
    if place.wheelchair_accessible:
        data["amenityFeature"] = [{
            "@type": "LocationFeatureSpecification",
            "name": "wheelchair accessible",
            "value": True,
        }]
    if place.image:
        image_url = place.image.url
        data["image"] = absolute_url(image_url) if request else image_url
    data["openingHoursSpecification"] = opening_hours_specification(place, today)
    return data


def opening_hours_specification(place, today):
    specs = []
    for hours in place.opening_hours.all():
        if hours.valid_until and hours.valid_until < today:
            continue
        spec = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": SCHEMA_DAYS[hours.weekday],
            "opens": f"{hours.opens:%H:%M:%S}",
            "closes": f"{hours.closes:%H:%M:%S}",
        }
        if hours.valid_from:
            spec["validFrom"] = hours.valid_from.isoformat()
        if hours.valid_until:
            spec["validThrough"] = hours.valid_until.isoformat()
        specs.append(spec)
    for special in place.special_hours.all():
        if special.end_date < today:
            continue
        # schema.org: a day closed all day has opens and closes both midnight.
        closed = special.is_closed
        spec = {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00:00" if closed else f"{special.opens:%H:%M:%S}",
            "closes": "00:00:00" if closed else f"{special.closes:%H:%M:%S}",
            "validFrom": special.start_date.isoformat(),
            "validThrough": special.end_date.isoformat(),
        }
        if special.reason:
            spec["description"] = special.reason
        days = {
            (special.start_date + timedelta(days=offset)).weekday()
            for offset in range(min((special.end_date - special.start_date).days + 1, 7))
        }
        spec["dayOfWeek"] = [SCHEMA_DAYS[day] for day in sorted(days)]
        specs.append(spec)
    return specs


def neighbourhood_json_ld(neighbourhood):
    """A neighbourhood: a Place in Den Haag (no boundary is kept, so no geo)."""
    url = absolute_url(neighbourhood.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "@id": url,
        "name": neighbourhood.name,
        "url": url,
        "containedInPlace": {
            "@type": "City", "name": "Den Haag",
            "containedInPlace": {"@type": "AdministrativeArea", "name": "Zuid-Holland"},
        },
    }
    if neighbourhood.description:
        data["description"] = neighbourhood.description
    return data
