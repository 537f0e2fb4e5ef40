"""The shared machinery of the partner area (/partner/): which pages a partner may edit, and
the generic views that edit, create, preview and submit an initiative, place or activity.

Every change goes through zuidwest.review: a partner's save is a Revision (a concept), the
page's own row keeps what the public sees until staff approve. A new page is made unpublished.

Who may edit what is decided here, in one place (the `editable_*` querysets): an initiative by
its lead organisation and its partner organisations, a place by its managing organisation, an
activity by its organiser. Every lookup by the pk in a URL goes through these querysets, so
another organisation's page is a 404, exactly like a page that does not exist.
"""

import contextlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.forms import formset_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from alliances.permissions import organisations_of
from initiatives.models import Initiative
from locations.models import Activity, Place
from zuidwest import review
from zuidwest.image_fields import SafeImageField
from zuidwest.images import make_renditions
from zuidwest.models import Revision
from zuidwest.templatetags.portal import nlds_form_errors

# ---------------------------------------------------------------------------------------------
# Who may edit what
# ---------------------------------------------------------------------------------------------


def editable_initiatives(user):
    """Initiatives the user's organisations lead or take part in."""
    organisations = organisations_of(user)
    as_partner = Initiative.partner_organisations.through.objects.filter(
        organisation__in=organisations
    ).values("initiative_id")
    return Initiative.objects.filter(
        Q(lead_organisation__in=organisations) | Q(pk__in=as_partner)
    )


def editable_places(user):
    """Places the user's organisations manage."""
    return Place.objects.filter(managing_organisation__in=organisations_of(user))


def editable_activities(user):
    """Activities the user's organisations organise."""
    return Activity.objects.filter(organiser__in=organisations_of(user))


def choosable_places(user, keep=()):
    """Places a partner may link to: every published place and the own ones (also still
    unpublished), plus those already linked (`keep`), so editing never drops a link."""
    return Place.objects.filter(
        Q(is_published=True)
        | Q(managing_organisation__in=organisations_of(user))
        | Q(pk__in=list(keep))
    ).select_related("neighbourhood")


def choosable_initiatives(user, keep=()):
    """Initiatives a partner may link an activity to: those of the own organisations."""
    return Initiative.objects.filter(
        Q(pk__in=editable_initiatives(user).values("pk")) | Q(pk__in=list(keep))
    )


# ---------------------------------------------------------------------------------------------
# Form fields
# ---------------------------------------------------------------------------------------------


class LenientDecimalField(forms.DecimalField):
    """Accepts "2,50" as well as "2.50": people in the Netherlands write a decimal comma.
    (Django's localized input would read "52.0401" as fifty-two million, so not that.)"""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def partner_formfield(model_field, **kwargs):
    """Form fields for the partner forms: native date and time inputs, checkboxes for
    many-to-many links, the safe upload field for photos."""
    if isinstance(model_field, models.ImageField):
        return model_field.formfield(form_class=SafeImageField, **kwargs)
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    elif isinstance(model_field, models.TimeField):
        kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    elif isinstance(model_field, models.DecimalField):
        kwargs.setdefault("form_class", LenientDecimalField)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
    elif isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
    elif isinstance(model_field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
    return model_field.formfield(**kwargs)


def plain_blank_choices(form):
    """"Kies ..." instead of Django's dashes as the empty option of a select."""
    for form_field in form.fields.values():
        if isinstance(form_field, forms.ModelChoiceField):
            if form_field.empty_label is not None:
                form_field.empty_label = _("Kies ...")
        elif isinstance(form_field, forms.ChoiceField) and not isinstance(
            form_field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            choices = list(form_field.choices)
            if choices and choices[0][0] in ("", None):
                form_field.choices = [("", _("Kies ..."))] + choices[1:]


class PartnerRowForm(forms.ModelForm):
    """Base of the form of one child row (an opening time, a milestone, ...)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_blank_choices(self)


class PartnerPageForm(forms.ModelForm):
    """Base of the main form of a partner page. `sections` groups the fields into fieldsets
    with a legend: [(legend, (field names...)), ...]; fields not named go in a last one."""

    sections = ()
    help_texts = {}

    def __init__(self, *args, user, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        plain_blank_choices(self)
        for name, text in self.help_texts.items():
            if name in self.fields:
                self.fields[name].help_text = text
        if organisations is not None and len(organisations) > 1:
            # Creating a page for one of several organisations: which one?
            self.fields["organisation"] = forms.ModelChoiceField(
                queryset=organisations_of(user),
                label=gettext_lazy("Voor welke organisatie is deze pagina?"),
                help_text=gettext_lazy("Iedereen van deze organisatie kan de pagina bijhouden."),
                empty_label=None,
            )
            self.order_fields(["organisation"])

    def linked_pks(self, name):
        """The pks linked now (many-to-many or foreign key) in the version being edited."""
        value = self.initial.get(name)
        if value is None or value == "":
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [getattr(item, "pk", item) for item in values]

    def grouped_fields(self):
        """[(legend, [bound fields])] for the template."""
        named = set()
        groups = []
        if "organisation" in self.fields:
            groups.append((_("Organisatie"), [self["organisation"]]))
            named.add("organisation")
        for legend, names in self.sections:
            bound = [self[name] for name in names if name in self.fields]
            named.update(names)
            if bound:
                groups.append((legend, bound))
        rest = [self[name] for name in self.fields if name not in named]
        if rest:
            groups.append((_("Overig"), rest))
        return groups


class ChildRowFormSet(forms.BaseFormSet):
    """The child rows of a page (opening hours, milestones, ...). `unique_fields` names fields
    whose value may occur only once (a cancelled date)."""

    unique_fields = ()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Deze rij weghalen")
            form.fields["DELETE"].help_text = _(
                "Vink aan en sla op. Een rij helemaal leeg maken kan ook.")

    def clean(self):
        seen = {}
        for form in self.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            for name in self.unique_fields:
                value = form.cleaned_data.get(name)
                if value is None:
                    continue
                if (name, value) in seen:
                    form.add_error(name, _("Deze staat er al in. Vul hem maar één keer in."))
                seen[(name, value)] = True


def child_formset(form_class, unique_fields=()):
    return formset_factory(
        form_class,
        formset=type("RowFormSet", (ChildRowFormSet,), {"unique_fields": unique_fields}),
        extra=1,
        can_delete=True,
    )


# ---------------------------------------------------------------------------------------------
# From form to snapshot (the format of review.snapshot)
# ---------------------------------------------------------------------------------------------


def dump_value(model_field, instance):
    """One value as review.snapshot stores it. Decimals get the field's number of decimal
    places, as they come back from the database ("52.040000", "5.00")."""
    value = model_field.value_from_object(instance)
    if isinstance(model_field, models.DecimalField) and isinstance(value, Decimal):
        return str(value.quantize(Decimal(1).scaleb(-model_field.decimal_places)))
    return review._dump(model_field, instance)


def _sort_key(value):
    # Empty values last; a value is only ever compared with one of its own kind.
    return (value is None, 0 if value is None else value)


def _ordered(model, rows):
    """Child rows in the model's own order (Meta.ordering), like snapshot() reads them, so an
    unchanged set of rows compares equal."""
    rows = list(rows)
    for key in reversed(model._meta.ordering or []):
        name = key.lstrip("-")
        rows.sort(key=lambda row, name=name: _sort_key(row.get(name)),
                  reverse=key.startswith("-"))
    return rows


def snapshot_from(instance, m2m, children, spec=None):
    """A snapshot of an unsaved, validated page: its field values from `instance`, its links
    from `m2m` ({name: [objects or pks]}) and its child rows from `children`
    ({related_name: [unsaved child instances]})."""
    spec = spec or review.spec_for(instance)
    meta = instance._meta
    data = {
        "fields": {name: dump_value(meta.get_field(name), instance) for name in spec.fields},
        "m2m": {
            name: sorted(getattr(item, "pk", item) for item in m2m.get(name, []))
            for name in spec.m2m
        },
        "children": {},
    }
    for child in spec.children:
        child_model = meta.get_field(child.related_name).related_model
        rows = [
            {name: dump_value(child_model._meta.get_field(name), row) for name in child.fields}
            for row in children.get(child.related_name, [])
        ]
        data["children"][child.related_name] = _ordered(child_model, rows)
    return data


def rows_as_initial(model, child, data):
    """Initial values for a child formset from a snapshot's rows."""
    child_model = model._meta.get_field(child.related_name).related_model
    initial = []
    for row in data["children"].get(child.related_name, []):
        values = {}
        for name, raw in row.items():
            model_field = child_model._meta.get_field(name)
            values[name] = review._load(model_field, raw)
        initial.append(values)
    return initial


def unique_slug(model, text, fallback="pagina"):
    """A slug from `text` that no row of `model` has yet: "buurtkamer", "buurtkamer-2", ..."""
    max_length = model._meta.get_field("slug").max_length
    base = (slugify(text) or fallback)[: max_length - 6].strip("-") or fallback
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


# ---------------------------------------------------------------------------------------------
# What differs per kind of page
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildRows:
    """A formset for one kind of child row on the edit page."""

    related_name: str
    form_class: type
    title: str
    row_legend: str  # "Openingstijd %(number)s"
    intro: str = ""
    add_label: str = ""
    unique_fields: tuple = ()


@dataclass(frozen=True)
class PageKind:
    model: type
    form_class: type
    owner_field: str  # set from the user's organisation when the page is created
    title_field: str  # the slug is made from it
    url_name: str  # "initiative" -> partner:initiative_edit, ...
    label: str  # "initiatief"
    editable: object  # user -> queryset
    preview_template: str
    preview_context: object  # (request, shown, page) -> dict
    children: tuple = field(default_factory=tuple)
    create_title: str = ""
    edit_title: str = ""

    @property
    def spec(self):
        return review.spec_for(self.model)

    def url(self, action, page):
        return reverse(f"partner:{self.url_name}_{action}", kwargs={"pk": page.pk})

    def image_fields(self):
        return [f for f in self.model._meta.get_fields()
                if isinstance(f, models.ImageField) and f.name in self.spec.fields]


def latest_revisions(pages):
    """{page pk: its newest Revision} for pages of one model, in one query."""
    pages = list(pages)
    if not pages:
        return {}
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(type(pages[0]))
    latest = {}
    revisions = Revision.objects.filter(
        content_type=content_type, object_id__in=[page.pk for page in pages]
    ).order_by("object_id", "-created_at", "-pk").only(
        "object_id", "state", "decision_reason", "created_at", "content_type_id"
    )
    for revision in revisions:
        latest.setdefault(revision.object_id, revision)
    return latest


# ---------------------------------------------------------------------------------------------
# The views
# ---------------------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class PartnerView(LoginRequiredMixin, View):
    """Base of every partner page: logged in, never cached (they show unpublished work)."""

    kind = None

    def get_page(self, pk):
        return get_object_or_404(self.kind.editable(self.request.user), pk=pk)


# A stored photo name as zuidwest.images makes it: "<upload_to><32 hex>-<w>x<h>.<ext>".
STORED_PHOTO = r"[0-9a-f]{32}-[0-9]{1,5}x[0-9]{1,5}\.(?:jpg|png|webp)"


class PageFormView(PartnerView):
    """Edit (pk given) or create (no pk) a partner page: its main form and the formsets of
    its child rows. Saving makes a concept version (review.save_draft / review.create_page);
    the second button also sends it for review."""

    template_name = "partner/page_form.html"
    ADD_ROW = "nog_een_rij"
    SUBMIT = "indienen"

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
            self.shown = review.preview(self.page, self.working)
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
            if not re.fullmatch(re.escape(upload_to) + STORED_PHOTO, name):
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
            spec_child = next(c for c in self.kind.spec.children
                              if c.related_name == child.related_name)
            if data is None:
                formset = formset_class(
                    prefix=child.related_name,
                    initial=rows_as_initial(self.kind.model, spec_child, self.working),
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
                    + _("Uw nieuwe foto is bewaard; u hoeft hem niet opnieuw te kiezen.")
                )
        return form, formsets

    # -- requests ----------------------------------------------------------------------------

    def get(self, request, pk=None):
        self.setup_page(pk)
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
        data = snapshot_from(form.instance, self.links(form), self.child_rows(formsets),
                             spec=self.kind.spec)
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
        if self.SUBMIT in request.POST:
            try:
                review.submit(revision, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _(
                    "Opgeslagen en ter beoordeling gestuurd. Het programmabureau bekijkt uw "
                    "versie. Tot die tijd blijft de site zoals hij was."))
                return redirect("partner:dashboard")
        messages.success(request, _(
            "Opgeslagen als concept. Het staat nog niet op de site: stuur het ter beoordeling "
            "als het af is."))
        return redirect("partner:dashboard")

    def add_row(self, request):
        """"Nog een rij toevoegen" without JavaScript: the same form again, one empty row more
        in the chosen list, nothing saved and no errors shown yet."""
        data = request.POST.copy()
        wanted = request.POST.get(self.ADD_ROW)
        for child in self.kind.children:
            if child.related_name == wanted:
                key = f"{child.related_name}-TOTAL_FORMS"
                try:
                    total = int(data.get(key, "0"))
                except ValueError:
                    total = 0
                data[key] = str(min(max(total, 0) + 1, 200))
        form, formsets = self.build_forms(data, request.FILES)
        for bound in [form, *[row for formset in formsets for row in formset.forms]]:
            bound._errors = forms.utils.ErrorDict()
            bound.cleaned_data = {}
        for formset in formsets:
            formset._errors = []
            formset._non_form_errors = forms.utils.ErrorList()
        return self.render_page(form, formsets, token=request.POST.get("version_token", ""))

    # -- saving ------------------------------------------------------------------------------

    def current_token(self):
        if self.page is None:
            return ""
        page = type(self.page).objects.get(pk=self.page.pk)
        return review.version_token(page)

    def store_new_photos(self, form):
        """Write a newly uploaded (checked and re-encoded) photo to storage, so the snapshot
        holds its stored name. Also done when the form has errors elsewhere: then the name
        travels along in the form (see keep_pending_photos)."""
        cleaned = getattr(form, "cleaned_data", {})
        for image_field in self.kind.image_fields():
            value = cleaned.get(image_field.name)
            if isinstance(value, File) and not isinstance(value, FieldFile):
                name = image_field.generate_filename(form.instance, value.name)
                name = image_field.storage.save(name, value,
                                                max_length=image_field.max_length)
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
        return review.page_state(self.page, review.latest_revision(self.page))


class PagePreviewView(PartnerView):
    """The working version of a page in the public page's template, with a banner."""

    def get(self, request, pk):
        page = self.get_page(pk)
        shown = review.preview(page, review.working_data(page))
        context = self.kind.preview_context(request, shown, page)
        context.update({
            "preview": True,
            "partner_page": page,
            "partner_kind": self.kind,
            "partner_state": review.page_state(page, review.latest_revision(page)),
            "partner_edit_url": self.kind.url("edit", page),
        })
        return render(request, self.kind.preview_template, context)


class PageSubmitView(PartnerView):
    """Send the newest concept of a page for review (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        page = self.get_page(pk)
        latest = review.latest_revision(page)
        if latest is None or latest.state != Revision.State.DRAFT:
            messages.info(request, _(
                "Er is geen concept om te versturen. Pas de pagina eerst aan."))
            return redirect("partner:dashboard")
        try:
            review.submit(latest, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _(
                "„%(title)s” is ter beoordeling gestuurd. U krijgt een e-mail als het "
                "programmabureau heeft besloten.") % {"title": page})
        return redirect("partner:dashboard")
