"""SIE 1-4 import and SIE 4 export (pure Python, streaming).

`iter_records` / `SieReader` is the primary API: it yields typed records one at a time and
raises one `SieErrors` listing every problem after the last record. `read_sie` folds the
stream into a `SieSummary`; `write_sie` writes a PC8-encoded SIE 4 file. See docs/sie.md.
"""

from .checks import Findings, check_summary
from .errors import SieError, SieErrors
from .guards import MAX_LINE, Limits
from .parser import SieReader, Source, iter_records, read_sie
from .records import (
    EXACT,
    Dim,
    Flagga,
    Fnamn,
    Format,
    Gen,
    Ib,
    Konto,
    Ksumma,
    Ktyp,
    Objects,
    Objekt,
    ObjRef,
    Orgnr,
    Pbudget,
    Period,
    PeriodBalance,
    Program,
    Psaldo,
    Rar,
    Record,
    Res,
    SieSummary,
    Sietyp,
    Trans,
    TransKind,
    Ub,
    Ver,
    YearBalance,
    exact_sum,
)
from .tokens import parse_amount, parse_date
from .writer import DEFAULT_PROGRAM, SieWriter, record_lines, write_sie

__all__ = [
    "DEFAULT_PROGRAM",
    "EXACT",
    "Dim",
    "Flagga",
    "Fnamn",
    "Format",
    "Gen",
    "Ib",
    "Konto",
    "Ksumma",
    "Ktyp",
    "Limits",
    "MAX_LINE",
    "Findings",
    "check_summary",
    "ObjRef",
    "Objects",
    "Objekt",
    "Orgnr",
    "Pbudget",
    "Period",
    "PeriodBalance",
    "Program",
    "Psaldo",
    "Rar",
    "Record",
    "Res",
    "SieError",
    "SieErrors",
    "SieReader",
    "SieSummary",
    "SieWriter",
    "Sietyp",
    "Source",
    "Trans",
    "TransKind",
    "Ub",
    "Ver",
    "YearBalance",
    "exact_sum",
    "iter_records",
    "parse_amount",
    "parse_date",
    "read_sie",
    "record_lines",
    "write_sie",
]
