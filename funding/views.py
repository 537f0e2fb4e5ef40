from django.core.paginator import Paginator
from django.views.generic import TemplateView

from .figures import DEFAULT_ORDER, FUNDING_PAGE_SIZE, allocation_years, funding_summary
from .forms import FundingFilterForm


class FundingOverviewView(TemplateView):
    """/geld/: the sources, and on what the money goes, for all years or one, for the whole
    area or one neighbourhood, with the initiatives sorted as asked, a page at a time."""

    template_name = "funding/overview.html"
    page_size = FUNDING_PAGE_SIZE

    def get_context_data(self, **kwargs):
        years = allocation_years()
        form = FundingFilterForm(self.request.GET or None, years=years)
        chosen = form.valid_data
        funding = funding_summary(year=chosen.get("year"),
                                  neighbourhood=chosen.get("neighbourhood"),
                                  order=chosen.get("order") or DEFAULT_ORDER, years=years)
        page = Paginator(funding.initiatives, self.page_size).get_page(
            self.request.GET.get("pagina"))
        return super().get_context_data(filter_form=form, funding=funding, page_obj=page,
                                        neighbourhood=chosen.get("neighbourhood"), **kwargs)
