"""Werk en leren: the list of open opportunities with filters, an opportunity's page, and the
guided finder (three questions, one page each, no JavaScript)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from signups.public import opportunity_target, signup_form_context
from zuidwest.ui.pagination import LenientPaginationMixin

from .forms import FinderForm, OpportunityFilterForm
from .jsonld import opportunity_json_ld
from .models import Opportunity

SIMILAR_COUNT = 3


class OpportunityListView(LenientPaginationMixin, ListView):
    template_name = "work/opportunity_list.html"
    context_object_name = "opportunities"

    def get_queryset(self):
        self.filter_form = OpportunityFilterForm(self.request.GET or None)
        return self.filter_form.filter(Opportunity.objects.for_listing())

    def get_context_data(self, **kwargs):
        wish = self.request.GET.get("wish", "")
        return super().get_context_data(
            filter_form=self.filter_form,
            today=timezone.localdate(),
            finder_answers_url=finder_url(3, self.finder_answers(wish)) if wish else "",
            # For the "Volg" form: new opportunities that fit these answers, by e-mail.
            finder_answers=self.finder_answers(wish) if wish else None,
            **kwargs,
        )

    def finder_answers(self, wish):
        """The finder's answers behind this list, to go back and change them."""
        return {"age": self.request.GET.get("age", ""),
                "diploma": "nee" if self.request.GET.get("no_diploma") else "ja",
                "wish": wish}


def opportunity_page_context(request, opportunity):
    """What an opportunity's page shows besides the opportunity (also for a preview)."""
    today = timezone.localdate()
    similar = []
    if opportunity.is_closed_on(today):
        similar = list(
            Opportunity.objects.for_listing().filter(kind=opportunity.kind)
            .exclude(pk=opportunity.pk)[:SIMILAR_COUNT]
        )
    return {
        "today": today,
        "is_closed": opportunity.is_closed_on(today),
        "similar": similar,
        "tile_url": settings.MAP_TILE_URL,
        "json_ld": opportunity_json_ld(opportunity, request),
        "breadcrumbs": [(_("Werk en leren"), reverse("work:opportunity_list")),
                        (opportunity.title, "")],
        **signup_form_context(opportunity_target(opportunity)),
    }


class OpportunityDetailView(DetailView):
    """Closed opportunities stay reachable (links in messages and on paper outlive them) and
    say so, with similar open ones."""

    template_name = "work/opportunity_detail.html"
    context_object_name = "opportunity"

    def get_queryset(self):
        return Opportunity.objects.published().select_related(
            "organisation", "initiative", "place__neighbourhood", "neighbourhood",
            "information_activity__place")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **opportunity_page_context(self.request, self.object), **kwargs)


# --- the guided finder -----------------------------------------------------------------------

def finder_url(step, answers):
    url = reverse("work:opportunity_finder", kwargs={"step": step})
    answers = {name: value for name, value in answers.items() if value not in ("", None)}
    return f"{url}?{urlencode(answers)}" if answers else url


class FinderView(TemplateView):
    """Step 1 asks the age, step 2 about a diploma, step 3 what someone wants. Each answer
    travels in the URL; "Verder" checks the step's own answer and goes on, "Terug" is a link
    that keeps every answer."""

    template_name = "work/opportunity_finder.html"
    NEXT = "verder"

    def get(self, request, step):
        if not 1 <= step <= len(FinderForm.STEPS):
            return redirect(finder_url(1, {}))
        self.step = step
        self.field_name = FinderForm.STEPS[step - 1]
        self.answers = {name: request.GET.get(name, "")[:100] for name in FinderForm.STEPS}
        if self.NEXT in request.GET:
            self.form = FinderForm(self.answers)
            self.form.is_valid()
            if self.field_name not in self.form.errors:
                return self.go_on()
        else:  # showing the question (again): the earlier answer is filled in, no errors yet
            self.form = FinderForm(initial=self.answers)
        return super().get(request)

    def go_on(self):
        if self.step < len(FinderForm.STEPS):
            return redirect(finder_url(self.step + 1, self.answers))
        earlier = [name for name in FinderForm.STEPS if name in self.form.errors]
        if earlier:  # an answer of an earlier step was changed in the URL: ask it again
            return redirect(finder_url(FinderForm.STEPS.index(earlier[0]) + 1, self.answers))
        query = {**self.form.list_filters(), "wish": self.answers["wish"]}
        # The answer opens at what was found, not at the top of the list's page.
        return redirect(f"{reverse('work:opportunity_list')}?"
                        f"{urlencode(query, doseq=True)}#resultaten")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            step=self.step,
            step_count=len(FinderForm.STEPS),
            field=self.form[self.field_name],
            error_items=[{"anchor": self.form[self.field_name].auto_id,
                          "label": self.form[self.field_name].label, "message": error}
                         for error in self.form[self.field_name].errors],
            carried=[(name, value) for name, value in self.answers.items()
                     if name != self.field_name and value],
            next_name=self.NEXT,
            back_url=finder_url(self.step - 1, self.answers) if self.step > 1 else "",
            **kwargs,
        )
