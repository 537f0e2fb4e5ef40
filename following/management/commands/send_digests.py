"""Queue the weekly digests now: `manage.py send_digests` queues those that are due (as the
daily job does on Mondays); `--force` queues every follower's, however recent its last one.
With the immediate task backend (development, tests) they are sent before the command ends;
in production the worker sends them."""

from django.core.management.base import BaseCommand

from following.tasks import queue_digests


class Command(BaseCommand):
    help = "Queue the weekly digests of following by e-mail (--force: also those not due)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Send every follower's digest now, also when not due.")

    def handle(self, *args, force=False, **options):
        count = queue_digests(force=force)
        self.stdout.write(f"Queued the digests of {count} followers.")
