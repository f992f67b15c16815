"""Writes of the members app. Each service is atomic and locks what it checks across rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from djmoney.money import Money

from members.models import (
    AgreedContribution,
    Association,
    DistributionKey,
    FixedKeyShare,
    FundingYear,
    Member,
)
from members.selectors import members_during_year


class StaleEditError(Exception):
    """Someone else saved the same object after this form was opened."""

    def __init__(self, current: FundingYear) -> None:
        super().__init__("Finansieringsåret har ändrats av någon annan sedan du öppnade det.")
        self.current = current


@dataclass(frozen=True)
class FundingDecision:
    """What staff enter for a year; amounts in kronor, None where left empty."""

    state_requested: Decimal | None
    state_granted: Decimal | None
    distribution_key: str
    rounding_step: int
    state_presentation: str
    note: str
    agreed: dict[int, Decimal | None]
    fixed_percents: dict[int, Decimal]


def _sek(amount: Decimal | None) -> Money | None:
    return None if amount is None else Money(amount, "SEK")


def funding_year_create(*, association: Association, year: int) -> FundingYear:
    """A new year, with key and rounding carried over from the latest earlier year."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=association.pk)
        if FundingYear.objects.filter(association=association, year=year).exists():
            raise ValidationError(f"Det finns redan ett finansieringsår {year}.")
        previous = (
            FundingYear.objects.filter(association=association, year__lt=year)
            .order_by("-year")
            .first()
        )
        funding_year = FundingYear(association=association, year=year)
        if previous is not None:
            funding_year.distribution_key = previous.distribution_key
            funding_year.rounding_step = previous.rounding_step
            funding_year.state_presentation = previous.state_presentation
        funding_year.full_clean()
        funding_year.save()
        return funding_year


def funding_year_update(
    *, funding_year: FundingYear, expected_version: int, decision: FundingDecision
) -> FundingYear:
    """Save the year's decision; refuse it if the year changed since the form was opened."""
    with transaction.atomic():
        locked = FundingYear.objects.select_for_update().get(pk=funding_year.pk)
        if locked.version != expected_version:
            raise StaleEditError(locked)
        members = {m.pk: m for m in members_during_year(locked.association, locked.year)}
        _check_decision(decision, members)
        _apply_decision(locked, decision)
        locked.version += 1
        locked.full_clean()
        locked.save()
        _replace_agreed(locked, decision.agreed, members)
        _replace_fixed_shares(locked, decision.fixed_percents, members)
        return locked


def _check_decision(decision: FundingDecision, members: dict[int, Member]) -> None:
    unknown = set(decision.agreed) | set(decision.fixed_percents)
    if unknown - set(members):
        raise ValidationError("Beslutet gäller en organisation som inte är medlem det året.")
    if decision.distribution_key == DistributionKey.FIXED:
        total = sum(decision.fixed_percents.values(), Decimal(0))
        if total != 100:
            raise ValidationError(
                f"De fasta andelarna summerar till {total} %; de måste bli exakt 100 %."
            )


def _apply_decision(funding_year: FundingYear, decision: FundingDecision) -> None:
    funding_year.state_requested = _sek(decision.state_requested)
    funding_year.state_granted = _sek(decision.state_granted)
    funding_year.distribution_key = decision.distribution_key
    funding_year.rounding_step = decision.rounding_step
    funding_year.state_presentation = decision.state_presentation
    funding_year.note = decision.note


def _replace_agreed(
    funding_year: FundingYear, agreed: dict[int, Decimal | None], members: dict[int, Member]
) -> None:
    funding_year.agreed_contributions.all().delete()
    rows = [
        AgreedContribution(funding_year=funding_year, member=members[pk], amount=_sek(amount))
        for pk, amount in agreed.items()
        if amount is not None
    ]
    for row in rows:
        row.full_clean(exclude=["funding_year"])
    AgreedContribution.objects.bulk_create(rows)


def _replace_fixed_shares(
    funding_year: FundingYear, percents: dict[int, Decimal], members: dict[int, Member]
) -> None:
    funding_year.fixed_shares.all().delete()
    FixedKeyShare.objects.bulk_create(
        FixedKeyShare(funding_year=funding_year, member=members[pk], percent=percent)
        for pk, percent in percents.items()
    )
