"""The partner dashboard (/partner/): the user's organisations and their pages, each with its
state in the review workflow and what to do next."""

from dataclasses import dataclass

from django.shortcuts import render

from alliances.models import PartnerMembership, PartnerRole
from initiatives.partner_views import INITIATIVE
from locations.partner_views import ACTIVITY, PLACE

from . import review
from .models import Revision
from .partner_editing import PartnerView, latest_revisions


@dataclass
class PageRow:
    page: object
    kind: object
    state: review.PageState
    can_submit: bool

    @property
    def edit_url(self):
        return self.kind.url("edit", self.page)

    @property
    def preview_url(self):
        return self.kind.url("preview", self.page)

    @property
    def submit_url(self):
        return self.kind.url("submit", self.page)


def _rows(kind, pages):
    pages = list(pages)
    latest = latest_revisions(pages)
    rows = []
    for page in pages:
        revision = latest.get(page.pk)
        rows.append(PageRow(
            page=page,
            kind=kind,
            state=review.page_state(page, revision),
            can_submit=revision is not None and revision.state == Revision.State.DRAFT,
        ))
    return rows


@dataclass
class OrganisationPanel:
    organisation: object
    is_admin: bool
    initiatives: list
    places: list
    activities: list


class DashboardView(PartnerView):
    template_name = "partner/dashboard.html"

    def get(self, request):
        memberships = list(
            PartnerMembership.objects.filter(user=request.user).select_related("organisation")
        )
        organisations = [membership.organisation for membership in memberships]
        org_ids = [organisation.pk for organisation in organisations]
        initiatives = list(
            INITIATIVE.editable(request.user).select_related("lead_organisation")
            .prefetch_related("partner_organisations").order_by("title")
        )
        places = list(PLACE.editable(request.user).order_by("name"))
        activities = list(
            ACTIVITY.editable(request.user).select_related("place").order_by("title")
        )
        initiative_rows = {row.page.pk: row for row in _rows(INITIATIVE, initiatives)}
        place_rows = {row.page.pk: row for row in _rows(PLACE, places)}
        activity_rows = {row.page.pk: row for row in _rows(ACTIVITY, activities)}

        panels = []
        for membership in memberships:
            organisation = membership.organisation
            panels.append(OrganisationPanel(
                organisation=organisation,
                is_admin=membership.role == PartnerRole.ADMIN,
                initiatives=[
                    initiative_rows[i.pk] for i in initiatives
                    if i.lead_organisation_id == organisation.pk
                    or any(p.pk == organisation.pk for p in i.partner_organisations.all())
                ],
                places=[place_rows[p.pk] for p in places
                        if p.managing_organisation_id == organisation.pk],
                activities=[activity_rows[a.pk] for a in activities
                            if a.organiser_id == organisation.pk],
            ))
        return render(request, self.template_name, {
            "panels": panels,
            "has_organisations": bool(org_ids),
            "is_staff_without_organisation": request.user.is_staff and not org_ids,
        })
