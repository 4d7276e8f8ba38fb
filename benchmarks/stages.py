"""Where a batch row's time goes: each stage of ``wenjiuye batch`` timed alone, in one process.

    python benchmarks/stages.py                      # 20,000 rows made by generate.py (seed 2020)
    python benchmarks/stages.py --rows 50000 --repeat 7
    python benchmarks/stages.py --input my-list.csv

The stages, in the order a row meets them (each a best-of-``--repeat`` over every row of the file):

* ``pass-through``: ``csv.reader`` → ``csv.writer`` of the raw rows, the floor ``run.py`` compares with;
* ``decode + CSV``: decoding and splitting into cells (``tabular.open_text``, ``csv_records``);
* ``validate``: header-mapped cells to an ``Applicant`` (``RowParser.parse_rows``), memos warm;
* ``evaluate (lean)``: every measure of the row's kind as a batch without ``--detail`` runs it;
* ``evaluate (full)``: the same with conditions and parameters recorded (``calc``, ``--detail``);
* ``format CSV row``: a result as the wide CSV line (``ChunkProcessor`` formatter);
* ``tally``: the running sums and counts of the summary.

The end-to-end run (``run.py``) also pays for start-up, chunking and, with ``--jobs``, the workers.
Prints microseconds per row; on a shared 2-core machine compare runs made back to back.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from wenjiuye_cli.batch import (
    BATCH_GC_THRESHOLDS,
    BatchOptions,
    ChunkProcessor,
    Rejected,
    RowCounts,
    Tally,
    open_input,
)
from wenjiuye_cli.engine import Applicant, ApplicantResult, evaluate
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.tabular import csv_records, open_text

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 26)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--input", type=Path, help="a CSV to use instead of a generated one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.input
        if path is None:
            path = Path(tmp) / "applicants.csv"
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(args.rows), "-o", str(path),
                 "--seed", str(args.seed)],
                check=True,
            )  # fmt: skip
        data = path.read_bytes()
    stages = measure(data, path.name, args.repeat)
    print(f"{path.name}: {stages.pop('rows'):,.0f} rows, best of {args.repeat}, µs per row")
    for name, micros in stages.items():
        print(f"  {name:<18} {micros:7.1f}")
    return 0


def measure(data: bytes, name: str, repeat: int) -> dict[str, float]:
    gc.set_threshold(*BATCH_GC_THRESHOLDS)  # as a batch run sets it
    options = BatchOptions(today=TODAY)
    policy = load_policy()

    def pass_through() -> None:
        text = io.StringIO(data.decode("utf-8-sig"), newline="")
        writer = csv.writer(io.StringIO())
        for row in csv.reader(text):
            writer.writerow(row)

    def decode_and_split() -> list[list[str]]:
        return list(csv_records(open_text(io.BytesIO(data))))

    opened = open_input(io.BytesIO(data), name, options)
    chunks = list(opened.rows.chunks())
    processor = ChunkProcessor(policy, options, opened.layout, opened.info.format)

    def validate() -> list[Applicant]:
        counts, rejected = RowCounts(), list[Rejected]()
        return [a for chunk in chunks for _n, _raw, a in processor.parse_rows(chunk, counts, rejected)]

    validate()  # the column memos warm up as they do over a long file
    applicants = validate()
    rows = len(applicants)

    def evaluate_all(lean: bool) -> None:
        for applicant in applicants:  # each result dropped at once, as batch does
            evaluate(applicant, policy, today=TODAY, lean=lean)

    results: list[ApplicantResult] = [evaluate(a, policy, today=TODAY, lean=True) for a in applicants]
    # The rows and results kept for these timings would otherwise be scanned by every full collection
    # (a batch never holds more than a chunk); batch also freezes what it loaded at start-up.
    gc.freeze()
    buffer = io.StringIO()
    write = processor._formatter(buffer)

    def format_rows() -> None:
        buffer.seek(0)
        buffer.truncate()
        for result in results:
            write(result, None)  # the raw row: only read for carried columns (序号, 姓名…)

    def tally() -> None:
        running = Tally()
        for result in results:
            running.add_result(result)

    stages = {
        "pass-through": best_of(repeat, pass_through),
        "decode + CSV": best_of(repeat, decode_and_split),
        "validate": best_of(repeat, validate),
        "evaluate (lean)": best_of(repeat, lambda: evaluate_all(lean=True)),
        "evaluate (full)": best_of(repeat, lambda: evaluate_all(lean=False)),
        "format CSV row": best_of(repeat, format_rows),
        "tally": best_of(repeat, tally),
    }
    out = {key: seconds / rows * 1e6 for key, seconds in stages.items()}
    out["rows"] = rows
    return out


if __name__ == "__main__":
    raise SystemExit(main())
