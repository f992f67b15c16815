"""Rules that templates used to decide, now computed in code: who sees the users link, the
sign a reduction is printed with, and what a stored choice means for a page."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from budgets.models import BudgetLine, LineKind
from finsam.models import ImportBatch, ImportStatus
from finsam.permissions import Role
from initiatives.models import Decision, DecisionKind, Initiative, InitiativeKind
from initiatives.services import DecisionData, decision_record
from members.models import DistributionKey, FundingYear

MINUS = "\u2212"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("role", "shown"), [(Role.ADMIN, True), (Role.STAFF, False), (Role.BOARD, False)]
)
def test_only_who_may_manage_users_sees_the_users_link(client, make_user, association, role, shown):
    client.force_login(make_user(f"u-{role}", association, role))
    page = client.get(reverse("budgets:list", args=[association.slug])).content.decode()
    link = reverse("members:user_roles", args=[association.slug])
    assert (f'href="{link}"' in page) is shown


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_a_reduction_prints_with_a_minus_sign_a_grant_without(client, make_user, association):
    klar = association.initiatives.get(name="Klargörande av arbetsförmåga")
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
    reduction = klar.decisions.get(kind=DecisionKind.REDUCTION)
    grant = Decision.objects.get(initiative=klar, decided_on=date(2014, 5, 22))
    revocation = grant.revoked_by
    assert reduction.printed_amount == f"{MINUS}100{NBSP}000"
    assert grant.printed_amount == f"1{NBSP}500{NBSP}000"
    assert revocation.printed_amount == ""
    client.force_login(make_user("ledamot", association, Role.BOARD))
    page = client.get(reverse("initiatives:detail", args=["vaxjo", klar.pk])).content.decode()
    assert f'<td class="num">{MINUS}100{NBSP}000</td>' in page


def test_templates_ask_the_model_what_a_stored_choice_means():
    # An import batch's link, a funding key's unit and the structural mark were once decided
    # in templates by comparing a stored value with a string literal, and the funding form's
    # decision fields by a copy of their names, and what a budget line names by its kind.
    root = Path(__file__).resolve().parents[2] / "templates"
    rule = re.compile(
        r"\.(status|distribution_key|role) ?[!=]= ?[\"']|kind ?== ?[\"']structural"
        r"|field\.name in [\"']|line\.kind ?[!=]= ?[\"']"
    )
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("*.html")
        for match in rule.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_meanings_the_templates_ask_for():
    assert ImportBatch(status=ImportStatus.PREVIEW).is_open
    assert not ImportBatch(status=ImportStatus.APPLIED).is_open
    assert not ImportBatch(status=ImportStatus.DISCARDED).is_open
    assert FundingYear(distribution_key=DistributionKey.FIXED).key_in_percent
    assert not FundingYear(distribution_key=DistributionKey.POPULATION).key_in_percent
    assert not FundingYear(distribution_key=DistributionKey.EQUAL).key_in_percent
    assert Initiative(kind=InitiativeKind.STRUCTURAL).is_structural
    assert not Initiative(kind=InitiativeKind.INDIVIDUAL).is_structural
    for kind in LineKind:
        line = BudgetLine(kind=kind)
        assert line.names_members == (kind == LineKind.CONTRIBUTION)
        assert line.names_initiative == (kind == LineKind.INITIATIVE)
