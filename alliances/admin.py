from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from zuidwest.admin_site.lookups import OfferedFiltersOnly

from .accounts import invitations
from .models import Alliance, Invitation, Membership, Organisation, PartnerMembership


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


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__username", "user__first_name", "user__last_name",
                     "organisation__name"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    list_select_related = ["user", "organisation"]


class InvitationAdminForm(forms.ModelForm):
    """Staff invite from the admin through the same service as the partner page."""

    inviter = None  # set per request by InvitationAdmin.get_form

    class Meta:
        model = Invitation
        fields = ["email", "organisation", "role"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and cleaned.get("organisation") and cleaned.get("role"):
            try:
                cleaned["email"] = invitations.check_invite(
                    inviter=self.inviter, organisation=cleaned["organisation"],
                    email=cleaned["email"], role=cleaned["role"],
                )
            except invitations.InvitationError as error:
                raise forms.ValidationError(str(error)) from None
        return cleaned

    def validate_constraints(self):
        # check_invite gives the readable message; an expired invitation may be replaced.
        pass


@admin.register(Invitation)
class InvitationAdmin(OfferedFiltersOnly, admin.ModelAdmin):
    """Adding sends the e-mail; an invitation cannot be edited afterwards (send a new one)."""

    form = InvitationAdminForm
    list_display = ["email", "organisation", "role", "status", "invited_by", "created_at",
                    "expires_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "invited_by"]
    readonly_fields = ["email", "organisation", "role", "invited_by", "created_at",
                       "expires_at", "accepted_at", "accepted_by"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ["email", "organisation", "role"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"inviter": request.user})

    def save_model(self, request, obj, form, change):
        if change:
            return
        invitation = invitations.invite(
            inviter=request.user, organisation=obj.organisation, email=obj.email,
            role=obj.role,
        )
        obj.__dict__.update(
            {field.attname: getattr(invitation, field.attname) for field in Invitation._meta.fields}
        )
        obj._state.adding = False

    @admin.display(description=_("status"))
    def status(self, invitation):
        if invitation.is_accepted:
            return _("aangenomen")
        if invitation.is_expired:
            return _("verlopen")
        return _("open")
