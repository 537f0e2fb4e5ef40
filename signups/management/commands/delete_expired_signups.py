from django.core.management.base import BaseCommand

from ...models import Signup


class Command(BaseCommand):
    help = ("Delete the sign-ups kept past their last day (Signup.delete_after; the rule is on "
            "the privacy page). Run it daily.")

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, quiet=False, **options):
        deleted, _rows = Signup.objects.expired().delete()
        if not quiet:
            self.stdout.write(f"{deleted} expired sign-ups deleted.")
