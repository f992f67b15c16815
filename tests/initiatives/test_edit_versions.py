"""The figure tables' forms open with the stored rows and change only what the user changed;
every edit form of an initiative refuses a save based on an older version, showing what is
stored now. (Two real sessions at once, on PostgreSQL: tests/test_concurrent_edit_forms.py.)
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from finsam.permissions import Role
from initiatives import figures, services
from initiatives.models import ExitCount, Goal, HeadCount, ReferralCount, StandingCount
from tests.http_session import form_in

VAXJO = pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
pytestmark = VAXJO


@pytest.fixture
def staff(client, make_user, association):
    client.force_login(make_user("u-staff", association, Role.STAFF))
    return client


def _form(client, url: str) -> dict[str, list[str]]:
    return form_in(client.get(url).content.decode(), containing="version")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_correcting_one_exit_reason_changes_that_row_only(staff, vaxjo_initiative):
    follow_up = vaxjo_initiative("Klargörande av arbetsförmåga").follow_ups.get()
    version = follow_up.version
    before = {row.reason_id: (row.pk, row.count) for row in follow_up.exit_counts.all()}
    assert sorted(c for _, c in before.values()) == [1, 1, 2, 3, 3, 5, 5]
    url = reverse("initiatives:exits", args=["vaxjo", follow_up.pk])
    form = _form(staff, url)
    # The form opens with the seven stored rows and the follow-up's version.
    assert {k: v for k, v in form.items() if k.startswith("reason_") and v != [""]} == {
        f"reason_{reason}": [str(count)] for reason, (_, count) in before.items()
    }
    first = min(before, key=lambda reason: follow_up.exit_counts.get(reason_id=reason).pk)
    form[f"reason_{first}"] = [str(before[first][1] + 1)]
    history = ExitCount.history.count()
    assert staff.post(url, form).status_code == 302
    after = {row.reason_id: (row.pk, row.count) for row in follow_up.exit_counts.all()}
    assert after == before | {first: (before[first][0], before[first][1] + 1)}
    assert ExitCount.history.count() == history + 1  # one row changed, none deleted
    follow_up.refresh_from_db()
    assert follow_up.version == version + 1


def test_correcting_two_standings_changes_those_rows_only(staff, vaxjo_initiative):
    follow_up = vaxjo_initiative("Samordningsteamet").follow_ups.get()
    before = {row.standing: (row.pk, row.count) for row in follow_up.standing_counts.all()}
    url = reverse("initiatives:standings", args=["vaxjo", follow_up.pk])
    form = _form(staff, url)
    assert form["work"] == ["2"] and form["career_coaching"] == ["29"]
    # Still 67 in all, as many as are enrolled.
    form["work"], form["career_coaching"] = ["3"], ["28"]
    history = StandingCount.history.count()
    assert staff.post(url, form).status_code == 302
    after = {row.standing: (row.pk, row.count) for row in follow_up.standing_counts.all()}
    changed = {
        "work": (before["work"][0], 3),
        "career_coaching": (before["career_coaching"][0], 28),
    }
    assert after == before | changed
    assert StandingCount.history.count() == history + 2


def test_correcting_one_years_referrals_keeps_the_other_rows(staff, vaxjo_initiative):
    samordning = vaxjo_initiative("Samordningsteamet")
    column = samordning.referral_years.get(year=2011)
    before = [(row.pk, row.member.name, row.count) for row in column.counts.all()]
    url = reverse("initiatives:referrals", args=["vaxjo", samordning.pk])
    form = _form(staff, f"{url}?ar=2011")
    assert form["year"] == ["2011"] and form["version"] == [str(column.version)]
    landstinget = next(pk for pk, name, _ in before if name == "Landstinget Kronoberg")
    member = column.counts.get(pk=landstinget).member_id
    assert form[f"member_{member}"] == ["14"]
    form[f"member_{member}"] = ["15"]
    history = ReferralCount.history.count()
    assert staff.post(url, form).status_code == 302
    after = [(row.pk, row.member.name, row.count) for row in column.counts.all()]
    assert after == [(pk, name, 15 if pk == landstinget else c) for pk, name, c in before]
    assert ReferralCount.history.count() == history + 1


def _head_count_elsewhere(follow_up) -> None:
    figures.head_count_record(
        follow_up=follow_up,
        data=figures.HeadCountData(kind="referred", total=99),
        expected_version=follow_up.version,
    )


def test_a_stale_exits_form_is_refused_and_shows_the_stored_rows(staff, vaxjo_initiative):
    follow_up = vaxjo_initiative("Klargörande av arbetsförmåga").follow_ups.get()
    url = reverse("initiatives:exits", args=["vaxjo", follow_up.pk])
    form = _form(staff, url)
    row = follow_up.exit_counts.order_by("pk").first()
    # Someone else corrects the same reason after this form was opened.
    staff_form = _form(staff, url)
    staff_form[f"reason_{row.reason_id}"] = ["9"]
    assert staff.post(url, staff_form).status_code == 302
    form[f"reason_{row.reason_id}"] = ["4"]
    response = staff.post(url, form)
    assert response.status_code == 302 and response.headers["location"] == url
    assert _messages(response)[-1:] == [
        f"Uppföljningen {follow_up} har ändrats av någon annan sedan du öppnade sidan; din "
        "ändring sparades inte."
    ]
    assert _form(staff, url)[f"reason_{row.reason_id}"] == ["9"]
    assert follow_up.exit_counts.get(pk=row.pk).count == 9


@pytest.mark.parametrize("form_of", ["head_count", "standings", "exits"])
def test_any_follow_up_form_is_stale_after_another_save_of_the_period(
    staff, vaxjo_initiative, form_of
):
    follow_up = vaxjo_initiative("Samordningsteamet").follow_ups.get()
    url = reverse(f"initiatives:{form_of}", args=["vaxjo", follow_up.pk])
    form = _form(staff, url)
    if form_of == "head_count":
        form.update(kind=["enrolled"], total=["67"])
    _head_count_elsewhere(follow_up)
    exits, standings = list(ExitCount.objects.all()), list(StandingCount.objects.all())
    response = staff.post(url, form)
    assert response.headers["location"] == url
    assert "har ändrats av någon annan" in _messages(response)[0]
    assert list(ExitCount.objects.all()) == exits and list(StandingCount.objects.all()) == standings
    assert HeadCount.objects.get(follow_up=follow_up, kind="referred").total == 99


def test_a_form_for_a_new_referral_year_is_stale_once_someone_entered_that_year(
    staff, vaxjo_initiative
):
    samordning = vaxjo_initiative("Samordningsteamet")
    url = reverse("initiatives:referrals", args=["vaxjo", samordning.pk])
    form = _form(staff, url)  # the initiative page's blank form for a new year
    assert form["version"] == ["0"]
    member = samordning.members.order_by("name").first()
    figures.referral_year_record(
        initiative=samordning, year=2015, counts={member: 5}, expected_version=0
    )
    form.update(year=["2015"], **{f"member_{member.pk}": ["7"]})
    response = staff.post(url, form)
    assert response.headers["location"] == f"{url}?ar=2015"
    assert _messages(response)[0].startswith("Intresseanmälningarna 2015 har ändrats av någon")
    assert _form(staff, f"{url}?ar=2015")[f"member_{member.pk}"] == ["5"]
    assert samordning.referral_years.get(year=2015).counts.get().count == 5


def test_goal_edit_and_outcome_entry_refuse_a_stale_form(staff, vaxjo_initiative):
    samordning = vaxjo_initiative("Samordningsteamet")
    goal = samordning.goals.get(text__startswith="Att minst 30 %")
    edit = reverse("initiatives:goal_edit", args=["vaxjo", goal.pk])
    outcome = reverse("initiatives:outcome_add", args=["vaxjo", goal.pk])
    goal_form, outcome_form = _form(staff, edit), _form(staff, outcome)
    assert goal_form["version"] == outcome_form["version"] == [str(goal.version)]
    # An outcome saved elsewhere: the goal page shows it, so both forms are now stale.
    services.outcome_record(
        goal=goal,
        data=services.OutcomeData(date(2016, 1, 1), date(2016, 12, 31), numerator=1, denominator=2),
        expected_version=goal.version,
    )
    goal_form["target_value"] = ["25"]
    response = staff.post(edit, goal_form)
    assert response.headers["location"] == edit
    assert _messages(response)[0].startswith("Målet har ändrats av någon annan")
    outcome_form.update(
        period_start=["2016-01-01"], period_end=["2016-12-31"], numerator=["2"], denominator=["2"]
    )
    response = staff.post(outcome, outcome_form)
    assert _messages(response)[-1].startswith("Målet eller dess utfall har ändrats av någon annan")
    goal = Goal.objects.get(pk=goal.pk)
    assert goal.target_value == Decimal(30)
    assert goal.outcomes.get(period_start=date(2016, 1, 1)).numerator == 1
    # A fresh form saves.
    fresh = _form(staff, edit)
    fresh["target_value"] = ["25"]
    assert staff.post(edit, fresh).headers["location"] != edit
    assert Goal.objects.get(pk=goal.pk).target_value == Decimal(25)
