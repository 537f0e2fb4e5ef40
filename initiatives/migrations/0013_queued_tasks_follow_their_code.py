"""Tasks queued before the split name their function by its old module
(initiatives.signup_mail.send_confirmation); the worker finds it under the new one."""

from django.db import migrations

from zuidwest.migration_operations import rename_queued_tasks

MOVED_TASKS = {
    "initiatives.signup_mail.send_confirmation": "signups.mail.send_confirmation",
    "initiatives.signup_mail.notify_organisation": "signups.mail.notify_organisation",
    "initiatives.tasks.delete_expired_signups": "signups.tasks.delete_expired_signups",
}


class Migration(migrations.Migration):

    dependencies = [
        ("initiatives", "0012_move_models_to_their_apps"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        rename_queued_tasks(MOVED_TASKS),
    ]
