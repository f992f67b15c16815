"""Forms of the members app: they parse and normalise input; rules live in services."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.forms import AmountField, PercentField
from finsam.permissions import Role
from members.funding import FundingBreakdown
from members.models import DistributionKey, MemberKind, RoundingStep, StatePresentation


class FundingYearForm(forms.Form):
    """The year's funding decision, plus one field per member for agreed amounts and keys."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    state_requested = AmountField(label=_("Äskat från staten (kr)"), required=False)
    state_granted = AmountField(
        label=_("Beviljat av staten (kr)"),
        required=False,
        help_text=_("Lämna tomt tills staten gett besked; bidragen räknas då på det äskade."),
    )
    distribution_key = forms.ChoiceField(
        label=_("Fördelningsnyckel"), choices=DistributionKey.choices
    )
    rounding_step = forms.TypedChoiceField(
        label=_("Avrunda bidragen till"), choices=RoundingStep.choices, coerce=int
    )
    state_presentation = forms.ChoiceField(
        label=_("Statens andel visas som"), choices=StatePresentation.choices
    )
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, breakdown: FundingBreakdown, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for line in [*breakdown.region_lines, *breakdown.municipal_lines]:
            self.fields[f"agreed_{line.member.pk}"] = AmountField(
                label=gettext("Överenskommet belopp, %(member)s") % {"member": line.member.name},
                required=False,
            )
            if line.member.kind == MemberKind.MUNICIPALITY:
                self.fields[f"percent_{line.member.pk}"] = PercentField(
                    label=gettext("Fast andel (%%), %(member)s") % {"member": line.member.name},
                    required=False,
                )
        self.member_lines = [*breakdown.region_lines, *breakdown.municipal_lines]

    def rows(self) -> list[tuple[object, forms.BoundField, forms.BoundField | None]]:
        """(line, agreed field, percent field or None) for the template's table."""
        return [
            (
                line,
                self[f"agreed_{line.member.pk}"],
                self[f"percent_{line.member.pk}"]
                if f"percent_{line.member.pk}" in self.fields
                else None,
            )
            for line in self.member_lines
        ]

    def agreed_amounts(self) -> dict[int, object]:
        return {
            int(name.removeprefix("agreed_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("agreed_")
        }

    def fixed_percents(self) -> dict[int, object]:
        return {
            int(name.removeprefix("percent_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("percent_") and value is not None
        }


class NewFundingYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2004, max_value=2100)


class UserRoleGrantForm(forms.Form):
    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    full_name = forms.CharField(label=_("Namn (för ny användare)"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
    password = forms.CharField(
        label=_("Startlösenord (för ny användare)"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
    )


class UserRoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
