#!/usr/bin/env python
"""Screenshots of every kind of page at a phone width (390 px) and a desktop width (1280 px),
to look at the portal as residents, partners and staff see it.

Run it against a server on the same database, e.g. `make run` in one terminal and

    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000

in another. The pictures go to tmp/screenshots/ (ignored by git): <page>-<width>.png. Partner
and admin pages are taken logged in as the demo partner and the local admin account (`make run`
creates both); the script logs them in by making a session in the database, so it needs no
password. Pages that need a token from an e-mail are left out. Needs Chromium at
/usr/bin/chromium (or --chromium) and Playwright (in the dev dependencies).
"""

import argparse
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WIDTHS = (390, 1280)
PARTNER_EMAIL = "partner@voorbeeld.example"
ADMIN_USERNAME = "beheer"


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made to log in
    # (a session row) are plain blocking calls of a script, not of a server.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


def first_url(queryset):
    item = queryset.first()
    return item.get_absolute_url() if item is not None else None


def public_pages():
    """(name, path) of every kind of public page, the detail pages from the database."""
    from django.urls import reverse

    from alliances.models import Alliance, Organisation
    from ideas.models import Idea
    from initiatives.models import Initiative
    from locations.models import Activity, Neighbourhood, Place
    from work.models import Opportunity

    pages = [
        ("home", "/"), ("about", "/over-de-regio-deal/"), ("search", "/zoeken/?q=taal"),
        ("contact", "/contact/"), ("privacy", "/privacy/"),
        ("accessibility", "/toegankelijkheid/"),
        ("places", "/plekken/"), ("map", "/plekken/kaart/"),
        ("agenda", "/agenda/"), ("agenda-week", "/agenda/week/"),
        ("initiatives", "/initiatieven/"), ("opportunities", "/werk-en-leren/"),
        ("finder", reverse("work:opportunity_finder", kwargs={"step": 1})),
        ("neighbourhoods", "/wijken/"), ("alliances", "/alliantieraad/"),
        ("organisations", "/organisaties/"), ("money", "/geld/"), ("progress", "/voortgang/"),
        ("ideas", "/ideeen/"), ("idea-new", "/ideeen/nieuw/"), ("open-data", "/open-data/"),
        ("follow-sent", "/volgen/verstuurd/"), ("follow-stopped", "/volgen/gestopt/"),
        ("partner-login", "/partner/inloggen/"),
        ("password-reset", "/partner/wachtwoord/vergeten/"),
        ("not-found", "/deze-pagina-bestaat-niet/"),
    ]
    place = Place.objects.published().order_by("pk").first()
    details = [
        ("place", first_url(Place.objects.published().order_by("pk"))),
        ("place-print", reverse("locations:place_print", kwargs={"slug": place.slug})
         if place else None),
        ("activity", first_url(Activity.objects.published().order_by("pk"))),
        ("initiative", first_url(Initiative.objects.published().order_by("pk"))),
        ("opportunity", first_url(Opportunity.objects.published().order_by("pk"))),
        ("neighbourhood", first_url(Neighbourhood.objects.order_by("pk"))),
        ("alliance", first_url(Alliance.objects.order_by("pk"))),
        ("organisation", first_url(Organisation.objects.order_by("pk"))),
        ("idea", first_url(Idea.objects.published().order_by("pk"))),
    ]
    opportunity = Opportunity.objects.published().order_by("pk").first()
    if opportunity is not None:
        details.append(("signup-form", reverse("signups:opportunity_signup",
                                               kwargs={"slug": opportunity.slug})))
    idea = Idea.objects.published().order_by("pk").first()
    if idea is not None:
        details.append(("idea-support", reverse("ideas:support", kwargs={"slug": idea.slug})))
    return pages + [(name, path) for name, path in details if path]


def partner_pages():
    from django.urls import reverse

    from initiatives.models import Initiative
    from locations.models import Activity, Place
    from work.models import Opportunity
    from zuidwest.partner.accounts import organisations_of

    user = account(email=PARTNER_EMAIL)
    if user is None:
        return []
    organisations = organisations_of(user)
    pages = [("partner-dashboard", "/partner/"), ("partner-signups", "/partner/aanmeldingen/"),
             ("partner-figures", "/partner/cijfers/"), ("partner-ideas", "/partner/ideeen/"),
             ("partner-password", "/partner/wachtwoord/wijzigen/"),
             ("partner-new-place", "/partner/plekken/nieuw/"),
             ("partner-new-activity", "/partner/activiteiten/nieuw/"),
             ("partner-new-initiative", "/partner/initiatieven/nieuw/"),
             ("partner-new-opportunity", "/partner/kansen/nieuw/")]
    for name, model, url_name in (("place", Place, "place_edit"),
                                  ("activity", Activity, "activity_edit"),
                                  ("initiative", Initiative, "initiative_edit"),
                                  ("opportunity", Opportunity, "opportunity_edit")):
        item = owned_by(model, organisations).order_by("pk").first()
        if item is not None:
            pages.append((f"partner-edit-{name}",
                          reverse(f"partner:{url_name}", kwargs={"pk": item.pk})))
    organisation = organisations.order_by("pk").first()
    if organisation is not None:
        pages.append(("partner-invite",
                      reverse("accounts:invite", kwargs={"slug": organisation.slug})))
    return pages


def owned_by(model, organisations):
    """The rows of `model` whose (first) link to an organisation is one of `organisations`."""
    from django.db.models import Q

    from alliances.models import Organisation

    links = [field.name for field in model._meta.get_fields()
             if getattr(field, "related_model", None) is Organisation and field.many_to_one]
    if not links:
        return model.objects.none()
    query = Q()
    for link in links:
        query |= Q(**{f"{link}__in": organisations})
    return model.objects.filter(query)


def admin_pages():
    from zuidwest.models import Revision

    pages = [("admin-index", "/beheer/"), ("admin-review-list", "/beheer/zuidwest/revision/"),
             ("admin-places", "/beheer/locations/place/"),
             ("admin-annual-report", "/beheer/progress/reportnarrative/jaarverslag/")]
    waiting = Revision.objects.filter(state=Revision.State.SUBMITTED).order_by("pk").first()
    revision = waiting or Revision.objects.order_by("pk").first()
    if revision is not None:
        pages.append(("admin-review", f"/beheer/zuidwest/revision/{revision.pk}/change/"))
    return pages


def account(**lookup):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(**lookup).first()


def session_cookie(user):
    """A logged-in session for `user` in the database, as the login page would make."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


def shoot(browser, base_url, pages, out, cookie=None):
    from urllib.parse import urlsplit

    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      locale="nl-NL", timezone_id="Europe/Amsterdam")
        if cookie:
            context.add_cookies([{**cookie, "domain": urlsplit(base_url).hostname,
                                  "path": "/"}])
        page = context.new_page()
        for name, path in pages:
            response = page.goto(base_url + path, wait_until="networkidle")
            target = out / f"{name}-{width}.png"
            page.screenshot(path=target, full_page=True)
            status = response.status if response else "?"
            print(f"{status} {width:>4} {path} -> {target.relative_to(BASE_DIR)}")
        context.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(BASE_DIR / "tmp" / "screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--only", help="take only the pages whose name contains this")
    args = parser.parse_args()
    setup_django()
    from playwright.sync_api import sync_playwright

    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    base_url = args.base_url.rstrip("/")
    # (pages, who to log in as, whether the pages need that login)
    groups = [(public_pages(), None, False),
              (partner_pages(), account(email=PARTNER_EMAIL), True),
              (admin_pages(), account(username=ADMIN_USERNAME), True)]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium)
        for pages, user, needs_login in groups:
            chosen = [(name, path) for name, path in pages
                      if not args.only or args.only in name]
            if not chosen or (needs_login and user is None):
                continue
            shoot(browser, base_url, chosen, out, session_cookie(user) if user else None)
        browser.close()


if __name__ == "__main__":
    main()
