"""A hostile user of today's new pages: foreign ids, stale and repeated posts, odd input.

What is typed into a number's place is often a "digit" that `int()` refuses (²) or a number
too long for `int()` (over 4 300 digits): either is a clear message or nothing found, never a
500, and nothing changes.
"""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from budgets.models import BudgetComment, BudgetDocument, BudgetLine
from budgets.selectors import budget_sheet
from budgets.xlsx.export import export_budget
from finsam.models import Association, ImportBatch
from finsam.permissions import Role
from initiatives.models import Initiative
from members.facts_services import FACT_FIELDS

pytestmark = pytest.mark.django_db
HOME, FOREIGN = "finnveden", "vastra-malardalen"
# str.isdigit() is true for these, int() refuses them
NOT_NUMBERS = ["²", "²" * 4, "9" * 5000]


@pytest.fixture
def home() -> Association:
    return Association.objects.get(slug=HOME)


@pytest.fixture
def admin_client(client, make_user, home):
    client.force_login(make_user("admin-home", home, Role.ADMIN))
    return client


def _document(home: Association) -> BudgetDocument:
    return BudgetDocument.objects.filter(association=home).order_by("pk").first()


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_odd_year_in_initiative_list_is_a_message(admin_client, text):
    response = admin_client.get(reverse("initiatives:list", args=[HOME]), {"ar": text})
    assert response.status_code == 200
    assert "är inget år" in response.content.decode()


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_odd_year_in_referral_link_opens_the_empty_form(admin_client, home, text):
    initiative = Initiative.objects.filter(association=home).order_by("pk").first()
    url = reverse("initiatives:referrals", args=[HOME, initiative.pk])
    assert admin_client.get(url, {"ar": text}).status_code == 200


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_odd_column_in_budget_pages_is_ignored(admin_client, home, text):
    document = _document(home)
    followup = reverse("budgets:followup", args=[HOME, document.pk])
    assert admin_client.get(followup, {"kolumn": text}).status_code == 200
    grid = reverse("budgets:document", args=[HOME, document.pk])
    assert admin_client.get(grid, {"kolumner": text}).status_code == 200


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_odd_version_on_line_delete_is_stale_and_deletes_nothing(admin_client, home, text):
    document = BudgetDocument.objects.filter(association=home, status="draft").first()
    line = document.lines.order_by("pk").first()
    url = reverse("budgets:line", args=[HOME, document.pk, line.pk])
    response = admin_client.post(
        url, {"action": "ta-bort", "bekraftat": "1", "version": text}, follow=True
    )
    assert response.status_code == 200
    assert BudgetLine.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_odd_ids_on_structure_posts_find_nothing(admin_client, home, text):
    document = BudgetDocument.objects.filter(association=home, status="draft").first()
    sections = document.sections.count()
    for name, field in (("sections", "section"), ("columns", "column"), ("footnotes", "footnote")):
        url = reverse(f"budgets:{name}", args=[HOME, document.pk])
        response = admin_client.post(url, {"action": "ta-bort", "bekraftat": "1", field: text})
        assert response.status_code in (200, 302), name
    assert document.sections.count() == sections


def _file_with(document: BudgetDocument, column: int, text: str) -> bytes:
    """The exported file with `text` in column `column` of its first line."""
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    ws = book["Budget"]
    first = document.lines.order_by("section__order", "order").first()
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first.label)
    ws.cell(row, column).value = text
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("text", ["²", "1, ²"])
def test_odd_footnote_number_in_budget_file_is_named(admin_client, home, text):
    document = _document(home)
    content = _file_with(document, 4, text)
    url = reverse("budgets:upload", args=[HOME])
    response = admin_client.post(url, {"file": SimpleUploadedFile("b.xlsx", content)})
    assert response.status_code == 200
    assert "fotnoter anges som nummer" in " ".join(response.context["problems"])


def test_odd_typed_column_number_in_budget_file_is_named(admin_client, home):
    from budgets.xlsx import LINE_FACTS

    document = _document(home)
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    ws = book["Budget"]
    heading = LINE_FACTS["typed"].lower()
    cells = [c for row in ws.iter_rows() for c in row if str(c.value or "").lower() == heading]
    line = next(c for c in ws["A"] if c.value == document.lines.order_by("pk").first().label)
    ws.cell(line.row, cells[0].column).value = "²"
    out = BytesIO()
    book.save(out)
    url = reverse("budgets:upload", args=[HOME])
    response = admin_client.post(url, {"file": SimpleUploadedFile("b.xlsx", out.getvalue())})
    assert response.status_code == 200
    assert "ange kolumnernas nummer" in " ".join(response.context["problems"])


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_odd_version_on_report_section_move_is_stale(admin_client, home, text):
    from reports.models import Report

    plan = Report.objects.filter(association=home).order_by("pk").first()
    first, second = plan.sections.order_by("position")[:2]
    url = reverse("reports:section_change", args=[HOME, plan.pk, second.pk])
    response = admin_client.post(url, {"action": "up", "version": text}, follow=True)
    assert response.status_code == 200
    assert list(plan.sections.order_by("position")[:2]) == [first, second]


@pytest.mark.parametrize("text", ["²²²²²²", "9" * 5000])
def test_odd_code_when_turning_on_two_factor_is_refused(client, text):
    from tests.sign_in.helpers import sign_in

    assert sign_in(client, "kansli").status_code == 302
    client.get("/konto/tvastegsverifiering/")
    response = client.post("/konto/tvastegsverifiering/", {"code": text})
    assert response.status_code == 200  # the form again, with what is wrong (code or length)
    assert not TOTPDevice.objects.filter(user__username="kansli").exists()


def test_withdrawing_an_invitation_accepted_meanwhile_is_refused(client, make_user, home):
    from finsam.models import Invitation, UserRole
    from finsam.users.invitations import invitation_accept, invitation_send

    anna = make_user("anna.inbjuden")
    anna.email = "anna@example.se"
    anna.save()
    tokens: list[str] = []
    invitation = invitation_send(
        association=home, email=anna.email, role="staff", invited_by=None, link=tokens.append
    )
    client.force_login(make_user("admin-home", home, Role.ADMIN))
    url = reverse("members:invitation_remove", args=[HOME, invitation.pk])
    invitation_accept(token=tokens[0], user=anna)  # after the admin's page was read
    response = client.post(url, follow=True)
    assert "är redan antagen och kan inte dras tillbaka" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == anna  # its record stays
    assert UserRole.objects.filter(user=anna, association=home).exists()


def test_cancelling_an_import_applied_meanwhile_says_so_and_keeps_it(client, make_user, home):
    from finsam.imports.batches import import_confirm
    from finsam.models import ImportBatch, ImportStatus
    from tests.access_samples import _import_batch

    batch = ImportBatch.objects.get(pk=_import_batch(home)["pk"])
    client.force_login(make_user("admin-home", home, Role.ADMIN))
    import_confirm(batch=batch)  # a colleague confirms while this page is open
    url = reverse("members:import_decide", args=[HOME, batch.pk])
    page = client.post(url, {"discard": "1"}, follow=True).content.decode()
    assert "är redan inläst; den kan inte avbrytas" in page
    assert "inget ändrades" not in page
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.APPLIED


def test_a_budget_adopted_between_preview_and_confirm_refuses_the_file(client, make_user):
    from datetime import date

    from budgets.models import BudgetAmount
    from budgets.services.status import document_adopt
    from tests.budgets.test_import_preview import _decide, _edited_file, _previewed

    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    client.force_login(make_user("staff-home", document.association, Role.STAFF))
    preview = _previewed(client, _edited_file(document))
    before = sorted(BudgetAmount.objects.filter(line__document=document).values_list("amount"))
    document_adopt(
        document=document,
        adopted_on=date(2014, 1, 1),
        meeting=None,
        diary_number="1",
        user=None,
        motivation="Styrelsen beslutade.",
    )
    answer = _decide(client, preview, confirm="1", follow=True)
    assert "har ändrats sedan förhandsgranskningen" in answer.content.decode()
    assert not BudgetDocument.objects.filter(association__slug=HOME, year=2014, revision=2)
    document.refresh_from_db()
    assert not document.is_draft
    after = sorted(BudgetAmount.objects.filter(line__document=document).values_list("amount"))
    assert after == before


def test_a_section_that_got_a_line_after_the_confirmation_page_is_not_deleted(staff_client):
    from budgets.models import BudgetSection
    from tests.http_session import form_in

    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    section = document.sections.get(name="Administration")
    base = f"/{HOME}/budget/{document.pk}"
    page = staff_client.get(f"{base}/ta-bort/avsnitt/{section.pk}/").content.decode()
    assert "med dess 5 rader" in page
    BudgetLine.objects.create(
        document=document, section=section, order=9, label="Ny", kind="amount"
    )
    answer = staff_client.post(
        f"{base}/avsnitt/", form_in(page, containing="bekraftat"), follow=True
    )
    assert "har fått andra rader sedan du bekräftade; inget togs bort" in answer.content.decode()
    assert BudgetSection.objects.filter(pk=section.pk).exists()
    assert section.lines.count() == 6
    # a delete posted without the count the page showed is refused too
    staff_client.post(
        f"{base}/avsnitt/", {"action": "ta-bort", "bekraftat": "1", "section": section.pk}
    )
    assert BudgetSection.objects.filter(pk=section.pk).exists()


@pytest.mark.parametrize("meeting", ["99999999999999999999", "-1", "2147483648"])
def test_an_unknown_meeting_number_on_adoption_is_named(admin_client, meeting):
    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    url = reverse("budgets:adopt", args=[HOME, document.pk])
    data = {"adopted_on": "2014-01-15", "diary_number": "1", "meeting": meeting, "confirmed": "1"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert BudgetDocument.objects.get(pk=document.pk).is_draft


@pytest.mark.parametrize("foreign", ["initiative", "huge"])
def test_a_line_takes_no_foreign_or_impossible_initiative_or_member(staff_client, foreign):
    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    section = document.sections.get(name="Verksamhet")
    base = f"/{HOME}/budget/{document.pk}/rader/"
    staff_client.post(base, {"section": section.pk, "label": "Ny insats", "kind": "initiative"})
    line = document.lines.get(label="Ny insats")
    other = Initiative.objects.filter(association__slug=FOREIGN).first()
    huge = "9" * 18
    edit = {"action": "spara", "label": "Ny insats", "version": line.version}
    edit |= {"initiative": other.pk} if foreign == "initiative" else {"members": [huge]}
    edit |= {"initiative": huge} if foreign == "huge" else {}
    response = staff_client.post(f"{base}{line.pk}/", edit, follow=True)
    assert "Insatsen finns inte i förbundet." in [str(m) for m in response.context["messages"]]
    line.refresh_from_db()
    assert line.initiative is None and not line.members.exists()


def test_history_names_the_admin_who_confirmed_an_import_not_the_uploader(client, make_user, home):
    from finsam.imports.batches import import_upload
    from finsam.models import ImportBatch
    from members.models import PopulationFigure

    uploader = make_user("laddade-upp", home, Role.ADMIN)
    confirmer = make_user("bekraftade", home, Role.ADMIN)
    municipality = home.memberships.filter(member__kind="municipality").first().member
    content = f"Kommun;Datum;Invånare\n{municipality.name};2015-11-01;1234\n".encode()
    batch, _plan = import_upload(
        association=home, kind="population", filename="inv.csv", content=content, user=uploader
    )
    client.force_login(confirmer)
    client.post(reverse("members:import_decide", args=[HOME, batch.pk]))
    assert ImportBatch.objects.get(pk=batch.pk).status == "applied"
    row = PopulationFigure.history.filter(history_import_id=batch.pk).get()
    assert (row.population, row.history_user) == (1234, confirmer)


@pytest.mark.parametrize("what", ["rad", "kolumn", "avsnitt"])
def test_another_documents_item_under_this_documents_url_is_not_found(staff_client, what):
    from budgets.services.successor import document_create_from

    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    other, _opening = document_create_from(source=document, year=2015, user=None)
    items = {"rad": other.lines, "kolumn": other.columns, "avsnitt": other.sections}
    item = items[what].order_by("pk").first()
    base = f"/{HOME}/budget/{document.pk}"
    assert staff_client.get(f"{base}/ta-bort/{what}/{item.pk}/").status_code == 404
    if what != "rad":
        moved = "kolumner" if what == "kolumn" else "avsnitt"
        response = staff_client.post(f"{base}/{moved}/{item.pk}/flytta/", {"action": "upp"})
        assert response.status_code == 404


def test_markup_in_names_is_shown_as_text_on_the_follow_up_and_import_preview(staff_client):
    from tests.budgets.test_import_preview import _previewed

    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    evil = '<img src=x onerror="alert(1)">'
    document.sections.filter(name="Administration").update(name=evil)
    document.columns.filter(year=2015).update(label=evil)
    page = staff_client.get(f"/{HOME}/budget/{document.pk}/uppfoljning/").content.decode()
    assert evil not in page and "&lt;img" in page
    content = export_budget(budget_sheet(document))
    book = load_workbook(BytesIO(content))
    ws = book["Budget"]
    line = next(c for c in ws["A"] if c.value == "Kansli")
    ws.cell(line.row, 1).value = evil
    out = BytesIO()
    book.save(out)
    preview = _previewed(staff_client, out.getvalue()).content.decode()
    assert evil not in preview and "&lt;img" in preview


def _upload_edited(client, edit) -> list[str]:
    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    edit(book)
    out = BytesIO()
    book.save(out)
    url = reverse("budgets:upload", args=[HOME])
    response = client.post(url, {"file": SimpleUploadedFile("b.xlsx", out.getvalue())})
    assert response.status_code == 200
    return response.context["problems"]


@pytest.mark.parametrize("value", [10**12, -(10**17), 1e300, "99 999 999 999 999 999"])
def test_an_amount_too_large_to_store_is_named_with_its_place(staff_client, value):
    def edit(book):
        ws = book["Budget"]
        row = next(c for c in ws["A"] if c.value == "Kansli").row
        ws.cell(row, 5).value = value

    problems = _upload_edited(staff_client, edit)
    assert len(problems) == 1 and "kolumn E" in problems[0], problems
    assert "är för stort; ett belopp har högst 12 siffror" in problems[0]


@pytest.mark.parametrize("value", [10**30, 100.5, -5, 12.345])
def test_a_counted_share_out_of_range_is_named_with_its_place(staff_client, value):
    def edit(book):
        ws = book.worksheets[1]
        row = next(c for c in ws["A"] if str(c.value or "").startswith("Räknad andel")).row
        ws.cell(row, 2).value = value

    problems = _upload_edited(staff_client, edit)
    assert len(problems) == 1 and "kolumn B" in problems[0], problems
    assert "ange en andel mellan 0 och 100 procent med högst två decimaler" in problems[0]


@pytest.mark.parametrize(
    ("sheet", "label", "column", "limit"),
    [
        ("Budget", "Kansli", 1, 300),
        ("Budget", "Administration", 1, 200),
        ("Budget", "Budget 2014", None, 60),
        ("Inställningar", "Rubrik", 2, 200),
        ("Inställningar", "Rubrik resultat", 2, 100),
    ],
)
def test_a_text_too_long_to_store_is_named_with_its_place(
    staff_client, sheet, label, column, limit
):
    def edit(book):
        ws = book[sheet] if sheet == "Budget" else book.worksheets[1]
        found = next(c for row in ws.iter_rows() for c in row if c.value == label)
        ws.cell(found.row, column or found.column).value = "x" * 2000

    problems = _upload_edited(staff_client, edit)
    assert len(problems) == 1, problems
    assert problems[0].endswith(f"texten har 2000 tecken; högst {limit} får plats."), problems


@pytest.mark.parametrize("value", ["9" * 15, "9" * 39, "-" + "9" * 13])
def test_a_grid_amount_too_large_to_store_is_a_message(staff_client, value):
    from budgets.models import BudgetAmount
    from tests.budgets.test_grid_views import _save

    document = BudgetDocument.objects.get(association__slug=HOME, year=2014)
    response, line, column = _save(staff_client, document, "Kansli", 2014, value, "425000")
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Kansli, Budget 2014: beloppet är för stort; högst 12 siffror i kronor."
    )
    assert BudgetAmount.objects.get(line=line, column=column).amount == 425_000


def test_figure_forms_ignore_rows_named_by_another_associations_ids(staff_client, home):
    from datetime import date

    from initiatives.models import ExitCount, ExitReason, FollowUp, ReferralCount
    from members.models import Member

    initiative = Initiative.objects.filter(association=home).order_by("pk").first()
    follow_up, _ = FollowUp.objects.get_or_create(
        initiative=initiative, start=date(2016, 1, 1), end=date(2016, 6, 30)
    )
    other = Association.objects.get(slug=FOREIGN)
    own, foreign = (
        ExitReason.objects.create(association=a, number=1, name="Arbete", category="other")
        for a in (home, other)
    )
    url = reverse("initiatives:exits", args=[HOME, follow_up.pk])
    data = {"version": follow_up.version, f"reason_{own.pk}": 2, f"reason_{foreign.pk}": 7}
    staff_client.post(url, data)
    assert {(c.reason_id, c.count) for c in ExitCount.objects.filter(follow_up=follow_up)} == {
        (own.pk, 2)
    }
    koping = Member.objects.get(name="Köpings kommun")  # a member of Västra Mälardalen only
    own_member = home.memberships.order_by("pk").first().member
    url = reverse("initiatives:referrals", args=[HOME, initiative.pk])
    data = {"version": 0, "year": 2030, f"member_{own_member.pk}": 3, f"member_{koping.pk}": 9}
    staff_client.post(url, data)
    counts = ReferralCount.objects.filter(referral_year__initiative=initiative)
    assert counts.filter(member=own_member, count=3).exists()
    assert not counts.filter(member=koping).exists()


@pytest.mark.parametrize("email", ["a" * 64 + "@" + "b" * 250 + ".se", "a@b" + "\u202e" + ".se"])
def test_an_invitation_to_an_impossible_address_is_a_form_error(admin_client, email):
    from finsam.models import Invitation

    url = reverse("members:invitation_new", args=[HOME])
    response = admin_client.post(url, {"email": email, "role": "staff"})
    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"]
    assert not Invitation.objects.filter(email=email).exists()


def test_a_new_user_with_an_address_no_mail_can_reach_is_refused(admin_client):
    from django.contrib.auth import get_user_model

    email = "a@b\u202e.se"
    data = {"username": "ny-anvandare", "email": email, "role": "staff"}
    response = admin_client.post(f"/{HOME}/anvandare/", data | {"password": "Ett-langt-99-ord"})
    assert "Det går inte att skicka e-post till" in response.content.decode()
    assert not get_user_model().objects.filter(username="ny-anvandare").exists()


@pytest.mark.parametrize("text", NOT_NUMBERS)
@pytest.mark.parametrize("field", ["interim_report_due_days", "plan_due_days_before_year"])
def test_an_odd_report_deadline_is_named_and_changes_nothing(admin_client, home, field, text):
    data = {name: getattr(home, name) or "" for name in FACT_FIELDS}
    data |= {field: text, "version": home.version}
    response = admin_client.post(reverse("members:facts_edit", args=[HOME]), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    home.refresh_from_db()
    assert (home.interim_report_due_days, home.plan_due_days_before_year, home.version) == (
        60,
        31,
        1,
    )


def test_a_foreign_associations_waiting_items_never_reach_the_start_page(client, make_user, home):
    """An admin here; the other association has an import, a draft and a comment waiting."""
    foreign = Association.objects.get(slug=FOREIGN)
    ImportBatch.objects.create(
        association=foreign, kind="sie", filename="frammande.se", file="x", sha256="1" * 64
    )
    document = BudgetDocument.objects.get(association=foreign)
    BudgetComment.objects.create(document=document, author=make_user("s2"), text="Hemligt")
    client.force_login(make_user("admin-home", home, Role.ADMIN))
    for url in (reverse("start"), reverse("members:overview", args=[HOME])):
        page = client.get(url).content.decode()
        assert "frammande.se" not in page and f"/{FOREIGN}/" not in page, url
