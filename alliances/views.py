from django.views.generic import TemplateView  # noqa
AllianceListView = AllianceDetailView = OrganisationListView = OrganisationDetailView = TemplateView
