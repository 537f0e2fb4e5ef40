"""The review queue in the admin: versions waiting for review, and the review page for each
(a field-by-field comparison, approve or reject with a reason, a preview)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from zuidwest.admin_site.changelist import QuickActionCheckbox

from .comparison import proposed_changes
from .forms import RejectForm
from .models import Revision
from .page_admin import error_text
from .previews import render_preview
from .specs import spec_for, specs
from .workflow import ReviewError, approve, reject


class RevisionStateFilter(admin.SimpleListFilter):
    """By state, showing the versions that wait for review unless asked otherwise."""

    title = gettext_lazy("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Revision.State.choices, (self.ALL, gettext_lazy("alle"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL:
            return queryset
        if value not in Revision.State.values:
            value = Revision.State.SUBMITTED
        return queryset.filter(state=value)

    def choices(self, changelist):
        current = self.value() if self.value() in {*Revision.State.values, self.ALL} else (
            Revision.State.SUBMITTED)
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


@admin.register(Revision)
class RevisionAdmin(QuickActionCheckbox, admin.ModelAdmin):
    """The review queue: partner versions waiting for review, and the review page for each."""

    list_display = ["page_title", "on_site", "kind", "organisation", "submitted_by",
                    "submitted_at", "state", "is_newest"]
    list_display_links = ["page_title"]
    list_filter = [RevisionStateFilter, ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["created_by__email"]
    search_help_text = gettext_lazy("Zoek op het e-mailadres van wie de versie maakte.")
    list_select_related = ["content_type", "created_by"]
    review_template = "admin/zuidwest/revision/review.html"

    def get_queryset(self, request):
        pages = [spec.model.objects.select_related(spec.owner_field) for spec in specs]
        return super().get_queryset(request).prefetch_related(
            GenericPrefetch("content_object", pages))

    # Versions come from partners and from the workflow; their content is not edited here
    # and the history is not deleted.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- the queue --------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("pagina"))
    def page_title(self, revision):
        page = revision.content_object
        return str(page) if page is not None else _("(verwijderde pagina)")

    @admin.display(description=gettext_lazy("op de site"))
    def on_site(self, revision):
        page = revision.content_object
        if page is None or not page.is_published:
            return _("nog niet gepubliceerd")
        return format_html('<a href="{}">{}</a>', page.get_absolute_url(), _("bekijk"))

    @admin.display(description=gettext_lazy("soort"), ordering="content_type__model")
    def kind(self, revision):
        return revision.content_type.name

    @admin.display(description=gettext_lazy("organisatie"))
    def organisation(self, revision):
        page = revision.content_object
        if page is None:
            return "–"
        owner = getattr(page, spec_for(page).owner_field)
        return str(owner) if owner is not None else "–"

    @admin.display(description=gettext_lazy("ingediend door"), ordering="created_by__email")
    def submitted_by(self, revision):
        user = revision.created_by
        if user is None:
            return "–"
        return user.email or user.get_username()

    @admin.display(description=gettext_lazy("nieuwste versie"), boolean=True)
    def is_newest(self, revision):
        # A version that is not the newest of its page can no longer be decided on.
        return revision.is_newest

    # --- the review page --------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/approve/", wrap(require_POST(self.approve_view)),
                 name="zuidwest_revision_approve"),
            path("<path:object_id>/reject/", wrap(require_POST(self.reject_view)),
                 name="zuidwest_revision_reject"),
            path("<path:object_id>/preview/", wrap(require_GET(self.preview_view)),
                 name="zuidwest_revision_preview"),
            *super().get_urls(),
        ]

    def _revision(self, request, object_id, *, deciding):
        revision = self.get_object(request, unquote(object_id))
        if revision is None:
            return None
        allowed = (self.has_change_permission(request, revision) if deciding
                   else self.has_view_or_change_permission(request, revision))
        if not allowed:
            raise PermissionDenied
        return revision

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page, in place of a form: nobody edits a version's content here."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        revision = self._revision(request, object_id, deciding=False)
        if revision is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return self._review_page(request, revision, RejectForm())

    def _review_page(self, request, revision, reject_form):
        page = revision.content_object
        is_newest = revision.is_newest
        changes, is_new = proposed_changes(page, revision.data) if page else ([], False)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "title": _("Versie beoordelen"),
            "original": revision,
            "revision": revision,
            "page": page,
            "page_admin_url": (
                reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_change",
                        args=[page.pk]) if page is not None else ""),
            "changes": changes,
            "is_new": is_new,
            "is_newest": is_newest,
            "can_decide": (page is not None and is_newest
                           and revision.state == Revision.State.SUBMITTED
                           and self.has_change_permission(request, revision)),
            "can_preview": page is not None and hasattr(page, "get_absolute_url"),
            "reject_form": reject_form,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.review_template, context)

    def _back_to_review(self, revision):
        return redirect("admin:zuidwest_revision_change", revision.pk)

    def approve_view(self, request, object_id):
        def decide(revision):
            approve(revision, staff=request.user)
            return None, _("“%(page)s” is goedgekeurd en staat op de site. De partner krijgt "
                           "een e-mail.")

        return self._decision_view(request, object_id, decide)

    def reject_view(self, request, object_id):
        form = RejectForm(request.POST)

        def decide(revision):
            if not form.is_valid():
                return self._review_page(request, revision, form), None
            reject(revision, staff=request.user, reason=form.cleaned_data["reason"])
            return None, _("De wijziging van “%(page)s” is afgewezen. De partner krijgt een "
                           "e-mail met jouw uitleg.")

        return self._decision_view(request, object_id, decide)

    def _decision_view(self, request, object_id, decide):
        """Approve or reject (POST): `decide(revision)` returns (a response to show instead,
        or None; the success message)."""
        revision = self._revision(request, object_id, deciding=True)
        if revision is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if revision.content_object is None:
            messages.error(request, _("De pagina van deze versie bestaat niet meer."))
            return self._back_to_review(revision)
        try:
            response, success = decide(revision)
        except ReviewError as error:
            messages.error(request, error_text(error))
            return self._back_to_review(revision)
        if response is not None:
            return response
        messages.success(request, success % {"page": revision.content_object})
        return redirect("admin:zuidwest_revision_changelist")

    def preview_view(self, request, object_id):
        """The version as the public would see it (zuidwest.review.previews)."""
        revision = self._revision(request, object_id, deciding=False)
        if revision is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        page = revision.content_object
        if page is None:
            messages.error(request, _("De pagina van deze versie bestaat niet meer."))
            return self._back_to_review(revision)
        return render_preview(request, page, revision.data,
                              banner_template="admin/review/_preview_banner.html",
                              extra_context={"revision": revision})
