"""第十七条 / 序号40 over columns: an individual's guaranteed loan, up to 30万 (50万 for a key entrepreneur) for up to
3 years, discounted in full within LPR + 50BP (district text, loans contracted before 2021) or by
财金〔2020〕21号 (from 2021: the borrower bears the interest below LPR − 150BP)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.output import outcome_dict

ON = date(2023, 1, 1)
PERSON: dict[str, Any] = {
    "starting_business_in_heping": True,
    "prior_guaranteed_loans": 0,
    "loan_amount": Decimal("200000.00"),
    "loan_term_months": 36,
    "loan_annual_rate": Decimal("0.045"),
    "loan_contract_date": date(2020, 9, 1),
    "tianjin_fulltime_student": False,
    "university_graduate": True,
    "graduation_date": date(2010, 1, 1),
    "haihe_talent": False,
}


def person(sets: list[str] | None = None, **changes: Any) -> Any:
    return same_as_scalar("startup_loan", "person", ON, sets, **{**PERSON, **changes})


def notes(outcome: Any, lang: str = "zh") -> str:
    return " | ".join(outcome_dict(outcome, lang)["notes"])


def test_full_discount_within_lpr_plus_50bp() -> None:
    # LPR 3.85% on 2020-09-01: min(4.5%, 4.35%) × 200,000 × 3 years
    assert person().amount == Decimal("26100.00")
    # the term is capped at 36 months
    assert person(loan_term_months=60).amount == Decimal("26100.00")


def test_the_key_group_raises_the_maximum_and_is_no_condition() -> None:
    outside = person(loan_amount=Decimal("450000.00"))
    assert outside.amount == Decimal("39150.00")  # on 300,000
    assert "已毕业超过 5 年" in notes(outside)  # the note says why the group does not hold
    inside = person(loan_amount=Decimal("450000.00"), graduation_date=date(2019, 1, 1))
    assert inside.amount == Decimal("58725.00")  # on the whole 450,000


def test_an_unknown_key_group_matters_only_above_30_wan() -> None:
    within = person(tianjin_fulltime_student=None)
    assert within.status is Status.ELIGIBLE
    assert "不影响贴息" in notes(within)
    above = person(tianjin_fulltime_student=None, loan_amount=Decimal("450000.00"))
    assert above.status is Status.CANNOT_DECIDE
    assert above.missing_facts == ["tianjin_fulltime_student"]


def test_missing_facts_in_the_order_they_are_asked() -> None:
    outcome = person(starting_business_in_heping=None, tianjin_fulltime_student=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["starting_business_in_heping", "tianjin_fulltime_student"]


def test_the_2021_rule_leaves_the_part_below_lpr_minus_150bp_to_the_borrower() -> None:
    # LPR 3.70% on 2022-02-02: min(4.5%, 4.2%) − 2.2% = 2% on 200,000 for 3 years
    outcome = person(loan_contract_date=date(2022, 2, 2))
    assert outcome.amount == Decimal("12000.00")
    assert "26100" not in notes(outcome)
    assert "可得 25200 元" in notes(outcome)  # the district text as written: 4.2% × 200,000 × 3
    borne = person(loan_contract_date=date(2022, 2, 2), loan_annual_rate=Decimal("0.02"))
    assert borne.amount == Decimal("0.00")
    assert "贴息为 0" in notes(borne)


def test_the_rule_is_read_on_the_contract_date_not_the_evaluation_date() -> None:
    assert person(loan_contract_date=date(2020, 12, 31)).amount == Decimal("26100.00")
    # LPR 3.85% on 2021-01-01 too, but the 2021 rule: (4.35% − 2.35%) × 200,000 × 3
    assert person(loan_contract_date=date(2021, 1, 1)).amount == Decimal("12000.00")


def test_equal_principal_is_exact_when_the_sum_terminates() -> None:
    # 200,000 × 4.35% ÷ 12 × (36 + 1) ÷ 2 = 13,412.50 exactly: the text shows no "≈"
    outcome = person(repayment="equal_principal")
    assert outcome.amount == Decimal("13412.50")
    assert "合计 13412.5 元" in " ".join(outcome_dict(outcome, "zh")["arithmetic"])


def test_equal_instalments_and_the_policy_end() -> None:
    full = person(repayment="equal_installment", loan_contract_date=date(2023, 5, 5))
    cut = person(
        ["startup_loan.discount_ends_with_policy=true"],
        repayment="equal_installment",
        loan_contract_date=date(2023, 5, 5),
    )
    assert Decimal(0) < cut.amount < full.amount
    assert "只对这几个月贴息" in notes(cut)


def test_a_parameter_not_in_force_on_the_contract_date() -> None:
    # 2019-09-01 has an LPR but no rate ceiling yet (from 2020-04-15): only that is said
    outcome = person(loan_contract_date=date(2019, 9, 1))
    assert outcome.status is Status.CANNOT_DECIDE
    assert "startup_loan.rate_ceiling_over_lpr" in notes(outcome, "en")
    assert "loan up to" not in notes(outcome, "en")


def test_no_loan_is_ineligible_with_the_maximum_still_said() -> None:
    outcome = person(loan_term_months=0)
    assert outcome.status is Status.INELIGIBLE
    assert "贷款最高 300000 元" in notes(outcome)
