"""Admins bring in contributions and population figures: preview, then all or nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from finsam.imports.batches import batch_plan, import_confirm, import_upload
from finsam.models import ImportBatch, ImportStatus
from members.funding import funding_breakdown
from members.models import AgreedContribution, FundingYear, PopulationFigure

CONTRIBUTIONS_2015 = (
    "År;Medlem;Belopp\n"
    "2015;Försäkringskassan;1 600 000\n"
    "2015;Landstinget i Jönköpings län;800 000,00\n"
    "2015;Gislaveds kommun;324600\n"
    "2015;Gnosjö kommun;106 000\n"
    "2015;Värnamo kommun;369 400\n"
).encode("cp1252")


def upload(association, content, filename="bidrag.csv", kind="contributions", user=None):
    return import_upload(
        association=association, kind=kind, filename=filename, content=content, user=user
    )


def test_contributions_file_is_previewed_then_applied(association, make_user):
    admin = make_user("imp-admin")
    batch, plan = upload(association, CONTRIBUTIONS_2015, user=admin)
    assert [(c.subject, c.before, c.after) for c in plan.changes][:2] == [
        ("Staten 2015 (rad 2)", "–", "1\u00a0600\u00a0000 kr"),
        ("Landstinget i Jönköpings län 2015", "–", "800\u00a0000 kr"),
    ]
    assert not AgreedContribution.objects.filter(funding_year__year=2015).exists()

    import_confirm(batch=batch)

    funding_year = FundingYear.objects.get(association=association, year=2015)
    assert funding_year.state_granted.amount == Decimal(1600000)
    amounts = {line.label: line.amount for line in funding_breakdown(funding_year).lines}
    assert amounts["Gislaveds kommun"] == Decimal(324600)
    assert amounts["Gnosjö kommun"] == Decimal(106000)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.uploaded_by == admin
    assert batch.summary == "5 bidrag inlästa för 1 år."
    assert batch.file.read() == CONTRIBUTIONS_2015 and batch.size == len(CONTRIBUTIONS_2015)
    assert batch.sha256 == ImportBatch.checksum(CONTRIBUTIONS_2015)


def test_one_bad_row_stops_the_whole_file_and_names_the_place(association):
    bad = CONTRIBUTIONS_2015.replace(b"106 000", b"106 OOO")
    bad += "2015;Jönköpings kommun;10 000\n".encode("cp1252")
    batch, plan = upload(association, bad)
    assert batch is None
    assert [str(p) for p in plan.problems] == [
        "rad 5, kolumn C: ”106 OOO” är inte ett belopp. Skriv t.ex. 302 600 eller 302 600,50.",
        "rad 7, kolumn B: ”Jönköpings kommun” är inte medlem i förbundet 2015.",
    ]
    assert not ImportBatch.objects.filter(association=association).exists()
    assert FundingYear.objects.get(association=association, year=2015).state_granted is None


def test_a_missing_column_is_named(association):
    _batch, plan = upload(association, "År;Medlem;Summa\n2015;Gnosjö kommun;1\n".encode())
    assert [str(p) for p in plan.problems] == ["rad 1: kolumnen ”Belopp” saknas i rubrikraden."]


def test_duplicate_rows_are_refused(association):
    content = CONTRIBUTIONS_2015 + "2015;Gnosjö kommun;1\n".encode("cp1252")
    _batch, plan = upload(association, content)
    assert [str(p) for p in plan.problems] == ["rad 7: Gnosjö kommun 2015 står redan på rad 5."]


def test_confirming_twice_applies_once(association):
    batch, _plan = upload(association, CONTRIBUTIONS_2015)
    import_confirm(batch=batch)
    with pytest.raises(Exception, match="redan inläst"):
        import_confirm(batch=batch)


def xlsx(rows, *, formula_without_value=False, merged=None, hidden_first=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if hidden_first:
        sheet.title = "Dold"
        sheet.append(["skräp"])
        sheet.sheet_state = "hidden"
        sheet = workbook.create_sheet("Data")
    for row in rows:
        sheet.append(row)
    if formula_without_value:
        sheet["C3"] = "=C2*2"
    if merged:
        sheet.merge_cells(merged)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


POPULATION_ROWS = [
    ["Kommun", "Datum", "Invånare"],
    ["Gislaveds kommun", date(2015, 11, 1), 29250],
    ["Gnosjö kommun", "2015-11-01", "9 520"],
    ["Värnamo kommun", "2015-11-01", 33300.0],
]


def test_population_xlsx_on_the_first_visible_sheet(association):
    batch, plan = upload(
        association, xlsx(POPULATION_ROWS, hidden_first=True), "inv.xlsx", "population"
    )
    assert not plan.problems
    import_confirm(batch=batch)
    figures = PopulationFigure.objects.filter(association=association, date=date(2015, 11, 1))
    assert sorted(f.population for f in figures) == [9520, 29250, 33300]


def test_a_formula_without_a_computed_value_is_refused(association):
    _batch, plan = upload(
        association, xlsx(POPULATION_ROWS, formula_without_value=True), "inv.xlsx", "population"
    )
    assert "blad Sheet, rad 3, kolumn C: formeln =C2*2 har inget beräknat värde" in str(
        plan.problems[0]
    )


def test_merged_cells_are_refused(association):
    _batch, plan = upload(
        association, xlsx(POPULATION_ROWS, merged="A2:B2"), "inv.xlsx", "population"
    )
    assert "sammanfogade celler (A2:B2)" in str(plan.problems[0])


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("bidrag.pdf", b"%PDF", "bidrag.pdf: filtypen stöds inte"),
        ("bidrag.xlsx", b"not a zip", "bidrag.xlsx är ingen Excel-arbetsbok (.xlsx)"),
        ("bidrag.csv", b"", "Filen bidrag.csv är tom."),
        ("bidrag.csv", b"\x00\x01\x02", "ingen textfil"),
        ("bidrag.csv", "År;Medlem;Belopp\n".encode(), "inga rader med bidrag"),
    ],
)
def test_files_that_are_not_tables_get_a_clear_message(association, filename, content, message):
    batch, plan = upload(association, content, filename=filename)
    assert batch is None
    assert message in str(plan.problems[0])


def test_the_file_is_read_again_when_confirmed(association):
    batch, _plan = upload(association, xlsx(POPULATION_ROWS), "inv.xlsx", "population")
    association.memberships.filter(member__name="Gnosjö kommun").delete()
    assert "”Gnosjö kommun” är ingen av förbundets kommuner." in str(batch_plan(batch).problems[0])
    with pytest.raises(Exception, match="Inget|ingen av förbundets kommuner"):
        import_confirm(batch=batch)
    assert not association.population_figures.filter(date=date(2015, 11, 1)).exists()


def test_import_command_applies_a_file(association, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "bidrag.csv"
    path.write_bytes(CONTRIBUTIONS_2015)
    out = io.StringIO()
    call_command("import_contributions", str(path), association="finnveden", stdout=out)
    assert "bidrag.csv: 5 bidrag inlästa för 1 år." in out.getvalue()
    assert (
        FundingYear.objects.get(association=association, year=2015).state_granted.amount == 1600000
    )


def test_import_command_fails_with_the_problems_and_changes_nothing(association, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "inv.csv"
    path.write_text("Kommun;Datum;Invånare\nGnosjö kommun;2015-13-01;9 520\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_population", str(path), association="finnveden")
    assert "rad 2, kolumn B: ”2015-13-01” är inget datum; skriv ÅÅÅÅ-MM-DD." in str(error.value)
    assert not association.imports.exists()


def test_import_command_names_an_unknown_association(db, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="inget förbund med kortnamnet ”okänt”"):
        call_command("import_population", str(tmp_path), association="okänt")


def test_a_stored_file_that_has_gone_missing_is_named_not_a_500(client, make_user, association):
    from finsam.permissions import Role

    batch, _plan = upload(association, CONTRIBUTIONS_2015)
    batch.file.storage.delete(batch.file.name)
    client.force_login(make_user("boss", association, Role.ADMIN))
    preview = client.get(f"/finnveden/importer/{batch.pk}/").content.decode()
    assert "Filen bidrag.csv finns inte längre i lagringen" in preview
    download = client.get(f"/finnveden/importer/{batch.pk}/fil/", follow=True)
    assert "finns inte längre i lagringen" in download.content.decode()
    with pytest.raises(Exception, match="finns inte längre"):
        import_confirm(batch=batch)


def test_a_funding_form_opened_before_an_import_is_refused_not_obeyed(staff_client, association):
    funding_year = FundingYear.objects.get(association=association, year=2014)
    opened_version = funding_year.version
    content = "År;Medlem;Belopp\n2014;Gislaveds kommun;111 100\n".encode()
    batch, _plan = upload(association, content)
    import_confirm(batch=batch)
    response = staff_client.post(
        "/finnveden/finansiering/2014/andra/",
        {
            "version": opened_version,
            "state_requested": "1 696 000",
            "state_granted": "1 496 000",
            "distribution_key": "population",
            "rounding_step": "100",
            "state_presentation": "one_line",
        },
        follow=True,
    )
    assert "Finansieringsåret har ändrats av någon annan" in response.content.decode()
    gislaved = AgreedContribution.objects.get(
        funding_year=funding_year, member__name="Gislaveds kommun"
    )
    assert gislaved.amount.amount == Decimal(111100)


def test_a_very_long_file_name_is_kept_under_a_short_stored_name(association):
    long_name = "b" * 251 + ".csv"
    batch, _plan = upload(association, CONTRIBUTIONS_2015, filename=long_name)
    assert batch.filename == long_name
    assert batch.file.name == f"imports/finnveden/{batch.sha256[:32]}.csv"
    assert batch.file.read() == CONTRIBUTIONS_2015
