#!/usr/bin/env python3
"""Four subsidy rules as a minimal OpenFisca tax-benefit system, run vectorised.

Copied from the performance anchors (``shared/anchors/openfisca_impl.py``, 2026-11-26), with type hints
(OpenFisca's classes are untyped here: pyproject lets this module subclass them, see ``[tool.mypy]``).
openfisca-core and pandas are not dependencies of the project: run.py installs them into the benchmark's
own virtual environment. The rules are plain_python_impl.py's.

Usage: openfisca_impl.py INPUT.csv OUTPUT.csv [--input-mode arrays|entities]

- One person entity, `applicant` (one row = one applicant = one hire); no group entity.
- Input variables mirror the CSV columns; `premises` and `hire_category` are Enums.
- Parameters (amounts, caps, thresholds) are YAML files in openfisca_params/ beside this file.
- The CSV is read with pandas. Default --input-mode arrays: SimulationBuilder
  declare_person_entity + Simulation.set_input with whole numpy columns (the
  documented way for large data). --input-mode entities builds the JSON-like dict
  that SimulationBuilder.build_from_entities takes (the tutorial way); much slower.

Money: OpenFisca's `float` value_type is numpy float32 (about 7 significant digits),
which cannot hold cents above 131,072 yuan. So money variables here are `int`
(numpy int32) in CENTS, and the premiums input is converted to cents on load.
int32 holds at most 2,147,483,647 cents (21.47 million yuan); larger values would
overflow silently. Rounding to 0.01 is half-up (四舍五入).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.model_api import YEAR, Variable, min_, select, where
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

PERIOD = "2024"
PARAMS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openfisca_params")

Applicant = build_entity(
    key="applicant", plural="applicants", label="A subsidy applicant (one hire per applicant)", is_person=True
)


class Premises(Enum):
    house = "house"
    workstation = "workstation"
    none = "none"


class HireCategory(Enum):
    unemployed_6m = "unemployed for 6 months or more"
    graduate = "college graduate"
    rural = "rural labour"
    other = "other"
    none = "none"


# ---- inputs -------------------------------------------------------------------


class is_key_founder(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = bool
    label = "Key group founder (重点群体创业)"


class months_since_registration(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Months since business registration"


class premises(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = Enum
    possible_values = Premises
    default_value = Premises.none
    label = "Kind of premises rented"


class jobs_created(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Jobs created"


class requested_months(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Months of rent subsidy requested"


class hired_from_poor_village(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = bool
    label = "Hire comes from a poverty-alleviation village"


class hire_category(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = Enum
    possible_values = HireCategory
    default_value = HireCategory.none
    label = "Category of the hire"


class contract_months(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Length of the hire's labour contract, months"


class insured_months(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Months of social insurance paid for the hire"


class ui_paid_months(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Months of unemployment insurance paid by the employer"


class layoff_rate(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = float  # float32: compared with Python-float parameters, see README
    label = "Employer's layoff rate"


class insured_employees(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Employer's insured employees"


class last_year_ui_premiums_cents(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Unemployment-insurance premiums paid last year, in cents"


class loan_amount(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Guaranteed loan amount, yuan"


class loan_years(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    label = "Loan term, years"


class annual_rate(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = float
    label = "Loan annual interest rate (4 decimals)"


# ---- formulas -----------------------------------------------------------------


class rent_subsidy_eligible(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = bool
    label = "Eligible for the start-up rent subsidy"

    def formula(applicant: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).rent_subsidy
        return applicant("is_key_founder", period) & (
            applicant("months_since_registration", period) <= p.max_months_since_registration
        )


class rent_subsidy(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    unit = "cents"
    label = "创业房租补贴, total over the months granted, cents"

    def formula(applicant: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).rent_subsidy
        kind = applicant("premises", period)
        jobs = applicant("jobs_created", period)
        monthly = select(
            [kind == Premises.house, kind == Premises.workstation],
            [
                min_(p.house.base + p.house.per_job * jobs, p.house.cap),
                min_(p.workstation.base + p.workstation.per_job * jobs, p.workstation.cap),
            ],
            0,
        )
        months = min_(applicant("requested_months", period), p.max_months_granted)
        return where(applicant("rent_subsidy_eligible", period), monthly * months * 100, 0)


class hiring_subsidy(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    unit = "cents"
    label = "一次性吸纳就业补贴 for this hire, cents"

    def formula(applicant: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).hiring_subsidy
        contract_ok = applicant("contract_months", period) >= p.min_contract_months
        insured = applicant("insured_months", period)
        category = applicant("hire_category", period)
        general_category = (
            (category == HireCategory.unemployed_6m)
            | (category == HireCategory.graduate)
            | (category == HireCategory.rural)
        )
        return select(
            [
                applicant("hired_from_poor_village", period)
                & contract_ok
                & (insured >= p.poor_village.min_insured_months),
                general_category & contract_ok & (insured >= p.general.min_insured_months),
            ],
            [p.poor_village.amount * 100, p.general.amount * 100],
            0,
        )


class ui_refund_eligible(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = bool
    label = "Eligible for 稳岗返还"

    def formula(applicant: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).ui_refund
        rate = applicant("layoff_rate", period)
        small = (applicant("insured_employees", period) <= p.small_firm.max_insured_employees) & (
            rate <= p.small_firm.max_layoff_rate
        )
        return (applicant("ui_paid_months", period) >= p.min_paid_months) & (
            (rate < p.max_layoff_rate) | small
        )


class ui_refund(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    unit = "cents"
    label = "稳岗返还, cents"

    def formula(applicant: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).ui_refund
        premiums = applicant("last_year_ui_premiums_cents", period).astype(np.float64)
        # half-up to the cent; exact because the refund rate 0.5 is a power of two
        refund = np.floor(premiums * p.refund_rate + 0.5)
        return where(applicant("ui_refund_eligible", period), refund, 0)


class loan_interest(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    unit = "cents"
    label = "创业担保贷款贴息, cents"

    def formula(applicant: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).loan_interest
        cap = where(applicant("is_key_founder", period), p.principal_cap.key_founder, p.principal_cap.other)
        principal = min_(applicant("loan_amount", period), cap).astype(np.int64)
        years = min_(applicant("loan_years", period), p.max_years)
        rate_e4 = np.rint(applicant("annual_rate", period) * 10_000).astype(np.int64)
        tenth_mils = principal * rate_e4 * years  # units of 0.0001 yuan
        return (2 * tenth_mils + 100) // 200  # half-up to the cent


class total_subsidy(Variable):
    entity = Applicant
    definition_period = YEAR
    value_type = int
    unit = "cents"
    label = "Sum of the four subsidies, cents"

    def formula(applicant: Any, period: Any, parameters: Any) -> Any:
        return (
            applicant("rent_subsidy", period)
            + applicant("hiring_subsidy", period)
            + applicant("ui_refund", period)
            + applicant("loan_interest", period)
        )


VARIABLES = [
    is_key_founder,
    months_since_registration,
    premises,
    jobs_created,
    requested_months,
    hired_from_poor_village,
    hire_category,
    contract_months,
    insured_months,
    ui_paid_months,
    layoff_rate,
    insured_employees,
    last_year_ui_premiums_cents,
    loan_amount,
    loan_years,
    annual_rate,
    rent_subsidy_eligible,
    rent_subsidy,
    hiring_subsidy,
    ui_refund_eligible,
    ui_refund,
    loan_interest,
    total_subsidy,
]


class SubsidySystem(TaxBenefitSystem):
    def __init__(self) -> None:
        super().__init__([Applicant])
        self.add_variables(*VARIABLES)
        self.load_parameters(PARAMS_DIR)


DTYPES = {
    "id": "int64",
    "is_key_founder": "bool",
    "months_since_registration": "int64",
    "premises": "str",
    "jobs_created": "int64",
    "requested_months": "int64",
    "hired_from_poor_village": "bool",
    "hire_category": "str",
    "contract_months": "int64",
    "insured_months": "int64",
    "ui_paid_months": "int64",
    "layoff_rate": "float64",
    "insured_employees": "int64",
    "last_year_ui_premiums": "float64",
    "loan_amount": "int64",
    "loan_years": "int64",
    "annual_rate": "float64",
}
DIRECT_INPUTS = [
    "is_key_founder",
    "months_since_registration",
    "jobs_created",
    "requested_months",
    "hired_from_poor_village",
    "contract_months",
    "insured_months",
    "ui_paid_months",
    "layoff_rate",
    "insured_employees",
    "loan_amount",
    "loan_years",
    "annual_rate",
]
ENUM_INPUTS = ["premises", "hire_category"]
OUTPUTS = ["rent_subsidy", "hiring_subsidy", "ui_refund", "loan_interest", "total_subsidy"]


def input_columns(df: Any) -> dict[str, Any]:
    cols = {name: df[name].to_numpy() for name in DIRECT_INPUTS}
    for name in ENUM_INPUTS:
        cols[name] = df[name].to_numpy(dtype=str)  # numpy unicode array, encoded by member name
    cols["last_year_ui_premiums_cents"] = np.rint(df["last_year_ui_premiums"].to_numpy() * 100).astype(
        np.int64
    )
    return cols


def simulation_from_arrays(tbs: Any, df: Any) -> Any:
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("applicant", df["id"].to_numpy())
    simulation = builder.build(tbs)
    for name, values in input_columns(df).items():
        simulation.set_input(name, PERIOD, values)
    return simulation


def simulation_from_entities(tbs: Any, df: Any) -> Any:
    cols = input_columns(df)
    names = list(cols)
    lists = [cols[n].tolist() for n in names]
    ids = [str(i) for i in df["id"].tolist()]
    applicants = {
        pid: {n: {PERIOD: v} for n, v in zip(names, values, strict=True)}
        for pid, values in zip(ids, zip(*lists, strict=True), strict=True)
    }
    return SimulationBuilder().build_from_entities(tbs, {"applicants": applicants})


def main() -> None:
    ap = argparse.ArgumentParser(description="Four subsidy rules in OpenFisca")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--input-mode", choices=["arrays", "entities"], default="arrays")
    args = ap.parse_args()

    tbs = SubsidySystem()
    df = pd.read_csv(args.input, dtype=DTYPES)
    build: Callable[[Any, Any], Any] = (
        simulation_from_arrays if args.input_mode == "arrays" else simulation_from_entities
    )
    simulation = build(tbs, df)
    out = pd.DataFrame({"id": df["id"]})
    for name in OUTPUTS:
        out[name] = simulation.calculate(name, PERIOD) / 100
    out.rename(columns={"total_subsidy": "total"}).to_csv(args.output, index=False, float_format="%.2f")


if __name__ == "__main__":
    main()
