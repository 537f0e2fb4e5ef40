"""Ideas in the admin: the moderation queue, answering through status changes, assignment.

Staff see the resident's text, never their e-mail address (only whether there is one): mails go
out through the tasks, so moderation does not need it. Supports are not in the admin at all;
their number is on the idea. `lookup_allowed` refuses a filter on a personal field in the
address bar, so no list can be made of who sent or supported what."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zuidwest.images.fields import SafeImageField

from . import services
from .admin_filters import OverdueFilter
from .models import Answer, Idea, Moderation, Status, StatusChange

PERSONAL_FIELDS = ("email", "display_name", "supports")


class IdeaAdminForm(forms.ModelForm):
    status_text = forms.CharField(
        label=_("Uitleg bij de nieuwe status"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt met de datum op de tijdlijn van het idee en in de e-mail aan de "
                    "inzender. Verplicht bij 'niet haalbaar': schrijf waarom."))

    class Meta:
        model = Idea
        # Never the e-mail address: staff do not need it to moderate.
        fields = ["moderation", "refusal_reason", "duplicate_of", "kind", "title", "body",
                  "why", "redacted", "display_name", "neighbourhood", "place_label",
                  "latitude", "longitude", "photo", "photo_approved", "photo_alt",
                  "assigned_to", "spearhead", "status", "initiative", "activity", "is_demo"]
        field_classes = {"photo": SafeImageField}

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if (status == Status.NOT_FEASIBLE and self.instance.status != Status.NOT_FEASIBLE
                and not (cleaned.get("status_text") or "").strip()):
            self.add_error("status_text", _("Schrijf waarom dit niet haalbaar is. De bewoner "
                                            "en iedereen op de site leest het."))
        if (cleaned.get("moderation") == Moderation.APPROVED
                and status == Status.RECEIVED and self.instance.status == Status.RECEIVED):
            # Approving moves it on to 'in behandeling' (services.approve).
            cleaned["status"] = Status.IN_PROGRESS
        return cleaned


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["changed_at", "status", "public_text", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("tijdlijn (op de site)")

    def has_add_permission(self, request, obj=None):
        return False  # a step is made by changing the status above


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    form = IdeaAdminForm
    list_display = ["title", "kind", "neighbourhood", "moderation", "status", "assigned_to",
                    "submitted_at", "first_answered_at", "supporter_count", "is_demo"]
    list_filter = ["moderation", "status", OverdueFilter, "assigned_to", "neighbourhood",
                   "kind", "is_demo"]
    list_select_related = ["neighbourhood", "assigned_to"]
    # The text only: moderation looks for duplicates. No personal field is searched.
    search_fields = ["title", "body"]
    date_hierarchy = "submitted_at"
    autocomplete_fields = ["duplicate_of", "initiative", "activity"]
    readonly_fields = ["has_email", "submitted_at", "first_answered_at", "closed_at",
                       "supporter_count", "slug"]
    inlines = [StatusChangeInline]
    actions = ["approve_selected"]
    fieldsets = [
        (_("Beoordeling"), {"fields": ["moderation", "refusal_reason", "duplicate_of"],
                            "description": _(
                                "Niets staat op de site voordat het is goedgekeurd. Bij "
                                "weigeren krijgt de inzender de reden per e-mail.")}),
        (_("Tekst van de bewoner"), {"fields": [
            "kind", "title", "slug", "body", "why", "redacted", "display_name",
            "neighbourhood", "place_label", "latitude", "longitude", "photo",
            "photo_approved", "photo_alt"],
            "description": _(
                "Haal persoonlijke gegevens van anderen uit de tekst. Een aangepaste tekst "
                "krijgt op de site de melding 'aangepast door de redactie'.")}),
        (_("Behandeling"), {"fields": ["assigned_to", "spearhead", "status", "status_text",
                                       "initiative", "activity"]}),
        (_("Gegevens"), {"fields": ["has_email", "submitted_at", "first_answered_at",
                                    "closed_at", "supporter_count", "is_demo"]}),
    ]

    def has_add_permission(self, request):
        return False  # ideas come from residents

    def lookup_allowed(self, lookup, value, request=None):
        if any(part in PERSONAL_FIELDS for part in lookup.split("__")):
            return False
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("wil updates per e-mail"), boolean=True)
    def has_email(self, idea):
        return bool(idea.email)

    def save_model(self, request, obj, form, change):
        # Moderation and status go through the services, which keep the timeline and mail.
        before = Idea.objects.get(pk=obj.pk)
        new_moderation, new_status = obj.moderation, obj.status
        obj.moderation, obj.status = before.moderation, before.status
        text_fields = ("title", "body", "why")
        if any(getattr(obj, name) != getattr(before, name) for name in text_fields):
            obj.redacted = True
        with transaction.atomic():
            obj.save()
            if new_moderation != before.moderation:
                if new_moderation == Moderation.APPROVED:
                    services.approve(obj, user=request.user,
                                     public_text=form.cleaned_data.get("status_text", "")
                                     if new_status == Status.IN_PROGRESS else "")
                elif new_moderation == Moderation.REFUSED:
                    services.refuse(obj, obj.refusal_reason, duplicate_of=obj.duplicate_of,
                                    user=request.user)
                else:
                    obj.moderation = new_moderation
                    obj.save(update_fields=["moderation"])
            if new_status != obj.status:
                services.change_status(obj, new_status,
                                       public_text=form.cleaned_data.get("status_text", ""),
                                       user=request.user)

    @admin.action(description=_("Goedkeuren: op de site zetten"))
    def approve_selected(self, request, queryset):
        waiting = list(queryset.filter(moderation=Moderation.WAITING))
        for idea in waiting:
            services.approve(idea, user=request.user)
        messages.success(request, ngettext("%(count)d idee goedgekeurd.",
                                           "%(count)d ideeën goedgekeurd.", len(waiting))
                         % {"count": len(waiting)})


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """Answers are written by partners and published in the review queue (Versies)."""

    list_display = ["idea", "organisation", "on_behalf_of", "is_published", "updated_at"]
    list_filter = ["is_published", "on_behalf_of"]
    list_select_related = ["idea", "organisation", "on_behalf_of"]
    fields = ["idea", "organisation", "on_behalf_of", "text", "is_published"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


