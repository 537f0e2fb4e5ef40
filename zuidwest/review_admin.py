"""The review workflow in the admin at /beheer/ (see zuidwest.review).

`ReviewedPageAdmin` goes on the admins of the pages partners edit (initiatives, places,
activities): a "Geschiedenis" page with the approved versions and a way to put one back, a
notice on the change page when a partner's version waits for review, and staff edits recorded
as versions too. The review queue itself is zuidwest.admin.RevisionAdmin.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import review
from .models import Revision

# A snapshot with nothing in it: comparing a version against it lists all of its content.
EMPTY_SNAPSHOT = {"fields": {}, "m2m": {}, "children": {}}


def proposed_changes(page, data):
    """What putting `data` on the site would change, field by field.

    For a page that is not on the site yet, everything it would show. Returns (changes, is_new).
    """
    if not page.is_published:
        return review.compare(type(page), EMPTY_SNAPSHOT, data), True
    return review.compare(type(page), review.snapshot(page), data), False


def waiting_revision(page):
    """The partner's version of the page that waits for review, if any."""
    return review.revisions_of(page).filter(state=Revision.State.SUBMITTED).first()


def record_staff_edit(page, staff):
    """Keep a staff edit in the history, unless it changed nothing partners can see or edit
    (a change to, say, the funding alone): an empty version would only clutter the history,
    and would make a partner's waiting version look outdated."""
    last_approved = review.revisions_of(page).filter(state=Revision.State.APPROVED).first()
    if last_approved is not None and last_approved.data == review.snapshot(page):
        return None
    return review.record_staff_change(page, staff=staff)


def revision_url(revision):
    return reverse("admin:zuidwest_revision_change", args=[revision.pk])


def error_text(error):
    return " ".join(error.messages)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Waarom wijst u dit af? De partner leest dit."),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        error_messages={
            "required": gettext_lazy(
                "Schrijf op waarom u deze versie afwijst; de partner leest het."
            )
        },
    )


@dataclass(frozen=True)
class HistoryEntry:
    revision: Revision
    changes: list | None  # None for the first version in the history
    is_on_site: bool


class ReviewedPageAdmin:
    """Mixin for the ModelAdmin of a reviewed model; put it before admin.ModelAdmin."""

    change_form_template = "admin/review/change_form.html"
    review_history_template = "admin/review/history.html"
    review_restore_template = "admin/review/restore_confirmation.html"

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
        page = form.instance
        latest = review.latest_revision(page)
        partner_waits = latest is not None and latest.state == Revision.State.SUBMITTED
        if record_staff_edit(page, request.user) and partner_waits:
            messages.warning(request, _(
                "Let op: er wacht ook een wijziging van een partner; die is gebaseerd op de "
                "oude versie."
            ))

    # --- the history ------------------------------------------------------------------------

    def _page_or_redirect(self, request, object_id):
        page = self.get_object(request, unquote(object_id))
        if page is None:
            return None, self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return page, None

    def _context(self, request, page, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": page,
            "title": title,
            "versions_url": self.versions_url(page),
            "change_url": self._url("change", page),
            **extra,
        }

    def versions_view(self, request, object_id):
        page, redirect_response = self._page_or_redirect(request, object_id)
        if page is None:
            return redirect_response
        if not self.has_view_or_change_permission(request, page):
            raise PermissionDenied
        approved = list(
            review.revisions_of(page).filter(state=Revision.State.APPROVED)
            .select_related("created_by", "decided_by")
        )
        on_site = review.snapshot(page)
        model = type(page)
        entries = [
            HistoryEntry(
                revision=revision,
                changes=(review.compare(model, approved[index + 1].data, revision.data)
                         if index + 1 < len(approved) else None),
                is_on_site=page.is_published and revision.data == on_site,
            )
            for index, revision in enumerate(approved)
        ]
        waiting = waiting_revision(page)
        context = self._context(
            request, page, _("Geschiedenis van %(page)s") % {"page": page},
            entries=entries,
            can_restore=self.has_change_permission(request, page),
            waiting_revision=waiting,
            waiting_revision_url=revision_url(waiting) if waiting else "",
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.review_history_template, context)

    def restore_view(self, request, object_id, revision_id):
        """GET asks for confirmation and shows what would change; POST puts the version back."""
        page, redirect_response = self._page_or_redirect(request, object_id)
        if page is None:
            return redirect_response
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        revision = get_object_or_404(
            review.revisions_of(page).filter(state=Revision.State.APPROVED)
            .select_related("created_by", "decided_by"),
            pk=revision_id,
        )
        version_date = localize(localtime(revision.created_at))
        if request.method == "POST":
            partner_waits = waiting_revision(page) is not None
            try:
                review.restore(revision, staff=request.user)
            except review.ReviewError as error:
                messages.error(request, error_text(error))
            else:
                self.log_change(request, page, _("Versie van %(date)s teruggezet.") % {
                    "date": version_date})
                messages.success(request, _(
                    "De versie van %(date)s staat weer op de site. Dit is als nieuwe versie "
                    "in de geschiedenis gezet.") % {"date": version_date})
                if partner_waits:
                    messages.warning(request, _(
                        "Let op: er wacht ook een wijziging van een partner; die is gebaseerd "
                        "op de oude versie."
                    ))
            return redirect(self.versions_url(page))
        changes, is_new = proposed_changes(page, revision.data)
        context = self._context(
            request, page, _("Versie terugzetten"),
            revision=revision,
            version_date=version_date,
            changes=changes,
            is_new=is_new,
            waiting_revision=waiting_revision(page),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.review_restore_template, context)
