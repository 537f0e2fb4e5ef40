"""The core's admin pages, from the packages of their concern (found by admin autodiscovery)."""

from django.contrib import admin

from .admin_site import (
    dashboard,
    task_admin,
    totp_admin,  # noqa: F401  (the staff's authenticator apps)
)
from .programme import admin as programme_admin  # noqa: F401  (the programme)
from .review import admin as review_admin  # noqa: F401  (the review queue)

# Background tasks in Dutch, in place of django-tasks-db's own admin, and their dashboard card.
task_admin.register(admin.site)
dashboard.register(task_admin.CARD)
