#!/usr/bin/env python3
"""Four subsidy rules, standard library only: csv module, one row at a time, Decimal money.

Copied from the performance anchors (``shared/anchors/plain_python_impl.py``, 2026-11-26), with type hints.
It is the reference every other implementation (the project's included) is checked against.

Usage: plain_python_impl.py INPUT.csv OUTPUT.csv

The rules (amounts in yuan):
1. rent_subsidy (创业房租补贴): eligible if ``is_key_founder`` and ``months_since_registration <= 12``.
   Monthly: house ``min(1000 + 500*jobs_created, 2500)``, workstation ``min(300 + 300*jobs_created, 600)``,
   else 0; months ``min(requested_months, 24)``; total = monthly × months.
2. hiring_subsidy (一次性吸纳就业补贴), one hire per row: 2000 if ``hired_from_poor_village`` and
   ``contract_months >= 12`` and ``insured_months >= 1``; else 1000 if ``hire_category`` in
   {unemployed_6m, graduate, rural} and ``contract_months >= 12`` and ``insured_months >= 3``; else 0.
3. ui_refund (稳岗返还): eligible if ``ui_paid_months >= 12`` and (``layoff_rate < 0.055`` or
   (``insured_employees <= 30`` and ``layoff_rate <= 0.20``)); amount ``0.5 * last_year_ui_premiums``.
4. loan_interest (创业担保贷款贴息): cap 500000 if key founder else 300000; principal
   ``min(loan_amount, cap)``; years ``min(loan_years, 3)``; subsidy ``principal * annual_rate * years``.

Output columns: id, rent_subsidy, hiring_subsidy, ui_refund, loan_interest, total (yuan, 2 decimals).
Rounding to 0.01 is half-up (四舍五入).
"""

from __future__ import annotations

import csv
import sys
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
CENT = D("0.01")
ZERO = D("0.00")

# 1. rent subsidy (创业房租补贴)
RENT_MAX_MONTHS_SINCE_REG = 12
RENT_MAX_MONTHS_GRANTED = 24
HOUSE_BASE, HOUSE_PER_JOB, HOUSE_CAP = D(1000), D(500), D(2500)
WS_BASE, WS_PER_JOB, WS_CAP = D(300), D(300), D(600)
# 2. hiring subsidy (一次性吸纳就业补贴)
POOR_VILLAGE_AMOUNT, GENERAL_AMOUNT = D(2000), D(1000)
MIN_CONTRACT_MONTHS = 12
POOR_VILLAGE_MIN_INSURED, GENERAL_MIN_INSURED = 1, 3
GENERAL_CATEGORIES = frozenset({"unemployed_6m", "graduate", "rural"})
# 3. UI refund (稳岗返还)
UI_MIN_PAID_MONTHS = 12
UI_MAX_LAYOFF_RATE = D("0.055")
SMALL_FIRM_MAX_EMPLOYEES = 30
SMALL_FIRM_MAX_LAYOFF_RATE = D("0.20")
UI_REFUND_RATE = D("0.5")
# 4. loan interest (创业担保贷款贴息)
LOAN_CAP_KEY_FOUNDER, LOAN_CAP_OTHER = D(500000), D(300000)
LOAN_MAX_YEARS = 3


def compute(r: list[str], ix: dict[str, int]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    key = r[ix["is_key_founder"]] == "true"

    # 1. rent subsidy
    rent = ZERO
    if key and int(r[ix["months_since_registration"]]) <= RENT_MAX_MONTHS_SINCE_REG:
        premises = r[ix["premises"]]
        jobs = int(r[ix["jobs_created"]])
        if premises == "house":
            monthly = min(HOUSE_BASE + HOUSE_PER_JOB * jobs, HOUSE_CAP)
        elif premises == "workstation":
            monthly = min(WS_BASE + WS_PER_JOB * jobs, WS_CAP)
        else:
            monthly = ZERO
        months = min(int(r[ix["requested_months"]]), RENT_MAX_MONTHS_GRANTED)
        rent = (monthly * months).quantize(CENT)

    # 2. hiring subsidy (one hire per row)
    contract = int(r[ix["contract_months"]])
    insured = int(r[ix["insured_months"]])
    if (
        r[ix["hired_from_poor_village"]] == "true"
        and contract >= MIN_CONTRACT_MONTHS
        and insured >= POOR_VILLAGE_MIN_INSURED
    ):
        hiring = POOR_VILLAGE_AMOUNT.quantize(CENT)
    elif (
        r[ix["hire_category"]] in GENERAL_CATEGORIES
        and contract >= MIN_CONTRACT_MONTHS
        and insured >= GENERAL_MIN_INSURED
    ):
        hiring = GENERAL_AMOUNT.quantize(CENT)
    else:
        hiring = ZERO

    # 3. UI refund
    layoff = D(r[ix["layoff_rate"]])
    if int(r[ix["ui_paid_months"]]) >= UI_MIN_PAID_MONTHS and (
        layoff < UI_MAX_LAYOFF_RATE
        or (
            int(r[ix["insured_employees"]]) <= SMALL_FIRM_MAX_EMPLOYEES
            and layoff <= SMALL_FIRM_MAX_LAYOFF_RATE
        )
    ):
        ui = (UI_REFUND_RATE * D(r[ix["last_year_ui_premiums"]])).quantize(CENT, ROUND_HALF_UP)
    else:
        ui = ZERO

    # 4. loan interest
    cap = LOAN_CAP_KEY_FOUNDER if key else LOAN_CAP_OTHER
    principal = min(D(r[ix["loan_amount"]]), cap)
    years = min(int(r[ix["loan_years"]]), LOAN_MAX_YEARS)
    loan = (principal * D(r[ix["annual_rate"]]) * years).quantize(CENT, ROUND_HALF_UP)

    return rent, hiring, ui, loan


def main(inp: str, out: str) -> None:
    with open(inp, newline="") as fi, open(out, "w", newline="") as fo:
        reader = csv.reader(fi)
        header = next(reader)
        ix = {name: i for i, name in enumerate(header)}
        i_id = ix["id"]
        writer = csv.writer(fo, lineterminator="\n")
        writer.writerow(["id", "rent_subsidy", "hiring_subsidy", "ui_refund", "loan_interest", "total"])
        for r in reader:
            rent, hiring, ui, loan = compute(r, ix)
            writer.writerow([r[i_id], rent, hiring, ui, loan, rent + hiring + ui + loan])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
