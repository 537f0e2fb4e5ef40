"""The opportunity as a partner page (zuidwest.partner): its form and texts; registered in
WorkConfig.ready()."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zuidwest.partner.kinds import PageKind

from ..models import CLOSING_SOON_DAYS, Opportunity
from .forms import OpportunityForm


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
