"""Tests for the streaming SIE reader (finsam.lib.sie.parser).

Every test writes its SIE file itself, as CP437 bytes, and checks the parsed values.
"""

from __future__ import annotations

import io
import textwrap
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.lib.sie import (
    Dim,
    Flagga,
    Fnamn,
    Format,
    Gen,
    Ib,
    Konto,
    Ksumma,
    Ktyp,
    Objekt,
    ObjRef,
    Orgnr,
    Pbudget,
    Period,
    Program,
    Psaldo,
    Rar,
    Res,
    SieError,
    SieErrors,
    SieReader,
    Sietyp,
    Trans,
    Ub,
    Ver,
    iter_records,
    read_sie,
)
from tests.lib.sie_totals import per_account

D = Decimal

HEAD = """\
#FLAGGA 0
#PROGRAM "Visma Administration" 2014.1
#FORMAT PC8
#GEN 20150115 ANNA
#SIETYP 4
#ORGNR 222000-2634
#FNAMN "Samordningsförbundet Test"
#RAR 0 20140101 20141231
"""


def sie(text: str, *, newline: str = "\n") -> bytes:
    """The dedented text as a CP437 SIE file."""
    return textwrap.dedent(text).replace("\n", newline).encode("cp437")


def errors_of(data: bytes, **kwargs: str) -> list[str]:
    with pytest.raises(SieErrors) as caught:
        list(iter_records(data, **kwargs))
    return [str(error) for error in caught.value.errors]


def test_every_supported_record_type_is_parsed_with_its_values() -> None:
    data = sie(
        HEAD
        + """\
        #RAR -1 20130101 20131231
        #KONTO 1930 "Kassa och bank"
        #KONTO 3010 Försäljning
        #KTYP 1930 T
        #DIM 1 "Kostnadsställe"
        #OBJEKT 1 "100" "Rehab Växjö"
        #IB 0 1930 10000.00
        #IB -1 1930 7500.50 3
        #UB 0 1930 -1234.50
        #RES 0 3010 -250000.00
        #PSALDO 0 201403 3010 {} -1000.00
        #PSALDO 0 201403 3010 {1 "100"} -400.00 2.5
        #PBUDGET 0 201403 3010 {} -1200
        #VER A 12 20140301 "Hyra mars" 20140305 ANNA
        {
           #TRANS 5010 {1 "100" 6 "P1"} 12500.00 20140302 "Hyra" 1 ANNA
           #TRANS 1930 {} -12500.00
        }
        """
    )
    assert list(iter_records(data)) == [
        Flagga(0),
        Program("Visma Administration", "2014.1"),
        Format("PC8"),
        Gen(date(2015, 1, 15), "ANNA"),
        Sietyp(4),
        Orgnr("222000-2634"),
        Fnamn("Samordningsförbundet Test"),
        Rar(0, date(2014, 1, 1), date(2014, 12, 31)),
        Rar(-1, date(2013, 1, 1), date(2013, 12, 31)),
        Konto("1930", "Kassa och bank"),
        Konto("3010", "Försäljning"),
        Ktyp("1930", "T"),
        Dim(1, "Kostnadsställe"),
        Objekt(1, "100", "Rehab Växjö"),
        Ib(0, "1930", D("10000.00")),
        Ib(-1, "1930", D("7500.50"), D(3)),
        Ub(0, "1930", D("-1234.50")),
        Res(0, "3010", D("-250000.00")),
        Psaldo(0, Period(2014, 3), "3010", (), D("-1000.00")),
        Psaldo(0, Period(2014, 3), "3010", (ObjRef(1, "100"),), D("-400.00"), D("2.5")),
        Pbudget(0, Period(2014, 3), "3010", (), D(-1200)),
        Ver(
            "A",
            "12",
            date(2014, 3, 1),
            "Hyra mars",
            date(2014, 3, 5),
            "ANNA",
            (
                Trans(
                    "5010",
                    (ObjRef(1, "100"), ObjRef(6, "P1")),
                    D("12500.00"),
                    date(2014, 3, 2),
                    "Hyra",
                    D(1),
                    "ANNA",
                ),
                Trans("1930", (), D("-12500.00")),
            ),
        ),
    ]


def test_amounts_are_exact_decimals_and_records_know_their_line() -> None:
    records = list(iter_records(sie(HEAD + "#UB 0 1930 -1234.50\n#IB 0 2440 .5\n")))
    ub, ib = records[-2], records[-1]
    assert isinstance(ub, Ub) and isinstance(ub.amount, Decimal)
    assert ub.amount == D("-1234.50") and str(ub.amount) == "-1234.50"
    assert isinstance(ib, Ib) and ib.amount == D("0.5")
    assert (ub.line, ib.line) == (9, 10)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("12,50", "Rad 9: #UB: ogiltigt belopp '12,50' (decimaltecknet ska vara punkt)."),
        ("1e5", "Rad 9: #UB: ogiltigt belopp '1e5'."),
        ("NaN", "Rad 9: #UB: ogiltigt belopp 'NaN'."),
        ("1_000", "Rad 9: #UB: ogiltigt belopp '1_000'."),
    ],
)
def test_malformed_amounts_are_refused(amount: str, message: str) -> None:
    assert errors_of(sie(HEAD + f"#UB 0 1930 {amount}\n")) == [message]


def test_cp437_bytes_decode_to_swedish_letters() -> None:
    data = (
        b"#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 1\r\n"
        b'#FNAMN "V\x84xj\x94 samordningsf\x94rbund"\r\n'
        b'#KONTO 1930 "Kassa och bank"\r\n'
        b'#KONTO 2440 "Leverant\x94rsskulder \x86\x8f\x8e\x99"\r\n'
    )
    records = list(iter_records(data))
    assert records[3] == Fnamn("Växjö samordningsförbund")
    assert records[4] == Konto("1930", "Kassa och bank")
    assert records[5] == Konto("2440", "Leverantörsskulder åÅÄÖ")


@pytest.mark.parametrize(
    "text",
    [
        '#KONTO\t1930\t"Kassa och bank"',
        '#KONTO  1930   "Kassa och bank"   ',
        '  #KONTO 1930 "Kassa och bank"\t',
        '#konto 1930 "Kassa och bank"',
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_header_and_field_variants_of_real_exporters(text: str, newline: str) -> None:
    data = sie(
        HEAD.replace("#FORMAT PC8", "#FORMAT\tPC8  ") + "\n\n" + text + "\n\n", newline=newline
    )
    records = list(iter_records(data))
    assert records[2] == Format("PC8")
    assert records[-1] == Konto("1930", "Kassa och bank")


def test_quoted_values_escaped_quotes_and_backslashes() -> None:
    data = sie(
        HEAD
        + r"""
        #KONTO 1930 "Kassa \"bank\" {ny}"
        #KONTO 1931 "C:\temp \\ x"
        #OBJEKT 6 "P 1" ""
        """
    )
    records = list(iter_records(data))[-3:]
    assert records == [
        Konto("1930", 'Kassa "bank" {ny}'),
        Konto("1931", "C:\\temp \\ x"),
        Objekt(6, "P 1", ""),
    ]


@pytest.mark.parametrize(
    ("row", "objects"),
    [
        ('#TRANS 5010 {1 "100" 6 "P1"} 10.00', (ObjRef(1, "100"), ObjRef(6, "P1"))),
        ("#TRANS 5010 {1 100 6 P1} 10.00", (ObjRef(1, "100"), ObjRef(6, "P1"))),
        ('#TRANS 5010 { 1  "Kost ställe" } 10.00 "" "Text"', (ObjRef(1, "Kost ställe"),)),
        ("#TRANS 5010 {} 10.00", ()),
        ("#TRANS 5010 10.00", ()),  # exporters that leave out the empty object list
    ],
)
def test_object_lists(row: str, objects: tuple[ObjRef, ...]) -> None:
    data = sie(HEAD + f"#VER A 1 20140102\n{{\n{row}\n#TRANS 1930 {{}} -10.00\n}}\n")
    ver = list(iter_records(data))[-1]
    assert isinstance(ver, Ver)
    assert ver.transactions[0].objects == objects
    assert ver.transactions[0].amount == D("10.00")


def test_optional_voucher_fields_may_be_empty_or_missing() -> None:
    data = sie(
        HEAD
        + """\
        #VER "" "" 20140102
        {
        #TRANS 5010 {} 10.00 "" "" "" ANNA
        #TRANS 1930 {} -10.00 20140103
        }
        """
    )
    ver = list(iter_records(data))[-1]
    assert ver == Ver(
        "",
        "",
        date(2014, 1, 2),
        transactions=(
            Trans("5010", (), D("10.00"), sign="ANNA"),
            Trans("1930", (), D("-10.00"), date(2014, 1, 3)),
        ),
    )


def test_unbalanced_voucher_reports_series_number_and_difference() -> None:
    data = sie(
        HEAD
        + """\
        #VER A 12 20140301 "Hyra"
        {
        #TRANS 5010 {} 12600.00
        #TRANS 1930 {} -12500.00
        }
        #VER A 13 20140302 "Ok"
        {
        #TRANS 5010 {} 1.00
        #TRANS 1930 {} -1.00
        }
        """
    )
    assert errors_of(data) == [
        "Rad 9: Verifikation A 12 (2014-03-01) är obalanserad: differens 100.00 kr."
    ]


def test_rtrans_and_btrans_are_kept_but_only_trans_rows_count() -> None:
    # A corrected voucher as the standard writes it: the removed row as #BTRANS, the added
    # row as #RTRANS followed by the same row as #TRANS for readers that skip #RTRANS.
    data = sie(
        HEAD
        + """\
        #VER A 1 20140301 "Rättad"
        {
        #TRANS 1930 {} -100.00
        #BTRANS 5010 {} 100.00 20140305 "" "" ANNA
        #RTRANS 5020 {} 100.00 20140305 "" "" ANNA
        #TRANS 5020 {} 100.00
        }
        """
    )
    ver = list(iter_records(data))[-1]
    assert isinstance(ver, Ver)
    assert [(t.kind, t.account) for t in ver.transactions] == [
        ("TRANS", "1930"),
        ("BTRANS", "5010"),
        ("RTRANS", "5020"),
        ("TRANS", "5020"),
    ]
    assert ver.difference() == 0
    summary = read_sie(data)
    assert per_account(summary) == {"1930": D("-100.00"), "5020": D("100.00")}
    assert summary.trans_count == 2


@pytest.mark.parametrize(
    ("rar", "message"),
    [
        (
            "#RAR 0 20140701 20150630",
            "Rad 9: #RAR 0 har räkenskapsåret 2014-07-01–2015-06-30; "
            "ett samordningsförbunds räkenskapsår är kalenderåret.",
        ),
        (
            "#RAR -1 20130101 20131130",
            "Rad 9: #RAR -1 har räkenskapsåret 2013-01-01–2013-11-30; "
            "ett samordningsförbunds räkenskapsår är kalenderåret.",
        ),
        (
            "#RAR -1 20141332 20141231",
            "Rad 9: #RAR: ogiltigt datum '20141332' (ska vara ÅÅÅÅMMDD).",
        ),
        (
            "#RAR -1 2014-01-01 20141231",
            "Rad 9: #RAR: ogiltigt datum '2014-01-01' (ska vara ÅÅÅÅMMDD).",
        ),
        ("#RAR -1 20140101", "Rad 9: #RAR: för få fält (formatet är: #RAR årsnr start slut)."),
    ],
)
def test_broken_financial_year(rar: str, message: str) -> None:
    assert errors_of(sie(HEAD + rar + "\n")) == [message]


def test_expected_organisation_number_is_compared_by_digits() -> None:
    assert read_sie(sie(HEAD), expected_orgnr="2220002634").orgnr == "222000-2634"
    assert errors_of(sie(HEAD), expected_orgnr="556677-8899") == [
        "Rad 6: #ORGNR 222000-2634 stämmer inte med förbundets organisationsnummer "
        "556677-8899; filen verkar komma från en annan organisation."
    ]
    without = sie(HEAD.replace("#ORGNR 222000-2634\n", ""))
    assert errors_of(without, expected_orgnr="222000-2634") == [
        "Filen saknar #ORGNR; förbundets är 222000-2634."
    ]


def test_voucher_without_closing_brace_at_end_of_file_is_truncated() -> None:
    data = sie(HEAD + '#VER A 7 20140301 "Hyra"\n{\n#TRANS 5010 {} 1.00\n#TRANS 1930 {} -1')
    assert errors_of(data) == [
        "Rad 9: Filen tar slut (rad 12) innan verifikation A 7 (2014-03-01) avslutats med }; "
        "filen verkar vara avkortad."
    ]


def test_file_cut_inside_a_quoted_string() -> None:
    data = sie(HEAD + '#KONTO 1930 "Kassa och')
    assert errors_of(data) == [
        "Rad 9: #KONTO: citattecken som aldrig avslutas; filen verkar vara avkortad mitt i raden."
    ]


def test_file_cut_inside_an_object_list() -> None:
    data = sie(HEAD + '#VER A 7 20140301\n{\n#TRANS 5010 {1 "100" 6 ')
    assert errors_of(data) == [
        "Rad 9: Filen tar slut (rad 11) innan verifikation A 7 (2014-03-01) avslutats med }; "
        "filen verkar vara avkortad.",
        "Rad 11: #TRANS: objektlistan avslutas inte med }; filen verkar vara avkortad mitt i "
        "raden.",
    ]


def test_utf8_file_is_refused_with_the_encoding_named() -> None:
    data = textwrap.dedent(HEAD).replace("Test", "Växjö").encode("utf-8")
    [message] = errors_of(data)
    assert message.startswith("Rad 7: Filen verkar vara kodad i UTF-8 ('ö' är skrivet som två")
    assert "måste vara kodade i PC8 (CP437)" in message


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"\xef\xbb\xbf" + HEAD.encode("ascii", "replace"), "Rad 1: Filen börjar med en UTF-8-BOM"),
        (
            HEAD.replace("Test", "Växjö").encode("cp1252"),
            "Rad 7: Filen verkar vara kodad i Windows-1252/ISO-8859-1 ('ö' är skrivet som byte F6)",
        ),
        (HEAD.encode("utf-16"), "Rad 1: Filen verkar vara kodad i UTF-16"),
        (HEAD.encode("utf-16-le"), "Rad 1: Filen verkar vara kodad i UTF-16"),
        (
            HEAD.replace("PC8", "UTF-8").encode("ascii", "replace"),
            "Rad 3: #FORMAT UTF-8: filen anger teckenkodningen UTF-8.",
        ),
    ],
)
def test_other_encodings_are_refused(data: bytes, start: str) -> None:
    [message] = errors_of(data)
    assert message.startswith(start)
    assert message.endswith("Exportera filen på nytt med teckenkodningen PC8/CP437.")


def test_cp437_signs_that_only_look_like_windows_1252_inside_words_are_accepted() -> None:
    # 0xE4 is "Σ" in CP437 and "ä" in Windows-1252: alone it is read as CP437.
    data = sie(HEAD) + b'#KONTO 1930 "Summa \xe4 10 \xf6 2"\n'
    assert list(iter_records(data))[-1] == Konto("1930", "Summa Σ 10 ÷ 2")


def test_cr_only_line_ends_are_refused() -> None:
    assert errors_of(sie(HEAD, newline="\r")) == [
        "Rad 1: Filen har CR som radslut (gammalt Mac-format), så den kan inte delas upp i "
        "rader. SIE-filer ska ha CR LF eller LF som radslut."
    ]


def test_all_errors_are_reported_together_in_file_order() -> None:
    data = sie(
        HEAD.replace("20141231", "20141130")
        + """\
        #KONTO 1930
        #VER A 1 20140301
        {
        #TRANS 1930 {} 5
        }
        #IB 0 1930 1,0
        """
    )
    with pytest.raises(SieErrors) as caught:
        list(iter_records(data, expected_orgnr="556677-8899"))
    error = caught.value
    assert [e.line_no for e in error.errors] == [6, 8, 9, 10, 14]
    assert isinstance(error, SieError) and isinstance(error, ValueError)
    assert str(error).splitlines()[0] == "SIE-filen kunde inte läsas in (5 fel):"
    assert "Rad 9: #KONTO: för få fält (formatet är: #KONTO kontonr kontonamn)." in str(error)


def test_error_list_is_capped_but_counted() -> None:
    data = sie(HEAD + "#IB 0 1930 x\n" * 30)
    with pytest.raises(SieErrors) as caught:
        list(SieReader(data, max_errors=10))
    assert len(caught.value.errors) == 10
    assert caught.value.suppressed == 20
    assert str(caught.value).endswith("… och ytterligare 20 fel.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "#TRANS 1930 {} 1.00",
            "Rad 9: #TRANS: raden står utanför en verifikation (#VER följd av {).",
        ),
        ("}", "Rad 9: } utan föregående #VER och {."),
        (
            "#VER A 1 20140101\n#KONTO 1930 Kassa",
            "Rad 9: Verifikation A 1 (2014-01-01) följs inte av ett block { … } med #TRANS-rader.",
        ),
        ("#SIETYP 5", "Rad 9: #SIETYP 5 stöds inte; endast SIE typ 1–4 kan läsas in."),
        ("#KTYP 1930 X", "Rad 9: #KTYP: okänd kontotyp 'X' (ska vara T, S, K eller I)."),
        ("#KONTO {1 2} Kassa", "Rad 9: #KONTO: oväntad objektlista."),
        (
            "#PSALDO 0 201413 3010 {} 1",
            "Rad 9: #PSALDO: ogiltig period '201413' (ska vara ÅÅÅÅMM).",
        ),
        ("Kassa 1930", "Rad 9: Raden kan inte tolkas (en SIE-rad börjar med #): 'Kassa 1930'."),
    ],
)
def test_structural_errors(text: str, message: str) -> None:
    assert errors_of(sie(HEAD + text + "\n")) == [message]


def test_a_file_that_is_not_sie_stops_at_once() -> None:
    assert errors_of(b"Konto;Belopp\n1930;12,50\n" * 100) == [
        "Rad 1: Filen verkar inte vara en SIE-fil (första raden börjar inte med #)."
    ]
    assert errors_of(b"") == ["Filen är tom eller innehåller inga SIE-poster."]


def test_unknown_records_are_ignored_and_counted() -> None:
    data = sie(
        HEAD
        + """\
        #ADRESS "Anna" "Box 1" "351 00 Växjö" "0470-123"
        #KPTYP BAS2014
        #SRU 1930 7281
        #SRU 1931 7281
        #OIB 0 1930 {1 "100"} 5.00
        #VER A 1 20140301
        {
        #TRANS 1930 {} 1.00
        #XTRANS 1930 {} 1.00
        #TRANS 3010 {} -1.00
        }
        """
    )
    reader = SieReader(data)
    records = list(reader)
    assert isinstance(records[-1], Ver) and len(records[-1].transactions) == 2
    assert reader.skipped == {"#ADRESS": 1, "#KPTYP": 1, "#SRU": 2, "#OIB": 1, "#XTRANS": 1}
    assert read_sie(data).skipped_records == dict(reader.skipped)


def test_ksumma_is_exposed_and_verified() -> None:
    # SIE 4B 10.14: labels and field contents, without blanks and the quotes around fields.
    content = "".join(
        line.replace(" ", "").replace('"', "") for line in textwrap.dedent(HEAD).splitlines()
    )
    content = content.replace("VismaAdministration", "Visma Administration").replace(
        "SamordningsförbundetTest", "Samordningsförbundet Test"
    )
    crc = zlib.crc32(content.encode("cp437"))
    data = sie("#KSUMMA\n" + HEAD + f"#KSUMMA {crc}\n")
    records = list(iter_records(data))
    assert records[0] == Ksumma(None) and records[-1] == Ksumma(crc)
    assert read_sie(data).ksumma == crc
    assert errors_of(sie("#KSUMMA\n" + HEAD + f"#KSUMMA {crc + 1}\n")) == [
        f"Rad 10: #KSUMMA {crc + 1} stämmer inte med filens innehåll (beräknad kontrollsumma "
        f"{crc}); filen har ändrats eller skadats efter exporten."
    ]


def test_read_sie_summarises_balances_and_vouchers_per_account_and_month() -> None:
    data = sie(
        HEAD
        + """\
        #KONTO 1930 "Kassa och bank"
        #KTYP 1930 T
        #IB 0 1930 1000.00
        #UB 0 1930 699.50
        #RES 0 5010 300.50
        #PSALDO 0 201403 5010 {} 300.00
        #PSALDO 0 201403 5010 {1 "100"} 200.00
        #PSALDO 0 201404 5010 {} 0.50
        #PBUDGET 0 201403 5010 {} 250.00
        #VER A 1 20140301
        {
        #TRANS 5010 {} 100.00
        #TRANS 1930 {} -100.00
        }
        #VER A 2 20140315
        {
        #TRANS 5010 {} 200.00
        #TRANS 1930 {} -200.00
        }
        #VER A 3 20140401
        {
        #TRANS 5010 {} 0.50
        #TRANS 1930 {} -0.50
        }
        """
    )
    summary = read_sie(data)
    assert summary.company_name == "Samordningsförbundet Test"
    assert summary.sietyp == 4 and summary.format == "PC8" and summary.flagga == 0
    assert summary.program == Program("Visma Administration", "2014.1")
    assert summary.years == {0: Rar(0, date(2014, 1, 1), date(2014, 12, 31))}
    assert summary.accounts == {"1930": "Kassa och bank"}
    assert summary.account_types == {"1930": "T"}
    assert (summary.ib, summary.ub) == ({(0, "1930"): D(1000)}, {(0, "1930"): D("699.50")})
    assert summary.res == {(0, "5010"): D("300.50")}
    assert summary.psaldo == {
        (0, Period(2014, 3), "5010"): D(300),
        (0, Period(2014, 4), "5010"): D("0.50"),
    }
    assert summary.pbudget == {(0, Period(2014, 3), "5010"): D(250)}
    assert summary.voucher_totals == {
        ("5010", Period(2014, 3)): D("300.00"),
        ("1930", Period(2014, 3)): D("-300.00"),
        ("5010", Period(2014, 4)): D("0.50"),
        ("1930", Period(2014, 4)): D("-0.50"),
    }
    assert per_account(summary) == {"5010": D("300.50"), "1930": D("-300.50")}
    assert (summary.voucher_count, summary.trans_count) == (3, 6)


def test_reads_from_a_path_and_from_a_binary_stream(tmp_path: Path) -> None:
    path = tmp_path / "bok.se"
    path.write_bytes(sie(HEAD))
    assert read_sie(path).orgnr == "222000-2634"
    assert read_sie(str(path)).orgnr == "222000-2634"
    with open(path, "rb") as stream:
        assert read_sie(stream).orgnr == "222000-2634"
    with pytest.raises(TypeError, match="binärt"):
        list(iter_records(io.StringIO(HEAD)))  # type: ignore[arg-type]


_PIECES = st.sampled_from(
    [
        "#VER",
        "#TRANS",
        "#RTRANS",
        "#KONTO",
        "#IB",
        "#PSALDO",
        "#RAR",
        "#ORGNR",
        "#SIETYP",
        "#KSUMMA",
        "#FORMAT",
        "#KTYP",
        "#DIM",
        "{",
        "}",
        "{}",
        '"',
        '""',
        "\\",
        " ",
        "\t",
        "1930",
        "-1",
        "20140101",
        "201403",
        "12.50",
        "x",
        "ä",
        "├ñ",
        "\r",
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=12), st.booleans())
def test_arbitrary_input_gives_records_or_sie_errors_only(lines: list[str], eol: bool) -> None:
    data = ("\n".join(lines) + ("\n" if eol else "")).encode("cp437")
    try:
        for _record in iter_records(data, expected_orgnr="222000-2634"):
            pass
    except SieErrors as error:
        assert error.errors and all(str(e) for e in error.errors)


def _lines(vouchers: int, consumed: list[int]) -> Iterator[bytes]:
    """A file as a lazy iterator of lines, recording how many vouchers were handed out."""
    yield from sie(HEAD).splitlines(keepends=True)
    for number in range(1, vouchers + 1):
        consumed[0] = number
        yield from sie(
            f'#VER A {number} 20140301 "Hyra"\n{{\n   #TRANS 5010 {{1 "100"}} 250.00\n'
            "   #TRANS 2440 {} -250.00\n}\n"
        ).splitlines(keepends=True)


def test_records_stream_out_before_the_file_is_read() -> None:
    consumed = [0]
    records = iter_records(_lines(1000, consumed))  # type: ignore[arg-type]
    first_ver = next(record for record in records if isinstance(record, Ver))
    assert first_ver.number == "1" and consumed[0] <= 2


def test_memory_stays_flat_while_reading_many_vouchers() -> None:
    consumed = [0]
    tracemalloc.start()
    try:
        summary = read_sie(_lines(5000, consumed))  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary.trans_count == 10_000
    assert per_account(summary) == {"5010": D("1250000.00"), "2440": D("-1250000.00")}
    assert peak < 200_000  # the file itself is ~400 kB
