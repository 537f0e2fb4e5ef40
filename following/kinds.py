"""The subjects of the existing apps that residents can follow (following/subjects.py):
a neighbourhood, a place, an initiative, and the opportunities that match the work finder's
answers. Each kind's `news` answers for all the keys of a digest batch in one or two queries.

Registered by FollowingConfig.ready(). The ideas app registers its own kind ("idee")."""

import functools
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

from django.db.models import F, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Update
from locations.models import Neighbourhood, Occurrence, Place
from work.models import Opportunity
from work.public import FinderForm, Wish

from .subjects import Described, Item, SubjectKind

AGENDA_DAYS = 7
# At most this many items per subject and section; the subject's own page has the rest.
ITEMS_PER_SECTION = 10

THIS_WEEK = _("De komende 7 dagen")
NEWS = _("Nieuws")
NEW_OPPORTUNITIES = _("Nieuwe kansen")


class Found(dict):
    """{key: [Item]} with at most ITEMS_PER_SECTION items per key and section. Sections are
    counted by identity: comparing lazy translations would translate them on every item."""

    def __init__(self, *args):
        super().__init__(*args)
        self.counts = {}

    def add(self, key, item):
        counted = (key, id(item.section))
        if self.counts.get(counted, 0) < ITEMS_PER_SECTION:
            self.counts[counted] = self.counts.get(counted, 0) + 1
            self.setdefault(key, []).append(item)


@functools.cache
def _path_pattern(name, language):
    """The address of `name` with a placeholder slug: one reverse() per kind of page."""
    with translation.override(language):
        return reverse(name, kwargs={"slug": "slug-placeholder"})


def _path(name, slug):
    return _path_pattern(name, translation.get_language()).replace("slug-placeholder", slug)


def _coming_week(now, subject, **keys):
    """{subject key: [Item]} of the coming week's dates, at most ITEMS_PER_SECTION for each
    subject (`subject`: the lookup of its slug): a place with a hundred dates a week reads ten
    rows, not a hundred. Values, not models: a digest run reads many thousands of them."""
    first = Window(RowNumber(), partition_by=[F(subject)],
                   order_by=[F("starts_at").asc(), F("pk").asc()])
    rows = (Occurrence.objects.published().filter(
        starts_at__gte=now, starts_at__lt=now + timedelta(days=AGENDA_DAYS),
        is_cancelled=False, **keys).annotate(rank=first).filter(rank__lte=ITEMS_PER_SECTION)
        .order_by("starts_at", "pk")
        .values_list(subject, "starts_at", "activity__title", "activity__slug", "place__name"))
    found = Found()
    for key, starts_at, title, slug, place in rows:
        found.add(key, Item(THIS_WEEK, title, _path("locations:activity_detail", slug),
                            when=starts_at, where=place))
    return found


def _opportunity_item(opportunity):
    return Item(NEW_OPPORTUNITIES, opportunity.title,
                _path("work:opportunity_detail", opportunity.slug),
                when=opportunity.closes_on, changed_at=opportunity.created_at)


def _new_opportunities(since):
    """Published, open opportunities made after `since`, with only what a digest uses."""
    return (Opportunity.objects.published().open().filter(created_at__gt=since)
            .only("title", "slug", "closes_on", "created_at", "kind", "pay",
                  "no_diploma_needed", "age_from", "age_to")
            .order_by("-created_at", "pk"))


# --- a neighbourhood: its coming week and its new opportunities ------------------------------

def describe_neighbourhoods(keys):
    return {hood.slug: Described(hood.name, hood.get_absolute_url())
            for hood in Neighbourhood.objects.filter(slug__in=list(keys))}


def neighbourhood_news(keys, since, now):
    keys = list(keys)
    found = _coming_week(now, "place__neighbourhood__slug", place__neighbourhood__slug__in=keys)
    opportunities = _new_opportunities(since).filter(
        Q(neighbourhood__slug__in=keys)
        | Q(neighbourhood__isnull=True, place__neighbourhood__slug__in=keys)).annotate(
        hood=Coalesce("neighbourhood__slug", "place__neighbourhood__slug"))
    for opportunity in opportunities:  # the neighbourhood it shows (shown_neighbourhood)
        found.add(opportunity.hood, _opportunity_item(opportunity))
    return found


# --- a place: its coming week --------------------------------------------------------------

def describe_places(keys):
    return {place.slug: Described(place.name, place.get_absolute_url())
            for place in Place.objects.published().filter(slug__in=list(keys))}


def place_news(keys, since, now):
    return _coming_week(now, "place__slug", place__slug__in=list(keys))


# --- an initiative: its news, its coming week and its new opportunities ---------------------

def describe_initiatives(keys):
    return {initiative.slug: Described(initiative.title, initiative.get_absolute_url())
            for initiative in Initiative.objects.published().filter(slug__in=list(keys))}


def initiative_news(keys, since, now):
    keys = list(keys)
    found = _coming_week(now, "activity__initiative__slug", activity__initiative__slug__in=keys)
    updates = (Update.objects.filter(initiative__slug__in=keys, initiative__is_published=True,
                                     created_at__gt=since,
                                     published_on__lte=timezone.localdate(now))
               .select_related("initiative").order_by("-published_on", "pk"))
    for update in updates:
        initiative = update.initiative
        found.add(initiative.slug, Item(
            NEWS, update.title, f"{initiative.get_absolute_url()}#nieuws",
            when=update.published_on, changed_at=update.created_at))
    for opportunity in (_new_opportunities(since).filter(initiative__slug__in=keys)
                        .annotate(initiative_slug=F("initiative__slug"))):
        found.add(opportunity.initiative_slug, _opportunity_item(opportunity))
    return found


# --- the opportunities that match the work finder's three answers ---------------------------

def clean_finder_key(raw):
    """The finder's answers ("age=19&diploma=nee&wish=geld") in one fixed order, or None."""
    form = FinderForm(dict(parse_qsl(raw)))
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return urlencode({"age": data["age"], "diploma": data["diploma"], "wish": data["wish"]})


def _finder_filters(key):
    form = FinderForm(dict(parse_qsl(key)))
    return form.list_filters() if form.is_valid() else None


def matches(opportunity, filters):
    """True when the list with these filters (OpportunityFilterForm.filter) would show the
    opportunity; in Python, so one query serves every set of answers."""
    if filters.get("kind") and opportunity.kind not in filters["kind"]:
        return False
    if filters.get("paid") and opportunity.pay != Opportunity.Pay.PAID:
        return False
    if filters.get("no_diploma") and not opportunity.no_diploma_needed:
        return False
    age = filters.get("age")
    if age is not None:
        if opportunity.age_from is not None and opportunity.age_from > age:
            return False
        if opportunity.age_to is not None and opportunity.age_to < age:
            return False
    return True


def describe_finder_answers(keys):
    found = {}
    wishes = dict(Wish.choices)
    for key in keys:
        filters = _finder_filters(key)
        if filters is None:
            continue
        answers = dict(parse_qsl(key))
        diploma = _("met diploma") if answers["diploma"] == "ja" else _("zonder diploma")
        title = format_lazy(_("Kansen voor jou: {age} jaar, {diploma}, {wish}"),
                            age=answers["age"], diploma=diploma,
                            wish=str(wishes[answers["wish"]]).lower())
        query = urlencode({**filters, "wish": answers["wish"]}, doseq=True)
        found[key] = Described(title, f"{reverse('work:opportunity_list')}?{query}")
    return found


def finder_news(keys, since, now):
    wanted = {key: filters for key in keys if (filters := _finder_filters(key)) is not None}
    found = Found()
    for opportunity in _new_opportunities(since):
        for key, filters in wanted.items():
            if matches(opportunity, filters):
                found.add(key, _opportunity_item(opportunity))
    return found


NEIGHBOURHOOD = SubjectKind("wijk", _("wijk"), describe_neighbourhoods, neighbourhood_news)
PLACE = SubjectKind("plek", _("plek"), describe_places, place_news)
INITIATIVE = SubjectKind("initiatief", _("initiatief"), describe_initiatives, initiative_news)
FINDER = SubjectKind("kansen", _("kansen bij je antwoorden"), describe_finder_answers,
                     finder_news, clean_key=clean_finder_key)
BUILT_IN = (NEIGHBOURHOOD, PLACE, INITIATIVE, FINDER)
