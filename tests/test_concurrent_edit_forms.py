"""Two staff members submit the same edit form at once, over real HTTP (PostgreSQL only).

As in tests/test_concurrent_sessions.py: two signed-in sessions open the same form, each
changes it, both post at the same moment. Exactly one save wins; the other is refused with
the stored values shown; the database holds the winner's values. Here for every form that
was last-write-wins before it carried a version: goals, outcomes, head counts, exits,
standings, referrals, a budget line (and a rename racing a move), report section moves.
"""

from collections.abc import Callable
from datetime import date
from functools import partial

import pytest
from django.urls import reverse

from budgets.models import BudgetDocument, BudgetLine
from finsam.versions import stale_message
from initiatives.models import ExitCount, Goal, HeadCount, Initiative, ReferralYear
from reports.models import Report, ReportSection
from tests.concurrency import at_once, requires_postgresql
from tests.http_session import Session, _Forms, form_in
from tests.test_concurrent_sessions import _post_both, _winner_and_loser

pytestmark = [requires_postgresql]
STALE = "har ändrats av någon annan sedan du öppnade sidan; din ändring sparades inte."


@pytest.fixture
def karin_and_anna(live_server, live_demo):
    # Växjö (initiatives with participant figures) and Finnveden (a budget and a plan).
    sessions = [Session(live_server.url).sign_in(name) for name in ("kansli", "admin")]
    yield sessions
    for session in sessions:
        session.close()


def _race(sessions: list[Session], url: str, change: Callable[[dict, int], None]) -> tuple:
    """Both open `url`'s form, change it (`change(form, which)`), post at once. Returns the
    winner's and loser's index and the page the loser is shown after the refusal."""
    forms = [session.form(url, containing="version") for session in sessions]
    for which, form in enumerate(forms):
        change(form, which)
    answers = _post_both(sessions, url, forms)
    winner, loser = _winner_and_loser(answers, lambda answer: answer.headers["location"] != url)
    page = sessions[loser].get(url).text
    assert STALE in page
    return winner, loser, page


def _vaxjo(name: str) -> Initiative:
    return Initiative.objects.get(association__slug="vaxjo", name=name)


def test_two_people_edit_the_same_goal(karin_and_anna):
    goal = _vaxjo("Samordningsteamet").goals.get(text__startswith="Att minst 30 %")
    url = reverse("initiatives:goal_edit", args=["vaxjo", goal.pk])
    targets = ["25", "35"]
    winner, _, page = _race(
        karin_and_anna, url, lambda form, which: form.update(target_value=[targets[which]])
    )
    assert form_in(page, containing="version")["target_value"] == [targets[winner]]
    assert Goal.objects.get(pk=goal.pk).target_value == int(targets[winner])


def test_two_people_enter_the_same_outcome(karin_and_anna):
    goal = _vaxjo("Samordningsteamet").goals.get(text__startswith="Att minst 30 %")
    url = reverse("initiatives:outcome_add", args=["vaxjo", goal.pk])
    reached = ["3", "4"]

    def change(form: dict, which: int) -> None:
        form.update(period_start=["2016-01-01"], period_end=["2016-12-31"])
        form.update(numerator=[reached[which]], denominator=["10"])

    winner, _, _page = _race(karin_and_anna, url, change)
    stored = goal.outcomes.get(period_start=date(2016, 1, 1))
    assert stored.numerator == int(reached[winner])


def test_two_people_enter_the_same_head_count(karin_and_anna):
    follow_up = _vaxjo("Samordningsteamet").follow_ups.get()
    url = reverse("initiatives:head_count", args=["vaxjo", follow_up.pk])
    totals = ["80", "81"]
    winner, _, _page = _race(
        karin_and_anna,
        url,
        lambda form, which: form.update(kind=["referred"], total=[totals[which]]),
    )
    assert HeadCount.objects.get(follow_up=follow_up, kind="referred").total == int(totals[winner])


def test_two_people_correct_different_exit_reasons(karin_and_anna):
    follow_up = _vaxjo("Klargörande av arbetsförmåga").follow_ups.get()
    rows = list(follow_up.exit_counts.order_by("pk"))
    before = {row.reason_id: row.count for row in rows}
    url = reverse("initiatives:exits", args=["vaxjo", follow_up.pk])
    # Each corrects a different reason; neither may undo the other's correction unseen.
    corrected = [rows[0].reason_id, rows[1].reason_id]

    def change(form: dict, which: int) -> None:
        form[f"reason_{corrected[which]}"] = [str(before[corrected[which]] + 10)]

    winner, _, page = _race(karin_and_anna, url, change)
    shown = form_in(page, containing="version")
    assert shown[f"reason_{corrected[winner]}"] == [str(before[corrected[winner]] + 10)]
    after = {row.reason_id: row.count for row in ExitCount.objects.filter(follow_up=follow_up)}
    assert after == before | {corrected[winner]: before[corrected[winner]] + 10}


def test_two_people_correct_the_standings(karin_and_anna):
    follow_up = _vaxjo("Samordningsteamet").follow_ups.get()
    url = reverse("initiatives:standings", args=["vaxjo", follow_up.pk])
    # Both keep 67 in all (the enrolled), each moving one person differently.
    moves = [{"work": ["3"], "career_coaching": ["28"]}, {"studies": ["7"], "life_coaching": ["7"]}]
    winner, _, page = _race(karin_and_anna, url, lambda form, which: form.update(moves[which]))
    shown = form_in(page, containing="version")
    assert {k: shown[k] for k in moves[winner]} == moves[winner]
    stored = {row.standing: str(row.count) for row in follow_up.standing_counts.all()}
    assert {k: [stored[k]] for k in moves[winner]} == moves[winner]
    assert {k: [stored[k]] for k in moves[1 - winner]} != moves[1 - winner]


def test_two_people_correct_the_same_referral_year(karin_and_anna):
    samordning = _vaxjo("Samordningsteamet")
    column = samordning.referral_years.get(year=2011)
    kronoberg = column.counts.get(member__name="Landstinget Kronoberg")
    base = reverse("initiatives:referrals", args=["vaxjo", samordning.pk])
    forms = [s.form(f"{base}?ar=2011", containing="version") for s in karin_and_anna]
    counts = ["15", "16"]
    for form, count in zip(forms, counts, strict=True):
        form[f"member_{kronoberg.member_id}"] = [count]
    answers = _post_both(karin_and_anna, base, forms)
    winner, loser = _winner_and_loser(
        answers, lambda answer: not answer.headers["location"].endswith("?ar=2011")
    )
    page = karin_and_anna[loser].get(f"{base}?ar=2011").text
    assert "Intresseanmälningarna 2011 " + STALE in page
    assert form_in(page, containing="version")[f"member_{kronoberg.member_id}"] == [counts[winner]]
    stored = ReferralYear.objects.get(pk=column.pk).counts.order_by("pk")
    assert [row.pk for row in stored] == [row.pk for row in column.counts.order_by("pk")]
    assert stored.get(pk=kronoberg.pk).count == int(counts[winner])


def _line_form(page: str, line: BudgetLine) -> dict[str, list[str]]:
    parser = _Forms()
    parser.feed(page)
    return next(f for f in parser.forms if f.get("label") == [line.label] and "version" in f)


def _finnveden_budget() -> tuple[BudgetDocument, str]:
    document = BudgetDocument.objects.get(association__slug="finnveden")
    return document, reverse("budgets:structure", args=["finnveden", document.pk])


def test_two_people_change_the_same_budget_lines_footnotes(karin_and_anna):
    document, structure = _finnveden_budget()
    line = document.lines.get(label="Kansli")
    url = reverse("budgets:line", args=["finnveden", document.pk, line.pk])
    notes = ["1", "2"]
    forms = [_line_form(s.get(structure).text, line) for s in karin_and_anna]
    for form, note in zip(forms, notes, strict=True):
        form.update(action=["spara"], footnotes=[note])
    _post_both(karin_and_anna, url, forms)
    pages = [s.get(structure).text for s in karin_and_anna]
    saved = ["Raden är sparad." in page for page in pages]
    assert sorted(saved) == [False, True]
    winner = saved.index(True)
    assert f"Raden ”Kansli” {STALE}" in pages[1 - winner]
    assert _line_form(pages[1 - winner], line)["footnotes"] == [notes[winner]]
    assert [f.number for f in line.footnotes.all()] == [int(notes[winner])]


def test_a_line_rename_racing_a_move_keeps_both_and_distinct_positions(karin_and_anna):
    document, structure = _finnveden_budget()
    section = document.lines.get(label="Kansli").section
    upper, lower = list(section.lines.order_by("order"))[:2]
    url = reverse("budgets:line", args=["finnveden", document.pk, lower.pk])
    forms = [_line_form(s.get(structure).text, lower) for s in karin_and_anna]
    forms[0].update(action=["spara"], label=["Omdöpt rad"])
    forms[1].update(action=["upp"])
    _post_both(karin_and_anna, url, forms)
    lines = {line.pk: line for line in section.lines.all()}
    assert lines[lower.pk].label == "Omdöpt rad"
    assert (lines[lower.pk].order, lines[upper.pk].order) == (upper.order, lower.order)
    assert len({line.order for line in lines.values()}) == len(lines)


def test_two_people_move_report_sections_at_once(karin_and_anna):
    plan = Report.objects.get(association__slug="finnveden", kind="verksamhetsplan", year=2014)
    first, second, third = plan.sections.order_by("position")[:3]
    outline = reverse("reports:outline", args=["finnveden", plan.pk])
    forms = [s.form(outline, containing="version") | {"action": ["up"]} for s in karin_and_anna]
    # Karin moves the second section up, Anna the third, from the same outline page.
    urls = [
        reverse("reports:section_change", args=["finnveden", plan.pk, s.pk])
        for s in (second, third)
    ]
    at_once(
        *(
            partial(session.post, url, form)
            for session, url, form in zip(karin_and_anna, urls, forms, strict=True)
        )
    )
    pages = [s.get(outline).text for s in karin_and_anna]
    refused = [stale_message("Rapporten") in page for page in pages]
    assert sorted(refused) == [False, True]
    winner = refused.index(False)
    order = list(ReportSection.objects.filter(report=plan).order_by("position")[:3])
    swapped = [(second, first), (third, second)][winner]
    assert order == ([second, first, third] if winner == 0 else [first, third, second])
    # The winner's move is in the history, the two sections that swapped, and only those.
    history = ReportSection.history.filter(report_id=plan.pk, history_type="~")
    assert sorted(h.id for h in history) == sorted(s.pk for s in swapped)
