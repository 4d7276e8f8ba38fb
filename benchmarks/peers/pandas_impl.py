#!/usr/bin/env python3
"""Four subsidy rules, vectorised with pandas + numpy.

Copied from the performance anchors (``shared/anchors/pandas_impl.py``, 2026-11-26), with type hints.
pandas is not a dependency of the project: run.py installs it into the benchmark's own virtual environment.

Usage: pandas_impl.py INPUT.csv OUTPUT.csv

The rules are plain_python_impl.py's. Money is carried in integer cents (int64) so results are exact and
match the Decimal reference: premiums are parsed as float64 and converted with rint(x*100) (exact for values
written with 2 decimals), annual_rate with rint(x*10000) (exact for 4 decimals). Rounding to 0.01 is
half-up (四舍五入) done in integers.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

# parameters (yuan unless stated)
RENT_MAX_MONTHS_SINCE_REG, RENT_MAX_MONTHS_GRANTED = 12, 24
HOUSE_BASE, HOUSE_PER_JOB, HOUSE_CAP = 1000, 500, 2500
WS_BASE, WS_PER_JOB, WS_CAP = 300, 300, 600
POOR_VILLAGE_AMOUNT, GENERAL_AMOUNT = 2000, 1000
MIN_CONTRACT_MONTHS, POOR_VILLAGE_MIN_INSURED, GENERAL_MIN_INSURED = 12, 1, 3
GENERAL_CATEGORIES = ["unemployed_6m", "graduate", "rural"]
UI_MIN_PAID_MONTHS, UI_MAX_LAYOFF_RATE = 12, 0.055
SMALL_FIRM_MAX_EMPLOYEES, SMALL_FIRM_MAX_LAYOFF_RATE = 30, 0.20
UI_REFUND_NUM, UI_REFUND_DEN = 1, 2  # refund rate 0.5 as an exact fraction
LOAN_CAP_KEY_FOUNDER, LOAN_CAP_OTHER, LOAN_MAX_YEARS = 500_000, 300_000, 3

DTYPES = {
    "id": "int64", "is_key_founder": "bool", "months_since_registration": "int64",
    "premises": "str", "jobs_created": "int64", "requested_months": "int64",
    "hired_from_poor_village": "bool", "hire_category": "str", "contract_months": "int64",
    "insured_months": "int64", "ui_paid_months": "int64", "layoff_rate": "float64",
    "insured_employees": "int64", "last_year_ui_premiums": "float64", "loan_amount": "int64",
    "loan_years": "int64", "annual_rate": "float64",
}  # fmt: skip

Array = npt.NDArray[Any]


def half_up_div(a: Array, b: int) -> Array:
    """round(a / b) half-up, for integer arrays a >= 0 and integer b > 0."""
    return (2 * a + b) // (2 * b)


def col(df: Any, name: str) -> Array:
    values: Array = df[name].to_numpy()
    return values


def compute(df: Any) -> Any:
    key = col(df, "is_key_founder")

    # 1. rent subsidy
    jobs = col(df, "jobs_created")
    house: Array = (df["premises"] == "house").to_numpy()
    ws: Array = (df["premises"] == "workstation").to_numpy()
    monthly = np.where(
        house,
        np.minimum(HOUSE_BASE + HOUSE_PER_JOB * jobs, HOUSE_CAP),
        np.where(ws, np.minimum(WS_BASE + WS_PER_JOB * jobs, WS_CAP), 0),
    )
    months = np.minimum(col(df, "requested_months"), RENT_MAX_MONTHS_GRANTED)
    rent_ok = key & (col(df, "months_since_registration") <= RENT_MAX_MONTHS_SINCE_REG)
    rent = np.where(rent_ok, monthly * months * 100, 0)

    # 2. hiring subsidy
    contract_ok = col(df, "contract_months") >= MIN_CONTRACT_MONTHS
    insured = col(df, "insured_months")
    poor = col(df, "hired_from_poor_village") & contract_ok & (insured >= POOR_VILLAGE_MIN_INSURED)
    in_general: Array = df["hire_category"].isin(GENERAL_CATEGORIES).to_numpy()
    general = in_general & contract_ok & (insured >= GENERAL_MIN_INSURED)
    hiring = np.select([poor, general], [POOR_VILLAGE_AMOUNT * 100, GENERAL_AMOUNT * 100], 0)

    # 3. UI refund
    layoff = col(df, "layoff_rate")
    ui_ok = (col(df, "ui_paid_months") >= UI_MIN_PAID_MONTHS) & (
        (layoff < UI_MAX_LAYOFF_RATE)
        | (
            (col(df, "insured_employees") <= SMALL_FIRM_MAX_EMPLOYEES)
            & (layoff <= SMALL_FIRM_MAX_LAYOFF_RATE)
        )
    )
    premium_cents = np.rint(col(df, "last_year_ui_premiums") * 100).astype(np.int64)
    ui = np.where(ui_ok, half_up_div(premium_cents * UI_REFUND_NUM, UI_REFUND_DEN), 0)

    # 4. loan interest: principal (yuan) * rate (1e-4) * years -> 1e-4 yuan -> cents
    cap = np.where(key, LOAN_CAP_KEY_FOUNDER, LOAN_CAP_OTHER)
    principal = np.minimum(col(df, "loan_amount"), cap)
    years = np.minimum(col(df, "loan_years"), LOAN_MAX_YEARS)
    rate_e4 = np.rint(col(df, "annual_rate") * 10_000).astype(np.int64)
    loan = half_up_div(principal * rate_e4 * years, 100)

    total = rent + hiring + ui + loan
    return pd.DataFrame(
        {
            "id": df["id"],
            "rent_subsidy": rent / 100,
            "hiring_subsidy": hiring / 100,
            "ui_refund": ui / 100,
            "loan_interest": loan / 100,
            "total": total / 100,
        }
    )


def main(inp: str, out: str) -> None:
    df = pd.read_csv(inp, dtype=DTYPES)
    compute(df).to_csv(out, index=False, float_format="%.2f")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
