"""The partner dashboard (/partner/): the user's organisations and, per registered kind of
page, their pages, each with its state in the review workflow and what to do next."""

from dataclasses import dataclass
from functools import cached_property

from django.shortcuts import render

from zuidwest import review
from zuidwest.review.models import Revision

from .accounts import memberships_of
from .extensions import dashboard_panels
from .kinds import PageKind, page_kinds
from .views import PartnerView


class PageUrls:
    """The edit, preview and submit addresses of a kind's pages, each reversed once: a
    dashboard lists hundreds of pages, and reverse() was a good part of its time."""

    MARKER = 2_147_483_647  # the pk reversed with, replaced in the address by each page's own

    def __init__(self, kind):
        self.patterns = {action: kind.url(action, _Marker) for action in
                         ("edit", "preview", "submit")}

    def of(self, action, page):
        return self.patterns[action].replace(f"/{self.MARKER}/", f"/{page.pk}/", 1)


class _Marker:
    pk = PageUrls.MARKER


@dataclass
class PageRow:
    page: object
    kind: PageKind
    urls: PageUrls

    # Cached: the template asks for the state three times and for the attention twice.
    @cached_property
    def state(self):
        return review.page_state(self.page)

    @cached_property
    def attention(self):
        return self.kind.attention(self.page) if self.kind.attention else ""

    @property
    def can_submit(self):
        latest = self.page.latest_revision
        return latest is not None and latest.state == Revision.State.DRAFT

    @property
    def edit_url(self):
        return self.urls.of("edit", self.page)

    @property
    def preview_url(self):
        return self.urls.of("preview", self.page)

    @property
    def submit_url(self):
        return self.urls.of("submit", self.page)


@dataclass
class KindPanel:
    kind: PageKind
    rows: list

    @property
    def heading_id(self):
        return self.kind.url_path

    @property
    def create_url(self):
        return self.kind.url("create")


@dataclass
class OrganisationPanel:
    organisation: object
    is_admin: bool
    kinds: list
    extra_panels: list  # [(template, context)] from zuidwest.partner.extensions

    @property
    def attention_rows(self):
        return [row for kind in self.kinds for row in kind.rows if row.attention]


class DashboardView(PartnerView):
    template_name = "partner/dashboard.html"

    def get(self, request):
        memberships = memberships_of(request.user)
        panels = [
            OrganisationPanel(
                organisation=membership.organisation,
                is_admin=membership.is_admin,
                kinds=[KindPanel(kind, self._rows(kind, membership.organisation))
                       for kind in page_kinds],
                extra_panels=self._extra_panels(request, membership.organisation),
            )
            for membership in memberships
        ]
        return render(request, self.template_name, {
            "panels": panels,
            "kinds": list(page_kinds),
            "has_organisations": bool(memberships),
            "is_staff_without_organisation": request.user.is_staff and not memberships,
        })

    def _extra_panels(self, request, organisation):
        panels = []
        for panel in dashboard_panels:
            context = panel.context(request, organisation)
            if context is not None:
                panels.append((panel.template, context))
        return panels

    def _rows(self, kind, organisation):
        # The version's snapshot (data) is the largest column and the dashboard shows none of it.
        pages = (kind.model.objects.owned_by([organisation]).select_related("latest_revision")
                 .defer("latest_revision__data").order_by(kind.title_field))
        urls = PageUrls(kind)
        return [PageRow(page, kind, urls) for page in pages]
