from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from zuidwest import caching
from zuidwest.images.processing import (
    inspect_upload,
    make_renditions,
    reencode,
    stored_dimensions,
)
from zuidwest.images.signals import image_fields


class Command(BaseCommand):
    help = (
        "Make the missing WebP renditions of every stored photo (initiatives and places). "
        "Safe to run again: existing renditions are kept. With --reencode, photos uploaded "
        "before uploads were cleaned are checked and stored again without metadata."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reencode", action="store_true",
            help="Also re-encode older photos (names without <width>x<height>); the old files "
                 "are listed, not deleted, because page revisions may still refer to them.",
        )

    def handle(self, *args, **options):
        reencode_old = options["reencode"]
        created = failed = reencoded = 0
        for model, field in image_fields():
            records = model._default_manager.exclude(**{field: ""}).order_by("pk")
            for record in records.iterator():
                field_file = getattr(record, field)
                try:
                    if reencode_old and not stored_dimensions(field_file.name):
                        old_name = self.reencode(record, field)
                        reencoded += 1
                        self.stdout.write(
                            f"{model._meta.label} {record.pk}: {old_name} -> "
                            f"{getattr(record, field).name} (old file kept)"
                        )
                    created += len(make_renditions(getattr(record, field)))
                except (ValidationError, OSError) as error:
                    failed += 1
                    reason = "; ".join(getattr(error, "messages", [str(error)]))
                    self.stderr.write(
                        f"{model._meta.label} {record.pk} ({field_file.name}): {reason}"
                    )
        self.stdout.write(self.style.SUCCESS(
            f"{created} renditions made, {reencoded} photos re-encoded, {failed} failed."
        ))

    def reencode(self, record, field):
        field_file = getattr(record, field)
        old_name = field_file.name
        with field_file.open("rb"):
            info = inspect_upload(field_file)
            clean = reencode(field_file, info)
        field_file.save(clean.name, clean, save=False)
        # update() rather than save(): only this column changes, no other rules run.
        type(record)._default_manager.filter(pk=record.pk).update(**{field: field_file.name})
        caching.content_changed()  # update() sends no signals
        return old_name
