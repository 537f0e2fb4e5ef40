"""What other apps' pages show of ideas, without those apps importing this one: an initiative's
or activity's page says it began as a resident's idea, a neighbourhood page lists the ideas
from the neighbourhood, /voortgang/ shows the promise per member of the Alliantieraad."""

from django import template
from django.conf import settings

from ..models import Idea
from ..promise import promise_figures_by_alliance

register = template.Library()

NEIGHBOURHOOD_IDEAS = 5


@register.inclusion_tag("ideas/_origin.html")
def idea_origin(page):
    """'Dit begon als idee van een bewoner' on the page of an initiative or activity."""
    ideas = list(page.source_ideas.published().only("title", "slug")) if page.pk else []
    return {"source_ideas": ideas}


@register.inclusion_tag("ideas/_neighbourhood_ideas.html")
def neighbourhood_ideas(neighbourhood):
    ideas = Idea.objects.for_listing().filter(neighbourhood=neighbourhood)
    return {"ideas": list(ideas[:NEIGHBOURHOOD_IDEAS]), "neighbourhood": neighbourhood}


@register.inclusion_tag("ideas/_promise_by_alliance.html")
def promise_by_alliance():
    return {"rows": promise_figures_by_alliance(), "promise_days": settings.ANSWER_PROMISE_DAYS}
