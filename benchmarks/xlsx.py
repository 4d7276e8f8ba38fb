"""Measure the xlsx libraries the columnar io could use, side by side, each in a fresh process.

    python benchmarks/xlsx.py --rows 20000

Writing: the project's mixed-kind list (``generate.py``; its cells as the texts people type) as a sheet,
with xlsxwriter (constant-memory mode, what ``wenjiuye_cli.io.writers`` uses) and openpyxl (write-only
mode). Reading that sheet back, every cell: python-calamine (``iter_rows``, the cells typed as Excel
stores them, what ``wenjiuye_cli.io.readers`` uses) and fastexcel (the sheet as an Arrow table, types
guessed per column), and the columnar reader end to end. Reported: wall and CPU seconds and peak RSS of each process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

WRITE_XLSXWRITER = """
import csv, sys, xlsxwriter
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet("名单")
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for r, row in enumerate(csv.reader(f)):
        for c, cell in enumerate(row):
            if cell:
                sheet.write_string(r, c, cell)
book.close()
"""

WRITE_OPENPYXL = """
import csv, sys, openpyxl
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("名单")
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for row in csv.reader(f):
        sheet.append([c or None for c in row])
book.save(sys.argv[2])
"""

READ_CALAMINE = """
import sys, python_calamine
sheet = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
n = sum(1 for _ in sheet.iter_rows())
print(n, file=sys.stderr)
"""

READ_FASTEXCEL = """
import sys, fastexcel
frame = fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None).to_polars()
print(frame.height, file=sys.stderr)
"""


READ_COLUMNAR = """
import sys
from wenjiuye_cli.io.readers import open_reader
reader = open_reader(sys.argv[1])
for chunk in reader:
    pass
print(reader.counts, file=sys.stderr)
"""


def timed(code: str, *args: str) -> tuple[float, float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(proc.stderr.read().decode() if proc.stderr else "failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/wenjiuye-bench"))
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    data = args.workdir / f"applicants-{args.rows}-seed2020.csv"
    if not data.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(args.rows), "-o", str(data)], check=True
        )
    book = args.workdir / f"applicants-{args.rows}.xlsx"
    lines = [f"{args.rows:,} rows × ~100 columns", "", "| step | library | wall (s) | CPU (s) | peak RSS (MB) |",
             "|---|---|---:|---:|---:|"]  # fmt: skip
    for label, code in (
        ("xlsxwriter, constant memory", WRITE_XLSXWRITER),
        ("openpyxl, write-only", WRITE_OPENPYXL),
    ):
        wall, cpu, rss = timed(code, str(data), str(book))
        lines.append(f"| write | {label} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
        print(lines[-1], file=sys.stderr)
    for label, code in (
        ("python-calamine, iter_rows", READ_CALAMINE),
        ("fastexcel, to_polars", READ_FASTEXCEL),
        ("wenjiuye_cli.io open_reader: python-calamine + validation to typed frames", READ_COLUMNAR),
    ):
        wall, cpu, rss = timed(code, str(book))
        lines.append(f"| read | {label} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
        print(lines[-1], file=sys.stderr)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
