import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0006: PostgreSQL alters no table with row updates pending in the same
    transaction."""

    dependencies = [
        ('locations', '0006_occurrence_place_and_is_listed'),
    ]

    operations = [
        migrations.AlterField(
            model_name='occurrence',
            name='place',
            field=models.ForeignKey(db_index=False, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='locations.place', verbose_name='plek'),
        ),
        migrations.AddIndex(
            model_name='occurrence',
            index=models.Index(condition=models.Q(('is_listed', True)), fields=['starts_at', 'ends_at'], name='occurrence_listed_by_start'),
        ),
        migrations.AddIndex(
            model_name='occurrence',
            index=models.Index(fields=['place', 'starts_at'], name='occurrence_by_place_start'),
        ),
    ]
