"""Give a few demo initiatives and places a picture, so the cards and pages with images can be
seen after ``make setup``: flat illustrations (zuidwest.images.illustrations), never photos,
with a description that says so. Only rows marked as demo content get one.

The picture goes through the same processing as a partner's upload (checked, re-encoded, WebP
renditions). A row that already has a picture keeps it (only missing renditions are made), so a
second run changes nothing.
"""

from django.core.management.base import BaseCommand

from locations.models import Place
from zuidwest.images.illustrations import illustration
from zuidwest.images.processing import make_renditions, reencode

from ...models import Initiative

# What each drawing shows, as its alt text: content, in Dutch like the rest of the demo data.
DESCRIPTIONS = {
    "table": "Illustratie, geen foto: een ronde tafel met gekleurde stippen eromheen, "
             "zoals buren die samen aan tafel zitten.",
    "garden": "Illustratie, geen foto: groene heuvels met plantenbedden en struiken onder een "
              "lage zon.",
    "workshop": "Illustratie, geen foto: een werkplaats met een rek gereedschap, een wiel en "
                "blokken.",
    "energy": "Illustratie, geen foto: een dak vol zonnepanelen onder een grote zon.",
    "flats": "Illustratie, geen foto: flats met rijen ramen onder een gele zon.",
    "books": "Illustratie, geen foto: een boekenkast met boeken in veel kleuren.",
}

# (model, image field, alt text field) -> {slug of a demo row: motif}. Not every demo row gets
# one: a list of cards with and without a picture is what the site will look like.
DEMO_IMAGES = {
    (Initiative, "cover_image", "cover_image_alt"): {
        "buurtkamer-de-vier-windstreken": "table",
        "samen-moestuinieren-in-vrederust": "garden",
        "wijkbedrijf-zuidwester": "workshop",
        "energiecoaches-uit-de-wijk": "energy",
    },
    (Place, "image", "image_alt"): {
        "buurthuis-het-middelpunt": "flats",
        "ontmoetingstuin-de-zonnebloem": "garden",
        "leeshoek-de-bladwijzer": "books",
        "buurtkamer-de-theepot": "table",
    },
}


class Command(BaseCommand):
    help = (
        "Give a few demo initiatives and places an illustration (drawn, not a photo) with its "
        "WebP renditions. Only rows marked as demo; rows with a picture are left alone."
    )

    def handle(self, *args, **options):
        added = renditions = 0
        for (model, field, alt_field), motifs in DEMO_IMAGES.items():
            for slug, motif in motifs.items():
                record = model._default_manager.filter(slug=slug, is_demo=True).first()
                # None: the demo data is not loaded, or this row is real content.
                if record is not None:
                    added_one, made = self.illustrate(record, field, alt_field, slug, motif)
                    added += added_one
                    renditions += made
        self.stdout.write(self.style.SUCCESS(
            f"{added} demo illustrations added, {renditions} missing renditions made."
        ))

    def illustrate(self, record, field, alt_field, slug, motif):
        """Give ``record`` its drawing unless it has a picture; (1 or 0 added, renditions made)."""
        current = getattr(record, field)
        if current and current.storage.exists(current.name):
            return 0, len(make_renditions(current))
        clean = reencode(illustration(motif, seed=slug))
        # A fixed name ("demo-<slug>-1280x720.jpg" rather than a random one): loaddata empties
        # the field again on the next `make setup`, and then the file drawn before is used
        # instead of being left behind.
        name = f"demo-{slug}-{clean.name.split('-', 1)[1]}"
        stored = record._meta.get_field(field).generate_filename(record, name)
        if current.storage.exists(stored):
            setattr(record, field, stored)
        else:
            current.save(name, clean, save=False)
        setattr(record, alt_field, DESCRIPTIONS[motif])
        # save(): the usual signals run (cache, rendition task); the renditions are also made
        # here, so they exist whichever task backend is configured.
        record.save(update_fields=[field, alt_field, "updated_at"])
        return 1, len(make_renditions(getattr(record, field)))
