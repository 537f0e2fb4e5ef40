"""The initiative as a partner page (zuidwest.partner): its form, child rows and texts;
registered in InitiativesConfig.ready()."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zuidwest.partner.kinds import ChildRows, PageKind

from .models import Initiative, Opportunity
from .models.opportunities import CLOSING_SOON_DAYS
from .partner_forms import (
    InitiativeForm,
    MilestoneForm,
    OpportunityForm,
    OutputForm,
    UpdateForm,
)

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

def opportunity_attention(opportunity):
    """A published opportunity that closes within a week: extend it, or let it close."""
    if not opportunity.is_published:
        return ""
    left = opportunity.closes_within(CLOSING_SOON_DAYS)
    if left is None:
        return ""
    date = date_format(opportunity.closes_on, "j F")
    if left == 0:
        return _("Sluit vandaag (%(date)s).") % {"date": date}
    return ngettext("Sluit over %(days)d dag (%(date)s).", "Sluit over %(days)d dagen (%(date)s).",
                    left) % {"days": left, "date": date}


OPPORTUNITY = PageKind(
    model=Opportunity,
    form_class=OpportunityForm,
    url_name="opportunity",
    url_path="kansen",
    title_field="title",
    label=_("kans"),
    create_title=_("Nieuwe kans"),
    edit_title=_("Kans bewerken"),
    dashboard_heading=_("Kansen op werk en leren"),
    dashboard_empty_text=_("Je organisatie heeft nog geen kansen op werk of leren op de site."),
    attention=opportunity_attention,
)
