"""The interim report's "därav beslutade, ej utbetalda projektmedel" is never negative: a
reduction of next year's grant decided in the period does not net against this year's."""

from datetime import date
from decimal import Decimal

import pytest
from djmoney.money import Money

from initiatives.models import Decision, DecisionKind, Initiative
from reports.context import BuildContext
from tests.reports.test_delarsrapport_vaxjo import _report

pytestmark = pytest.mark.django_db


def test_a_reduction_of_next_years_grant_leaves_the_400_tkr_decided_and_unpaid():
    report = _report()
    team = Initiative.objects.get(association=report.association, name="Samordningsteamet")
    Decision.objects.create(
        initiative=team,
        kind=DecisionKind.REDUCTION,
        amount=Money(477_818, "SEK"),
        decided_on=date(2014, 6, 9),
        period_start=date(2015, 1, 1),
        period_end=date(2015, 12, 31),
    )
    economy = BuildContext(report).economy
    # Netted in, the report printed 400 000 - 477 818 = -77 818.
    assert economy.decided_for_later == Decimal(400_000)
