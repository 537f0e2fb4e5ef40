from django.core.management.base import BaseCommand

from zuidwest.tasks import enqueue_daily_tasks


class Command(BaseCommand):
    help = ("Queue the daily background jobs (refresh_occurrences, delete_expired_signups) for "
            "the task worker. Run it once a day (deploy/systemd/zuidwest-daily.timer).")

    def handle(self, *args, **options):
        for result in enqueue_daily_tasks():
            self.stdout.write(f"{result.task.module_path}: {result.id} ({result.status})")
