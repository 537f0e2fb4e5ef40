"""schema.org for the Alliantieraad's pages: an organisation and an alliance are each an
Organization; membership links them both ways (memberOf, member)."""

from zuidwest.ui.links import absolute_url


def organisation_reference(organisation):
    """A short Organization: enough to name and find it."""
    return {"@type": "Organization", "name": organisation.name,
            "url": absolute_url(organisation.get_absolute_url())}


def organisation_json_ld(organisation):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        **organisation_reference(organisation),
    }
    data["@id"] = data["url"]
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    if organisation.description:
        data["description"] = organisation.description
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.kvk_number:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "KvK-nummer",
                              "value": organisation.kvk_number}
    alliances = [m.alliance for m in organisation.memberships.all()]
    if alliances:
        data["memberOf"] = [organisation_reference(alliance) for alliance in alliances]
    return data


def alliance_json_ld(alliance):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        **organisation_reference(alliance),
        "description": alliance.summary,
    }
    data["@id"] = data["url"]
    data["parentOrganization"] = {"@type": "Organization",
                                  "name": "Alliantieraad Den Haag Zuidwest"}
    members = [organisation_reference(m.organisation) for m in alliance.memberships.all()]
    if members:
        data["member"] = members
    return data
