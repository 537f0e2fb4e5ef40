"""Atom feeds (RFC 4287): the news of all initiatives and of one, new opportunities, and the
agenda of the coming week. Only published pages; each feed a fixed number of entries.

Every feed has an author (the programme office) and every entry its organisation (4.1.1);
summaries are plain text (partners write them; a reader must not render them as HTML); an
empty feed's `updated` is a fixed date of its subject, so its body and ETag stay the same."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from ideas.public import Status, public_steps
from initiatives.models import Initiative, Update
from locations.models import Occurrence
from work.models import Opportunity

ENTRIES = 50
# `updated` of a feed without entries (and no date of its own subject): the start of the
# Regio Deal Zuidwest II, a date that never changes.
EMPTY_FEED_UPDATED = datetime(2025, 1, 1, tzinfo=UTC)


def _absolute(path):
    """atom:uri is an IRI without a base to resolve it against: the canonical address."""
    return f"{settings.SITE_URL}{path}"


def _start_of(day):
    return datetime.combine(day, datetime.min.time(), tzinfo=timezone.get_current_timezone())


class PortalAtom1Feed(Atom1Feed):
    def latest_post_date(self):
        if not self.items:
            return self.feed["empty_updated"]
        return super().latest_post_date()

    def add_item_elements(self, handler, item):
        # Django writes the description as <summary type="html">; partners' text is no HTML.
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class AtomFeed(Feed):
    feed_type = PortalAtom1Feed
    author_name = _("Programmabureau Regio Deal Zuidwest")

    def author_link(self):
        return _absolute(reverse("site:contact"))

    def feed_extra_kwargs(self, obj):
        return {"empty_updated": self.empty_feed_updated(obj)}

    def empty_feed_updated(self, obj):
        return EMPTY_FEED_UPDATED

    def item_updateddate(self, item):
        return item.updated_at


class InitiativeNewsFeed(AtomFeed):
    title = _("Nieuws van de initiatieven – Regio Deal Zuidwest")
    subtitle = _("Nieuws van alle initiatieven in Bouwlust, Vrederust, Morgenstond en Moerwijk.")

    def link(self):
        return reverse("initiatives:initiative_list")

    def news(self):
        return Update.objects.filter(initiative__is_published=True)

    def items(self):
        return self.news().select_related("initiative__lead_organisation").order_by(
            "-published_on", "-pk")[:ENTRIES]

    def item_title(self, item):
        return f"{item.initiative.title}: {item.title}"

    def item_author_name(self, item):
        return item.initiative.lead_organisation.name

    def item_author_link(self, item):
        return _absolute(item.initiative.lead_organisation.get_absolute_url())

    def item_description(self, item):
        return item.body

    def item_link(self, item):
        return f"{item.initiative.get_absolute_url()}#nieuws-{item.pk}"

    def item_pubdate(self, item):
        return _start_of(item.published_on)


class OneInitiativeNewsFeed(InitiativeNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Initiative.objects.published(), slug=slug)

    def title(self, initiative):
        return _("Nieuws van %(title)s – Regio Deal Zuidwest") % {"title": initiative.title}

    def subtitle(self, initiative):
        return initiative.summary

    def link(self, initiative):
        return initiative.get_absolute_url()

    def empty_feed_updated(self, initiative):
        return initiative.updated_at

    def item_title(self, item):
        return item.title

    def items(self, initiative):
        return initiative.updates.select_related("initiative__lead_organisation").order_by(
            "-published_on", "-pk")[:ENTRIES]


class OpportunityFeed(AtomFeed):
    title = _("Nieuwe kansen op werk en leren – Regio Deal Zuidwest")
    subtitle = _("Banen, leerwerkplekken, stages en opleidingen in Den Haag Zuidwest.")

    def link(self):
        return reverse("work:opportunity_list")

    def items(self):
        return Opportunity.objects.published().open().select_related(
            "organisation").order_by("-created_at", "-pk")[:ENTRIES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.summary} ({item.organisation.name})"

    def item_author_name(self, item):
        return item.organisation.name

    def item_author_link(self, item):
        return _absolute(item.organisation.get_absolute_url())

    def item_pubdate(self, item):
        return item.created_at


class AgendaWeekFeed(AtomFeed):
    title = _("Agenda van de komende week – Regio Deal Zuidwest")
    subtitle = _("Wat er de komende zeven dagen te doen is in Den Haag Zuidwest.")

    def link(self):
        return reverse("locations:agenda_week")

    def items(self):
        today = timezone.localdate()
        return Occurrence.objects.for_agenda().filter(
            starts_at__gte=_start_of(today), starts_at__lt=_start_of(today + timedelta(days=7)),
        ).select_related("activity__place__managing_organisation")[:200]

    def item_title(self, item):
        when = timezone.localtime(item.starts_at).strftime("%d-%m %H:%M")
        cancelled = f" ({_('vervalt')})" if item.is_cancelled else ""
        return f"{when} {item.activity.title}{cancelled}"

    def item_description(self, item):
        return f"{item.activity.summary} {item.activity.place.name}, {item.activity.place.address}"

    def item_author_name(self, item):
        # The organiser, else the organisation that runs the place, else the feed's author.
        organisation = item.activity.organiser or item.activity.place.managing_organisation
        return organisation.name if organisation else str(self.author_name)

    def item_link(self, item):
        return f"{item.activity.get_absolute_url()}#{item.starts_at:%Y-%m-%dT%H%M}"

    def item_pubdate(self, item):
        return item.activity.updated_at

    def item_updateddate(self, item):
        return item.activity.updated_at


class IdeaFeed(AtomFeed):
    """Residents' ideas as they come on the site, and every answer and status change after:
    one entry per public step of a published idea. No personal data: the name shown is not in
    the feed."""

    title = _("Ideeën van bewoners en de antwoorden – Regio Deal Zuidwest")
    subtitle = _("Nieuwe ideeën en vragen van bewoners van Zuidwest, en wat ermee gebeurt.")

    def link(self):
        return reverse("ideas:idea_list")

    def items(self):
        return public_steps().select_related("idea").order_by("-changed_at", "-pk")[:ENTRIES]

    def item_title(self, item):
        if item.status == Status.IN_PROGRESS:
            return _("Nieuw idee: %(title)s") % {"title": item.idea.title}
        return f"{item.idea.title}: {item.get_status_display()}"

    def item_description(self, item):
        return item.public_text or item.idea.body

    def item_link(self, item):
        return f"{item.idea.get_absolute_url()}#stap-{item.pk}"

    def item_pubdate(self, item):
        return item.changed_at

    def item_updateddate(self, item):
        return item.changed_at
