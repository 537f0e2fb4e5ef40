"""The residents' pages of ideas: the list with its map and the promise, the form, an idea's
page, supporting one, and the private links (status, deleting one's data, confirming or
withdrawing a support).

Order of the checks on a POST, as for sign-ups (initiatives/signup_views.py): the size of the
request (413), the form's honeypot (pretend success, store nothing), the form (errors shown
with everything typed kept), the rate limit per client (429), and only then a change."""

import contextlib

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from locations.public import address_search_response
from signups.public import body_too_large
from zuidwest.caching import forget_pages
from zuidwest.client_ip import client_ip
from zuidwest.images.processing import MAX_UPLOAD_BYTES
from zuidwest.ratelimit import hit
from zuidwest.ui.pagination import LenientPaginationMixin

from . import links, services
from .forms import IdeaFilterForm, IdeaForm, SupportForm
from .models import Answer, Idea, Status, Support
from .promise import promise_figures

# The idea form with a photo at its limit, and room for the text fields.
MAX_IDEA_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024


def _rate_limited(request, scope):
    return not hit(scope, client_ip(request)).allowed


def _see_other(url):
    # 303 See Other: reloading the next page does not send the form again.
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


class IdeaListView(LenientPaginationMixin, ListView):
    template_name = "ideas/idea_list.html"
    context_object_name = "ideas"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = IdeaFilterForm(self.request.GET or None)
        return self.filter_form.filter(Idea.objects.for_listing())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form, promise=promise_figures(),
            promise_days=settings.ANSWER_PROMISE_DAYS, tile_url=settings.MAP_TILE_URL,
            **kwargs)


def ideas_geojson(request):
    """The published ideas with a place, filtered like the list, for its map."""
    ideas = IdeaFilterForm(request.GET or None).filter(
        Idea.objects.for_listing().filter(latitude__isnull=False, longitude__isnull=False))
    features = [{
        "type": "Feature", "id": idea.slug,
        "geometry": {"type": "Point",
                     "coordinates": [float(idea.longitude), float(idea.latitude)]},
        "properties": {"name": idea.title, "url": request.build_absolute_uri(
            idea.get_absolute_url()), "kind": idea.get_status_display(),
            "address": idea.neighbourhood.name, "is_demo": idea.is_demo},
    } for idea in ideas]
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        content_type="application/geo+json",
                        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})


def detail_context(idea, answer=None):
    """What an idea's page shows; `answer` is a version to preview instead of the published
    one (answers.py)."""
    if answer is None:
        answer = Answer.objects.filter(idea=idea, is_published=True).select_related(
            "organisation", "on_behalf_of").first()
    breadcrumbs = [(_("Ideeën en vragen"), reverse("ideas:idea_list")), (idea.title, "")]
    timeline = idea.status_changes.exclude(status=Status.RECEIVED)
    return {"idea": idea, "answer": answer, "breadcrumbs": breadcrumbs, "timeline": timeline,
            "promise_days": settings.ANSWER_PROMISE_DAYS}


class IdeaDetailView(View):
    def get(self, request, slug):
        idea = get_object_or_404(Idea.objects.published().select_related(
            "neighbourhood", "spearhead", "assigned_to", "initiative", "activity",
            "duplicate_of"), slug=slug)
        return render(request, "ideas/idea_detail.html", detail_context(idea))


@method_decorator(never_cache, name="dispatch")
class IdeaCreateView(View):
    template_name = "ideas/idea_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and body_too_large(
                request, limit=MAX_IDEA_BODY_BYTES):
            return render(request, "ideas/too_large.html", status=413)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, self.context(IdeaForm()))

    @staticmethod
    def context(form):
        return {"form": form, "promise_days": settings.ANSWER_PROMISE_DAYS}

    def post(self, request):
        form = IdeaForm(request.POST, request.FILES)
        if form.honeypot_filled:
            # A robot: it sees what a person would, and nothing is stored or sent.
            return render(request, "ideas/sent.html", {"idea": None, "sent_email": False})
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        if _rate_limited(request, "idea_ip"):
            return render(request, "ideas/rate_limited.html", status=429)
        idea = services.submit_idea(**form.idea_fields())
        return _see_other(reverse("ideas:sent", kwargs={"token": links.idea_token(idea)}))


def _idea_by_token(token):
    pk = links.idea_id(token)
    idea = Idea.objects.select_related("neighbourhood").filter(pk=pk).first() if pk else None
    if idea is None:
        raise Http404
    return idea


@method_decorator(never_cache, name="dispatch")
class PrivateStatusView(View):
    """The private status link: the idea's status also before it is public, and the link to
    delete one's data. `sent` is the page right after sending."""

    sent = False

    def get(self, request, token):
        idea = _idea_by_token(token)
        return render(request, "ideas/sent.html" if self.sent else "ideas/private_status.html", {
            "idea": idea, "sent_email": bool(idea.email), "token": token,
            "status_url": links.status_path(idea), "delete_url": links.delete_path(idea),
            "promise_days": settings.ANSWER_PROMISE_DAYS,
            "timeline": idea.status_changes.all()})


@method_decorator(never_cache, name="dispatch")
class DeleteDataView(View):
    """GET asks (a mail scanner opening the link deletes nothing); POST deletes."""

    def get(self, request, token):
        return render(request, "ideas/delete_confirm.html", {"idea": _idea_by_token(token)})

    def post(self, request, token):
        idea = _idea_by_token(token)
        services.delete_personal_data(idea)
        forget_pages(request, idea)  # the name shown on its page
        return redirect("ideas:data_deleted")


def _published_idea(slug):
    return get_object_or_404(Idea.objects.published().select_related("neighbourhood"),
                             slug=slug)


@method_decorator(never_cache, name="dispatch")
class SupportView(View):
    template_name = "ideas/support_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and body_too_large(request):
            return render(request, "ideas/too_large.html", status=413)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, slug):
        return render(request, self.template_name,
                      {"idea": _published_idea(slug), "form": SupportForm()})

    def post(self, request, slug):
        idea = _published_idea(slug)
        form = SupportForm(request.POST)
        if form.honeypot_filled:
            return render(request, "ideas/support_sent.html", {"idea": idea})
        if not form.is_valid():
            return render(request, self.template_name, {"idea": idea, "form": form},
                          status=400)
        if _rate_limited(request, "idea_support_ip"):
            return render(request, "ideas/rate_limited.html", status=429)
        # A second support from the same address gets the same page: the page does not tell
        # who supports what.
        with contextlib.suppress(services.AlreadySupported):
            services.support(idea, form.cleaned_data["email"],
                             wants_updates=form.cleaned_data["wants_updates"])
        return render(request, "ideas/support_sent.html", {"idea": idea})


def _support_by_token(token):
    pk = links.support_id(token)
    support = Support.objects.select_related("idea").filter(pk=pk).first() if pk else None
    if support is None:
        raise Http404
    return support


@method_decorator(never_cache, name="dispatch")
class SupportConfirmView(View):
    def get(self, request, token):
        support = _support_by_token(token)
        return render(request, "ideas/support_confirm.html", {
            "idea": support.idea, "support": support, "token": token})

    def post(self, request, token):
        support = _support_by_token(token)
        services.confirm_support(support)
        # The idea's page shows the new number at once; the list may show the old one for
        # PAGE_CACHE_SECONDS (docs/operations/caching.md).
        forget_pages(request, support.idea)
        return render(request, "ideas/support_confirmed.html", {
            "idea": support.idea, "delete_url": links.support_delete_path(support)})


@method_decorator(never_cache, name="dispatch")
class SupportDeleteView(View):
    def get(self, request, token):
        support = _support_by_token(token)
        return render(request, "ideas/support_delete.html", {"idea": support.idea})

    def post(self, request, token):
        support = _support_by_token(token)
        services.withdraw_support(support)
        forget_pages(request, support.idea)
        return redirect("ideas:data_deleted")


@never_cache
def address_search(request):
    """The Locatieserver search of the idea form (locations.geocoding), limited per client."""
    if _rate_limited(request, "idea_address_ip"):
        return JsonResponse({"results": [], "message": _(
            "Er is net veel gezocht vanaf deze verbinding. Het adres typen is genoeg.")},
            status=429)
    return address_search_response(request)


