"""Rules written once and called everywhere: each test names the rule's home and checks that
the places that once kept their own copy now give the home's answer."""

import dataclasses
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from budgets.calculation import COST_SECTION_KINDS, REVENUE_SECTION_KIND, ColumnResult
from budgets.demo import DOCUMENT_FIELDS
from budgets.forms import DocumentSettingsForm
from budgets.models import BudgetDocument, BudgetSection, SectionKind
from finsam.lib.shares import share_percent
from finsam.models import Association
from finsam.versions import stale_message
from initiatives.forms import GoalForm, InitiativeForm
from initiatives.models import Goal, Initiative, Outcome
from initiatives.services import GoalData, InitiativeFacts
from members.forms import FundingYearForm
from members.models import FundingYear, Member, Membership
from members.selectors import members_during_year, members_of
from members.services import FundingDecision


def test_every_section_kind_is_revenue_or_a_cost_of_the_one_list():
    assert {REVENUE_SECTION_KIND, *COST_SECTION_KINDS} == set(SectionKind.values)
    for kind in SectionKind:
        assert BudgetSection(kind=kind).is_cost == (kind in COST_SECTION_KINDS)


@pytest.mark.parametrize(("part", "whole"), [(9, 31), (1, 3), (0, 5), (5, 0)])
def test_every_share_is_the_one_formula(part, whole):
    expected = share_percent(part, whole)
    assert Outcome(numerator=part, denominator=whole).share == expected
    result = ColumnResult(
        column=None, opening=None, opening_computed=None, section_totals={},
        revenue=D(0), costs=D(whole), administration=D(part),
    )  # fmt: skip
    assert result.administration_share == expected


def test_the_share_of_nothing_is_none_not_zero():
    assert share_percent(D(5), D(0)) is None
    assert share_percent(9, 31) == D(900) / D(31)


@pytest.mark.django_db
def test_the_members_on_a_date_are_one_rule_for_lists_lookups_and_checks():
    finnveden = Association.objects.get(slug="finnveden")
    gnosjo = Member.objects.get(name="Gnosjö kommun")
    Membership.objects.filter(association=finnveden, member=gnosjo).update(
        valid_from=date(2014, 1, 1), valid_to=date(2014, 12, 31)
    )
    # Held on its last day ("till och med"), gone the day after, never before its first.
    assert gnosjo in members_of(finnveden, date(2014, 12, 31), date(2014, 12, 31))
    assert gnosjo not in members_of(finnveden, date(2015, 1, 1), date(2015, 1, 1))
    assert gnosjo not in members_of(finnveden, date(2013, 12, 31), date(2013, 12, 31))
    assert gnosjo in members_of(finnveden)  # without dates: a member at some time
    assert gnosjo in members_during_year(finnveden, 2014)
    assert gnosjo not in members_during_year(finnveden, 2015)
    assert set(members_during_year(finnveden, 2014)) == set(
        members_of(finnveden, date(2014, 1, 1), date(2014, 12, 31))
    )


def test_an_initiative_s_editable_fields_are_one_list_for_form_and_service():
    fields = set(Initiative.EDITABLE_FIELDS)
    assert fields <= {f.name for f in Initiative._meta.concrete_fields}
    assert set(InitiativeForm.base_fields) - {"version", "members"} == fields
    assert {f.name for f in dataclasses.fields(InitiativeFacts)} - {"members"} == fields


def test_a_budget_s_settings_are_one_list_for_form_service_and_demo():
    fields = set(BudgetDocument.SETTING_FIELDS)
    assert fields <= {f.name for f in BudgetDocument._meta.concrete_fields}
    assert set(DocumentSettingsForm.base_fields) - {"version"} == fields
    assert fields <= set(DOCUMENT_FIELDS)


def test_the_stale_refusal_is_worded_in_one_place():
    root = Path(__file__).resolve().parent.parent
    home = root / "finsam" / "versions.py"
    copies = [
        str(path.relative_to(root))
        for app in ("finsam", "members", "initiatives", "budgets", "reports", "templates")
        for path in (root / app).rglob("*")
        if path.suffix in (".py", ".html") and path != home and "migrations" not in path.parts
        if "ändrats av någon annan" in path.read_text(encoding="utf-8")
    ]
    assert copies == []
    assert stale_message("Målet", now="3") == (
        "Målet har ändrats av någon annan sedan du öppnade sidan; din ändring sparades inte. "
        "Nuvarande värde: 3."
    )


def test_a_goal_s_editable_fields_are_one_list_for_form_and_service():
    fields = set(Goal.EDITABLE_FIELDS)
    assert fields <= {f.name for f in Goal._meta.concrete_fields}
    assert set(GoalForm.base_fields) == fields
    assert {f.name for f in dataclasses.fields(GoalData)} - {"order"} == fields


def test_a_funding_year_s_editable_fields_are_one_list_for_form_and_service():
    fields = set(FundingYear.EDITABLE_FIELDS)
    assert fields <= {f.name for f in FundingYear._meta.concrete_fields}
    assert set(FundingYearForm.base_fields) - {"version"} == fields
    assert {f.name for f in dataclasses.fields(FundingDecision)} - {"agreed", "fixed_percents"} == (
        fields
    )
