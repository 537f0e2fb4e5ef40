"""Each sign-up remembers the organisation the resident signed up with; existing ones get the
page's owner of today (the best that is known)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_organisation(apps, schema_editor):
    Signup = apps.get_model("signups", "Signup")
    Opportunity = apps.get_model("work", "Opportunity")
    Activity = apps.get_model("locations", "Activity")
    Signup.objects.filter(opportunity__isnull=False).update(organisation=Subquery(
        Opportunity.objects.filter(pk=OuterRef("opportunity")).values("organisation")[:1]))
    Signup.objects.filter(activity__isnull=False).update(organisation=Subquery(
        Activity.objects.filter(pk=OuterRef("activity")).values("organiser")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("alliances", "0004_queued_tasks_follow_their_code"),
        ("locations", "0008_form_of_address"),
        ("work", "0001_initial"),
        ("signups", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="signup",
            name="organisation",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="alliances.organisation",
                                    verbose_name="organisatie"),
        ),
        migrations.RunPython(fill_organisation, migrations.RunPython.noop),
    ]
