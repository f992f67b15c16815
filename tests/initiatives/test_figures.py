"""Participant figures: computed totals, printed totals checked, shares as documents print them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from initiatives.figures import exits_record, referral_year_record, standings_record
from initiatives.models import ExitCategory, ExitReason, ReferralYear
from initiatives.selectors import initiative_page

NBSP = "\u00a0"


def test_vaxjo_referral_table_is_computed_with_77_for_2011(vaxjo_initiative):
    table = initiative_page(vaxjo_initiative("Samordningsteamet")).referrals
    assert [c.year for c in table.years] == [2009, 2010, 2011, 2012, 2013, 2014]
    assert table.totals == [73, 77, 77, 67, 62, 32]
    assert table.years[-1].through == date(2014, 8, 31)
    assert [(m.name, cells[2]) for m, cells in table.rows] == [
        ("Växjö kommun", 28),
        ("Försäkringskassan", 24),
        ("Arbetsförmedlingen", 11),
        ("Landstinget Kronoberg", 14),
    ]


def test_entering_the_printed_67_as_the_2011_total_is_refused(vaxjo_initiative):
    samordning = vaxjo_initiative("Samordningsteamet")
    members = {m.name: m for m in samordning.members.all()}
    rows = {
        "Växjö kommun": 28,
        "Försäkringskassan": 24,
        "Arbetsförmedlingen": 11,
        "Landstinget Kronoberg": 14,
    }
    with pytest.raises(ValidationError) as caught:
        referral_year_record(
            initiative=samordning,
            year=2011,
            counts={members[n]: c for n, c in rows.items()},
            printed_total=67,
        )
    assert caught.value.messages == [
        "Tabellen ”Inkomna intresseanmälningar”, kolumnen ”2011”: raderna summerar till 77, men "
        "den angivna summan är 67. Kontrollera raderna eller summan; inget har sparats."
    ]
    column = ReferralYear.objects.get(initiative=samordning, year=2011)
    assert sum(c.count for c in column.counts.all()) == 77


def test_samordningsteamet_exits_by_reason_and_category(vaxjo_initiative):
    follow_up = initiative_page(vaxjo_initiative("Samordningsteamet")).follow_ups[0]
    assert follow_up.exits_total == 31
    assert [count for _, count in follow_up.exits] == [6, 3, 9, 2, 0, 3, 0, 5, 1, 1, 1, 0]
    assert [(c.label, c.share) for c in follow_up.exit_categories] == [
        ("Arbete eller studier", f"9 av 31 = 29{NBSP}%"),
        ("Aktivt arbetssökande", f"9 av 31 = 29{NBSP}%"),
        ("Annat", f"13 av 31 = 42{NBSP}%"),
    ]


def test_samordningsteamet_enrolled_and_where_they_stand(vaxjo_initiative):
    follow_up = initiative_page(vaxjo_initiative("Samordningsteamet")).follow_ups[0]
    label, total, parts = follow_up.head_counts[-1]
    assert (label, total) == ("Inskrivna vid periodens slut", 67)
    assert [p.share for p in parts] == [
        f"42 av 67 = 63{NBSP}%",
        f"25 av 67 = 37{NBSP}%",
        f"39 av 67 = 58{NBSP}%",
    ]
    assert follow_up.standings == [
        ("Pågående grupputbildning", 6),
        ("Utbildning/kurs", 6),
        ("Arbete", 2),
        ("Arbetsträning", 16),
        ("Karriärcoaching", 29),
        ("Livscoaching", 8),
    ]
    assert follow_up.standings_total == 67


def test_klargorande_figures(vaxjo_initiative):
    page = initiative_page(vaxjo_initiative("Klargörande av arbetsförmåga"))
    follow_up = page.follow_ups[0]
    (_, referred, referred_parts), (_, taken_in, taken_parts) = follow_up.head_counts
    assert referred == 62 and taken_in == 35
    assert [p.share for p in referred_parts] == [f"29 av 62 = 47{NBSP}%", f"20 av 29 = 69{NBSP}%"]
    assert [p.share for p in taken_parts] == [
        f"14 av 35 = 40{NBSP}%",
        f"21 av 35 = 60{NBSP}%",
        f"18 av 35 = 51{NBSP}%",
    ]
    assert follow_up.exits_total == 20
    assert [c for _, c in follow_up.exits] == [2, 5, 5, 3, 1, 3, 1]
    # Cost per participant 2014: (964 296 + 400 000) kr granted for 2014 / 35 taken in.
    cost = page.costs[0]
    assert (cost.year, cost.participants, cost.through) == (2014, 35, date(2014, 8, 31))
    assert round(cost.cost) == 38980


def test_vaxjo_has_the_twelve_reasons_of_its_exit_table_plus_two(db):
    reasons = ExitReason.objects.filter(association__slug="vaxjo")
    assert [r.number for r in reasons] == list(range(1, 15))
    assert [r.name for r in reasons if r.category == ExitCategory.WORK_OR_STUDIES] == [
        "Arbete",
        "Studier/Utbildning",
    ]
    assert reasons.get(number=3).category == ExitCategory.JOB_SEEKING


def test_exits_with_a_wrong_printed_total_are_refused_and_nothing_changes(vaxjo_initiative):
    follow_up = vaxjo_initiative("Samordningsteamet").follow_ups.get()
    reasons = {r.number: r for r in ExitReason.objects.filter(association__slug="vaxjo")}
    with pytest.raises(
        ValidationError, match="raderna summerar till 10, men den angivna summan är 31"
    ):
        exits_record(follow_up=follow_up, counts={reasons[1]: 10}, printed_total=31)
    assert follow_up.exit_counts.count() == 12


def test_exit_reasons_of_another_association_are_refused(vaxjo_initiative, association):
    follow_up = vaxjo_initiative("Samordningsteamet").follow_ups.get()
    foreign = ExitReason.objects.create(
        association=association, number=1, name="Arbete", category=ExitCategory.WORK_OR_STUDIES
    )
    with pytest.raises(ValidationError, match="hör inte till förbundets lista"):
        exits_record(follow_up=follow_up, counts={foreign: 1})


def test_standings_must_add_up_to_the_enrolled(vaxjo_initiative):
    follow_up = vaxjo_initiative("Samordningsteamet").follow_ups.get()
    with pytest.raises(ValidationError, match="raderna summerar till 60, men 67 är inskrivna"):
        standings_record(follow_up=follow_up, counts={"work": 60})


def test_goals_measured_on_exits_get_their_outcome_from_the_exit_table(vaxjo_initiative):
    samordning = vaxjo_initiative("Samordningsteamet")
    thirty = samordning.goals.get(text__startswith="Att minst 30 %")
    outcome = thirty.outcomes.get()
    assert (outcome.numerator, outcome.denominator, outcome.interim) == (9, 31, True)
    assert outcome.comment == (
        "Beräknat ur tabellen ”Anledning till avslut”, januari–augusti 2014: arbete eller studier."
    )
    follow_up = samordning.follow_ups.get()
    reasons = {r.number: r for r in ExitReason.objects.filter(association__slug="vaxjo")}
    exits_record(follow_up=follow_up, counts={reasons[1]: 10, reasons[3]: 5, reasons[4]: 15})
    outcome.refresh_from_db()
    assert (outcome.numerator, outcome.denominator, outcome.status) == (10, 30, "met")
    forty = samordning.goals.get(text__startswith="Att 40 %").outcomes.get()
    assert (forty.numerator, forty.denominator, forty.status) == (5, 30, "not_met")


def test_head_count_parts_stay_within_the_total(vaxjo_initiative):
    from django.db import IntegrityError, transaction

    from initiatives.figures import HeadCountData, head_count_record
    from initiatives.models import HeadCount

    follow_up = vaxjo_initiative("Samordningsteamet").follow_ups.get()
    with pytest.raises(ValidationError, match="Kvinnor och män tillsammans kan inte vara fler"):
        head_count_record(
            follow_up=follow_up, data=HeadCountData(kind="enrolled", total=67, women=42, men=26)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        HeadCount.objects.create(follow_up=follow_up, kind="referred", total=10, under_30=11)
    assert follow_up.head_counts.get(kind="enrolled").men == 25


def test_a_follow_up_lies_within_one_year_and_a_referral_column_within_its_year(vaxjo_initiative):
    from initiatives.figures import follow_up_create

    samordning = vaxjo_initiative("Samordningsteamet")
    with pytest.raises(ValidationError, match="inom ett kalenderår"):
        follow_up_create(initiative=samordning, start=date(2014, 9, 1), end=date(2015, 2, 28))
    with pytest.raises(ValidationError, match="ska ligga inom året"):
        referral_year_record(initiative=samordning, year=2015, through=date(2016, 1, 1), counts={})
