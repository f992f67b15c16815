"""The start page after sign-in: per association, what waits for the user's role there.

Worked examples on the demo associations, each on a chosen day: Växjö's interim report for
January–August 2014 is due 60 days after its period (30 October 2014) by default; every plan is
due 31 days before its year (1 December of the year before) and listed from 90 days before that.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate

from budgets.models import BudgetAmount, BudgetComment, BudgetDocument
from budgets.services.successor import document_create_from
from budgets.waiting import budget_check_errors
from finsam.audit.recording import recording
from finsam.lib.dates import long_date
from finsam.models import Association, ImportBatch, UserRole
from finsam.permissions import Role
from finsam.waiting import (
    ADOPTED,
    CHANGES,
    CHECKS,
    COMMENTS,
    DRAFTS,
    DUE,
    IMPORTS,
    NEXT_MEETING,
    waiting_for,
    waiting_in,
)
from members.facts_services import FACT_FIELDS, association_facts_update
from members.models import FundingYear
from reports.models import Report, ReportComment, ReportKind

pytestmark = pytest.mark.django_db

SEPT_15 = date(2014, 9, 15)


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _shown(slug: str, role: Role, today: date) -> dict[str, list[tuple[str, str]]]:
    """Heading → [(text, note)] of what waits for `role` in the association `slug` (dates are
    written with no-break spaces; compared here as plain text)."""
    waiting = waiting_in(Association.objects.get(slug=slug), role, today)
    return {
        section.heading: [(_plain(item.text), _plain(item.note)) for item in section.items]
        for section in waiting.sections
    }


def _plain(note):
    return note if note is None else str(note).replace("\xa0", " ")


def _texts(slug: str, role: Role, today: date, heading) -> list[str]:
    return [text for text, _note in _shown(slug, role, today).get(str(heading), [])]


def _import(slug: str, filename: str) -> ImportBatch:
    return ImportBatch.objects.create(
        association=Association.objects.get(slug=slug),
        kind="sie",
        filename=filename,
        file=f"imports/{slug}/{filename}",
        sha256="0" * 64,
        uploaded_by=_user("kansli"),
    )


# Drafts awaiting adoption


def test_vaxjo_staff_see_the_budget_draft_and_the_interim_report_draft():
    assert _shown("vaxjo", Role.STAFF, SEPT_15)[str(DRAFTS)] == [
        ("Budget 2014", "budgetutkast för 2014, revision 1"),
        ("Årsredovisning 2013", "utkast, årsredovisning 2013"),
        (
            "Delårsredovisning januari – augusti 2014",
            "utkast, delårsrapport till och med 31 augusti 2014",
        ),
    ]


def test_an_adopted_budget_is_no_draft():
    BudgetDocument.objects.filter(association__slug="vaxjo").update(
        status="adopted", adopted_on=date(2014, 9, 1)
    )
    assert _texts("vaxjo", Role.STAFF, SEPT_15, DRAFTS) == [
        "Årsredovisning 2013",
        "Delårsredovisning januari – augusti 2014",
    ]


# Reports due, by the association's deadlines


def test_vaxjo_interim_report_is_due_60_days_after_its_period():
    assert _shown("vaxjo", Role.STAFF, SEPT_15)[str(DUE)][0] == (
        "Delårsredovisning januari – augusti 2014",
        "fastställs senast 30 oktober 2014",
    )
    late = waiting_in(Association.objects.get(slug="vaxjo"), Role.STAFF, date(2014, 10, 31))
    due = next(s for s in late.sections if s.heading == str(DUE))
    assert [(i.due, i.overdue) for i in due.items][0] == (date(2014, 10, 30), True)


def test_an_interim_report_is_not_due_before_its_period_ends():
    assert _texts("vaxjo", Role.STAFF, date(2014, 8, 30), DUE) == []


def test_the_association_sets_the_interim_deadline():
    Association.objects.filter(slug="vaxjo").update(interim_report_due_days=30)
    assert _shown("vaxjo", Role.STAFF, SEPT_15)[str(DUE)][0][1] == (
        "fastställs senast 30 september 2014"
    )


def test_next_years_plan_is_listed_from_90_days_before_its_deadline():
    assert _shown("finnveden", Role.STAFF, SEPT_15)[str(DUE)] == [
        ("Verksamhetsplan 2015 är inte påbörjad", "fastställs senast 1 december 2014")
    ]
    assert _texts("finnveden", Role.STAFF, date(2014, 9, 1), DUE) == []


def test_the_association_sets_the_plans_deadline():
    Association.objects.filter(slug="finnveden").update(plan_due_days_before_year=61)
    assert _shown("finnveden", Role.STAFF, date(2014, 8, 5))[str(DUE)] == [
        ("Verksamhetsplan 2015 är inte påbörjad", "fastställs senast 1 november 2014")
    ]


def test_an_adopted_plan_is_not_due_and_a_draft_plan_of_this_year_is_late():
    # Finnveden's plan for 2014 was adopted 29 November 2013: nothing is due in October.
    assert _texts("finnveden", Role.STAFF, date(2013, 10, 1), DUE) == []
    Report.objects.filter(association__slug="finnveden", year=2014).update(adopted_on=None)
    late = waiting_in(Association.objects.get(slug="finnveden"), Role.STAFF, date(2014, 3, 1))
    due = next(s for s in late.sections if s.heading == str(DUE))
    assert [(i.text, i.due, i.overdue) for i in due.items] == [
        ("Verksamhetsplan 2014", date(2013, 12, 1), True)
    ]


# Checks that fail


def test_a_negative_carried_forward_amount_is_a_failing_check():
    document = BudgetDocument.objects.get(association__slug="vastra-malardalen")
    line = document.lines.get(label="Projekt att söka")
    BudgetAmount.objects.update_or_create(
        line=line, column=document.columns.get(), defaults={"amount": Decimal(9_000_000)}
    )
    checks = _shown("vastra-malardalen", Role.STAFF, date(2016, 10, 1))[str(CHECKS)]
    assert checks == [("Budget 2016", checks[0][1])]
    assert checks[0][1].startswith("Budget 2016: balanserat resultat blir negativt"), checks


def test_the_demo_budgets_warnings_are_not_failing_checks():
    # Each demo budget spends more than the year brings in (a warning, on purpose).
    for slug in ("finnveden", "vaxjo", "vastra-malardalen", "ale-kungalv-stenungsund-tjorn"):
        assert _texts(slug, Role.STAFF, date(2014, 9, 15), CHECKS) == []


def test_a_funding_year_without_the_states_money_is_a_failing_check():
    FundingYear.objects.filter(association__slug="finnveden", year=2015).update(
        state_requested=None, state_granted=None
    )
    # Without the state's money there are no contributions: the budget's 2015 runs out too.
    assert _shown("finnveden", Role.STAFF, SEPT_15)[str(CHECKS)] == [
        (
            "Finansieringen 2015",
            "Varken äskat eller beviljat statligt bidrag är angivet för året.",
        ),
        (
            "Budget 2014-2015",
            "Budget 2015: balanserat resultat blir negativt (-3 392 000 kr). "
            "Förbundet får inte låna.",
        ),
    ]


# Imports awaiting confirmation


def test_an_import_awaiting_confirmation_waits_for_the_admin_only():
    _import("vaxjo", "bokslut-2014.se")
    assert _shown("vaxjo", Role.ADMIN, SEPT_15)[str(IMPORTS)] == [
        ("Bokföring (SIE): bokslut-2014.se", f"uppladdad {long_date(localdate())} av kansli")
    ]
    # Staff and board may not confirm imports (Perm.IMPORT): nothing waits for them.
    for role in (Role.STAFF, Role.BOARD, Role.AUDITOR):
        assert str(IMPORTS) not in _shown("vaxjo", role, SEPT_15), role


def test_an_applied_import_waits_no_longer():
    batch = _import("vaxjo", "bokslut-2014.se")
    ImportBatch.objects.filter(pk=batch.pk).update(status="applied")
    assert _texts("vaxjo", Role.ADMIN, SEPT_15, IMPORTS) == []


# Board comments not answered


def test_the_demo_comments_are_answered():
    # Västra Mälardalen's two threads have an answer from the office: nothing waits.
    assert str(COMMENTS) not in _shown("vastra-malardalen", Role.STAFF, SEPT_15)


def test_a_new_board_comment_waits_until_someone_else_answers():
    document = BudgetDocument.objects.get(association__slug="vastra-malardalen")
    board, staff = _user("styrelse"), _user("kansli")
    first = BudgetComment.objects.create(document=document, author=board, text="Varför?")
    BudgetComment.objects.create(document=document, author=board, text="Och hur?")
    # The author adding to their own question is no answer.
    BudgetComment.objects.create(document=document, author=board, parent=first, text="Alltså:")
    assert _shown("vastra-malardalen", Role.STAFF, SEPT_15)[str(COMMENTS)] == [
        ("Budget 2016", "2 obesvarade kommentarer")
    ]
    BudgetComment.objects.create(document=document, author=staff, parent=first, text="Därför.")
    assert _shown("vastra-malardalen", Role.STAFF, SEPT_15)[str(COMMENTS)] == [
        ("Budget 2016", "1 obesvarad kommentar")
    ]


def test_a_resolved_report_comment_waits_no_longer():
    report = Report.objects.get(association__slug="vastra-malardalen")
    comment = ReportComment.objects.create(report=report, author=_user("styrelse"), text="Fel år?")
    assert _texts("vastra-malardalen", Role.STAFF, SEPT_15, COMMENTS) == [report.title]
    ReportComment.objects.filter(pk=comment.pk).update(resolved_at="2016-11-01T10:00:00Z")
    assert _texts("vastra-malardalen", Role.STAFF, SEPT_15, COMMENTS) == []


# The board: what is up for the next meeting


def test_vaxjo_board_sees_its_next_meeting_and_the_drafts_to_comment():
    shown = _shown("vaxjo", Role.BOARD, date(2014, 5, 1))
    assert list(shown) == [str(NEXT_MEETING)]
    meeting, *drafts = shown[str(NEXT_MEETING)]
    assert meeting[0] == "Styrelsemöte torsdag 22 maj 2014"
    assert meeting[1].startswith("Förlängningsansökan för Klargö")
    assert drafts == [
        ("Budget 2014", "budgetutkast att läsa och kommentera"),
        ("Årsredovisning 2013", "årsredovisning 2013 att läsa och kommentera"),
        (
            "Delårsredovisning januari – augusti 2014",
            "delårsrapport till och med 31 augusti 2014 att läsa och kommentera",
        ),
    ]


def test_an_extra_board_meeting_is_the_next_meeting_too():
    meeting = _shown("vaxjo", Role.BOARD, date(2014, 5, 23))[str(NEXT_MEETING)][0]
    assert meeting[0] == "Extra styrelsemöte måndag 9 juni 2014"


def test_the_board_sees_no_staff_work():
    _import("vaxjo", "bokslut-2014.se")
    shown = _shown("vaxjo", Role.BOARD, SEPT_15)
    for heading in (DRAFTS, DUE, CHECKS, IMPORTS, COMMENTS, CHANGES, ADOPTED):
        assert str(heading) not in shown, heading


# Auditors: adopted documents to read


def test_auditors_see_adopted_documents_and_no_drafts():
    shown = _shown("vastra-malardalen", Role.AUDITOR, SEPT_15)
    assert shown[str(ADOPTED)] == [
        ("Verksamhetsplan och budget 2016", "verksamhetsplan 2016, fastställd 26 november 2016")
    ]
    for heading in (DRAFTS, DUE, CHECKS, IMPORTS, COMMENTS, NEXT_MEETING):
        assert str(heading) not in shown, heading


def test_auditors_see_an_adopted_budget():
    BudgetDocument.objects.filter(association__slug="vaxjo").update(
        status="adopted", adopted_on=date(2013, 12, 12)
    )
    assert _shown("vaxjo", Role.AUDITOR, SEPT_15)[str(ADOPTED)] == [
        ("Budget 2014", "budget fastställd 12 december 2013")
    ]


# The latest changes


def test_the_latest_change_is_named_with_who_made_it():
    vaxjo = Association.objects.get(slug="vaxjo")
    with recording(user=_user("kansli")):
        association_facts_update(
            association=vaxjo,
            expected_version=vaxjo.version,
            facts={"name": vaxjo.name, **_facts(vaxjo), "interim_report_due_days": 45},
        )
    for role in (Role.STAFF, Role.AUDITOR, Role.ADMIN):
        text, note = _shown("vaxjo", role, SEPT_15)[str(CHANGES)][0]
        assert text == "Ändrad: Växjö samordningsförbund (samordningsförbund)"
        assert note.startswith("Karin Kansli (kansli), ")
    # The board may not read history (Perm.VIEW_HISTORY).
    assert str(CHANGES) not in _shown("vaxjo", Role.BOARD, SEPT_15)


def _facts(association: Association) -> dict:
    return {name: getattr(association, name) for name in FACT_FIELDS}


# Strictly per association


def test_two_roles_two_headings_each_with_its_own_items(make_user):
    user = make_user("tva-roller", Association.objects.get(slug="vaxjo"), Role.BOARD)
    UserRole.objects.create(
        user=user, association=Association.objects.get(slug="finnveden"), role=Role.STAFF
    )
    _import("vaxjo", "vaxjo.se")
    shown = waiting_for(user, SEPT_15)
    assert [(w.association.slug, w.role) for w in shown] == [
        ("finnveden", Role.STAFF),
        ("vaxjo", Role.BOARD),
    ]
    finnveden, vaxjo = shown
    assert {s.heading for s in finnveden.sections} == {str(DRAFTS), str(DUE), str(CHANGES)}
    assert {s.heading for s in vaxjo.sections} == {str(NEXT_MEETING)}
    for waiting in shown:
        slug = waiting.association.slug
        urls = [item.url for section in waiting.sections for item in section.items]
        assert urls and all(url.startswith(f"/{slug}/") for url in urls), urls


def test_nothing_of_another_association_reaches_the_page(client, make_user):
    user = make_user("bara-finnveden", Association.objects.get(slug="finnveden"), Role.ADMIN)
    _import("vastra-malardalen", "annat-forbund.se")
    document = BudgetDocument.objects.get(association__slug="vastra-malardalen")
    BudgetComment.objects.create(document=document, author=_user("styrelse"), text="Hemligt?")
    client.force_login(user)
    page = client.get(reverse("start")).content.decode()
    assert "Finnvedens samordningsförbund" in page
    for foreign in ("annat-forbund.se", "Västra Mälardalen", "/vastra-malardalen/", "Växjö"):
        assert foreign not in page, foreign


def test_a_user_without_roles_is_told_so(client, make_user):
    client.force_login(make_user("utan-roll"))
    page = client.get(reverse("start")).content.decode()
    assert "Du har ingen roll i något förbund ännu" in page


# The page


def test_the_page_lists_each_association_with_the_role_and_its_items(client):
    client.force_login(_user("kansli"))
    page = client.get(reverse("start")).content.decode()
    for name in ("Finnvedens samordningsförbund", "Växjö samordningsförbund"):
        assert name in page
    assert page.count(">Kansli</span>") == 4
    assert str(DRAFTS) in page and "/vaxjo/budget/" in page
    # Växjö's interim report for January–August 2014 is late on any day the suite runs.
    assert page.count(">försenad</span>") >= 1
    assert 'Delårsredovisning januari – augusti 2014</a> <span class="tag late">' in page


def test_the_number_of_queries_does_not_grow_with_the_items(make_user):
    vaxjo = Association.objects.get(slug="vaxjo")
    user = make_user("vaxjo-admin", vaxjo, Role.ADMIN)
    _more_of_everything(vaxjo, 0)  # at least as many drafts as checks are computed for
    with CaptureQueriesContext(connection) as before:
        first = waiting_for(user, SEPT_15)
    _more_of_everything(vaxjo, 1)
    with CaptureQueriesContext(connection) as after:
        second = waiting_for(user, SEPT_15)
    # 5 more imports, budget drafts and report drafts, and 3 of the reports past their period.
    assert second[0].count == first[0].count + 18
    assert len(after.captured_queries) == len(before.captured_queries)
    # Pinned: the page of one association as admin (every heading's reader, the checks of three
    # budget drafts, the five latest changes).
    assert len(after.captured_queries) <= 60, len(after.captured_queries)


def test_the_checks_cost_the_same_queries_with_one_draft_and_with_four():
    """The demo's Finnveden has one budget draft, a grown one twenty (bench/scale.py): the
    checks read the sheets of the newest three together, in the queries of one."""
    finnveden = Association.objects.get(slug="finnveden")
    draft = BudgetDocument.objects.get(association=finnveden, status="draft")
    with CaptureQueriesContext(connection) as one:
        budget_check_errors(finnveden, SEPT_15)
    for year in (2015, 2016, 2017):
        document_create_from(source=draft, year=year, title=f"Utkast {year}", user=None)
    with CaptureQueriesContext(connection) as four:
        errors = budget_check_errors(finnveden, SEPT_15)
    assert len(four.captured_queries) == len(one.captured_queries) == 15, len(one.captured_queries)
    # The newest three are checked, each with its own sheet (the copies carry their errors).
    checked = {item.text for item in errors}
    assert checked <= {"Utkast 2015", "Utkast 2016", "Utkast 2017"}, checked


def _more_of_everything(association: Association, round_: int) -> None:
    board = _user("styrelse")
    budget = BudgetDocument.objects.get(association=association, revision=1)
    for n in range(5):
        number = round_ * 5 + n
        _import(association.slug, f"fil-{number}.se")
        BudgetDocument.objects.create(
            association=association, year=2015, title=f"Utkast {number}", revision=number + 2
        )
        BudgetComment.objects.create(document=budget, author=board, text=f"Fråga {number}")
        Report.objects.create(
            association=association,
            kind=ReportKind.DELARSRAPPORT,
            year=2014,
            period_end=date(2014, 1 + number, 28),
            title=f"Delårsrapport {number}",
        )


def test_an_associations_overview_shows_what_waits_there(client):
    client.force_login(_user("kansli"))
    page = client.get(reverse("members:overview", args=["vaxjo"])).content.decode()
    card = page[page.index('id="att-gora"') : page.index("</section>", page.index('id="att-gora"'))]
    assert "Delårsredovisning januari – augusti 2014" in card and "/vaxjo/budget/" in card
    assert "Budget 2016" not in card and "/finnveden/" not in card


def test_a_superuser_gets_lists_where_they_hold_a_role_and_links_elsewhere(client):
    superuser = get_user_model().objects.create_superuser("super-start", password="x-pw-123")
    UserRole.objects.create(
        user=superuser, association=Association.objects.get(slug="vaxjo"), role=Role.ADMIN
    )
    assert [w.association.slug for w in waiting_for(superuser, SEPT_15)] == ["vaxjo"]
    client.force_login(superuser)
    page = client.get(reverse("start")).content.decode()
    assert page.count("waiting-items") >= 1 and "Förbund du förvaltar som superanvändare" in page
    assert 'href="/finnveden/"' in page and "/finnveden/budget/" not in page
