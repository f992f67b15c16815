"""The one field every two-factor form has: a code."""

from django import forms
from django.utils.translation import gettext_lazy


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kod"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": gettext_lazy("Skriv koden.")},
    )


class RequirementForm(forms.Form):
    """Switch an association's requirement: the new state, the state the page showed (the
    stale check) and the admin's confirmation that they read what it means."""

    required = forms.BooleanField(required=False, widget=forms.HiddenInput)
    shown = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        required=False, label=gettext_lazy("Jag har läst vad ändringen innebär.")
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("confirm"):
            self.add_error("confirm", gettext_lazy("Kryssa i rutan för att bekräfta ändringen."))
        return cleaned
