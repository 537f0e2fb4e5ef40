from django.core.management.base import BaseCommand, CommandError

from zuidwest.search import index, search_types


class Command(BaseCommand):
    help = ("Write the site search's index anew for every search type (or the given keys). "
            "Saves keep it current; run this after changing a type's fields or loading rows "
            "in bulk.")

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", help="search type keys, such as places; "
                                                    "default: all")

    def handle(self, *args, keys, **options):
        unknown = set(keys) - {search_type.key for search_type in search_types}
        if unknown:
            raise CommandError(f"Unknown search types: {', '.join(sorted(unknown))}")
        for search_type in sorted(search_types, key=lambda t: t.position):
            if not keys or search_type.key in keys:
                count = index.rebuild(search_type)
                if options["verbosity"]:
                    self.stdout.write(f"{search_type.key}: {count} rows")
