"""第十七条 / 序号41 over columns: a small/micro firm's guaranteed loan, up to 300万 for up to 2 years, discounted
at 50% of the LPR (district text, loans contracted before 2021) or by 财金〔2020〕21号 (from 2021)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.output import outcome_dict

ON = date(2023, 1, 1)
FIRM: dict[str, Any] = {
    "starting_business_in_heping": True,
    "small_micro_enterprise": True,
    "qualifying_new_hires_this_year": 4,
    "staff_count": 20,
    "prior_guaranteed_loans": 0,
    "loan_amount": Decimal("1000000.00"),
    "loan_term_months": 24,
    "loan_annual_rate": Decimal("0.045"),
    "loan_contract_date": date(2020, 9, 1),
    "repayment": "interest_only",
}


def firm(sets: list[str] | None = None, **changes: Any) -> Any:
    return same_as_scalar("startup_loan_firm", "enterprise", ON, sets, **{**FIRM, **changes})


def test_district_rule_half_the_lpr_on_the_contract_date() -> None:
    # LPR 3.85% on 2020-09-01: 1,000,000 × 1.925% × 24 ÷ 12
    assert firm().amount == Decimal("38500.00")
    # the principal is capped at 300万
    assert firm(loan_amount=Decimal("4000000.00")).amount == Decimal("115500.00")
    # never more than the interest charged at a contract rate below 1.925%: 1,000,000 × 1.2% × 2
    assert firm(loan_annual_rate=Decimal("0.012")).amount == Decimal("24000.00")


def test_the_formula_changes_shape_on_2021_01_01() -> None:
    before = firm(loan_contract_date=date(2020, 12, 31))
    after = firm(loan_contract_date=date(2021, 1, 1))
    assert before.amount == Decimal("38500.00")
    # 财金〔2020〕21号: min(4.5%, 3.85% + 0.5%) − (3.85% − 1.5%) = 2% on 1,000,000 for 2 years
    assert after.amount == Decimal("40000.00")
    notes = outcome_dict(after, "en")["notes"]
    assert any("lpr_minus_150bp" in n for n in notes)
    assert any("38500" in n and "district_2020" in n for n in notes)  # what the text as written gives


@pytest.mark.parametrize("repayment", ["equal_principal", "equal_installment"])
def test_amortising_schedules_give_less_than_interest_only(repayment: str) -> None:
    amount = firm(repayment=repayment).amount
    assert Decimal("19000") < amount < Decimal("38500.00")


def test_half_a_fen_rounds_up() -> None:
    # 100.00 × 1.925% × 12 ÷ 12 = 1.925 → 1.93
    assert firm(loan_amount=Decimal("100.00"), loan_term_months=12).amount == Decimal("1.93")


def test_hires_reach_20_percent_or_10_percent_from_100_staff() -> None:
    assert firm(qualifying_new_hires_this_year=4, staff_count=20).status is Status.ELIGIBLE
    assert firm(qualifying_new_hires_this_year=3, staff_count=20).status is Status.INELIGIBLE
    assert firm(qualifying_new_hires_this_year=10, staff_count=100).status is Status.ELIGIBLE
    assert firm(qualifying_new_hires_this_year=19, staff_count=99).status is Status.INELIGIBLE


def test_too_few_hires_is_a_failure_even_when_the_staff_count_is_missing() -> None:
    # Kleene trap: the count is known to fail; the staff count is not asked for
    outcome = firm(qualifying_new_hires_this_year=0, staff_count=None)
    assert outcome.status is Status.INELIGIBLE
    hires = next(c for c in outcome.conditions if c.code == "new_hires")
    assert hires.result is Check.FAILED


def test_zero_staff_with_hires_contradicts_and_names_no_missing_fact() -> None:
    outcome = firm(qualifying_new_hires_this_year=2, staff_count=0)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []


def test_loan_count_needs_notability_only_beyond_the_first() -> None:
    assert firm(prior_guaranteed_loans=1, notable_job_creation=None).missing_facts == ["notable_job_creation"]
    assert firm(prior_guaranteed_loans=2, notable_job_creation=True).status is Status.ELIGIBLE
    assert firm(prior_guaranteed_loans=3, notable_job_creation=True).status is Status.INELIGIBLE


def test_the_contract_rate_is_needed_by_the_2021_rule_and_by_the_cap() -> None:
    no_rate = {"loan_annual_rate": None}
    later = firm(loan_contract_date=date(2022, 3, 5), **no_rate)
    assert later.status is Status.CANNOT_DECIDE
    assert later.missing_facts == ["loan_annual_rate"]
    assert firm(**no_rate).status is Status.CANNOT_DECIDE
    uncapped = firm(["startup_loan.firm_discount_capped_by_actual_interest=false"], **no_rate)
    assert uncapped.amount == Decimal("38500.00")


def test_a_contract_before_any_lpr_cannot_be_computed() -> None:
    outcome = firm(loan_contract_date=date(2019, 1, 1))
    assert outcome.status is Status.CANNOT_DECIDE
    assert any("external.lpr_1y" in n for n in outcome_dict(outcome, "en")["notes"])


def test_only_months_begun_in_force_when_the_discount_ends_with_the_policy() -> None:
    sets = ["startup_loan.discount_ends_with_policy=true"]
    # signed 2025-06-01: only the first month begins by 2025-06-29; 1,000,000 × 2% ÷ 12
    assert firm(sets, loan_contract_date=date(2025, 6, 1)).amount == Decimal("1666.67")
    # the first month of an equal-instalment loan is charged on the whole principal, exactly
    outcome = firm(sets, loan_contract_date=date(2025, 6, 1), repayment="equal_installment")
    assert outcome.amount == Decimal("1666.67")
    assert "1250 元" in " ".join(outcome_dict(outcome, "zh")["arithmetic"])


def test_signed_after_the_policy_is_not_under_it() -> None:
    outcome = firm(loan_contract_date=date(2025, 6, 30))
    assert outcome.status is Status.INELIGIBLE
    assert [c.code for c in outcome.conditions][-1] == "signed_in_force"
