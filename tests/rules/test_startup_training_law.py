"""第十三条 / 序号34 创业培训补贴 (paid to the training provider) and 第十九条 / 序号45 线上职业技能培训补贴."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import condition, run
from wenjiuye_cli.engine import facts_for_kind, measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import PolicyError, load_policy, shipped_parameter_keys

BASE: dict[str, Any] = {
    "application_date": date(2021, 4, 1),
    "startup_training_certified": 20,
    "startup_training_succeeded": 5,
    "improvement_training_certified": 4,
}


def provider(**changes: Any) -> Any:
    return run("startup_training", "training_provider", **{**BASE, **changes})


@pytest.mark.parametrize(
    ("certified", "succeeded", "improvement", "amount"),
    [
        (1, 0, 0, 500),  # 每人500元 培训费补贴
        (1, 1, 0, 1500),  # 再给予 每人1000元 创业成功补贴 (on top)
        (0, 0, 1, 1500),  # 改善和扩大企业培训 每人1500元
        (20, 5, 4, 20 * 500 + 5 * 1000 + 4 * 1500),
    ],
)
def test_amounts_per_trainee(certified: int, succeeded: int, improvement: int, amount: int) -> None:
    outcome = provider(
        startup_training_certified=certified,
        startup_training_succeeded=succeeded,
        improvement_training_certified=improvement,
    )
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(amount)
    assert outcome.payee == "training_provider"


def test_successes_count_only_certified_trainees() -> None:
    outcome = provider(
        startup_training_certified=3, startup_training_succeeded=5, improvement_training_certified=0
    )
    assert outcome.amount == Decimal(3 * 500 + 3 * 1000)
    assert [c.bound for c in outcome.caps] == [True]
    lenient = load_policy(overrides=["startup_training.success_requires_certificate=false"])
    free = run(
        "startup_training",
        "training_provider",
        policy=lenient,
        **{**BASE, "startup_training_certified": 3, "improvement_training_certified": 0},
    )
    assert free.amount == Decimal(3 * 500 + 5 * 1000)


def test_no_certified_trainee_no_subsidy() -> None:
    outcome = provider(
        startup_training_certified=0, startup_training_succeeded=0, improvement_training_certified=0
    )
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "has_trainees") is Check.FAILED


def test_successes_alone_are_paid_when_no_certificate_is_required() -> None:
    # Under the override, a provider whose only trainees started businesses gets the success subsidy.
    only_successes = {"startup_training_certified": 0, "startup_training_succeeded": 5,
                      "improvement_training_certified": 0}  # fmt: skip
    strict = provider(**only_successes)
    assert strict.status is Status.INELIGIBLE
    assert condition(strict, "has_trainees") is Check.FAILED
    lenient = load_policy(overrides=["startup_training.success_requires_certificate=false"])
    free = run("startup_training", "training_provider", policy=lenient, **{**BASE, **only_successes})
    assert free.status is Status.ELIGIBLE
    assert free.amount == Decimal(5 * 1000)
    assert condition(free, "has_trainees") is Check.PASSED


def test_missing_counts_cannot_decide() -> None:
    outcome = run(
        "startup_training",
        "training_provider",
        application_date=date(2021, 4, 1),
        startup_training_certified=5,
    )
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["startup_training_succeeded", "improvement_training_certified"]


@given(a=st.integers(0, 500), b=st.integers(0, 500), c=st.integers(0, 500))
def test_formula_and_monotone(a: int, b: int, c: int) -> None:
    outcome = provider(
        startup_training_certified=a, startup_training_succeeded=b, improvement_training_certified=c
    )
    if a + c == 0:
        assert outcome.status is Status.INELIGIBLE
        return
    assert outcome.amount == Decimal(500 * a + 1000 * min(a, b) + 1500 * c)
    more = provider(
        startup_training_certified=a + 1, startup_training_succeeded=b, improvement_training_certified=c
    )
    assert more.amount is not None
    assert more.amount >= outcome.amount


@pytest.mark.parametrize(("count", "amount"), [(1, 600), (25, 15000)])
def test_online_training_600_per_person(count: int, amount: int) -> None:
    # 第十九条: 按照每人600元的标准给予企业职业技能培训补贴
    outcome = run(
        "online_skills_training",
        "enterprise",
        application_date=date(2021, 4, 1),
        online_trained_persons=count,
    )
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(amount)
    assert outcome.payee == "enterprise"


def test_online_training_none_trained_or_missing() -> None:
    zero = run(
        "online_skills_training", "enterprise", application_date=date(2021, 4, 1), online_trained_persons=0
    )
    assert zero.status is Status.INELIGIBLE
    missing = run("online_skills_training", "enterprise", application_date=date(2021, 4, 1))
    assert missing.status is Status.CANNOT_DECIDE
    assert missing.missing_facts == ["online_trained_persons"]


def test_online_training_rate_is_a_parameter() -> None:
    policy = load_policy(overrides=["online_training.per_person=800"])
    outcome = run(
        "online_skills_training",
        "enterprise",
        policy=policy,
        application_date=date(2021, 4, 1),
        online_trained_persons=2,
    )
    assert outcome.amount == Decimal(1600)


def test_the_half_year_window_is_the_count_s_not_a_parameter_the_rule_ignores() -> None:
    # 培训后半年内: a row holds head counts, not each trainee's dates, so the window is the applicant's to
    # respect when counting — said in the fact's help — and no parameter pretends to apply it (issue 10).
    spec = facts_for_kind("training_provider")["startup_training_succeeded"]
    assert "半年内" in spec.help_zh
    assert "不核对日期" in spec.help_zh
    assert "cannot check the dates" in spec.help_en
    assert "startup_training.success_within_months" not in shipped_parameter_keys()
    with pytest.raises(PolicyError, match="success_within_months"):
        load_policy(overrides=["startup_training.success_within_months=12"])
    outcome = provider()
    success = next(m for m in outcome.arithmetic if m.code == "arith.success")
    assert render_message(success, measure_by_id("startup_training"), "zh") == (
        "创业成功补贴（培训后半年内成功创业，按申请方核实的人数）5 人 × 1000 元 = 5000 元"
    )
