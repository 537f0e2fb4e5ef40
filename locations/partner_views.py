"""Partners edit, preview and submit their place and activity pages
(under /partner/plekken/ and /partner/activiteiten/)."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from zuidwest.partner_editing import (
    ChildRows,
    PageFormView,
    PageKind,
    PagePreviewView,
    PageSubmitView,
    editable_activities,
    editable_places,
)

from . import agenda
from .models import Activity, Occurrence, Place
from .opening_hours import PlaceHours
from .partner_forms import (
    ActivityForm,
    CancellationForm,
    OpeningHoursForm,
    PlaceForm,
    SpecialHoursForm,
)
from .views.places import ANNOUNCE_SPECIAL_HOURS_DAYS, PDOK_TILE_URL, UPCOMING_OCCURRENCES


def place_preview_context(request, shown, page):
    """What PlaceDetailView gives its template, for the partner's version. The rows come
    from the version (not the database) and are narrowed like the public view narrows them."""
    now = timezone.now()
    today = timezone.localdate(now)
    yesterday = today - timedelta(days=1)
    cache = shown._prefetched_objects_cache
    cache["opening_hours"] = [
        hours for hours in cache.get("opening_hours", [])
        if hours.valid_until is None or hours.valid_until >= yesterday
    ]
    cache["special_hours"] = [
        special for special in cache.get("special_hours", [])
        if special.end_date >= yesterday
        and special.start_date <= today + timedelta(days=ANNOUNCE_SPECIAL_HOURS_DAYS)
    ]
    cache["initiatives"] = list(Initiative.objects.published().filter(places=page))
    hours = PlaceHours(shown)
    week_end = today + timedelta(days=6)
    occurrences = list(
        Occurrence.objects.for_agenda()
        .filter(activity__place=page, ends_at__gte=now)[:UPCOMING_OCCURRENCES]
    )
    return {
        "place": shown,
        "object": shown,
        "today": today,
        "opening_status": hours.status(now),
        "hours_known": hours.known,
        "week": hours.week(today),
        "later_special_hours": [s for s in cache["special_hours"] if s.end_date > week_end],
        "occurrences": occurrences,
        "languages": [part.strip() for part in shown.languages.split(",") if part.strip()],
        "jsonld": "",
        "tile_url": PDOK_TILE_URL,
        "breadcrumbs": [(_("Plekken"), reverse("locations:place_list")), (shown.name, "")],
    }


def upcoming_dates(activity, now, limit=agenda.NEXT_OCCURRENCES):
    """The next dates of an unsaved version of an activity, worked out from its rule (the
    stored occurrences belong to the published version)."""
    today = timezone.localdate(now)
    cancelled = {c.date: c.reason for c in activity.cancellations.all()}
    upcoming = []
    last_day = today + timedelta(days=settings.OCCURRENCE_DAYS_AHEAD)
    for day in activity.dates_between(today - timedelta(days=1), last_day):
        starts_at, ends_at = activity.starts_and_ends_on(day)
        if ends_at <= now:
            continue
        upcoming.append(Occurrence(
            activity=activity, starts_at=starts_at, ends_at=ends_at,
            is_cancelled=day in cancelled, cancellation_reason=cancelled.get(day, ""),
        ))
        if len(upcoming) >= limit:
            break
    return upcoming


def activity_preview_context(request, shown, page):
    """What ActivityDetailView gives its template, for the partner's version."""
    upcoming = upcoming_dates(shown, timezone.now())
    next_held = next((o for o in upcoming if not o.is_cancelled), None)
    return {
        "activity": shown,
        "object": shown,
        "next_occurrences": upcoming,
        "next_occurrence": next_held or (upcoming[0] if upcoming else None),
        "languages": agenda.languages(shown),
        "json_ld": "",
    }


PLACE = PageKind(
    model=Place,
    form_class=PlaceForm,
    owner_field="managing_organisation",
    title_field="name",
    url_name="place",
    label=_("plek"),
    editable=editable_places,
    preview_template="partner/preview_place.html",
    preview_context=place_preview_context,
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
    owner_field="organiser",
    title_field="title",
    url_name="activity",
    label=_("activiteit"),
    editable=editable_activities,
    preview_template="partner/preview_activity.html",
    preview_context=activity_preview_context,
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


class PlaceEditView(PageFormView):
    kind = PLACE


class PlacePreviewView(PagePreviewView):
    kind = PLACE


class PlaceSubmitView(PageSubmitView):
    kind = PLACE


class ActivityEditView(PageFormView):
    kind = ACTIVITY


class ActivityPreviewView(PagePreviewView):
    kind = ACTIVITY


class ActivitySubmitView(PageSubmitView):
    kind = ACTIVITY
