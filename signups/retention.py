"""A sign-up's last day follows its opportunity's closing date when that date moves earlier,
as the retention rule on the privacy page says (30 days after signing up is no longer
possible). It never moves later: the resident was told a date when signing up (the
confirmation page and mail), and the portal keeps to it."""

from django.utils import timezone

from .models import Signup, delete_after_for_opportunity


def follow_closing_date(sender, instance, **kwargs):
    """post_save of an opportunity: bring its sign-ups' last day forward where the rule now
    gives an earlier one (one query to read, one to write, only when something changes)."""
    earlier = []
    for signup in instance.signups.only("pk", "created_at", "delete_after"):
        by_rule = delete_after_for_opportunity(instance, timezone.localdate(signup.created_at))
        if by_rule < signup.delete_after:
            signup.delete_after = by_rule
            earlier.append(signup)
    Signup.objects.bulk_update(earlier, ["delete_after"])
