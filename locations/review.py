"""What versions of places and activities hold and how they are previewed (zuidwest.review);
registered in LocationsConfig.ready()."""

from zuidwest.review import ChildSpec, ReviewSpec

from .models import Activity, Place
from .previews import activity_preview_context, place_preview_context

PLACE_SPEC = ReviewSpec(
    model=Place,
    fields=("name", "kind", "neighbourhood", "street", "house_number", "postcode", "city",
            "latitude", "longitude", "directions", "description", "email", "phone", "website",
            "image", "image_alt", "wheelchair_accessible", "free_entry", "languages"),
    children=(
        ChildSpec("opening_hours", ("weekday", "opens", "closes", "valid_from", "valid_until")),
        ChildSpec("special_hours", ("start_date", "end_date", "is_closed", "opens", "closes",
                                    "reason")),
    ),
    owner_field="managing_organisation",
    public_template="locations/place_detail.html",
    preview_context=place_preview_context,
)

ACTIVITY_SPEC = ReviewSpec(
    model=Activity,
    fields=("title", "place", "initiative", "summary", "description", "audience", "recurrence",
            "interval_weeks", "week_of_month", "start_date", "end_date", "start_time",
            "end_time", "is_free", "price", "registration_required", "registration_info",
            "accepts_signups", "languages"),
    children=(ChildSpec("cancellations", ("date", "reason")),),
    owner_field="organiser",
    public_template="locations/activity_detail.html",
    preview_context=activity_preview_context,
)
