"""第二十八条 / 序号61 一次性临时生活补助: 2000 yuan, only until 2020-12-31."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import condition, run
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

BASE: dict[str, Any] = {
    "application_date": date(2020, 9, 1),
    "registered_unemployed": True,
    "unemployment_registered_in_heping": True,
    "low_income_family": True,
}


def grant(policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run("hardship_grant", "person", policy=policy, **facts)


def test_pays_2000_once() -> None:
    outcome = grant()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(2000)


@pytest.mark.parametrize(("applied", "ok"), [(date(2020, 12, 31), True), (date(2021, 1, 1), False)])
def test_only_until_the_end_of_2020(applied: date, ok: bool) -> None:
    # 实施期限截至2020年12月31日
    outcome = grant(application_date=applied)
    assert condition(outcome, "within_period") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_end_date_is_a_parameter() -> None:
    policy = load_policy(overrides=["hardship_grant.end_date=2021-06-30"])
    assert grant(policy, application_date=date(2021, 6, 30)).status is Status.ELIGIBLE


def test_registered_unemployed_in_heping() -> None:
    # 我区登记失业
    assert grant(registered_unemployed=False).status is Status.INELIGIBLE
    assert grant(unemployment_registered_in_heping=False).status is Status.INELIGIBLE


def test_subsistence_families_only_when_overridden() -> None:
    facts = {"low_income_family": False, "subsistence_allowance_family": True}
    assert grant(**facts).status is Status.INELIGIBLE
    policy = load_policy(overrides=["hardship_grant.includes_subsistence_families=true"])
    assert grant(policy, **facts).status is Status.ELIGIBLE


def test_missing_family_status_cannot_decide() -> None:
    outcome = grant(low_income_family=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["low_income_family"]


@given(applied=st.dates(date(2020, 6, 30), date(2025, 6, 29)), low=st.booleans(), heping=st.booleans())
def test_amount_is_2000_or_nothing(applied: date, low: bool, heping: bool) -> None:
    outcome = grant(application_date=applied, low_income_family=low, unemployment_registered_in_heping=heping)
    eligible = applied <= date(2020, 12, 31) and low and heping
    assert (outcome.status is Status.ELIGIBLE) is eligible
    assert outcome.amount == (Decimal(2000) if eligible else None)
