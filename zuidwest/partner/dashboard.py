"""The partner dashboard (/partner/): the user's organisations and, per registered kind of
page, their pages, each with its state in the review workflow and what to do next."""

from dataclasses import dataclass

from django.shortcuts import render

from zuidwest import review
from zuidwest.review.models import Revision

from .accounts import memberships_of
from .kinds import PageKind, page_kinds
from .views import PartnerView


@dataclass
class PageRow:
    page: object
    kind: PageKind

    @property
    def state(self):
        return review.page_state(self.page)

    @property
    def can_submit(self):
        latest = self.page.latest_revision
        return latest is not None and latest.state == Revision.State.DRAFT

    @property
    def edit_url(self):
        return self.kind.url("edit", self.page)

    @property
    def preview_url(self):
        return self.kind.url("preview", self.page)

    @property
    def submit_url(self):
        return self.kind.url("submit", self.page)


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
            )
            for membership in memberships
        ]
        return render(request, self.template_name, {
            "panels": panels,
            "kinds": list(page_kinds),
            "has_organisations": bool(memberships),
            "is_staff_without_organisation": request.user.is_staff and not memberships,
        })

    def _rows(self, kind, organisation):
        pages = (kind.model.objects.owned_by([organisation]).select_related("latest_revision")
                 .order_by(kind.title_field))
        return [PageRow(page, kind) for page in pages]
