"""The kinds of page partners keep up to date, registered by the domain apps in
AppConfig.ready(). Each registered kind gets its routes under /partner/ (see urls.py), its table
on the dashboard and its create button, with no edit to the partner area itself.

A kind's model must have a ReviewSpec (zuidwest.review.specs) and a queryset method
`owned_by(organisations)`: the one rule of which organisations own which pages.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.forms import BaseForm
from django.urls import reverse

from zuidwest.registry import Registry
from zuidwest.review import ReviewSpec, spec_for

from .accounts import organisations_of


@dataclass(frozen=True)
class ChildRows:
    """A formset for one kind of child row on the edit page."""

    related_name: str
    form_class: type[BaseForm]
    title: str
    row_legend: str  # "Openingstijd %(number)s"
    intro: str = ""
    add_label: str = ""
    unique_fields: tuple[str | tuple[str, ...], ...] = ()  # see ChildRowFormSet


@dataclass(frozen=True)
class PageKind:
    model: type[models.Model]
    form_class: type[BaseForm]
    url_name: str  # "initiative" -> partner:initiative_edit, ...
    url_path: str  # "initiatieven" -> /partner/initiatieven/<pk>/bewerken/
    title_field: str  # the slug of a new page is made from it
    label: str  # "initiatief"
    create_title: str  # "Nieuw initiatief"
    edit_title: str  # "Initiatief bewerken"
    dashboard_heading: str  # "Initiatieven"
    dashboard_empty_text: str  # "Je organisatie heeft nog geen initiatieven op de site."
    children: tuple[ChildRows, ...] = field(default_factory=tuple)
    # What needs the partner's attention about a page ("Sluit over 3 dagen"), or "".
    attention: Callable[[models.Model], str] | None = None

    @property
    def spec(self) -> ReviewSpec:
        return spec_for(self.model)

    @property
    def owner_field(self) -> str:
        return self.spec.owner_field

    def url(self, action, page=None):
        kwargs = {"pk": page.pk} if page is not None else {}
        return reverse(f"partner:{self.url_name}_{action}", kwargs=kwargs)

    def editable(self, user):
        """The pages of this kind the user may edit: those of the user's organisations."""
        return self.model.objects.owned_by(organisations_of(user))

    def image_fields(self):
        return self.spec.image_fields()


page_kinds: Registry[type[models.Model], PageKind] = Registry(
    "partner page kinds", lambda kind: kind.model)


def register(kind: PageKind) -> PageKind:
    if not hasattr(kind.model.objects, "owned_by"):
        raise TypeError(f"{kind.model.__name__}.objects needs an owned_by(organisations).")
    spec_for(kind.model)  # a partner page is a reviewed page: refuse one without a spec
    return page_kinds.register(kind)
