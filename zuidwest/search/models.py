from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One searchable row of a registered search type, as the search reads it: kept current by
    zuidwest.search.index, never edited by hand. It holds every row, public or not: whether a
    row may be shown is asked of its type's public queryset at search time."""

    search_type = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    # Lower case without accents ("cafe de hoek"): the typo tolerance compares with it.
    title = models.TextField()
    # Every searched field the same way: the contains-search of SQLite looks in it.
    text = models.TextField()
    # PostgreSQL only: the weighted full-text vector (dutch_unaccent). Empty elsewhere.
    document = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search_type", "object_id"],
                                    name="searchentry_one_per_row"),
        ]

    def __str__(self):
        return f"{self.search_type} {self.object_id}"
