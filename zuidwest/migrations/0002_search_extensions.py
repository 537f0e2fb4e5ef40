"""PostgreSQL extensions and a text search configuration for site search (zuidwest/search.py).

`dutch_unaccent` is Dutch (stemming, stop words) with accents removed first, so "cafe" finds
"Café" and "ideeen" finds "ideeën". On other databases every operation here does nothing.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_DUTCH_UNACCENT = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'dutch_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch);
        ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
    END IF;
END
$$;
"""

DROP_DUTCH_UNACCENT = "DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent;"


def create_dutch_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_DUTCH_UNACCENT)


def drop_dutch_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_DUTCH_UNACCENT)


class Migration(migrations.Migration):
    dependencies = [
        ("zuidwest", "0001_initial"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_dutch_unaccent, drop_dutch_unaccent),
    ]
