"""What may be reviewed: one ReviewSpec per model, registered by its app in AppConfig.ready().

A spec names the fields, many-to-many links and child rows a version holds, who owns the page
(the foreign key set to the organisation that creates it), and how to show a version: the
public template and a preview hook that gives it the context the public view would, computed
from the version itself (not from rows stored for the published page).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.http import HttpRequest

from zuidwest.registry import Registry


@dataclass(frozen=True)
class ChildSpec:
    """Rows that belong to the page, edited together with it (a reverse foreign key)."""

    related_name: str
    fields: tuple[str, ...]


type PreviewContext = Callable[[HttpRequest, models.Model, models.Model], dict]


@dataclass(frozen=True)
class ReviewSpec:
    model: type[models.Model]
    fields: tuple[str, ...]
    owner_field: str  # the organisation that owns the page (set when a partner creates it)
    public_template: str  # the template of the public page
    preview_context: PreviewContext  # (request, shown version, stored page) -> context
    m2m: tuple[str, ...] = ()
    children: tuple[ChildSpec, ...] = field(default_factory=tuple)

    def child_model(self, child):
        return self.model._meta.get_field(child.related_name).related_model

    def parent_link(self, child):
        """The foreign key on the child model that points at the page."""
        return self.model._meta.get_field(child.related_name).field

    def child(self, related_name):
        return next(child for child in self.children if child.related_name == related_name)

    def image_fields(self):
        return [f for f in self.model._meta.get_fields()
                if isinstance(f, models.ImageField) and f.name in self.fields]


specs: Registry[type[models.Model], ReviewSpec] = Registry("review specs", lambda s: s.model)


def register(spec: ReviewSpec) -> ReviewSpec:
    return specs.register(spec)


def spec_for(model_or_instance) -> ReviewSpec:
    model = model_or_instance if isinstance(model_or_instance, type) else type(model_or_instance)
    return specs.get(model._meta.concrete_model)


def reviewed_models() -> list[type[models.Model]]:
    return [spec.model for spec in specs]
