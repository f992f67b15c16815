"""Forms tell every error at once, each next to its field: the outcome form (which offers
only the fields the goal's metric takes), an initiative's members, a decision."""

import re

import pytest
from django.urls import reverse

from finsam.permissions import Role
from members.selectors import members_of


@pytest.fixture
def staff(client, make_user, association):
    client.force_login(make_user("u-staff", association, Role.STAFF))
    return client


def field_errors(page: str) -> dict[str, str]:
    """Each visible field's name and the text shown in its row (its errors included)."""
    named = {}
    for row in page.split('<div class="field">')[1:]:
        row = row.split("</form>")[0]
        name = re.search(r'name="(\w+)"', row)
        if name:
            named[name[1]] = re.sub(r"<[^>]+>", " ", row)
    return named


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_a_share_goal_is_entered_as_two_counts_and_every_error_shows_at_its_field(
    staff, association, vaxjo_initiative
):
    goal = vaxjo_initiative("Samordningsteamet").goals.get(text__startswith="Att minst 30 %")
    url = reverse("initiatives:outcome_add", args=["vaxjo", goal.pk])
    page = staff.get(url).content.decode()
    assert 'name="numerator"' in page and 'name="denominator"' in page
    assert 'name="value"' not in page  # a share has no single value to refuse
    data = {
        "version": goal.version,
        "period_start": "2016-12-31",
        "period_end": "2016-01-01",
        "numerator": "9",
        "denominator": "3",
        "override": "met",
        "comment": "",
    }
    page = staff.post(url, data).content.decode()
    rows = field_errors(page)
    assert "Perioden kan inte sluta före den börjar." in rows["period_end"]
    assert "Antalet som nått målet kan inte vara större än totalen." in rows["numerator"]
    assert "En bedömd status kräver en kommentar som förklarar den." in rows["comment"]
    assert not goal.outcomes.filter(period_start="2016-12-31").exists()


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_a_count_goal_offers_one_count_and_calls_it_a_count(staff, association, vaxjo_initiative):
    goal = (
        vaxjo_initiative("Samordningsteamet").goals.exclude(metric="share").order_by("pk").first()
    )
    url = reverse("initiatives:outcome_add", args=["vaxjo", goal.pk])
    page = staff.get(url).content.decode()
    assert 'name="value"' in page and 'name="numerator"' not in page
    data = {"version": goal.version, "period_start": "2016-01-01", "value": "tolv"}
    rows = field_errors(staff.post(url, data).content.decode())
    assert "”tolv” är inget antal; skriv t.ex. 12." in rows["value"]
    assert "belopp" not in rows["value"]
    assert "Detta fält måste fyllas i." in rows["period_end"]


def test_an_initiative_is_told_every_problem_with_its_members_at_once(staff, association):
    members = list(members_of(association).order_by("pk")[:2])
    url = reverse("initiatives:new", args=[association.slug])
    data = {"name": "Ny insats", "kind": "individual", "members": [members[0].pk]}
    page = staff.post(url, {**data, "owner": members[1].pk}).content.decode()
    rows = field_errors(page)
    assert "En insats ska ha minst två deltagande medlemmar" in rows["members"]
    assert f"Projektägaren {members[1]} ska vara en av de deltagande medlemmarna." in rows["owner"]
    assert not association.initiatives.filter(name="Ny insats").exists()
