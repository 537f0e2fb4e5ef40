"""Published ideas in the site search (zuidwest.search): their public text only."""

from django.utils.translation import gettext_lazy as _

from zuidwest.search import SearchType

from .models import Idea

IDEAS = SearchType(
    key="ideas",
    position=35,
    label=_("Ideeën en vragen van bewoners"),
    list_url_name="ideas:idea_list",
    list_label=_("Alle ideeën en vragen bekijken"),
    public_queryset=Idea.objects.published,
    title_field="title",
    weighted_fields={"title": "A", "body": "B", "why": "C"},
    select_related=("neighbourhood",),
    snippet=lambda idea: f"{idea.neighbourhood.name} · {idea.get_status_display()}",
)
