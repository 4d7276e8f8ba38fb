"""第二十条 / 序号46: 120% training-fee subsidy to the provider and the 500-yuan allowance to the trainee."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import condition, run
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

PROVIDER: dict[str, Any] = {
    "application_date": date(2021, 9, 1),
    "poor_village_trainees": 10,
    "course_subsidy_standard": Decimal(1200),
}
TRAINEE: dict[str, Any] = {
    "application_date": date(2021, 9, 1),
    "poor_village_labour": True,
    "skills_training_completed_date": date(2021, 8, 20),
}


def fee(policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**PROVIDER, **changes}.items() if v is not None}
    return run("poor_village_training_fee", "training_provider", policy=policy, **facts)


def living(**changes: Any) -> Any:
    facts = {k: v for k, v in {**TRAINEE, **changes}.items() if v is not None}
    return run("poor_village_training_allowance", "person", **facts)


def test_fee_is_120_percent_of_the_standard_per_trainee() -> None:
    # 按照补贴标准120%给予培训机构培训费补贴
    outcome = fee()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(14400)
    assert outcome.payee == "applicant"


def test_fee_rounded_once_to_the_fen() -> None:
    assert fee(poor_village_trainees=7, course_subsidy_standard=Decimal("1333.33")).amount == Decimal(
        "11199.97"
    )


def test_no_poor_village_trainee_no_fee() -> None:
    outcome = fee(poor_village_trainees=0)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "poor_village_trainees") is Check.FAILED


def test_course_standard_is_a_fact() -> None:
    outcome = fee(course_subsidy_standard=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["course_subsidy_standard"]


def test_ratio_is_a_parameter() -> None:
    policy = load_policy(overrides=["key_group_training.poor_village_fee_ratio=1.5"])
    assert fee(policy).amount == Decimal(18000)


def test_living_allowance_500() -> None:
    # 按照每人500元标准给予劳动力生活费补贴
    outcome = living()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(500)


def test_living_allowance_only_for_poor_village_trainees() -> None:
    assert living(poor_village_labour=False).status is Status.INELIGIBLE
    assert living(skills_training_completed_date=date(2021, 9, 2)).status is Status.INELIGIBLE
    assert living(skills_training_completed_date=None).missing_facts == ["skills_training_completed_date"]


@given(count=st.integers(0, 500), standard=st.decimals(0, 10000, places=2))
def test_fee_never_above_120_percent(count: int, standard: Decimal) -> None:
    outcome = fee(poor_village_trainees=count, course_subsidy_standard=standard)
    if count == 0 or standard == 0:
        assert outcome.status is Status.INELIGIBLE
        return
    assert outcome.amount == to_fen(count * standard * Decimal("1.2"))
    assert outcome.amount is not None
    assert outcome.amount <= count * standard * Decimal("1.2") + Decimal("0.005")
