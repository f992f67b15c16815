"""Label -> record conversion for the SIE reader: one converter per supported label.

Split out of `parser` so the reader keeps to structure and state. A converter gets the
fields after the label and the line number, and raises `FieldError` (or IndexError for a
missing field, which the reader turns into "för få fält" with the `USAGE` line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from finsam.lib.text import gettext as _
from finsam.lib.text import gettext_noop

from .records import (
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
    Orgnr,
    Pbudget,
    Program,
    Psaldo,
    Rar,
    Record,
    Res,
    Sietyp,
    Trans,
    TransKind,
    Ub,
    Ver,
)
from .tokens import (
    Field,
    FieldError,
    as_int,
    as_text,
    opt_amount,
    opt_date,
    opt_text,
    parse_amount,
    parse_date,
    parse_money,
    parse_period,
    with_objects,
)

__all__ = ["CONVERTERS", "TRANS_KINDS", "USAGE", "convert_trans", "convert_ver"]


def _ktyp(f: list[Field], line: int) -> Ktyp:
    kind = as_text(f[1]).upper()
    if kind not in ("T", "S", "K", "I"):
        raise FieldError(_("okänd kontotyp '%(kind)s' (ska vara T, S, K eller I)") % {"kind": kind})
    return Ktyp(as_text(f[0]), kind, line=line)


def _year_balance(cls: type[Ib | Ub | Res], f: list[Field], line: int) -> Record:
    return cls(as_int(f[0]), as_text(f[1]), parse_amount(f[2]), opt_amount(f, 3), line=line)


def _period_balance(cls: type[Psaldo | Pbudget], f: list[Field], line: int) -> Record:
    f = with_objects(f, 3)
    period, account = parse_period(f[1]), as_text(f[2])
    objects, amount = f[3], parse_amount(f[4])
    assert isinstance(objects, tuple)
    return cls(as_int(f[0]), period, account, objects, amount, opt_amount(f, 5), line=line)


def convert_ver(f: list[Field], line: int) -> Ver:
    return Ver(
        as_text(f[0]),
        as_text(f[1]),
        parse_date(f[2]),
        opt_text(f, 3),
        opt_date(f, 4),
        opt_text(f, 5),
        line=line,
    )


def convert_trans(f: list[Field], line: int, kind: TransKind) -> Trans:
    f = with_objects(f, 1)
    account, objects, amount = as_text(f[0]), f[1], parse_money(f[2])
    assert isinstance(objects, tuple)
    if len(f) == 3:  # the common row: no optional fields
        return Trans(account, objects, amount, None, "", None, "", kind, line=line)
    return Trans(
        account,
        objects,
        amount,
        opt_date(f, 3),
        opt_text(f, 4),
        opt_amount(f, 5),
        opt_text(f, 6),
        kind,
        line=line,
    )


Converter: TypeAlias = Callable[[list[Field], int], Record]

CONVERTERS: dict[str, Converter] = {
    "#FLAGGA": lambda f, n: Flagga(as_int(f[0]), line=n),
    "#PROGRAM": lambda f, n: Program(as_text(f[0]), opt_text(f, 1), line=n),
    "#FORMAT": lambda f, n: Format(as_text(f[0]), line=n),
    "#GEN": lambda f, n: Gen(parse_date(f[0]), opt_text(f, 1), line=n),
    "#SIETYP": lambda f, n: Sietyp(as_int(f[0]), line=n),
    "#FNAMN": lambda f, n: Fnamn(as_text(f[0]), line=n),
    "#ORGNR": lambda f, n: Orgnr(as_text(f[0]) if f else "", line=n),
    "#RAR": lambda f, n: Rar(as_int(f[0]), parse_date(f[1]), parse_date(f[2]), line=n),
    "#KONTO": lambda f, n: Konto(as_text(f[0]), as_text(f[1]), line=n),
    "#KTYP": _ktyp,
    "#DIM": lambda f, n: Dim(as_int(f[0]), as_text(f[1]), line=n),
    "#OBJEKT": lambda f, n: Objekt(as_int(f[0]), as_text(f[1]), as_text(f[2]), line=n),
    "#IB": lambda f, n: _year_balance(Ib, f, n),
    "#UB": lambda f, n: _year_balance(Ub, f, n),
    "#RES": lambda f, n: _year_balance(Res, f, n),
    "#PSALDO": lambda f, n: _period_balance(Psaldo, f, n),
    "#PBUDGET": lambda f, n: _period_balance(Pbudget, f, n),
    "#KSUMMA": lambda f, n: Ksumma(as_int(f[0]) if f else None, line=n),
}

TRANS_KINDS: dict[str, TransKind] = {"#TRANS": "TRANS", "#RTRANS": "RTRANS", "#BTRANS": "BTRANS"}

USAGE = {
    "#FLAGGA": gettext_noop("#FLAGGA x"),
    "#PROGRAM": gettext_noop("#PROGRAM programnamn version"),
    "#FORMAT": gettext_noop("#FORMAT PC8"),
    "#GEN": gettext_noop("#GEN datum [sign]"),
    "#SIETYP": gettext_noop("#SIETYP typnr"),
    "#FNAMN": gettext_noop("#FNAMN företagsnamn"),
    "#ORGNR": gettext_noop("#ORGNR orgnr"),
    "#RAR": gettext_noop("#RAR årsnr start slut"),
    "#KONTO": gettext_noop("#KONTO kontonr kontonamn"),
    "#KTYP": gettext_noop("#KTYP kontonr kontotyp"),
    "#DIM": gettext_noop("#DIM dimensionsnr namn"),
    "#OBJEKT": gettext_noop("#OBJEKT dimensionsnr objektkod objektnamn"),
    "#IB": gettext_noop("#IB årsnr konto saldo [kvantitet]"),
    "#UB": gettext_noop("#UB årsnr konto saldo [kvantitet]"),
    "#RES": gettext_noop("#RES årsnr konto saldo [kvantitet]"),
    "#PSALDO": gettext_noop("#PSALDO årsnr period konto {objektlista} saldo [kvantitet]"),
    "#PBUDGET": gettext_noop("#PBUDGET årsnr period konto {objektlista} saldo [kvantitet]"),
    "#VER": gettext_noop("#VER serie vernr verdatum [vertext] [regdatum] [sign]"),
    "#TRANS": gettext_noop(
        "#TRANS kontonr {objektlista} belopp [transdat] [transtext] [kvantitet] [sign]"
    ),
    "#RTRANS": gettext_noop(
        "#RTRANS kontonr {objektlista} belopp [transdat] [transtext] [kvantitet] [sign]"
    ),
    "#BTRANS": gettext_noop(
        "#BTRANS kontonr {objektlista} belopp [transdat] [transtext] [kvantitet] [sign]"
    ),
}
