"""第十七条 / 序号40–41 创业担保贷款贴息 (个人 startup_loan, 小微企业 startup_loan_firm): rules and boundaries."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, condition, run
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render, render_message
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.policy import load_policy

ON = date(2021, 3, 1)
# 财金〔2020〕21号: loans contracted from this day bear the interest below LPR−150BP
NEW_RULE = date(2021, 1, 1)
PERSON: dict[str, Any] = {
    "application_date": ON,
    "starting_business_in_heping": True,
    "tianjin_fulltime_student": False,
    "university_graduate": True,
    "graduation_date": date(2018, 7, 1),  # key entrepreneur group until 2023-07-01
    "haihe_talent": False,
    "prior_guaranteed_loans": 0,
    "loan_amount": Decimal(200000),
    "loan_term_months": 24,
    "loan_annual_rate": "4.35%",
    "loan_contract_date": date(2020, 6, 1),  # LPR 3.85%, ceiling 4.35%
}
FIRM: dict[str, Any] = {
    "application_date": ON,
    "starting_business_in_heping": True,
    "small_micro_enterprise": True,
    "staff_count": 50,
    "qualifying_new_hires_this_year": 10,
    "prior_guaranteed_loans": 0,
    "loan_amount": Decimal(2000000),
    "loan_term_months": 24,
    "loan_annual_rate": "4.35%",
    "loan_contract_date": date(2020, 6, 1),
}
NOT_KEY_GROUP = {"graduation_date": date(2010, 7, 1)}


def person(policy: Any = None, **changes: Any) -> Outcome:
    facts = {k: v for k, v in {**PERSON, **changes}.items() if v is not None}
    return run("startup_loan", "person", policy=policy, **facts)


def firm(policy: Any = None, **changes: Any) -> Outcome:
    facts = {k: v for k, v in {**FIRM, **changes}.items() if v is not None}
    return run("startup_loan_firm", "enterprise", policy=policy, **facts)


def text(outcome: Outcome, code: str, lang: str = "zh") -> str:
    measure = measure_by_id(outcome.measure_id)
    found = [c for c in outcome.conditions if c.code == code]
    assert found, code
    return render(code, found[0].args, measure, lang)


def lines(outcome: Outcome, lang: str = "zh") -> list[str]:
    measure = measure_by_id(outcome.measure_id)
    return [render_message(m, measure, lang) for m in (*outcome.arithmetic, *outcome.notes)]


def bound(outcome: Outcome) -> dict[str, bool]:
    return {c.parameter: c.bound for c in outcome.caps}


# ------------------------------------------------------------------------- individuals (序号40)


def test_individual_full_discount_interest_only() -> None:
    # 在规定的贷款额度、利率和贴息期限内给予全额贴息: 200000 × 4.35% × 24 ÷ 12
    outcome = person()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal("17400.00")
    assert outcome.counts_as_payment
    assert outcome.extra == {
        "max_loan": Decimal(500000),
        "max_term_months": 36,
        "loan_number": 1,
        "repayment": "interest_only",
        "lpr": Decimal("0.0385"),
        "discount_rule": "district_2020",
        "discount_rate": Decimal("0.0435"),
    }
    assert "可贴息利息：200000 × 4.35% × 24 ÷ 12 = 17400 元（按月付息到期还本）" in lines(outcome)


@pytest.mark.parametrize(
    ("changes", "max_loan", "cap"),
    [({}, 500000, "startup_loan.key_group_max"), (NOT_KEY_GROUP, 300000, "startup_loan.individual_max")],
)
def test_loan_above_the_maximum_is_discounted_on_the_maximum(
    changes: dict[str, Any], max_loan: int, cap: str
) -> None:
    # 最高30万元；重点创业人群最高50万元
    outcome = person(loan_amount=Decimal(800000), **changes)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == to_amount(max_loan, "0.0435", 24)
    assert outcome.extra["max_loan"] == Decimal(max_loan)
    assert bound(outcome)[cap] is True
    assert bound(person(loan_amount=Decimal(max_loan), **changes))[cap] is False  # exactly the maximum


def to_amount(principal: int, rate: str, months: int) -> Decimal:
    return (Decimal(principal) * Decimal(rate) * months / 12).quantize(Decimal("0.01"))


def test_not_being_in_a_key_group_only_lowers_the_maximum() -> None:
    outcome = person(**NOT_KEY_GROUP)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.extra["max_loan"] == Decimal(300000)
    assert all(c.code != "key_group" for c in outcome.conditions)
    assert any("贷款最高 300000 元" in line for line in lines(outcome))


def test_key_group_asked_only_when_the_loan_exceeds_the_general_maximum() -> None:
    unknown_group = {"university_graduate": None, "graduation_date": None}
    within = person(loan_amount=Decimal(300000), **unknown_group)
    assert within.status is Status.ELIGIBLE
    assert within.amount == to_amount(300000, "0.0435", 24)
    above = person(loan_amount=Decimal(300001), **unknown_group)
    assert above.status is Status.CANNOT_DECIDE
    assert "graduation_date" in above.missing_facts


@pytest.mark.parametrize(("term", "months", "is_bound"), [(36, 36, False), (37, 36, True), (60, 36, True)])
def test_term_above_three_years_is_discounted_for_three(term: int, months: int, is_bound: bool) -> None:
    # 贷款期限最长3年
    outcome = person(loan_term_months=term)
    assert outcome.amount == to_amount(200000, "0.0435", months)
    assert bound(outcome)["startup_loan.individual_max_term_months"] is is_bound


def test_rate_above_the_ceiling_is_discounted_at_the_ceiling() -> None:
    # 规定的利率: LPR on the contract date + 0.5%
    outcome = person(loan_annual_rate="6%")
    assert outcome.amount == to_amount(200000, "0.0435", 24)
    assert bound(outcome)["startup_loan.rate_ceiling_over_lpr"] is True
    lower = person(loan_annual_rate="3.9%")
    assert lower.amount == to_amount(200000, "0.039", 24)
    assert bound(lower)["startup_loan.rate_ceiling_over_lpr"] is False


@pytest.mark.parametrize(
    ("signed", "lpr", "words"),
    [
        (date(2020, 4, 20), "0.0385", "2020-04-20 的一年期LPR 3.85% + 0.5% = 4.35%"),
        (date(2020, 4, 19), "0.0405", "2020-04-19 的一年期LPR 4.05% + 0.5% = 4.55%"),
    ],
)
def test_lpr_in_force_on_the_contract_date(signed: date, lpr: str, words: str) -> None:
    outcome = person(loan_contract_date=signed, loan_annual_rate="6%")
    assert outcome.extra["lpr"] == Decimal(lpr)
    assert outcome.amount == to_amount(200000, str(Decimal(lpr) + Decimal("0.005")), 24)
    assert words in lines(outcome)[2]


def test_contract_before_any_lpr_cannot_decide() -> None:
    outcome = person(loan_contract_date=date(2019, 1, 1))
    assert outcome.status is Status.CANNOT_DECIDE
    assert [n.args["key"] for n in outcome.notes if n.code == "param_not_in_force"] == ["external.lpr_1y"]


def test_repayment_schedules_month_by_month() -> None:
    # equal principal: interest on the declining balance = P·i·(n+1)/2
    principal = person(repayment="equal_principal")
    assert principal.amount == Decimal("9062.50")  # 200000 × 0.0435/12 × 12.5
    assert principal.extra["repayment"] == "equal_principal"
    installment = person(repayment="equal_installment")
    i = Decimal("0.0435") / 12
    payment = Decimal(200000) * i * (1 + i) ** 24 / ((1 + i) ** 24 - 1)
    assert installment.amount == (payment * 24 - 200000).quantize(Decimal("0.01"))
    assert Decimal("9062.50") < installment.amount < Decimal("17400")


def test_policy_default_repayment_can_be_overridden() -> None:
    policy = load_policy(overrides=["startup_loan.repayment=equal_principal"])
    assert person(policy).amount == Decimal("9062.50")


def test_interest_schedules_agree_on_a_one_month_loan() -> None:
    # one month: every schedule charges one month's interest on the whole principal
    amounts = {
        mode: person(load_policy(overrides=[f"startup_loan.repayment={mode}"]), loan_term_months=1).amount
        for mode in ("interest_only", "equal_principal", "equal_installment")
    }
    assert len(set(amounts.values())) == 1, amounts
    assert next(iter(amounts.values())) is not None


def test_missing_loan_facts_still_show_the_limits() -> None:
    outcome = person(loan_amount=None, loan_term_months=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.amount is None
    assert outcome.missing_facts == ["loan_amount", "loan_term_months"]
    assert outcome.extra["max_loan"] == Decimal(500000)
    assert outcome.extra["max_term_months"] == 36


def test_must_start_up_in_heping() -> None:
    outcome = person(starting_business_in_heping=False)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "starting_business_in_heping") is Check.FAILED


@pytest.mark.parametrize(
    ("prior", "notable", "status"),
    [
        (0, None, Status.ELIGIBLE),  # first loan: the job-creation effect does not matter
        (1, False, Status.INELIGIBLE),  # 2nd loan without a notable effect
        (1, None, Status.CANNOT_DECIDE),
        (1, True, Status.ELIGIBLE),
        (2, True, Status.ELIGIBLE),  # 3rd loan: 最多申请3次
        (3, True, Status.INELIGIBLE),  # 4th loan refused
    ],
)
def test_at_most_three_loans_with_a_notable_job_creation_effect(
    prior: int, notable: bool | None, status: Status
) -> None:
    for outcome in (
        person(prior_guaranteed_loans=prior, notable_job_creation=notable),
        firm(prior_guaranteed_loans=prior, notable_job_creation=notable),
    ):
        assert outcome.status is status
        if status is not Status.CANNOT_DECIDE:
            assert condition(outcome, "loan_count") is (
                Check.PASSED if status is Status.ELIGIBLE else Check.FAILED
            )
    assert "第 4 次" in text(person(prior_guaranteed_loans=3, notable_job_creation=True), "loan_count")


# ------------------------------------------------------------------------- small/micro firms (序号41)


@pytest.mark.parametrize(
    ("staff", "hires", "ok"),
    [
        (50, 10, True),  # exactly 20%: 达到 includes it
        (50, 9, False),  # 18%
        (51, 10, False),  # 19.6%
        (100, 10, True),  # 100人以上企业达到10%: 100 itself is 以上
        (99, 19, False),  # 99 staff still need 20%: 19.2%
        (99, 20, True),
        (250, 24, False),
        (250, 25, True),
    ],
)
def test_firm_new_hires_share(staff: int, hires: int, ok: bool) -> None:
    outcome = firm(staff_count=staff, qualifying_new_hires_this_year=hires)
    assert condition(outcome, "new_hires") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_firm_hire_share_in_words() -> None:
    assert text(firm(staff_count=100), "new_hires") == (
        "新招用人数：当年新招用符合条件 10 人 ÷ 现有在职职工 100 人 = 10% ≥ 10%（100人以上企业）"
    )


def test_firm_needs_at_least_one_new_hire() -> None:
    outcome = firm(staff_count=0, qualifying_new_hires_this_year=0)
    assert outcome.status is Status.INELIGIBLE
    lenient = load_policy(overrides=["startup_loan.firm_min_new_hires=0"])
    assert firm(lenient, staff_count=0, qualifying_new_hires_this_year=0).status is Status.ELIGIBLE


def test_firm_with_zero_staff_but_hires_is_a_contradiction_not_a_missing_fact() -> None:
    outcome = firm(staff_count=0, qualifying_new_hires_this_year=3)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []  # staff_count was given (0)
    assert "staff_count is 0" in text(outcome, "new_hires", "en")


def test_firm_must_be_small_micro() -> None:
    assert firm(small_micro_enterprise=False).status is Status.INELIGIBLE
    assert firm(small_micro_enterprise=None).missing_facts == ["small_micro_enterprise"]


def test_firm_discount_is_half_the_lpr() -> None:
    # 按贷款基础利率的50%给予贴息: 2000000 × (3.85% × 50%) × 24 ÷ 12
    outcome = firm()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal("77000.00")
    assert outcome.extra["discount_rate"] == Decimal("0.01925")
    assert outcome.extra["max_loan"] == Decimal(3000000)
    assert outcome.extra["max_term_months"] == 24


@pytest.mark.parametrize(
    ("signed", "amount"), [(date(2020, 4, 20), "77000.00"), (date(2020, 4, 19), "81000.00")]
)
def test_firm_lpr_on_contract_date(signed: date, amount: str) -> None:
    assert firm(loan_contract_date=signed).amount == Decimal(amount)


def test_firm_loan_and_term_above_the_maxima() -> None:
    # 最高300万元，贷款期限最长2年
    outcome = firm(loan_amount=Decimal(5000000), loan_term_months=36)
    assert outcome.amount == (Decimal(3000000) * Decimal("0.01925") * 2).quantize(Decimal("0.01"))
    assert bound(outcome)["startup_loan.firm_max"] is True
    assert bound(outcome)["startup_loan.firm_max_term_months"] is True


def test_firm_discount_never_above_the_interest_charged() -> None:
    cheap = firm(loan_annual_rate="1.5%")
    assert cheap.amount == Decimal("60000.00")  # 2000000 × 1.5% × 2
    assert bound(cheap)["startup_loan.firm_discount_capped_by_actual_interest"] is True
    uncapped = load_policy(overrides=["startup_loan.firm_discount_capped_by_actual_interest=false"])
    assert firm(uncapped, loan_annual_rate="1.5%").amount == Decimal("77000.00")
    # without the cap the contract rate is not needed at all
    assert firm(uncapped, loan_annual_rate=None).status is Status.ELIGIBLE


# ------------------------------------------------ the 2021 rule (财金〔2020〕21号): LPR−150BP borne by the borrower

OLD_RULE = load_policy(overrides=["startup_loan.discount_rule=district_2020"])
ISSUE_EXAMPLE: dict[str, Any] = {
    "loan_amount": Decimal(300000),
    "loan_term_months": 36,
    "loan_annual_rate": "4.35%",
    "loan_contract_date": date(2021, 3, 22),
    **NOT_KEY_GROUP,
}


def test_a_loan_signed_in_2021_bears_the_interest_below_lpr_minus_150bp() -> None:
    # LPR 3.85%: interest at min(4.35%, 3.85% + 0.5%) = 4.35% is 39150; the borrower bears
    # 300000 × (3.85% − 1.5%) × 3 = 21150; the treasury discounts the rest, 18000 (the text as written: 39150).
    outcome = person(**ISSUE_EXAMPLE)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal("18000.00")
    assert outcome.extra["discount_rule"] == "lpr_minus_150bp"
    assert outcome.extra["borrower_rate"] == Decimal("0.0235")
    assert outcome.extra["discount_rate"] == Decimal("0.0200")
    zh = lines(outcome)
    assert any(line.startswith("2021年起新发放贷款：LPR−150BP 以下部分由借款人承担") for line in zh)
    assert "借款人承担：同一还款计划按 2.35% 计息 21150 元" in zh
    assert "贴息 = max(0, 39150 − 21150) = 18000 元" in zh
    assert any("按实施办法原文" in line and "可得 39150 元" in line for line in zh)
    en = lines(outcome, "en")
    assert any(
        line.startswith("loans contracted from 2021: the interest below LPR−150BP is borne") for line in en
    )
    assert person(OLD_RULE, **ISSUE_EXAMPLE).amount == Decimal("39150.00")


@pytest.mark.parametrize(
    ("signed", "rule", "individual", "company"),
    [
        # 2020-12-31: the district text — 全额贴息 (39150); firm 50% × 3.85% on 2000000 for 2 years (77000)
        (date(2020, 12, 31), "district_2020", "39150.00", "77000.00"),
        # 2021-01-01: 财金〔2020〕21号 — (4.35% − 2.35%) × 3 years on 300000; (4.35% − 2.35%) × 2 on 2000000
        (date(2021, 1, 1), "lpr_minus_150bp", "18000.00", "80000.00"),
    ],
)
def test_the_rule_changes_with_contracts_dated_from_2021_01_01(
    signed: date, rule: str, individual: str, company: str
) -> None:
    alone = person(**{**ISSUE_EXAMPLE, "loan_contract_date": signed})
    assert (alone.extra["discount_rule"], alone.amount) == (rule, Decimal(individual))
    business = firm(loan_contract_date=signed)
    assert (business.extra["discount_rule"], business.amount) == (rule, Decimal(company))
    other = [n for n in (*alone.notes, *business.notes) if n.code == "rule.other_district_2020"]
    assert len(other) == (2 if rule == "lpr_minus_150bp" else 0)


def test_without_a_contract_date_the_rule_cannot_be_chosen() -> None:
    for outcome in (person(loan_contract_date=None), firm(loan_contract_date=None)):
        assert outcome.status is Status.CANNOT_DECIDE
        assert outcome.amount is None
        assert "loan_contract_date" in outcome.missing_facts


def test_a_firm_loan_from_2021_always_needs_the_contract_rate() -> None:
    uncapped = load_policy(overrides=["startup_loan.firm_discount_capped_by_actual_interest=false"])
    assert firm(uncapped, loan_annual_rate=None).status is Status.ELIGIBLE  # 2020 contract: 50% × LPR
    later = firm(uncapped, loan_annual_rate=None, loan_contract_date=date(2021, 1, 1))
    assert later.status is Status.CANNOT_DECIDE
    assert later.missing_facts == ["loan_annual_rate"]


def test_a_contract_rate_below_lpr_minus_150bp_gets_no_discount() -> None:
    outcome = person(**{**ISSUE_EXAMPLE, "loan_annual_rate": "2.35%"})  # exactly LPR 3.85% − 1.5%
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal("0.00")
    assert any("利息全部由借款人承担" in line for line in lines(outcome))
    assert person(**{**ISSUE_EXAMPLE, "loan_annual_rate": "2.36%"}).amount == Decimal("90.00")


def test_an_amortising_2021_loan_discounts_the_rate_difference_on_each_balance() -> None:
    outcome = person(**{**ISSUE_EXAMPLE, "repayment": "equal_installment"})
    i = Decimal("0.0435") / 12
    payment = Decimal(300000) * i * (1 + i) ** 36 / ((1 + i) ** 36 - 1)
    balance, expected = Decimal(300000), Decimal(0)
    for _ in range(36):
        expected += balance * Decimal("0.02") / 12
        balance -= payment - balance * i
    assert outcome.amount == expected.quantize(Decimal("0.01"))


# ------------------------------------------------------------- loans still running when the policy ends

CUT = load_policy(overrides=["startup_loan.discount_ends_with_policy=true"])
LATE: dict[str, Any] = {"application_date": date(2024, 8, 15), "loan_contract_date": date(2024, 8, 1)}
# LPR on 2024-08-01: 3.35 %. A loan from 2021 on: interest at min(4.35 %, 3.35 % + 0.5 %) = 3.85 %, less the
# borrower's part at 3.35 % − 1.5 % = 1.85 %: the discount is worth 2 % a year.


def test_by_default_a_loan_keeps_its_discount_after_the_policy_ends() -> None:
    outcome = person(**LATE)
    assert outcome.amount == Decimal("8000.00")  # 200000 × (3.85% − 1.85%) × 24 ÷ 12
    assert "discounted_months" not in outcome.extra
    assert "startup_loan.discount_ends_with_policy" in outcome.parameters_used


def test_the_discount_can_be_read_as_ending_with_the_policy() -> None:
    # Loan months begin 2024-08-01 … 2025-06-01 on or before the policy's last day 2025-06-29: 11 of 24.
    outcome = person(CUT, **LATE)
    assert outcome.amount == Decimal("3666.67")  # 200000 × (3.85% − 1.85%) × 11 ÷ 12
    assert outcome.extra["discounted_months"] == 11
    shown = "按计息利率计算的利息：200000 × 3.85% × 11 ÷ 12 = ≈7058.33 元（按月付息到期还本）"
    assert shown in lines(outcome)
    assert any("只有前 11 个月（共 24 个月）" in line for line in lines(outcome))
    assert any("only the first 11 of 24 months" in line for line in lines(outcome, "en"))


def test_a_cut_amortising_loan_counts_the_first_months_of_its_full_schedule() -> None:
    outcome = person(CUT, repayment="equal_principal", **LATE)
    rate, part = Decimal("0.02") / 12, Decimal(200000) / 24  # 3.85% − 1.85% on each month's balance
    first_eleven = sum((Decimal(200000) - part * k) * rate for k in range(11))
    assert outcome.amount == first_eleven.quantize(Decimal("0.01"))
    assert any("分 24 期等额还本，前 11 个月" in line for line in lines(outcome))


def test_a_firm_loan_discount_can_end_with_the_policy_too() -> None:
    # 2000000 × (3.85% − 1.85%) over 24 months, or over the 11 months begun by 2025-06-29
    assert firm(**LATE).amount == Decimal("80000.00")
    cut = firm(CUT, **LATE)
    assert cut.amount == Decimal("36666.67")
    assert cut.extra["discounted_months"] == 11


def test_a_loan_that_ends_before_the_policy_is_never_cut() -> None:
    outcome = person(CUT)  # signed 2020-06-01 for 24 months
    assert outcome.amount == person().amount == Decimal("17400.00")
    assert "discounted_months" not in outcome.extra


@pytest.mark.parametrize("policy", [POLICY, CUT], ids=["runs-its-term", "ends-with-policy"])
def test_a_loan_signed_after_the_policy_ends_is_not_under_it(policy: Any) -> None:
    # Applied for while the policy is in force, but the contract is dated after its last day 2025-06-29.
    after = {"application_date": date(2025, 6, 20), "loan_contract_date": date(2025, 7, 15)}
    for outcome in (person(policy, **after), firm(policy, **after)):
        assert outcome.status is Status.INELIGIBLE
        assert condition(outcome, "signed_in_force") is Check.FAILED
        assert "不晚于政策有效期最后一日 2025-06-29" in text(outcome, "signed_in_force")
    # Signed on the last day itself: still under the policy, and under the cut reading one month counts.
    last = {"application_date": date(2025, 6, 20), "loan_contract_date": date(2025, 6, 29)}
    assert condition(person(policy, **last), "signed_in_force") is Check.PASSED
    assert person(policy, **last).status is Status.ELIGIBLE


# ------------------------------------------------------------------------------------------ properties

SAME = load_policy(
    overrides=[
        f"{key}={POLICY.value(key, ON)}"
        for key in (
            "startup_loan.individual_max",
            "startup_loan.key_group_max",
            "startup_loan.individual_max_term_months",
            "startup_loan.individual_discount_share",
            "startup_loan.rate_ceiling_over_lpr",
            "startup_loan.borrower_rate_below_lpr",
            "startup_loan.firm_max",
            "startup_loan.firm_max_term_months",
            "startup_loan.firm_hire_ratio",
            "startup_loan.firm_discount_share_of_lpr",
            "startup_loan.repayment",
            "startup_loan.max_loans_default",
        )
    ]
)
modes = st.sampled_from(["interest_only", "equal_principal", "equal_installment"])
amounts = st.decimals(0, 6_000_000, places=2)
loans = st.decimals(Decimal("0.01"), 6_000_000, places=2)  # a loan of 0 is no loan (tested above)
rates = st.decimals(0, Decimal("0.15"), places=4)
# From the day the LPR+50BP ceiling is known (财金〔2020〕21号, 2020-04-15) to the policy's last day.
signed_dates = st.dates(date(2020, 4, 15), date(2025, 6, 29))


@given(
    loan=loans,
    more=amounts,
    term=st.integers(1, 72),
    rate=rates,
    mode=modes,
    signed=signed_dates,
    key=st.booleans(),
)
def test_individual_properties(
    loan: Decimal, more: Decimal, term: int, rate: Decimal, mode: str, signed: date, key: bool
) -> None:
    facts: dict[str, Any] = {
        "loan_term_months": term,
        "loan_annual_rate": rate,
        "repayment": mode,
        "loan_contract_date": signed,
        **({} if key else NOT_KEY_GROUP),
    }
    now = person(loan_amount=loan, **facts)
    bigger = person(loan_amount=loan + more, **facts)
    longer = person(loan_amount=loan, **{**facts, "loan_term_months": term + 1})
    assert now.amount is not None
    assert bigger.amount is not None
    assert longer.amount is not None
    max_loan = Decimal(500000 if key else 300000)
    lpr = POLICY.value("external.lpr_1y", signed)
    assert isinstance(lpr, Decimal)
    used = min(rate, lpr + Decimal("0.005"))
    # never above interest-only interest on the capped loan, at the capped rate, for the capped term
    # (rounded half up, as the measure rounds: 0.005 is 0.01, not the banker's 0.00)
    assert now.amount <= (min(loan, max_loan) * used * min(term, 36) / 12).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert bigger.amount >= now.amount  # a bigger loan never lowers the discount
    assert longer.amount >= now.amount  # nor does a longer term
    again = person(SAME, loan_amount=loan, **facts)
    assert again.amount == now.amount


@given(
    loan=loans,
    more=amounts,
    term=st.integers(1, 48),
    rate=rates,
    mode=modes,
    signed=signed_dates,
    staff=st.integers(1, 400),
    hires=st.integers(0, 400),
)
def test_firm_properties(
    loan: Decimal, more: Decimal, term: int, rate: Decimal, mode: str, signed: date, staff: int, hires: int
) -> None:
    facts: dict[str, Any] = {
        "loan_term_months": term,
        "loan_annual_rate": rate,
        "repayment": mode,
        "loan_contract_date": signed,
        "staff_count": staff,
        "qualifying_new_hires_this_year": hires,
    }
    now = firm(loan_amount=loan, **facts)
    more_hires = firm(loan_amount=loan, **{**facts, "qualifying_new_hires_this_year": hires + 1})
    bigger = firm(loan_amount=loan + more, **facts)
    if now.status is Status.ELIGIBLE:
        assert more_hires.status is Status.ELIGIBLE  # more qualifying hires never lose eligibility
        assert now.amount is not None
        assert bigger.amount is not None
        lpr = POLICY.value("external.lpr_1y", signed)
        assert isinstance(lpr, Decimal)
        # the most a year's discount can be worth: 50% × LPR before 2021; LPR+50BP − (LPR−150BP) from then
        most = lpr / 2 if signed < NEW_RULE else Decimal("0.02")
        assert now.amount <= (Decimal(3000000) * most * 24 / 12).quantize(Decimal("0.01"))
        assert bigger.amount >= now.amount
    again = firm(SAME, loan_amount=loan, **facts)
    assert (again.status, again.amount) == (now.status, now.amount)


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"loan_term_months": 0}, "期限 0 个月"),
        ({"loan_amount": Decimal(0)}, "贷款金额 0"),
    ],
    ids=["term-0", "amount-0"],
)
def test_a_loan_of_nothing_is_no_loan_to_discount(changes: dict[str, Any], shown: str) -> None:
    # Not "eligible, 0.00": that would read as a discount decided at nothing, not as no loan at all.
    for outcome in (person(**changes), firm(**changes)):
        assert outcome.status is Status.INELIGIBLE
        assert outcome.amount is None
        assert condition(outcome, "loan_taken") is Check.FAILED
        assert shown in text(outcome, "loan_taken")
    assert condition(person(), "loan_taken") is Check.PASSED
    assert condition(firm(), "loan_taken") is Check.PASSED
