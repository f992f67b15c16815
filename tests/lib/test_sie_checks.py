"""The SIE file checks itself: the corpus in tests/accounts/sie_corpus, read with read_sie."""

from __future__ import annotations

import io
import resource
import time
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finsam.lib.sie import MAX_LINE, Limits, Period, SieErrors, iter_records, read_sie
from finsam.lib.sie.guards import VoucherNumbers
from tests.accounts.sie_corpus.make_corpus import cases
from tests.lib.sie_totals import per_account

CORPUS = Path(__file__).resolve().parent.parent / "accounts" / "sie_corpus"
LIMITS = Limits(amount_digits=14, account_length=10, name_length=200)
D = Decimal


def read(name: str, **options):
    return read_sie(CORPUS / name, expected_orgnr="222000-2634", limits=LIMITS, **options)


def refused(name: str, **options) -> list[str]:
    with pytest.raises(SieErrors) as caught:
        read(name, **options)
    return [str(error) for error in caught.value.errors]


def test_the_corpus_is_what_its_script_writes() -> None:
    written = {path.name: path.read_bytes() for path in CORPUS.glob("*.se")}
    assert written == cases()


@pytest.mark.parametrize(
    "name",
    ["typ1_arsaldon.se", "typ2_psaldo.se", "typ4_jamforelsear.se", "typ4i_verifikationer.se"],
)
def test_files_of_every_type_that_agree_with_themselves_are_read(name: str) -> None:
    summary = read(name)
    assert summary.ub[(-1, "1930")] == D("1726594.00") if summary.ub else summary.voucher_count
    assert not summary.warnings


def test_psaldo_empty_row_as_the_account_total_is_the_standard() -> None:
    summary = read("typ3_psaldo_total.se")
    assert summary.psaldo[(0, Period(2014, 3), "3010")] == D("-1964345.00")
    assert summary.psaldo[(0, Period(2014, 4), "7010")] == D("150000.00")
    assert summary.facts == [
        "#PSALDO: raden utan objekt ({}) är kontots total, som SIE-standarden anger; raderna "
        "med objekt är en uppdelning av den och räknas inte en gång till."
    ]


def test_psaldo_empty_row_as_the_part_without_object_is_recognised_by_the_files_totals() -> None:
    # Read the standard way, revenue would be 3 223 against the file's own #RES 1 964 345.
    summary = read("typ3_psaldo_rest.se")
    assert summary.psaldo[(0, Period(2014, 3), "3010")] == D("-1964345.00")
    assert summary.psaldo[(0, Period(2014, 4), "7010")] == D("150000.00")
    assert summary.psaldo[(0, Period(2014, 5), "7010")] == D("150000.00")
    assert summary.facts[0].startswith("#PSALDO: raden utan objekt ({}) är den del av kontot")
    # With vouchers, the vouchers decide (month by month).
    with_vouchers = read("typ4_jamforelsear.se")
    assert with_vouchers.facts == summary.facts


def test_psaldo_that_fits_neither_convention_is_refused_with_accounts_and_amounts() -> None:
    assert refused("typ3_psaldo_varken_eller.se") == [
        "Rad 19: År 2014 (#RAR 0), konto 3010: #PSALDO-månaderna summerar till -1 964 122.00, "
        "men filens #RES är -1 964 345.00 (differens -223.00).",
        "Filens #PSALDO-rader går inte ihop med filens egna totaler, varken om raden utan objekt "
        "({}) är kontots total (som SIE-standarden anger) eller om den är delen utan objekt "
        "(som vissa program skriver). Skillnaderna ovan är räknade med raden utan objekt som "
        "delen utan objekt, det sätt som passar bäst.",
    ]


def test_closing_balance_that_the_vouchers_do_not_reach_is_refused() -> None:
    assert refused("typ4_ub_stammer_inte.se") == [
        "Rad 17: År 2014 (#RAR 0), konto 1930: ingående balans 100 000.00 + årets "
        "verifikationer 1 652 345.00 = 1 752 345.00, men filens #UB är 1 752 000.00 "
        "(differens -345.00)."
    ]


def test_result_that_the_vouchers_do_not_reach_is_refused() -> None:
    data = (
        (CORPUS / "typ4_jamforelsear.se")
        .read_bytes()
        .replace(b"#RES 0 5010 12000.00", b"#RES 0 5010 12500.00")
    )
    with pytest.raises(SieErrors) as caught:
        read_sie(data)
    assert [str(e) for e in caught.value.errors] == [
        "Rad 20: År 2014 (#RAR 0), konto 5010: årets verifikationer summerar till 12 000.00, "
        "men filens #RES är 12 500.00 (differens 500.00)."
    ]


def test_psaldo_against_the_vouchers_of_the_month() -> None:
    data = (
        (CORPUS / "typ4_jamforelsear.se")
        .read_bytes()
        .replace(b"#PSALDO 0 201404 5010 {} 12000.00", b"#PSALDO 0 201404 5010 {} 11000.00")
    )
    with pytest.raises(SieErrors) as caught:
        read_sie(data)
    assert [str(e) for e in caught.value.errors] == [
        "Rad 28: #PSALDO 2014-04 konto 5010: 11 000.00, men verifikationerna den månaden "
        "summerar till 12 000.00 (differens -1 000.00).",
        "Filens #PSALDO-rader går inte ihop med filens egna totaler, varken om raden utan objekt "
        "({}) är kontots total (som SIE-standarden anger) eller om den är delen utan objekt (som "
        "vissa program skriver). Skillnaderna ovan är räknade med raden utan objekt som delen "
        "utan objekt, det sätt som passar bäst.",
    ]


def test_short_first_year_from_the_formation_is_accepted_other_short_years_not() -> None:
    summary = read("typ4_kort_forsta_ar.se", formed_on=date(2011, 5, 20))
    assert summary.years[0].start == date(2011, 6, 1)
    assert per_account(summary) == {"1930": D("500000.00"), "3010": D("-500000.00")}
    assert refused("typ4_kort_forsta_ar.se", formed_on=date(2011, 6, 15)) == [
        "Rad 8: #RAR 0 har räkenskapsåret 2011-06-01–2011-12-31; ett samordningsförbunds "
        "räkenskapsår är kalenderåret. Ett kortare första år godtas bara om det börjar tidigast "
        "den dag förbundet bildades (2011-06-15) och samma år."
    ]
    assert refused("typ4_kort_forsta_ar.se")[0].endswith(
        "Ett kortare första år godtas när förbundets bildandedatum är angivet (under förbundets "
        "uppgifter) och året börjar tidigast då."
    )
    assert refused("typ4_bruten_rakenskapsar.se", formed_on=date(2011, 5, 20)) == [
        "Rad 8: #RAR 0 har räkenskapsåret 2014-07-01–2015-06-30; ett samordningsförbunds "
        "räkenskapsår är kalenderåret."
    ]


def test_empty_orgnr_is_a_warning_to_confirm() -> None:
    summary = read("typ4_tomt_orgnr.se")
    assert summary.orgnr == ""
    assert summary.warnings == [
        "Rad 6: #ORGNR är tomt: filen anger inget organisationsnummer, så det går inte att "
        "kontrollera att den kommer från förbundets bokföring."
    ]


def test_voucher_outside_the_files_years_is_refused_with_line_and_date() -> None:
    assert refused("typ4_ver_utanfor_ar.se") == [
        "Rad 48: Verifikation A 5 (2015-01-03) är daterad utanför filens räkenskapsår "
        "(2014-01-01–2014-12-31, 2013-01-01–2013-12-31); den skulle bokas på ett år som filen "
        "inte anger."
    ]


def test_two_vouchers_with_the_same_number_are_refused_with_both_lines() -> None:
    assert refused("typ4_dubbla_ver.se") == [
        "Rad 37: Verifikation A 2 (2014-04-02) har samma serie och nummer som verifikationen på "
        "rad 21; den skulle räknas två gånger."
    ]


def test_voucher_numbers_are_remembered_compactly_whatever_the_order() -> None:
    numbers = VoucherNumbers()
    assert [numbers.seen("A", n, line) for line, n in enumerate(["1", "2", "3", "7", "5"])] == [
        None
    ] * 5
    assert numbers.seen("A", "2", 10) == 1
    assert numbers.seen("A", "7", 11) == 3
    assert numbers.seen("B", "2", 12) is None
    assert numbers.seen("A", "007", 13) is None and numbers.seen("A", "007", 14) == 13


def test_more_than_two_decimals_is_refused_with_the_line() -> None:
    assert refused("typ4_tre_decimaler.se") == [
        "Rad 17: #TRANS: beloppet 5.125 har fler än två decimaler (kronor och ören).",
        "Rad 18: #TRANS: beloppet -5.125 har fler än två decimaler (kronor och ören).",
    ]


def test_values_beyond_what_the_database_holds_are_refused_with_the_line() -> None:
    assert refused("typ4_for_stora_varden.se") == [
        "Rad 15: #KONTO: kontonumret '19301234567' är för långt (högst 10 tecken).",
        "Rad 16: #KONTO: namnet är 201 tecken långt (högst 200 kan lagras).",
        "Rad 19: #TRANS: beloppet 100000000000000.00 är för stort (högst 14 siffror före "
        "decimalpunkten kan lagras).",
        "Rad 20: #TRANS: beloppet -100000000000000.00 är för stort (högst 14 siffror före "
        "decimalpunkten kan lagras).",
    ]


def test_ksumma_is_verified() -> None:
    assert read("typ4_ksumma.se").ksumma is not None
    [message] = refused("typ4_ksumma_fel.se")
    assert message.startswith("Rad 49: #KSUMMA ") and "stämmer inte med filens innehåll" in message


def test_ksumma_opened_but_never_closed_means_a_truncated_file() -> None:
    data = (CORPUS / "typ4_ksumma.se").read_bytes()
    cut = data[: data.rindex(b"#KSUMMA ")]
    with pytest.raises(SieErrors) as caught:
        read_sie(cut)
    assert [str(e) for e in caught.value.errors] == [
        "Rad 2: Filen börjar med #KSUMMA men den avslutande #KSUMMA med kontrollsumman saknas; "
        "filen verkar vara avkortad."
    ]


def test_pbudget_is_named_as_not_used() -> None:
    assert read("typ4_pbudget.se").facts == [
        "Filen har 1 #PBUDGET-rader (periodbudget); de läses inte in, budgeten förs i finsam."
    ]


def test_stray_bytes_in_ignored_fields_do_not_make_a_cp437_file_windows_1252() -> None:
    summary = read("typ4_cp437_med_strobyte.se")
    assert summary.company_name == "Samordningsförbundet Växjö"
    assert summary.accounts["7010"] == "Löner"
    assert summary.skipped_records == {"#FNR": 1, "#ADRESS": 1}


def test_a_real_windows_1252_file_is_still_refused() -> None:
    [message] = refused("typ4_windows1252.se")
    assert message.startswith("Rad 7: Filen verkar vara kodad i Windows-1252/ISO-8859-1")


def test_text_damaged_by_a_wrong_conversion_is_refused_naming_the_line() -> None:
    assert refused("typ4_skadad_text.se") == [
        "Rad 13: Texten är redan förstörd av en felaktig teckenkonvertering (ersättningstecknet "
        "U+FFFD, som i CP437 visas som '∩┐╜'). Exportera filen på nytt från "
        "bokföringsprogrammet i stället för att konvertera den."
    ]


class _Endless(io.RawIOBase):
    """A file whose line 3 never ends (100 MB of 'x'), read without holding it."""

    def __init__(self) -> None:
        self.parts = [b"#FLAGGA 0\n#SIETYP 4\n#FNAMN ", *([b"x" * 2**20] * 100), b"\n#KSUMMA\n"]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if not self.parts:
            return 0
        part = self.parts[0]
        size = min(len(buffer), len(part))
        buffer[:size], self.parts[0] = part[:size], part[size:]
        if not self.parts[0]:
            self.parts.pop(0)
        return size


def test_a_line_over_64_kb_is_refused_without_reading_it_into_memory() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(SieErrors) as caught:
        list(iter_records(io.BufferedReader(_Endless())))
    took = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KiB
    assert [str(e) for e in caught.value.errors][0] == (
        "Rad 3: Raden är längre än 64 KB och läses inte; en SIE-rad är aldrig så lång, så filen "
        "är skadad eller ingen SIE-fil."
    )
    assert MAX_LINE == 65536 and grown < 20_000 and took < 5


def test_a_closing_ksumma_without_the_opening_one_is_refused() -> None:
    data = (CORPUS / "typ4_ksumma.se").read_bytes().replace(b"#KSUMMA\r\n", b"", 1)
    with pytest.raises(SieErrors) as caught:
        read_sie(data)
    [message] = [str(e) for e in caught.value.errors]
    assert message.endswith("#KSUMMA med kontrollsumma utan inledande #KSUMMA (efter #FLAGGA).")


def test_ksumma_counts_escaped_quotes_and_object_lists_as_the_specification_says() -> None:
    # SIE 4B 10.14-10.15: '#KONTO 1915 "Kassa \"special\""' counts as #KONTO1915Kassa "special".
    body = [
        '#KONTO 1915 "Kassa \\"special\\""',
        '#VER A 1 20140301 "x"',
        "{",
        '#TRANS 1915 {1 "456" 7 "47"} 13200.00',
        "#TRANS 2010 {} -13200.00",
        "}",
    ]
    crc = zlib.crc32(
        b'#KONTO1915Kassa "special"#VERA120140301x#TRANS19151456747'
        + b"13200.00#TRANS2010-13200.00"
    )
    data = "\r\n".join(["#FLAGGA 0", "#KSUMMA", *body, f"#KSUMMA {crc}", ""]).encode("cp437")
    assert read_sie(data).ksumma == crc


def test_utf8_bytes_in_an_ignored_field_do_not_decide_the_encoding_either() -> None:
    data = (
        (CORPUS / "typ4_jamforelsear.se")
        .read_bytes()
        .replace(b"#FNAMN", b'#ADRESS "Kontakt" "G\xc3\xa5ngv\xc3\xa4gen 1"\r\n#FNAMN')
    )
    assert read_sie(data).company_name == "Samordningsförbundet Växjö"
    # In a record the application reads, and with no CP437 letters against it, they do.
    plain = data.replace(b"\x94", b"o").replace(b"\x84", b"a").replace(b"\x86", b"a")
    utf8 = plain.replace(b"Vaxjo", "Växjö".encode())
    with pytest.raises(SieErrors) as caught:
        read_sie(utf8)
    assert str(caught.value.errors[0]).startswith("Rad 8: Filen verkar vara kodad i UTF-8")
