"""Following in the admin: how many people follow what, never a list of addresses.

The changelist shows the counts per subject and lists no one; a search for one complete address
(upper and lower case alike) finds that follower and nothing else, to help someone who asks
what we keep or wants it gone. No filter, sorting or lookup on the address is allowed
(`lookup_allowed`), so "?email__startswith=a" cannot be used to guess addresses letter by
letter. Followers and requests come from residents only: staff add and change nothing, but may
delete a follower on request."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import subjects
from .models import Follower, FollowRequest, Subscription

SECRET_FIELDS = ("email", "token")


def subject_counts():
    """[(kind label, title, key, number of followers)], most followed first."""
    rows = list(Subscription.objects.values("kind", "key").annotate(count=Count("pk"))
                .order_by("-count", "kind", "key"))
    described = subjects.describe_all((row["kind"], row["key"]) for row in rows)
    counts = []
    for row in rows:
        kind = subjects.kinds.get(row["kind"]).label if row["kind"] in subjects.kinds else ""
        found = described.get((row["kind"], row["key"]))
        counts.append({"kind": kind or row["kind"], "count": row["count"],
                       "title": found.title if found else _("(niet meer te vinden)")})
    return counts


@admin.register(Follower)
class FollowerAdmin(admin.ModelAdmin):
    change_list_template = "admin/following/follower/change_list.html"
    list_display = ["__str__", "confirmed_at", "last_digest_at", "subject_count"]
    search_fields = ["email"]
    search_help_text = _("Vul één volledig e-mailadres in. Alleen dat adres wordt gevonden; "
                         "een deel van een adres vindt niets.")
    show_full_result_count = False
    fields = ["email", "language", "confirmed_at", "last_digest_at", "followed"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(subject_total=Count("subscriptions"))

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset.none(), False  # nobody is listed without an exact address
        return queryset.filter(email__iexact=term), False

    def lookup_allowed(self, lookup, value, request=None):
        if any(lookup == name or lookup.startswith(f"{name}__") for name in SECRET_FIELDS):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_ordering(self, request):
        return ["pk"]

    def changelist_view(self, request, extra_context=None):
        extra = {
            "subject_counts": subject_counts(),
            "follower_total": Follower.objects.count(),
            "request_total": FollowRequest.objects.count(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=extra)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("volgt"), ordering="subject_total")
    def subject_count(self, follower):
        return follower.subject_total

    @admin.display(description=_("volgt"))
    def followed(self, follower):
        pairs = [(item.kind, item.key) for item in follower.subscriptions.all()]
        described = subjects.describe_all(pairs)
        return "; ".join(
            str(described[pair].title) if pair in described else f"{pair[0]}: {pair[1]}"
            for pair in pairs) or "–"
