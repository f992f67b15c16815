"""The form recording one member's decision on discharge."""

from django import forms

from finsam.versions import VersionField
from members.models import Discharge


class DischargeForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Discharge
        fields = ["decision", "body", "decided_on", "note"]
        widgets = {
            "decision": forms.RadioSelect,
            "decided_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
