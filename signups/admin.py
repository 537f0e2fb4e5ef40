"""Sign-ups in the admin: staff see how many there are and whether they were handled, never
who signed up. The name, phone number, e-mail address and message are for the organisation
only (see the privacy page), so no admin page shows them, searches them or exports them."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zuidwest.admin_site.lookups import OfferedFiltersOnly

from .models import Signup


class SignupCountsMixin:
    """Two columns for the admin of a page residents sign up for: the number of sign-ups and
    how many of them the organisation handled. Counted in the changelist's own query, by a
    subquery per row shown: a join with GROUP BY made PostgreSQL count the sign-ups of every
    page (20,000 activities) before it took the hundred of the page."""

    def get_queryset(self, request):
        page_field = self.model._meta.get_field("signups").field.name  # "activity", ...
        signups = Signup.objects.filter(**{page_field: OuterRef("pk")}).order_by().values(
            page_field)

        def count(rows):
            counted = rows.annotate(number=Count("pk")).values("number")
            return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

        return super().get_queryset(request).annotate(
            signup_count=count(signups),
            signups_handled=count(signups.filter(handled_at__isnull=False)),
        )

    @admin.display(description=_("aanmeldingen"), ordering="signup_count")
    def signup_count(self, page):
        return page.signup_count

    @admin.display(description=_("afgehandeld"), ordering="signups_handled")
    def signups_handled(self, page):
        return page.signups_handled


class HandledFilter(admin.SimpleListFilter):
    title = _("afgehandeld")
    parameter_name = "afgehandeld"

    def lookups(self, request, model_admin):
        return [("ja", _("ja")), ("nee", _("nee"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(handled_at__isnull=False)
        if self.value() == "nee":
            return queryset.filter(handled_at__isnull=True)
        return queryset


@admin.register(Signup)
class SignupAdmin(OfferedFiltersOnly, admin.ModelAdmin):
    """Read-only, and only what is no personal data: for what, when, handled or not, and
    until when it is kept. No search: a search box would tell whether someone signed up; nor
    filters in the URL beyond those offered (`?email__startswith=b` would spell an address)."""

    list_display = ["target_title", "target_kind", "organisation_name", "created_at",
                    "is_handled", "delete_after", "is_demo"]
    list_filter = [HandledFilter, "is_demo", "delete_after"]
    list_select_related = ["organisation", "opportunity", "activity"]
    date_hierarchy = "created_at"
    fields = ["target_title", "target_kind", "organisation_name", "activity_date",
              "created_at", "is_handled", "delete_after", "is_demo"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # sign-ups come from residents only

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("voor"))
    def target_title(self, signup):
        return str(signup.target)

    @admin.display(description=_("soort"))
    def target_kind(self, signup):
        return Signup._meta.get_field("opportunity" if signup.opportunity_id
                                      else "activity").verbose_name

    @admin.display(description=_("organisatie"))
    def organisation_name(self, signup):
        return signup.organisation or "–"

    @admin.display(description=_("afgehandeld"), boolean=True, ordering="handled_at")
    def is_handled(self, signup):
        return signup.is_handled
