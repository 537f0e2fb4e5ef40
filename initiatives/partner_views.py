"""Partners edit, preview and submit their initiative pages (under /partner/initiatieven/)."""

from django.utils.translation import gettext_lazy as _

from zuidwest.partner_editing import (
    ChildRows,
    PageFormView,
    PageKind,
    PagePreviewView,
    PageSubmitView,
    editable_initiatives,
)

from .models import Allocation, Initiative
from .partner_forms import InitiativeForm, MilestoneForm, UpdateForm


def preview_context(request, shown, page):
    """What InitiativeDetailView gives its template, for the partner's version."""
    cache = shown._prefetched_objects_cache
    cache["partner_organisations"] = sorted(cache.get("partner_organisations", []),
                                            key=lambda organisation: organisation.name)
    allocations = list(
        Allocation.objects.filter(initiative=page).select_related("source")
    )
    cache["allocations"] = allocations
    return {
        "initiative": shown,
        "object": shown,
        "allocated_total": sum(allocation.amount for allocation in allocations),
    }


INITIATIVE = PageKind(
    model=Initiative,
    form_class=InitiativeForm,
    owner_field="lead_organisation",
    title_field="title",
    url_name="initiative",
    label=_("initiatief"),
    editable=editable_initiatives,
    preview_template="partner/preview_initiative.html",
    preview_context=preview_context,
    children=(
        ChildRows("milestones", MilestoneForm, _("Mijlpalen"), _("Mijlpaal %(number)s"),
                  intro=_("Belangrijke momenten: wat wilt u bereiken, en wanneer?"),
                  add_label=_("Nog een mijlpaal toevoegen")),
        ChildRows("updates", UpdateForm, _("Nieuws"), _("Nieuwsbericht %(number)s"),
                  intro=_("Korte berichten over hoe het gaat. Het nieuwste staat bovenaan."),
                  add_label=_("Nog een nieuwsbericht toevoegen")),
    ),
    create_title=_("Nieuw initiatief"),
    edit_title=_("Initiatief bewerken"),
)


class InitiativeEditView(PageFormView):
    kind = INITIATIVE


class InitiativePreviewView(PagePreviewView):
    kind = INITIATIVE


class InitiativeSubmitView(PageSubmitView):
    kind = INITIATIVE
