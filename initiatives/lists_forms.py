"""Forms of the association's own lists (exit reasons, priority target groups)."""

from django import forms

from finsam.versions import VersionField
from initiatives.models import ExitReason, PriorityTargetGroup


class _ListEntryForm(forms.ModelForm):
    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class ExitReasonForm(_ListEntryForm):
    class Meta:
        model = ExitReason
        fields = ("number", "name", "description", "category", "retired")


class PriorityGroupForm(_ListEntryForm):
    class Meta:
        model = PriorityTargetGroup
        fields = ("description", "order")
