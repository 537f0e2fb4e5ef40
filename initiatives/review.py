"""What partners may change on an initiative (see zuidwest.review)."""

from zuidwest.review import ChildSpec, ReviewSpec, register

from .models import Initiative

INITIATIVE_SPEC = ReviewSpec(
    model=Initiative,
    fields=("title", "kind", "spearhead", "alliance", "status", "start_date", "end_date",
            "summary", "body", "cover_image", "cover_image_alt"),
    m2m=("partner_organisations", "neighbourhoods", "places"),
    children=(
        ChildSpec("milestones", ("title", "description", "planned_for", "reached_on")),
        ChildSpec("updates", ("title", "published_on", "body")),
    ),
)

register(INITIATIVE_SPEC)
