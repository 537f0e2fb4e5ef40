from django import forms
from django.utils.translation import gettext_lazy


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Waarom wijs je dit af? De partner leest dit."),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        error_messages={
            "required": gettext_lazy(
                "Schrijf op waarom je deze versie afwijst; de partner leest het."
            )
        },
    )
