"""What domain apps add to the partner area besides page kinds, registered in their
AppConfig.ready(): routes of their own under /partner/ (in the "partner" namespace), and
panels on the dashboard for each organisation (new sign-ups, say).

Views registered here do their own permission checks; `organisations_of(user)` in
zuidwest.partner.accounts says which organisations a user may act for.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import URLPattern

from zuidwest.registry import Registry


@dataclass(frozen=True)
class PartnerRoutes:
    name: str  # a unique name, usually the app label
    patterns: tuple[URLPattern, ...]


@dataclass(frozen=True)
class DashboardPanel:
    """A block in an organisation's section of the dashboard. `context(request, organisation)`
    returns the template's context, or None to show nothing."""

    key: str
    template: str
    context: Callable[[HttpRequest, object], dict | None]


routes: Registry[str, PartnerRoutes] = Registry("partner routes", lambda r: r.name)
dashboard_panels: Registry[str, DashboardPanel] = Registry("dashboard panels", lambda p: p.key)


def register_routes(name, patterns):
    return routes.register(PartnerRoutes(name, tuple(patterns)))


def register_dashboard_panel(panel: DashboardPanel) -> DashboardPanel:
    return dashboard_panels.register(panel)
