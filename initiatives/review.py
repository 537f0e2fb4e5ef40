"""What versions of initiatives hold and how they are previewed
(zuidwest.review); registered in InitiativesConfig.ready()."""

from zuidwest.review import ChildSpec, ReviewSpec

from .models import Initiative
from .previews import initiative_preview_context

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
