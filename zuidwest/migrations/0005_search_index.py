"""The search index (zuidwest/search/index.py): one entry per searchable row, with GIN indexes
on PostgreSQL for its full-text vector and, with pg_trgm's operator class, its folded title.

The title is stored folded (lower case, no accents) when the entry is written, so the trigram
index is on the plain column and needs no immutable wrapper around unaccent(). Entries for
rows that exist already are written after migrate (zuidwest.search.index.fill_missing).
"""

import django.contrib.postgres.search
from django.db import migrations, models

CREATE_INDEXES = """
CREATE INDEX zuidwest_searchentry_document ON zuidwest_searchentry USING gin (document);
CREATE INDEX zuidwest_searchentry_title_trgm ON zuidwest_searchentry
    USING gin (title gin_trgm_ops);
"""

DROP_INDEXES = """
DROP INDEX IF EXISTS zuidwest_searchentry_title_trgm;
DROP INDEX IF EXISTS zuidwest_searchentry_document;
"""


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEXES)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("zuidwest", "0004_programme_office"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("search_type", models.CharField(max_length=40)),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.TextField()),
                ("text", models.TextField()),
                ("document", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("search_type", "object_id"),
                                            name="searchentry_one_per_row"),
                ],
            },
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
