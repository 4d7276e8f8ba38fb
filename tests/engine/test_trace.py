"""``parameters_used`` and ``extra`` of columnar outcomes (``engine.trace``, ``Rule.extra``): what the
measures' tests assert of them (``tests/rules``) holds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.engine.helpers import columnar
from tests.helpers import applicant
from tests.rules.test_payments_end_with_policy_law import KEY, LATE
from wenjiuye_cli.engine import evaluate_measure, measure_by_id
from wenjiuye_cli.engine.query import migrated
from wenjiuye_cli.engine.trace import Tracing, reads_for
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.policy import Policy, load_policy
from wenjiuye_cli.rules._schedule import OWN_KEYS

POLICY = load_policy()

# Keys the former per-row rules read on a path where the columnar declaration has nothing that reads them
# (so they are not in ``parameters_used``), with why; kept from the migration's differential test, which
# held every other key of theirs to be listed.
NOT_TRACED: dict[str, dict[str, str]] = {
    "labour_supply_hr_agency": {
        "labour_supply.hr_min_contract_months": "read by the per-row rule for its arithmetic before the "
        "conditions settle; the columnar rule reads it for the arithmetic of a granted outcome only",
    },
    "labour_supply_vocational_school": {
        "labour_supply.school_min_months": "likewise (the arithmetic's condition line)",
    },
    "stable_jobs_refund": {
        "stable_jobs_refund.layoff_rate_denominator": "a choice with one allowed value, asserted by the "
        "per-row rule; the columnar rule has no other reading to read it for",
    },
    "rent_subsidy": {"rent_subsidy.first_month": "likewise (one allowed value: the application month)"},
    "incubator_construction": dict.fromkeys(
        (
            "incubator.construction_max",
            "incubator.student_share_threshold",
            "incubator.student_uplift",
            "incubator.uplift_raises_maximum",
        ),
        "read by the per-row rule before its cannot-decide exits; the columnar rule reads it for "
        "a granted maximum and the note of missing counts only",
    ),
    "flexible_insurance": {
        "general.policy_start": "read for the periods' first month (``rules._schedule.first_policy_month``): "
        "listed where an amount or an exit is reached, not where the rule stops at a category's "
        "months-left condition",
    },
    "startup_loan": dict.fromkeys(
        (
            "startup_loan.key_group_max",
            "startup_loan.individual_max_term_months",
            "startup_loan.discount_ends_with_policy",
            "startup_loan.repayment",
        ),
        "read by the per-row rule before a parameter found without a value (cannot decide); the "
        "columnar rule reads it for the loan's figures, listed for the outcomes that show them",
    ),
    "startup_loan_firm": dict.fromkeys(
        (
            "startup_loan.firm_max",
            "startup_loan.firm_max_term_months",
            "startup_loan.discount_ends_with_policy",
            "startup_loan.repayment",
        ),
        "likewise (the firm's loan figures)",
    ),
}


def both(measure_id: str, kind: str, policy: Policy = POLICY, **facts: Any) -> tuple[Outcome, Outcome]:
    """(evaluate_frame, evaluate_measure) outcomes of one applicant, evaluated on its application date;
    the facts as ``tests.helpers.applicant`` reads them (e.g. ``"4.35%"``)."""
    person = applicant(kind, **facts)
    on = person.facts.values["application_date"]
    got = columnar(measure_id, kind, on, policy, **person.facts.values)
    want = evaluate_measure(measure_by_id(measure_id), person.facts, policy, on)
    return got, want


# ----------------------------------------------------------------------------- parameters_used

REFUND: dict[str, Any] = {
    "application_date": date(2021, 3, 1),
    "ui_contribution_months": 24,
    "insured_staff_count": 40,
    "laid_off_count": 2,
    "ui_premiums_paid_last_year": Decimal(84000),
}


def test_the_relaxed_comparison_is_listed_where_the_relaxed_rate_decided() -> None:
    # tests/rules/test_stable_jobs_refund_law.py: 20% ≤ 20% under stable_jobs_refund.relaxed_rate_comparison
    facts = {**REFUND, "insured_staff_count": 30, "laid_off_count": 6, "small_micro_enterprise": True}
    got, want = both("stable_jobs_refund", "enterprise", **{**facts, "ui_premiums_paid_last_year": 10000})
    assert got.status is Status.ELIGIBLE
    assert got.amount == Decimal("5000.00")
    assert "stable_jobs_refund.relaxed_rate_comparison" in got.parameters_used
    untraced = set(NOT_TRACED["stable_jobs_refund"])  # the one-reading denominator
    assert set(want.parameters_used) - untraced <= set(got.parameters_used)


def test_the_unemployment_target_is_listed_when_the_layoff_rate_fails_it() -> None:
    tighter = load_policy(overrides=["external.unemployment_rate_target=0.04"])
    got, _ = both(
        "stable_jobs_refund",
        "enterprise",
        tighter,
        **{**REFUND, "laid_off_count": 9, "insured_staff_count": 200},
    )
    assert got.status is Status.INELIGIBLE
    assert "external.unemployment_rate_target" in got.parameters_used
    # the refund's own figures were never reached: not listed
    assert "stable_jobs_refund.refund_ratio" not in got.parameters_used


def test_a_measure_failing_before_its_amount_lists_none_of_the_amount_s_keys() -> None:
    facts = {**REFUND, "ui_contribution_months": 3}  # 参保缴费1年以上: fails
    got, want = both("stable_jobs_refund", "enterprise", **facts)
    assert got.status is Status.INELIGIBLE
    assert "stable_jobs_refund.min_contribution_months" in got.parameters_used
    assert "stable_jobs_refund.refund_ratio" not in got.parameters_used
    assert "stable_jobs_refund.refund_ratio" not in want.parameters_used


def test_outside_the_policy_s_life_nothing_is_read() -> None:
    got = columnar("stable_jobs_refund", "enterprise", date(2019, 1, 1), **REFUND)
    assert got.status is Status.INELIGIBLE
    assert [c.code for c in got.conditions] == ["policy_in_force"]
    assert got.parameters_used == []


LOAN: dict[str, Any] = {
    "application_date": date(2024, 8, 15),
    "starting_business_in_heping": True,
    "tianjin_fulltime_student": False,
    "university_graduate": True,
    "graduation_date": date(2018, 7, 1),
    "haihe_talent": False,
    "prior_guaranteed_loans": 0,
    "loan_amount": Decimal(200000),
    "loan_term_months": 24,
    "loan_annual_rate": "4.35%",
    "loan_contract_date": date(2024, 8, 1),
}


def test_a_loan_past_the_policy_lists_the_reading_of_its_end_and_its_months_only_when_cut() -> None:
    # tests/rules/test_startup_loan_law.py: by default the discount runs on (no discounted_months)
    got, want = both("startup_loan", "person", **LOAN)
    assert got.amount == want.amount == Decimal("8000.00")
    assert "startup_loan.discount_ends_with_policy" in got.parameters_used
    assert "discounted_months" not in got.extra
    assert got.extra == want.extra
    assert got.extra["max_loan"] == Decimal(300000)  # graduated 2018: no longer a key group in 2024
    assert got.extra["discount_rule"] == want.extra["discount_rule"]
    cut = load_policy(overrides=["startup_loan.discount_ends_with_policy=true"])
    got, want = both("startup_loan", "person", cut, **LOAN)
    assert got.extra["discounted_months"] == want.extra["discounted_months"] == 11  # 2024-08 .. 2025-06
    assert got.extra == want.extra


MONTHLY = [case for case in LATE if case[0] in migrated()]


@pytest.mark.parametrize(("measure_id", "kind", "facts", "cut", "full"), MONTHLY, ids=[c[0] for c in MONTHLY])
def test_every_monthly_measure_lists_the_one_interpretation_unless_its_own_decides(
    measure_id: str, kind: str, facts: dict[str, Any], cut: int, full: int
) -> None:
    # tests/rules/test_payments_end_with_policy_law.py, against the columnar outcome
    got, _ = both(measure_id, kind, **facts)
    assert got.months == full
    assert KEY in got.parameters_used
    own = OWN_KEYS[measure_id]
    stopped, _ = both(measure_id, kind, load_policy(overrides=[f"{own}=end_with_policy"]), **facts)
    assert stopped.months == cut
    assert own in stopped.parameters_used
    assert KEY not in stopped.parameters_used  # the measure's own value decided
    # where the schedule ends and why (what calc --schedule shows)
    assert stopped.extra.get("end_reason", "policy_end") == "policy_end"


def test_the_traced_declaration_marks_every_parameter_and_notes_python_reads() -> None:
    params = Tracing(POLICY)
    expr = params.param("rent_subsidy.max_months")
    assert expr.meta.output_name() == "§rent_subsidy.max_months"
    assert params.python_reads == []  # param() reads its segments itself: not a Python-level read
    params.value("rent_subsidy.house_cap_monthly", date(2021, 1, 1))
    assert params.start == date(2020, 6, 30)
    assert params.python_reads == ["rent_subsidy.house_cap_monthly", "general.policy_start"]
    reads = reads_for(POLICY, "rent_subsidy")
    # the amount's rates are read in Python (their change days): they count for a granted outcome
    assert "rent_subsidy.house_cap_monthly" in reads.outcome


# ----------------------------------------------------------------------------------------- extra

RENT: dict[str, Any] = {
    "application_date": date(2024, 10, 10),
    "registration_date": date(2024, 6, 1),
    "registered_in_heping": True,
    "rent_type": "house",
    "jobs_created": 3,
    "rent_months": 24,
    "tianjin_fulltime_student": True,
    "university_graduate": False,
    "haihe_talent": False,
    "monthly_rent": Decimal(3000),
}


@pytest.mark.parametrize("stop", [False, True])
def test_rent_subsidy_says_when_and_why_its_months_end(stop: bool) -> None:
    policy = load_policy(overrides=[f"{KEY}={str(stop).lower()}"])
    got, want = both("rent_subsidy", "person", policy, **RENT)
    assert got.status is Status.ELIGIBLE
    assert got.extra == want.extra
    assert got.extra["first_month"] == date(2024, 10, 1)
    if stop:  # to the policy's last month
        assert got.extra["end_date"] == date(2025, 6, 30)
        assert got.extra["end_reason"] == "policy_end"
    else:  # 24 months: 2024-10 .. 2026-09
        assert got.extra["end_date"] == date(2026, 9, 30)
        assert got.extra["end_reason"] == "duration"
    assert isinstance(got.extra["end_date"], date)


def test_an_ineligible_rent_subsidy_carries_no_extra() -> None:
    got, want = both("rent_subsidy", "person", **{**RENT, "registered_in_heping": False})
    assert got.status is Status.INELIGIBLE
    assert got.extra == want.extra == {}


def test_ui_to_retirement_names_the_end_also_when_the_benefit_is_unknown() -> None:
    facts = {
        "application_date": date(2025, 4, 10),
        "ui_benefit_end_date": date(2025, 3, 31),
        "employed_since_benefit_end": False,
        "sex": "male",
        "birth_date": date(1965, 9, 15),
    }
    got, want = both("ui_to_retirement", "person", **facts)
    assert got.status is Status.CANNOT_DECIDE
    assert got.extra == want.extra
    assert got.extra["end_reason"] == "retirement"
    assert isinstance(got.extra["end_date"], date)
