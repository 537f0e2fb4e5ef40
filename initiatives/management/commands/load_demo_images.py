"""Give a few demo initiatives and places a picture, so the cards and pages with images can be
seen after ``make setup``: flat illustrations (zuidwest.images.illustrations), never photos,
with a description that says so. Only rows marked as demo content get one.

The picture goes through the same processing as a partner's upload (checked, re-encoded, WebP
renditions). A row that already has a picture keeps it (only missing renditions are made), so a
second run changes nothing.
"""

from django.core.management.base import BaseCommand

from initiatives.models import Initiative
from locations.models import Place
from zuidwest.images.illustrations import illustration
from zuidwest.images.processing import make_renditions, reencode

# (model, image field, alt text field, slug, motif, description). The descriptions are content,
# in Dutch like the rest of the demo data.
DEMO_IMAGES = [
    (Initiative, "cover_image", "cover_image_alt", "buurtkamer-de-vier-windstreken", "table",
     "Illustratie, geen foto: een ronde tafel met gekleurde stippen eromheen, "
     "zoals buren die samen aan tafel zitten."),
    (Initiative, "cover_image", "cover_image_alt", "samen-moestuinieren-in-vrederust", "garden",
     "Illustratie, geen foto: groene heuvels met moestuinbedden en struiken onder een lage zon."),
    (Initiative, "cover_image", "cover_image_alt", "wijkbedrijf-zuidwester", "workshop",
     "Illustratie, geen foto: een werkplaats met een rek gereedschap, een wiel en blokken."),
    (Initiative, "cover_image", "cover_image_alt", "energiecoaches-uit-de-wijk", "energy",
     "Illustratie, geen foto: een dak vol zonnepanelen onder een grote zon."),
    (Place, "image", "image_alt", "buurthuis-het-middelpunt", "flats",
     "Illustratie, geen foto: flats met rijen ramen onder een gele zon."),
    (Place, "image", "image_alt", "ontmoetingstuin-de-zonnebloem", "garden",
     "Illustratie, geen foto: groene heuvels met plantenbedden en struiken onder een lage zon."),
    (Place, "image", "image_alt", "leeshoek-de-bladwijzer", "books",
     "Illustratie, geen foto: een boekenkast met boeken in veel kleuren."),
    (Place, "image", "image_alt", "buurtkamer-de-theepot", "table",
     "Illustratie, geen foto: een ronde tafel met gekleurde stippen eromheen, "
     "zoals buren die samen aan tafel zitten."),
]


class Command(BaseCommand):
    help = (
        "Give a few demo initiatives and places an illustration (drawn, not a photo) with its "
        "WebP renditions. Only rows marked as demo; rows with a picture are left alone."
    )

    def handle(self, *args, **options):
        added = renditions = 0
        for model, field, alt_field, slug, motif, alt in DEMO_IMAGES:
            record = model._default_manager.filter(slug=slug, is_demo=True).first()
            if record is None:  # the demo data is not loaded, or this row is real content
                continue
            current = getattr(record, field)
            if current and current.storage.exists(current.name):
                renditions += len(make_renditions(current))
                continue
            clean = reencode(illustration(motif, seed=slug))
            # A fixed name ("demo-<slug>-1280x720.jpg" rather than a random one): loaddata
            # empties the field again on the next `make setup`, and then the file drawn before
            # is used instead of leaving it behind.
            name = f"demo-{slug}-{clean.name.split('-', 1)[1]}"
            stored = record._meta.get_field(field).generate_filename(record, name)
            if current.storage.exists(stored):
                setattr(record, field, stored)
            else:
                current.save(name, clean, save=False)
            setattr(record, alt_field, alt)
            # save(): the usual signals run (cache, rendition task); the renditions are also
            # made here, so they exist whichever task backend is configured.
            record.save(update_fields=[field, alt_field, "updated_at"])
            renditions += len(make_renditions(getattr(record, field)))
            added += 1
        self.stdout.write(self.style.SUCCESS(
            f"{added} demo illustrations added, {renditions} renditions made."
        ))
