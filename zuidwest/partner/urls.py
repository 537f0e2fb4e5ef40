"""The partner pages under /partner/ (namespace "partner"): the dashboard, four routes for
every registered kind of page (zuidwest.partner.kinds): nieuw, bewerken, voorbeeld, indienen,
and the routes apps registered themselves (zuidwest.partner.extensions).
The accounts (login, passwords, invitations) are mounted beside them by zuidwest/urls.py.
"""

from django.urls import path

from .dashboard import DashboardView
from .extensions import routes
from .kinds import page_kinds
from .photos import pending_photo
from .views import PageFormView, PagePreviewView, PageSubmitView


def kind_patterns(kind):
    edit = PageFormView.as_view(kind=kind)
    return [
        path(f"{kind.url_path}/nieuw/", edit, name=f"{kind.url_name}_create"),
        path(f"{kind.url_path}/<int:pk>/bewerken/", edit, name=f"{kind.url_name}_edit"),
        path(f"{kind.url_path}/<int:pk>/voorbeeld/", PagePreviewView.as_view(kind=kind),
             name=f"{kind.url_name}_preview"),
        path(f"{kind.url_path}/<int:pk>/indienen/", PageSubmitView.as_view(kind=kind),
             name=f"{kind.url_name}_submit"),
    ]


app_name = "partner"

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("foto-in-behandeling/<path:name>", pending_photo, name="pending_photo"),
    *[pattern for kind in page_kinds for pattern in kind_patterns(kind)],
    *[pattern for extra in routes for pattern in extra.patterns],
]
