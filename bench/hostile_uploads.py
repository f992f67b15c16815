"""Hostile xlsx uploads: each is refused or read in under 5 s and 200 MB peak.

Usage: PYTHONPATH=. python bench/hostile_uploads.py [--keep DIR]

Writes workbooks that are small on the wire but costly to read (a huge shared-string table,
hundreds of thousands of styles, two cells far apart, a million cells, a million empty rows,
a part that unpacks past the bound, an entity declaration), all under the upload limits. Each
goes through what an upload goes through, in a fresh process: the upload check
(`finsam.uploads.refusal`), then the table reader (contributions, population, accounts) and
the budget reader, each in its own process as each upload has one reader. Prints per file
and reader: the outcome; CPU seconds, the goal's measure (on a shared machine the wall-clock
time, in brackets, grows with the other processes' load); the peak RSS while reading (reset
just before, so it is Django's ~64 MB plus the reading) and in brackets what reading added.
Exits 1 if a file breaks the goal.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

SECONDS, PEAK_MB = 5.0, 200

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>År</t></is></c></row>'


def styles(xfs: int = 1) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {MAIN}>'
        '<fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        f'<cellXfs count="{xfs}">' + '<xf numFmtId="0" fontId="0"/>' * xfs + "</cellXfs>"
        "</styleSheet>"
    )


def shared(count: int = 1) -> str:
    items = "".join(f"<si><t>t{i}</t></si>" for i in range(count))
    return f'<?xml version="1.0" encoding="UTF-8"?><sst {MAIN} count="{count}">{items}</sst>'


def sheet(rows: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {MAIN}>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def workbook(
    rows: str = HEADER_ROW, *, strings: str | None = None, style: str | None = None
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet(rows))
        archive.writestr("xl/sharedStrings.xml", strings or shared())
        archive.writestr("xl/styles.xml", style or styles())
    return out.getvalue()


def within_bounds() -> str:
    """As much as the bounds let through: 19 971 cells of 19 000 texts and 4 990 formats, in
    951 rows reaching column AZ (49 452 cells of area)."""
    letters = ["A", "B", "C", *(f"A{x}" for x in "ABCDEFGHIJKLMNOPQ"), "AZ"]
    flat = [
        f'<c r="{letter}{row}" t="s" s="{n % 4_990}"><v>{n % 19_000}</v></c>'
        for row in range(1, 952)
        for i, letter in enumerate(letters)
        for n in [row * 21 + i]
    ]
    return "".join(
        f'<row r="{row}">' + "".join(flat[(row - 1) * 21 : row * 21]) + "</row>"
        for row in range(1, 952)
    )


def hostile_files() -> dict[str, bytes]:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return {
        "many_shared_strings.xlsx": workbook(strings=shared(1_000_000)),
        "many_styles.xlsx": workbook(style=styles(700_000)),
        "far_apart_cells.xlsx": workbook(
            HEADER_ROW + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        ),
        "million_cells.xlsx": workbook(
            "".join(
                f'<row r="{r}">'
                + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ")
                + "</row>"
                for r in range(1, 70_001)
            )
        ),
        "million_empty_rows.xlsx": workbook(
            "".join(f'<row r="{r}" ht="20" customHeight="1"/>' for r in range(1, 600_001))
        ),
        "cells_without_reference.xlsx": workbook("<row>" + "<c><v>1</v></c>" * 400_000 + "</row>"),
        "unpacks_past_the_bound.xlsx": workbook(
            HEADER_ROW + "<row r='2'/>" * 3_000_000  # 36 MB of XML
        ),
        "just_within_bounds.xlsx": workbook(
            within_bounds(), strings=shared(19_000), style=styles(4_990)
        ),
        "entity_expansion.xlsx": workbook(
            strings='<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "ha">'
            + laughs
            + f"]><sst {MAIN}><si><t>&l9;</t></si></sst>"
        ),
    }


def measure(path: Path, reader: str) -> dict:
    """Run the upload path on `path` in a fresh process; its outcome, seconds and peak RSS."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--reader", reader],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if child.returncode != 0:
        return {"outcome": "KRASCH: " + child.stderr.strip().splitlines()[-1], "seconds": 0}
    return json.loads(child.stdout.strip().splitlines()[-1])


def child(path: Path, reader: str) -> None:
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
    django.setup()
    from budgets.xlsx.importer import BudgetFileError, read_budget
    from finsam.lib.tabular import TableError, read_table
    from finsam.uploads import check_table, refusal

    content = path.read_bytes()
    loaded = _status("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # the peak from here on (Linux)
    start, used = time.perf_counter(), _cpu()
    refused = refusal(io.BytesIO(content), path.name, len(content), check=check_table)
    if refused:
        outcome = f"uppladdning nekad: {refused}"
    elif reader == "tabell":
        try:
            outcome = f"läst: {len(read_table(content, path.name))} rader"
        except TableError as error:
            outcome = f"nekad: {error}"
    else:
        try:
            read_budget(content)
            outcome = "läst"
        except BudgetFileError as error:
            outcome = f"nekad: {error.problems[0]}"
    seconds, cpu = time.perf_counter() - start, _cpu() - used
    peak = _status("VmHWM")
    result = {"outcome": outcome, "seconds": seconds, "cpu": cpu, "peak_mb": peak}
    print(json.dumps({**result, "loaded_mb": loaded}))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _status(field: str) -> float:
    """A memory figure of this process from /proc, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--reader", default="tabell")
    parser.add_argument("--keep", help="folder to keep the generated files in")
    args = parser.parse_args()
    if args.child:
        child(Path(args.child), args.reader)
        return 0
    folder = Path(args.keep or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, content in hostile_files().items():
        path = folder / name
        path.write_bytes(content)
        for reader in ("tabell", "budget"):
            result = measure(path, reader)
            peak = result.get("peak_mb", 0)
            cpu = result.get("cpu", 0)
            slow = cpu > SECONDS or peak > PEAK_MB or "KRASCH" in result["outcome"]
            failed |= slow
            print(
                f"{name:28} {len(content) / 1024:5.0f} KB {reader:6} {cpu:5.2f} s CPU "
                f"({result['seconds']:5.2f} s) "
                f"{peak:4.0f} MB (+{peak - result.get('loaded_mb', 0):3.0f}) "
                f"{'FÖR DYR ' if slow else ''}{result['outcome'][:90]}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
