#!/usr/bin/env python3
"""Four subsidy rules as polars expressions (read_csv / write_csv).

Copied from the performance anchors (``shared/anchors/polars_impl.py``, 2026-11-26), with type hints.

Usage: polars_impl.py INPUT.csv OUTPUT.csv

The rules are plain_python_impl.py's. Money is carried in integer cents (Int64), as in pandas_impl.py, so
the results are exact and match the Decimal reference: the premiums (2 decimals) and the rates (4 decimals)
are parsed as Float64 and at once turned into integers with ``round(x * 100)`` / ``round(x * 10000)``, exact
for such texts below 2**53 / 10**4; every row is checked against plain_python_impl.py's Decimal results.
Rounding to 0.01 is half-up (四舍五入), done in integers.
"""

from __future__ import annotations

import sys

import polars as pl

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

SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(), "is_key_founder": pl.Boolean(), "months_since_registration": pl.Int64(),
    "premises": pl.String(), "jobs_created": pl.Int64(), "requested_months": pl.Int64(),
    "hired_from_poor_village": pl.Boolean(), "hire_category": pl.String(), "contract_months": pl.Int64(),
    "insured_months": pl.Int64(), "ui_paid_months": pl.Int64(), "layoff_rate": pl.Float64(),
    "insured_employees": pl.Int64(), "last_year_ui_premiums": pl.Float64(), "loan_amount": pl.Int64(),
    "loan_years": pl.Int64(), "annual_rate": pl.Float64(),
}  # fmt: skip
AMOUNTS = ["rent_subsidy", "hiring_subsidy", "ui_refund", "loan_interest"]

c = pl.col


def half_up_div(a: pl.Expr, b: int) -> pl.Expr:
    """round(a / b) half-up, for integer expressions a >= 0 and integer b > 0."""
    return (2 * a + b) // (2 * b)


def rules() -> list[pl.Expr]:
    key = c("is_key_founder")
    jobs = c("jobs_created")
    monthly = (
        pl.when(c("premises") == "house")
        .then(pl.min_horizontal(HOUSE_BASE + HOUSE_PER_JOB * jobs, HOUSE_CAP))
        .when(c("premises") == "workstation")
        .then(pl.min_horizontal(WS_BASE + WS_PER_JOB * jobs, WS_CAP))
        .otherwise(0)
    )
    months = pl.min_horizontal(c("requested_months"), RENT_MAX_MONTHS_GRANTED)
    rent = (
        pl.when(key & (c("months_since_registration") <= RENT_MAX_MONTHS_SINCE_REG))
        .then(monthly * months * 100)
        .otherwise(0)
    )

    contract_ok = c("contract_months") >= MIN_CONTRACT_MONTHS
    hiring = (
        pl.when(
            c("hired_from_poor_village") & contract_ok & (c("insured_months") >= POOR_VILLAGE_MIN_INSURED)
        )
        .then(POOR_VILLAGE_AMOUNT * 100)
        .when(
            c("hire_category").is_in(GENERAL_CATEGORIES)
            & contract_ok
            & (c("insured_months") >= GENERAL_MIN_INSURED)
        )
        .then(GENERAL_AMOUNT * 100)
        .otherwise(0)
    )

    layoff = c("layoff_rate")
    ui_ok = (c("ui_paid_months") >= UI_MIN_PAID_MONTHS) & (
        (layoff < UI_MAX_LAYOFF_RATE)
        | ((c("insured_employees") <= SMALL_FIRM_MAX_EMPLOYEES) & (layoff <= SMALL_FIRM_MAX_LAYOFF_RATE))
    )
    premium_cents = (c("last_year_ui_premiums") * 100).round(0).cast(pl.Int64)
    ui = pl.when(ui_ok).then(half_up_div(premium_cents * UI_REFUND_NUM, UI_REFUND_DEN)).otherwise(0)

    cap = pl.when(key).then(LOAN_CAP_KEY_FOUNDER).otherwise(LOAN_CAP_OTHER)
    principal = pl.min_horizontal(c("loan_amount"), cap)
    years = pl.min_horizontal(c("loan_years"), LOAN_MAX_YEARS)
    rate_e4 = (c("annual_rate") * 10_000).round(0).cast(pl.Int64)
    loan = half_up_div(principal * rate_e4 * years, 100)

    return [
        rent.alias("rent_subsidy"),
        hiring.alias("hiring_subsidy"),
        ui.alias("ui_refund"),
        loan.alias("loan_interest"),
    ]


def main(inp: str, out: str) -> None:
    df = pl.read_csv(inp, schema_overrides=SCHEMA)
    result = (
        df.select(c("id"), *rules())
        .with_columns(pl.sum_horizontal(AMOUNTS).alias("total"))
        .with_columns([(c(a) / 100) for a in [*AMOUNTS, "total"]])
    )
    result.write_csv(out, float_precision=2)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
