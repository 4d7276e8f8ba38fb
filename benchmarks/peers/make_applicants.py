#!/usr/bin/env python3
"""Write a synthetic, seeded CSV of subsidy applicants for the four-rule benchmark.

Copied from the performance anchors (``shared/anchors/make_applicants.py``, 2026-11-26) with type hints
added; the same N and seed give the same file as there (md5 of 100,000 rows, seed 20240601:
0e2cf8dbac086514f43c6767932b0ba9).

Usage: make_applicants.py N OUTPUT.csv [--seed SEED]

One row = one applicant (and, for the hiring subsidy, one hire).
Columns (all four rules' inputs):

  id                        integer 1..N
  is_key_founder            true/false
  months_since_registration integer months (boundary 12 is frequent)
  premises                  house | workstation | none
  jobs_created              integer 0..8 (house cap hit at >=3, workstation at >=1)
  requested_months          integer 0..36 (cap 24 hit and not)
  hired_from_poor_village   true/false
  hire_category             unemployed_6m | graduate | rural | other | none
  contract_months           integer (boundary 12)
  insured_months            integer 0..6 (boundaries 1 and 3)
  ui_paid_months            integer (boundary 12)
  layoff_rate               decimal with 4 places (boundaries 0.0550 and 0.2000)
  insured_employees         integer (boundary 30)
  last_year_ui_premiums     yuan with 2 decimals (odd cents => half-cent ties)
  loan_amount               integer yuan (caps 300000 / 500000 hit and not)
  loan_years                integer 0..5 (cap 3)
  annual_rate               decimal with 4 places

Only numpy is needed.
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np
import numpy.typing as npt

COLUMNS = [
    "id", "is_key_founder", "months_since_registration", "premises",
    "jobs_created", "requested_months", "hired_from_poor_village",
    "hire_category", "contract_months", "insured_months", "ui_paid_months",
    "layoff_rate", "insured_employees", "last_year_ui_premiums",
    "loan_amount", "loan_years", "annual_rate",
]  # fmt: skip
DEFAULT_SEED = 20240601

Columns = dict[str, npt.NDArray[Any]]


def mixed(
    rng: np.random.Generator, n: int, boundaries: list[int], p_boundary: float, low: int, high: int
) -> npt.NDArray[Any]:
    """Integers: with probability p_boundary one of `boundaries`, else uniform [low, high]."""
    uniform = rng.integers(low, high + 1, size=n)
    picked = rng.choice(np.asarray(boundaries), size=n)
    return np.where(rng.random(n) < p_boundary, picked, uniform)


def generate(n: int, seed: int) -> Columns:
    rng = np.random.default_rng(seed)
    cols: Columns = {}
    cols["id"] = np.arange(1, n + 1)
    cols["is_key_founder"] = rng.random(n) < 0.5
    cols["months_since_registration"] = mixed(rng, n, [0, 1, 11, 12, 13, 24], 0.5, 0, 48)
    cols["premises"] = rng.choice(np.array(["house", "workstation", "none"]), size=n, p=[0.4, 0.4, 0.2])
    cols["jobs_created"] = rng.integers(0, 9, size=n)
    cols["requested_months"] = mixed(rng, n, [0, 1, 12, 23, 24, 25, 36], 0.5, 0, 36)
    cols["hired_from_poor_village"] = rng.random(n) < 0.3
    cols["hire_category"] = rng.choice(
        np.array(["unemployed_6m", "graduate", "rural", "other", "none"]), size=n
    )
    cols["contract_months"] = rng.choice(np.array([0, 6, 11, 12, 13, 24, 36]), size=n)
    cols["insured_months"] = rng.integers(0, 7, size=n)
    cols["ui_paid_months"] = mixed(rng, n, [0, 6, 11, 12, 13, 24, 36], 0.5, 0, 48)
    # layoff rate in 1/10000 units, written with 4 decimals
    cols["layoff_rate_e4"] = mixed(rng, n, [0, 549, 550, 551, 1999, 2000, 2001, 5000], 0.3, 0, 3000)
    cols["insured_employees"] = mixed(rng, n, [1, 29, 30, 31, 100], 0.4, 1, 500)
    # premiums in cents: 0 .. 1,000,000.00 yuan; some round, most with odd cents
    premium_cents = rng.integers(0, 100_000_000 + 1, size=n)
    round_mask = rng.random(n) < 0.1
    cols["premium_cents"] = np.where(round_mask, (premium_cents // 100_000) * 100_000, premium_cents)
    loan_boundary = rng.choice(
        np.array([0, 1, 299_999, 300_000, 300_001, 499_999, 500_000, 500_001, 800_000]), size=n
    )
    loan_round = rng.integers(1, 101, size=n) * 10_000
    loan_any = rng.integers(1_000, 1_000_001, size=n)
    r = rng.random(n)
    cols["loan_amount"] = np.where(r < 0.3, loan_boundary, np.where(r < 0.6, loan_round, loan_any))
    cols["loan_years"] = rng.integers(0, 6, size=n)
    cols["annual_rate_e4"] = mixed(rng, n, [300, 345, 385, 435, 465], 0.5, 200, 700)
    return cols


def write_csv(cols: Columns, n: int, path: str, chunk: int = 200_000) -> None:
    tf = np.array(["false", "true"])
    with open(path, "w", newline="") as f:
        f.write(",".join(COLUMNS) + "\n")
        for start in range(0, n, chunk):
            s = slice(start, min(n, start + chunk))
            c = {k: v[s] for k, v in cols.items()}
            pc = c["premium_cents"]
            fields = [
                c["id"].astype(str),
                tf[c["is_key_founder"].astype(int)],
                c["months_since_registration"].astype(str),
                c["premises"],
                c["jobs_created"].astype(str),
                c["requested_months"].astype(str),
                tf[c["hired_from_poor_village"].astype(int)],
                c["hire_category"],
                c["contract_months"].astype(str),
                c["insured_months"].astype(str),
                c["ui_paid_months"].astype(str),
                np.char.add("0.", np.char.zfill(c["layoff_rate_e4"].astype(str), 4)),
                c["insured_employees"].astype(str),
                np.char.add(
                    np.char.add((pc // 100).astype(str), "."), np.char.zfill((pc % 100).astype(str), 2)
                ),
                c["loan_amount"].astype(str),
                c["loan_years"].astype(str),
                np.char.add("0.", np.char.zfill(c["annual_rate_e4"].astype(str), 4)),
            ]
            lines = [",".join(row) for row in zip(*[a.tolist() for a in fields], strict=True)]
            f.write("\n".join(lines) + "\n")


def make(n: int, path: str, seed: int = DEFAULT_SEED) -> None:
    """Write ``n`` applicants to ``path``."""
    if n < 0:
        raise ValueError("N must be >= 0")
    cols = generate(n, seed)
    # layoff rates of 1.0 or more could not be written with the "0.XXXX" format
    assert (cols["layoff_rate_e4"] < 10_000).all()
    write_csv(cols, n, path)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("n", type=int, help="number of data rows")
    ap.add_argument("output", help="output CSV path")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    if args.n < 0:
        ap.error("N must be >= 0")
    make(args.n, args.output, args.seed)


if __name__ == "__main__":
    main()
