"""Everything under /partner/: accounts, the dashboard and the editing of partner pages.

Each app adds its own partner routes here with one include line.
"""

from django.urls import path  # noqa: F401

urlpatterns = []
