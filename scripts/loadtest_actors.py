"""The writers of the load test's mixed run (scripts/loadtest.py starts this, with the same
production environment as gunicorn): residents who sign up, support ideas, follow places and
send ideas, over HTTP through gunicorn as a browser would, and staff who approve partners'
changes of places and activities, through the review workflow.

    loadtest_actors.py BASE_URL SECONDS APPROVALS RESIDENT_ACTIONS

Spreads APPROVALS approvals and RESIDENT_ACTIONS residents' actions evenly over SECONDS, and
prints one JSON line: how many of each were done, how many failed, and how many residents'
actions changed the page cache's generation (there should be none). Links that reach a
resident by mail (confirming a support or a follow) are made here from the database, as the
mail would carry them. Each resident comes from an address of their own (X-Forwarded-For;
gunicorn runs with DJANGO_TRUSTED_PROXY_COUNT=1), so the rate limits per address do not stop
them, as they would not stop different residents.
"""

import http.cookiejar
import itertools
import json
import random
import re
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402

from following.models import FollowRequest  # noqa: E402
from ideas import links  # noqa: E402
from ideas.models import Idea, Support  # noqa: E402
from locations.models import Activity, Place  # noqa: E402
from work.models import Opportunity  # noqa: E402
from zuidwest import review  # noqa: E402
from zuidwest.caching.invalidation import GENERATION_KEY  # noqa: E402

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Resident:
    """A browser of its own: cookies, and an address of its own behind the proxy."""

    def __init__(self, base):
        self.base = base
        self.address = ".".join(
            str(part) for part in (10, random.randrange(256), random.randrange(256),
                                   random.randrange(1, 255)))
        # The site marks its cookies Secure (production behind TLS); this run has no TLS.
        jar = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(
            secure_protocols=("https", "wss", "http")))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def _open(self, path, data=None):
        request = urllib.request.Request(
            self.base + path, headers={"X-Forwarded-For": self.address},
            data=urllib.parse.urlencode(data).encode() if data is not None else None)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    def get(self, path):
        return self._open(path)

    def post_form(self, path, fields):
        """GET the form (its CSRF token), then POST it; the status of the POST after redirects."""
        status, page = self.get(path)
        token = TOKEN.search(page)
        if status != 200 or token is None:
            return status
        return self._open(path, {"csrfmiddlewaretoken": token[1], **fields})[0]


def email():
    return f"bewoner-{secrets.token_hex(6)}@voorbeeld.example"


def sign_up(base, rows):
    opportunity = random.choice(rows["opportunities"])
    return Resident(base).post_form(f"/werk-en-leren/{opportunity}/aanmelden/", {
        "name": "Bewoner", "phone": "06 12 34 56 78", "email": email(), "message": "",
        "consent": "on", "website": ""})


def support(base, rows):
    idea = random.choice(rows["ideas"])
    resident, address = Resident(base), email()
    status = resident.post_form(f"/ideeen/{idea}/steunen/", {"email": address, "website": ""})
    made = Support.objects.filter(idea__slug=idea, email=address).first()
    if status != 200 or made is None:
        return status or 500
    return resident.post_form(links.support_confirm_path(made), {})  # the link in the mail


def follow(base, rows):
    place = random.choice(rows["places"])
    resident, address = Resident(base), email()
    status, _page = resident._open("/volgen/", {"email": address, "kind": "plek", "key": place,
                                                "website": ""})
    asked = FollowRequest.objects.filter(email=address).first()
    if status != 200 or asked is None:
        return status or 500
    return resident.post_form(f"/volgen/bevestigen/{asked.token}/", {})  # the link in the mail


def send_idea(base, rows):
    return Resident(base).post_form("/ideeen/nieuw/", {
        "kind": "idea", "title": f"Een idee {secrets.token_hex(3)}", "body": "Meer groen.",
        "why": "", "neighbourhood": random.choice(rows["neighbourhoods"]), "street": "",
        "latitude": "", "longitude": "", "display_name": "", "email": "", "website": ""})


RESIDENT_ACTIONS = {"sign-up": sign_up, "support": support, "follow": follow, "idea": send_idea}


def approve_a_change(staff, partner, rows):
    """A partner changes a place's or an activity's description; staff approve it."""
    model, slugs = random.choice([(Place, rows["places"]), (Activity, rows["activities"])])
    page = model.objects.get(slug=random.choice(slugs))
    data = review.working_data(page)
    data["fields"]["description"] = f"Bijgewerkt door de partner ({secrets.token_hex(4)})."
    draft = review.save_draft(page, data, user=partner, token=review.version_token(page))
    review.approve(review.submit(draft, user=partner), staff=staff)


def rows_to_use():
    """Slugs of the pages the readers of the mixed run visit (loadtest.py picks the same)."""
    from locations.models import Neighbourhood

    return {
        "places": list(Place.objects.filter(is_published=True).order_by("id")
                       .values_list("slug", flat=True)[:40]),
        "activities": list(Activity.objects.filter(is_published=True).order_by("id")
                           .values_list("slug", flat=True)[:40]),
        "ideas": list(Idea.objects.published().order_by("id").values_list("slug", flat=True)),
        "opportunities": list(Opportunity.objects.filter(is_published=True, accepts_signups=True)
                              .order_by("id").values_list("slug", flat=True)),
        "neighbourhoods": list(Neighbourhood.objects.values_list("slug", flat=True)),
    }


def main():
    base, seconds, approvals, resident_actions = (
        sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    random.seed(1)
    rows = rows_to_use()
    users = get_user_model().objects
    staff = users.get_or_create(username="loadtest-staff@voorbeeld.example",
                                defaults={"is_staff": True})[0]
    partner = users.get_or_create(username="loadtest-partner@voorbeeld.example")[0]
    # Evenly spread: (moment, what) for every action, in time order.
    plan = sorted(
        [((i + 0.5) * seconds / approvals, "approval") for i in range(approvals)]
        + [((i + 0.25) * seconds / resident_actions, kind) for i, kind in zip(
            range(resident_actions), itertools.cycle(RESIDENT_ACTIONS), strict=False)])
    done = {"approval": 0, **dict.fromkeys(RESIDENT_ACTIONS, 0)}
    failed = {"approval": 0, **dict.fromkeys(RESIDENT_ACTIONS, 0)}
    changed_generation = 0
    statuses = []  # of the failed actions
    started = time.monotonic()
    for moment, kind in plan:
        time.sleep(max(0.0, started + moment - time.monotonic()))
        if kind == "approval":
            approve_a_change(staff, partner, rows)
            done[kind] += 1
            continue
        before = cache.get(GENERATION_KEY)
        status = RESIDENT_ACTIONS[kind](f"{base}", rows)
        changed_generation += cache.get(GENERATION_KEY) != before
        if status == 200:  # after the redirect to the page that says it worked
            done[kind] += 1
        else:
            failed[kind] += 1
            statuses.append(f"{kind} {status}")
    print(json.dumps({"done": done, "failed": failed, "failures": statuses[:20],
                      "resident_actions_that_changed_the_generation": changed_generation}))


if __name__ == "__main__":
    main()
