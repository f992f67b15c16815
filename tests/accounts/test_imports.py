"""Bringing the books in: SIE files and trial balances, all or nothing, with clear messages."""

import tomllib
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings

from budgets.accounts.demo_books import books_to_sie
from budgets.accounts.models import Account, MonthMovement, YearBalance
from budgets.accounts.selectors import statements_for
from budgets.accounts.statements import AccountInfo, Balances, build_statements
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association, ImportBatch

pytestmark = pytest.mark.django_db
VAXJO_SIE = settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se"


def sie_upload(association, content, name="bok.se", kind="sie", period_end=None):
    return import_upload(
        association=association,
        kind=kind,
        filename=name,
        content=content,
        user=None,
        period_end=period_end,
    )


def stored(association):
    return (
        YearBalance.objects.filter(association=association).count(),
        MonthMovement.objects.filter(association=association).count(),
        ImportBatch.objects.filter(association=association).count(),
    )


def test_the_committed_sie_file_is_what_the_project_writes():
    data = tomllib.loads((VAXJO_SIE.parent / "accounts.toml").read_text(encoding="utf-8"))
    assert books_to_sie(data, "222000-2634") == VAXJO_SIE.read_bytes()


def test_importing_the_same_period_again_replaces_it():
    vaxjo = Association.objects.get(slug="vaxjo")
    before = stored(vaxjo)
    batch, plan = sie_upload(vaxjo, VAXJO_SIE.read_bytes())
    years = [(c.subject, c.what) for c in plan.changes if c.subject.startswith("År")]
    assert years == [
        (  # the comparison year's comparison year, reconstructed (fixtures/vaxjo/accounts.toml)
            "År 2012",
            "2012: 34 årssaldon ersätts, resultatet oförändrat −220 tkr, "
            "tillgångarna oförändrade 2\xa0300 tkr.",
        ),
        (
            "År 2013",
            "2013: 34 årssaldon ersätts, resultatet oförändrat −1\xa0134 tkr, "
            "tillgångarna oförändrade 1\xa0698 tkr.",
        ),
        (
            "År 2014",
            "2014: 12 årssaldon ersätts, 136 månadsbelopp ersätts, 8 verifikationer ersätts, "
            "resultatet oförändrat −206 tkr, tillgångarna oförändrade 1\xa0742 tkr.",
        ),
    ]
    assert plan.confirm == []
    import_confirm(batch=batch)
    after = stored(vaxjo)
    assert after[:2] == before[:2] and after[2] == before[2] + 1
    result = statements_for(vaxjo, date(2014, 8, 31)).result
    assert (result.current, result.previous) == (Decimal("-205968"), Decimal("-1133900"))


def vaxjo_bytes() -> bytes:
    return VAXJO_SIE.read_bytes()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda b: b.replace(b"#ORGNR 222000-2634", b"#ORGNR 222000-2873"),
            "stämmer inte med förbundets organisationsnummer",
        ),
        (
            lambda b: b.replace(b"#RAR 0 20140101 20141231", b"#RAR 0 20140701 20150630"),
            "räkenskapsår är kalenderåret",
        ),
        (
            lambda b: b.replace(b"#TRANS 3010 {} -66667", b"#TRANS 3010 {} -66767", 1),
            "är obalanserad: differens",
        ),
        (lambda b: b[: b.rindex(b"}")], "filen verkar vara avkortad"),
        (lambda b: b.decode("cp437").encode("utf-8"), "UTF-8"),
    ],
    ids=["wrong-orgnr", "broken-year", "unbalanced-voucher", "truncated", "utf8"],
)
def test_a_bad_sie_file_gets_its_message_and_changes_nothing(mutate, message):
    vaxjo = Association.objects.get(slug="vaxjo")
    before = stored(vaxjo)
    batch, plan = sie_upload(vaxjo, mutate(vaxjo_bytes()))
    assert batch is None
    assert message in " ".join(str(p) for p in plan.problems)
    assert stored(vaxjo) == before


def test_trial_balance_gives_the_period_and_new_accounts():
    finnveden = Association.objects.get(slug="finnveden")
    content = (
        "Konto;Benämning;Ingående balans;Periodens förändring;Utgående balans\n"
        "1930;Bank;100 000,00;-5 000;95 000\n"
        "2010;Eget kapital;-100 000;0;-100 000\n"
        "3010;Bidrag;0;-10 000;-10 000\n"
        "4010;Kansli;0;15 000;15 000\n"
    ).encode()
    batch, plan = sie_upload(finnveden, content, "rb.csv", "trial_balance", date(2015, 3, 31))
    assert not plan.problems
    import_confirm(batch=batch)
    assert (
        Account.objects.get(association=finnveden, number="1930").get_line_display()
        == "Kassa och bank"
    )
    statements = statements_for(finnveden, date(2015, 3, 31))
    assert statements.result.current == Decimal(-5000)
    assert statements.assets.current == Decimal(95000)
    assert all(check.ok for check in statements.checks)


def test_a_trial_balance_row_that_does_not_add_up_is_named():
    finnveden = Association.objects.get(slug="finnveden")
    content = (
        "Konto;Benämning;Ingående balans;Periodens förändring;Utgående balans\n"
        "1930;Bank;100 000;-5 000;96 000\n"
    ).encode()
    _batch, plan = sie_upload(finnveden, content, "rb.csv", "trial_balance", date(2015, 3, 31))
    assert str(plan.problems[0]) == (
        "rad 2: konto 1930: ingående balans 100\u00a0000,00 + förändring -5\u00a0000,00 "
        "är inte utgående balans 96\u00a0000,00."
    )


def test_a_trial_balance_needs_its_date():
    finnveden = Association.objects.get(slug="finnveden")
    _batch, plan = sie_upload(finnveden, b"Konto;x\n1;2\n", "rb.csv", "trial_balance")
    assert str(plan.problems[0]) == "Ange vilken dag råbalansen avser (periodens slut)."


def test_a_failed_check_names_the_figures():
    accounts = [AccountInfo("1930", "Bank", "cash"), AccountInfo("2010", "EK", "equity")]
    books = Balances(opening={"2010": Decimal(-100)}, closing={"1930": Decimal(90)})
    statements = build_statements(accounts, books, books)
    failed = [(c.name, c.detail) for c in statements.checks if not c.ok][0]
    assert failed == (
        "Tillgångar = eget kapital och skulder (perioden)",
        "90,00 kr mot 100,00 kr",
    )
