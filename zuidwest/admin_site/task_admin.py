"""Background tasks in the admin (Beheer › Achtergrondtaken › Taken), in Dutch: django-tasks-db
keeps every queued task with its outcome; staff see which failed for good, and why.

A try that failed and queued the next one (zuidwest.tasks.RetryScheduled) is told apart from a
task that failed after its last try: only the latter needs a person.
"""

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from zuidwest.tasks import RetryScheduled

from .dashboard import DashboardCard, Figure
from .lookups import OfferedFiltersOnly

RETRY_SCHEDULED = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def failed_for_good(results):
    return results.failed().exclude(exception_class_path=RETRY_SCHEDULED)


class OutcomeFilter(admin.SimpleListFilter):
    title = gettext_lazy("uitkomst")
    parameter_name = "uitkomst"

    def lookups(self, request, model_admin):
        return [("mislukt", gettext_lazy("mislukt na de laatste poging")),
                ("opnieuw", gettext_lazy("mislukt, opnieuw geprobeerd"))]

    def queryset(self, request, queryset):
        if self.value() == "mislukt":
            return failed_for_good(queryset)
        if self.value() == "opnieuw":
            return queryset.filter(Q(status="FAILED") & Q(exception_class_path=RETRY_SCHEDULED))
        return queryset


class TaskResultAdmin(OfferedFiltersOnly, DBTaskResultAdmin):
    """Read-only, like django-tasks-db's own admin, with Dutch columns and the outcome filter."""

    list_display = ("task", "status", "enqueued_at", "finished_at", "attempt", "error")
    list_filter = (OutcomeFilter, "status", "queue_name")
    search_fields = ("task_path",)

    @admin.display(description=gettext_lazy("taak"), ordering="task_path")
    def task(self, obj):
        return obj.task_path

    @admin.display(description=gettext_lazy("poging"))
    def attempt(self, obj):
        return obj.args_kwargs.get("kwargs", {}).get("attempt", 1)

    @admin.display(description=gettext_lazy("fout"))
    def error(self, obj):
        return obj.exception_class_path.rsplit(".", 1)[-1] or "-"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The model has no name of its own ("DBTaskResult object (…)"): show the task's.
        task = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}),
                         "subtitle": task.task_path if task else None}
        return super().change_view(request, object_id, form_url, extra_context)

    # django-tasks-db's own, with a Dutch label.
    formatted_traceback = admin.display(description=gettext_lazy("foutmelding"))(
        DBTaskResultAdmin.formatted_traceback)
    display_run_after = admin.display(description=gettext_lazy("niet eerder dan"))(
        DBTaskResultAdmin.display_run_after)


def failed_task_figures(request):
    failed = failed_for_good(DBTaskResult.objects.all()).count()
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?uitkomst=mislukt"
    return [Figure(ngettext("%(count)d achtergrondtaak is mislukt",
                            "%(count)d achtergrondtaken zijn mislukt", failed)
                   % {"count": failed}, url, bool(failed))]


CARD = DashboardCard("failed_tasks", 90, gettext_lazy("Mislukte achtergrondtaken"),
                     failed_task_figures)


def register(site):
    if site.is_registered(DBTaskResult):
        site.unregister(DBTaskResult)
    site.register(DBTaskResult, TaskResultAdmin)
