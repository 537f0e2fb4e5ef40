"""What versions of initiatives and opportunities hold and how they are previewed
(zuidwest.review); registered in InitiativesConfig.ready()."""

from zuidwest.review import ChildSpec, ReviewSpec

from .models import Initiative, Opportunity
from .previews import initiative_preview_context, opportunity_preview_context

INITIATIVE_SPEC = ReviewSpec(
    model=Initiative,
    fields=("title", "kind", "spearhead", "alliance", "status", "start_date", "end_date",
            "summary", "body", "cover_image", "cover_image_alt"),
    m2m=("partner_organisations", "neighbourhoods", "places"),
    children=(
        ChildSpec("milestones", ("title", "description", "planned_for", "reached_on",
                                 "delay_reason")),
        ChildSpec("updates", ("title", "published_on", "body")),
        ChildSpec("outputs", ("kind", "year", "planned", "achieved", "note")),
    ),
    owner_field="lead_organisation",
    public_template="initiatives/initiative_detail.html",
    preview_context=initiative_preview_context,
)

OPPORTUNITY_SPEC = ReviewSpec(
    model=Opportunity,
    fields=("title", "kind", "initiative", "summary", "description", "age_from", "age_to",
            "no_diploma_needed", "dutch_level", "benefit_allowed", "place", "address",
            "neighbourhood", "hours_per_week", "pay", "pay_details", "starts_on", "closes_on",
            "how_to_apply", "contact_name", "contact_phone", "contact_email",
            "information_activity", "accepts_signups"),
    owner_field="organisation",
    public_template="initiatives/opportunity_detail.html",
    preview_context=opportunity_preview_context,
)
