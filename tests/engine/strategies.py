"""Hypothesis strategies: random applicants of a kind (facts present, absent or
at edge values), evaluation dates across and beyond the policy's life, and dated ``--set``s."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
from hypothesis import strategies as st

from wenjiuye_cli.engine import Applicant, evaluation_date, measure_by_id
from wenjiuye_cli.engine.schema import EVALUATION_DATE, ID, KIND, frame_schema
from wenjiuye_cli.facts import Facts, FactSpec, IncubatedFirm
from wenjiuye_cli.policy import (
    DECIMAL_UNITS,
    INTEGER_UNITS,
    MONEY_UNITS,
    Policy,
    PolicyError,
    apply_override,
    check_overrides_consistent,
    load_policy,
)

BASE = load_policy()  # never evaluated: copied for every drawn policy
POLICY_START = date(2020, 6, 30)
POLICY_END = date(2025, 6, 29)
EDGE_DAYS = [
    POLICY_START,
    date(2020, 6, 29),
    date(2020, 7, 1),
    date(2020, 12, 31),
    date(2021, 1, 1),
    date(2021, 2, 28),
    date(2022, 1, 31),
    date(2024, 2, 29),
    POLICY_END,
    date(2025, 6, 30),
    date(2025, 6, 1),
    date(2023, 6, 30),
]
dates = st.one_of(st.sampled_from(EDGE_DAYS), st.dates(date(2014, 1, 1), date(2028, 12, 31)))
life_dates = st.one_of(st.sampled_from(EDGE_DAYS), st.dates(date(2019, 6, 1), date(2026, 12, 31)))
small_ints = st.one_of(
    st.sampled_from([0, 1, 2, 3, 11, 12, 13, 23, 24, 25, 29, 30, 31]), st.integers(0, 40), st.integers(0, 500)
)
money = st.one_of(
    st.sampled_from(
        [Decimal("0.00"), Decimal("0.01"), Decimal("850.50"), Decimal("1000.00"), Decimal("2500.00")]
    ),
    st.integers(0, 600_000).map(lambda fen: Decimal(fen).scaleb(-2)),
)
firms = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=4)


def near(anchor: date) -> st.SearchStrategy[date]:
    """A day around ``anchor`` (most dates a rule compares are close to each other)."""
    days = st.one_of(st.integers(-400, 30), st.integers(-400, 30), st.integers(-2400, 400))
    return days.map(lambda d: anchor + timedelta(days=d))


def fact_value(spec: FactSpec, anchor: date) -> st.SearchStrategy[Any]:
    if spec.type == "date":
        if spec.name == "application_date":
            return st.one_of(st.just(anchor), dates)
        return st.one_of(near(anchor), near(anchor), dates)
    if spec.type == "bool":
        return st.sampled_from([True, True, False])
    if spec.type == "int":
        return small_ints
    if spec.type == "money":
        return money
    if spec.type == "ratio":
        return st.integers(0, 1_000_000).map(lambda n: Decimal(n).scaleb(-6))
    if spec.type == "choice":
        return st.sampled_from(sorted(spec.choices))
    if spec.type == "firms":
        return firms
    return st.text(max_size=5)


def _before(anchor: date, low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda d: anchor - timedelta(days=d))


_LOAN: dict[str, Any] = {
    "starting_business_in_heping": lambda anchor: st.just(True),
    "prior_guaranteed_loans": lambda anchor: st.sampled_from([0, 0, 0, 1, 2, 3]),
    "loan_term_months": lambda anchor: st.sampled_from([1, 2, 12, 24, 36, 37, 60]),
    "loan_annual_rate": lambda anchor: st.sampled_from(
        [
            Decimal("0"),
            Decimal("0.0345"),
            Decimal("0.0385"),
            Decimal("0.0435"),
            Decimal("0.06"),
            Decimal("0.012"),
        ]
    ),
    "loan_contract_date": lambda anchor: st.one_of(st.sampled_from(EDGE_DAYS), _before(anchor, 0, 900)),
}
# Facts that make a measure's outcome turn on its amounts (else random facts rarely reach them): used for
# half the applicants, the other facts staying random.
LEANING: dict[str, dict[str, Any]] = {
    # people near their statutory retirement (an original or raised age, give or take a year or so)
    **{
        measure: {
            "birth_date": lambda anchor: st.sampled_from([50, 55, 56, 60, 61, 62]).flatmap(
                lambda years: _before(anchor, years * 365 - 300, years * 366 + 400)
            ),
            "original_retirement_age": lambda anchor: st.sampled_from([None, 50, 55, 55, 60]),
            "ui_benefit_end_date": lambda anchor: _before(anchor, 0, 400),
            "employed_since_benefit_end": lambda anchor: st.sampled_from([False, False, None, True]),
        }
        for measure in ("ui_to_retirement",)
    },
    **{
        measure: {
            "birth_date": lambda anchor: st.sampled_from([30, 40, 45, 50, 55, 56, 58, 60, 61, 62]).flatmap(
                lambda years: _before(anchor, years * 365 - 300, years * 366 + 400)
            ),
            "original_retirement_age": lambda anchor: st.sampled_from([None, 50, 55, 55, 60]),
            "hire_date": lambda anchor: _before(anchor, 0, 400),
            "post_type": lambda anchor, post=post: st.sampled_from([post, post, post, None, "ordinary"]),
            "employment_difficulty": lambda anchor: st.sampled_from([True, True, None, False]),
        }
        for measure, post in (("public_welfare_post", "public_welfare"), ("fallback_placement", "fallback"))
    },
    # hires near the graduate window (2 years), the age limits (35/45) and retirement (extension: 5 years)
    "employer_insurance": {
        "hire_date": lambda anchor: st.one_of(_before(anchor, 0, 400), st.sampled_from(EDGE_DAYS)),
        "post_type": lambda anchor: st.sampled_from(
            ["ordinary", "ordinary", "fallback", None, "public_welfare"]
        ),
        "birth_date": lambda anchor: st.sampled_from([24, 35, 45, 50, 55, 58, 60, 61]).flatmap(
            lambda years: _before(anchor, years * 365 - 400, years * 366 + 400)
        ),
        "original_retirement_age": lambda anchor: st.sampled_from([None, 50, 55, 55, 60]),
        "graduation_date": lambda anchor: _before(anchor, -100, 1300),
        "university_graduate": lambda anchor: st.sampled_from([True, True, None, False]),
        "tianjin_university": lambda anchor: st.sampled_from([True, False, None]),
        "tianjin_origin": lambda anchor: st.sampled_from([True, False, None]),
        "employment_difficulty": lambda anchor: st.sampled_from([True, True, None, False]),
        "care_firm_type": lambda anchor: st.sampled_from(
            ["neither", "neither", "elder_care", "housekeeping", None]
        ),
    },
    "rent_subsidy": {
        "registration_date": lambda anchor: _before(anchor, 0, 380),
        "registered_in_heping": lambda anchor: st.just(True),
        "tianjin_fulltime_student": lambda anchor: st.sampled_from([True, True, None, False]),
    },
    "income_disregard": {
        "low_income_family": lambda anchor: st.sampled_from([True, True, False, None]),
        "first_employment": lambda anchor: st.sampled_from([True, True, False, None]),
        "contract_signed_date": lambda anchor: st.one_of(_before(anchor, 0, 500), st.none()),
    },
    "internship": {
        "internship_base_in_heping": lambda anchor: st.sampled_from([True, True, True, None]),
        "intern_category": lambda anchor: st.sampled_from(
            ["university", "unemployed_youth", "technical_school"]
        ),
        "internship_start": lambda anchor: _before(anchor, 0, 400),
        "internship_end": lambda anchor: _before(anchor, -400, 30),
    },
    # rates near the target (5.5%) and the relaxed 20%, staff around 30
    "stable_jobs_refund": {
        "ui_contribution_months": lambda anchor: st.sampled_from([12, 12, 11, None]),
        "laid_off_count": lambda anchor: st.one_of(st.integers(0, 8), st.none()),
        "insured_staff_count": lambda anchor: st.one_of(st.integers(0, 40), st.sampled_from([200, None])),
    },
    # flexible_insurance: employed flexibly before the date, a few months received, graduates of the last
    # years, certified difficulty with the categories set, people near retirement or past 40/50
    "flexible_insurance": {
        # most often in the years whose minimum base is listed (2022-07 … 2025-07), so periods are computed
        "application_date": lambda anchor: st.one_of(
            st.dates(date(2022, 7, 1), date(2023, 7, 31)), st.just(anchor)
        ),
        "zero_employment_family": lambda anchor: st.sampled_from([True, False, False, None]),
        "subsistence_allowance_family": lambda anchor: st.sampled_from([True, False, False]),
        "sex": lambda anchor: st.sampled_from(["male", "female"]),
        "flexible_employment_since": lambda anchor: _before(anchor, -20, 900),
        "flexible_subsidy_months_received": lambda anchor: st.sampled_from(
            [0, 0, 0, 12, 23, 24, 35, 36, None]
        ),
        "university_graduate": lambda anchor: st.sampled_from([True, True, False, None]),
        "graduation_date": lambda anchor: _before(anchor, -30, 800),
        "tianjin_university": lambda anchor: st.sampled_from([True, True, False, None]),
        "employment_difficulty": lambda anchor: st.sampled_from([True, True, False, None]),
        "birth_date": lambda anchor: st.sampled_from([25, 40, 45, 50, 54, 55, 56, 58, 60, 61]).flatmap(
            lambda years: _before(anchor, years * 365 - 300, years * 366 + 400)
        ),
        "original_retirement_age": lambda anchor: st.sampled_from([None, 50, 55, 55, 60]),
        "flexible_subsidy_expired": lambda anchor: st.sampled_from([True, False, None]),
    },
    "startup_loan": _LOAN,
    # founders registered up to ~4 years back (both periods, the policy's start), some near retirement
    "first_startup_insurance": {
        "registration_date": lambda anchor: st.one_of(
            _before(anchor, 0, 1500), st.sampled_from([date(2020, 6, 1), date(2020, 6, 30), date(2020, 7, 1)])
        ),
        "registered_in_heping": lambda anchor: st.sampled_from([True, True, True, True, False]),
        "business_type": lambda anchor: st.sampled_from(["enterprise", "enterprise", "sole_proprietorship"]),
        "first_business": lambda anchor: st.sampled_from([True, True, True, True, None]),
        "employment_difficulty": lambda anchor: st.sampled_from([True, False, False, None]),
        "tianjin_fulltime_student": lambda anchor: st.sampled_from([False, False, False, True, None]),
        "university_graduate": lambda anchor: st.sampled_from([True, True, False, None]),
        "graduation_date": lambda anchor: _before(anchor, -200, 2600),
        "haihe_talent": lambda anchor: st.sampled_from([False, False, True, None]),
        "haihe_talent_settled_date": lambda anchor: _before(anchor, -200, 2600),
        "sex": lambda anchor: st.sampled_from(["male", "male", "female"]),
        "birth_date": lambda anchor: st.sampled_from([25, 35, 50, 55, 60, 62]).flatmap(
            lambda years: _before(anchor, years * 365 - 300, years * 366 + 400)
        ),
        "original_retirement_age": lambda anchor: st.sampled_from([None, None, None, 50, 55]),
    },
    "first_startup_grant": {
        "registration_date": lambda anchor: _before(anchor, 0, 500),
        "registered_in_heping": lambda anchor: st.just(True),
        "business_type": lambda anchor: st.sampled_from(["enterprise", "enterprise", "sole_proprietorship"]),
        "operating_normally": lambda anchor: st.sampled_from([True, True, None]),
        "tianjin_hukou": lambda anchor: st.sampled_from([True, True, None, False]),
        "registered_unemployed_since": lambda anchor: st.one_of(st.none(), _before(anchor, 300, 1200)),
        "first_business": lambda anchor: st.sampled_from([True, True, None]),
        "jobs_created": lambda anchor: st.sampled_from([0, 1, 2, None]),
        "consecutive_contribution_months": lambda anchor: st.sampled_from([11, 12, 24, None]),
    },
    # hires on both sides of the policy's first day, contributions and contracts at their thresholds
    "hiring_subsidy": {
        "hire_date": lambda anchor: st.one_of(
            st.sampled_from([date(2020, 3, 30), date(2020, 4, 1), date(2020, 5, 30), date(2020, 6, 30)]),
            _before(anchor, 0, 800),
        ),
        "registered_unemployed_since": lambda anchor: st.one_of(st.none(), _before(anchor, 100, 1200)),
        "graduation_date": lambda anchor: st.one_of(st.none(), _before(anchor, 500, 1300)),
        "sme": lambda anchor: st.sampled_from([True, True, None, False]),
        "contract_months": lambda anchor: st.sampled_from([11, 12, 12, 36, None]),
        "contribution_months": lambda anchor: st.sampled_from([0, 1, 2, 3, 3, 4, None]),
        "poor_village_labour": lambda anchor: st.sampled_from([True, False, False, None]),
        "rural_labour": lambda anchor: st.sampled_from([True, False, False, None]),
    },
    "startup_loan_firm": {
        **_LOAN,
        "small_micro_enterprise": lambda anchor: st.just(True),
        "staff_count": lambda anchor: st.sampled_from([0, 1, 5, 10, 99, 100, 101, 250]),
        "qualifying_new_hires_this_year": lambda anchor: st.sampled_from([0, 1, 2, 10, 20, 25, 50]),
    },
}


@st.composite
def applicants(draw: st.DrawFn, measure_id: str, n: int) -> list[tuple[Applicant, date | None, date]]:
    """``n`` applicants of the measure's kinds, each with an ``--as-of`` (or None) and a today."""
    measure = measure_by_id(measure_id)
    out = []
    for i in range(n):
        kind = draw(st.sampled_from(sorted(measure.kinds)))
        values: dict[str, Any] = {}
        anchor = draw(life_dates)
        leaning = LEANING.get(measure_id, {}) if draw(st.booleans()) else {}
        for spec in measure.facts:
            if kind not in spec.kinds:
                continue
            if spec.name in leaning:
                value = draw(leaning[spec.name](anchor))
                if value is not None:
                    values[spec.name] = value
            elif draw(st.integers(0, 5)) > 0:  # present five times in six
                values[spec.name] = draw(fact_value(spec, anchor))
        as_of = draw(st.one_of(st.none(), st.none(), st.just(anchor), near(anchor), life_dates))
        today = draw(st.one_of(st.just(anchor), life_dates))
        out.append((Applicant(f"A{i}", kind, Facts(values)), as_of, today))
    return out


def to_frame(drawn: list[tuple[Applicant, date | None, date]]) -> pl.DataFrame:
    """The applicants as the typed frame :mod:`wenjiuye_cli.engine.schema` describes."""
    kinds = sorted({a.kind for a, _as_of, _today in drawn})
    schema = frame_schema(kinds)
    rows = []
    for applicant, as_of, today in drawn:
        row: dict[str, Any] = {ID: applicant.id, KIND: applicant.kind}
        row[EVALUATION_DATE] = evaluation_date(applicant, as_of, today)[0]
        for name, value in applicant.facts.values.items():
            if schema[name] == pl.List(pl.Struct({"operating_months": pl.Int64, "jobs_created": pl.Int64})):
                value = [{"operating_months": m, "jobs_created": j} for m, j in value]
            row[name] = value
        rows.append(row)
    return pl.DataFrame(rows, schema=schema)


def scalar_facts(applicant: Applicant) -> Applicant:
    """The applicant as ``engine.evaluate`` reads it (firms as :class:`IncubatedFirm`)."""
    values = dict(applicant.facts.values)
    for name, value in values.items():
        if isinstance(value, list):
            values[name] = tuple(IncubatedFirm(m, j) for m, j in value)
    return Applicant(applicant.id, applicant.kind, Facts(values))


def keys_for(measure_id: str) -> list[str]:
    """Parameters a ``--set`` may change for the measure: those of its tasks, and the general ones."""
    tasks = set(measure_by_id(measure_id).tasks)
    keys = [k for k, p in BASE.parameters.items() if tasks & set(p.tasks)]
    keys += ["general.payments_end_with_policy", "general.policy_end", "general.policy_start_month_counts"]
    keys += ["key_groups.graduate_within_years", "key_groups.haihe_settled_within_years"]
    return sorted(set(keys))


@st.composite
def assignment(draw: st.DrawFn, key: str) -> str:
    param = BASE.parameter(key)
    unit = param.unit
    value: str
    if unit in MONEY_UNITS:
        value = str(Decimal(draw(st.integers(0, 500_000))).scaleb(-2))
    elif unit in DECIMAL_UNITS:
        value = str(Decimal(draw(st.integers(0, 200))).scaleb(-2))
    elif unit in INTEGER_UNITS:
        value = str(draw(small_ints))
    elif unit == "flag":
        value = draw(st.sampled_from(["true", "false"]))
    elif unit == "choice":
        value = draw(st.sampled_from(param.choices or []))
    else:
        value = draw(st.dates(POLICY_START, date(2027, 12, 31))).isoformat()
    since = draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2026, 12, 31))))
    return f"{key}={value}" if since is None else f"{key}@{since.isoformat()}={value}"


@st.composite
def policies(draw: st.DrawFn, measure_id: str) -> Policy | None:
    """The shipped policy with 0–3 drawn ``--set``s (None when they contradict each other)."""
    keys = keys_for(measure_id)
    sets = draw(st.lists(st.sampled_from(keys).flatmap(assignment), max_size=3))
    policy = copy.deepcopy(BASE)
    try:
        for one in sets:
            apply_override(policy, one)
        check_overrides_consistent(policy)
    except PolicyError:
        return None
    return policy
