#!/usr/bin/env python3
"""Check that output CSVs agree row by row with a reference output (plain_python_impl.py's).

Adapted from the performance anchors (``shared/anchors/compare_outputs.py``, 2026-11-26): callable from
run.py and the tests, and an empty amount (``from_wenjiuye.py``: the project could not decide) agrees only
with a reference amount of 0, and is counted.

Usage: compare_outputs.py REFERENCE.csv OTHER.csv [OTHER.csv ...] [--max-print K]

Every file must have the header id,rent_subsidy,hiring_subsidy,ui_refund,loan_interest,total and the same
ids in the same order. Amounts are compared as Decimal values (so "1000.0" and "1000.00" agree): the four
amounts and the total. Prints each mismatch (up to K per file, default 20) and a count; exits 1 if any.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from decimal import Decimal

HEADER = ["id", "rent_subsidy", "hiring_subsidy", "ui_refund", "loan_interest", "total"]


@dataclass
class Comparison:
    """The outcome of comparing one output with the reference."""

    path: str
    rows: int = 0
    mismatches: int = 0
    undecided: int = 0  # empty cells (the project could not decide) where the reference pays 0
    shown: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.mismatches == 0

    def line(self, reference: str) -> str:
        if self.error is not None:
            return f"FAIL: {self.path}: {self.error}"
        status = "OK" if self.ok else "FAIL"
        extra = f", {self.undecided} cells undecided where the reference pays 0" if self.undecided else ""
        return f"{status}: {self.path} vs {reference}: {self.rows} rows, {self.mismatches} mismatching{extra}"


def _agrees(ref: str, got: str, result: Comparison) -> bool:
    if got == "":
        if Decimal(ref) == 0:
            result.undecided += 1
            return True
        return False
    return Decimal(ref) == Decimal(got)


def compare(ref_path: str, other_path: str, max_print: int = 20) -> Comparison:
    result = Comparison(other_path)
    try:
        with open(ref_path, newline="") as fr, open(other_path, newline="") as fo:
            rr, ro = csv.reader(fr), csv.reader(fo)
            hr, ho = next(rr, None), next(ro, None)
            if hr != HEADER or ho != HEADER:
                result.error = f"header mismatch: {hr} vs {ho}"
                return result
            for a, b in zip(rr, ro, strict=True):
                result.rows += 1
                same = a[0] == b[0] and len(a) == len(b)
                # every cell is checked (no short-circuit), so that the undecided count is complete
                cells = [_agrees(x, y, result) for x, y in zip(a[1:], b[1:], strict=False)]
                if not (same and all(cells)):
                    result.mismatches += 1
                    if len(result.shown) < max_print:
                        result.shown.append(f"MISMATCH {other_path} row {result.rows}: ref={a} got={b}")
    except (ValueError, ArithmeticError) as e:  # zip(strict=True): row counts differ; Decimal: not a number
        result.error = f"{type(e).__name__}: {e}"
    except OSError as e:
        result.error = f"{type(e).__name__}: {e}"
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("reference")
    ap.add_argument("others", nargs="+")
    ap.add_argument("--max-print", type=int, default=20)
    args = ap.parse_args()
    bad = False
    for other in args.others:
        result = compare(args.reference, other, args.max_print)
        for line in result.shown:
            print(line)
        print(result.line(args.reference))
        bad = bad or not result.ok
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
