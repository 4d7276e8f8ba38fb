#!/usr/bin/env python3
"""Hand-written boundary cases with hand-computed expected amounts, for any implementation's output.

Adapted from the performance anchors (``shared/anchors/check_edge_cases.py``, 2026-11-26): the cases are
theirs; writing the input and checking an output are functions, so that run.py puts every implementation
through them, the project's ``wenjiuye batch`` (converted both ways) included.

Usage: edge_cases.py OUTPUT.csv...   check outputs computed from the input written by ``edge_cases.py --write IN.csv``

The random data only shows that the implementations agree with each other; this shows they agree with the
rules as written.
"""

from __future__ import annotations

import argparse
import csv
import sys
from decimal import Decimal

BASE: dict[str, str] = {
    "is_key_founder": "false", "months_since_registration": "0", "premises": "none", "jobs_created": "0",
    "requested_months": "0", "hired_from_poor_village": "false", "hire_category": "none",
    "contract_months": "0", "insured_months": "0", "ui_paid_months": "0", "layoff_rate": "0.0000",
    "insured_employees": "100", "last_year_ui_premiums": "0.00", "loan_amount": "0", "loan_years": "0",
    "annual_rate": "0.0300",
}  # fmt: skip

# (overrides, expected rent, hiring, ui, loan, why)
Case = tuple[dict[str, str], str, str, str, str, str]
CASES: list[Case] = [
    ({"is_key_founder": "true", "months_since_registration": "12", "premises": "house", "jobs_created": "3",
          "requested_months": "25"}, "60000.00", "0", "0", "0", "rent: month 12 eligible, house cap 2500, 24 months"),
    ({"is_key_founder": "true", "months_since_registration": "13", "premises": "house", "jobs_created": "3",
          "requested_months": "24"}, "0", "0", "0", "0", "rent: month 13 ineligible"),
    ({"is_key_founder": "false", "months_since_registration": "0", "premises": "house", "jobs_created": "3",
          "requested_months": "24"}, "0", "0", "0", "0", "rent: not a key founder"),
    ({"is_key_founder": "true", "premises": "house", "jobs_created": "2", "requested_months": "10"},
     "20000.00", "0", "0", "0", "rent: house 1000+2*500=2000 below cap"),
    ({"is_key_founder": "true", "premises": "workstation", "jobs_created": "0", "requested_months": "24"},
     "7200.00", "0", "0", "0", "rent: workstation 300 below cap"),
    ({"is_key_founder": "true", "premises": "workstation", "jobs_created": "1", "requested_months": "24"},
     "14400.00", "0", "0", "0", "rent: workstation 600 = cap"),
    ({"is_key_founder": "true", "premises": "none", "jobs_created": "5", "requested_months": "24"},
     "0", "0", "0", "0", "rent: other premises"),
    ({"hired_from_poor_village": "true", "contract_months": "12", "insured_months": "1"},
     "0", "2000.00", "0", "0", "hiring: poor village, contract 12, insured 1"),
    ({"hired_from_poor_village": "true", "hire_category": "graduate", "contract_months": "12", "insured_months": "0"},
     "0", "0", "0", "0", "hiring: poor village needs insured >= 1; graduate needs 3"),
    ({"hired_from_poor_village": "true", "hire_category": "rural", "contract_months": "12", "insured_months": "3"},
     "0", "2000.00", "0", "0", "hiring: first branch wins"),
    ({"hire_category": "graduate", "contract_months": "12", "insured_months": "2"},
     "0", "0", "0", "0", "hiring: graduate insured 2 < 3"),
    ({"hire_category": "unemployed_6m", "contract_months": "12", "insured_months": "3"},
     "0", "1000.00", "0", "0", "hiring: unemployed_6m"),
    ({"hire_category": "rural", "contract_months": "11", "insured_months": "6"},
     "0", "0", "0", "0", "hiring: contract 11 < 12"),
    ({"hire_category": "other", "contract_months": "36", "insured_months": "6"},
     "0", "0", "0", "0", "hiring: other category"),
    ({"ui_paid_months": "12", "layoff_rate": "0.0549", "insured_employees": "500", "last_year_ui_premiums": "100.01"},
     "0", "0", "50.01", "0", "ui: 0.0549 < 0.055; 50.005 rounds half-up"),
    ({"ui_paid_months": "12", "layoff_rate": "0.0550", "insured_employees": "31", "last_year_ui_premiums": "100.00"},
     "0", "0", "0", "0", "ui: 0.055 not < 0.055, 31 employees not small"),
    ({"ui_paid_months": "12", "layoff_rate": "0.0550", "insured_employees": "30", "last_year_ui_premiums": "100.00"},
     "0", "0", "50.00", "0", "ui: small firm, 0.055 <= 0.20"),
    ({"ui_paid_months": "12", "layoff_rate": "0.2000", "insured_employees": "30", "last_year_ui_premiums": "999999.99"},
     "0", "0", "500000.00", "0", "ui: small firm at exactly 0.20; 499999.995 half-up"),
    ({"ui_paid_months": "12", "layoff_rate": "0.2001", "insured_employees": "30", "last_year_ui_premiums": "100.00"},
     "0", "0", "0", "0", "ui: 0.2001 > 0.20"),
    ({"ui_paid_months": "11", "layoff_rate": "0.0000", "insured_employees": "1", "last_year_ui_premiums": "100.00"},
     "0", "0", "0", "0", "ui: paid 11 months"),
    ({"ui_paid_months": "12", "layoff_rate": "0.0100", "last_year_ui_premiums": "0.01"},
     "0", "0", "0.01", "0", "ui: 0.005 rounds half-up to 0.01"),
    ({"is_key_founder": "true", "loan_amount": "500001", "loan_years": "5", "annual_rate": "0.0345"},
     "0", "0", "0", "51750.00", "loan: key founder cap 500000, 3 years"),
    ({"is_key_founder": "false", "loan_amount": "500000", "loan_years": "3", "annual_rate": "0.0345"},
     "0", "0", "0", "31050.00", "loan: other cap 300000"),
    ({"is_key_founder": "false", "loan_amount": "299999", "loan_years": "2", "annual_rate": "0.0435"},
     "0", "0", "0", "26099.91", "loan: below cap, 2 years: 26099.913"),
    ({"loan_amount": "1", "loan_years": "1", "annual_rate": "0.0350"},
     "0", "0", "0", "0.04", "loan: 0.035 rounds half-up"),
    ({"loan_amount": "1", "loan_years": "1", "annual_rate": "0.0345"},
     "0", "0", "0", "0.03", "loan: 0.0345 rounds down"),
    ({"loan_amount": "100000", "loan_years": "0", "annual_rate": "0.0400"},
     "0", "0", "0", "0", "loan: 0 years"),
]  # fmt: skip


def write_input(path: str) -> None:
    """The applicants of :data:`CASES`, ids 1.., in make_applicants.py's columns."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", *BASE])
        for i, (over, *_rest) in enumerate(CASES, 1):
            row = {**BASE, **over}
            w.writerow([i, *(row[k] for k in BASE)])


def check(path: str) -> list[str]:
    """The failures of the six-column output ``path`` computed from :func:`write_input`'s file (none: all
    as expected). An empty cell (the project could not decide) passes only where 0 is expected."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))[1:]
    if len(rows) != len(CASES):
        return [f"{path}: {len(rows)} rows for {len(CASES)} edge cases"]
    failures = []
    for i, ((_over, *expected, why), got) in enumerate(zip(CASES, rows, strict=True), 1):
        want = [Decimal(x) for x in expected]
        want.append(sum(want, Decimal(0)))
        have = [Decimal(x) if x else None for x in got[1:]]
        agree = len(have) == len(want) and all(
            h == w or (h is None and w == 0) for h, w in zip(have, want, strict=True)
        )
        if got[0] != str(i) or not agree:
            failures.append(f"{path} id {got[0]} ({why}): want {want} got {got[1:]}")
    return failures


def main() -> None:
    ap = argparse.ArgumentParser(description="the four rules' hand-computed edge cases")
    ap.add_argument("--write", metavar="IN.csv", help="write the edge-case applicants")
    ap.add_argument("outputs", nargs="*", help="six-column outputs computed from that file")
    args = ap.parse_args()
    if args.write:
        write_input(args.write)
    bad = 0
    for out in args.outputs:
        failures = check(out)
        for line in failures:
            print("FAIL", line)
        print(f"{out}: {len(CASES)} edge cases, {len(failures)} failures")
        bad += len(failures)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
