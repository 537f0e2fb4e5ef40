"""schema.org for an initiative's page: a Project (an Organization of its own) with its lead
and partner organisations as members, the organisations behind its money as funders, each
allocation a MonetaryGrant, and the neighbourhoods it works in."""

from alliances.public import organisation_reference
from zuidwest.ui.links import absolute_url


def initiative_json_ld(initiative):
    url = absolute_url(initiative.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": url,
        "name": initiative.title,
        "description": initiative.summary,
        "url": url,
        "member": [organisation_reference(initiative.lead_organisation)] + [
            organisation_reference(partner)
            for partner in initiative.partner_organisations.all()],
    }
    if initiative.cover_image:
        data["image"] = absolute_url(initiative.cover_image.url)
    if initiative.start_date:
        data["foundingDate"] = initiative.start_date.isoformat()
    if initiative.end_date:
        data["dissolutionDate"] = initiative.end_date.isoformat()
    neighbourhoods = [{"@type": "Place", "name": n.name,
                       "url": absolute_url(n.get_absolute_url())}
                      for n in initiative.neighbourhoods.all()]
    if neighbourhoods:
        data["areaServed"] = neighbourhoods
    funders, grants = {}, []
    for allocation in initiative.allocations.all():
        source_funders = [organisation_reference(f) for f in allocation.source.funders.all()]
        for funder in source_funders:
            funders[funder["url"]] = funder
        grants.append({
            "@type": "MonetaryGrant",
            "identifier": allocation.reference,
            "name": allocation.source.name,
            "amount": {"@type": "MonetaryAmount", "value": f"{allocation.amount:.2f}",
                       "currency": "EUR"},
            **({"funder": source_funders} if source_funders else {}),
        })
    if funders:
        data["funder"] = list(funders.values())
    if grants:
        data["funding"] = grants
    return data
