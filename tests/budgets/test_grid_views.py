"""The grid page and the cell endpoint: figures, read-only roles, stale edits, query counts."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetAmount, BudgetDocument
from budgets.services import line_add
from finsam.permissions import Role
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def document(association) -> BudgetDocument:
    return association.budget_documents.get()


def _grid_url(document, **query):
    url = reverse("budgets:document", args=[document.association.slug, document.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _cell_url(document):
    return reverse("budgets:cell", args=[document.association.slug, document.pk])


def _save(client, document, label, year, value, was, **extra):
    line = document.lines.get(label=label)
    column = document.columns.get(year=year)
    data = {"line": line.pk, "column": column.pk, "value": value, "was": was, **extra}
    return client.post(_cell_url(document), data), line, column


def test_board_member_sees_the_grid_read_only(client, make_user, association, document):
    client.force_login(make_user("ledamot", association, Role.BOARD))
    html = client.get(_grid_url(document)).content.decode()
    assert f"4{NBSP}712{NBSP}000" in html and f"4{NBSP}412{NBSP}000" in html
    assert f"300{NBSP}000" in html and "12,6" in html
    assert 'class="cell"' not in html and "budget-grid.js" not in html
    assert "Slutlig fördelning mellan kommunerna" in html


def test_staff_gets_inputs_and_the_script(staff_client, document):
    html = staff_client.get(_grid_url(document)).content.decode()
    assert 'class="cell"' in html and "js/budget-grid.js" in html
    assert "<script>" not in html  # no inline script (a Content Security Policy comes later)


def test_display_options_tkr_and_negative_costs(staff_client, document):
    html = staff_client.get(_grid_url(document, enhet="tkr", kostnader="negativa")).content.decode()
    assert f"-4{NBSP}412" in html and f"4{NBSP}712" in html


def test_saving_a_cell_returns_the_new_totals(staff_client, document):
    typed = f"435{NBSP}000"
    response, line, column = _save(staff_client, document, "Kansli", 2014, typed, "425000")
    assert response.status_code == 200
    cells = response.json()["cells"]
    assert cells[f"c{column.pk}-cost"]["text"] == f"4{NBSP}422{NBSP}000"
    assert cells[f"c{column.pk}-res"]["text"] == f"290{NBSP}000"
    next_year = document.columns.get(year=2015)
    assert cells[f"c{next_year.pk}-l{document.lines.get(kind='carried_forward').pk}"]["text"] == (
        f"290{NBSP}000"  # the chain: 2015 opens with 2014's new closing
    )
    assert BudgetAmount.objects.get(line=line, column=column).amount == 435_000


def test_typing_forms_all_work(staff_client, document):
    attempts = (
        ("12 639 324", "425000"),
        ("12639324", "12639324"),
        (f"12{NBSP}639{NBSP}325", "12639324"),
    )
    for typed, was in attempts:
        response, line, column = _save(staff_client, document, "Kansli", 2014, typed, was)
        assert response.status_code == 200, response.json()
    assert BudgetAmount.objects.get(line=line, column=column).amount == 12_639_325


def test_a_stale_edit_is_refused_with_the_current_value(staff_client, document):
    _save(staff_client, document, "Kansli", 2014, "430000", "425000")
    response, line, column = _save(staff_client, document, "Kansli", 2014, "440000", "425000")
    assert response.status_code == 409
    answer = response.json()
    assert answer["stale"] and answer["stored"] == "430000"
    assert f"Nuvarande värde: 430{NBSP}000" in answer["error"]
    assert BudgetAmount.objects.get(line=line, column=column).amount == 430_000


def test_bad_input_names_the_line_and_changes_nothing(staff_client, document):
    response, line, column = _save(staff_client, document, "Kansli", 2014, "4 2x", "425000")
    assert response.status_code == 400
    assert response.json()["error"].startswith("Kansli, Budget 2014: ”4 2x” är inte ett belopp")
    assert BudgetAmount.objects.get(line=line, column=column).amount == 425_000


def test_costs_typed_negative_and_in_tkr_are_stored_as_kronor(staff_client, document):
    display = {"enhet": "tkr", "kostnader": "negativa"}
    _save(staff_client, document, "Kansli", 2014, "-430", "425000", **display)
    line = document.lines.get(label="Kansli")
    assert BudgetAmount.objects.get(line=line, column__year=2014).amount == 430_000


def test_board_member_cannot_save(client, make_user, association, document):
    client.force_login(make_user("ledamot", association, Role.BOARD))
    response, _line, _column = _save(client, document, "Kansli", 2014, "1", "425000")
    assert response.status_code == 403


def _count(callable_) -> int:
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_lines(staff_client, document):
    def page():
        return staff_client.get(_grid_url(document))

    def save(value: str, was: str):
        return lambda: _save_ids(staff_client, document, ids, value, was)

    ids = (document.lines.get(label="Kansli").pk, document.columns.get(year=2014).pk)
    page()  # warm up the session
    before_page, before_save = _count(page), _count(save("1", "425000"))
    section = document.sections.get(name="Verksamhet")
    for number in range(40):
        line_add(section=section, label=f"Extra {number}", user=None)
    for number in range(10):  # initiative lines read their granted amounts from decisions
        line = line_add(section=section, label=f"Insats {number}", kind="initiative", user=None)
        line.initiative = Initiative.objects.create(
            association=document.association, name=f"I{number}"
        )
        line.save()
    after_page, after_save = _count(page), _count(save("2", "1"))
    assert after_page == before_page
    assert after_save == before_save


def test_the_sheet_costs_the_same_queries_with_more_columns(document):
    """Each column's year has a funding breakdown; all of them are read at once, so a budget
    of five columns (a plan for three more years, each with its funding year) costs the
    queries of one with two."""
    from budgets.models import BudgetColumn
    from budgets.selectors import budget_sheet
    from members.models import FundingYear

    before = _count(lambda: budget_sheet(document))
    model = FundingYear.objects.get(association=document.association, year=2015)
    for year in (2016, 2017, 2018):
        BudgetColumn.objects.create(document=document, kind="plan", year=year, label=f"{year}")
        model.pk, model.year = None, year
        model.save()
    sheet = budget_sheet(document)
    assert {c.year for c in sheet.columns} >= {2014, 2015, 2016, 2017, 2018}
    assert _count(lambda: budget_sheet(document)) == before


def _save_ids(client, document, ids, value, was):
    data = {"line": ids[0], "column": ids[1], "value": value, "was": was}
    response = client.post(_cell_url(document), data)
    assert response.status_code == 200


def test_pinned_query_counts(staff_client, document, django_assert_num_queries):
    staff_client.get(_grid_url(document))
    # Page: session, user, association, role (4); document, columns, sections, lines, members,
    # footnotes of lines, decisions of linked initiatives, amounts (8); funding years with
    # agreed and fixed shares (3), the members and the population keys of all those years
    # (2); the document's footnotes (1); the comment threads and the comment form's lines
    # (2; with threads, their answers are one query more, however many); the national equity
    # ceiling steps (1).
    with django_assert_num_queries(21):
        staff_client.get(_grid_url(document))
    # Cell save: session, user, association, role (4); document, line, column (3); savepoint,
    # lock document, current amount (3); the column is the document's association's
    # (finsam.tenant_links) (1); update, the cell's last historical row (is anything
    # changed?), the new historical row, release (4); then the page's 14 reads (without the
    # session and tenancy reads already made, with the equity ceiling steps) to return every
    # total.
    line = document.lines.get(label="Kansli")
    column = document.columns.get(year=2014)
    with django_assert_num_queries(29):
        staff_client.post(
            _cell_url(document),
            {"line": line.pk, "column": column.pk, "value": "1", "was": "425000"},
        )


def test_the_history_shows_who_changed_a_figure_from_what_to_what(client, document):
    users = get_user_model().objects
    client.force_login(users.get(username="kansli"))
    response, line, column = _save(client, document, "Kansli", 2014, "430 000", "425000")
    assert response.status_code == 200
    client.force_login(users.get(username="revisor"))
    slug = document.association.slug
    for url in (
        reverse("budgets:history", args=[slug, document.pk]),
        reverse("budgets:line_history", args=[slug, document.pk, line.pk]),
        reverse("budgets:cell_history", args=[slug, document.pk, line.pk, column.pk]),
    ):
        html = client.get(url).content.decode()
        body = html.index("<tbody>")
        latest = html[body : html.index("</tr>", body)]
        assert "Karin Kansli (kansli)" in latest and "Kansli / Budget 2014" in latest
        assert f"<del>425{NBSP}000</del> → <ins>430{NBSP}000</ins>" in latest
