"""Forms of the accounts pages."""

from django import forms

from budgets.accounts.lines import StatementLine


class StatementsForm(forms.Form):
    period_end = forms.DateField(label="Periodens slut", input_formats=["%Y-%m-%d"])
    unit = forms.ChoiceField(
        label="Belopp i", choices=[("tkr", "tusental kronor"), ("kr", "kronor")], required=False
    )


class AccountMappingForm(forms.Form):
    """One account's place in the statements; the form's prefix is the account number."""

    line = forms.ChoiceField(label="Rad", choices=StatementLine.choices)
    note_label = forms.CharField(label="Rad i noten", max_length=200, required=False)
