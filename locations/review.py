"""What partners may change on places and activities (see zuidwest.review)."""

from zuidwest.review import ChildSpec, ReviewSpec, register

from .models import Activity, Place

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
)

ACTIVITY_SPEC = ReviewSpec(
    model=Activity,
    fields=("title", "place", "initiative", "summary", "description", "audience", "recurrence",
            "interval_weeks", "week_of_month", "start_date", "end_date", "start_time",
            "end_time", "is_free", "price", "registration_required", "registration_info",
            "languages"),
    children=(ChildSpec("cancellations", ("date", "reason")),),
)

register(PLACE_SPEC)
register(ACTIVITY_SPEC)
