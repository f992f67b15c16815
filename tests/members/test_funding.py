"""Contributions computed from the funding decisions, against the seeds' printed figures."""

from datetime import date
from decimal import Decimal

import pytest
from djmoney.money import Money

from members.funding import STATE_ONE_LINE_LABEL, funding_breakdown, funding_breakdowns
from members.models import (
    AgreedContribution,
    DistributionKey,
    FixedKeyShare,
    FundingYear,
    Member,
    PopulationFigure,
)

D = Decimal


def amounts(breakdown):
    return {line.label: line.amount for line in breakdown.lines}


def year(slug, number):
    return FundingYear.objects.get(association__slug=slug, year=number)


@pytest.mark.django_db
def test_finnveden_2014_state_granted_less_than_requested():
    breakdown = funding_breakdown(year("finnveden", 2014))
    assert amounts(breakdown) == {
        STATE_ONE_LINE_LABEL: D(1496000),
        "Landstinget i Jönköpings län": D(748000),
        "Gislaveds kommun": D(302600),
        "Gnosjö kommun": D(98800),
        "Värnamo kommun": D(346600),
    }
    assert breakdown.municipal_total == D(748000)
    assert breakdown.key_date == date(2013, 11, 1)
    assert breakdown.follows_statutory_shares and not breakdown.problems


@pytest.mark.django_db
def test_finnveden_2015_preliminary_on_the_requested_amount():
    funding_year = year("finnveden", 2015)
    breakdown = funding_breakdown(funding_year)
    assert funding_year.is_preliminary
    assert amounts(breakdown) == {
        STATE_ONE_LINE_LABEL: D(1696000),
        "Landstinget i Jönköpings län": D(848000),
        "Gislaveds kommun": D(344000),
        "Gnosjö kommun": D(112400),
        "Värnamo kommun": D(391600),
    }


@pytest.mark.django_db
def test_vaxjo_prints_the_state_as_two_lines_of_25_percent():
    breakdown = funding_breakdown(year("vaxjo", 2014))
    assert amounts(breakdown) == {
        "Försäkringskassan": D(800000),
        "Arbetsförmedlingen": D(800000),
        "Landstinget Kronoberg": D(800000),
        "Växjö kommun": D(800000),
    }
    assert breakdown.total == D(3200000)
    assert [share for _line, share in breakdown.shares] == [D(25)] * 4


@pytest.mark.django_db
def test_ale_2013_contributions_by_group_with_fixed_key():
    breakdown = funding_breakdown(year("ale-kungalv-stenungsund-tjorn", 2013))
    assert breakdown.state_total == D(3170000)
    assert breakdown.region_total == D(1585000)
    assert breakdown.municipal_total == D(1585000)
    assert breakdown.total == D(6340000)  # "Totalt 6340 tkr"
    assert [line.proposed for line in breakdown.municipal_lines] == [
        D(400000),
        D(607000),
        D(360000),
        D(218000),
    ]


@pytest.mark.django_db
def test_agreed_amount_replaces_the_proposal_and_shows_the_difference():
    funding_year = year("finnveden", 2014)
    gnosjo = Member.objects.get(name="Gnosjö kommun")
    AgreedContribution.objects.create(
        funding_year=funding_year, member=gnosjo, amount=Money(99000, "SEK")
    )
    line = next(x for x in funding_breakdown(funding_year).lines if x.member == gnosjo)
    assert (line.proposed, line.agreed, line.amount, line.difference) == (
        D(98800),
        D(99000),
        D(99000),
        D(200),
    )
    assert not funding_breakdown(funding_year).follows_statutory_shares


@pytest.mark.django_db
def test_missing_population_is_named_not_guessed():
    PopulationFigure.objects.filter(member__name="Gnosjö kommun", date=date(2013, 11, 1)).delete()
    breakdown = funding_breakdown(year("finnveden", 2014))
    assert breakdown.problems == ["Invånarantal per 2013-11-01 saknas för: Gnosjö kommun."]
    assert all(line.proposed is None for line in breakdown.municipal_lines)


@pytest.mark.django_db
def test_an_odd_krona_of_state_money_still_follows_the_statutory_shares():
    # The contributions give the odd krona to the region (748 001 + 748 000); the check once
    # wanted 748 000,50 each and warned on a correct year.
    funding_year = year("finnveden", 2014)
    funding_year.state_granted = Money(1_496_001, "SEK")
    funding_year.save()
    breakdown = funding_breakdown(funding_year)
    assert (breakdown.region_total, breakdown.municipal_total) == (D(748_001), D(748_000))
    assert breakdown.follows_statutory_shares


@pytest.mark.django_db
def test_the_exact_share_rounds_half_away_from_zero_to_the_ore():
    # 12,5 % of a municipal half of 605 225 kr is 75 653,125 kr: the house rule prints ,13
    # (half-to-even once printed ,12).
    funding_year = year("finnveden", 2014)
    funding_year.state_granted = Money(1_210_450, "SEK")
    funding_year.distribution_key = DistributionKey.FIXED
    funding_year.save()
    percents = {"Gnosjö kommun": D("12.5"), "Gislaveds kommun": D(50), "Värnamo kommun": D("37.5")}
    for name, percent in percents.items():
        FixedKeyShare.objects.update_or_create(
            funding_year=funding_year,
            member=Member.objects.get(name=name),
            defaults={"percent": percent},
        )
    line = next(x for x in funding_breakdown(funding_year).lines if x.label == "Gnosjö kommun")
    assert line.exact == D("75653.13")


@pytest.mark.django_db
def test_the_breakdowns_of_many_years_at_once_are_those_of_each_year():
    """A budget's columns read their years' breakdowns together: the same figures, members,
    keys and problems as one year at a time, for every funding year of the demo."""
    from finsam.models import Association

    for association in Association.objects.all():
        years = list(FundingYear.objects.filter(association=association))
        assert years
        together = funding_breakdowns(years)
        assert together == {y.year: funding_breakdown(y) for y in years}
        assert len(together) == len(years)
