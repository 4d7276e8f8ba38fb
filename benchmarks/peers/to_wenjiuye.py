#!/usr/bin/env python3
"""Convert the four-rule applicants (make_applicants.py) to ``wenjiuye batch`` input.

Adapted from the performance anchors (``shared/anchors/to_wenjiuye.py``, 2026-11-26): type hints, and the
``--set``s below brought up to date with policy.toml (the anchors name ``individual_rate_ceiling_over_lpr``,
since renamed, and lack the two loan readings added after them).

Usage: to_wenjiuye.py IN.csv OUT.csv

One applicant row (all four rules' inputs) becomes three project rows, one per applicant kind the four rules
belong to:

  P-<id> person     : rent_subsidy (创业房租补贴, 第十五条) and startup_loan (个人创业担保贷款贴息, 第十七条)
  H-<id> hire       : hiring_subsidy (一次性吸纳就业补贴)
  E-<id> enterprise : stable_jobs_refund (稳岗返还 = the peers' ui_refund, 第一条)

Facts the peers lack are filled so that only the peers' conditions decide (see the notes at each). Premises
``none`` leaves ``rent_type`` empty: the project then cannot decide the rent subsidy of a key founder
(it needs to know the premises), where the peers pay 0; ``from_wenjiuye.py`` marks those cells undecided and
``compare_outputs.py`` accepts them only where the reference pays 0, and counts them.

Run ``wenjiuye batch --codes`` with :data:`PEERS_READING` to read the rules as the peers do.
"""

from __future__ import annotations

import csv
import sys
from datetime import date

# The --sets that make the project's rules read as the peers' (each checked against policy.toml):
PEERS_READING = (
    # The layoff counts are scaled by 10^4 below to keep the 4-decimal rate exact: scale the 30-staff limit too.
    "stable_jobs_refund.small_firm_max_insured_staff=300000",
    # The peers pay interest at the contract rate: no LPR-based ceiling (LPR + 1 never binds).
    "startup_loan.rate_ceiling_over_lpr=1",
    # The peers discount the interest in full (实施办法 第十七条 as written), also for loans from 2021 on
    # (the default reads 财金〔2020〕21号's LPR−150BP borrower share into loans from 2021-01-01).
    "startup_loan.discount_rule=district_2020",
    # The peers discount every year of the term, also after the policy's end (the default today; stated so
    # that a change of default does not change this benchmark).
    "startup_loan.discount_ends_with_policy=false",
)

COLS = [
    "id", "kind", "application_date",
    # person
    "tianjin_fulltime_student", "university_graduate", "graduation_date", "haihe_talent",
    "registration_date", "registered_in_heping", "rent_type", "jobs_created", "monthly_rent", "rent_months",
    "starting_business_in_heping", "loan_amount", "loan_term_months", "loan_annual_rate", "loan_contract_date",
    "prior_guaranteed_loans",
    # hire
    "hire_date", "registered_unemployed", "registered_unemployed_since", "sme", "first_job_since_graduation",
    "rural_labour", "poor_village_labour", "contract_months", "open_ended_contract", "contribution_months",
    # enterprise
    "ui_contribution_months", "laid_off_count", "insured_staff_count", "small_micro_enterprise",
    "ui_premiums_paid_last_year",
]  # fmt: skip
IX = {c: i for i, c in enumerate(COLS)}
REG = date(2020, 7, 15)  # registration date: + months_since_registration (0..48) stays inside the policy


def add_months(d: date, m: int) -> date:
    y, mo = divmod(d.year * 12 + d.month - 1 + m, 12)
    return date(y, mo + 1, d.day)  # day 15: never clamps


def convert(row: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """The person, hire and enterprise rows of one applicant."""
    width = len(COLS)
    ident = row["id"]
    applied = add_months(REG, int(row["months_since_registration"])).isoformat()
    key = row["is_key_founder"]
    # person: key founder = full-time Tianjin student (one key-group branch; the others false);
    # monthly_rent 100000 so the rent never caps the subsidy; premises none -> rent_type empty
    p = [""] * width
    p[0], p[1], p[2] = f"P-{ident}", "person", applied
    p[IX["tianjin_fulltime_student"]] = key
    p[IX["university_graduate"]] = "false"
    p[IX["haihe_talent"]] = "false"
    p[IX["registration_date"]] = REG.isoformat()
    p[IX["registered_in_heping"]] = "true"
    premises = row["premises"]
    p[IX["rent_type"]] = premises if premises in ("house", "workstation") else ""
    p[IX["jobs_created"]] = row["jobs_created"]
    p[IX["monthly_rent"]] = "100000"
    p[IX["rent_months"]] = row["requested_months"]
    p[IX["starting_business_in_heping"]] = "true"
    p[IX["loan_amount"]] = row["loan_amount"]
    p[IX["loan_term_months"]] = str(12 * int(row["loan_years"]))
    p[IX["loan_annual_rate"]] = row["annual_rate"]
    p[IX["loan_contract_date"]] = applied
    p[IX["prior_guaranteed_loans"]] = "0"
    # hire: category -> the project's category facts; hired 2021-01-15, applied 2021-06-01
    h = [""] * width
    h[0], h[1], h[2] = f"H-{ident}", "hire", "2021-06-01"
    category = row["hire_category"]
    h[IX["hire_date"]] = "2021-01-15"
    if category == "unemployed_6m":
        h[IX["registered_unemployed"]] = "true"
        h[IX["registered_unemployed_since"]] = "2020-01-15"
    else:
        h[IX["registered_unemployed"]] = "false"
    if category == "graduate":
        h[IX["university_graduate"]] = "true"
        h[IX["graduation_date"]] = "2020-07-01"
        h[IX["sme"]] = "true"
        h[IX["first_job_since_graduation"]] = "true"
    else:
        h[IX["university_graduate"]] = "false"
    h[IX["rural_labour"]] = "true" if category == "rural" else "false"
    h[IX["poor_village_labour"]] = row["hired_from_poor_village"]
    h[IX["contract_months"]] = row["contract_months"]
    h[IX["open_ended_contract"]] = "false"
    h[IX["contribution_months"]] = row["insured_months"]
    # enterprise: layoff rate r (4 decimals) and E employees -> laid_off = r*1e4*E, insured = 1e4*E
    # (the exact rate); the small-firm limit is scaled by the --set ...=300000 (30 x 1e4)
    e = [""] * width
    e[0], e[1], e[2] = f"E-{ident}", "enterprise", "2021-06-01"
    employees = int(row["insured_employees"])
    rate_e4 = int(row["layoff_rate"].replace("0.", "", 1))
    e[IX["ui_contribution_months"]] = row["ui_paid_months"]
    e[IX["laid_off_count"]] = str(rate_e4 * employees)
    e[IX["insured_staff_count"]] = str(10000 * employees)
    e[IX["small_micro_enterprise"]] = "true"
    e[IX["ui_premiums_paid_last_year"]] = row["last_year_ui_premiums"]
    return p, h, e


def main(inp: str, out: str) -> None:
    with open(inp, newline="") as fi, open(out, "w", newline="", encoding="utf-8") as fo:
        reader = csv.reader(fi)
        header = next(reader)
        writer = csv.writer(fo, lineterminator="\n")
        writer.writerow(COLS)
        for cells in reader:
            writer.writerows(convert(dict(zip(header, cells, strict=True))))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
