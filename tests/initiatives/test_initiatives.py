"""The initiative itself: at least two members, a forward-only life, dates and age range."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from finsam.errors import StaleEditError
from initiatives.models import Initiative, InitiativeStatus
from initiatives.services import (
    InitiativeFacts,
    initiative_create,
    initiative_set_status,
    initiative_update,
)
from members.models import Member


def _member(name: str) -> Member:
    return Member.objects.get(name=name)


def test_an_initiative_with_one_participating_member_is_refused(association):
    facts = InitiativeFacts(name="Ensam insats", members=[_member("Värnamo kommun")])
    with pytest.raises(ValidationError, match="minst två deltagande medlemmar"):
        initiative_create(association=association, facts=facts)
    assert not Initiative.objects.filter(name="Ensam insats").exists()


def test_members_must_belong_to_the_association_and_the_owner_must_take_part(association):
    outsider = _member("Växjö kommun")
    with pytest.raises(ValidationError, match="inte medlem i förbundet"):
        initiative_create(
            association=association,
            facts=InitiativeFacts(name="X", members=[_member("Värnamo kommun"), outsider]),
        )
    with pytest.raises(ValidationError, match="Projektägaren Gnosjö kommun ska vara en av"):
        initiative_create(
            association=association,
            facts=InitiativeFacts(
                name="X",
                members=[_member("Värnamo kommun"), _member("Arbetsförmedlingen")],
                owner=_member("Gnosjö kommun"),
            ),
        )


def test_status_moves_forward_and_records_who_and_when(association, make_user):
    user = make_user("kansliet")
    initiative = initiative_create(
        association=association,
        facts=InitiativeFacts(
            name="Ny insats", members=[_member("Värnamo kommun"), _member("Arbetsförmedlingen")]
        ),
    )
    assert initiative.status == InitiativeStatus.APPLICATION
    change = initiative_set_status(
        initiative=initiative,
        status=InitiativeStatus.GRANTED,
        on=date(2014, 5, 22),
        by=user,
        comment="Beviljad av styrelsen",
    )
    assert (change.from_status, change.to_status, change.on, change.by) == (
        "application",
        "granted",
        date(2014, 5, 22),
        user,
    )
    with pytest.raises(ValidationError, match="kan inte få status ”Avslutad”"):
        initiative_set_status(
            initiative=initiative, status=InitiativeStatus.ENDED, on=date(2014, 6, 1)
        )
    with pytest.raises(ValidationError, match="ligger före förra statusändringen"):
        initiative_set_status(
            initiative=initiative, status=InitiativeStatus.RUNNING, on=date(2014, 1, 1)
        )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.GRANTED


def test_a_stale_edit_is_refused(association):
    jobbcenter = association.initiatives.get(name="Jobbcenter Unga")
    facts = InitiativeFacts(
        name="Jobbcenter Unga",
        members=list(jobbcenter.members.all()),
        staffing="Två tjänster på 50 %",
    )
    initiative_update(initiative=jobbcenter, expected_version=jobbcenter.version, facts=facts)
    with pytest.raises(StaleEditError):
        initiative_update(initiative=jobbcenter, expected_version=jobbcenter.version, facts=facts)


def test_period_and_age_range_are_checked_by_the_database_too(association):
    with pytest.raises(ValidationError, match="kan inte sluta före den startar"):
        Initiative(
            association=association, name="X", start=date(2014, 1, 1), end=date(2013, 1, 1)
        ).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.create(association=association, name="Y", age_from=30, age_to=18)


def test_longer_than_three_years_is_a_warning(association):
    navigator = association.initiatives.get(name="Navigatorcentrum")
    assert not navigator.longer_than_usual  # 2013-2015: three years
    navigator.end = date(2016, 1, 1)
    assert navigator.longer_than_usual
