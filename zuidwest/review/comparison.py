"""Field-by-field comparison of two snapshots, as labelled, readable values."""

from dataclasses import dataclass

from django.db import models
from django.utils.formats import localize
from django.utils.translation import gettext as _

from .snapshots import EMPTY_SNAPSHOT, load, snapshot
from .specs import spec_for


@dataclass(frozen=True)
class Row:
    """One row of a child table (an opening-hours line, say), and whether it is new or
    changed (after) or gone or changed (before)."""

    text: str
    changed: bool


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    # Child tables: the rows of each side, the changed ones marked.
    before_rows: tuple[Row, ...] = ()
    after_rows: tuple[Row, ...] = ()
    # Image fields: the stored files' addresses, so reviewers see the photos, not paths.
    before_image: str = ""
    after_image: str = ""


def _image_url(model_field, raw):
    if not raw or not isinstance(model_field, models.FileField):
        return ""
    return model_field.storage.url(raw)


def _display(model_field, raw):
    if raw in (None, ""):
        return "–"
    value = load(model_field, raw)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        target = model_field.related_model.objects.filter(pk=value).first()
        return str(target) if target else "–"
    if isinstance(model_field, models.BooleanField):
        return _("ja") if value else _("nee")
    return str(localize(value))


def _child_lines(child_model, rows):
    child_meta = child_model._meta

    # The model's field order, not the row's key order: PostgreSQL's jsonb keeps no key order,
    # so the same row read from a stored version and from the page must read the same.
    position = {field.name: index for index, field in enumerate(child_meta.get_fields())
                if hasattr(field, "attname")}

    def line(row):
        parts = []
        for name in sorted(row, key=lambda name: position.get(name, 0)):
            raw = row[name]
            if raw not in (None, ""):
                child_field = child_meta.get_field(name)
                parts.append(f"{child_field.verbose_name}: {_display(child_field, raw)}")
        return ", ".join(parts)

    return [line(row) for row in rows]


def compare(model, before, after):
    """The differences between two snapshots of a page of `model`."""
    spec = spec_for(model)
    meta = model._meta
    changes = []
    for name in spec.fields:
        old, new = before["fields"].get(name), after["fields"].get(name)
        if old != new:
            model_field = meta.get_field(name)
            changes.append(Change(str(model_field.verbose_name),
                                  _display(model_field, old), _display(model_field, new),
                                  before_image=_image_url(model_field, old),
                                  after_image=_image_url(model_field, new)))
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
            child_model = spec.child_model(child)
            old_lines = _child_lines(child_model, old)
            new_lines = _child_lines(child_model, new)
            changes.append(Change(
                str(child_model._meta.verbose_name_plural),
                "\n".join(old_lines) or "–",
                "\n".join(new_lines) or "–",
                before_rows=tuple(Row(line, line not in new_lines) for line in old_lines),
                after_rows=tuple(Row(line, line not in old_lines) for line in new_lines),
            ))
    return changes


def proposed_changes(page, data):
    """What putting `data` on the site would change. For a page that is not on the site yet,
    everything it would show. Returns (changes, is_new)."""
    if not page.is_published:
        return compare(type(page), EMPTY_SNAPSHOT, data), True
    return compare(type(page), snapshot(page), data), False
