"""Editing a draft's structure and status through the pages (plain forms, redirects)."""

import re

import pytest

from budgets import services
from budgets.models import BudgetDocument, BudgetLine
from budgets.selectors import budget_sheet
from budgets.services.status import adoption_preview
from members.models import Member
from tests.http_session import form_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(association) -> BudgetDocument:
    return association.budget_documents.get()


def _url(document, name: str) -> str:
    return f"/{document.association.slug}/budget/{document.pk}/{name}/"


def _line_url(document, line) -> str:
    return f"{_url(document, 'rader')}{line.pk}/"


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_add_a_line_give_it_a_figure_and_delete_it(staff_client, document):
    section = document.sections.get(name="Verksamhet")
    new = {"section": section.pk, "label": "Metodstöd", "kind": "amount"}
    staff_client.post(_url(document, "rader"), new)
    line = document.lines.get(label="Metodstöd")
    assert list(section.lines.values_list("label", flat=True))[-1] == "Metodstöd"
    # The administration lines stay after it.
    assert document.lines.get(label="Kansli").order > line.order
    edit = {"action": "spara", "label": "Metodstöd 2014", "footnotes": "3, 4", "version": 1}
    staff_client.post(_line_url(document, line), edit)
    line.refresh_from_db()
    assert line.label == "Metodstöd 2014" and [f.number for f in line.footnotes.all()] == [3, 4]
    assert line.version == 2
    # A form opened before that save (version 1) is refused, even for the footnotes alone.
    stale = {"action": "spara", "label": "Metodstöd 2014", "footnotes": "3", "version": 1}
    response = staff_client.post(_line_url(document, line), stale, follow=True)
    assert _messages(response)[-1] == (
        "Raden ”Metodstöd 2014” har ändrats av någon annan sedan du öppnade sidan; "
        "din ändring sparades inte."
    )
    assert [f.number for f in line.footnotes.all()] == [3, 4]
    missing = {"action": "spara", "label": "Metod", "footnotes": ""}
    response = staff_client.post(_line_url(document, line), missing, follow=True)
    assert "Sidan skickade inte vilken version du utgick från; ladda om sidan." in str(
        _messages(response)
    )
    wrong = {"action": "spara", "label": "x", "footnotes": "9", "version": 2}
    response = staff_client.post(_line_url(document, line), wrong, follow=True)
    assert "Fotnot 9 finns inte i budgeten." in _messages(response)
    # A delete from a page read before the rename is refused too.
    response = staff_client.post(
        _line_url(document, line),
        {"action": "ta-bort", "bekraftat": "1", "version": 1},
        follow=True,
    )
    assert "har ändrats av någon annan" in _messages(response)[-1]
    assert document.lines.filter(pk=line.pk).exists()
    staff_client.post(
        _line_url(document, line), {"action": "ta-bort", "bekraftat": "1", "version": 2}
    )
    assert not document.lines.filter(pk=line.pk).exists()
    assert BudgetLine.history.filter(id=line.pk, history_type="-").get().label == "Metodstöd 2014"


def test_footnotes_columns_settings_and_sections(staff_client, document):
    staff_client.post(_url(document, "fotnoter"), {"text": "En femte fotnot"})
    assert document.footnotes.get(number=5).text == "En femte fotnot"
    column = {"kind": "plan", "year": 2016, "label": "Plan 2016"}
    staff_client.post(_url(document, "kolumner"), column)
    plan = document.columns.get(label="Plan 2016")
    sheet = budget_sheet(document)
    assert sheet.result.columns[plan.pk].opening == 0  # 2015 closes at 0: the chain carries on
    settings = {
        "title": "Budget 2014-2016",
        "unit": "tkr",
        "costs_negative": "on",
        "counted_share": "90",
        "revenue_total_label": "Totalt tillgängliga medel",
        "cost_total_label": "Totalt kostnader",
        "result_label": "Kvar",
        "balance_explanation": "Tillfälligt.",
        "version": document.version,
    }
    staff_client.post(_url(document, "installningar"), settings)
    document.refresh_from_db()
    assert (document.title, document.unit, document.costs_negative, document.counted_share) == (
        "Budget 2014-2016",
        "tkr",
        True,
        90,
    )
    staff_client.post(_url(document, "avsnitt"), {"name": "Utveckling", "kind": "operations"})
    section = document.sections.get(name="Utveckling")
    edit = {"section": section.pk, "name": "Utvecklingsarbete", "subtotal_label": "Summa utv."}
    staff_client.post(_url(document, "avsnitt"), edit)
    section.refresh_from_db()
    assert (section.name, section.show_subtotal) == ("Utvecklingsarbete", False)


def test_adopt_then_read_only_then_new_revision(staff_client, document):
    decision = {
        "adopted_on": "2013-12-12",
        "diary_number": "2013/45",
        "motivation": "Överskott från tidigare år används.",
        "figures": adoption_preview(document).checksum,
        "confirmed": "True",
    }
    response = staff_client.post(_url(document, "faststall"), decision, follow=True)
    assert "Budgeten är fastställd; siffrorna är sparade och låsta." in _messages(response)
    html = staff_client.get(f"/{document.association.slug}/budget/{document.pk}/").content.decode()
    assert 'class="cell"' not in html and "Skapa ny revision" in html
    refused = staff_client.post(_url(document, "fotnoter"), {"text": "x"}, follow=True)
    assert any("fastställd och kan inte ändras" in m for m in _messages(refused))
    response = staff_client.post(_url(document, "ny-revision"))
    copy = BudgetDocument.objects.get(association=document.association, revision=2)
    assert response.url.endswith(f"/budget/{copy.pk}/")
    assert copy.origin == document and copy.is_draft


def test_a_new_budget_starts_with_sections_and_a_carried_forward_line(staff_client, association):
    staff_client.post(f"/{association.slug}/budget/ny/", {"title": "Budget 2016", "year": 2016})
    created = association.budget_documents.get(year=2016)
    assert [s.name for s in created.sections.all()] == ["Intäkter", "Verksamhet", "Administration"]
    assert created.lines.get().kind == "carried_forward"
    sheet = budget_sheet(created)
    assert "ingående balans saknas" in sheet.result.warnings[0].message


def test_linking_a_contribution_line_to_members(staff_client, document, association):
    section = document.sections.get(name="Intäkter")
    new = {"section": section.pk, "label": "Kommunerna", "kind": "contribution"}
    staff_client.post(_url(document, "rader"), new)
    line = document.lines.get(label="Kommunerna")
    memberships = association.memberships.filter(member__kind="municipality")
    municipalities = list(memberships.values_list("member_id", flat=True))
    edit = {"action": "spara", "label": "Kommunerna", "members": municipalities, "version": 1}
    staff_client.post(_line_url(document, line), edit)
    sheet = budget_sheet(document)
    column = document.columns.get(year=2014)
    assert sheet.result.cell(line.pk, column.pk).value == 748_000  # 302 600 + 98 800 + 346 600
    koping = Member.objects.get(name="Köpings kommun")  # a member of Västra Mälardalen only
    edit = {"action": "spara", "label": "Kommunerna", "members": [koping.pk], "version": 2}
    response = staff_client.post(_line_url(document, line), edit, follow=True)
    assert "En vald organisation är inte medlem i förbundet." in _messages(response)
    assert line.members.count() == 3


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("budgets:sections", "section"),
        ("budgets:footnotes", "footnote"),
        ("budgets:columns", "column"),
    ],
)
def test_an_id_that_is_no_number_finds_nothing_instead_of_failing(staff_client, url_name, field):
    from django.urls import reverse

    from budgets.models import BudgetDocument

    document = BudgetDocument.objects.get(association__slug="finnveden")
    url = reverse(url_name, args=["finnveden", document.pk])
    response = staff_client.post(url, {field: "abc", "action": "ta-bort", "name": "x"})
    assert response.status_code in (200, 302)
    assert document.sections.count() == 3 and document.columns.count() == 2


# A field only the settings form, a stored section's form and a stored footnote's form have.
FORM_FIELDS = ("counted_share", "subtotal_label", "footnote")


def test_settings_sections_and_footnotes_saved_from_the_page(staff_client, document):
    page = staff_client.get(_url(document, "struktur")).content.decode()
    settings, section, note = (form_in(page, containing=f) for f in FORM_FIELDS)
    for path, form, change in (
        ("installningar", settings, {"title": ["Budget 2014 rev"]}),
        ("avsnitt", section, {"name": ["Intäkter och bidrag"]}),
        ("fotnoter", note, {"text": ["Första fotnoten,\r\npå två rader"]}),
    ):
        response = staff_client.post(_url(document, path), form | change, follow=True)
        assert not any("sedan du öppnade" in m for m in _messages(response)), path
    document.refresh_from_db()
    assert document.title == "Budget 2014 rev"
    assert document.sections.get(order=0).name == "Intäkter och bidrag"
    page = staff_client.get(_url(document, "struktur")).content.decode()
    again = {"text": ["Första fotnoten, ändrad"]}
    response = staff_client.post(
        _url(document, "fotnoter"), form_in(page, containing="footnote") | again, follow=True
    )
    assert "Fotnoten är sparad." in _messages(response)  # the two lines as sent by a browser


def test_settings_sections_and_footnotes_changed_meanwhile_are_refused(staff_client, document):
    page = staff_client.get(_url(document, "struktur")).content.decode()
    settings, section, note = (form_in(page, containing=f) for f in FORM_FIELDS)
    first_section, first_note = document.sections.get(order=0), document.footnotes.get(number=1)
    services.document_update(document=document, settings={"title": "Av någon annan"}, user=None)
    services.section_update(
        section=first_section,
        name="Intäkter (ändrat)",
        subtotal_label="S",
        show_subtotal=True,
        user=None,
    )
    services.footnote_update(footnote=first_note, text="Ändrad av någon annan", user=None)
    for path, form, change, shown in (
        ("installningar", settings, {"title": ["Min rubrik"]}, "Budgetens inställningar har"),
        ("avsnitt", section, {"name": ["Mitt avsnitt"]}, "Avsnittet ”Intäkter (ändrat)” har"),
        ("fotnoter", note, {"text": ["Min fotnot"]}, "Fotnot 1 har ändrats av någon annan"),
    ):
        response = staff_client.post(_url(document, path), form | change, follow=True)
        assert any(shown in m for m in _messages(response)), path
    document.refresh_from_db()
    first_section.refresh_from_db()
    first_note.refresh_from_db()
    assert (document.title, first_section.name, first_note.text) == (
        "Av någon annan",
        "Intäkter (ändrat)",
        "Ändrad av någon annan",
    )
    assert 'value="Av någon annan"' in response.content.decode()  # the page shows what is stored


def _fields_in_sight(page: str) -> int:
    """Form fields shown before anything is opened: those outside a closed <details>."""
    outside = re.sub(r"<details\b.*?</details>", "", page, flags=re.S)
    return len(re.findall(r"<input(?![^>]*type=\"hidden\")|<select|<textarea", outside))


def test_the_structure_page_shows_rows_and_opens_each_form_in_place(staff_client, document):
    page = staff_client.get(_url(document, "struktur")).content.decode()
    # Before: every line, section and footnote was an open form (Finnveden: 3 700 px).
    assert _fields_in_sight(page) == 0
    lines, sections = document.lines.count(), document.sections.count()
    assert page.count('<details class="edit-in-place"><summary>Ändra</summary>') == (
        lines + document.footnotes.count()
    )
    assert page.count("<summary>Ändra avsnittet</summary>") == sections
    for line in document.lines.all():
        assert f'id="line-{line.pk}"' in page
    # Deleting is a red-outlined link to the confirmation page, unlike the blue "Spara".
    assert page.count('class="button danger small"') == (
        lines + sections + document.footnotes.count() + document.columns.count()
    )


def test_a_save_on_the_structure_page_returns_to_the_item(staff_client, document):
    line = document.lines.get(label="Kansli")
    edit = {"action": "spara", "label": "Kansliet", "footnotes": "", "version": line.version}
    response = staff_client.post(_line_url(document, line), edit)
    assert response.url == f"{_url(document, 'struktur')}#line-{line.pk}"
    moved = staff_client.post(_line_url(document, line), {"action": "upp"})
    assert moved.url == f"{_url(document, 'struktur')}#line-{line.pk}"
    section = line.section
    data = {"section": section.pk, "version": section.version, "name": "Adm", "subtotal_label": ""}
    response = staff_client.post(_url(document, "avsnitt"), data)
    assert response.url == f"{_url(document, 'struktur')}#section-{section.pk}"
    added = staff_client.post(
        _url(document, "rader"), {"section": section.pk, "label": "Ny", "kind": "amount"}
    )
    new_line = document.lines.get(label="Ny", section=section)
    assert added.url == f"{_url(document, 'struktur')}#line-{new_line.pk}"


def test_deleting_a_footnote_asks_first(staff_client, document):
    note = document.footnotes.get(number=1)
    response = staff_client.post(
        _url(document, "fotnoter"), {"action": "ta-bort", "footnote": note.pk}
    )
    assert response.url == f"{_url(document, 'ta-bort')}fotnot/{note.pk}/"
    assert document.footnotes.filter(pk=note.pk).exists()
    page = staff_client.get(response.url).content.decode()
    assert f"Ta bort fotnot 1, ”{note.text}”?" in page
    assert '<button type="submit" class="danger">Ja, ta bort</button>' in page
    response = staff_client.post(_url(document, "fotnoter"), form_in(page, containing="bekraftat"))
    assert response.url == f"{_url(document, 'struktur')}#fotnoter"
    assert not document.footnotes.filter(pk=note.pk).exists()
