"""Real-world SIE files through the import: refused in the preview, or booked as they say."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from budgets.accounts.models import MonthMovement, YearBalance
from budgets.accounts.selectors import statements_for
from finsam.errors import StaleEditError
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association, ImportBatch
from members.services import association_orgnr_adopt

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).resolve().parent / "sie_corpus"


def upload(association, name):
    return import_upload(
        association=association,
        kind="sie",
        filename=name,
        content=(CORPUS / name).read_bytes(),
        user=None,
    )


def stored(association):
    return (
        YearBalance.objects.filter(association=association).count(),
        MonthMovement.objects.filter(association=association).count(),
        ImportBatch.objects.filter(association=association).count(),
    )


@pytest.fixture
def fresh():
    return Association.objects.create(name="Nytt förbund", slug="nytt", formed_on=date(2011, 5, 20))


def problems(plan) -> list[str]:
    return [str(problem) for problem in plan.problems]


def test_voucher_outside_the_years_is_refused_every_time_and_nothing_is_stored():
    # It used to be booked into an unannounced year; the second import then raised
    # IntegrityError (a traceback on the command line, a 500 on the web).
    vaxjo = Association.objects.get(slug="vaxjo")
    before = stored(vaxjo)
    for _attempt in range(2):
        batch, plan = upload(vaxjo, "typ4_ver_utanfor_ar.se")
        assert batch is None
        assert problems(plan) == [
            "Rad 48: Verifikation A 5 (2015-01-03) är daterad utanför filens räkenskapsår "
            "(2014-01-01–2014-12-31, 2013-01-01–2013-12-31); den skulle bokas på ett år som "
            "filen inte anger."
        ]
    assert stored(vaxjo) == before


def test_values_beyond_the_database_are_refused_in_the_preview_with_their_lines(fresh):
    batch, plan = upload(fresh, "typ4_for_stora_varden.se")
    assert batch is None
    assert [p.split(":")[0] for p in problems(plan)] == ["Rad 15", "Rad 16", "Rad 19", "Rad 20"]
    assert "högst 10 tecken" in problems(plan)[0] and "högst 200" in problems(plan)[1]
    assert stored(fresh) == (0, 0, 0)


def test_psaldo_written_as_the_part_without_object_books_the_revenue_the_file_states(fresh):
    batch, plan = upload(fresh, "typ3_psaldo_rest.se")
    assert batch is not None and not plan.problems
    assert plan.facts[0].startswith("#PSALDO: raden utan objekt ({}) är den del av kontot")
    import_confirm(batch=batch)
    march = MonthMovement.objects.get(association=fresh, account__number="3010", year=2014)
    assert (march.month, march.amount) == (3, Decimal("-1964345.00"))  # not -3 223


def test_short_first_year_is_accepted_from_the_formation_date(fresh):
    batch, plan = upload(fresh, "typ4_kort_forsta_ar.se")
    assert batch is not None and not plan.problems
    import_confirm(batch=batch)
    assert MonthMovement.objects.get(
        association=fresh, account__number="3010", year=2011, month=9
    ).amount == Decimal("-500000.00")
    fresh.formed_on = None
    fresh.save()
    batch, plan = upload(fresh, "typ4_kort_forsta_ar.se")
    assert batch is None and "bildandedatum" in problems(plan)[0]


def test_empty_orgnr_is_read_with_a_warning_for_the_preview():
    vaxjo = Association.objects.get(slug="vaxjo")
    batch, plan = upload(vaxjo, "typ4_tomt_orgnr.se")
    assert batch is not None and not plan.problems
    assert plan.warnings == [
        "Rad 6: #ORGNR är tomt: filen anger inget organisationsnummer, så det går inte att "
        "kontrollera att den kommer från förbundets bokföring."
    ]


def test_an_association_without_orgnr_adopts_the_files_and_later_files_are_checked(fresh):
    batch, plan = upload(fresh, "typ4_jamforelsear.se")
    assert batch is not None and plan.orgnr == "222000-2634"
    association_orgnr_adopt(association=fresh, orgnr=plan.orgnr)
    fresh.refresh_from_db()
    assert fresh.org_number == "222000-2634"
    assert (
        fresh.history.latest().history_change_reason == "Organisationsnumret togs från SIE-filen."
    )
    other = (CORPUS / "typ4_jamforelsear.se").read_bytes().replace(b"222000-2634", b"222000-2873")
    batch, plan = import_upload(
        association=fresh, kind="sie", filename="annan.se", content=other, user=None
    )
    assert batch is None and "stämmer inte med förbundets organisationsnummer" in problems(plan)[0]
    with pytest.raises(StaleEditError):  # a second, stale "yes" does not overwrite it
        association_orgnr_adopt(association=fresh, orgnr="222000-2873")
    fresh.refresh_from_db()
    assert fresh.org_number == "222000-2634"


def test_a_type_2_file_gives_the_comparison_years_balance_sheet_from_its_own_ub(fresh):
    # Once printed 0 against the file's own #UB -1 of 1 726 594: the year before has closing
    # balances and results but no months, and those stand for its December.
    batch, plan = upload(fresh, "typ2_psaldo.se")
    assert batch is not None and not plan.problems
    import_confirm(batch=batch)
    statements = statements_for(fresh, date(2014, 12, 31))
    assert statements.assets.previous == Decimal("1726594.00")
