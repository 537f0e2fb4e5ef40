"""Partners report the figures of their initiatives' indicators at /partner/cijfers/; a value
waits until staff approve it in the admin (Metingen, "Goedkeuren"), and only approved values
are public. Registered in ProgressConfig.ready() through zuidwest.partner.extensions."""

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zuidwest.partner.accounts import organisations_of
from zuidwest.partner.forms import LenientDecimalField
from zuidwest.partner.views import PartnerView
from zuidwest.ui.forms import PlainRequiredMessages

from .models import FIRST_YEAR, Indicator, Measurement


class FigureForm(PlainRequiredMessages, forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Jaar"), coerce=int)
    value = LenientDecimalField(label=gettext_lazy("Waarde"), max_digits=12, decimal_places=2,
                                widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    note = forms.CharField(label=gettext_lazy("Toelichting (mag leeg)"), required=False,
                           max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, str(year)) for year in
                                       range(this_year, max(FIRST_YEAR, this_year - 5) - 1, -1)]
        self.fields["value"].label = _("Waarde (%(unit)s)") % {"unit": indicator.unit}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.indicator.measurements.filter(year=year, is_approved=True).exists():
            raise forms.ValidationError(_(
                "Voor dit jaar staat al een goedgekeurd cijfer. Wil je het veranderen? Neem "
                "contact op met het programmabureau."))
        return year


def reportable_indicators(user):
    return Indicator.objects.owned_by(organisations_of(user)).select_related("initiative")


class FigureListView(PartnerView):
    template_name = "progress/partner_figures.html"

    def get(self, request, pk=None, form=None):
        indicators = list(reportable_indicators(request.user).prefetch_related("measurements"))
        return render(request, self.template_name, {
            "indicators": indicators,
            "forms": {i.pk: form if form is not None and form.indicator.pk == i.pk
                      else FigureForm(indicator=i, prefix=f"cijfer-{i.pk}") for i in indicators},
        }, status=400 if form is not None else 200)


class FigureReportView(FigureListView):
    """POST: a new value for one of the own indicators, waiting for approval."""

    http_method_names = ["post"]

    def post(self, request, pk):
        indicator = get_object_or_404(reportable_indicators(request.user), pk=pk)
        form = FigureForm(request.POST, indicator=indicator, prefix=f"cijfer-{indicator.pk}")
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            with transaction.atomic():
                Measurement.objects.update_or_create(
                    indicator=indicator, year=form.cleaned_data["year"], is_approved=False,
                    defaults={"value": form.cleaned_data["value"],
                              "note": form.cleaned_data["note"], "reported_by": request.user})
        except IntegrityError:  # approved for that year in the meantime
            form.add_error("year", _("Voor dit jaar is intussen een cijfer goedgekeurd."))
            return self.get(request, form=form)
        messages.success(request, _(
            "Dank je. Het cijfer voor %(year)s is doorgegeven. Het staat op de site zodra het "
            "programmabureau het heeft goedgekeurd.") % {"year": form.cleaned_data["year"]})
        return redirect("partner:figure_list")


def partner_patterns():
    return [
        path("cijfers/", FigureListView.as_view(), name="figure_list"),
        path("cijfers/<int:pk>/doorgeven/", FigureReportView.as_view(), name="figure_report"),
    ]


def figures_panel_context(request, organisation):
    count = Indicator.objects.owned_by([organisation]).count()
    return {"indicator_count": count} if count else None
