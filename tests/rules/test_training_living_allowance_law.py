"""第二十条 / 序号47 一次性1000元生活费补贴: the four groups, "一年内…一次" under both readings.

Default reading: applied within a year of completing the training (序号46), once for that training, and the
training completed while the policy is in force."""

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
ONCE_PER_12 = load_policy(overrides=["key_group_training.one_off_reading=once_per_12_months"])


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
def test_once_in_twelve_months_reading(on: date, ok: bool) -> None:
    # the other reading of 在一年内申请一次性: last paid 2020-12-30, payable again from 2021-12-31
    outcome = allowance(ONCE_PER_12, application_date=on, training_allowance_received=True,
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
def test_applied_within_a_year_of_the_training(on: date, ok: bool) -> None:
    # 在一年内申请: completed 2021-05-01, the anniversary itself is still within the year
    outcome = allowance(application_date=on)
    assert condition(outcome, "within_year") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_old_training_is_not_paid_however_long_ago() -> None:
    # Training finished in 2015, never paid: not "within a year", and not training under this policy.
    outcome = allowance(skills_training_completed_date=date(2015, 6, 1), application_date=date(2021, 1, 10))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "within_year") is Check.FAILED
    assert condition(outcome, "training_in_force") is Check.FAILED


def test_training_completed_before_the_policy_is_an_interpretation() -> None:
    facts = {"skills_training_completed_date": date(2020, 3, 2), "application_date": date(2020, 8, 1)}
    strict = allowance(**facts)
    assert strict.status is Status.INELIGIBLE
    assert condition(strict, "training_in_force") is Check.FAILED
    lenient = load_policy(overrides=["key_group_training.one_off_requires_training_in_force=false"])
    assert allowance(lenient, **facts).status is Status.ELIGIBLE


@pytest.mark.parametrize(("last", "ok"), [(date(2021, 4, 30), True), (date(2021, 5, 1), False)])
def test_once_for_the_training(last: date, ok: bool) -> None:
    # 一次性: paid on or after the day this training was completed (2021-05-01) means already paid for it
    outcome = allowance(training_allowance_received=True, training_allowance_last_paid=last)
    assert condition(outcome, "once_for_training") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_in_addition_to_the_poor_village_allowance() -> None:
    # 还可: both allowances are paid, each once
    facts = {**BASE, "poor_village_labour": True}
    outcome = allowance(poor_village_labour=True)
    assert [n.code for n in outcome.notes] == ["note.also_poor_village"]
    result = evaluate(applicant("person", **facts), POLICY,
                      only=["training_living_allowance", "poor_village_training_allowance"])  # fmt: skip
    assert result.total == Decimal(1500)


@given(
    completed=st.dates(date(2014, 1, 1), date(2025, 6, 29)),
    days=st.integers(0, 800),
    last=st.one_of(st.none(), st.dates(date(2014, 1, 1), date(2025, 6, 29))),
)
def test_paid_only_within_a_year_of_a_training_under_the_policy_and_once(
    completed: date, days: int, last: date | None
) -> None:
    on = completed + timedelta(days=days)
    if not date(2020, 6, 30) <= on <= date(2025, 6, 29) or (last is not None and last > on):
        return
    outcome = allowance(application_date=on, skills_training_completed_date=completed,
                        training_allowance_received=last is not None, training_allowance_last_paid=last)  # fmt: skip
    expected = (
        completed >= date(2020, 6, 30)
        and on <= add_months(completed, 12)
        and (last is None or last < completed)
    )
    assert (outcome.status is Status.ELIGIBLE) is expected
    assert outcome.amount == (Decimal(1000) if expected else None)


@given(last=st.dates(date(2019, 1, 1), date(2025, 6, 29)), days=st.integers(0, 800))
def test_never_twice_within_twelve_months(last: date, days: int) -> None:
    on = last + timedelta(days=days)
    if not date(2020, 6, 30) <= on <= date(2025, 6, 29):
        return
    outcome = allowance(ONCE_PER_12, application_date=on, skills_training_completed_date=min(on, date(2021, 1, 1)),
                        training_allowance_received=True, training_allowance_last_paid=last)  # fmt: skip
    assert (outcome.status is Status.ELIGIBLE) is (on > add_months(last, 12))
    assert outcome.amount in (None, Decimal(1000))
