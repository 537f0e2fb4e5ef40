"""The public side of signing up: the form on an opportunity's or activity's page (posted to
its own address), the confirmation page, and the page behind the deletion link.

Order of the checks on a POST: the size of the request (413), the page still taking sign-ups,
the rate limit per address (429), the honeypot (pretend success, store nothing), the form
(errors shown with everything typed kept), and only then a sign-up."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from locations.models import Activity
from work.models import Opportunity

from . import guard, services
from .forms import SignupForm
from .models import new_deletion_token
from .targets import activity_target, opportunity_target


def signup_form_context(target):
    """What a page that offers the form adds to its context: nothing when it takes no
    sign-ups now."""
    if not target.accepting:
        return {}
    return {"signup": target, "signup_form": SignupForm(organisation=target.organisation)}


def _page_context(target, form):
    return {"signup": target, "signup_form": form, "page": target.page,
            "organisation": target.organisation}


def opportunity_for(slug):
    opportunity = get_object_or_404(
        Opportunity.objects.published().select_related("organisation"), slug=slug)
    return opportunity_target(opportunity)


def activity_for(slug):
    activity = get_object_or_404(
        Activity.objects.published().select_related("organiser", "place"), slug=slug)
    return activity_target(activity, now=timezone.now())


@method_decorator(never_cache, name="dispatch")
class SignupView(View):
    """GET shows the form on a page of its own (also where a POST with errors lands); POST
    signs up. `find_target(slug)` (opportunity_for or activity_for, given in the URL
    configuration) says what is signed up for."""

    template_name = "signups/signup_page.html"
    find_target = None

    def target(self, slug):
        return self.find_target(slug)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and guard.body_too_large(request):
            # Refused before the form reads it. (The CSRF check may have read it already;
            # Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds that.)
            return render(request, "signups/too_large.html", status=413)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, slug):
        target = self.target(slug)
        if not target.accepting:
            return render(request, "signups/closed.html", {"page": target.page})
        return render(request, self.template_name,
                      _page_context(target, SignupForm(organisation=target.organisation)))

    def post(self, request, slug):
        target = self.target(slug)
        if not target.accepting:
            return render(request, "signups/closed.html", {"page": target.page})
        if guard.rate_limited(request):
            return render(request, "signups/rate_limited.html", {"page": target.page},
                          status=429)
        form = SignupForm(request.POST, organisation=target.organisation)
        if form.honeypot_filled:
            # A robot: it sees what a person would, and nothing is stored or sent.
            guard.count_signup(request)
            return render(request, "signups/confirmation.html", {
                "target": target.page, "organisation": target.organisation,
                "activity_date": target.activity_date,
                "delete_after": target.delete_after, "sent_email": False,
                "delete_url": reverse("signups:delete",
                                      kwargs={"token": new_deletion_token()}),
            })
        if not form.is_valid():
            return render(request, self.template_name, _page_context(target, form))
        _signup, token = services.sign_up(
            target, **{name: form.cleaned_data[name]
                       for name in ("name", "phone", "email", "message")})
        guard.count_signup(request)
        # 303 See Other: reloading the confirmation does not send the form again.
        response = HttpResponseRedirect(
            reverse("signups:confirmation", kwargs={"token": token}))
        response.status_code = 303
        return response


# --- after signing up: the confirmation and the deletion link -------------------------------

def _invalid_link(request):
    return render(request, "signups/link_invalid.html", status=404)


@method_decorator(never_cache, name="dispatch")
class SignupConfirmationView(View):
    def get(self, request, token):
        signup = services.find_by_token(token)
        if signup is None:
            return _invalid_link(request)
        return render(request, "signups/confirmation.html", {
            "target": signup.target, "organisation": signup.organisation,
            "activity_date": signup.activity_date,
            "delete_after": signup.delete_after, "sent_email": bool(signup.email),
            "delete_url": reverse("signups:delete", kwargs={"token": token}),
        })


@method_decorator(never_cache, name="dispatch")
class SignupDeleteView(View):
    """GET asks (a link in a mail may be opened by a mail scanner, which must not delete
    anything); POST deletes."""

    def get(self, request, token):
        signup = services.find_by_token(token)
        if signup is None:
            return _invalid_link(request)
        return render(request, "signups/delete_confirm.html", {
            "target": signup.target, "organisation": signup.organisation})

    def post(self, request, token):
        if not services.delete_by_token(token):
            return _invalid_link(request)
        return redirect("signups:deleted")
