"""The review workflow on the admins of reviewed pages (initiatives, places, activities, ...).

`ReviewedPageAdmin` goes before admin.ModelAdmin: a "Geschiedenis" page with the approved
versions and a way to put one back, a notice on the change page when a partner's version waits
for review, staff edits recorded as versions too, and a filter on the owning organisation.
The review queue itself is zuidwest.review.admin.RevisionAdmin.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from zuidwest.admin_site.changelist import QuickActionCheckbox

from .comparison import compare, proposed_changes
from .models import Revision
from .snapshots import snapshot
from .specs import spec_for
from .workflow import (
    ReviewError,
    approved_versions,
    record_staff_change,
    restore,
    waiting_revision,
)


def revision_url(revision):
    return reverse("admin:zuidwest_revision_change", args=[revision.pk])


def error_text(error):
    return " ".join(error.messages)


def report_closed_versions(request, staff_change):
    """Say what a staff change did to partner versions that waited: they were rejected and
    their partners mailed (zuidwest.review.workflow._close_waiting_versions)."""
    count = len(staff_change.closed)
    if count:
        messages.warning(request, ngettext(
            "Er wachtte een wijziging van een partner. Die is afgewezen, omdat hij op de oude "
            "versie was gebaseerd; de partner krijgt daarover een e-mail.",
            "Er wachtten %(count)d wijzigingen van partners. Die zijn afgewezen, omdat ze op de "
            "oude versie waren gebaseerd; de partners krijgen daarover een e-mail.",
            count,
        ) % {"count": count})


class OwnerFilter(admin.SimpleListFilter):
    """Pages of one organisation, by the model's own ownership rule (`owned_by`)."""

    title = gettext_lazy("organisatie")
    parameter_name = "organisatie"

    def lookups(self, request, model_admin):
        owner_model = model_admin.model._meta.get_field(
            spec_for(model_admin.model).owner_field).related_model
        return [(str(pk), name) for pk, name in owner_model.objects.values_list("pk", "name")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return queryset.owned_by([int(value)])


@dataclass(frozen=True)
class HistoryEntry:
    revision: Revision
    changes: list | None  # None for the first version in the history
    is_on_site: bool


class ReviewedPageAdmin(QuickActionCheckbox):
    """Mixin for the ModelAdmin of a reviewed model; put it before admin.ModelAdmin."""

    change_form_template = "admin/review/change_form.html"
    review_history_template = "admin/review/history.html"
    review_restore_template = "admin/review/restore_confirmation.html"

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), OwnerFilter]

    def get_urls(self):
        prefix = self._url_prefix()
        wrap = self.admin_site.admin_view
        # Before the model's own URLs: "<path:object_id>/" would swallow these.
        return [
            path("<path:object_id>/versions/", wrap(self.versions_view),
                 name=f"{prefix}_versions"),
            path("<path:object_id>/versions/<int:revision_id>/restore/",
                 wrap(self.restore_view), name=f"{prefix}_restore"),
            *super().get_urls(),
        ]

    def _url_prefix(self):
        return f"{self.opts.app_label}_{self.opts.model_name}"

    def _url(self, name, page):
        return reverse(f"admin:{self._url_prefix()}_{name}", args=[quote(page.pk)],
                       current_app=self.admin_site.name)

    def versions_url(self, page):
        return self._url("versions", page)

    # --- the change page --------------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and obj.pk:
            waiting = waiting_revision(obj)
            context.update(
                versions_url=self.versions_url(obj),
                waiting_revision=waiting,
                waiting_revision_url=revision_url(waiting) if waiting else "",
            )
        return super().render_change_form(request, context, add=add, change=change,
                                          form_url=form_url, obj=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report_closed_versions(request, record_staff_change(form.instance, staff=request.user))

    # --- the history ------------------------------------------------------------------------

    def _page_or_redirect(self, request, object_id, *, changing):
        """(page, None), or (None, the redirect for a page that does not exist). Raises
        PermissionDenied for staff who may not see (or, `changing`, change) the page."""
        page = self.get_object(request, unquote(object_id))
        if page is None:
            return None, self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        allowed = (self.has_change_permission(request, page) if changing
                   else self.has_view_or_change_permission(request, page))
        if not allowed:
            raise PermissionDenied
        return page, None

    def _render(self, request, template, page, title, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": page,
            "title": title,
            "versions_url": self.versions_url(page),
            "change_url": self._url("change", page),
            **extra,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, context)

    def versions_view(self, request, object_id):
        page, redirect_response = self._page_or_redirect(request, object_id, changing=False)
        if page is None:
            return redirect_response
        approved = list(approved_versions(page))
        on_site = snapshot(page)
        model = type(page)
        entries = [
            HistoryEntry(
                revision=revision,
                changes=(compare(model, approved[index + 1].data, revision.data)
                         if index + 1 < len(approved) else None),
                is_on_site=page.is_published and revision.data == on_site,
            )
            for index, revision in enumerate(approved)
        ]
        waiting = waiting_revision(page)
        return self._render(
            request, self.review_history_template, page,
            _("Geschiedenis van %(page)s") % {"page": page},
            entries=entries,
            can_restore=self.has_change_permission(request, page),
            waiting_revision=waiting,
            waiting_revision_url=revision_url(waiting) if waiting else "",
        )

    def restore_view(self, request, object_id, revision_id):
        """GET asks for confirmation and shows what would change; POST puts the version back."""
        page, redirect_response = self._page_or_redirect(request, object_id, changing=True)
        if page is None:
            return redirect_response
        revision = get_object_or_404(approved_versions(page), pk=revision_id)
        version_date = localize(localtime(revision.created_at))
        if request.method == "POST":
            try:
                staff_change = restore(revision, staff=request.user)
            except ReviewError as error:
                messages.error(request, error_text(error))
            else:
                self.log_change(request, page, _("Versie van %(date)s teruggezet.") % {
                    "date": version_date})
                messages.success(request, _(
                    "De versie van %(date)s staat weer op de site. Dit is als nieuwe versie "
                    "in de geschiedenis gezet.") % {"date": version_date})
                report_closed_versions(request, staff_change)
            return redirect(self.versions_url(page))
        changes, is_new = proposed_changes(page, revision.data)
        return self._render(
            request, self.review_restore_template, page, _("Versie terugzetten"),
            revision=revision,
            version_date=version_date,
            changes=changes,
            is_new=is_new,
            waiting_revision=waiting_revision(page),
        )
