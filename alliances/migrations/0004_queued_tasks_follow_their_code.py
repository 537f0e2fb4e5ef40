"""Tasks queued before partner accounts moved to alliances/accounts/ name their function by its
old module; the worker finds it under the new one."""

from django.db import migrations

from zuidwest.migration_operations import rename_queued_tasks

MOVED_TASKS = {
    "alliances.invitations.send_invitation": "alliances.accounts.invitations.send_invitation",
    "alliances.password_reset.send_password_reset":
        "alliances.accounts.password_reset.send_password_reset",
}


class Migration(migrations.Migration):

    dependencies = [
        ("alliances", "0003_alliance_members_description"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        rename_queued_tasks(MOVED_TASKS),
    ]
