"""What other apps may use of ideas (besides its template tags): the published ideas and their
public steps, for the open data. Never the residents' data itself: open data reads ideas only
through this module (the import contracts in pyproject.toml)."""

from .models import Idea, Status, StatusChange


def published_ideas():
    return Idea.objects.published()


def public_steps():
    """The public status changes of published ideas, newest last."""
    return (StatusChange.objects.filter(idea__in=Idea.objects.published())
            .exclude(status=Status.RECEIVED))


__all__ = ["Status", "public_steps", "published_ideas"]
