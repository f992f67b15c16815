"""Cross-row rules under two writers at once (PostgreSQL only).

Each test runs the first writer in a transaction held open until PostgreSQL reports the
second writer blocked by it (`tests.concurrency.second_waits_for_first`): the service locks
the parent row, so the second waits, and after the first commits it decides on what the
first wrote. Without the lock the second would not wait and would decide on the old state.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.models import BudgetAmount, BudgetDocument, BudgetLine, DocumentStatus
from budgets.selectors import budget_sheet
from budgets.services import (
    budget_amount_set,
    document_adopt,
    document_create,
    document_import,
    document_new_revision,
    line_add,
    line_delete,
)
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import read_budget
from finsam.errors import StaleEditError
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association
from initiatives.models import DecisionKind, Initiative
from initiatives.services import DecisionData, decision_record
from members.funding import funding_breakdown
from members.models import AgreedContribution, BoardSeat, FixedKeyShare, FundingYear, Member, Person
from members.services import FundingDecision, board_seat_save, funding_year_update
from tests.concurrency import requires_postgresql, second_waits_for_first

pytestmark = [requires_postgresql, pytest.mark.usefixtures("live_demo")]


def _finnveden_2014() -> FundingYear:
    return FundingYear.objects.get(association__slug="finnveden", year=2014)


def _fixed_key(gislaved: int, gnosjo: int, varnamo: int) -> FundingDecision:
    by_name = {m.name: m.pk for m in Member.objects.filter(kind="municipality")}
    return FundingDecision(
        state_requested=Decimal(1_696_000),
        state_granted=Decimal(1_496_000),
        distribution_key="fixed",
        rounding_step=100,
        state_presentation="one_line",
        note="",
        agreed={},
        fixed_percents={
            by_name["Gislaveds kommun"]: Decimal(gislaved),
            by_name["Gnosjö kommun"]: Decimal(gnosjo),
            by_name["Värnamo kommun"]: Decimal(varnamo),
        },
    )


def test_two_saves_of_a_funding_year_the_second_waits_and_is_refused():
    opened = _finnveden_2014()

    def save(decision: FundingDecision) -> FundingYear:
        return funding_year_update(
            funding_year=opened, expected_version=opened.version, decision=decision
        )

    outcome = second_waits_for_first(
        lambda: save(_fixed_key(40, 20, 40)), lambda: save(_fixed_key(30, 30, 40))
    )
    assert outcome.waited
    assert isinstance(outcome.error, StaleEditError)
    assert outcome.error.current.version == opened.version + 1
    shares = {s.member.name: s.percent for s in FixedKeyShare.objects.filter(funding_year=opened)}
    assert shares == {"Gislaveds kommun": 40, "Gnosjö kommun": 20, "Värnamo kommun": 40}
    breakdown = funding_breakdown(_finnveden_2014())
    assert [line.proposed for line in breakdown.municipal_lines] == [299_200, 149_600, 299_200]
    assert sum(line.amount for line in breakdown.municipal_lines) == breakdown.municipal_total


def test_a_funding_save_waits_for_an_import_and_is_refused():
    opened = _finnveden_2014()
    association = opened.association
    content = "År;Medlem;Belopp\n2014;Gislaveds kommun;311 100\n".encode()
    batch, _plan = import_upload(
        association=association, kind="contributions", filename="b.csv", content=content, user=None
    )
    outcome = second_waits_for_first(
        lambda: import_confirm(batch=batch),
        lambda: funding_year_update(
            funding_year=opened,
            expected_version=opened.version,
            decision=_fixed_key(40, 20, 40),
        ),
    )
    assert outcome.waited and isinstance(outcome.error, StaleEditError)
    gislaved = AgreedContribution.objects.get(funding_year=opened, member__name="Gislaveds kommun")
    assert gislaved.amount.amount == Decimal(311_100)
    assert not FixedKeyShare.objects.filter(funding_year=opened).exists()


def _finnveden_budget() -> BudgetDocument:
    return BudgetDocument.objects.get(association__slug="finnveden")


def _set(label: str, year: int, amount: int, expected: int | None) -> BudgetAmount | None:
    document = _finnveden_budget()
    return budget_amount_set(
        line=document.lines.get(label=label),
        column=document.columns.get(year=year),
        amount=Decimal(amount),
        expected=None if expected is None else Decimal(expected),
        user=None,
    )


def test_two_saves_of_one_budget_cell_the_second_waits_and_sees_the_first():
    outcome = second_waits_for_first(
        lambda: _set("Kansli", 2014, 430_000, 425_000),
        lambda: _set("Kansli", 2014, 440_000, 425_000),
    )
    assert outcome.waited and isinstance(outcome.error, StaleEditError)
    assert outcome.error.current == 430_000
    assert BudgetAmount.objects.get(line__label="Kansli", column__year=2014).amount == 430_000


def test_saves_in_two_years_of_a_budget_are_taken_in_turn_and_the_chain_holds():
    outcome = second_waits_for_first(
        lambda: _set("Kansli", 2014, 435_000, 425_000),
        lambda: _set("Kansli", 2015, 420_000, 430_000),
    )
    assert outcome.waited and outcome.error is None
    document = _finnveden_budget()
    result = budget_sheet(document).result
    first, second = (result.columns[c.pk] for c in document.columns.order_by("year"))
    assert (first.closing, second.opening) == (290_000, 290_000)  # 2015 opens with 2014's close
    assert second.closing == 0  # 10 000 less carried in, 10 000 less spent on Kansli in 2015
    years = dict(document.columns.values_list("pk", "year"))
    kansli = BudgetAmount.history.filter(line_id=document.lines.get(label="Kansli").pk)
    saved = [(years[r.column_id], r.amount) for r in kansli.order_by("history_id")]
    assert saved[-2:] == [(2014, 435_000), (2015, 420_000)]  # in turn, both in the history


def test_a_cell_saved_while_its_line_is_removed_gets_a_message_not_an_error():
    document = _finnveden_budget()
    added = line_add(section=document.sections.get(name="Verksamhet"), label="Ny rad", user=None)
    line = BudgetLine.objects.get(pk=added.pk)  # as the grid's form found it before the save
    column = document.columns.get(year=2014)
    outcome = second_waits_for_first(
        lambda: line_delete(line=added, user=None),
        lambda: budget_amount_set(
            line=line, column=column, amount=Decimal(1000), expected=None, user=None
        ),
    )
    assert outcome.waited and isinstance(outcome.error, ValidationError)
    assert "finns inte längre i budgeten" in outcome.error.messages[0]


def test_a_new_revision_and_a_new_budget_of_the_same_year_get_different_numbers():
    draft = _finnveden_budget()
    adopted = document_adopt(
        document=draft,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="",
        user=None,
        motivation="Styrelsen godtar varningarna.",
    )
    outcome = second_waits_for_first(
        lambda: document_new_revision(document=adopted, user=None),
        lambda: document_create(
            association=draft.association, year=draft.year, title="Budget", user=None
        ),
    )
    assert outcome.waited and outcome.error is None
    revisions = BudgetDocument.objects.filter(association=draft.association, year=draft.year)
    assert sorted(revisions.values_list("revision", flat=True)) == [1, 2, 3]
    assert outcome.result.revision == 3


def test_an_import_waits_for_an_adoption_and_then_keeps_the_adopted_budget():
    draft = _finnveden_budget()
    plan = read_budget(export_budget(budget_sheet(draft)))
    outcome = second_waits_for_first(
        lambda: document_adopt(
            document=draft,
            adopted_on=date(2013, 12, 12),
            meeting=None,
            diary_number="",
            user=None,
            motivation="Styrelsen godtar varningarna.",
        ),
        lambda: document_import(association=draft.association, plan=plan, user=None),
    )
    assert outcome.waited and outcome.error is None
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ADOPTED and draft.lines.filter(label="Kansli").exists()
    assert (outcome.result.revision, outcome.result.origin) == (2, draft)


def test_two_people_opening_the_same_board_seat_one_is_told_it_exists():
    finnveden = Association.objects.get(slug="finnveden")
    person = Person.objects.create(association=finnveden, name="Karin Ny")

    def open_seat() -> BoardSeat:
        seat = BoardSeat(
            association=finnveden,
            person=person,
            appointed_by=Member.objects.get(name="Gnosjö kommun"),
            kind="ordinary",
            start=date(2015, 1, 1),
        )
        return board_seat_save(seat=seat)

    outcome = second_waits_for_first(open_seat, open_seat)
    assert outcome.waited and isinstance(outcome.error, ValidationError)
    assert "redan en pågående plats" in " ".join(outcome.error.messages)
    assert BoardSeat.objects.filter(person=person, end__isnull=True).count() == 1


def test_two_reductions_that_together_take_more_than_granted_the_second_is_refused():
    navigator = Initiative.objects.get(association__slug="finnveden", name="Navigatorcentrum")

    def reduce(amount: int) -> object:
        data = DecisionData(
            kind=DecisionKind.REDUCTION,
            decided_on=date(2014, 6, 1),
            amount=Decimal(amount),
            period_start=date(2014, 1, 1),
            period_end=date(2014, 12, 31),
        )
        return decision_record(initiative=navigator, data=data)

    outcome = second_waits_for_first(lambda: reduce(400_000), lambda: reduce(300_000))
    assert outcome.waited and isinstance(outcome.error, ValidationError)
    assert "negativt beviljat belopp" in outcome.error.messages[0]
    assert navigator.decisions.filter(kind=DecisionKind.REDUCTION).count() == 1
