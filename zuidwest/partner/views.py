"""The generic views that edit, create, preview and submit a partner page of any registered
kind (zuidwest.partner.kinds). Every change goes through the review engine: a partner's save
is a version (a concept); the page's own row keeps what the public sees until staff approve.
A new page is made unpublished.

Every lookup by the pk in a URL goes through the kind's `editable(user)`, which is the model's
`owned_by(organisations)`: another organisation's page is a 404, exactly like a page that does
not exist.
"""

import contextlib
import re

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from zuidwest import review
from zuidwest.images.pending import store_pending
from zuidwest.images.processing import make_renditions
from zuidwest.images.storage import PENDING
from zuidwest.review.models import Revision
from zuidwest.review.previews import render_preview
from zuidwest.sessions import kept_input
from zuidwest.templatetags.portal import nlds_form_errors

from .accounts import organisations_of
from .forms import MAX_ROWS, child_formset, form_sections, unique_slug
from .photos import remember_upload


def submit_and_report(request, revision, success_message):
    """Send a version for review and say how that went. True when it was sent."""
    try:
        review.submit(revision, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success_message)
    return True


@method_decorator(never_cache, name="dispatch")
class PartnerView(LoginRequiredMixin, View):
    """Base of every partner page: logged in, never cached (they show unpublished work)."""

    kind = None

    def get_page(self, pk):
        pages = self.kind.editable(self.request.user).select_related("latest_revision")
        return get_object_or_404(pages, pk=pk)


# A stored photo name as zuidwest.images makes it: "<upload_to><32 hex>-<w>x<h>.<ext>", under
# "pending/" while it waits for staff.
STORED_PHOTO = r"[0-9a-f]{32}-[0-9]{1,5}x[0-9]{1,5}\.(?:jpg|png|webp)"


class PageFormView(PartnerView):
    """Edit (pk given) or create (no pk) a partner page: its main form and the formsets of
    its child rows. Saving makes a concept version (review.save_draft / review.create_page);
    the second button also sends it for review."""

    template_name = "partner/page_form.html"
    ADD_ROW = "nog_een_rij"
    SUBMIT = "indienen"
    keeps_input_after_timeout = True  # zuidwest.sessions

    # -- setting up --------------------------------------------------------------------------

    def setup_page(self, pk):
        user = self.request.user
        self.organisations = None
        if pk is None:
            self.page = None
            self.organisations = list(organisations_of(user))
            if not self.organisations:
                raise Http404("No organisation")
            self.shown = self.kind.model(is_published=False)
            self.working = review.snapshot(self.shown)
            if len(self.organisations) == 1:
                setattr(self.shown, self.kind.owner_field, self.organisations[0])
        else:
            self.page = self.get_page(pk)
            self.working = review.working_data(self.page)
            self.shown = review.as_shown(self.page, self.working)
        self.pending_photos = {}

    def initial_organisation(self):
        wanted = self.request.GET.get("organisatie", "")
        for organisation in self.organisations or []:
            if str(organisation.pk) == wanted:
                return organisation
        return None

    def keep_pending_photos(self, data):
        """A photo uploaded with a form that could not be saved yet (an error elsewhere, an
        edit conflict) was stored already; the form carries its name so it is not lost."""
        for image_field in self.kind.image_fields():
            name = (data.get(f"pending_{image_field.name}") or "").strip()
            upload_to = image_field.upload_to if isinstance(image_field.upload_to, str) else ""
            if not re.fullmatch(f"(?:{re.escape(PENDING)})?{re.escape(upload_to)}{STORED_PHOTO}",
                                name):
                continue
            if not image_field.storage.exists(name):
                continue
            setattr(self.shown, image_field.name, name)
            self.pending_photos[image_field.name] = name

    def build_forms(self, data=None, files=None):
        kwargs = {"user": self.request.user, "instance": self.shown,
                  "organisations": self.organisations}
        if data is None:
            organisation = self.initial_organisation()
            if organisation:
                kwargs["initial"] = {"organisation": organisation}
        form = self.kind.form_class(data, files, **kwargs)
        formsets = []
        for child in self.kind.children:
            formset_class = child_formset(child.form_class, child.unique_fields)
            if data is None:
                spec = self.kind.spec
                formset = formset_class(
                    prefix=child.related_name,
                    initial=review.child_initial(spec, spec.child(child.related_name),
                                                 self.working),
                )
            else:
                # Bound rows are compared with nothing: a row someone emptied completely
                # counts as removed, an untouched empty row is skipped.
                formset = formset_class(data, prefix=child.related_name,
                                        form_kwargs={"empty_permitted": True})
            formset.child = child
            formsets.append(formset)
        for image_field in self.kind.image_fields():
            if image_field.name in self.pending_photos:
                form.fields[image_field.name].help_text = (
                    f"{form.fields[image_field.name].help_text} "
                    + _("Je nieuwe foto is bewaard; je hoeft hem niet opnieuw te kiezen.")
                )
        return form, formsets

    # -- requests ----------------------------------------------------------------------------

    def get(self, request, pk=None):
        self.setup_page(pk)
        kept = kept_input(request)
        if kept is not None:  # sent when the session had ended: back in the form, unsaved
            self.keep_pending_photos(kept)
            return self.render_unchecked(kept)
        form, formsets = self.build_forms()
        return self.render_page(form, formsets, token=self.current_token())

    def post(self, request, pk=None):
        self.setup_page(pk)
        self.keep_pending_photos(request.POST)
        if self.ADD_ROW in request.POST:
            return self.add_row(request)
        form, formsets = self.build_forms(request.POST, request.FILES)
        valid = form.is_valid() & all([formset.is_valid() for formset in formsets])
        self.store_new_photos(form)
        token = request.POST.get("version_token", "")
        if not valid:
            return self.render_page(form, formsets, token=token, status=200)
        data = review.snapshot(form.instance, links=self.links(form),
                               rows=self.child_rows(formsets))
        try:
            if self.page is None:
                page, revision = self.create(form, data)
            else:
                page = self.page
                revision = review.save_draft(page, data, user=request.user, token=token)
        except review.EditConflict as conflict:
            return self.render_page(form, formsets, token=self.current_token(),
                                    conflict=conflict, status=409)
        except ValidationError as error:
            # Checks that only the whole page can make (review.apply on a new page).
            form.add_error(None, error)
            return self.render_page(form, formsets, token=token, status=200)
        if self.SUBMIT in request.POST and submit_and_report(request, revision, _(
                "Opgeslagen en ter beoordeling gestuurd. Het programmabureau bekijkt jouw "
                "versie. Tot die tijd blijft de site zoals hij was.")):
            return redirect("partner:dashboard")
        messages.success(request, _(
            "Opgeslagen als concept. Het staat nog niet op de site: stuur het ter beoordeling "
            "als het af is."))
        return redirect("partner:dashboard")

    def add_row(self, request):
        """"Nog een rij toevoegen" without JavaScript: the same form again, one empty row more
        in the chosen list, nothing saved and no errors shown yet."""
        return self.render_unchecked(request.POST.copy(), request.FILES,
                                     add_row=request.POST.get(self.ADD_ROW))

    def render_unchecked(self, data, files=None, add_row=None):
        """The form filled with `data`, nothing saved and no errors shown yet; with add_row,
        one empty row more in that list."""
        for child in self.kind.children:
            if child.related_name == add_row:
                key = f"{child.related_name}-TOTAL_FORMS"
                try:
                    total = int(data.get(key, "0"))
                except ValueError:
                    total = 0
                data[key] = str(min(max(total, 0) + 1, MAX_ROWS))
        form, formsets = self.build_forms(data, files)
        for bound in [form, *[row for formset in formsets for row in formset.forms]]:
            bound._errors = forms.utils.ErrorDict()
            bound.cleaned_data = {}
        for formset in formsets:
            formset._errors = []
            formset._non_form_errors = forms.utils.ErrorList()
        return self.render_page(form, formsets, token=data.get("version_token", ""))

    # -- saving ------------------------------------------------------------------------------

    def current_token(self):
        if self.page is None:
            return ""
        return review.version_token(self.page)

    def store_new_photos(self, form):
        """Write a newly uploaded (checked and re-encoded) photo to storage, so the snapshot
        holds its stored name. Also done when the form has errors elsewhere: then the name
        travels along in the form (see keep_pending_photos)."""
        cleaned = getattr(form, "cleaned_data", {})
        for image_field in self.kind.image_fields():
            value = cleaned.get(image_field.name)
            if isinstance(value, File) and not isinstance(value, FieldFile):
                # Out of nginx's reach until staff approve the version (images/storage.py).
                name = store_pending(form.instance, image_field, value)
                remember_upload(self.request, name)
                setattr(form.instance, image_field.name, name)
                self.pending_photos[image_field.name] = name
                # The preview shows the photo the way the site will; failing is harmless.
                with contextlib.suppress(ValidationError, OSError):
                    make_renditions(getattr(form.instance, image_field.name))
            elif value is False:
                self.pending_photos.pop(image_field.name, None)

    def links(self, form):
        return {name: list(form.cleaned_data.get(name) or []) for name in self.kind.spec.m2m}

    def child_rows(self, formsets):
        rows = {}
        for formset in formsets:
            rows[formset.child.related_name] = [
                row.instance for row in formset.forms
                if row.has_changed() and not row.cleaned_data.get("DELETE")
            ]
        return rows

    def create(self, form, data):
        organisation = form.cleaned_data.get("organisation") or getattr(
            self.shown, self.kind.owner_field)
        title = data["fields"].get(self.kind.title_field) or ""
        for _attempt in range(3):
            slug = unique_slug(self.kind.model, title)
            try:
                with transaction.atomic():
                    return review.create_page(
                        self.kind.model, data, user=self.request.user, slug=slug,
                        **{self.kind.owner_field: organisation},
                    )
            except IntegrityError:  # someone took the slug at the same moment
                continue
        raise ValidationError(_("Opslaan lukte niet. Probeer het nog eens."))

    # -- showing -----------------------------------------------------------------------------

    def render_page(self, form, formsets, *, token, conflict=None, status=200):
        error_items = []
        if form.is_bound:
            error_items += nlds_form_errors(form)
        for formset in formsets:
            if not formset.is_bound:
                for number, row in enumerate(formset.forms, start=1):
                    row.legend = formset.child.row_legend % {"number": number}
                continue
            for error in formset.non_form_errors():
                error_items.append({"anchor": "", "label": formset.child.title,
                                    "message": error})
            for number, row in enumerate(formset.forms, start=1):
                row.legend = formset.child.row_legend % {"number": number}
                if formset.can_delete and formset._should_delete_form(row):
                    continue
                legend = formset.child.row_legend % {"number": number}
                for item in nlds_form_errors(row):
                    item = dict(item)
                    item["label"] = f"{legend}: {item['label']}" if item["label"] else legend
                    error_items.append(item)
        context = {
            "kind": self.kind,
            "page": self.page,
            "form": form,
            "formsets": formsets,
            "sections": form_sections(form, formsets),
            "error_items": error_items,
            "version_token": token,
            "conflict": conflict,
            "pending_photos": self.pending_photos,
            "add_row_name": self.ADD_ROW,
            "submit_name": self.SUBMIT,
            "preview_url": self.kind.url("preview", self.page) if self.page else "",
            "state": self.state(),
            "title": self.kind.edit_title if self.page else self.kind.create_title,
            "single_organisation": (
                self.organisations[0] if self.organisations and len(self.organisations) == 1
                else None
            ),
        }
        return render(self.request, self.template_name, context, status=status)

    def state(self):
        if self.page is None:
            return None
        return review.page_state(self.page)


class PagePreviewView(PartnerView):
    """The working version of a page in the public page's template, with a banner."""

    def get(self, request, pk):
        page = self.get_page(pk)
        return render_preview(request, page, review.working_data(page),
                              banner_template="partner/_preview_banner.html", extra_context={
                                  "partner_page": page,
                                  "partner_kind": self.kind,
                                  "partner_state": review.page_state(page),
                                  "partner_edit_url": self.kind.url("edit", page),
                              })


class PageSubmitView(PartnerView):
    """Send the newest concept of a page for review (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        page = self.get_page(pk)
        latest = page.latest_revision
        if latest is None or latest.state != Revision.State.DRAFT:
            messages.info(request, _(
                "Er is geen concept om te versturen. Pas de pagina eerst aan."))
            return redirect("partner:dashboard")
        submit_and_report(request, latest, _(
            "„%(title)s” is ter beoordeling gestuurd. Je krijgt een e-mail als het "
            "programmabureau heeft besloten.") % {"title": page})
        return redirect("partner:dashboard")
