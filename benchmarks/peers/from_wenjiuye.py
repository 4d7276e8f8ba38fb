#!/usr/bin/env python3
"""Fold ``wenjiuye batch --codes``'s wide CSV of a converted file (to_wenjiuye.py) back into the peers'
six columns: id, rent_subsidy, hiring_subsidy, ui_refund, loan_interest, total.

Adapted from the performance anchors (``shared/anchors/from_wenjiuye.py``, 2026-11-26). Changes: an
amount is taken only from an ``eligible`` measure; an ``ineligible`` one is 0.00; any other status (the
project cannot decide, or the amount follows another standard) leaves the cell empty, which
``compare_outputs.py`` accepts only where the reference pays 0 (and counts); an applicant lacking one of its
three project rows, or a status column lacking, is an error instead of a silent 0.

Usage: from_wenjiuye.py WIDE.csv OUT.csv   (the count of each measure's statuses goes to stderr)
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from decimal import Decimal

# project kind prefix -> the measures of that row, and the peers' column each one fills
WANT = {
    "P": (("rent_subsidy", "rent_subsidy"), ("startup_loan", "loan_interest")),
    "H": (("hiring_subsidy", "hiring_subsidy"),),
    "E": (("stable_jobs_refund", "ui_refund"),),
}
HEADER = ["id", "rent_subsidy", "hiring_subsidy", "ui_refund", "loan_interest", "total"]
ZERO = Decimal("0.00")


class ConversionError(Exception):
    """The wide CSV is not what a converted file gives (a missing row or column)."""


def fold(inp: str, out: str) -> Counter[tuple[str, str]]:
    """Write the six-column file; return how many rows had each (measure, status)."""
    amounts: dict[str, dict[str, Decimal | None]] = {}
    statuses: Counter[tuple[str, str]] = Counter()
    with open(inp, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        ix = {n: i for i, n in enumerate(header)}
        for measure in ("rent_subsidy", "startup_loan", "hiring_subsidy", "stable_jobs_refund"):
            for part in ("status", "amount"):
                if f"{measure}.{part}" not in ix:
                    raise ConversionError(f"{inp}: no column {measure}.{part} (was batch run with --codes?)")
        for row in reader:
            kind, ident = row[ix["id"]].split("-", 1)
            mine = amounts.setdefault(ident, {})
            for measure, column in WANT[kind]:
                status = row[ix[f"{measure}.status"]]
                statuses[(measure, status)] += 1
                if status == "eligible":
                    mine[column] = Decimal(row[ix[f"{measure}.amount"]] or "0")
                elif status == "ineligible":
                    mine[column] = ZERO
                else:
                    mine[column] = None
    with open(out, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        for ident in sorted(amounts, key=int):
            mine = amounts[ident]
            missing = [c for c in HEADER[1:-1] if c not in mine]
            if missing:
                raise ConversionError(f"{inp}: applicant {ident} has no result for {', '.join(missing)}")
            values = [mine[c] for c in HEADER[1:-1]]
            total = sum((v for v in values if v is not None), ZERO)
            writer.writerow([ident, *("" if v is None else v for v in values), total])
    return statuses


def main(inp: str, out: str) -> None:
    try:
        statuses = fold(inp, out)
    except ConversionError as e:
        sys.exit(str(e))
    for (measure, status), n in sorted(statuses.items()):
        print(measure, status, n, file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
