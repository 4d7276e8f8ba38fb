"""第二十条 / 序号47 一次性1000元生活费补贴: the four groups, "一年内…一次" under both readings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.dates import add_months
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

NONE_OF_THEM = {
    "employment_difficulty": False,
    "zero_employment_family": False,
    "rural_school_leaver": False,
    "subsistence_allowance_family": False,
}
BASE: dict[str, Any] = {
    "application_date": date(2021, 12, 31),
    **NONE_OF_THEM,
    "employment_difficulty": True,
    "skills_training_completed_date": date(2021, 5, 1),
    "training_allowance_received": False,
}
WITHIN_YEAR = load_policy(overrides=["key_group_training.one_off_reading=within_year_of_training"])


def allowance(policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run("training_living_allowance", "person", policy=policy, **facts)


@pytest.mark.parametrize(
    "group",
    [
        "employment_difficulty",
        "zero_employment_family",
        "rural_school_leaver",
        "subsistence_allowance_family",
    ],
)
def test_each_group_gets_1000(group: str) -> None:
    # 就业困难人员、零就业家庭成员、农村未继续升学初高中毕业生和低保家庭学员
    outcome = allowance(**{**NONE_OF_THEM, group: True})
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(1000)


def test_other_trainees_are_ineligible() -> None:
    outcome = allowance(**NONE_OF_THEM)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "group") is Check.FAILED


def test_only_trainees() -> None:
    outcome = allowance(skills_training_completed_date=date(2022, 1, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "training_completed") is Check.FAILED


@pytest.mark.parametrize(("on", "ok"), [(date(2021, 12, 30), False), (date(2021, 12, 31), True)])
def test_once_in_twelve_months(on: date, ok: bool) -> None:
    # 在一年内申请一次性: last paid 2020-12-30, payable again from 2021-12-31
    outcome = allowance(application_date=on, training_allowance_received=True,
                        training_allowance_last_paid=date(2020, 12, 30))  # fmt: skip
    assert condition(outcome, "once_per_year") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_received_without_date_cannot_decide() -> None:
    outcome = allowance(training_allowance_received=True)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["training_allowance_last_paid"]
    unknown = allowance(training_allowance_received=None)
    assert unknown.missing_facts == ["training_allowance_received"]


@pytest.mark.parametrize(("on", "ok"), [(date(2022, 5, 1), True), (date(2022, 5, 2), False)])
def test_within_a_year_of_training_reading(on: date, ok: bool) -> None:
    outcome = allowance(WITHIN_YEAR, application_date=on, training_allowance_received=None)
    assert condition(outcome, "within_year") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_in_addition_to_the_poor_village_allowance() -> None:
    # 还可: both allowances are paid, each once
    facts = {**BASE, "poor_village_labour": True}
    outcome = allowance(poor_village_labour=True)
    assert [n.code for n in outcome.notes] == ["note.also_poor_village"]
    result = evaluate(applicant("person", **facts), POLICY,
                      only=["training_living_allowance", "poor_village_training_allowance"])  # fmt: skip
    assert result.total == Decimal(1500)


@given(last=st.dates(date(2019, 1, 1), date(2025, 6, 29)), days=st.integers(0, 800))
def test_never_twice_within_twelve_months(last: date, days: int) -> None:
    on = last + timedelta(days=days)
    if not date(2020, 6, 30) <= on <= date(2025, 6, 29):
        return
    outcome = allowance(application_date=on, skills_training_completed_date=min(on, date(2021, 1, 1)),
                        training_allowance_received=True, training_allowance_last_paid=last)  # fmt: skip
    assert (outcome.status is Status.ELIGIBLE) is (on > add_months(last, 12))
    assert outcome.amount in (None, Decimal(1000))
