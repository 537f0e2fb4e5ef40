import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_from_activities(apps, schema_editor):
    """Each stored date gets its activity's place, and is listed when the activity is
    published at a published place."""
    Activity = apps.get_model("locations", "Activity")
    Occurrence = apps.get_model("locations", "Occurrence")
    Occurrence.objects.update(place_id=Subquery(
        Activity.objects.filter(pk=OuterRef("activity_id")).values("place_id")[:1]))
    Occurrence.objects.filter(activity__is_published=True,
                              activity__place__is_published=True).update(is_listed=True)


class Migration(migrations.Migration):

    dependencies = [
        ('locations', '0005_activity_accepts_signups'),
    ]

    operations = [
        migrations.AddField(
            model_name='occurrence',
            name='is_listed',
            field=models.BooleanField(default=False, editable=False, verbose_name='in de agenda'),
        ),
        migrations.AddField(
            model_name='occurrence',
            name='place',
            field=models.ForeignKey(db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='locations.place', verbose_name='plek'),
        ),
        migrations.RunPython(fill_from_activities, migrations.RunPython.noop),
    ]
