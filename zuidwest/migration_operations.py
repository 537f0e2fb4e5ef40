"""Operations the migrations of several apps share when code moves between apps. Migrations
import them by path, so keep their names and behaviour stable."""

from django.db import migrations


def move_content_types(old_app, new_app, models):
    """Give the existing content types of `models` the new app label, so permissions, admin
    history and review revisions that point at them stay attached (and back when reversed)."""

    def relabel(apps, source, target):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not ContentType.objects.filter(app_label=target, model=model).exists():
                ContentType.objects.filter(app_label=source, model=model).update(
                    app_label=target)

    return migrations.RunPython(lambda apps, _editor: relabel(apps, old_app, new_app),
                                lambda apps, _editor: relabel(apps, new_app, old_app))


def rename_queued_tasks(moved):
    """Tasks queued before a function moved name it by its old module path; the worker finds
    it under the new one. `moved` maps old paths to new ones."""

    def rename(apps, mapping):
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        for old, new in mapping.items():
            DBTaskResult.objects.filter(task_path=old).update(task_path=new)

    return migrations.RunPython(
        lambda apps, _editor: rename(apps, moved),
        lambda apps, _editor: rename(apps, {new: old for old, new in moved.items()}))
