"""第二十八条 / 序号62 首次就业家庭收入扣减: 600 yuan a month for 12 months — a disregard, not a payment."""

from __future__ import annotations

from datetime import date
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

BASE: dict[str, Any] = {
    "application_date": date(2021, 4, 15),
    "subsistence_allowance_family": True,
    "low_income_family": False,
    "jobless_before_job": False,
    "school_graduate": True,
    "first_employment": True,
    "contract_signed_date": date(2021, 3, 31),
}


def disregard(policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run("income_disregard", "person", policy=policy, **facts)


def test_twelve_months_from_the_month_the_contract_is_signed() -> None:
    # 自正式签订劳动合同当月起1年内 … 每月扣减600元
    outcome = disregard()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.schedule[0].month == date(2021, 3, 1)
    assert outcome.schedule[-1].month == date(2022, 2, 1)
    assert outcome.months == 12
    assert outcome.monthly_amount == Decimal(600)
    assert outcome.amount == Decimal(7200)
    assert outcome.extra == {"end_date": date(2022, 2, 28), "end_reason": "duration"}


def test_not_a_payment_and_never_in_the_total() -> None:
    outcome = disregard()
    assert outcome.counts_as_payment is False
    assert outcome.payee is None
    assert "note.not_payment" in [n.code for n in outcome.notes]
    result = evaluate(applicant("person", **BASE), POLICY, only=["income_disregard"])
    assert result.total == 0
    assert result.maxima_total == 0


def test_policy_end_cuts_the_months_under_the_old_reading() -> None:
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])
    outcome = disregard(stop, contract_signed_date=date(2025, 1, 10), application_date=date(2025, 2, 1))
    assert outcome.months == 6
    assert outcome.extra == {"end_date": date(2025, 6, 29), "end_reason": "policy_end"}


def test_months_before_the_policy_are_not_counted() -> None:
    outcome = disregard(contract_signed_date=date(2020, 3, 10), application_date=date(2020, 7, 1))
    assert outcome.schedule[0].month == date(2020, 6, 1)
    assert outcome.months == 9
    assert "note.before_policy_start" in [n.code for n in outcome.notes]


@pytest.mark.parametrize(
    ("subsistence", "low", "ok"), [(True, False, True), (False, True, True), (False, False, False)]
)
def test_subsistence_or_low_income_families(subsistence: bool, low: bool, ok: bool) -> None:
    # 最低生活保障、低收入家庭中的
    outcome = disregard(subsistence_allowance_family=subsistence, low_income_family=low)
    assert (outcome.status is Status.ELIGIBLE) is ok


@pytest.mark.parametrize(
    ("jobless", "graduate", "first", "both", "graduates_only"),
    [
        (True, False, True, True, True),  # jobless, first job
        (True, False, False, False, True),  # jobless, not the first job: depends on the reading
        (False, True, True, True, True),  # graduate, first job
        (False, True, False, False, False),  # graduate, not the first job
        (False, False, True, False, False),  # neither jobless nor a graduate
    ],
)
def test_jobless_and_graduates_taking_a_first_job(
    jobless: bool, graduate: bool, first: bool, both: bool, graduates_only: bool
) -> None:
    # 无业人员和各类毕业生首次就业的
    facts = {"jobless_before_job": jobless, "school_graduate": graduate, "first_employment": first}
    assert (disregard(**facts).status is Status.ELIGIBLE) is both
    policy = load_policy(overrides=["income_disregard.first_job_applies_to=graduates_only"])
    assert (disregard(policy, **facts).status is Status.ELIGIBLE) is graduates_only


def test_contract_not_yet_signed() -> None:
    outcome = disregard(contract_signed_date=date(2021, 5, 1))
    assert outcome.status is Status.INELIGIBLE


def test_missing_facts_cannot_decide() -> None:
    outcome = disregard(first_employment=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["first_employment"]


@given(signed=st.dates(date(2019, 1, 1), date(2025, 6, 29)))
def test_at_most_twelve_months_of_600(signed: date) -> None:
    outcome = disregard(contract_signed_date=signed, application_date=max(signed, date(2020, 6, 30)))
    # Eligible exactly when some month of the 12 falls on or after the policy's first month (2020-06).
    assert (outcome.status is Status.ELIGIBLE) is (signed >= date(2019, 7, 1))
    if outcome.status is Status.INELIGIBLE:
        assert condition(outcome, "months_in_policy") is Check.FAILED
        return
    assert outcome.months is not None
    assert outcome.months > 0
    assert outcome.months <= 12
    assert outcome.amount == Decimal(600) * outcome.months
    assert outcome.counts_as_payment is False
    assert all(line.month >= date(2020, 6, 1) for line in outcome.schedule)
    assert outcome.extra["end_date"] <= add_months(signed, 12)


def test_contract_wholly_before_the_policy_is_ineligible_not_zero() -> None:
    # Signed 2019-03-01: the 12 months ran 2019-03 .. 2020-02, all before the policy (2020-06-30).
    outcome = disregard(contract_signed_date=date(2019, 3, 1), application_date=date(2020, 8, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "months_in_policy") is Check.FAILED
    assert outcome.amount is None
    assert "note.end" not in [n.code for n in outcome.notes]
    assert "note.before_policy_start" in [n.code for n in outcome.notes]


def test_contract_straddling_the_policy_start_counts_from_its_first_month() -> None:
    outcome = disregard(contract_signed_date=date(2019, 11, 20), application_date=date(2020, 8, 1))
    assert outcome.status is Status.ELIGIBLE
    assert [line.month for line in outcome.schedule] == [date(2020, 6, 1), date(2020, 7, 1), date(2020, 8, 1),
                                                         date(2020, 9, 1), date(2020, 10, 1)]  # fmt: skip
    later = disregard(load_policy(overrides=["general.policy_start_month_counts=false"]),
                      contract_signed_date=date(2019, 11, 20), application_date=date(2020, 8, 1))  # fmt: skip
    assert later.months == 4


def test_months_after_the_policy_end_follow_the_interpretation() -> None:
    late = {"contract_signed_date": date(2025, 1, 10), "application_date": date(2025, 2, 1)}
    full = disregard(**late)  # signed in force: the year runs its course
    assert full.months == 12
    assert full.schedule[-1].month == date(2025, 12, 1)
    old = load_policy(overrides=["general.payments_end_with_policy=true"])
    assert disregard(old, **late).months == 6  # 2025-01 .. 2025-06
