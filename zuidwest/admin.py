"""The core's admin pages, from the packages of their concern (found by admin autodiscovery)."""

from .admin_site import totp_admin  # noqa: F401  (the staff's authenticator apps)
from .pages import admin as pages_admin  # noqa: F401  (the programme)
from .review import admin as review_admin  # noqa: F401  (the review queue)
