from django.core.management.base import BaseCommand

from locations.occurrences import refresh_occurrences, window


class Command(BaseCommand):
    help = "Rebuild the stored dates of all activities for the rolling window. Run it daily."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, quiet=False, **options):
        count = refresh_occurrences()
        if not quiet:
            first_day, last_day = window()
            self.stdout.write(f"{count} occurrences stored from {first_day} to {last_day}.")
