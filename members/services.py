"""Writes of the members app. Each service is atomic and locks what it checks across rows."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from djmoney.models.fields import MoneyField
from djmoney.money import Money

from finsam.audit.recording import recording
from finsam.errors import StaleEditError
from finsam.models import Association
from finsam.problems import Problems, check_model
from finsam.saving import rows_synced
from finsam.versions import version_checked
from members.models import (
    AgreedContribution,
    BoardSeat,
    DistributionKey,
    FixedKeyShare,
    FundingYear,
    Member,
)
from members.selectors import members_during_year


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
            raise ValidationError(
                _("Det finns redan ett finansieringsår %(year)s.") % {"year": year}
            )
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


def check_funding_values(funding_year: FundingYear, values: Mapping[str, Any]) -> None:
    """The model's own rules on the decision's values given (a form's valid fields, amounts
    in kronor), each at its field. Public: the form runs it beside its own checks."""
    given = {
        name: _sek(value) if _is_money(name) else value
        for name, value in values.items()
        if name in FundingYear.EDITABLE_FIELDS
    }
    check_model(funding_year, given, FundingYear.EDITABLE_FIELDS)


def funding_year_update(
    *, funding_year: FundingYear, expected_version: int, decision: FundingDecision
) -> FundingYear:
    """Save the year's decision; refuse it if the year changed since the form was opened."""
    with transaction.atomic():
        locked = FundingYear.objects.select_for_update().get(pk=funding_year.pk)
        version_checked(locked, expected_version, what=_("Finansieringsåret"))
        members = {m.pk: m for m in members_during_year(locked.association, locked.year)}
        # The decision's own rules and the model's, told together.
        problems = Problems()
        with problems.gathered():
            _check_decision(decision, members)
        _apply_decision(locked, decision)
        with problems.gathered():
            locked.full_clean()
        problems.raise_any()
        locked.save()
        _replace_agreed(locked, decision.agreed, members)
        _replace_fixed_shares(locked, decision.fixed_percents, members)
        return locked


def _check_decision(decision: FundingDecision, members: dict[int, Member]) -> None:
    """Both problems at once: a stranger among the rows, fixed shares not adding up to 100
    (at the key, the field that asks for them)."""
    problems = Problems()
    unknown = set(decision.agreed) | set(decision.fixed_percents)
    if unknown - set(members):
        problems.add(None, _("Beslutet gäller en organisation som inte är medlem det året."))
    with problems.gathered():
        check_fixed_shares(decision.distribution_key, decision.fixed_percents)
    problems.raise_any()


def check_fixed_shares(distribution_key: str, fixed_percents: dict[int, Decimal]) -> None:
    """Fixed shares add up to exactly 100 %; said at the key, the field that asks for them.
    Public: the form runs it beside its own checks."""
    if distribution_key == DistributionKey.FIXED:
        total = sum(fixed_percents.values(), Decimal(0))
        if total != 100:
            raise ValidationError(
                {
                    "distribution_key": _(
                        "De fasta andelarna summerar till %(total)s %%; de måste bli exakt 100 %%."
                    )
                    % {"total": total}
                }
            )


def _apply_decision(funding_year: FundingYear, decision: FundingDecision) -> None:
    for name in FundingYear.EDITABLE_FIELDS:
        value = getattr(decision, name)
        setattr(funding_year, name, _sek(value) if _is_money(name) else value)


def _is_money(name: str) -> bool:
    return isinstance(FundingYear._meta.get_field(name), MoneyField)


def _replace_agreed(
    funding_year: FundingYear, agreed: dict[int, Decimal | None], members: dict[int, Member]
) -> None:
    rows_synced(
        funding_year.agreed_contributions.select_related("funding_year"),
        key=lambda row: row.member_id,
        wanted={
            pk: {"amount": _sek(amount)} for pk, amount in agreed.items() if amount is not None
        },
        make=lambda pk: AgreedContribution(funding_year=funding_year, member=members[pk]),
    )


def _replace_fixed_shares(
    funding_year: FundingYear, percents: dict[int, Decimal], members: dict[int, Member]
) -> None:
    rows_synced(
        funding_year.fixed_shares.select_related("funding_year"),
        key=lambda row: row.member_id,
        wanted={pk: {"percent": percent} for pk, percent in percents.items()},
        make=lambda pk: FixedKeyShare(funding_year=funding_year, member=members[pk]),
    )


def board_seat_save(*, seat: BoardSeat) -> BoardSeat:
    """Save a new or changed board seat; a person holds one open seat of each kind at most.

    The rule spans the association's seats, so the association's row is locked while it is
    checked: of two people opening the same seat at once, the second waits and is then told
    the seat exists, instead of meeting the database's constraint as an error page.
    """
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=seat.association_id)
        seat.full_clean()  # the caller has told its own rules' problems together with these
        seat.save()
        return seat


def association_orgnr_adopt(*, association: Association, orgnr: str, user=None) -> Association:
    """Take the organisation number of an imported file, so later files are checked against it.

    Only an association without a number adopts one: if someone entered a number meanwhile,
    the stale question is refused rather than overwriting it.
    """
    with transaction.atomic():
        locked = Association.objects.select_for_update().get(pk=association.pk)
        if locked.org_number:
            raise StaleEditError(
                _("Förbundet har redan organisationsnumret %(orgnr)s; det ändras inte.")
                % {"orgnr": locked.org_number}
            )
        locked.org_number = orgnr
        locked.full_clean(validate_unique=False)
        with recording(user=user, reason=_("Organisationsnumret togs från SIE-filen.")):
            locked.save(update_fields=["org_number"])
    association.org_number = locked.org_number
    return locked
