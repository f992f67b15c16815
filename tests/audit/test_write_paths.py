"""Every write path the pages and imports use leaves history: who, what it was, what it became.

Each test makes real writes through the services the views call (or through the views) and
reads the historical rows they left. `test_every_service_is_covered` fails when a new service
appears that no test here exercises.
"""

import importlib
import inspect
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from budgets import services as budget_services
from budgets.accounts.services import AccountMapping, account_mapping_update
from budgets.followup import Entered
from budgets.models import (
    Account,
    BudgetAmount,
    BudgetColumn,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    FollowUpFigure,
    Footnote,
)
from budgets.selectors import budget_sheet
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import read_budget
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association, Invitation, UserRole
from finsam.permissions import Role
from finsam.users import invitations
from finsam.users import services as user_services
from initiatives import figures, services
from initiatives.models import (
    Decision,
    ExitCount,
    ExitReason,
    FollowUp,
    Goal,
    HeadCount,
    Initiative,
    Outcome,
    ReferralCount,
    ReferralYear,
    StandingCount,
    StatusChange,
)
from members import services as member_services
from members.models import (
    AgreedContribution,
    BoardSeat,
    FixedKeyShare,
    FundingYear,
    Member,
    PopulationFigure,
)
from members.services import FundingDecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def kansli():
    return get_user_model().objects.get(username="kansli")


@pytest.fixture
def budget(association) -> BudgetDocument:
    return association.budget_documents.get()


class Since:
    """The historical rows written since this marker was made."""

    def __init__(self) -> None:
        self.marks = {m: _last_id(m) for m in _tracked()}

    def rows(self, model, **lookup) -> list:
        return list(
            model.history.filter(history_id__gt=self.marks[model], **lookup).order_by("history_id")
        )

    def kinds(self, model, **lookup) -> list[str]:
        return [row.history_type for row in self.rows(model, **lookup)]


def _tracked() -> list:
    return [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def _last_id(model) -> int:
    last = model.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return last or 0


def test_budget_structure_services_record_the_user_and_the_change(budget, kansli, association):
    since = Since()
    section = budget.sections.get(name="Verksamhet")
    line = budget_services.line_add(section=section, label="Ny insats", user=kansli)
    line_pk = line.pk
    budget_services.line_update(
        line=line, label="Ny insats 2014", footnote_numbers=[1], user=kansli
    )
    column = budget_services.column_add(
        document=budget, kind="plan", year=2016, label="Plan 2016", user=kansli
    )
    note = budget_services.footnote_add(document=budget, text="Ny fotnot", user=kansli)
    column_pk, note_pk = column.pk, note.pk  # gone once deleted: Django clears a deleted pk
    budget_services.footnote_update(footnote=note, text="Ändrad fotnot", user=kansli)
    note.refresh_from_db()  # the pages pass what they just read; so do these calls
    budget_services.line_move(line=line, up=True, user=kansli)
    budget_services.section_update(
        section=section, name="Insatser", subtotal_label="Summa", show_subtotal=True, user=kansli
    )
    new_section = budget_services.section_add(
        document=budget, name="Övrigt", kind="other_cost", user=kansli
    )
    budget_services.document_update(document=budget, settings={"title": "Budget X"}, user=kansli)
    budget_services.footnote_delete(footnote=note, user=kansli)
    budget_services.column_delete(column=column, user=kansli)
    budget_services.line_delete(line=line, user=kansli)

    assert since.kinds(BudgetLine, id=line_pk) == ["+", "~", "~", "~", "-"]
    added, renamed, footnoted, moved, deleted = since.rows(BudgetLine, id=line_pk)
    assert (added.label, renamed.label, deleted.label) == (
        "Ny insats",
        "Ny insats 2014",
        "Ny insats 2014",
    )
    assert [f.footnote_id for f in footnoted.footnotes.all()] == [budget.footnotes.get(number=1).pk]
    assert moved.order == added.order - 1
    assert since.kinds(BudgetColumn, id=column_pk) == ["+", "-"]
    assert [r.text for r in since.rows(Footnote, id=note_pk)] == [
        "Ny fotnot",
        "Ändrad fotnot",
        "Ändrad fotnot",
    ]
    assert [r.name for r in since.rows(BudgetSection, id=section.pk)] == ["Insatser"]
    assert since.kinds(BudgetSection, id=new_section.pk) == ["+"]
    assert [r.title for r in since.rows(BudgetDocument, id=budget.pk)] == ["Budget X"]
    everything = [r for m in _tracked() for r in since.rows(m)]
    assert {(r.history_user_id, r.history_association_id) for r in everything} == {
        (kansli.pk, association.pk)
    }


def test_figures_follow_up_adoption_and_revision(budget, kansli):
    since = Since()
    kansli_line, column = budget.lines.get(label="Kansli"), budget.columns.get(year=2014)
    _set = budget_services.budget_amount_set
    _set(
        line=kansli_line,
        column=column,
        amount=Decimal(430000),
        expected=Decimal(425000),
        user=kansli,
    )
    _set(line=kansli_line, column=column, amount=None, expected=Decimal(430000), user=kansli)
    _set(line=kansli_line, column=column, amount=Decimal(1), expected=None, user=kansli)
    budget_services.follow_up_save(
        column=column,
        figures={kansli_line.pk: Entered(Decimal(200000), Decimal(420000))},
        expected={},
        user=kansli,
    )
    budget_services.document_adopt(
        document=budget,
        adopted_on=date(2013, 11, 20),
        meeting=None,
        diary_number="Dnr 7",
        user=kansli,
        motivation="Styrelsen godtar varningarna.",
    )
    copy = budget_services.document_new_revision(document=budget, user=kansli)

    cell = since.rows(BudgetAmount, line_id=kansli_line.pk, column_id=column.pk)
    assert [(r.history_type, r.amount) for r in cell] == [("~", 430000), ("-", 430000), ("+", 1)]
    follow_up = since.rows(FollowUpFigure, line_id=kansli_line.pk)
    assert [(f.outcome_to_date, f.forecast) for f in follow_up] == [(200000, 420000)]
    adopted = since.rows(BudgetDocument, id=budget.pk)[-1]
    assert (adopted.status, adopted.history_change_reason) == (
        "adopted",
        "Fastställd av styrelsen 2013-11-20 Dnr 7. Motivering till varningarna: "
        "Styrelsen godtar varningarna.",
    )
    # The copy's figures are bulk-created, each with its historical row.
    copied = since.rows(BudgetAmount, line_id__in=copy.lines.values("pk"))
    assert len(copied) == BudgetAmount.objects.filter(line__document=copy).count() > 20
    assert {(r.history_type, r.history_user_id) for r in copied} == {("+", kansli.pk)}
    assert {r.history_change_reason for r in copied} == {f"Ny revision av {budget}"}


def test_the_xlsx_import_records_its_lines_with_a_reason(budget, kansli):
    since = Since()
    plan = read_budget(export_budget(budget_sheet(budget)))
    budget_services.document_import(association=budget.association, plan=plan, user=kansli)
    removed, entered = (
        since.rows(BudgetLine, history_type="-"),
        since.rows(BudgetLine, history_type="+"),
    )
    assert len(removed) == len(entered) == budget.lines.count()
    assert {r.history_change_reason for r in entered} == {"Inläst från xlsx"}


def test_the_funding_page_records_only_what_changed(client, kansli):
    year = FundingYear.objects.get(association__slug="finnveden", year=2014)
    gnosjo = Member.objects.get(name="Gnosjö kommun")
    since = Since()
    client.force_login(kansli)
    data = {
        "version": year.version,
        "state_requested": "1 696 000",
        "state_granted": "1 400 000",
        "distribution_key": "population",
        "rounding_step": "100",
        "state_presentation": "one_line",
        "note": "",
        f"agreed_{gnosjo.pk}": "99 000",
    }
    url = reverse("members:funding_year_edit", args=["finnveden", 2014])
    assert client.post(url, data).status_code == 302
    granted = since.rows(FundingYear, id=year.pk)
    assert [(r.state_granted.amount, r.history_user_id) for r in granted] == [(1400000, kansli.pk)]
    assert [
        (r.history_type, r.member_id, r.amount.amount) for r in since.rows(AgreedContribution)
    ] == [("+", gnosjo.pk, 99000)]
    # The same form saved again changes nothing, so history gets nothing either.
    year.refresh_from_db()
    again = Since()
    client.post(url, data | {"version": year.version})
    assert again.rows(FundingYear) == again.rows(AgreedContribution) == []


def test_fixed_shares_and_a_new_year(association, kansli):
    since = Since()
    year = member_services.funding_year_create(association=association, year=2016)
    members = association.memberships.filter(member__kind="municipality").order_by("member__name")
    shares = dict(
        zip([m.member_id for m in members], [Decimal(40), Decimal(35), Decimal(25)], strict=True)
    )
    decision = FundingDecision(None, None, "fixed", 100, "one_line", "", {}, shares)
    member_services.funding_year_update(funding_year=year, expected_version=1, decision=decision)
    assert since.kinds(FundingYear, id=year.pk) == ["+", "~"]
    assert sorted(r.percent for r in since.rows(FixedKeyShare)) == [25, 35, 40]


def test_taking_the_sie_files_organisation_number(association, kansli):
    Association.objects.filter(pk=association.pk).update(org_number="")
    association.refresh_from_db()
    since = Since()
    member_services.association_orgnr_adopt(
        association=association, orgnr="222000-1339", user=kansli
    )
    (row,) = since.rows(Association, id=association.pk)
    assert (row.history_type, row.org_number, row.history_user) == ("~", "222000-1339", kansli)
    assert row.history_change_reason == "Organisationsnumret togs från SIE-filen."


def test_user_roles_granted_changed_and_revoked(association):
    since = Since()
    grant = user_services.user_create(
        association=association,
        username="ny-revisor",
        role=Role.AUDITOR,
        password="Ett-langt-losen-42",
    )
    user_services.user_role_change(user_role=grant, role=Role.STAFF)
    grant_pk = grant.pk
    user_services.user_role_revoke(user_role=grant)
    assert [(r.history_type, r.role) for r in since.rows(UserRole, id=grant_pk)] == [
        ("+", "auditor"),
        ("~", "staff"),
        ("-", "staff"),
    ]


def test_invitations_sent_withdrawn_and_accepted(association, make_user):
    since = Since()
    tokens = []
    withdrawn = invitations.invitation_send(
        association=association,
        email="a@example.se",
        role=Role.BOARD,
        invited_by=None,
        link=tokens.append,
    )
    withdrawn_pk = withdrawn.pk
    invitations.invitation_withdraw(invitation=withdrawn)
    sent = invitations.invitation_send(
        association=association,
        email="b@example.se",
        role=Role.AUDITOR,
        invited_by=None,
        link=tokens.append,
    )
    invited = make_user("inbjuden")
    invited.email = "b@example.se"
    invited.save()
    grant = invitations.invitation_accept(token=tokens[-1], user=invited)
    assert since.kinds(Invitation, id=withdrawn_pk) == ["+", "-"]
    assert since.kinds(Invitation, id=sent.pk) == ["+", "~"]
    assert [(r.history_type, r.role) for r in since.rows(UserRole, id=grant.pk)] == [
        ("+", "auditor")
    ]


def test_board_seats_record_who_sits_when():
    seat = BoardSeat.objects.filter(association__slug="vaxjo").order_by("pk").first()
    since = Since()
    seat.end = seat.start + timedelta(days=30)
    member_services.board_seat_save(seat=seat)
    assert [(r.history_type, r.end) for r in since.rows(BoardSeat, id=seat.pk)] == [("~", seat.end)]


def _import(association, kind, content, user=None, filename="fil.csv"):
    batch, plan = import_upload(
        association=association, kind=kind, filename=filename, content=content, user=user
    )
    assert batch is not None, plan.problems
    return import_confirm(batch=batch)


def test_imports_link_each_changed_figure_to_the_file(association, kansli):
    since = Since()
    contributions = (
        "År;Medlem;Belopp\n2015;Försäkringskassan;1 600 000\n2015;Gnosjö kommun;106 000\n"
    ).encode()
    batch = _import(association, "contributions", contributions, user=kansli)
    population = "Kommun;Datum;Invånare\nGnosjö kommun;2014-11-01;9500\n".encode()
    census = _import(association, "population", population)

    year = since.rows(FundingYear, year=2015)[-1]
    agreed = since.rows(AgreedContribution)[-1]
    assert (year.state_granted.amount, agreed.amount.amount) == (1600000, 106000)
    for row in (year, agreed):
        assert (row.history_import_id, row.history_user_id) == (batch.pk, kansli.pk)
    figure = since.rows(PopulationFigure)[-1]
    assert (figure.population, figure.history_import_id, figure.history_user_id) == (
        9500,
        census.pk,
        None,
    )
    assert len(batch.sha256) == 64


def test_sie_import_records_new_accounts_but_not_each_balance(settings):
    vaxjo = Association.objects.get(slug="vaxjo")
    content = (settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se").read_bytes()
    Account.objects.filter(association=vaxjo, number="1930").delete()
    since = Since()
    batch = _import(vaxjo, "sie", content, filename="bok.se")
    created = since.rows(Account, history_type="+")
    assert [(r.number, r.history_import_id) for r in created] == [("1930", batch.pk)]
    assert created[0].history_association_id == vaxjo.pk


def test_account_mapping_records_the_budget_line(kansli):
    vaxjo = Association.objects.get(slug="vaxjo")  # the demo association with books
    budget = budget_services.document_create(association=vaxjo, year=2014, title="B", user=kansli)
    line = budget.lines.get()  # the carried-forward line every new budget starts with
    account = Account.objects.get(association=vaxjo, number="1930")
    since = Since()
    mapping = {"1930": AccountMapping(account.line, account.note_label, line.pk)}
    assert account_mapping_update(association=vaxjo, mapping=mapping) == 1
    assert [(r.number, r.budget_line_id) for r in since.rows(Account)] == [("1930", line.pk)]


def test_initiative_services_record_every_step(association, kansli):
    since = Since()
    members = [m.member for m in association.memberships.order_by("pk")[:2]]
    facts = services.InitiativeFacts(name="Steg för steg", members=members)
    initiative = services.initiative_create(association=association, facts=facts)
    services.initiative_update(
        initiative=initiative,
        expected_version=1,
        facts=services.InitiativeFacts(name="Steg för steg", members=members, staffing="50 %"),
    )
    services.initiative_set_status(initiative=initiative, status="granted", on=date(2015, 1, 1))
    grant = services.decision_record(
        initiative=initiative,
        data=services.DecisionData(
            "grant", date(2015, 1, 1), Decimal(100000), date(2015, 1, 1), date(2015, 12, 31)
        ),
    )
    goal = services.goal_create(
        association=association,
        initiative=initiative,
        data=services.GoalData(text="Minst fem", kind="result", level="individual"),
    )
    services.goal_update(
        goal=goal,
        data=services.GoalData(text="Minst sex", kind="result", level="individual"),
        expected_version=goal.version,
    )
    outcome = services.outcome_record(
        goal=goal, data=services.OutcomeData(date(2015, 1, 1), date(2015, 12, 31), value=Decimal(6))
    )
    # Created, then its members set (a row of their own), then updated, then its status.
    assert [r.staffing for r in since.rows(Initiative, id=initiative.pk)] == [
        "",
        "",
        "50 %",
        "50 %",
    ]
    assert since.rows(Initiative, id=initiative.pk)[-1].status == "granted"
    assert since.kinds(StatusChange, initiative_id=initiative.pk) == ["+"]
    assert [r.amount.amount for r in since.rows(Decision, id=grant.pk)] == [100000]
    assert [r.text for r in since.rows(Goal, id=goal.pk)] == ["Minst fem", "Minst sex"]
    assert [r.value for r in since.rows(Outcome, id=outcome.pk)] == [6]
    members_now = since.rows(Initiative, id=initiative.pk)[1].members.all()
    assert sorted(m.member_id for m in members_now) == sorted(m.pk for m in members)


def test_participant_figures_record_only_rows_that_changed(vaxjo_follow_up):
    follow_up, reasons = vaxjo_follow_up
    counts = {r: c.count for r, c in ((e.reason, e) for e in follow_up.exit_counts.all())}
    since = Since()
    figures.exits_record(follow_up=follow_up, counts=counts)
    assert since.rows(ExitCount) == []
    first = reasons[0]
    figures.exits_record(follow_up=follow_up, counts=counts | {first: counts[first] + 1})
    assert [(r.history_type, r.count) for r in since.rows(ExitCount)] == [("~", counts[first] + 1)]

    new = figures.follow_up_create(
        initiative=follow_up.initiative, start=date(2015, 1, 1), end=date(2015, 6, 30)
    )
    figures.head_count_record(follow_up=new, data=figures.HeadCountData(kind="enrolled", total=4))
    figures.standings_record(follow_up=new, counts={"group_training": 4})
    column = figures.referral_year_record(
        initiative=follow_up.initiative, year=2015, counts={m: 2 for m in _vaxjo_members()[:2]}
    )
    assert since.kinds(FollowUp, id=new.pk) == ["+"]
    assert [r.total for r in since.rows(HeadCount, follow_up_id=new.pk)] == [4]
    assert [r.count for r in since.rows(StandingCount, follow_up_id=new.pk)] == [4]
    assert since.kinds(ReferralYear, id=column.pk) == ["+"]
    assert [r.count for r in since.rows(ReferralCount, referral_year_id=column.pk)] == [2, 2]


def _vaxjo_members() -> list[Member]:
    vaxjo = Association.objects.get(slug="vaxjo")
    return [m.member for m in vaxjo.memberships.order_by("pk")]


@pytest.fixture
def vaxjo_follow_up(db):
    follow_up = Initiative.objects.get(
        association__slug="vaxjo", name="Samordningsteamet"
    ).follow_ups.get()
    reasons = list(ExitReason.objects.filter(association__slug="vaxjo").order_by("number"))
    return follow_up, [r for r in reasons if follow_up.exit_counts.filter(reason=r).exists()]


# Each public write of the services the pages and imports call, and the test above that
# exercises it. A new service fails `test_every_service_is_covered` until it is added here.
COVERED = {
    "budgets.services": {
        "budget_amount_set", "column_add", "column_delete", "document_adopt",
        "document_create", "document_import", "document_new_revision", "document_update",
        "follow_up_save", "footnote_add", "footnote_delete", "footnote_update", "line_add",
        "line_delete", "line_move", "line_update", "section_add", "section_update",
    },
    "members.services": {
        "association_orgnr_adopt", "board_seat_save", "funding_year_create",
        "funding_year_update",
    },
    # Their history is tested in tests/members/test_board_services.py.
    "members.board_services": {
        "auditor_add", "auditor_end", "auditor_update", "board_seat_appoint", "board_seat_end",
        "board_seat_update", "office_post_add", "office_post_end", "office_post_update",
    },
    "finsam.users.services": {"user_role_change", "user_create", "user_role_revoke"},
    "finsam.users.invitations": {"invitation_accept", "invitation_send", "invitation_withdraw"},
    "initiatives.services": {
        "decision_record", "goal_create", "goal_update", "initiative_create",
        "initiative_set_status", "initiative_update", "outcome_record",
    },
    "initiatives.figures": {
        "exits_record", "follow_up_create", "head_count_record", "referral_year_record",
        "standings_record",
    },
    "budgets.accounts.services": {"account_mapping_update"},
    # Uploading and discarding write only the ImportBatch, the import's own record; planning
    # reads. Confirming writes the figures, each linked to the batch.
    "finsam.imports.batches": {"import_confirm", "import_discard", "import_upload", "plan_upload"},
}  # fmt: skip


def test_document_create_records_the_new_document(association, kansli):
    since = Since()
    created = budget_services.document_create(
        association=association, year=2016, title="B", user=kansli
    )
    assert since.kinds(BudgetDocument, id=created.pk) == ["+"]
    assert len(since.rows(BudgetSection, document_id=created.pk)) == 3


WRITE_VERBS = (
    "_set", "_add", "_create", "_update", "_delete", "_record", "_move", "_adopt", "_import",
    "_revision", "_save", "_grant", "_change", "_revoke", "_confirm", "_discard", "_upload",
    "_send", "_withdraw", "_accept",
)  # fmt: skip


def test_every_service_is_covered():
    for module_name, names in COVERED.items():
        module = importlib.import_module(module_name)
        public = {
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value)
            and value.__module__.startswith(module_name)
            and name.endswith(WRITE_VERBS)
            and not name.startswith("check_")  # a form's checks beforehand write nothing
        }
        assert public <= names, f"{module_name}: {sorted(public - names)} not covered"


def test_every_association_model_is_tracked_except_bulk_rows():
    untracked = {
        model._meta.label
        for model in apps.get_models()
        if hasattr(model, "tenant_path") and not hasattr(model, "history")
    }
    # Books are imported in bulk (a million rows must stay fast) and each row points to its
    # ImportBatch, which keeps the file and its checksum; the batch's own history says when it
    # was confirmed and what it replaced. Vouchers are bulk rows of the same kind.
    # A report's adoptions and downloads, and a budget's adoptions, are records themselves
    # (checksum, who, when), never changed after they are written.
    deliberately = {
        "budgets.BudgetAdoption",
        "budgets.YearBalance",
        "budgets.MonthMovement",
        "budgets.Voucher",
        "reports.ReportAdoption",
        "reports.ReportDownload",
        # A background job's row is its progress, rewritten as the worker reads on; what the
        # job changes (an import, an adoption) is in the history of what it changed.
        "finsam.Job",
    }
    assert untracked == deliberately
