"""One post tells every problem, each at its field, the form's own and the service's together
(issue #17): the user never fixes one thing only to be told the next."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.forms import InitiativeForm
from initiatives.models import Goal, Initiative
from members.models import Meeting
from members.selectors import members_of
from tests.initiatives.test_outcome_form import field_errors


def test_new_initiative_tells_a_missing_name_and_its_members_problems_at_once(
    staff_client, association
):
    members = list(members_of(association).order_by("pk")[:2])
    url = reverse("initiatives:new", args=[association.slug])
    data = {"name": "", "kind": "individual", "members": [members[0].pk], "owner": members[1].pk}
    response = staff_client.post(url, data)
    form = response.context["form"]
    assert "Detta fält måste fyllas i." in form.errors["name"]  # the form's own
    assert any("minst två deltagande medlemmar" in m for m in form.errors["members"])
    assert (
        f"Projektägaren {members[1]} ska vara en av de deltagande medlemmarna."
        in (form.errors["owner"])
    )
    rows = field_errors(response.content.decode())
    assert "minst två deltagande medlemmar" in rows["members"]
    assert "Projektägaren" in rows["owner"]
    assert not Initiative.objects.filter(association=association, name="").exists()


def test_the_service_tells_members_and_dates_in_one_answer(association):
    members = list(members_of(association).order_by("pk")[:1])
    facts = services.InitiativeFacts(
        name="Datumfel", members=members, start=date(2026, 5, 1), end=date(2026, 1, 1)
    )
    with pytest.raises(Exception) as refused:
        services.initiative_create(association=association, facts=facts)
    errors = refused.value.message_dict  # type: ignore[attr-defined]
    assert any("minst två deltagande medlemmar" in m for m in errors["members"])
    assert "Insatsen kan inte sluta före den startar." in str(errors)
    assert not Initiative.objects.filter(name="Datumfel").exists()


def test_status_tells_an_unknown_status_and_a_date_before_the_last_change_at_once(
    staff_client, association
):
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    on = date(2030, 6, 1)
    services.initiative_set_status(
        initiative=initiative, status=initiative.next_statuses[0][0], on=on
    )
    before = initiative.status_changes.count()
    url = reverse("initiatives:status", args=[association.slug, initiative.pk])
    response = staff_client.post(url, {"status": "inget-sadant", "on": "2030-05-01"})
    form = response.context["form"]
    assert "inget-sadant" in " ".join(form.errors["status"])  # the form's: not a choice
    assert (
        "Datumet 2030-05-01 ligger före förra statusändringen (2030-06-01)." in (form.errors["on"])
    )
    rows = field_errors(response.content.decode())
    assert "ligger före förra statusändringen" in rows["on"]
    assert initiative.status_changes.count() == before


def test_decision_tells_a_bad_amount_the_meeting_date_and_a_missing_revoked_decision_at_once(
    staff_client, association
):
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    meeting = Meeting.objects.create(association=association, kind="board", date=date(2026, 3, 4))
    other_day = meeting.date + timedelta(days=1)
    before = initiative.decisions.count()
    url = reverse("initiatives:decision_add", args=[association.slug, initiative.pk])
    data = {
        "kind": "revocation",
        "decided_on": f"{other_day:%Y-%m-%d}",
        "meeting": meeting.pk,
        "amount": "mycket",
    }
    response = staff_client.post(url, data)
    form = response.context["form"]
    assert form.errors["amount"]  # the form's own: not an amount
    assert (
        f"Beslutsdatumet {other_day:%Y-%m-%d} är inte mötets datum ({meeting.date:%Y-%m-%d})."
        in form.errors["decided_on"]
    )
    assert "Ange vilket av insatsens beslut som upphävs." in form.errors["revokes"]
    rows = field_errors(response.content.decode())
    assert "är inte mötets datum" in rows["decided_on"]
    assert "Ange vilket av insatsens beslut som upphävs." in rows["revokes"]
    assert initiative.decisions.count() == before


def test_goal_edit_tells_a_missing_text_and_a_goal_below_itself_at_once(staff_client, association):
    goal = Goal.objects.filter(association=association).order_by("pk").first()
    assert goal is not None
    url = reverse("initiatives:goal_edit", args=[association.slug, goal.pk])
    data = {
        "version": goal.version,
        "text": "",
        "kind": goal.kind,
        "level": goal.level,
        "parent": goal.pk,
    }
    response = staff_client.post(url, data)
    form = response.context["form"]
    assert "Detta fält måste fyllas i." in form.errors["text"]
    assert (
        "Ett mål kan inte vara delmål till sig självt eller sina delmål." in (form.errors["parent"])
    )
    rows = field_errors(response.content.decode())
    assert "delmål till sig självt" in rows["parent"]
    goal.refresh_from_db()
    assert goal.text and goal.parent_id != goal.pk


def test_referrals_tell_a_wrong_printed_total_and_a_day_outside_the_year_at_once(
    staff_client, association
):
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    member = members_of(association).order_by("pk").first()
    url = reverse("initiatives:referrals", args=[association.slug, initiative.pk])
    data = {
        "version": "0",
        "year": "2025",
        "through": "2026-03-01",
        f"member_{member.pk}": "4",
        "printed_total": "5",
    }
    response = staff_client.post(url, data)
    form = response.context["form"]
    assert "raderna summerar till 4, men den angivna summan är 5." in (
        " ".join(form.errors["printed_total"])
    )
    assert "Datumet ”till och med” ska ligga inom året." in str(form.errors)
    assert not initiative.referral_years.filter(year=2025).exists()


def test_new_initiative_tells_a_missing_name_and_an_end_before_the_start_at_once(
    staff_client, association
):
    """The model's rule on the dates comes with the form's own, not on the next post."""
    members = list(members_of(association).order_by("pk")[:2])
    before = Initiative.objects.filter(association=association).count()
    url = reverse("initiatives:new", args=[association.slug])
    data = {
        "name": "",
        "kind": "individual",
        "members": [m.pk for m in members],
        "start": "2026-05-01",
        "end": "2026-01-01",
    }
    response = staff_client.post(url, data)
    form = response.context["form"]
    assert "Detta fält måste fyllas i." in form.errors["name"]  # the form's own
    assert form.errors["end"] == ["Insatsen kan inte sluta före den startar."]  # the model's
    rows = field_errors(response.content.decode())
    assert "Detta fält måste fyllas i." in rows["name"]
    assert "Insatsen kan inte sluta före den startar." in rows["end"]
    assert Initiative.objects.filter(association=association).count() == before


def test_editing_tells_a_bad_age_and_an_end_before_the_start_at_once(staff_client, association):
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    stored = (initiative.name, initiative.end)
    data = InitiativeForm.initial_for(initiative) | {
        "members": [m.pk for m in initiative.members.all()],
        "owner": initiative.owner_id or "",
        "start": "2026-05-01",
        "end": "2026-01-01",
        "age_from": "tjugo",
    }
    data = {k: "" if v is None else v for k, v in data.items()}
    url = reverse("initiatives:edit", args=[association.slug, initiative.pk])
    form = staff_client.post(url, data).context["form"]
    assert form.errors["age_from"]  # the form's own: not a number
    assert form.errors["end"] == ["Insatsen kan inte sluta före den startar."]
    initiative.refresh_from_db()
    assert (initiative.name, initiative.end) == stored


def test_decision_tells_a_bad_amount_and_a_period_ending_before_it_starts_at_once(
    staff_client, association
):
    """The model's rule on the period comes with the form's own, at the period's end."""
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    before = initiative.decisions.count()
    url = reverse("initiatives:decision_add", args=[association.slug, initiative.pk])
    data = {
        "kind": "grant",
        "decided_on": "2026-03-04",
        "amount": "mycket",
        "period_start": "2026-06-01",
        "period_end": "2026-01-01",
    }
    response = staff_client.post(url, data)
    form = response.context["form"]
    assert form.errors["amount"]  # the form's own: not an amount
    assert form.errors["period_end"] == ["Perioden kan inte sluta före den börjar."]
    rows = field_errors(response.content.decode())
    assert "Perioden kan inte sluta före den börjar." in rows["period_end"]
    assert initiative.decisions.count() == before


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_an_outcome_tells_a_bad_count_and_a_period_ending_before_it_starts_at_once(
    staff_client, association
):
    """The model's rules come with the form's own: before, only once the count was readable."""
    initiative = Initiative.objects.get(association=association, name="Samordningsteamet")
    goal = initiative.goals.exclude(metric="share").order_by("pk").first()
    outcomes = goal.outcomes.count()
    url = reverse("initiatives:outcome_add", args=[association.slug, goal.pk])
    data = {
        "version": goal.version,
        "period_start": "2016-12-31",
        "period_end": "2016-01-01",
        "value": "många",
        "override": "met",
        "comment": "",
    }
    response = staff_client.post(url, data)
    rows = field_errors(response.content.decode())
    assert "”många” är inget antal" in rows["value"]  # the form's own
    assert "Perioden kan inte sluta före den börjar." in rows["period_end"]
    assert "En bedömd status kräver en kommentar som förklarar den." in rows["comment"]
    assert goal.outcomes.count() == outcomes


def test_goal_edit_tells_a_missing_text_and_a_share_above_100_at_once(staff_client, association):
    goal = Goal.objects.filter(association=association).order_by("pk").first()
    stored = (goal.text, goal.target_value, goal.version)
    url = reverse("initiatives:goal_edit", args=[association.slug, goal.pk])
    data = {
        "version": goal.version,
        "text": "",
        "kind": "result",
        "level": goal.level,
        "metric": "share",
        "comparison": "at_least",
        "target_value": "150",
    }
    response = staff_client.post(url, data)
    form = response.context["form"]
    assert "Detta fält måste fyllas i." in form.errors["text"]  # the form's own
    assert form.errors["target_value"] == ["En andel kan inte vara mer än 100 procent."]
    rows = field_errors(response.content.decode())
    assert "En andel kan inte vara mer än 100 procent." in rows["target_value"]
    goal.refresh_from_db()
    assert (goal.text, goal.target_value, goal.version) == stored
