"""Partners answer the ideas assigned to a member of the Alliantieraad their organisation
belongs to, at /partner/ideeen/. The answer is a reviewed page (answers.py): saving it sends it
for review, and staff publish it. Registered in IdeasConfig.ready()."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zuidwest import review
from zuidwest.partner.accounts import organisations_of
from zuidwest.partner.extensions import DashboardPanel
from zuidwest.partner.views import PartnerView
from zuidwest.ui.forms import PlainRequiredMessages

from .models import ANSWER_MAX_LENGTH, Answer, Idea


class AnswerForm(PlainRequiredMessages, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Je antwoord"), max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("In gewone woorden (taalniveau B1). Het programmabureau leest "
                               "het en zet het daarna op de site, met de naam van je "
                               "organisatie."),
        error_messages={"required": gettext_lazy("Schrijf je antwoord."),
                        "max_length": gettext_lazy("Je antwoord is te lang: hooguit "
                                                   "%(limit_value)d tekens, nu "
                                                   "%(show_value)d.")})


def assigned_ideas(user):
    return (Idea.objects.assigned_to_organisations(organisations_of(user))
            .select_related("neighbourhood", "assigned_to", "answer__latest_revision"))


class IdeaAnswerListView(PartnerView):
    def get(self, request):
        ideas = list(assigned_ideas(request.user).order_by("first_answered_at", "submitted_at"))
        return render(request, "ideas/partner_list.html", {"ideas": ideas})


class IdeaAnswerView(PartnerView):
    def setup_idea(self, pk):
        self.idea = get_object_or_404(assigned_ideas(self.request.user), pk=pk)
        self.answer = Answer.objects.filter(idea=self.idea).first()

    def render_form(self, form, status=200):
        state = review.page_state(self.answer) if self.answer else None
        return render(self.request, "ideas/partner_answer.html", {
            "idea": self.idea, "form": form, "answer": self.answer, "state": state,
        }, status=status)

    def get(self, request, pk):
        self.setup_idea(pk)
        initial = {}
        if self.answer is not None:
            initial["text"] = review.working_data(self.answer)["fields"]["text"]
        return self.render_form(AnswerForm(initial=initial))

    def post(self, request, pk):
        self.setup_idea(pk)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        data = {"fields": {"text": form.cleaned_data["text"]}, "m2m": {}, "children": {}}
        try:
            with transaction.atomic():
                if self.answer is None:
                    organisation = organisations_of(request.user).filter(
                        alliances=self.idea.assigned_to).order_by("name").first()
                    _answer, revision = review.create_page(
                        Answer, data, user=request.user, idea=self.idea,
                        organisation=organisation, on_behalf_of=self.idea.assigned_to)
                else:
                    revision = review.save_draft(self.answer, data, user=request.user,
                                                 token=review.version_token(self.answer))
                review.submit(revision, user=request.user)
        except (ValidationError, review.EditConflict):
            form.add_error(None, _("Iemand anders heeft het antwoord net aangepast. Bekijk het "
                                   "en probeer het opnieuw."))
            return self.render_form(form, status=409)
        messages.success(request, _("Dank je. Het programmabureau leest je antwoord en zet het "
                                    "daarna op de site."))
        return redirect("partner:idea_list")


def partner_patterns():
    return [
        path("ideeen/", IdeaAnswerListView.as_view(), name="idea_list"),
        path("ideeen/<int:pk>/antwoord/", IdeaAnswerView.as_view(), name="idea_answer"),
    ]


def panel_context(request, organisation):
    ideas = Idea.objects.assigned_to_organisations([organisation])
    count = ideas.count()
    if not count:
        return None
    return {"idea_count": count, "unanswered": ideas.filter(first_answered_at__isnull=True)
            .count()}


PANEL = DashboardPanel("ideas", "ideas/_partner_panel.html", panel_context)
