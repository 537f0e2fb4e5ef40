"""The initiative as a partner page (zuidwest.partner): its form, child rows and texts;
registered in InitiativesConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from progress.public import OutputForm
from zuidwest.partner.kinds import ChildRows, PageKind

from ..models import Initiative
from .forms import InitiativeForm, MilestoneForm, UpdateForm

INITIATIVE = PageKind(
    model=Initiative,
    form_class=InitiativeForm,
    url_name="initiative",
    url_path="initiatieven",
    title_field="title",
    label=_("initiatief"),
    dashboard_heading=_("Initiatieven"),
    dashboard_empty_text=_("Je organisatie heeft nog geen initiatieven op de site."),
    children=(
        ChildRows("milestones", MilestoneForm, _("Mijlpalen"), _("Mijlpaal %(number)s"),
                  intro=_("Belangrijke momenten: wat wil je bereiken, en wanneer?"),
                  add_label=_("Nog een mijlpaal toevoegen")),
        ChildRows("updates", UpdateForm, _("Nieuws"), _("Nieuwsbericht %(number)s"),
                  intro=_("Korte berichten over hoe het gaat. Het nieuwste staat bovenaan."),
                  add_label=_("Nog een nieuwsbericht toevoegen")),
        ChildRows("outputs", OutputForm, _("Resultaten"), _("Resultaat %(number)s"),
                  intro=_("Wat je per jaar van plan was en wat je hebt gehaald: deelnemers, "
                          "bijeenkomsten, mensen aan het werk, diploma's. Het programmabureau "
                          "controleert de cijfers voordat ze op de site staan."),
                  add_label=_("Nog een resultaat toevoegen"),
                  unique_fields=(("kind", "year"),)),
    ),
    create_title=_("Nieuw initiatief"),
    edit_title=_("Initiatief bewerken"),
)
