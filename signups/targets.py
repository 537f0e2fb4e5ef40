"""What residents sign up for: an open opportunity, or the next date of an activity that needs
registration. A SignupTarget says, for either, whether signing up on the site is possible now,
who gets the sign-up, and how long it is kept (the retention rule in models.py)."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from locations.models import Activity, Occurrence
from work.models import Opportunity

from .models import delete_after_for_activity, delete_after_for_opportunity


@dataclass(frozen=True)
class SignupTarget:
    page: Opportunity | Activity
    organisation: object  # alliances.Organisation; None for an activity without organiser
    accepting: bool
    delete_after: date
    activity_date: date | None = None

    @property
    def title(self):
        return self.page.title

    @property
    def is_activity(self):
        return isinstance(self.page, Activity)

    @property
    def signup_url(self):
        name = "activity_signup" if self.is_activity else "opportunity_signup"
        return reverse(f"signups:{name}", kwargs={"slug": self.page.slug})

    def link(self):
        """The sign-up's foreign key and date, for Signup(**target.link())."""
        if self.is_activity:
            return {"activity": self.page, "activity_date": self.activity_date}
        return {"opportunity": self.page}


def opportunity_target(opportunity, now=None):
    today = timezone.localdate(now)
    return SignupTarget(
        page=opportunity,
        organisation=opportunity.organisation,
        accepting=(opportunity.accepts_signups and opportunity.is_published
                   and not opportunity.is_closed_on(today)),
        delete_after=delete_after_for_opportunity(opportunity, today),
    )


def next_signup_date(upcoming, now):
    """The first date in `upcoming` (occurrences in order) that is held and not yet begun:
    the date a sign-up is for."""
    for occurrence in upcoming:
        if not occurrence.is_cancelled and occurrence.starts_at > now:
            return timezone.localtime(occurrence.starts_at).date()
    return None


def activity_target(activity, upcoming=None, now=None):
    """`upcoming` are the activity's next occurrences where the caller has them (the activity
    page); otherwise the next held one is read."""
    now = now or timezone.now()
    if upcoming is None:
        upcoming = list(Occurrence.objects.filter(
            activity=activity, starts_at__gt=now, is_cancelled=False).order_by("starts_at")[:1])
    activity_date = next_signup_date(upcoming, now)
    return SignupTarget(
        page=activity,
        organisation=activity.organiser,
        accepting=(activity.accepts_signups and activity.registration_required
                   and activity.is_published and activity.organiser_id is not None
                   and activity_date is not None),
        delete_after=delete_after_for_activity(activity_date, timezone.localdate(now)),
        activity_date=activity_date,
    )
