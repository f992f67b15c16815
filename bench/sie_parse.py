"""Benchmark the streaming SIE reader on a generated file.

Usage: PYTHONPATH=. python bench/sie_parse.py [--trans 1000000] [--tracemalloc]

Generates a balanced SIE 4 file with the given number of #TRANS lines in a temporary
directory (a mix of plain rows, rows with object lists and rows with quoted texts, like real
exports), parses it with `iter_records`, and prints lines per second and peak memory: the
process's peak RSS always, and with --tracemalloc the peak of Python allocations during the
parse (slower, so the rate printed then is not representative).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from finsam.lib.sie import Ver, iter_records

HEADER = (
    '#FLAGGA 0\r\n#PROGRAM "bench" 1.0\r\n#FORMAT PC8\r\n#GEN 20240101\r\n#SIETYP 4\r\n'
    '#ORGNR 222000-2634\r\n#FNAMN "Växjö samordningsförbund"\r\n'
    '#RAR 0 20240101 20241231\r\n#KONTO 1930 "Kassa och bank"\r\n#KONTO 5010 "Lokalhyra"\r\n'
)
ROWS = (
    "   #TRANS 5010 {{}} {amount}\r\n",
    '   #TRANS 5010 {{1 "100" 6 "P1"}} {amount} 20240301 "Hyra mars"\r\n',
    "   #TRANS 5010 {{1 100}} {amount}\r\n",
)


def generate(path: Path, trans: int) -> int:
    """Write a file with `trans` #TRANS lines (vouchers of 4 rows); return its line count.

    The file ends with the totals its vouchers add up to (#UB, #RES), as a real export has
    them, so the reader's check of the file against its own totals runs on every row.
    """
    lines = HEADER.count("\n")
    total = 0
    with open(path, "wb") as out:
        out.write(HEADER.encode("cp437"))
        for number in range(trans // 4):
            out.write(_voucher(number).encode("cp437"))
            total += 3 * (number % 997_300 + 1)
            lines += 7
        out.write(f"#UB 0 1930 {_money(-total)}\r\n#RES 0 5010 {_money(total)}\r\n".encode())
    return lines + 2


def _voucher(number: int) -> str:
    cents = number % 997_300 + 1
    rows = "".join(ROWS[(number + i) % 3].format(amount=_money(cents)) for i in range(3))
    day = f"2024{number % 12 + 1:02d}{number % 28 + 1:02d}"
    return (
        f'#VER A {number + 1} {day} "Verifikation {number + 1}"\r\n{{\r\n{rows}'
        f"   #TRANS 1930 {{}} {_money(-3 * cents)}\r\n}}\r\n"
    )


def _money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def parse(path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    vouchers = 0
    for record in iter_records(path):
        vouchers += isinstance(record, Ver)
    return vouchers, time.perf_counter() - started


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--trans", type=int, default=1_000_000)
    options.add_argument("--tracemalloc", action="store_true")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.se"
        lines = generate(path, args.trans)
        print(f"file: {path.stat().st_size / 1e6:.1f} MB, {lines} lines, {args.trans} #TRANS")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if args.tracemalloc:
            tracemalloc.start()
        vouchers, seconds = parse(path)
        if args.tracemalloc:
            peak = tracemalloc.get_traced_memory()[1]
            print(f"tracemalloc peak during parse: {peak / 1024:.0f} KiB")
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"parsed {vouchers} vouchers in {seconds:.2f} s: {lines / seconds:,.0f} lines/s")
    print(f"peak RSS {rss_after / 1024:.1f} MB (before parse {rss_before / 1024:.1f} MB)")


if __name__ == "__main__":
    main()
