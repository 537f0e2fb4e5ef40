"""The yearly report in the admin: staff write a narrative per spearhead, choose a year and
download the report as PDF or spreadsheet."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding.public import allocation_years

from ..models import ReportNarrative
from ..report.annual import annual_report
from ..report.pdf import report_pdf
from ..report.xlsx import report_xlsx

FORMATS = {
    "pdf": ("application/pdf", report_pdf),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             lambda report, request=None: report_xlsx(report)),
}


class ReportYearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)
    format = forms.ChoiceField(label=_("Bestand"), choices=[
        ("pdf", _("PDF (om te lezen en te versturen)")),
        ("xlsx", _("Spreadsheet (XLSX, met dezelfde cijfers)"))], widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = sorted({this_year, this_year - 1, *allocation_years()}, reverse=True)
        self.fields["year"].choices = [(year, str(year)) for year in years]


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(admin.ModelAdmin):
    list_display = ["year", "spearhead"]
    list_filter = ["year", "spearhead"]

    def get_urls(self):
        return [path("jaarverslag/", self.admin_site.admin_view(self.report_view),
                     name="progress_annual_report"),
                *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}),
                         "report_url": reverse("admin:progress_annual_report")}
        return super().changelist_view(request, extra_context)

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ReportYearForm(request.GET or None)
        if form.is_bound and form.is_valid():
            year, kind = form.cleaned_data["year"], form.cleaned_data["format"]
            content_type, render = FORMATS[kind]
            response = HttpResponse(render(annual_report(year), request=request),
                                    content_type=content_type)
            response["Content-Disposition"] = (
                f'attachment; filename="regio-deal-zuidwest-verslag-{year}.{kind}"')
            return response
        context = {**self.admin_site.each_context(request), "opts": self.opts,
                   "title": _("Jaarverslag voor de ministeries"), "form": form}
        return TemplateResponse(request, "admin/progress/annual_report.html", context)
