"""The review workflow for partner pages (initiatives, places, activities).

A page's own database row holds what the public sees. Every change a partner makes is saved
as a Revision: a snapshot of the page's fields, many-to-many links and child rows (opening
hours, milestones, cancelled dates, ...). A revision goes concept -> ter beoordeling ->
goedgekeurd (its snapshot is then written to the row and the page is published) or afgewezen
(with a reason). Approved revisions are the page's history; staff can restore one.

Each editable model registers a ReviewSpec (see initiatives/review.py, locations/review.py)
naming what partners may change.
"""

import copy
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _

from .models import Revision

# ---------------------------------------------------------------------------------------------
# What may be edited: one spec per model
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildSpec:
    """Rows that belong to the page, edited together with it (reverse foreign key)."""

    related_name: str
    fields: tuple


@dataclass(frozen=True)
class ReviewSpec:
    model: type
    fields: tuple
    m2m: tuple = ()
    children: tuple = field(default_factory=tuple)


_SPECS = {}


def register(spec):
    _SPECS[spec.model] = spec


def spec_for(model_or_instance):
    model = model_or_instance if isinstance(model_or_instance, type) else type(model_or_instance)
    return _SPECS[model._meta.concrete_model]


def reviewed_models():
    return list(_SPECS)


# ---------------------------------------------------------------------------------------------
# Snapshots: a page as plain JSON, and back
# ---------------------------------------------------------------------------------------------


def _dump(model_field, instance):
    value = model_field.value_from_object(instance)  # a foreign key gives its pk
    if value is None:
        return None
    if isinstance(model_field, models.FileField):
        return value.name or ""
    if isinstance(value, bool | int | str):
        return value
    return str(value)  # Decimal, date and time as their canonical strings


def _load(model_field, raw):
    if raw is None:
        return None
    if isinstance(model_field, models.FileField):
        return raw
    return model_field.to_python(raw)


def _child_model(model, child):
    return model._meta.get_field(child.related_name).related_model


def _parent_link(model, child):
    """The foreign key on the child model that points at the page."""
    return model._meta.get_field(child.related_name).field


def snapshot(instance, spec=None):
    """The page as it is stored now (its published version)."""
    spec = spec or spec_for(instance)
    meta = instance._meta
    data = {
        "fields": {name: _dump(meta.get_field(name), instance) for name in spec.fields},
        "m2m": {},
        "children": {},
    }
    if instance.pk:
        for name in spec.m2m:
            data["m2m"][name] = sorted(getattr(instance, name).values_list("pk", flat=True))
        for child in spec.children:
            child_meta = _child_model(type(instance), child)._meta
            data["children"][child.related_name] = [
                {name: _dump(child_meta.get_field(name), row) for name in child.fields}
                for row in getattr(instance, child.related_name).all()
            ]
    else:
        data["m2m"] = {name: [] for name in spec.m2m}
        data["children"] = {child.related_name: [] for child in spec.children}
    return data


def _set_fields(instance, fields):
    meta = instance._meta
    for name, raw in fields.items():
        model_field = meta.get_field(name)
        setattr(instance, model_field.attname, _load(model_field, raw))


def _child_instances(parent, child, rows):
    model = _child_model(type(parent), child)
    link = _parent_link(type(parent), child)
    instances = []
    for row in rows:
        instance = model(**{link.name: parent})
        _set_fields(instance, row)
        instances.append(instance)
    return instances


@transaction.atomic
def apply(instance, data, *, publish=True):
    """Write a snapshot to the page's row, its links and its child rows."""
    spec = spec_for(instance)
    _set_fields(instance, data["fields"])
    if publish:
        instance.is_published = True
    instance.full_clean()
    instance.save()
    for name in spec.m2m:
        getattr(instance, name).set(data["m2m"].get(name, []))
    for child in spec.children:
        getattr(instance, child.related_name).all().delete()
        # One save per row rather than bulk_create: child rows may have signals (an
        # activity's cancelled dates refresh its stored occurrences).
        for row in _child_instances(instance, child, data["children"].get(child.related_name, [])):
            row.full_clean(exclude=[_parent_link(type(instance), child).name])
            row.save()
    return instance


def preview(instance, data):
    """An unsaved copy of the page showing `data`, usable by the public templates: links and
    child rows are served from the prefetch cache, so `.all()` in a template returns them."""
    spec = spec_for(instance)
    shown = copy.copy(instance)
    shown._state = copy.copy(instance._state)
    shown._state.fields_cache = {}
    _set_fields(shown, data["fields"])
    cache = {}
    for name in spec.m2m:
        related = instance._meta.get_field(name).related_model
        pks = data["m2m"].get(name, [])
        cache[name] = list(related.objects.filter(pk__in=pks)) if pks else []
    for child in spec.children:
        cache[child.related_name] = _child_instances(
            shown, child, data["children"].get(child.related_name, [])
        )
    shown._prefetched_objects_cache = cache
    return shown


# ---------------------------------------------------------------------------------------------
# Field-by-field comparison
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _display(model_field, raw):
    if raw in (None, ""):
        return "–"
    value = _load(model_field, raw)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        target = model_field.related_model.objects.filter(pk=value).first()
        return str(target) if target else "–"
    if isinstance(model_field, models.BooleanField):
        return _("ja") if value else _("nee")
    return str(localize(value))


def _child_lines(model, child, rows):
    child_meta = _child_model(model, child)._meta

    def line(row):
        parts = []
        for name, raw in row.items():
            if raw not in (None, ""):
                child_field = child_meta.get_field(name)
                parts.append(f"{child_field.verbose_name}: {_display(child_field, raw)}")
        return ", ".join(parts)

    return [line(row) for row in rows]


def compare(model, before, after):
    """The differences between two snapshots, as labelled, readable values."""
    spec = spec_for(model)
    meta = model._meta
    changes = []
    for name in spec.fields:
        old, new = before["fields"].get(name), after["fields"].get(name)
        if old != new:
            model_field = meta.get_field(name)
            changes.append(Change(str(model_field.verbose_name),
                                  _display(model_field, old), _display(model_field, new)))
    for name in spec.m2m:
        old, new = sorted(before["m2m"].get(name, [])), sorted(after["m2m"].get(name, []))
        if old != new:
            related = meta.get_field(name).related_model
            names = {obj.pk: str(obj) for obj in related.objects.filter(pk__in={*old, *new})}
            changes.append(Change(
                str(meta.get_field(name).verbose_name),
                ", ".join(sorted(names.get(pk, "?") for pk in old)) or "–",
                ", ".join(sorted(names.get(pk, "?") for pk in new)) or "–",
            ))
    for child in spec.children:
        old = before["children"].get(child.related_name, [])
        new = after["children"].get(child.related_name, [])
        if old != new:
            label = _child_model(model, child)._meta.verbose_name_plural
            changes.append(Change(str(label),
                                  "\n".join(_child_lines(model, child, old)) or "–",
                                  "\n".join(_child_lines(model, child, new)) or "–"))
    return changes


# ---------------------------------------------------------------------------------------------
# The workflow
# ---------------------------------------------------------------------------------------------


class EditConflict(Exception):
    """Someone else saved the page after this person opened it."""

    def __init__(self, current_data, changes):
        super().__init__("edit conflict")
        self.current_data = current_data
        self.changes = changes


class ReviewError(ValidationError):
    pass


def revisions_of(instance):
    return Revision.objects.for_object(instance)


def latest_revision(instance):
    if not instance.pk:
        return None
    return revisions_of(instance).select_related("created_by", "decided_by").first()


def working_data(instance):
    """What the editor starts from: the latest version, approved or not."""
    latest = latest_revision(instance)
    return latest.data if latest else snapshot(instance)


def version_token(instance):
    """Changes whenever the page or its versions change; the edit form carries it along."""
    latest = latest_revision(instance)
    stamp = int(instance.updated_at.timestamp() * 1_000_000) if instance.updated_at else 0
    return f"{latest.pk if latest else 0}-{stamp}"


def _locked(instance):
    return type(instance).objects.select_for_update().get(pk=instance.pk)


@transaction.atomic
def save_draft(instance, data, *, user, token):
    """Save the partner's version as a concept. Refused with EditConflict when the page was
    saved by someone else since `token` was handed out."""
    instance = _locked(instance)
    if token != version_token(instance):
        current = working_data(instance)
        raise EditConflict(current, compare(type(instance), data, current))
    latest = latest_revision(instance)
    # Editing a version that waits for review takes it back: staff review the newest one.
    revisions_of(instance).filter(state=Revision.State.SUBMITTED).update(
        state=Revision.State.DRAFT)
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        data=data,
        based_on=latest,
        created_by=user,
    )


@transaction.atomic
def create_page(model, data, *, user, **owner_fields):
    """A new page: its row is made unpublished and its first version saved as a concept."""
    instance = model(is_published=False, **owner_fields)
    apply(instance, data, publish=False)
    revision = Revision.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        data=data,
        created_by=user,
    )
    return instance, revision


def _check_latest(revision, instance, states):
    latest = latest_revision(instance)
    if latest is None or latest.pk != revision.pk:
        raise ReviewError(_("Er is intussen een nieuwere versie van deze pagina."))
    if revision.state not in states:
        raise ReviewError(_("Deze versie is al %(state)s.") % {
            "state": revision.get_state_display()})


@transaction.atomic
def submit(revision, *, user):
    instance = _locked(revision.content_object)
    _check_latest(revision, instance, {Revision.State.DRAFT})
    revision.state = Revision.State.SUBMITTED
    revision.submitted_at = timezone.now()
    revision.save(update_fields=["state", "submitted_at"])
    _notify("submitted", revision)
    return revision


@transaction.atomic
def approve(revision, *, staff):
    """Publish the version: its snapshot becomes the page."""
    instance = _locked(revision.content_object)
    _check_latest(revision, instance, {Revision.State.SUBMITTED})
    apply(instance, revision.data)
    _decide(revision, Revision.State.APPROVED, staff)
    _notify("approved", revision)
    return revision


@transaction.atomic
def reject(revision, *, staff, reason):
    if not (reason or "").strip():
        raise ReviewError(_("Schrijf op waarom u deze versie afwijst; de partner leest het."))
    instance = _locked(revision.content_object)
    _check_latest(revision, instance, {Revision.State.SUBMITTED})
    _decide(revision, Revision.State.REJECTED, staff, reason.strip())
    _notify("rejected", revision)
    return revision


@transaction.atomic
def restore(revision, *, staff):
    """Put an earlier approved version back on the site, as a new approved version."""
    if revision.state != Revision.State.APPROVED:
        raise ReviewError(_("Alleen een goedgekeurde versie kan worden teruggezet."))
    instance = _locked(revision.content_object)
    _close_waiting_versions(instance, staff)
    apply(instance, revision.data)
    restored = Revision.objects.create(
        content_type=revision.content_type,
        object_id=revision.object_id,
        data=revision.data,
        based_on=latest_revision(instance),
        restored_from=revision,
        created_by=staff,
        decision_reason=_("Teruggezet naar de versie van %(date)s.") % {
            "date": localize(timezone.localtime(revision.created_at))},
    )
    _decide(restored, Revision.State.APPROVED, staff, restored.decision_reason)
    return restored


def _close_waiting_versions(instance, staff):
    """Staff changed the page directly: a partner version waiting for review is based on the
    old page and can no longer be approved as it is. Tell the partner rather than leave it
    waiting for ever."""
    for waiting in revisions_of(instance).filter(state=Revision.State.SUBMITTED):
        _decide(waiting, Revision.State.REJECTED, staff, _(
            "Het programmabureau heeft de pagina intussen zelf aangepast. Bekijk de pagina en "
            "stuur uw wijziging opnieuw."))
        _notify("rejected", waiting)


@transaction.atomic
def record_staff_change(instance, *, staff):
    """A change staff made directly in the admin, kept in the history like any other."""
    _close_waiting_versions(instance, staff)
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        data=snapshot(instance),
        based_on=latest_revision(instance),
        created_by=staff,
        state=Revision.State.APPROVED,
        decided_by=staff,
        decided_at=timezone.now(),
        decision_reason=_("Gewijzigd in het beheer."),
    )


def _decide(revision, state, staff, reason=""):
    revision.state = state
    revision.decided_by = staff
    revision.decided_at = timezone.now()
    revision.decision_reason = reason
    revision.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])


def _notify(event, revision):
    from . import notifications

    transaction.on_commit(lambda: notifications.send(event, revision))


# ---------------------------------------------------------------------------------------------
# The state a partner sees
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageState:
    key: str  # fixed, for styling: published, draft, submitted, rejected
    label: str
    next_step: str
    reason: str = ""


def page_state(instance, latest):
    """'concept', 'ter beoordeling', 'gepubliceerd' or 'afgewezen', and what to do next."""
    published = instance.is_published
    if latest is None or latest.state == Revision.State.APPROVED:
        if published:
            return PageState("published", _("gepubliceerd"),
                             _("Staat op de site. U kunt hem aanpassen."))
        return PageState("draft", _("concept"),
                         _("Maak de pagina af en stuur hem ter beoordeling."))
    if latest.state == Revision.State.DRAFT:
        label = _("gepubliceerd, wijziging in concept") if published else _("concept")
        return PageState("draft", label, _("Stuur uw wijziging ter beoordeling."))
    if latest.state == Revision.State.SUBMITTED:
        label = _("gepubliceerd, wijziging ter beoordeling") if published else _(
            "ter beoordeling")
        return PageState("submitted", label,
                         _("Wacht op de beoordeling door het programmabureau."))
    return PageState("rejected", _("afgewezen"), _("Pas de pagina aan en stuur hem opnieuw."),
                     latest.decision_reason)
