"""第一条 / 序号1 稳岗返还: one test per rule sentence, with the boundaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.engine import evaluate, measure_by_id
from wenjiuye_cli.explain import render
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.policy import load_policy

ON = date(2021, 3, 15)
BASE: dict[str, Any] = {
    "application_date": ON,
    "ui_contribution_months": 24,
    "insured_staff_count": 40,
    "laid_off_count": 2,
    "ui_premiums_paid_last_year": Decimal(84000),
}
MEASURE = measure_by_id("stable_jobs_refund")
# What-if overrides that set parameters to the values they already have.
SAME = load_policy(
    overrides=[
        f"{key}={POLICY.value(key, ON)}"
        for key in (
            "stable_jobs_refund.refund_ratio",
            "stable_jobs_refund.small_firm_layoff_rate_limit",
            "stable_jobs_refund.layoff_rate_comparison",
            "stable_jobs_refund.relaxed_rate_comparison",
            "stable_jobs_refund.small_firm_max_insured_staff",
            "stable_jobs_refund.min_contribution_months",
        )
    ]
)


def refund(policy: Any = None, **changes: Any) -> Outcome:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run("stable_jobs_refund", "enterprise", policy=policy, **facts)


def layoff_text(outcome: Outcome, lang: str = "zh") -> str:
    found = [c for c in outcome.conditions if c.code == "layoff"]
    assert found
    return render("layoff", found[0].args, MEASURE, lang)


def test_refund_is_half_of_last_years_premiums_with_arithmetic() -> None:
    # 返还其上年度企业与职工实际缴纳失业保险费的50%
    outcome = refund()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal("42000.00")
    assert "裁员率 2 ÷ 40 = 5% < 5.5%" in layoff_text(outcome)
    assert [m.code for m in outcome.arithmetic] == ["arith.refund"]
    assert render("arith.refund", outcome.arithmetic[0].args, MEASURE, "zh") == (
        "上年度实际缴纳失业保险费 84000 元 × 50% = 42000 元"
    )


def test_refund_rounds_half_up_to_the_fen() -> None:
    assert refund(ui_premiums_paid_last_year=Decimal("1234.57")).amount == Decimal("617.29")


@pytest.mark.parametrize(("months", "ok"), [(12, True), (11, False), (13, True)])
def test_contributions_for_at_least_12_months(months: int, ok: bool) -> None:
    # 依法缴纳失业保险费满12个月: 12 itself passes
    outcome = refund(ui_contribution_months=months)
    assert condition(outcome, "ui_contribution_months") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_no_layoffs_passes_without_the_staff_count() -> None:
    # 不裁员: the rate is not needed, so neither is the staff count
    outcome = refund(laid_off_count=0, insured_staff_count=None)
    assert outcome.status is Status.ELIGIBLE
    assert condition(outcome, "layoff") is Check.PASSED


@pytest.mark.parametrize(
    ("laid_off", "insured", "ok"),
    [
        (11, 200, False),  # exactly 5.5%: 低于 excludes it
        (10, 200, True),  # 5% < 5.5%
        (12, 200, False),  # 6%
    ],
)
def test_layoff_rate_below_the_unemployment_target(laid_off: int, insured: int, ok: bool) -> None:
    outcome = refund(laid_off_count=laid_off, insured_staff_count=insured)
    assert (outcome.status is Status.ELIGIBLE) is ok
    assert condition(outcome, "layoff") is (Check.PASSED if ok else Check.FAILED)


def test_exactly_the_target_passes_when_read_as_at_most() -> None:
    lenient = load_policy(overrides=["stable_jobs_refund.layoff_rate_comparison=at_most"])
    outcome = refund(policy=lenient, laid_off_count=11, insured_staff_count=200)
    assert outcome.status is Status.ELIGIBLE
    assert "11 ÷ 200 = 5.5% ≤ 5.5%" in layoff_text(outcome)


@pytest.mark.parametrize(("insured", "laid_off", "ok"), [(30, 5, True), (31, 5, False)])
def test_relaxed_20_percent_only_up_to_30_insured_staff(insured: int, laid_off: int, ok: bool) -> None:
    # 对参保职工30人及以下的小微企业，裁员率放宽至20%: 30 included, 31 not
    outcome = refund(insured_staff_count=insured, laid_off_count=laid_off, small_micro_enterprise=True)
    assert (outcome.status is Status.ELIGIBLE) is ok
    if not ok:
        assert "超过 30 人" in layoff_text(outcome)


def test_relaxed_rate_of_exactly_20_percent_passes_by_default() -> None:
    # 放宽至20%: the allowed rate becomes 20%, and 20% itself is allowed (its own interpretation)
    facts: dict[str, Any] = {"insured_staff_count": 30, "laid_off_count": 6, "small_micro_enterprise": True}
    relaxed = refund(**facts, ui_premiums_paid_last_year=Decimal(10000))
    assert relaxed.status is Status.ELIGIBLE
    assert relaxed.amount == Decimal("5000.00")
    assert "20% ≤ 20%" in layoff_text(relaxed)
    assert "stable_jobs_refund.relaxed_rate_comparison" in relaxed.parameters_used
    strict = refund(
        policy=load_policy(overrides=["stable_jobs_refund.relaxed_rate_comparison=below"]), **facts
    )
    assert strict.status is Status.INELIGIBLE
    assert "20% ≥ 20%" in layoff_text(strict)


def test_the_two_comparisons_are_separate_interpretations() -> None:
    # "低于控制目标" stays strict while "放宽至20%" allows 20%: exactly 5.5% of a big firm fails …
    assert refund(laid_off_count=11, insured_staff_count=200).status is Status.INELIGIBLE
    # … and changing the target comparison leaves the relaxed one alone, and the other way round.
    target_only = load_policy(overrides=["stable_jobs_refund.layoff_rate_comparison=at_most"])
    small = {"insured_staff_count": 30, "laid_off_count": 6, "small_micro_enterprise": True}
    assert refund(policy=target_only, **small).status is Status.ELIGIBLE
    relaxed_only = load_policy(overrides=["stable_jobs_refund.relaxed_rate_comparison=below"])
    assert refund(policy=relaxed_only, laid_off_count=10, insured_staff_count=200).status is Status.ELIGIBLE
    assert refund(policy=relaxed_only, laid_off_count=11, insured_staff_count=200).status is Status.INELIGIBLE


def test_relaxed_rate_only_for_small_micro_firms() -> None:
    outcome = refund(insured_staff_count=30, laid_off_count=5, small_micro_enterprise=False)
    assert outcome.status is Status.INELIGIBLE
    assert "不是小微企业" in layoff_text(outcome)


def test_small_micro_asked_only_when_it_matters() -> None:
    # Target met: small/micro is irrelevant and not listed as missing.
    assert refund(insured_staff_count=30, laid_off_count=1).status is Status.ELIGIBLE
    # Target missed, staff ≤ 30, 20% would pass: small/micro decides.
    unknown = refund(insured_staff_count=30, laid_off_count=5)
    assert unknown.status is Status.CANNOT_DECIDE
    assert unknown.missing_facts == ["small_micro_enterprise"]
    # Fails even the relaxed rate: no need to ask.
    assert refund(insured_staff_count=30, laid_off_count=7).status is Status.INELIGIBLE
    # More than 30 staff: no need to ask.
    assert refund(insured_staff_count=31, laid_off_count=5).status is Status.INELIGIBLE


def test_target_comes_from_the_external_parameter_in_force() -> None:
    tighter = load_policy(overrides=["external.unemployment_rate_target=0.04"])
    outcome = refund(policy=tighter, laid_off_count=9, insured_staff_count=200)  # 4.5%
    assert outcome.status is Status.INELIGIBLE
    assert "4.5% ≥ 4%" in layoff_text(outcome)
    assert "external.unemployment_rate_target" in outcome.parameters_used


def test_target_is_read_for_the_year_of_the_layoffs() -> None:
    # 上年度裁员率 against that year's target: a 2026 application (layoffs of 2025) reads the target in force on
    # 2025-12-31 (5.5%, recorded until then), though none is recorded for the evaluation date itself.
    policy = load_policy(overrides=["general.policy_end=2027-06-30"])

    def refund_on(day: date, policy: Any = policy) -> Outcome:
        firm = applicant("enterprise", **{**BASE, "application_date": day})
        (outcome,) = evaluate(firm, policy, only=["stable_jobs_refund"]).outcomes
        return outcome

    in_2026 = refund_on(date(2026, 1, 5))
    assert in_2026.status is Status.ELIGIBLE
    assert "（我市 2025 年调查失业率控制目标）" in layoff_text(in_2026)
    [other] = [n for n in in_2026.notes if n.code == "note.target_other_reading"]
    assert render(other.code, other.args, MEASURE, "zh") == (
        "若改按 2026-01-05 读取控制目标（--set stable_jobs_refund.target_read_on=evaluation_date）：没有取值，无法判断"
    )
    # The other reading: the target in force on the evaluation date, none in 2026.
    old = load_policy(
        overrides=["general.policy_end=2027-06-30", "stable_jobs_refund.target_read_on=evaluation_date"]
    )
    assert refund_on(date(2026, 1, 5), old).status is Status.CANNOT_DECIDE
    # A 2027 application compares 2026's layoffs with 2026's target: none recorded, so it cannot decide and
    # says what to supply.
    in_2027 = refund_on(date(2027, 1, 5))
    assert in_2027.status is Status.CANNOT_DECIDE
    assert in_2027.missing_facts == []
    assert "--set external.unemployment_rate_target@2026-01-01=<value>" in layoff_text(in_2027)
    # A 2020 application (layoffs of 2019): Tianjin set no surveyed-unemployment target for 2019, none is on
    # file, so it cannot decide; the note gives the other reading (2020's 5.5% on the evaluation date).
    in_2020 = refund(application_date=date(2020, 9, 1))
    assert in_2020.status is Status.CANNOT_DECIDE
    assert "2019-12-31 没有我市调查失业率控制目标的取值" in layoff_text(in_2020)
    [other_2020] = [n for n in in_2020.notes if n.code == "note.target_other_reading"]
    assert render(other_2020.code, other_2020.args, MEASURE, "zh").endswith("：控制目标 5.5%，裁员率达标")
    # No layoffs: no target needed.
    none_laid_off = applicant(
        "enterprise", **{**BASE, "application_date": date(2027, 1, 5), "laid_off_count": 0}
    )
    assert evaluate(none_laid_off, policy, only=["stable_jobs_refund"]).outcomes[0].status is Status.ELIGIBLE


def test_missing_facts_are_listed_not_zero() -> None:
    outcome = refund(laid_off_count=None, ui_premiums_paid_last_year=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.amount is None
    assert set(outcome.missing_facts) == {"laid_off_count", "ui_premiums_paid_last_year"}
    only_premiums = refund(ui_premiums_paid_last_year=None)
    assert only_premiums.status is Status.CANNOT_DECIDE
    assert only_premiums.missing_facts == ["ui_premiums_paid_last_year"]


def test_layoffs_with_zero_insured_staff_is_not_guessed() -> None:
    outcome = refund(laid_off_count=3, insured_staff_count=0)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []  # the 0 was given: a contradiction to check, not a missing fact
    assert "参保职工人数填的是 0" in layoff_text(outcome)
    assert "insured_staff_count is 0" in layoff_text(outcome, "en")


def test_short_contributions_are_ineligible_even_with_facts_missing() -> None:
    outcome = refund(ui_contribution_months=6, laid_off_count=None)
    assert outcome.status is Status.INELIGIBLE


def test_english_rendering() -> None:
    assert "layoff rate 2 ÷ 40 = 5% < 5.5%" in layoff_text(refund(), "en")


@given(
    premiums=st.decimals(0, 10_000_000, places=2),
    more=st.decimals(0, 1_000_000, places=2),
    insured=st.integers(1, 500),
    laid_off=st.integers(0, 500),
    small=st.booleans(),
)
def test_properties(premiums: Decimal, more: Decimal, insured: int, laid_off: int, small: bool) -> None:
    facts: dict[str, Any] = {
        "insured_staff_count": insured,
        "laid_off_count": laid_off,
        "small_micro_enterprise": small,
    }
    now = refund(ui_premiums_paid_last_year=premiums, **facts)
    higher = refund(ui_premiums_paid_last_year=premiums + more, **facts)
    assert now.status in (Status.ELIGIBLE, Status.INELIGIBLE)
    assert now.status is higher.status
    if now.status is Status.ELIGIBLE:
        assert now.amount is not None
        assert higher.amount is not None
        assert now.amount <= premiums * Decimal("0.5") + Decimal("0.005")  # never above 50%
        assert higher.amount >= now.amount  # more premiums paid never lowers the refund
        # fewer layoffs never turns an eligible firm ineligible
        if laid_off:
            assert (
                refund(
                    ui_premiums_paid_last_year=premiums, **{**facts, "laid_off_count": laid_off - 1}
                ).status
                is Status.ELIGIBLE
            )
    # overriding a parameter to its current value changes nothing
    again = refund(policy=SAME, ui_premiums_paid_last_year=premiums, **facts)
    assert (again.status, again.amount, again.conditions) == (now.status, now.amount, now.conditions)


def test_the_refund_is_budgeted_to_the_department_its_task_names() -> None:
    # 附件1 序号1 names 区人社局 alone; the article's list (with 区税务局、社险和平分中心) covers 序号3 too,
    # the contribution-rate cut. The budget by department must not put the refund under that group.
    assert measure_by_id("stable_jobs_refund").department == "区人社局"
    for key, param in POLICY.parameters.items():
        if key.startswith("stable_jobs_refund."):
            assert param.department == "区人社局", key
