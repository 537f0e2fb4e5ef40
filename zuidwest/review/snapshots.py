"""Snapshots: a reviewed page as plain JSON, and back.

A snapshot holds the fields, many-to-many links and child rows its ReviewSpec names:
{"fields": {name: value}, "m2m": {name: [pks]}, "children": {related_name: [{name: value}]}}.
Values are JSON-friendly: a foreign key as its pk, a file as its stored name, a decimal with its
field's decimal places, dates and times as ISO strings. Child rows are in the child model's own
order, so the same page always gives the same snapshot.
"""

import copy
from decimal import Decimal

from django.db import models, transaction

from zuidwest.ui.text import plain_text

from .specs import spec_for

# A snapshot with nothing in it: comparing a version against it lists all of its content.
EMPTY_SNAPSHOT = {"fields": {}, "m2m": {}, "children": {}}


def dump(model_field, instance):
    value = model_field.value_from_object(instance)  # a foreign key gives its pk
    if value is None:
        return None
    if isinstance(model_field, models.FileField):
        return value.name or ""
    if isinstance(model_field, models.DecimalField) and isinstance(value, Decimal):
        # "5" typed in a form and "5.00" read from the database are the same amount.
        return str(value.quantize(Decimal(1).scaleb(-model_field.decimal_places)))
    if isinstance(value, str):
        # A text stored before the forms normalised it compares equal to the same text now.
        return plain_text(value)
    if isinstance(value, bool | int):
        return value
    return str(value)  # date and time as their canonical strings


def load(model_field, raw):
    if raw is None:
        return None
    if isinstance(model_field, models.FileField):
        return raw
    return model_field.to_python(raw)


def _sort_key(value):
    # Empty values last; a value is only ever compared with one of its own kind.
    return (value is None, 0 if value is None else value)


def _ordered(model, rows):
    """Rows in the model's own order (Meta.ordering), sorted here rather than by the database
    so a page read back and the same page from a form compare equal."""
    rows = list(rows)
    for key in reversed(model._meta.ordering or []):
        name = key.lstrip("-")
        rows.sort(key=lambda row, name=name: _sort_key(row.get(name)),
                  reverse=key.startswith("-"))
    return rows


def snapshot(instance, *, links=None, rows=None):
    """The snapshot of a page. Its links and child rows are read from the database, unless
    given: `links` {name: [objects or pks]} and `rows` {related_name: [unsaved instances]}, as a
    form holds them before anything is saved."""
    spec = spec_for(instance)
    stored = instance.pk is not None
    if links is None:
        links = {name: getattr(instance, name).values_list("pk", flat=True) if stored else []
                 for name in spec.m2m}
    if rows is None:
        rows = {child.related_name: getattr(instance, child.related_name).all() if stored
                else [] for child in spec.children}
    meta = instance._meta
    data = {
        "fields": {name: dump(meta.get_field(name), instance) for name in spec.fields},
        "m2m": {name: sorted(getattr(item, "pk", item) for item in links.get(name, []))
                for name in spec.m2m},
        "children": {},
    }
    for child in spec.children:
        child_model = spec.child_model(child)
        data["children"][child.related_name] = _ordered(child_model, (
            {name: dump(child_model._meta.get_field(name), row) for name in child.fields}
            for row in rows.get(child.related_name, [])
        ))
    return data


def set_fields(instance, fields):
    meta = instance._meta
    for name, raw in fields.items():
        model_field = meta.get_field(name)
        setattr(instance, model_field.attname, load(model_field, raw))


def child_instances(parent, child, rows):
    spec = spec_for(parent)
    model = spec.child_model(child)
    link = spec.parent_link(child)
    instances = []
    for row in rows:
        instance = model(**{link.name: parent})
        set_fields(instance, row)
        instances.append(instance)
    return instances


def child_initial(spec, child, data):
    """A snapshot's child rows as initial values for a formset."""
    child_meta = spec.child_model(child)._meta
    return [{name: load(child_meta.get_field(name), raw) for name, raw in row.items()}
            for row in data["children"].get(child.related_name, [])]


@transaction.atomic
def apply(instance, data, *, publish=True):
    """Write a snapshot to the page's row, its links and its child rows."""
    spec = spec_for(instance)
    set_fields(instance, data["fields"])
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
        for row in child_instances(instance, child, data["children"].get(child.related_name, [])):
            row.full_clean(exclude=[spec.parent_link(child).name])
            row.save()
    return instance


def as_shown(page, data):
    """An unsaved copy of the page showing `data`, usable by the public templates: links and
    child rows are served from the prefetch cache, so `.all()` in a template returns them."""
    spec = spec_for(page)
    shown = copy.copy(page)
    shown._state = copy.copy(page._state)
    shown._state.fields_cache = {}
    set_fields(shown, data["fields"])
    cache = {}
    for name in spec.m2m:
        related = page._meta.get_field(name).related_model
        pks = data["m2m"].get(name, [])
        cache[name] = list(related.objects.filter(pk__in=pks)) if pks else []
    for child in spec.children:
        cache[child.related_name] = child_instances(
            shown, child, data["children"].get(child.related_name, [])
        )
    shown._prefetched_objects_cache = cache
    return shown
