"""Places and activities as partner pages (zuidwest.partner): their forms, child rows and
texts; registered in LocationsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from zuidwest.partner.kinds import ChildRows, PageKind

from ..models import Activity, Place
from .forms import (
    ActivityForm,
    CancellationForm,
    OpeningHoursForm,
    PlaceForm,
    SpecialHoursForm,
)

PLACE = PageKind(
    model=Place,
    form_class=PlaceForm,
    url_name="place",
    url_path="plekken",
    title_field="name",
    label=_("plek"),
    dashboard_heading=_("Plekken"),
    dashboard_empty_text=_("Je organisatie beheert nog geen plekken op de site."),
    children=(
        ChildRows("opening_hours", OpeningHoursForm, _("Openingstijden"),
                  _("Openingstijd %(number)s"),
                  intro=_("Eén rij per dag. Twee keer open op een dag, bijvoorbeeld 's "
                          "ochtends en 's avonds? Maak dan twee rijen voor die dag."),
                  add_label=_("Nog een openingstijd toevoegen")),
        ChildRows("special_hours", SpecialHoursForm, _("Sluitingen en andere tijden"),
                  _("Sluiting of andere tijd %(number)s"),
                  intro=_("Bijvoorbeeld feestdagen, de zomersluiting of een extra avond. "
                          "Deze tijden gaan op die dagen voor de gewone openingstijden."),
                  add_label=_("Nog een sluiting of andere tijd toevoegen")),
    ),
    create_title=_("Nieuwe plek"),
    edit_title=_("Plek bewerken"),
)

ACTIVITY = PageKind(
    model=Activity,
    form_class=ActivityForm,
    url_name="activity",
    url_path="activiteiten",
    title_field="title",
    label=_("activiteit"),
    dashboard_heading=_("Activiteiten"),
    dashboard_empty_text=_("Je organisatie organiseert nog geen activiteiten op de site."),
    children=(
        ChildRows("cancellations", CancellationForm, _("Vervallen datums"),
                  _("Vervallen datum %(number)s"),
                  intro=_("Gaat de activiteit een keer niet door? Vul de datum in. In de "
                          "agenda staat dan 'Vervalt'."),
                  add_label=_("Nog een vervallen datum toevoegen"),
                  unique_fields=("date",)),
    ),
    create_title=_("Nieuwe activiteit"),
    edit_title=_("Activiteit bewerken"),
)
