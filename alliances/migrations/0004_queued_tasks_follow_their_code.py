"""Tasks queued before partner accounts moved to alliances/accounts/ name their function by its
old module; the worker finds it under the new one."""

from django.db import migrations

MOVED_TASKS = {
    "alliances.invitations.send_invitation": "alliances.accounts.invitations.send_invitation",
    "alliances.password_reset.send_password_reset":
        "alliances.accounts.password_reset.send_password_reset",
}


def rename(apps, mapping):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in mapping.items():
        DBTaskResult.objects.filter(task_path=old).update(task_path=new)


class Migration(migrations.Migration):

    dependencies = [
        ("alliances", "0003_alliance_members_description"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, MOVED_TASKS),
            lambda apps, schema_editor: rename(apps, {new: old for old, new in MOVED_TASKS.items()}),
        ),
    ]
