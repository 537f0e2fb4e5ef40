from django.views.generic import TemplateView  # noqa
InitiativeListView = InitiativeDetailView = FundingOverviewView = TemplateView
