"""Two staff members edit the same thing at once, over real HTTP (PostgreSQL only).

Two signed-in sessions (httpx, each with its own cookies and connection) open the same
edit page against the live server, then submit at the same moment (a barrier releases both
threads). Exactly one save wins; the other is refused and shown the winner's value; the
database holds the winner's value. Which of the two wins is up to the server.
"""

import json
import re
from functools import partial

import pytest
from django.urls import reverse

from budgets.models import BudgetAmount, BudgetDocument
from finsam.versions import stale_message
from initiatives.models import Initiative
from members.models import FundingYear
from tests.concurrency import at_once, requires_postgresql
from tests.http_session import Session, form_in

pytestmark = [requires_postgresql, pytest.mark.usefixtures("live_demo")]
NBSP = "\u00a0"


@pytest.fixture
def karin_and_anna(live_server):
    """The demo's office staff member and its admin, each in their own browser session."""
    sessions = [Session(live_server.url).sign_in(name) for name in ("kansli", "admin")]
    yield sessions
    for session in sessions:
        session.close()


def _post_both(sessions: list[Session], path: str, forms: list[dict]) -> list:
    """Both sessions post their form to `path` at the same moment."""
    return at_once(*(partial(s.post, path, f) for s, f in zip(sessions, forms, strict=True)))


def _winner_and_loser(answers, won) -> tuple[int, int]:
    outcomes = [won(answer) for answer in answers]
    assert sorted(outcomes) == [False, True], [a.status_code for a in answers]
    winner = outcomes.index(True)
    return winner, 1 - winner


def test_two_people_save_the_same_budget_cell(karin_and_anna):
    document = BudgetDocument.objects.get(association__slug="finnveden")
    line, column = document.lines.get(label="Kansli"), document.columns.get(year=2014)
    grid = reverse("budgets:document", args=["finnveden", document.pk])
    cell = re.compile(rf'data-line="{line.pk}" data-column="{column.pk}" data-stored="(\d*)"')
    was = [cell.search(session.get(grid).text).group(1) for session in karin_and_anna]
    assert was == ["425000", "425000"]

    def save(session: Session, value: str):
        data = {"line": [str(line.pk)], "column": [str(column.pk)], "value": [value]}
        return session.post(
            reverse("budgets:cell", args=["finnveden", document.pk]),
            data | {"was": ["425000"]},
            **{"X-CSRFToken": session.csrf_token},
        )

    values = ["430000", "440000"]
    answers = at_once(*map(partial, [save] * 2, karin_and_anna, values))
    winner, loser = _winner_and_loser(answers, lambda answer: answer.status_code == 200)
    refusal = json.loads(answers[loser].text)
    assert answers[loser].status_code == 409 and refusal["stale"]
    assert refusal["stored"] == values[winner]
    shown = f"{values[winner][:3]}{NBSP}000"
    assert f"sparades inte. Nuvarande värde: {shown}." in refusal["error"]
    assert BudgetAmount.objects.get(line=line, column=column).amount == int(values[winner])


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_two_people_save_the_same_funding_year(karin_and_anna):
    edit = reverse("members:funding_year_edit", args=["finnveden", 2014])
    forms = [session.form(edit, containing="version") for session in karin_and_anna]
    granted = ["1 400 000", "1 300 000"]
    for form, amount in zip(forms, granted, strict=True):
        form["state_granted"] = [amount]
    answers = _post_both(karin_and_anna, edit, forms)
    winner, loser = _winner_and_loser(answers, lambda answer: answer.headers["location"] != edit)
    assert answers[winner].headers["location"] == edit.removesuffix("andra/")
    page = karin_and_anna[loser].get(edit).text
    assert stale_message("Finansieringsåret") in page
    assert _digits(form_in(page, containing="version")["state_granted"][0]) == _digits(
        granted[winner]
    )
    stored = FundingYear.objects.get(association__slug="finnveden", year=2014)
    assert stored.state_granted.amount == int(_digits(granted[winner]))


def test_two_people_save_the_same_initiative(karin_and_anna):
    navigator = Initiative.objects.get(association__slug="finnveden", name="Navigatorcentrum")
    edit = reverse("initiatives:edit", args=["finnveden", navigator.pk])
    forms = [session.form(edit, containing="version") for session in karin_and_anna]
    names = ["Navigatorcentrum Värnamo", "Navigatorcentrum Gislaved"]
    for form, name in zip(forms, names, strict=True):
        form["name"] = [name]
    answers = _post_both(karin_and_anna, edit, forms)
    winner, loser = _winner_and_loser(answers, lambda answer: answer.headers["location"] != edit)
    page = karin_and_anna[loser].get(edit).text
    assert stale_message("Insatsen") in page
    assert form_in(page, containing="version")["name"] == [names[winner]]
    navigator.refresh_from_db()
    assert navigator.name == names[winner] and navigator.version == 2
