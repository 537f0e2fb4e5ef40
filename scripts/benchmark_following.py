"""Measure the weekly digests of following by e-mail: 10,000 followers over ten times the data.

    .venv/bin/python scripts/benchmark_following.py [--followers 10000] [--database URL]

Builds a throwaway SQLite database (or fills the empty PostgreSQL database in --database, whose
name must contain "bench"), loads the programme and demo fixtures and the data of the load test
(scripts/benchdata.py: 1,000 initiatives, 20,000 activities at 200 places) plus opportunities
and news, and followers of neighbourhoods, places, initiatives and the finder's answers. Then it
sends every digest as `manage.py send_digests --force` does, batch by batch, to Django's
in-memory mailbox, and prints the time, the mails and the queries per batch.

It fails (exit status 1) when building and sending the digests takes 60 s or more of processor
time, or when the queries of a batch grow with the number of followers per subject: a batch of
followers who all follow the same subjects must take as many queries as a batch of a few.
Processor time, not the clock: SQLite runs inside the process, so on an idle machine the two
are close, and on a shared machine the clock mostly measures the other processes. Both are
printed."""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

LIMIT_SECONDS = 60
INITIATIVES, ACTIVITIES, PLACES = 1000, 20000, 200  # as scripts/loadtest.py
OPPORTUNITIES, UPDATES = 2000, 5000


def prepare(url):
    if url and "bench" not in url.rsplit("/", 1)[-1] and not url.startswith("sqlite"):
        sys.exit('Refusing a database whose name does not contain "bench".')
    os.environ["DATABASE_URL"] = url or f"sqlite:///{tempfile.mkdtemp()}/following.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuidwest.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_TASK_BACKEND"] = "immediate"


def add_opportunities_and_news(rng):
    """Opportunities (a quarter of them new this week) and news of the initiatives."""
    import datetime

    from django.utils import timezone

    from alliances.models import Organisation
    from initiatives.models import Initiative, Update
    from locations.models import Neighbourhood, Place
    from work.models import Opportunity

    now = timezone.now()
    organisation = Organisation.objects.order_by("pk").first()
    places = list(Place.objects.values_list("pk", flat=True))
    hoods = list(Neighbourhood.objects.values_list("pk", flat=True))
    initiatives = list(Initiative.objects.values_list("pk", flat=True))
    kinds = [value for value, _label in Opportunity.Kind.choices]
    made = Opportunity.objects.bulk_create([
        Opportunity(title=f"Kans {n}", slug=f"bench-kans-{n}", kind=kinds[n % len(kinds)],
                    organisation=organisation, summary="Gegenereerd voor de meting.",
                    place_id=places[n % len(places)] if n % 3 else None,
                    neighbourhood_id=None if n % 3 else hoods[n % len(hoods)],
                    initiative_id=initiatives[n % len(initiatives)] if n % 2 else None,
                    age_from=rng.choice([None, 16, 18, 23]), age_to=rng.choice([None, 27, 67]),
                    no_diploma_needed=n % 2 == 0, pay=rng.choice(["betaald", "onbetaald"]),
                    how_to_apply="Bel ons.", is_published=True, is_demo=True)
        for n in range(OPPORTUNITIES)
    ], batch_size=500)
    old = [item.pk for n, item in enumerate(made) if n % 4]
    Opportunity.objects.filter(pk__in=old).update(created_at=now - datetime.timedelta(days=30))
    updates = Update.objects.bulk_create([
        Update(initiative_id=initiatives[n % len(initiatives)], title=f"Nieuws {n}",
               published_on=timezone.localdate(), body="Gegenereerd.")
        for n in range(UPDATES)
    ], batch_size=1000)
    Update.objects.filter(pk__in=[item.pk for n, item in enumerate(updates) if n % 5]).update(
        created_at=now - datetime.timedelta(days=30))


def finder_keys():
    from urllib.parse import urlencode

    from work.public import Wish

    return [urlencode({"age": age, "diploma": diploma, "wish": wish})
            for age in (16, 19, 23, 30, 45) for diploma in ("ja", "nee")
            for wish, _label in Wish.choices]


def add_followers(count, rng):
    """`count` confirmed followers, each of 1 to 4 subjects of every kind."""
    import datetime

    from django.utils import timezone

    from following.models import Follower, Subscription
    from initiatives.models import Initiative
    from locations.models import Neighbourhood, Place

    subjects = ([("wijk", slug) for slug in Neighbourhood.objects.values_list("slug", flat=True)]
                + [("plek", slug) for slug in Place.objects.published()
                   .values_list("slug", flat=True)]
                + [("initiatief", slug) for slug in Initiative.objects.published()
                   .values_list("slug", flat=True)]
                + [("kansen", key) for key in finder_keys()])
    confirmed = timezone.now() - datetime.timedelta(days=60)
    followers = Follower.objects.bulk_create([
        Follower(email=f"volger{n}@bench.example", confirmed_at=confirmed,
                 last_digest_at=confirmed + datetime.timedelta(days=53))
        for n in range(count)
    ], batch_size=2000)
    Subscription.objects.bulk_create([
        Subscription(follower=follower, kind=kind, key=key, created_at=confirmed)
        for follower in followers
        for kind, key in rng.sample(subjects, rng.randint(1, 4))
    ], batch_size=5000)
    return subjects


def queries_of_batch(ids):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from following import tasks

    with CaptureQueriesContext(connection) as queries:
        tasks.send_digest_batch.call(ids, timezone.now().isoformat(), True)
    return len(queries)


def same_subjects_batches(subjects):
    """Two batches whose followers all follow the same four subjects, one of each kind: 2 and
    BATCH_SIZE followers. Their query counts must be equal."""
    from following.models import Follower, Subscription
    from following.tasks import BATCH_SIZE

    chosen = [next(item for item in subjects if item[0] == kind)
              for kind in ("wijk", "plek", "initiatief", "kansen")]
    batches = []
    for size in (2, BATCH_SIZE):
        made = Follower.objects.bulk_create([
            Follower(email=f"zelfde{size}-{n}@bench.example") for n in range(size)])
        Subscription.objects.bulk_create([
            Subscription(follower=follower, kind=kind, key=key)
            for follower in made for kind, key in chosen])
        batches.append([follower.pk for follower in made])
    return batches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10000)
    parser.add_argument("--database", help="a DATABASE_URL; default: a temporary SQLite file")
    args = parser.parse_args()
    prepare(args.database)

    import django

    django.setup()
    from benchdata import add_activities, add_initiatives, analyze
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from following import tasks
    from following.models import Follower

    # Mail into django.core.mail.outbox: built as for SMTP, kept in memory.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    rng = random.Random(22)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "fixtures/programme.json", "fixtures/demo.json", verbosity=0)
    add_initiatives(INITIATIVES)
    from initiatives.models import Initiative
    from locations.models import Place

    Initiative.objects.update(is_published=True)
    add_activities(ACTIVITIES, PLACES)
    Place.objects.update(is_published=True)
    from locations.models import Activity

    Activity.objects.update(is_published=True)
    call_command("refresh_occurrences", quiet=True)
    add_opportunities_and_news(rng)
    subjects = add_followers(args.followers, rng)
    analyze()
    print(f"Data ready in {time.perf_counter() - started:.0f} s ({connection.vendor}): "
          f"{INITIATIVES} initiatives, {ACTIVITIES} activities at {PLACES} places, "
          f"{OPPORTUNITIES} opportunities, {UPDATES} news items, {args.followers} followers "
          f"of {len(subjects)} subjects.")

    ids = list(Follower.objects.order_by("pk").values_list("pk", flat=True))
    queued_at = timezone.now().isoformat()
    batch_queries = []
    started, cpu_started = time.perf_counter(), time.process_time()
    from django.test.utils import CaptureQueriesContext

    for batch in tasks.batches(ids):
        with CaptureQueriesContext(connection) as queries:
            tasks.send_digest_batch.call(batch, queued_at, True)
        batch_queries.append(len(queries))
    seconds = time.process_time() - cpu_started
    clock = time.perf_counter() - started
    sent = len(mail.outbox)
    print(f"Digests: {len(ids)} followers in {len(batch_queries)} batches of "
          f"{tasks.BATCH_SIZE}: {seconds:.1f} s of processor time ({clock:.1f} s by the clock, "
          f"load average {os.getloadavg()[0]:.1f}), {sent} mails sent, "
          f"{len(ids) - sent} with nothing new.")
    print(f"Queries per batch: min {min(batch_queries)}, max {max(batch_queries)} "
          f"(total {sum(batch_queries)}).")

    few, many = same_subjects_batches(subjects)
    few_queries, many_queries = queries_of_batch(few), queries_of_batch(many)
    print(f"Same four subjects: {len(few)} followers {few_queries} queries, "
          f"{len(many)} followers {many_queries} queries.")

    failed = False
    if seconds >= LIMIT_SECONDS:
        print(f"FAIL: the digests took {seconds:.1f} s of processor time, the limit is "
              f"{LIMIT_SECONDS} s.")
        failed = True
    if many_queries != few_queries:
        print("FAIL: the queries grow with the number of followers per subject.")
        failed = True
    if not failed:
        print("OK")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
