"""Writes the SIE corpus next to this file: one small file per case the reader must handle.

Run `python tests/accounts/sie_corpus/make_corpus.py` after changing a case; the files are
committed, and `tests/lib/test_sie_checks.py` checks they are what this script writes. The
#KSUMMA is computed here with the table algorithm printed in SIE 4B section 10, not with
the reader's code, so the two are independent.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ORGNR = "222000-2634"


def head(sietyp: str = "4", orgnr: str = ORGNR, years: tuple[str, ...] = ()) -> list[str]:
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "Testprogram" 1.0',
        "#FORMAT PC8",
        "#GEN 20150115",
        f"#SIETYP {sietyp}",
        f"#ORGNR {orgnr}".rstrip(),
        '#FNAMN "Samordningsförbundet Växjö"',
    ]
    return lines + list(years or ("#RAR 0 20140101 20141231", "#RAR -1 20130101 20131231"))


ACCOUNTS = [
    '#KONTO 1930 "Bank"',
    '#KONTO 2010 "Eget kapital"',
    '#KONTO 3010 "Bidrag från medlemmar"',
    '#KONTO 5010 "Lokalhyra"',
    '#KONTO 7010 "Löner"',
]

# Year 0 (2014): IB 1930 100 000 / 2010 -100 000; income 3010 -1 964 345 in March,
# costs 5010 12 000 and 7010 400 000; UB follows. Year -1 (2013): UB/RES only.
BALANCES = [
    "#IB 0 1930 100000.00",
    "#IB 0 2010 -100000.00",
    "#UB 0 1930 1752345.00",
    "#UB 0 2010 -100000.00",
    "#RES 0 3010 -1964345.00",
    "#RES 0 5010 12000.00",
    "#RES 0 7010 300000.00",
    "#UB -1 1930 1726594.00",
    "#UB -1 2010 -1726594.00",
    "#RES -1 3010 -1800000.00",
    "#RES -1 7010 73406.00",
]

VOUCHERS = [
    '#VER A 1 20140310 "Bidrag"',
    "{",
    "#TRANS 1930 {} 1964345.00",
    '#TRANS 3010 {1 "100"} -1961122.00',
    "#TRANS 3010 {} -3223.00",
    "}",
    '#VER A 2 20140401 "Hyra"',
    "{",
    "#TRANS 5010 {} 12000.00",
    "#TRANS 1930 {} -12000.00",
    "}",
    '#VER A 3 20140425 "Lön april"',
    "{",
    '#TRANS 7010 {1 "100"} 100000.00',
    "#TRANS 7010 {} 50000.00",
    "#TRANS 1930 {} -150000.00",
    "}",
    '#VER A 4 20140525 "Lön maj"',
    "{",
    "#TRANS 7010 {} 150000.00",
    "#TRANS 1930 {} -150000.00",
    "}",
]

# #PSALDO of 2014 with {} as the account's total (SIE 4B) ...
PSALDO_TOTAL = [
    "#PSALDO 0 201403 3010 {} -1964345.00",
    '#PSALDO 0 201403 3010 {1 "100"} -1961122.00',
    "#PSALDO 0 201404 5010 {} 12000.00",
    "#PSALDO 0 201404 7010 {} 150000.00",
    '#PSALDO 0 201404 7010 {1 "100"} 100000.00',
    "#PSALDO 0 201405 7010 {} 150000.00",
]
# ... and as the part without an object (the total is {} plus the object rows).
PSALDO_REST = [
    "#PSALDO 0 201403 3010 {} -3223.00",
    '#PSALDO 0 201403 3010 {1 "100"} -1961122.00',
    "#PSALDO 0 201404 5010 {} 12000.00",
    "#PSALDO 0 201404 7010 {} 50000.00",
    '#PSALDO 0 201404 7010 {1 "100"} 100000.00',
    "#PSALDO 0 201405 7010 {} 150000.00",
]
PSALDO_NEITHER = [line.replace("-3223.00", "-3000.00") for line in PSALDO_REST]


def ksumma(lines: list[str]) -> int:
    """SIE 4B 10.14 with the table algorithm of section 10 (independent of the reader)."""
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0xEDB88320 if crc & 1 else crc >> 1
        table.append(crc)
    crc = 0xFFFFFFFF
    for line in lines:
        text = _checksummed(line)
        for byte in text.encode("cp437"):
            crc = ((crc >> 8) & 0x00FFFFFF) ^ table[(crc ^ byte) & 0xFF]
    return crc ^ 0xFFFFFFFF


def _checksummed(line: str) -> str:
    # Drop blanks between fields, quotes around fields and the braces; keep quoted blanks.
    out, quoted = [], False
    for char in line.strip():
        if char == '"':
            quoted = not quoted
        elif quoted or char not in " \t{}":
            out.append(char)
    return "".join(out)


def cases() -> dict[str, bytes]:
    sie4 = head() + ACCOUNTS + BALANCES
    files: dict[str, list[str] | bytes] = {
        "typ1_arsaldon.se": head("1") + ACCOUNTS + BALANCES,
        "typ2_psaldo.se": head("2")
        + ACCOUNTS
        + BALANCES
        + [line for line in PSALDO_TOTAL if "{1" not in line],
        "typ3_psaldo_total.se": head("3") + ACCOUNTS + BALANCES + PSALDO_TOTAL,
        "typ3_psaldo_rest.se": head("3") + ACCOUNTS + BALANCES + PSALDO_REST,
        "typ3_psaldo_varken_eller.se": head("3") + ACCOUNTS + BALANCES + PSALDO_NEITHER,
        "typ4_jamforelsear.se": sie4 + PSALDO_REST + VOUCHERS,
        "typ4_ub_stammer_inte.se": [
            line.replace("#UB 0 1930 1752345.00", "#UB 0 1930 1752000.00")
            for line in sie4 + VOUCHERS
        ],
        "typ4_kort_forsta_ar.se": head(years=("#RAR 0 20110601 20111231",))
        + ACCOUNTS
        + [
            '#VER A 1 20110915 "Första bidraget"',
            "{",
            "#TRANS 1930 {} 500000.00",
            "#TRANS 3010 {} -500000.00",
            "}",
        ],
        "typ4_bruten_rakenskapsar.se": head(years=("#RAR 0 20140701 20150630",)) + ACCOUNTS,
        "typ4_tomt_orgnr.se": head(orgnr="") + ACCOUNTS + BALANCES + VOUCHERS,
        "typ4_ver_utanfor_ar.se": sie4
        + VOUCHERS
        + ['#VER A 5 20150103 "Fel år"', "{", "#TRANS 5010 {} 10.00", "#TRANS 1930 {} -10.00", "}"],
        "typ4_dubbla_ver.se": head()
        + ACCOUNTS
        + VOUCHERS
        + [
            '#VER A 2 20140402 "Samma nummer"',
            "{",
            "#TRANS 5010 {} 5.00",
            "#TRANS 1930 {} -5.00",
            "}",
        ],
        "typ4_tre_decimaler.se": head()
        + ACCOUNTS
        + [
            '#VER A 1 20140402 "Avrundning"',
            "{",
            "#TRANS 5010 {} 5.125",
            "#TRANS 1930 {} -5.125",
            "}",
        ],
        "typ4_pbudget.se": sie4 + VOUCHERS + ["#PBUDGET 0 201401 5010 {} 1000.00"],
        "typ4i_verifikationer.se": [
            "#FLAGGA 0",
            '#PROGRAM "Lönesystem" 2.0',
            "#FORMAT PC8",
            "#GEN 20140430",
            "#SIETYP 4",
            f"#ORGNR {ORGNR}",
            '#VER "" "" 20140425 "Lön april"',
            "{",
            "#TRANS 7010 {} 100000.00",
            "#TRANS 1930 {} -100000.00",
            "}",
        ],
        "typ4_for_stora_varden.se": head()
        + ACCOUNTS
        + [
            '#KONTO 19301234567 "Elva siffror"',
            '#KONTO 6000 "' + "x" * 201 + '"',
            '#VER A 1 20140402 "Stort"',
            "{",
            "#TRANS 5010 {} 100000000000000.00",
            "#TRANS 1930 {} -100000000000000.00",
            "}",
        ],
    }
    body = head()[1:] + ACCOUNTS + BALANCES + VOUCHERS
    files["typ4_ksumma.se"] = ["#FLAGGA 0", "#KSUMMA", *body, f"#KSUMMA {ksumma(body)}"]
    files["typ4_ksumma_fel.se"] = [
        "#FLAGGA 0",
        "#KSUMMA",
        *[line.replace("12000.00", "12001.00") for line in body],
        f"#KSUMMA {ksumma(body)}",
    ]
    cp437 = "\r\n".join(head() + ACCOUNTS + BALANCES + VOUCHERS).encode("cp437") + b"\r\n"
    # A CP437 file (å ä ö as 0x86 0x84 0x94) with stray Windows-1252 bytes in fields nobody
    # reads: a file path in #FNR and an address.
    files["typ4_cp437_med_strobyte.se"] = cp437.replace(
        b"#FNAMN",
        b'#FNR "C:\\\\Ekonomi\\\\V\xe4xj\xf6.sie"\r\n'
        b'#ADRESS "Kontakt" "G\xe5ngv\xe4gen 1"\r\n#FNAMN',
    )
    files["typ4_skadad_text.se"] = cp437.replace(b'"Lokalhyra"', b'"Lokal\xef\xbf\xbdhyra"')
    files["typ4_windows1252.se"] = "\r\n".join(head() + ACCOUNTS).encode("cp1252")
    return {
        name: lines if isinstance(lines, bytes) else ("\r\n".join(lines) + "\r\n").encode("cp437")
        for name, lines in files.items()
    }


if __name__ == "__main__":
    for name, data in cases().items():
        (HERE / name).write_bytes(data)
        print(name, len(data))
