"""Tests for the SIE 4 writer (finsam.lib.sie.writer), mostly as write → parse round trips."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.lib.sie import (
    Dim,
    Gen,
    Ib,
    Konto,
    Ktyp,
    Objekt,
    ObjRef,
    Pbudget,
    Period,
    Psaldo,
    Rar,
    Record,
    Res,
    SieWriter,
    Trans,
    TransKind,
    Ub,
    Ver,
    exact_sum,
    iter_records,
    read_sie,
    write_sie,
)
from tests.lib.sie_totals import per_account

D = Decimal
YEAR = Rar(0, date(2024, 1, 1), date(2024, 12, 31))
GEN = Gen(date(2025, 1, 10))

# Printable CP437 (no control characters), including quotes, backslashes, braces and the
# Swedish letters; all of it must survive a round trip. Left out are ├ σ Σ ÷ Θ ┼ ─ ╓, the
# CP437 readings of UTF-8 and Windows-1252 letters, which the reader refuses in some
# combinations (see test_refuses_text_the_reader_would_take_for_another_encoding).
_SNIFFED = "├σΣ÷Θ┼─╓"
CP437_TEXT = st.text(
    st.sampled_from(
        [
            char
            for char in (bytes(range(32, 127)) + bytes(range(128, 256))).decode("cp437")
            if char not in _SNIFFED
        ]
    ),
    max_size=12,
)


def _write(**kwargs: object) -> bytes:
    defaults: dict[str, object] = {
        "company_name": "Växjö samordningsförbund",
        "orgnr": "222000-2634",
        "years": [YEAR],
        "gen": GEN,
    }
    data = write_sie(None, **(defaults | kwargs))  # type: ignore[arg-type]
    assert data is not None
    return data


def test_writes_a_pc8_sie4_file_with_the_standard_header() -> None:
    data = _write(
        accounts=[Konto("1930", "Kassa och bank")],
        balances=[Ib(0, "1930", D("1000.00"))],
        vouchers=[
            Ver(
                "A",
                "1",
                date(2024, 1, 15),
                "Hyra januari",
                transactions=(
                    Trans("5010", (ObjRef(1, "100"),), D("12500.00")),
                    Trans("1930", (), D("-12500.00")),
                ),
            )
        ],
    )
    assert data == (
        b"#FLAGGA 0\r\n"
        b'#PROGRAM "finsam" 1.0\r\n'
        b"#FORMAT PC8\r\n"
        b"#GEN 20250110\r\n"
        b"#SIETYP 4\r\n"
        b"#ORGNR 222000-2634\r\n"
        b'#FNAMN "V\x84xj\x94 samordningsf\x94rbund"\r\n'
        b"#RAR 0 20240101 20241231\r\n"
        b'#KONTO 1930 "Kassa och bank"\r\n'
        b"#IB 0 1930 1000.00\r\n"
        b'#VER A 1 20240115 "Hyra januari"\r\n'
        b"{\r\n"
        b'   #TRANS 5010 {1 "100"} 12500.00\r\n'
        b"   #TRANS 1930 {} -12500.00\r\n"
        b"}\r\n"
    )


def test_every_record_type_round_trips() -> None:
    registers: list[Record] = [
        Dim(1, "Kostnadsställe"),
        Objekt(1, "100", 'Rehab "Växjö"'),
        Dim(6, "Projekt"),
        Objekt(6, "P 1", "Projekt ett"),
    ]
    accounts = [Konto("1930", "Kassa och bank"), Ktyp("1930", "T"), Konto("3010", "Bidrag")]
    balances: list[Record] = [
        Ib(0, "1930", D("1000.50")),
        Ib(-1, "1930", D("0"), D("3")),
        Ub(0, "1930", D("-1.25")),
        Res(0, "3010", D("-250000.00")),
        Psaldo(0, Period(2024, 3), "3010", (), D("-1000.00")),
        Psaldo(0, Period(2024, 3), "3010", (ObjRef(1, "100"), ObjRef(6, "P 1")), D("-400")),
        Pbudget(0, Period(2024, 12), "3010", (), D("-1200.00"), D("2.5")),
    ]
    vouchers = [
        Ver(
            "B",
            "7",
            date(2024, 3, 1),
            "",
            date(2024, 3, 2),
            "ANNA",
            (
                Trans("1930", (), D("-100.00"), date(2024, 3, 1), "Kaffe \\ te", D("1"), "ANNA"),
                Trans("5010", (), D("100.00"), sign="BO", kind="BTRANS"),
                Trans("5020", (ObjRef(1, "100"),), D("100.00"), kind="RTRANS"),
                Trans("5020", (ObjRef(1, "100"),), D("100.00"), text='"citat"'),
            ),
        )
    ]
    data = _write(accounts=accounts, dimensions=registers, balances=balances, vouchers=vouchers)
    parsed = list(iter_records(data, expected_orgnr="2220002634"))
    assert parsed[7:] == [YEAR, *registers, *accounts, *balances, *vouchers]


def test_writes_to_a_path_and_to_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "demo.se"
    assert write_sie(path, company_name="Demo", orgnr="222000-2634", years=[YEAR]) is None
    assert read_sie(path).company_name == "Demo"
    stream = io.BytesIO()
    writer = SieWriter(stream)
    writer.write_all([Konto("1930", "Kassa"), Konto("2440", "Leverantörsskulder")])
    assert stream.getvalue() == b'#KONTO 1930 "Kassa"\r\n#KONTO 2440 "Leverant\x94rsskulder"\r\n'


def test_gen_defaults_to_today() -> None:
    data = write_sie(None, company_name="Demo", orgnr="222000-2634", years=[YEAR])
    assert data is not None
    assert f"#GEN {date.today():%Y%m%d}\r\n".encode() in data


def test_refuses_to_write_an_unbalanced_voucher() -> None:
    ver = Ver("A", "12", date(2024, 3, 1), transactions=(Trans("1930", (), D("100.00")),))
    with pytest.raises(
        ValueError,
        match=r"Verifikation A 12 \(2024-03-01\) är obalanserad: "
        r"differens 100.00 kr",
    ):
        _write(vouchers=[ver])


@pytest.mark.parametrize(
    ("name", "message"),
    [("Kassa €", "Tecknet '€' .* finns inte i teckenkodningen PC8"), ("Kassa\nbank", "styrtecken")],
)
def test_refuses_text_it_cannot_write_faithfully(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _write(accounts=[Konto("1930", name)])


@pytest.mark.parametrize("name", ["Kassa ├ñ", "Vσxj÷", "KASSA─"])
def test_refuses_text_the_reader_would_take_for_another_encoding(name: str) -> None:
    with pytest.raises(ValueError, match="fel teckenkodning"):
        _write(accounts=[Konto("1930", name)])


def test_cp437_signs_outside_words_are_written_and_read() -> None:
    accounts = [Konto("1930", "Summa Σ 10 ÷ 2 ├ ┼ ─"), Konto("1931", "σ Θ ╓")]
    assert list(iter_records(_write(accounts=accounts)))[-2:] == accounts


_ACCOUNT = st.integers(1000, 8999).map(str)
_OBJECTS = st.lists(st.builds(ObjRef, st.integers(1, 20), CP437_TEXT), max_size=2).map(tuple)
_DAY = st.dates(date(2024, 1, 1), date(2024, 12, 31))
_OPTIONAL_DAY = st.none() | _DAY
_CENTS = st.integers(-(10**9), 10**9)
_SERIES = st.sampled_from(["A", "B", "LÖN", "Kund fakt"])


@st.composite
def vouchers(draw: st.DrawFn) -> list[Ver]:
    """Balanced vouchers: random rows, the last row of each takes the rest of the sum."""
    result = []
    for number in range(1, draw(st.integers(1, 8)) + 1):
        amounts = [D(cents).scaleb(-2) for cents in draw(st.lists(_CENTS, min_size=1, max_size=4))]
        amounts.append(-exact_sum(amounts))
        rows = [_row(draw, amount) for amount in amounts]
        if draw(st.booleans()):  # a removed row (#BTRANS): its amount must not count
            rows.append(_row(draw, D(draw(_CENTS)).scaleb(-2), "BTRANS"))
        result.append(
            Ver(draw(_SERIES), str(number), draw(_DAY), draw(CP437_TEXT), transactions=tuple(rows))
        )
    return result


def _row(draw: st.DrawFn, amount: Decimal, kind: TransKind = "TRANS") -> Trans:
    return Trans(
        draw(_ACCOUNT), draw(_OBJECTS), amount, draw(_OPTIONAL_DAY), draw(CP437_TEXT), kind=kind
    )


@settings(max_examples=100, deadline=None)
@given(vouchers())
def test_balanced_vouchers_round_trip_with_the_same_balances(written: list[Ver]) -> None:
    data = _write(vouchers=written)
    parsed = [record for record in iter_records(data) if isinstance(record, Ver)]
    assert parsed == written

    expected: dict[str, Decimal] = defaultdict(Decimal)
    for ver in written:
        for trans in ver.transactions:
            if trans.kind == "TRANS":
                expected[trans.account] += trans.amount
    assert per_account(read_sie(data)) == expected


@settings(max_examples=100, deadline=None)
@given(name=CP437_TEXT, account=CP437_TEXT, code=CP437_TEXT)
def test_any_cp437_text_round_trips(name: str, account: str, code: str) -> None:
    records = [Konto(account, name), Objekt(1, code, name)]
    assert list(iter_records(_write(accounts=records[:1], dimensions=records[1:])))[-2:] == [
        records[1],
        records[0],
    ]
