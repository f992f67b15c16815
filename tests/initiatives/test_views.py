"""The pages: list, initiative, association goals; editing by staff, reading by the board."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from finsam.permissions import Role
from finsam.versions import stale_message
from initiatives.models import Decision, Goal, Initiative, ReferralYear

NBSP = "\u00a0"
VAXJO = pytest.mark.parametrize("association", ["vaxjo"], indirect=True)


def _client(client, make_user, association, role):
    client.force_login(make_user(f"u-{role}", association, role))
    return client


@VAXJO
def test_list_shows_status_period_owner_and_granted_amount(client, make_user, association):
    page = (
        _client(client, make_user, association, Role.BOARD)
        .get(reverse("initiatives:list", args=["vaxjo"]), {"ar": 2014})
        .content.decode()
    )
    assert "Klargörande av arbetsförmåga" in page and "Samordningsteamet" in page
    assert f"1{NBSP}364{NBSP}296" in page
    # Each date is kept whole on a phone (a span of its own), so the period is read as text.
    assert "2013-09-30 – 2014-12-31" in strip_tags(page) and "Växjö kommun" in page
    assert "Ej uppfyllt" in page


@VAXJO
def test_bad_year_gives_a_message_not_an_error(client, make_user, association):
    response = _client(client, make_user, association, Role.BOARD).get(
        reverse("initiatives:list", args=["vaxjo"]), {"ar": "tjugofjorton"}
    )
    assert response.status_code == 200
    assert "”tjugofjorton” är inget år" in response.content.decode()


@VAXJO
def test_initiative_page_shows_decisions_goals_and_figures(client, make_user, association):
    klar = association.initiatives.get(name="Klargörande av arbetsförmåga")
    page = (
        _client(client, make_user, association, Role.AUDITOR)
        .get(reverse("initiatives:detail", args=["vaxjo", klar.pk]))
        .content.decode()
    )
    assert f"1{NBSP}500{NBSP}000" in page and "upphävt 2014-06-09" in page
    assert f"400{NBSP}000" in page and f"1{NBSP}294{NBSP}000" in page
    assert f"14 av 35 = 40{NBSP}%" in page
    assert "<form" not in page.split("<main", 1)[1]  # read-only for auditors


@VAXJO
def test_board_member_cannot_post_edits(client, make_user, association):
    klar = association.initiatives.get(name="Klargörande av arbetsförmåga")
    response = _client(client, make_user, association, Role.BOARD).post(
        reverse("initiatives:goal_add", args=["vaxjo", klar.pk]),
        {"text": "Nytt mål", "kind": "direction", "level": "individual"},
    )
    assert response.status_code == 403
    assert not Goal.objects.filter(text="Nytt mål").exists()


@VAXJO
def test_staff_enters_a_decision_in_place(client, make_user, association):
    klar = association.initiatives.get(name="Klargörande av arbetsförmåga")
    response = _client(client, make_user, association, Role.STAFF).post(
        reverse("initiatives:decision_add", args=["vaxjo", klar.pk]),
        {
            "kind": "grant",
            "decided_on": "2014-11-20",
            "amount": "250 000",
            "period_start": "2015-01-01",
            "period_end": "2015-03-31",
            "text": "Avveckling",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(initiative=klar, decided_on="2014-11-20")
    assert decision.amount.amount == 250000 and decision.recorded_by.username == "u-staff"


@VAXJO
def test_staff_entering_67_for_2011_sees_the_message_and_nothing_changes(
    client, make_user, association
):
    samordning = association.initiatives.get(name="Samordningsteamet")
    members = {m.name: m.pk for m in samordning.members.all()}
    data = {
        "year": 2011,
        "version": ReferralYear.objects.get(initiative=samordning, year=2011).version,
        "printed_total": 67,
        f"member_{members['Växjö kommun']}": 28,
        f"member_{members['Försäkringskassan']}": 24,
        f"member_{members['Arbetsförmedlingen']}": 11,
        f"member_{members['Landstinget Kronoberg']}": 5,
    }
    response = _client(client, make_user, association, Role.STAFF).post(
        reverse("initiatives:referrals", args=["vaxjo", samordning.pk]), data
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "kolumnen ”2011”: raderna summerar till 68, men den angivna summan är 67" in page
    column = ReferralYear.objects.get(initiative=samordning, year=2011)
    assert sorted(c.count for c in column.counts.all()) == [11, 14, 24, 28]


def test_new_initiative_with_one_member_shows_the_rule(staff_client, association):
    member = association.memberships.first().member
    response = staff_client.post(
        reverse("initiatives:new", args=[association.slug]),
        {"name": "Ensam", "kind": "individual", "members": [member.pk]},
    )
    assert response.status_code == 200
    assert "minst två deltagande medlemmar" in response.content.decode()
    assert not Initiative.objects.filter(name="Ensam").exists()


def test_an_initiatives_figures_cannot_be_seen_from_another_association(staff_client, association):
    samordning = Initiative.objects.get(association__slug="vaxjo", name="Samordningsteamet")
    follow_up = samordning.follow_ups.get()
    for url in (
        reverse("initiatives:detail", args=[association.slug, samordning.pk]),
        reverse("initiatives:exits", args=[association.slug, follow_up.pk]),
        reverse("initiatives:referrals", args=[association.slug, samordning.pk]),
    ):
        assert staff_client.get(url).status_code == 404
    assert (
        staff_client.get(reverse("initiatives:detail", args=["vaxjo", samordning.pk])).status_code
        == 403
    )


def test_association_goals_page(staff_client, association):
    page = staff_client.get(reverse("initiatives:goals", args=[association.slug])).content.decode()
    assert "Delaktighet som ger livskvalitet och egenförsörjning" in page
    assert "Unga personer ges högsta prioritet." in page
    assert "minskad sjukfrånvaro" in page and "Förbundet får inte skuldsätta sig." in page


@VAXJO
def test_initiative_page_query_count_is_pinned(
    client, make_user, association, django_assert_num_queries
):
    samordning = association.initiatives.get(name="Samordningsteamet")
    client = _client(client, make_user, association, Role.AUDITOR)
    url = reverse("initiatives:detail", args=["vaxjo", samordning.pk])
    # session, user, association, role (4); the initiative (1); decisions (1); follow-ups,
    # head counts, exits, their reasons, standings (5); referral years, counts, their members
    # (3); participating members, status changes (2); goals, outcomes (2); budget lines with
    # their budgets (1; where there are lines, their amounts and columns: 2 more): 19,
    # whatever the number of rows.
    with django_assert_num_queries(19):
        assert client.get(url).status_code == 200


@VAXJO
def test_list_query_count_is_pinned(client, make_user, association, django_assert_num_queries):
    client = _client(client, make_user, association, Role.AUDITOR)
    # session, user, association, role (4); initiatives with owner (1); decisions, goals,
    # outcomes (3): 8, whatever the number of initiatives.
    with django_assert_num_queries(8):
        assert (
            client.get(reverse("initiatives:list", args=["vaxjo"]), {"ar": 2014}).status_code == 200
        )


def test_association_goals_page_shows_each_goals_latest_outcome(staff_client, association):
    from datetime import date
    from decimal import Decimal

    from initiatives.services import GoalData, OutcomeData, goal_create, outcome_record

    goal = goal_create(
        association=association,
        data=GoalData(
            text="Minst 2 samverkansdagar per år",
            kind="result",
            level="collaboration",
            metric="count",
            comparison="at_least",
            target_value=Decimal(2),
            target_per="per år",
        ),
    )
    outcome_record(
        goal=goal, data=OutcomeData(date(2013, 1, 1), date(2013, 12, 31), value=Decimal(1))
    )
    outcome_record(
        goal=goal, data=OutcomeData(date(2014, 1, 1), date(2014, 12, 31), value=Decimal(2))
    )
    page = staff_client.get(reverse("initiatives:goals", args=[association.slug])).content.decode()
    assert "Senaste utfall (2014-01-01 – 2014-12-31)" in page and "Uppfyllt" in page
    assert "2013-01-01" not in page


def test_staff_creates_an_initiative_with_two_members(staff_client, association):
    members = [m.member.pk for m in association.memberships.all()[:2]]
    response = staff_client.post(
        reverse("initiatives:new", args=[association.slug]),
        {
            "name": "Unga till arbete",
            "kind": "individual",
            "members": members,
            "start": "2015-01-01",
            "end": "2018-06-30",
        },
    )
    created = Initiative.objects.get(association=association, name="Unga till arbete")
    assert response.url == reverse("initiatives:detail", args=[association.slug, created.pk])
    page = staff_client.get(response.url).content.decode()
    assert "längre än tre år" in page


def test_a_revocation_with_an_amount_is_refused_with_a_message(staff_client, association):
    navigator = association.initiatives.get(name="Navigatorcentrum")
    grant = navigator.decisions.first()
    response = staff_client.post(
        reverse("initiatives:decision_add", args=[association.slug, navigator.pk]),
        {"kind": "revocation", "decided_on": "2014-02-01", "revokes": grant.pk, "amount": "tusen"},
    )
    assert response.status_code == 200
    assert "”tusen” är inte ett belopp" in response.content.decode()
    response = staff_client.post(
        reverse("initiatives:decision_add", args=[association.slug, navigator.pk]),
        {"kind": "revocation", "decided_on": "2014-02-01", "revokes": grant.pk, "amount": "1000"},
    )
    assert (
        "Ett upphävande anger vilket beslut det upphäver och inget belopp"
        in response.content.decode()
    )
    assert navigator.decisions.count() == 2


@VAXJO
def test_staff_changes_a_goals_target_and_the_status_follows(client, make_user, association):
    samordning = association.initiatives.get(name="Samordningsteamet")
    goal = samordning.goals.get(text__startswith="Att minst 30 %")
    response = _client(client, make_user, association, Role.STAFF).post(
        reverse("initiatives:goal_edit", args=["vaxjo", goal.pk]),
        {
            "text": goal.text,
            "kind": "result",
            "level": "individual",
            "metric": "share",
            "comparison": "at_least",
            "target_value": "25",
            "version": goal.version,
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.target_value == 25 and goal.outcomes.get().status == "met"


def test_a_goal_cannot_become_its_own_sub_goal(db):
    from django.core.exceptions import ValidationError

    from initiatives.services import GoalData, goal_update

    direction = Goal.objects.get(association__slug="finnveden", code="A")
    child = direction.children.first()
    data = GoalData(text=direction.text, kind="direction", level="individual", parent=child)
    with pytest.raises(ValidationError, match="sig självt eller sina delmål"):
        goal_update(goal=direction, data=data, expected_version=direction.version)


def test_staff_ends_an_initiative_and_the_page_names_who_and_when(staff_client, association):
    jobbcenter = association.initiatives.get(name="Jobbcenter Unga")
    url = reverse("initiatives:status", args=[association.slug, jobbcenter.pk])
    response = staff_client.post(
        url, {"status": "ended", "on": "2014-12-31", "comment": "Slutrapport"}
    )
    assert response.status_code == 302
    page = staff_client.get(response.url).content.decode()
    assert "Pågående → Avslutad" in page and "2014-12-31" in page and "staff-user" in page
    response = staff_client.post(url, {"status": "running", "on": "2015-01-01"})
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_the_initiative_page_shows_its_budget_lines(client, make_user):
    from finsam.models import Association

    finnveden = Association.objects.get(slug="finnveden")
    navigator = finnveden.initiatives.get(name="Navigatorcentrum")
    client.force_login(make_user("ledamot-f", finnveden, Role.BOARD))
    page = client.get(reverse("initiatives:detail", args=["finnveden", navigator.pk])).content
    text = re.sub(r"[ \t\r\n]+", " ", page.decode())
    assert "Navigatörcentrum" in text
    assert "Budget 2014: 596\u00a0000; Budget 2015: 610\u00a0000" in text


def test_a_stale_initiative_save_is_refused_and_the_current_facts_shown(staff_client, association):
    navigator = association.initiatives.get(name="Navigatorcentrum")
    opened = navigator.version
    members = [m.pk for m in navigator.members.all()]
    edit = reverse("initiatives:edit", args=[association.slug, navigator.pk])
    facts = {"kind": navigator.kind, "members": members, "version": opened}
    first = staff_client.post(edit, facts | {"name": "Navigatorcentrum Värnamo"})
    assert first.status_code == 302
    second = staff_client.post(edit, facts | {"name": "Navigatorcentrum Gislaved"})
    assert second.url == edit
    page = staff_client.get(edit).content.decode()
    assert stale_message("Insatsen") in page
    assert 'value="Navigatorcentrum Värnamo"' in page
    navigator.refresh_from_db()
    assert navigator.name == "Navigatorcentrum Värnamo" and navigator.version == opened + 1
