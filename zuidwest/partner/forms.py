"""Form building blocks of the partner pages: fields with native date and time inputs, the
base of a page form (grouped in fieldsets, with an organisation choice when creating for one of
several), the formsets of child rows (opening hours, milestones, ...) and the collapsible
sections the page form is shown in."""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.forms import formset_factory
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from zuidwest.images.fields import SafeImageField
from zuidwest.ui import widgets
from zuidwest.ui.forms import PlainRequiredMessages
from zuidwest.ui.text import plain_text

from .accounts import organisations_of

# More rows than anyone keeps on one page; a tampered *-TOTAL_FORMS is refused beyond it.
MAX_ROWS = 100


class LenientDecimalField(forms.DecimalField):
    """Accepts "2,50" as well as "2.50": people in the Netherlands write a decimal comma.
    (Django's localized input would read "52.0401" as fifty-two million, so not that.)"""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class PlainTextField(forms.CharField):
    """Text stored as zuidwest.ui.text.plain_text says: "\n" line endings, no trailing
    spaces, so posting a page unchanged changes nothing."""

    def to_python(self, value):
        value = super().to_python(value)
        return plain_text(value) if isinstance(value, str) else value


def partner_formfield(model_field, **kwargs):
    """Form fields for the partner forms: native date and time inputs, checkboxes for
    many-to-many links, the safe upload field for photos, plain text for every text field."""
    if type(model_field) in (models.CharField, models.TextField) and not model_field.choices:
        kwargs.setdefault("form_class", PlainTextField)
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
    elif isinstance(model_field, models.ForeignKey) and not model_field.choices:
        kwargs.setdefault("widget", widgets.Select)  # a place of an activity: hundreds of options
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


class PartnerRowForm(PlainRequiredMessages, forms.ModelForm):
    """Base of the form of one child row (an opening time, a milestone, ...)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_blank_choices(self)


class PartnerPageForm(PlainRequiredMessages, forms.ModelForm):
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
    """The child rows of a page (opening hours, milestones, ...). `unique_fields` names what
    may occur only once: a field name (a cancelled date) or a tuple of names (a kind of result
    per year), as the model's unique constraints say."""

    unique_fields = ()
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        # Also what a tampered *-TOTAL_FORMS gets: at most MAX_ROWS rows are ever built.
        "too_many_forms": gettext_lazy("Hier passen hoogstens %(num)d rijen. Haal er een paar "
                                       "weg en sla opnieuw op."),
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Deze rij weghalen")
            form.fields["DELETE"].help_text = _(
                "Vink aan en sla op. Een rij helemaal leeg maken kan ook.")

    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            for unique in self.unique_fields:
                names = (unique,) if isinstance(unique, str) else tuple(unique)
                values = tuple(form.cleaned_data.get(name) for name in names)
                if any(value is None for value in values):
                    continue
                if (names, values) in seen:
                    form.add_error(names[-1],
                                   _("Deze staat er al in. Vul hem maar één keer in."))
                seen.add((names, values))


def child_formset(form_class, unique_fields=()):
    return formset_factory(
        form_class,
        formset=type("RowFormSet", (ChildRowFormSet,), {"unique_fields": unique_fields}),
        extra=1,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )


def unique_slug(model, text, fallback="pagina"):
    """A slug from `text` that no row of `model` has yet: "buurtkamer", "buurtkamer-2", ..."""
    max_length = model._meta.get_field("slug").max_length
    base = (slugify(text) or fallback)[: max_length - 6].strip("-") or fallback
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@dataclass
class FormSection:
    """One collapsible section of a partner page form (a <details> in partner/page_form.html):
    a group of the main form's fields, or a list of child rows."""

    anchor: str  # the id of the section, for the "Op deze pagina" links
    title: str
    fields: tuple = ()  # bound fields of the main form
    formset: forms.BaseFormSet | None = None

    @property
    def invalid(self):
        if self.formset is not None:
            return self.formset.is_bound and self.formset.total_error_count() > 0
        return any(bound.errors for bound in self.fields)

    @property
    def row_count(self):
        """The rows in the list that hold something (not the empty one, not those being
        removed); None for a group of fields."""
        formset = self.formset
        if formset is None:
            return None
        if not formset.is_bound:
            return formset.initial_form_count()
        return sum(1 for row in formset.forms if row.has_changed()
                   and not (formset.can_delete and formset._should_delete_form(row)))

    @property
    def row_status(self):
        """What a collapsed list of rows says about itself: "3 rijen"."""
        count = self.row_count
        if count is None:
            return ""
        if count == 0:
            return _("nog leeg")
        return ngettext("%(count)d rij", "%(count)d rijen", count) % {"count": count}


def form_sections(form, formsets):
    """The sections of a partner page form: each fieldset group of `form.grouped_fields()`,
    then each list of child rows (whose id, "lijst-<prefix>", the add-row button returns to)."""
    sections, anchors = [], set()
    for legend, fields in form.grouped_fields():
        anchor = base = f"onderdeel-{slugify(str(legend)) or len(sections) + 1}"
        number = 1
        while anchor in anchors:
            number += 1
            anchor = f"{base}-{number}"
        anchors.add(anchor)
        sections.append(FormSection(anchor, legend, fields=tuple(fields)))
    for formset in formsets:
        sections.append(FormSection(f"lijst-{formset.prefix}", formset.child.title,
                                    formset=formset))
    return sections
