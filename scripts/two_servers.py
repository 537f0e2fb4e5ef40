"""Two app servers at once: what holds when the portal runs on several machines.

    .venv/bin/python scripts/two_servers.py [--postgres URL] [--database NAME]
                                            [--redis-url URL] [--keep]

Starts two gunicorn instances (A and B, 2 workers each) with production settings on one
PostgreSQL database and one Redis database (the database is made anew; the Redis database is
EMPTIED), as two machines behind a load balancer would run. Requests go straight to each
server with the headers nginx adds (X-Forwarded-Proto: https). Then:

1. a partner logs in on A and carries on on B with the same session cookie;
2. the partner edits a place on B and sends it for review; B does not show it yet; staff log
   in on A (with their TOTP code) and approve it; the place page on B shows it within a
   second (with a page cache this proves that a publish on one server clears the cache of the
   other; B's processes keep a page they served for PAGE_CACHE_LOCAL_SECONDS);
3. staff add allocations from one funding source through the admin's add form, 8 at the same
   moment, 4 on each server, each for 2/7 of what the source has left: exactly 3 fit, the
   other 5 are refused with the Dutch message, and the source is never over-allocated.
"""

import argparse
import os
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

from production_kit import (
    Browser,
    Processes,
    approve_in_admin,
    check,
    clean_up,
    create_accounts,
    find_form,
    flush_redis,
    form_errors,
    fresh_database,
    gunicorn_command,
    log_in_partner,
    log_in_staff,
    manage,
    production_env,
    run,
    say,
    setup_django,
)

SITE_URL = "https://portal.zuidwest.test"
PORTS = {"A": 8155, "B": 8156}
CONCURRENT_ALLOCATIONS = 8
ALLOCATION_PATH = "/beheer/funding/allocation/add/"
REFUSED = "Dit past niet in"


def server(name, cookies=None):
    browser = Browser(SITE_URL, port=PORTS[name], headers={"X-Forwarded-Proto": "https"})
    browser.cookies.update(cookies or {})
    return browser


def check_session_across(partner, password):
    on_a = server("A")
    log_in_partner(on_a, partner.email, password)
    on_b = server("B", on_a.cookies)
    dashboard = on_b.get("/partner/")
    organisation = partner.partner_memberships.get().organisation.name
    check(dashboard.status == 200, f"B: /partner/ with A's session: {dashboard.status} "
          f"{dashboard.header('Location')}")
    check(organisation in dashboard.text, "B shows the partner's own dashboard")
    say("partner logged in on A; B knows the session (the partner's dashboard, 200)")
    return on_b


def check_publish_across(partner_on_b, staff_on_a, place):
    from zuidwest.review.models import Revision

    marker = f"Nieuw: elke woensdag koffie ({os.urandom(3).hex()})."
    resident_on_b = server("B")
    before = resident_on_b.get(place.get_absolute_url())
    check(before.status == 200 and marker not in before.text, "B: the place page before")

    edit_path = f"/partner/plekken/{place.pk}/bewerken/"
    page = partner_on_b.get(edit_path)
    check(page.status == 200, f"B: {edit_path}: {page.status}")
    form = find_form(page.text, containing="indienen")
    description = dict(form.fields).get("description", "")
    sent = partner_on_b.submit(edit_path, form, {
        "indienen": "1", "description": f"{description}\n\n{marker}".strip()})
    check(sent.status == 302, f"B: sending the place: {sent.status} {form_errors(sent.text)}")
    waiting = resident_on_b.get(place.get_absolute_url())
    check(marker not in waiting.text, "B shows a version that waits for review")
    # Nothing public changed yet, so B answers from the shared cache: what follows proves
    # that a publish on A empties it for B.
    check(waiting.header("x-page-cache") == "hit",
          f"B serves the place page from the cache: {waiting.header('x-page-cache')}")

    revision = Revision.objects.filter(object_id=place.pk, state="submitted").latest("pk")
    approve_in_admin(staff_on_a, revision)
    # B's processes may keep the page they served for PAGE_CACHE_LOCAL_SECONDS (a second in
    # production) before they look in the shared cache again.
    from django.conf import settings

    time.sleep(settings.PAGE_CACHE_LOCAL_SECONDS)
    after = resident_on_b.get(place.get_absolute_url())
    check(after.status == 200 and marker in after.text,
          "B shows the version approved on A within the second its processes keep a page")
    check(after.header("x-page-cache") == "miss", "B built the page anew after the publish")
    say("partner sent a change on B; staff approved it on A; B, which served the page from "
        "the cache, shows it within a second")


def check_concurrent_allocations(staff_cookies):
    from funding.models import Allocation, FundingSource
    from initiatives.models import Initiative

    source = FundingSource.objects.order_by("pk").first()
    initiative = Initiative.objects.order_by("pk").first()
    remaining = source.remaining_amount()
    amount = (remaining * 2 / 7).quantize(Decimal("0.01"))
    check(amount > 0, f"{source} has money left to allocate ({remaining})")
    fitting = int(remaining // amount)  # 3: 6/7 fits, 8/7 does not

    barrier = threading.Barrier(CONCURRENT_ALLOCATIONS)
    results = [None] * CONCURRENT_ALLOCATIONS

    def allocate(number):
        name = "AB"[number % 2]
        browser = server(name, staff_cookies)
        page = browser.get(ALLOCATION_PATH)
        check(page.status == 200, f"{name}: {ALLOCATION_PATH}: {page.status}")
        form = find_form(page.text, containing="_save")
        barrier.wait(timeout=60)
        response = browser.submit(ALLOCATION_PATH, form, {
            "initiative": initiative.pk, "source": source.pk, "amount": str(amount),
            "year": "2026", "decision_date": "2026-11-30",
            "reference": f"TWEE-SERVERS-{number}", "note": f"server {name}", "_save": "1"})
        refused = response.status == 200 and REFUSED in " ".join(form_errors(response.text))
        results[number] = (name, response.status, refused)

    threads = [threading.Thread(target=allocate, args=(n,)) for n in range(len(results))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check(all(results), f"every request got an answer: {results}")
    saved = [r for r in results if r[1] == 302]
    refused = [r for r in results if r[2]]
    check(len(saved) + len(refused) == len(results),
          f"each allocation was saved (302) or refused with the Dutch message: {results}")
    made = Allocation.objects.filter(reference__startswith="TWEE-SERVERS-")
    source.refresh_from_db()
    check(len(saved) == fitting == made.count(),
          f"{fitting} allocations fit; saved {len(saved)}, in the database {made.count()}")
    check(source.remaining_amount() >= 0, f"{source} is over-allocated: "
          f"{source.remaining_amount()} left")
    by_server = {name: sum(1 for r in saved if r[0] == name) for name in PORTS}
    say(f"{len(results)} allocations of EUR {amount} at once on A and B, "
        f"EUR {remaining} left: {len(saved)} saved ({by_server}), {len(refused)} refused "
        f"with the Dutch message; EUR {source.remaining_amount()} left, never below 0")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get(
        "CI_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", default="zuidwest_two_servers")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10",
                        help="a Redis database this test may empty")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory and the database")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="zuidwest-two-servers-"))
    for name in ("media", "static", "logs"):
        (workdir / name).mkdir()
    say(f"working in {workdir}")
    database_created = False
    try:
        database_url = fresh_database(args.postgres, args.database)
        database_created = True
        flush_redis(args.redis_url)
        env = production_env(workdir=workdir, site_url=SITE_URL, database_url=database_url,
                             redis_url=args.redis_url)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "loaddata", "fixtures/programme.json", "fixtures/demo.json")
        setup_django(env)
        from locations.models import Place

        place = Place.objects.published().exclude(managing_organisation=None).order_by(
            "pk").first()
        partner, staff, device, password = create_accounts(place.managing_organisation)
        with Processes(workdir / "logs") as processes:
            for name, port in PORTS.items():
                processes.start(f"gunicorn-{name}", gunicorn_command(port, workdir), env=env,
                                port=port)
            partner_on_b = check_session_across(partner, password)
            staff_on_a = server("A")
            log_in_staff(staff_on_a, staff.username, password, device)
            check_publish_across(partner_on_b, staff_on_a, place)
            check_concurrent_allocations(staff_on_a.cookies)
        say("TWO SERVERS TEST PASSED")
    finally:
        clean_up(database_created=database_created, keep=args.keep, server_url=args.postgres,
                 database=args.database, workdir=workdir)


if __name__ == "__main__":
    run(main, "TWO SERVERS TEST")
