"""The two-factor forms: a code, and an association's switch for requiring the second step."""

from django import forms
from django.utils.translation import gettext_lazy

ON_OFF = [("on", "on"), ("off", "off")]


def _is_on(value: str) -> bool:
    return value == "on"


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
    """Switch an association's requirement: the new state, the state the page showed (`was`,
    the stale check) and the admin's confirmation that they read what it means."""

    required = forms.TypedChoiceField(choices=ON_OFF, coerce=_is_on, widget=forms.HiddenInput)
    was = forms.TypedChoiceField(choices=ON_OFF, coerce=_is_on, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        required=False, label=gettext_lazy("Jag har läst vad ändringen innebär.")
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("confirm"):
            self.add_error("confirm", gettext_lazy("Kryssa i rutan för att bekräfta ändringen."))
        return cleaned
