"""Forms of the accounts pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.accounts.lines import StatementLine
from finsam.forms import choice_field


class StatementsForm(forms.Form):
    period_end = forms.DateField(label=_("Periodens slut"), input_formats=["%Y-%m-%d"])
    unit = forms.ChoiceField(
        label=_("Belopp i"),
        choices=[("tkr", _("tusental kronor")), ("kr", _("kronor"))],
        required=False,
    )


class AccountMappingForm(forms.Form):
    """One account's place in the statements; the form's prefix is the account number."""

    line = forms.ChoiceField(label=_("Rad"), choices=StatementLine.choices)
    note_label = forms.CharField(label=_("Rad i noten"), max_length=200, required=False)
    budget_line = forms.TypedChoiceField(
        label=_("Budgetrad"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, budget_lines: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "budget_line").choices = [("", "–"), *budget_lines]
