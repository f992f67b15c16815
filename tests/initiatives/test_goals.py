"""Goals and outcomes from Växjö's interim report, with computed and overridden statuses."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives.models import Goal, GoalStatus, Outcome
from initiatives.selectors import association_goals, initiative_page
from initiatives.services import GoalData, OutcomeData, goal_create, outcome_record

NBSP = "\u00a0"


def _goal(initiative, starts_with: str) -> Goal:
    return initiative.goals.get(text__startswith=starts_with)


def test_nine_of_31_against_at_least_30_percent_is_not_met(vaxjo_initiative):
    goal = _goal(vaxjo_initiative("Samordningsteamet"), "Att minst 30 %")
    outcome = goal.outcomes.get()
    assert (outcome.numerator, outcome.denominator) == (9, 31)
    assert outcome.status == GoalStatus.NOT_MET


def test_nine_of_31_towards_the_40_percent_target_is_not_met(vaxjo_initiative):
    goal = _goal(vaxjo_initiative("Samordningsteamet"), "Att 40 %")
    assert goal.outcomes.get().status == GoalStatus.NOT_MET


def test_two_collaboration_days_a_year_is_met(vaxjo_initiative):
    goal = _goal(vaxjo_initiative("Samordningsteamet"), "Att genomföra minst 2 samverkansdagar")
    # The interim report: one day held (6 May), the second planned for 21 October.
    assert goal.outcomes.get().status == GoalStatus.NOT_YET
    outcome = outcome_record(
        goal=goal,
        data=OutcomeData(
            period_start=date(2014, 1, 1), period_end=date(2014, 12, 31), value=Decimal(2)
        ),
    )
    assert outcome.status == GoalStatus.MET
    assert goal.outcomes.count() == 1  # the same period is replaced, not added


def test_an_override_is_shown_beside_the_computed_status(vaxjo_initiative):
    samordning = vaxjo_initiative("Samordningsteamet")
    page = initiative_page(samordning)
    views = {v.goal.pk: v for v in page.goals}
    representation = views[_goal(samordning, "Att under 2013 öka representationen").pk].latest
    assert representation.status == GoalStatus.PARTLY_MET
    assert representation.computed == GoalStatus.NOT_YET and representation.overridden
    thirty = views[_goal(samordning, "Att minst 30 %").pk].latest
    assert thirty.share == f"9 av 31 = 29{NBSP}%"
    assert thirty.status == GoalStatus.NOT_MET and not thirty.overridden


def test_an_override_needs_a_comment(vaxjo_initiative):
    goal = _goal(vaxjo_initiative("Samordningsteamet"), "Att minst 30 %")
    with pytest.raises(ValidationError, match="kräver en kommentar"):
        outcome_record(
            goal=goal,
            data=OutcomeData(
                period_start=date(2014, 1, 1),
                period_end=date(2014, 8, 31),
                numerator=9,
                denominator=31,
                override=GoalStatus.PARTLY_MET,
            ),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(
            goal=goal,
            period_start=date(2015, 1, 1),
            period_end=date(2015, 2, 1),
            override=GoalStatus.MET,
        )


def test_a_share_outcome_takes_numerator_and_denominator(vaxjo_initiative):
    goal = _goal(vaxjo_initiative("Samordningsteamet"), "Att minst 30 %")
    with pytest.raises(ValidationError, match="ange antal som nått målet"):
        outcome_record(
            goal=goal,
            data=OutcomeData(
                period_start=date(2015, 1, 1), period_end=date(2015, 8, 31), value=Decimal(29)
            ),
        )
    with pytest.raises(ValidationError, match="kan inte vara större än totalen"):
        outcome_record(
            goal=goal,
            data=OutcomeData(
                period_start=date(2015, 1, 1),
                period_end=date(2015, 8, 31),
                numerator=32,
                denominator=31,
            ),
        )


def test_a_result_goal_target_must_be_complete(association):
    with pytest.raises(ValidationError, match="anger mått, jämförelse och målvärde"):
        goal_create(
            association=association,
            data=GoalData(
                text="Minst 30 % till arbete", kind="result", level="individual", metric="share"
            ),
        )
    with pytest.raises(ValidationError, match="inte vara mer än 100 procent"):
        goal_create(
            association=association,
            data=GoalData(
                text="Andel",
                kind="result",
                level="individual",
                metric="share",
                comparison="at_least",
                target_value=Decimal(130),
            ),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(
            association=association, text="x", kind="direction", level="individual", metric="count"
        )


def test_finnveden_goals_at_both_levels(association):
    page = association_goals(association)
    direction = page.directions[0]
    assert direction.goal.code == "A"
    assert [c.goal.text for c in direction.children] == [
        "ökad egenförsörjning",
        "minskad sjukfrånvaro",
        "förbättrad egenupplevd hälsa",
        "förbättrad arbetsförmåga",
    ]
    assert len(page.financial) == 3
    assert page.priority_groups[0].description == "Unga personer ges högsta prioritet."
    se = association.initiatives.get(name="Stöd till arbete – Supported Employment")
    five = _goal(se, "SE-coacherna")
    assert five.target.describe() == "minst 5" and five.target_per == "per kommun och år"
    jobbcenter = association.initiatives.get(name="Jobbcenter Unga")
    assert _goal(jobbcenter, "38 %").target.describe() == f"minst 38{NBSP}%"
