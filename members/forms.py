"""Forms of the members app: they parse and normalise input; rules live in services."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from djmoney.money import Money

from finsam.forms import AmountField, PercentField, YearField, service_check
from finsam.lib.numbers import format_amount
from members.funding import ContributionLine, FundingBreakdown
from members.models import (
    DistributionKey,
    FundingYear,
    Member,
    MemberKind,
    RoundingStep,
    StatePresentation,
)
from members.services import FundingDecision, check_fixed_shares, check_funding_values


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
        for _line, member in _member_lines(breakdown):
            self.fields[f"agreed_{member.pk}"] = AmountField(
                label=gettext("Överenskommet belopp, %(member)s") % {"member": member.name},
                required=False,
            )
            if member.kind == MemberKind.MUNICIPALITY:
                self.fields[f"percent_{member.pk}"] = PercentField(
                    label=gettext("Fast andel (%%), %(member)s") % {"member": member.name},
                    required=False,
                )
        self.member_lines = _member_lines(breakdown)
        self.funding_year = breakdown.funding_year

    def decision_fields(self) -> list[forms.BoundField]:
        """The year's decision (`FundingYear.EDITABLE_FIELDS`), shown before the members' rows."""
        return [self[name] for name in FundingYear.EDITABLE_FIELDS]

    def rows(self) -> list[tuple[object, forms.BoundField, forms.BoundField | None]]:
        """(line, agreed field, percent field or None) for the template's table."""
        return [
            (
                line,
                self[f"agreed_{member.pk}"],
                self[f"percent_{member.pk}"] if f"percent_{member.pk}" in self.fields else None,
            )
            for line, member in self.member_lines
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        # The shares' total, once the key and every share typed are readable.
        percents = [name for name in self.fields if name.startswith("percent_")]
        service_check(
            self,
            lambda key, *_shares: check_fixed_shares(key, self.fixed_percents()),
            "distribution_key",
            *percents,
        )
        # The model's rules on the decision's fields that are valid, in the same answer.
        service_check(self, lambda: check_funding_values(self.funding_year, self.cleaned_data))
        return self.cleaned_data

    def decision(self) -> FundingDecision:
        """The cleaned form as the decision the funding service saves."""
        data = self.cleaned_data
        return FundingDecision(
            **{name: data[name] for name in FundingYear.EDITABLE_FIELDS},
            agreed=self.agreed_amounts(),
            fixed_percents=self.fixed_percents(),
        )

    def agreed_amounts(self) -> dict[int, Decimal | None]:
        return {
            int(name.removeprefix("agreed_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("agreed_")
        }

    def fixed_percents(self) -> dict[int, Decimal]:
        return {
            int(name.removeprefix("percent_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("percent_") and value is not None
        }


def _member_lines(breakdown: FundingBreakdown) -> list[tuple[ContributionLine, Member]]:
    """The region's and the municipalities' lines, each with its member (the state has none)."""
    return [
        (line, line.member)
        for line in [*breakdown.region_lines, *breakdown.municipal_lines]
        if line.member is not None
    ]


def _initial(breakdown: FundingBreakdown) -> dict:
    """What the form shows when it opens: the year as stored, amounts as people write them."""
    year = breakdown.funding_year
    initial: dict[str, object] = {"version": year.version}
    for name in FundingYear.EDITABLE_FIELDS:
        value = getattr(year, name)
        initial[name] = _shown(value) if isinstance(value, Money) else value
    for line, member in _member_lines(breakdown):
        initial[f"agreed_{member.pk}"] = _shown(line.agreed)
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
    year = YearField(label=_("År"))
