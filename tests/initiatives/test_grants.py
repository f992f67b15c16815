"""Granted amounts derived from the board's decisions: Växjö 2014 as the worked example."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from djmoney.money import Money

from initiatives import grants
from initiatives.models import Decision, DecisionKind
from initiatives.selectors import granted_amount
from initiatives.services import DecisionData, decision_record

KLAR = "Klargörande av arbetsförmåga"


def granted(initiative, start, end):
    """What stands granted for the days from `start` to `end`, as a reduction is checked."""
    return grants.within(initiative.decisions.all(), start, end)


def test_vaxjo_first_year_is_1_294_000(vaxjo_initiative):
    klar = vaxjo_initiative(KLAR)
    assert granted(klar, date(2013, 9, 30), date(2014, 9, 29)) == Decimal(1294000)


def test_vaxjo_october_to_december_2014_is_400_000_after_the_revoked_extension(vaxjo_initiative):
    klar = vaxjo_initiative(KLAR)
    extension = Decision.objects.get(initiative=klar, decided_on=date(2014, 5, 22))
    assert extension.amount == Money(1500000, "SEK") and extension.is_revoked
    assert extension.revoked_by.decided_on == date(2014, 6, 9)
    assert granted(klar, date(2014, 10, 1), date(2014, 12, 31)) == Decimal(400000)
    # Nothing stands for 2015: the extension into 2015 was revoked.
    assert granted_amount(klar, 2015) is None


def test_vaxjo_granted_per_calendar_year(vaxjo_initiative):
    klar = vaxjo_initiative(KLAR)
    # 1 294 000 over 30 Sep 2013 - 29 Sep 2014: 93 days in 2013, 272 in 2014; plus 400 000.
    assert granted_amount(klar, 2013) == Decimal(329704)
    assert granted_amount(klar, 2014) == Decimal(964296) + Decimal(400000)
    assert granted_amount(vaxjo_initiative("Samordningsteamet"), 2014) is None


def test_finnveden_budget_year_grants(association):
    navigator = association.initiatives.get(name="Navigatorcentrum")
    assert granted_amount(navigator, 2014) == Decimal(596000)
    assert granted_amount(navigator, 2015) == Decimal(610000)
    assert granted_amount(association.initiatives.get(name="Jobbcenter Unga"), 2014) == Decimal(
        594000
    )


def test_a_revoked_decision_cannot_be_revoked_again(vaxjo_initiative):
    klar = vaxjo_initiative(KLAR)
    extension = Decision.objects.get(initiative=klar, decided_on=date(2014, 5, 22))
    with pytest.raises(ValidationError, match="redan upphävt"):
        decision_record(
            initiative=klar,
            data=DecisionData(
                kind=DecisionKind.REVOCATION, decided_on=date(2014, 7, 1), revokes=extension
            ),
        )


def test_a_reduction_larger_than_the_grant_is_refused_and_nothing_is_saved(vaxjo_initiative):
    klar = vaxjo_initiative(KLAR)
    before = klar.decisions.count()
    with pytest.raises(
        ValidationError, match="negativt beviljat belopp för perioden 2014-10-01–2014-12-31"
    ):
        decision_record(
            initiative=klar,
            data=DecisionData(
                kind=DecisionKind.REDUCTION,
                decided_on=date(2014, 9, 1),
                amount=Decimal(500000),
                period_start=date(2014, 10, 1),
                period_end=date(2014, 12, 31),
            ),
        )
    assert klar.decisions.count() == before


def test_a_reduction_lowers_the_year(vaxjo_initiative):
    klar = vaxjo_initiative(KLAR)
    decision_record(
        initiative=klar,
        data=DecisionData(
            kind=DecisionKind.REDUCTION,
            decided_on=date(2014, 9, 1),
            amount=Decimal(100000),
            period_start=date(2014, 10, 1),
            period_end=date(2014, 12, 31),
        ),
    )
    assert granted(klar, date(2014, 10, 1), date(2014, 12, 31)) == Decimal(300000)


def test_a_grant_needs_amount_and_period_in_the_database_too(vaxjo_initiative):
    klar = vaxjo_initiative(KLAR)
    with pytest.raises(ValidationError, match="anger ett belopp över noll"):
        Decision(initiative=klar, kind=DecisionKind.GRANT, decided_on=date(2014, 1, 1)).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            initiative=klar, kind=DecisionKind.GRANT, decided_on=date(2014, 1, 1)
        )


def test_money_decided_in_the_period_for_later_months(vaxjo_initiative):
    from initiatives.selectors import granted_for_later

    vaxjo = vaxjo_initiative(KLAR).association
    # 9 June 2014: 400 000 kr for October-December, not yet due on 31 August. The extension
    # of 22 May (from 30 September) was revoked; the first year's grant has no date in the
    # period.
    assert granted_for_later(vaxjo, date(2014, 1, 1), date(2014, 8, 31)) == Decimal(400000)
    # By the end of May only the extension had been decided, and it was revoked later.
    assert granted_for_later(vaxjo, date(2014, 1, 1), date(2014, 5, 31)) == Decimal(0)
    # After 1 October part of the money is already due: the last 31 days of 92.
    assert granted_for_later(vaxjo, date(2014, 1, 1), date(2014, 11, 30)) == Decimal(134783)


def _decision(initiative: int, kind: str, amount: int, decided: date, start: date, end: date):
    return Decision(
        initiative_id=initiative,
        kind=kind,
        amount=Money(amount, "SEK"),
        decided_on=decided,
        period_start=start,
        period_end=end,
    )


def test_decided_but_unpaid_is_never_netted_below_nothing_by_next_years_reduction():
    from initiatives.grants import decided_for_later

    grant, reduction = DecisionKind.GRANT, DecisionKind.REDUCTION
    decisions = [
        # Växjö: 400 000 granted on 9 June 2014 for October-December 2014.
        _decision(1, grant, 400_000, date(2014, 6, 9), date(2014, 10, 1), date(2014, 12, 31)),
        # Another initiative's 2015 grant (decided in 2013) reduced by 477 818 in June 2014:
        # netted in, the report printed -77 818.
        _decision(2, grant, 1_000_000, date(2013, 11, 1), date(2015, 1, 1), date(2015, 12, 31)),
        _decision(2, reduction, 477_818, date(2014, 6, 9), date(2015, 1, 1), date(2015, 12, 31)),
    ]
    assert decided_for_later(decisions, date(2014, 1, 1), date(2014, 8, 31)) == 400_000
    # Alone, the reduction leaves nothing decided and unpaid, not a negative amount.
    assert decided_for_later(decisions[1:], date(2014, 1, 1), date(2014, 8, 31)) == 0


def test_decided_but_unpaid_nets_a_reduction_of_the_same_initiatives_same_year():
    from initiatives.grants import decided_for_later

    grant, reduction = DecisionKind.GRANT, DecisionKind.REDUCTION
    decisions = [
        _decision(1, grant, 400_000, date(2014, 6, 9), date(2014, 10, 1), date(2014, 12, 31)),
        _decision(1, reduction, 100_000, date(2014, 8, 20), date(2014, 10, 1), date(2014, 12, 31)),
        # Next year's grant decided in the period is unpaid too: 2015 stands on its own.
        _decision(1, grant, 250_000, date(2014, 8, 20), date(2015, 1, 1), date(2015, 6, 30)),
    ]
    assert decided_for_later(decisions, date(2014, 1, 1), date(2014, 8, 31)) == 550_000
