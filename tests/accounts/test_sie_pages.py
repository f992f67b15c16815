"""SIE files on the web and the command line: year balances only, the wrong kind, the
preview's confirmation and choices, and a dry run that leaves nothing behind."""

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from budgets.accounts.models import MonthMovement, Voucher
from budgets.accounts.selectors import statements_for
from finsam.lib.sie import Ib, Period, Psaldo, Rar, Res, Trans, Ub, Ver, write_sie
from finsam.models import Association, ImportBatch, ImportStatus
from finsam.permissions import Role

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def text_of(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def vaxjo():
    return Association.objects.get(slug="vaxjo")


@pytest.fixture
def admin_client(client, make_user, vaxjo):
    client.force_login(make_user("sie-admin", vaxjo, Role.ADMIN))
    return client


def sie(years, balances=(), vouchers=(), orgnr="222000-2634") -> bytes:
    return write_sie(
        None,
        company_name="Förbundet",
        orgnr=orgnr,
        years=[Rar(index, date(y, 1, 1), date(y, 12, 31)) for index, y in years],
        balances=balances,
        vouchers=vouchers,
    )


def test_a_file_of_year_balances_only_is_shown_on_the_books_page(client, make_user):
    """SIE 1: Finnveden's 2015 as #IB, #UB and #RES only; no months."""
    finnveden = Association.objects.get(slug="finnveden")
    content = sie(
        [(0, 2015)],
        [
            Ib(0, "1930", Decimal("400000")),
            Ib(0, "2010", Decimal("-400000")),
            Ub(0, "1930", Decimal("437500")),
            Ub(0, "2010", Decimal("-400000")),
            Res(0, "3010", Decimal("-1600000")),
            Res(0, "4010", Decimal("1562500")),
        ],
        orgnr=finnveden.org_number,
    )
    client.force_login(make_user("fv-admin", finnveden, Role.ADMIN))
    response = client.post(
        "/finnveden/importer/", {"kind": "sie", "file": SimpleUploadedFile("fv.se", content)}
    )
    batch = ImportBatch.objects.get(association=finnveden, filename="fv.se")
    assert response.status_code == 302
    client.post(f"/finnveden/importer/{batch.pk}/beslut/", {"confirm": "1"})
    assert not MonthMovement.objects.filter(association=finnveden, year=2015).exists()
    page = text_of(client.get("/finnveden/bokforing/"))
    assert "Ingen bokföring är inläst" not in page
    assert "Bokföringen för 2015 har bara årssaldon" in page
    page = text_of(client.get("/finnveden/bokforing/?period_end=2015-12-31&unit=kr"))
    assert f"Periodens resultat 37{NBSP}500" in page
    assert statements_for(finnveden, date(2015, 12, 31)).assets.current == Decimal("437500")


def test_the_import_page_offers_sie_and_recognises_it_under_another_kind(admin_client):
    page = admin_client.get("/vaxjo/importer/").content.decode()
    assert '<option value="sie">Bokföring (SIE)</option>' in page
    content = sie([(0, 2014)])
    response = admin_client.post(
        "/vaxjo/importer/",
        {"kind": "contributions", "file": SimpleUploadedFile("bok.se", content)},
    )
    text = text_of(response)
    assert "bok.se är en SIE-fil (bokföring), inte medlemsbidrag. Välj ”Bokföring (SIE)”" in text
    assert '<option value="sie" selected>Bokföring (SIE)</option>' in response.content.decode()


def test_the_preview_asks_for_confirmation_and_offers_replacing_held_vouchers(admin_client, vaxjo):
    january = Period(2014, 1)
    content = sie([(0, 2014)], [Psaldo(0, january, "4010", (), Decimal("10000"))])
    admin_client.post(
        "/vaxjo/importer/", {"kind": "sie", "file": SimpleUploadedFile("p.se", content)}
    )
    batch = ImportBatch.objects.get(association=vaxjo, filename="p.se")
    page = text_of(admin_client.get(f"/vaxjo/importer/{batch.pk}/"))
    assert "Inläsningen tar bort mer än filen för in" in page
    refused = admin_client.post(f"/vaxjo/importer/{batch.pk}/beslut/", {"confirm": "1"})
    assert refused.status_code == 302
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.PREVIEW
    admin_client.post(f"/vaxjo/importer/{batch.pk}/beslut/", {"confirm": "1", "confirmed": "1"})
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.APPLIED

    day = date(2014, 3, 28)
    repeated = Ver(
        "A",
        "3",
        day,
        "",
        transactions=(Trans("4010", (), Decimal(1), day), Trans("1930", (), Decimal(-1), day)),
    )
    content = sie([(0, 2014)], vouchers=[repeated])
    admin_client.post(
        "/vaxjo/importer/", {"kind": "sie", "file": SimpleUploadedFile("v.si", content)}
    )
    batch = ImportBatch.objects.get(association=vaxjo, filename="v.si")
    page = text_of(admin_client.get(f"/vaxjo/importer/{batch.pk}/"))
    assert "Ersätt exakt dessa verifikationer" in page and "A 3" in page
    page = text_of(admin_client.get(f"/vaxjo/importer/{batch.pk}/?choice=replace_vouchers"))
    assert "1 verifikationer med samma serie och nummer ersätts" in page
    admin_client.post(
        f"/vaxjo/importer/{batch.pk}/beslut/", {"confirm": "1", "choice": "replace_vouchers"}
    )
    assert Voucher.objects.get(association=vaxjo, series="A", number="3").amounts["4010"] == "1"


def test_a_dry_run_leaves_no_file_behind(vaxjo, tmp_path):
    path = tmp_path / "kansli.si"
    day = date(2014, 9, 1)
    rows = (Trans("4010", (), Decimal(50), day), Trans("1930", (), Decimal(-50), day))
    path.write_bytes(sie([(0, 2014)], vouchers=[Ver("D", "1", day, "", transactions=rows)]))
    stored = set(Path(settings.MEDIA_ROOT).rglob("*"))
    out = io.StringIO()
    call_command("import_sie", str(path), association="vaxjo", dry_run=True, stdout=out)
    assert "Provkörning: inget sparades." in out.getvalue()
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == stored
    assert not ImportBatch.objects.filter(association=vaxjo, filename="kansli.si").exists()


def test_the_command_needs_confirm_to_remove_more_than_the_file_brings(vaxjo, tmp_path):
    path = tmp_path / "p.se"
    path.write_bytes(sie([(0, 2014)], [Psaldo(0, Period(2014, 1), "4010", (), Decimal(1))]))
    held = MonthMovement.objects.filter(association=vaxjo, year=2014, month=1).count()
    with pytest.raises(CommandError, match="Kör igen med --confirm"):
        call_command("import_sie", str(path), association="vaxjo", stdout=io.StringIO())
    assert MonthMovement.objects.filter(association=vaxjo, year=2014, month=1).count() == held
    call_command("import_sie", str(path), association="vaxjo", confirm=True, stdout=io.StringIO())
    assert MonthMovement.objects.filter(association=vaxjo, year=2014, month=1).count() == 1


def test_the_follow_up_says_when_the_books_have_year_balances_only(admin_client, vaxjo):
    document = vaxjo.budget_documents.get(title="Budget 2014")
    url = f"/vaxjo/budget/{document.pk}/uppfoljning/"
    assert "har bara årssaldon" not in text_of(admin_client.get(url))
    MonthMovement.objects.filter(association=vaxjo, year=2014).delete()
    assert "Bokföringen för 2014 har bara årssaldon, inga månadsbelopp" in text_of(
        admin_client.get(url)
    )


def test_the_history_log_shows_a_confirmed_import_and_what_it_replaced(admin_client, vaxjo):
    day = date(2014, 9, 1)
    rows = (Trans("4010", (), Decimal(50), day), Trans("1930", (), Decimal(-50), day))
    content = sie([(0, 2014)], vouchers=[Ver("E", "1", day, "", transactions=rows)])
    admin_client.post(
        "/vaxjo/importer/", {"kind": "sie", "file": SimpleUploadedFile("e.si", content)}
    )
    batch = ImportBatch.objects.get(association=vaxjo, filename="e.si")
    admin_client.post(f"/vaxjo/importer/{batch.pk}/beslut/", {"confirm": "1"})
    page = text_of(admin_client.get("/vaxjo/historik/"))
    assert (
        "Resultat: – → 2014: 1 verifikationer läggs till, resultatet ändras från "
        f"−205{NBSP}968 kr till −206{NBSP}018 kr, tillgångarna ändras från 1{NBSP}742{NBSP}016 kr "
        f"till 1{NBSP}741{NBSP}966 kr."
    ) in page


def test_an_empty_orgnr_is_read_in_only_once_the_warning_is_confirmed(admin_client, vaxjo):
    content = (Path(__file__).parent / "sie_corpus" / "typ4_tomt_orgnr.se").read_bytes()
    admin_client.post(
        "/vaxjo/importer/", {"kind": "sie", "file": SimpleUploadedFile("tomt.se", content)}
    )
    batch = ImportBatch.objects.get(association=vaxjo, filename="tomt.se")
    page = text_of(admin_client.get(f"/vaxjo/importer/{batch.pk}/"))
    assert "Filen har varningar" in page and "#ORGNR är tomt" in page
    admin_client.post(f"/vaxjo/importer/{batch.pk}/beslut/", {"confirm": "1"})
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.PREVIEW
    admin_client.post(f"/vaxjo/importer/{batch.pk}/beslut/", {"confirm": "1", "confirmed": "1"})
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.APPLIED


def test_an_association_without_orgnr_is_offered_the_files_number(client, make_user):
    # The corpus file is Växjö's: one association per number, so Växjö gives it up here.
    Association.objects.filter(slug="vaxjo").update(org_number="")
    fresh = Association.objects.create(
        name="Nytt förbund", slug="nytt", formed_on=date(2011, 5, 20)
    )
    client.force_login(make_user("nytt-admin", fresh, Role.ADMIN))
    content = (Path(__file__).parent / "sie_corpus" / "typ4_jamforelsear.se").read_bytes()
    client.post("/nytt/importer/", {"kind": "sie", "file": SimpleUploadedFile("b.se", content)})
    batch = ImportBatch.objects.get(association=fresh, filename="b.se")
    page = text_of(client.get(f"/nytt/importer/{batch.pk}/"))
    assert "Spara 222000-2634 som förbundets organisationsnummer" in page
    assert "Vad kontrollen av filen visar" in page  # the checks' findings are stated
    client.post(
        f"/nytt/importer/{batch.pk}/beslut/",
        {"confirm": "1", "confirmed": "1", "choice": "adopt_orgnr"},
    )
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.APPLIED
    fresh.refresh_from_db()
    assert fresh.org_number == "222000-2634"


def test_without_the_choice_the_number_is_not_taken(client, make_user):
    fresh = Association.objects.create(
        name="Nytt förbund", slug="nytt", formed_on=date(2011, 5, 20)
    )
    client.force_login(make_user("nytt-admin", fresh, Role.ADMIN))
    content = (Path(__file__).parent / "sie_corpus" / "typ4_jamforelsear.se").read_bytes()
    client.post("/nytt/importer/", {"kind": "sie", "file": SimpleUploadedFile("b.se", content)})
    batch = ImportBatch.objects.get(association=fresh, filename="b.se")
    client.post(f"/nytt/importer/{batch.pk}/beslut/", {"confirm": "1", "confirmed": "1"})
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.APPLIED
    fresh.refresh_from_db()
    assert fresh.org_number == ""


@pytest.mark.parametrize(
    ("name", "fact"),
    [
        ("typ3_psaldo_total.se", "#PSALDO: raden utan objekt ({}) är kontots total, som SIE"),
        ("typ3_psaldo_rest.se", "#PSALDO: raden utan objekt ({}) är den del av kontot"),
        ("typ4_pbudget.se", "Filen har 1 #PBUDGET-rader (periodbudget); de läses inte in"),
    ],
)
def test_the_preview_names_the_object_row_convention_and_an_unused_pbudget(
    client, make_user, name, fact
):
    fresh = Association.objects.create(
        name="Nytt förbund", slug="nytt", formed_on=date(2011, 5, 20)
    )
    client.force_login(make_user("nytt-admin", fresh, Role.ADMIN))
    content = (Path(__file__).parent / "sie_corpus" / name).read_bytes()
    client.post("/nytt/importer/", {"kind": "sie", "file": SimpleUploadedFile(name, content)})
    batch = ImportBatch.objects.get(association=fresh, filename=name)
    page = text_of(client.get(f"/nytt/importer/{batch.pk}/"))
    assert "Vad kontrollen av filen visar" in page
    assert fact in page


def test_an_uploaded_sie_file_with_a_line_over_64_kb_is_refused_naming_the_line(
    admin_client, vaxjo
):
    content = sie([(0, 2014)]).replace(b"#FNAMN ", b"#FNAMN " + b"x" * (2**20), 1)
    line = content[: content.index(b"#FNAMN ")].count(b"\n") + 1
    response = admin_client.post(
        "/vaxjo/importer/", {"kind": "sie", "file": SimpleUploadedFile("lang.se", content)}
    )
    assert response.status_code == 200
    assert f"Rad {line}: Raden är längre än 64 KB och läses inte" in text_of(response)
    assert not ImportBatch.objects.filter(association=vaxjo, filename="lang.se").exists()


def test_the_preview_numbers_no_row_for_changes_made_by_the_whole_file(admin_client, vaxjo):
    """A year's totals and a new account come from the whole file: the preview showed them
    as "Rad 0"; it shows no row column when no change comes from one line."""
    january = Period(2014, 1)
    content = sie([(0, 2014)], [Psaldo(0, january, "4999", (), Decimal("10000"))])
    admin_client.post(
        "/vaxjo/importer/", {"kind": "sie", "file": SimpleUploadedFile("r.se", content)}
    )
    batch = ImportBatch.objects.get(association=vaxjo, filename="r.se")
    html = admin_client.get(f"/vaxjo/importer/{batch.pk}/").content.decode()
    table = html[html.index("Så här kommer varje rad att sparas") : html.index("</table>")]
    assert "År 2014" in table
    assert '<th scope="col">Rad</th>' not in table and "<td>0</td>" not in table
