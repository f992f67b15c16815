"""Forms of the year-closing page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms import YearField
from finsam.versions import VersionField


class YearCloseForm(forms.Form):
    year = YearField(label=_("År att stänga"))
    confirm = forms.BooleanField(
        label=_("Jag förstår att årets bokföring låses mot fler inläsningar."),
        error_messages={"required": _("Bekräfta att årets bokföring ska låsas.")},
    )
    version = VersionField()


class YearReopenForm(forms.Form):
    year = YearField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Skäl att öppna året igen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Skriv varför året öppnas igen.")},
    )
    version = VersionField()
