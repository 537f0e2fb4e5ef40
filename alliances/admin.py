from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Alliance, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "alliance"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "alliance_count", "is_demo"]
    list_filter = ["kind", "alliances", "is_demo"]
    search_fields = ["name", "short_name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(alliance_count=Count("memberships"))

    @admin.display(description=_("allianties"), ordering="alliance_count")
    def alliance_count(self, organisation):
        return organisation.alliance_count


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "position", "member_count"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["name", "theme", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("leden"), ordering="member_count")
    def member_count(self, alliance):
        return alliance.member_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "alliance", "role", "since"]
    list_filter = ["alliance", "role"]
    search_fields = ["organisation__name", "alliance__name"]
    autocomplete_fields = ["organisation", "alliance"]
    list_select_related = ["organisation", "alliance"]
