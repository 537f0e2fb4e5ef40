"""The pages of following: the form's target (POST /volgen/), "look in your mailbox", the
confirmation (a page with a button: a mail scanner that opens the link confirms nothing), the
management page of an address, and the unsubscribe address of every mail.

POST /volgen/ takes no CSRF token: the "Volg" forms sit on public pages served from the cache
to everyone (zuidwest/caching), which must not hold a visitor's token. A forged post can do no
more than anyone can do with the form itself: ask for a confirmation mail, which changes
nothing until its button is pressed. The size limit, the rate limit per client and per address
and the honeypot guard it. The unsubscribe address takes none either (RFC 8058: a mail program
POSTs there without cookies); the management page's forms do carry one.

Order of the checks on POST /volgen/: the size of the request (413), the rate limit per
client (429), the honeypot (pretend success, store nothing), the form (errors shown, the
address kept), and only then the request."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from locations.models import Neighbourhood
from zuidwest import ratelimit
from zuidwest.client_ip import client_ip

from . import services, subjects
from .forms import FollowForm

# More than the form holds when filled to its limits; only what no person sends is refused.
MAX_BODY_BYTES = 4 * 1024


def _see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303  # reloading the next page does not post again
    return response


def _invalid_link(request):
    return render(request, "following/link_invalid.html", status=404)


def _body_too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class FollowView(View):
    template_name = "following/follow.html"

    def get(self, request):
        form = FollowForm(initial={"kind": request.GET.get("soort", ""),
                                   "key": request.GET.get("sleutel", "")})
        return self._page(request, form, subjects.clean(request.GET.get("soort"),
                                                        request.GET.get("sleutel")))

    def post(self, request):
        if _body_too_large(request):
            return render(request, "following/too_large.html", status=413)
        verdict = ratelimit.hit("follow_ip", client_ip(request))
        if not verdict.allowed:
            response = render(request, "following/rate_limited.html", status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        form = FollowForm(request.POST)
        if form.honeypot_filled:
            return _see_other(reverse("following:sent"))  # a robot: nothing stored or sent
        if not form.is_valid():
            subject = subjects.clean(request.POST.get("kind"), request.POST.get("key"))
            return self._page(request, form, subject, status=400 if subject is None else 200)
        data = form.cleaned_data
        services.request_follow(data["email"], data["kind"], data["key"])
        return _see_other(reverse("following:sent"))

    def _page(self, request, form, subject, status=200):
        described = subjects.describe(*subject) if subject else None
        return render(request, self.template_name, {"form": form, "described": described},
                      status=status if described else 400)


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    def get(self, request, token):
        follow_request = services.find_request(token)
        if follow_request is None:
            return _invalid_link(request)
        return render(request, "following/confirm.html", {
            "described": subjects.describe(follow_request.kind, follow_request.key)})

    def post(self, request, token):
        follow_request = services.find_request(token)
        if follow_request is None:
            return _invalid_link(request)
        follower = services.confirm(follow_request)
        return _see_other(reverse("following:manage", kwargs={"token": follower.token})
                          + "?bevestigd=1")


@method_decorator(never_cache, name="dispatch")
class ManageView(View):
    """What an address follows; add (from a "volg" link in a mail, or a neighbourhood from the
    list), remove, or stop everything."""

    def get(self, request, token, *, error=""):
        follower = services.find_follower(token)
        if follower is None:
            return _invalid_link(request)
        followed = services.subjects_of(follower)
        offered = None
        kind, _sep, key = request.GET.get("volg", "").partition(":")
        subject = subjects.clean(kind, key)
        if subject and not any((item.kind, item.key) == subject for item, _d in followed):
            described = subjects.describe(*subject)
            if described:
                offered = {"kind": subject[0], "key": subject[1], "described": described}
        hoods = {item.key for item, _d in followed if item.kind == "wijk"}
        return render(request, "following/manage.html", {
            "follower": follower, "followed": followed, "offered": offered,
            "neighbourhoods": [hood for hood in Neighbourhood.objects.all()
                               if hood.slug not in hoods],
            "confirmed": request.GET.get("bevestigd") == "1", "error": error,
        }, status=400 if error else 200)

    def post(self, request, token):
        follower = services.find_follower(token)
        if follower is None:
            return _invalid_link(request)
        action = request.POST.get("action")
        if action == "stop":
            services.stop(token)
            return _see_other(reverse("following:stopped"))
        if action == "remove":
            try:
                subscription_id = int(request.POST.get("subscription", ""))
            except ValueError:
                return self.get(request, token, error="remove")
            services.remove(follower, subscription_id)
        elif action == "add":
            subject = subjects.clean(request.POST.get("kind"), request.POST.get("key"))
            if subject is None or subjects.describe(*subject) is None:
                return self.get(request, token, error="add")
            if not services.add(follower, *subject):
                return self.get(request, token, error="limit")
        else:
            return self.get(request, token, error="action")
        return _see_other(reverse("following:manage", kwargs={"token": token}))


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """The List-Unsubscribe address. GET (a person clicking, or a scanner) asks; POST ends it
    at once, with or without cookies, as RFC 8058's one-click unsubscribe wants."""

    def get(self, request, token):
        if services.find_follower(token) is None and services.find_request(token) is None:
            return _invalid_link(request)
        return render(request, "following/unsubscribe.html")

    def post(self, request, token):
        if not services.stop(token):
            return _invalid_link(request)
        return render(request, "following/stopped.html")

