"""The history pages: the association's log with its filters and xlsx export, a budget's
history with what changed after adoption, a funding year's and an initiative's history."""

import re
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from budgets.followup import Entered
from budgets.models import BudgetAmount
from budgets.services import (
    budget_amount_set,
    document_adopt,
    document_update,
    follow_up_save,
    footnote_update,
)
from finsam.models import Association
from initiatives.models import Initiative
from initiatives.services import DecisionData, decision_record

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def users():
    found = get_user_model().objects
    return {name: found.get(username=name) for name in ("kansli", "revisor", "styrelse")}


@pytest.fixture
def budget(association):
    return association.budget_documents.get()


def _set(document, label, year, amount, expected, user):
    line, column = document.lines.get(label=label), document.columns.get(year=year)
    budget_amount_set(
        line=line, column=column, amount=Decimal(amount), expected=Decimal(expected), user=user
    )
    return line, column


def _log(client, association, **query):
    url = reverse("members:history", args=[association.slug])
    return client.get(url, query)


def test_the_log_filters_by_user_kind_and_date(client, association, budget, users):
    _set(budget, "Kansli", 2014, 430000, 425000, users["kansli"])
    client.force_login(users["revisor"])
    by_kansli = text_of(_log(client, association, anvandare=users["kansli"].pk))
    assert "1 ändring " in by_kansli
    assert (
        "Karin Kansli (kansli) Belopp · Budget 2014-2015 Kansli / Budget 2014 Ändrad" in by_kansli
    )
    assert f"Belopp (kr): 425{NBSP}000 → 430{NBSP}000" in by_kansli
    amounts = text_of(_log(client, association, slag="budgets.budgetamount"))
    listed = amounts[amounts.index("Tidpunkt Vem Uppgift") :]  # after the filter's choices
    figures = BudgetAmount.history.filter(history_association=association).count()
    assert listed.count("Belopp · ") == figures == 24 and "Budgetrad" not in listed
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "Inga ändringar att visa." in text_of(_log(client, association, fran=tomorrow))
    today = timezone.localdate().isoformat()
    assert "430" in text_of(_log(client, association, fran=today, till=today))


def test_a_bad_filter_says_what_is_wrong_and_shows_everything(client, association, users):
    client.force_login(users["revisor"])
    response = _log(client, association, fran="igår", till="2014-01-01")
    page = text_of(response)
    assert response.status_code == 200
    assert "Från och med: Fyll i ett giltigt datum." in page
    assert "Filtret används inte förrän det är rättat; allt visas." in page
    assert "Användarroll" in page


@pytest.mark.parametrize(
    ("fran", "till", "named"),
    [
        ("", "9999-12-31", "Till och med: 9999-12-31"),
        ("9999-12-31", "", "Från och med: 9999-12-31"),
        ("0001-01-01", "", "Från och med: 0001-01-01"),
        ("", "0001-01-01", "Till och med: 0001-01-01"),
        ("1899-12-31", "3000-01-01", "Till och med: 3000-01-01"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_get_a_message(
    client, association, users, fran, till, named
):
    client.force_login(users["revisor"])
    response = _log(client, association, fran=fran, till=till)
    page = text_of(response)
    assert response.status_code == 200
    assert f"{named} ligger utanför åren 1900–2999." in page
    assert "Filtret används inte förrän det är rättat; allt visas." in page
    edges = text_of(_log(client, association, fran="1900-01-01", till="2999-12-31"))
    assert "ligger utanför" not in edges and "Användarroll" in edges


def test_the_log_never_shows_another_associations_history(client, association, users):
    other = Association.objects.get(slug="vastra-malardalen").budget_documents.first()
    secret = {"title": "Hemlig fotnot i Västra Mälardalen"}
    document_update(document=other, settings=secret, user=users["kansli"])
    client.force_login(users["revisor"])
    for page in range(1, 4):
        assert "Hemlig fotnot" not in text_of(_log(client, association, sida=page))
    home = Association.objects.get(slug="vastra-malardalen")
    assert "Hemlig fotnot" in text_of(_log(client, home))


def test_the_log_is_paged(client, association, users):
    client.force_login(users["revisor"])
    first, second = _log(client, association), _log(client, association, sida=2)
    assert "sida 1 av" in text_of(first) and 'sida=2">Äldre' in first.content.decode()
    assert "sida 2 av" in text_of(second) and 'sida=1">Nyare' in second.content.decode()


def test_board_members_are_refused_history(client, association, budget, users):
    client.force_login(users["styrelse"])
    assert _log(client, association).status_code == 403
    assert (
        client.get(reverse("budgets:history", args=[association.slug, budget.pk])).status_code
        == 403
    )
    assert 'href="/finnveden/historik/"' not in client.get(f"/{association.slug}/").content.decode()


def test_the_log_query_count_is_pinned(client, association, users, django_assert_num_queries):
    client.force_login(users["revisor"])
    _log(client, association)
    # Session, user, association, role (4); the users who made changes, for the filter (1);
    # the number of rows and the page's 50 rows, each one UNION over every historical table
    # (2); on this page six kinds (report sections, user roles, reports, figures, lines,
    # budget sections): the rows of each with the id of its previous row, and those previous
    # rows (6 + 2, the others have none), the lines' two and the reports' one many-to-many
    # snapshots (3); then every object the rows name, one query per model: users,
    # associations, documents, reports, lines, columns, sections, initiatives, members,
    # footnotes (10).
    with django_assert_num_queries(28):
        _log(client, association)


def test_the_export_holds_every_change_as_text(client, association, budget, users):
    _set(budget, "Kansli", 2014, 430000, 425000, users["kansli"])
    note = budget.footnotes.get(number=1)
    old_text = note.text
    footnote_update(footnote=note, text="=SUMMA(A1:A9)", user=users["kansli"])
    client.force_login(users["revisor"])
    url = reverse("members:history_export", args=[association.slug])
    response = client.get(url, {"anvandare": users["kansli"].pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    # Written by a background job (run at once in tests) and served from storage as a file.
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][:3] == ["Tidpunkt", "Vem", "Slag"]
    assert [r[1:10] for r in rows[1:]] == [
        [
            "Karin Kansli (kansli)",
            "Fotnot",
            "1. =SUMMA(A1:A9)",
            "Budget 2014-2015",
            "Ändrad",
            "Text",
            old_text,
            "=SUMMA(A1:A9)",
            None,
        ],
        [
            "Karin Kansli (kansli)",
            "Belopp",
            "Kansli / Budget 2014",
            "Budget 2014-2015",
            "Ändrad",
            "Belopp (kr)",
            f"425{NBSP}000",
            f"430{NBSP}000",
            None,
        ],
    ]
    assert sheet.cell(row=3, column=9).data_type == "s"  # text, never a formula
    assert old_text.startswith("Slutlig fördelning mellan kommunerna")


def test_a_budget_shows_what_changed_after_adoption(client, association, budget, users):
    document_adopt(
        document=budget,
        adopted_on=date(2013, 11, 20),
        meeting=None,
        diary_number="",
        user=None,
        motivation="Styrelsen godtar varningarna.",
    )
    line, column = budget.lines.get(label="Kansli"), budget.columns.get(year=2014)
    follow_up_save(
        column=column,
        figures={line.pk: Entered(Decimal(200000), None)},
        expected={},
        user=users["kansli"],
    )
    client.force_login(users["revisor"])
    url = reverse("budgets:history", args=[association.slug, budget.pk])
    page = client.get(url).content.decode()
    assert "Budgeten fastställdes 2013-11-20" in page
    after = page.count("efter fastställandet</span>")
    assert after == 1
    only_after = text_of(client.get(url, {"efter": "1"}))
    assert "1 ändring " in only_after and f"Utfall hittills (kr): – → 200{NBSP}000" in only_after
    cell = reverse("budgets:cell_history", args=[association.slug, budget.pk, line.pk, column.pk])
    assert f'href="{cell}"' in page


def test_a_funding_year_and_an_initiative_have_their_history(client, association, users):
    client.force_login(users["kansli"])
    edit = reverse("members:funding_year_edit", args=[association.slug, 2014])
    year = association.funding_years.get(year=2014)
    data = {
        "version": year.version,
        "state_requested": "1 696 000",
        "state_granted": "1 400 000",
        "distribution_key": "population",
        "rounding_step": "100",
        "state_presentation": "one_line",
        "note": "Lägre besked",
    }
    assert client.post(edit, data).status_code == 302
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    decision_record(
        initiative=initiative,
        data=DecisionData(
            "grant", date(2015, 2, 1), Decimal(50000), date(2015, 1, 1), date(2015, 12, 31)
        ),
        by=users["kansli"],
    )
    client.force_login(users["revisor"])
    funding = text_of(
        client.get(reverse("members:funding_year_history", args=[association.slug, 2014]))
    )
    assert "Karin Kansli (kansli) Finansieringsår" in funding
    assert f"Beviljat av staten: 1{NBSP}496{NBSP}000 → 1{NBSP}400{NBSP}000" in funding
    assert f"Kommentar: {year.note} → Lägre besked" in funding
    page = text_of(
        client.get(reverse("initiatives:history", args=[association.slug, initiative.pk]))
    )
    assert f"Beslut · {initiative.name}" in page and f"Belopp: – → 50{NBSP}000" in page


def test_history_pages_are_linked_from_the_pages_they_describe(client, association, budget, users):
    client.force_login(users["revisor"])
    slug = association.slug
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    pages = [
        ("budgets:document", "budgets:history", [budget.pk]),
        ("initiatives:detail", "initiatives:history", [initiative.pk]),
        ("members:funding_year", "members:funding_year_history", [2014]),
        ("members:overview", "members:history", []),
    ]
    for page, history, args in pages:
        html = client.get(reverse(page, args=[slug, *args])).content.decode()
        assert f'href="{reverse(history, args=[slug, *args])}"' in html, page


def test_a_long_text_change_is_folded_with_its_start_shown(client, association, budget, users):
    """Shown whole, a long text's before and after made a history row taller than a phone's
    screen: the row shows the text's start and unfolds both versions."""
    note = budget.footnotes.get(number=1)
    long_text = "Kostnaden avser kansliets lokaler och administration. " * 5
    footnote_update(footnote=note, text=long_text, user=users["kansli"])
    footnote_update(footnote=note, text="Kort.", user=users["kansli"])
    client.force_login(users["revisor"])
    html = _log(client, association, slag="budgets.footnote").content.decode()
    folded = re.findall(r"<details><summary>(.*?)</summary>(.*?)</details>", html, re.S)
    assert len(folded) == 2, html  # the long text came in, then went out
    summaries = [re.sub(r"<[^>]+>", "", summary) for summary, _ in folded]
    assert "Kort. (visa före och efter)" in summaries[0]
    assert "administration. Kostnaden avser kansliets… (visa före och efter)" in summaries[1]
    assert all(long_text.strip() in versions for _, versions in folded)
