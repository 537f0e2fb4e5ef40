"""What ideas puts on the programme office's dashboard: ideas waiting for moderation, ideas
past the promise, answers waiting for review. Each figure links to its list."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from zuidwest.admin_site.dashboard import DashboardCard, Figure
from zuidwest.review.models import Revision

from .admin_filters import YES, OverdueFilter
from .models import Answer, Idea, Moderation


def idea_figures(request):
    changelist = reverse("admin:ideas_idea_changelist")
    waiting = Idea.objects.filter(moderation=Moderation.WAITING).count()
    overdue = Idea.objects.overdue().count()
    answers = Revision.objects.filter(content_type=ContentType.objects.get_for_model(Answer),
                                      state=Revision.State.SUBMITTED).count()
    return [
        Figure(ngettext("%(count)d idee wacht op beoordeling",
                        "%(count)d ideeën wachten op beoordeling", waiting) % {"count": waiting},
               f"{changelist}?moderation__exact={Moderation.WAITING}", bool(waiting)),
        Figure(ngettext("%(count)d idee is over de beloofde tijd zonder antwoord",
                        "%(count)d ideeën zijn over de beloofde tijd zonder antwoord", overdue)
               % {"count": overdue}, f"{changelist}?{OverdueFilter.parameter_name}={YES}",
               bool(overdue)),
        Figure(ngettext("%(count)d antwoord van een partner wacht op publicatie",
                        "%(count)d antwoorden van partners wachten op publicatie", answers)
               % {"count": answers},
               reverse("admin:zuidwest_revision_changelist") + "?status=submitted",
               bool(answers)),
    ]


CARD = DashboardCard("ideas", 25, gettext_lazy("Ideeën van bewoners"), idea_figures)
