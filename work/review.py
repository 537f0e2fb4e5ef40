"""What versions of opportunities hold and how they are previewed (zuidwest.review);
registered in WorkConfig.ready()."""

from zuidwest.review import ReviewSpec

from .models import Opportunity
from .views import opportunity_page_context


def opportunity_preview_context(request, shown, page):
    return {"opportunity": shown, "object": shown, **opportunity_page_context(request, shown)}


OPPORTUNITY_SPEC = ReviewSpec(
    model=Opportunity,
    fields=("title", "kind", "initiative", "summary", "description", "age_from", "age_to",
            "no_diploma_needed", "dutch_level", "benefit_allowed", "place", "address",
            "neighbourhood", "hours_per_week", "pay", "pay_details", "starts_on", "closes_on",
            "how_to_apply", "contact_name", "contact_phone", "contact_email",
            "information_activity", "accepts_signups"),
    owner_field="organisation",
    public_template="work/opportunity_detail.html",
    preview_context=opportunity_preview_context,
)
