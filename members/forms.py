"""Forms of the members app: they parse and normalise input; rules live in services."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.forms import AmountField, PercentField
from finsam.lib.numbers import format_amount
from members.funding import FundingBreakdown
from members.models import DistributionKey, MemberKind, RoundingStep, StatePresentation
from members.services import FundingDecision


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
        kwargs.setdefault("initial", _initial(breakdown))
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

    def decision(self) -> FundingDecision:
        """The cleaned form as the decision the funding service saves."""
        data = self.cleaned_data
        return FundingDecision(
            state_requested=data["state_requested"],
            state_granted=data["state_granted"],
            distribution_key=data["distribution_key"],
            rounding_step=data["rounding_step"],
            state_presentation=data["state_presentation"],
            note=data["note"],
            agreed=self.agreed_amounts(),
            fixed_percents=self.fixed_percents(),
        )

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


def _initial(breakdown: FundingBreakdown) -> dict:
    """What the form shows when it opens: the year as stored, amounts as people write them."""
    year = breakdown.funding_year
    initial = {
        "version": year.version,
        "state_requested": _shown(year.state_requested),
        "state_granted": _shown(year.state_granted),
        "distribution_key": year.distribution_key,
        "rounding_step": year.rounding_step,
        "state_presentation": year.state_presentation,
        "note": year.note,
    }
    for line in [*breakdown.region_lines, *breakdown.municipal_lines]:
        initial[f"agreed_{line.member.pk}"] = _shown(line.agreed)
    for share in year.fixed_shares.all():
        initial[f"percent_{share.member_id}"] = str(share.percent).replace(".", ",")
    return initial


def _shown(value) -> str:
    """An amount as the form shows it for editing: "1 496 000", or "533 333,33" with öre."""
    amount = getattr(value, "amount", value)
    if amount is None:
        return ""
    return format_amount(amount, decimals=0 if amount == amount.to_integral() else 2)


class NewFundingYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2004, max_value=2100)
