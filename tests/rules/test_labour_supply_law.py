"""第二十四条 / 序号57 用工输送奖励: HR agencies (≤600/person) and vocational schools (≤1000/person), maxima."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

AGENCY: dict[str, Any] = {
    "application_date": date(2021, 9, 1),
    "agency_in_heping": True,
    "to_key_shortage_enterprise": True,
    "batch_sent_count": 45,
    "batch_contracted_count": 40,
}
SCHOOL: dict[str, Any] = {
    "application_date": date(2021, 9, 1),
    "to_key_shortage_enterprise": True,
    "batch_sent_count": 50,
    "batch_stayed_count": 35,
}


def agency(**changes: Any) -> Any:
    return run("labour_supply_hr_agency", "hr_agency", **{**AGENCY, **changes})


def school(**changes: Any) -> Any:
    return run("labour_supply_vocational_school", "vocational_school", **{**SCHOOL, **changes})


def test_agency_maximum_600_per_contracted_person() -> None:
    outcome = agency()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount is None
    assert outcome.maximum == Decimal(40 * 600)


@pytest.mark.parametrize(("count", "ok"), [(29, False), (30, True)])
def test_agency_thirty_or_more(count: int, ok: bool) -> None:
    # 一次性输送30人以上 (30 included), counting those with contracts of 1 year or more
    outcome = agency(batch_contracted_count=count)
    assert condition(outcome, "batch_size") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.maximum == Decimal(count * 600)) is ok


def test_the_reward_names_who_would_be_paid_unless_nobody_is() -> None:
    assert agency().payee == "hr_agency"
    assert agency(batch_contracted_count=None).payee == "hr_agency"  # cannot decide: still the agency's
    assert agency(batch_contracted_count=10).payee is None  # ineligible: nobody is paid
    assert school().payee == "vocational_school"
    assert school(batch_stayed_count=10).payee is None


def test_agency_must_be_in_heping_and_supply_key_enterprises() -> None:
    assert agency(agency_in_heping=False).status is Status.INELIGIBLE
    assert agency(to_key_shortage_enterprise=False).status is Status.INELIGIBLE


def test_threshold_reading_can_count_everyone_sent() -> None:
    policy = load_policy(overrides=["labour_supply.threshold_counts=sent"])
    facts = {**AGENCY, "batch_sent_count": 30, "batch_contracted_count": 20}
    assert agency(batch_sent_count=30, batch_contracted_count=20).status is Status.INELIGIBLE
    outcome = run("labour_supply_hr_agency", "hr_agency", policy=policy, **facts)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.maximum == Decimal(20 * 600)  # only those meeting the contract condition


def test_inconsistent_counts_rejected() -> None:
    outcome = agency(batch_sent_count=35, batch_contracted_count=40)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "counts_consistent") is Check.FAILED


@pytest.mark.parametrize(("count", "ok"), [(29, False), (30, True)])
def test_school_thirty_or_more_staying_three_months(count: int, ok: bool) -> None:
    outcome = school(batch_stayed_count=count)
    assert (outcome.status is Status.ELIGIBLE) is ok
    if ok:
        assert outcome.maximum == Decimal(count * 1000)


def test_school_key_enterprise_is_an_interpretation() -> None:
    assert school(to_key_shortage_enterprise=False).status is Status.INELIGIBLE
    policy = load_policy(overrides=["labour_supply.school_requires_key_enterprise=false"])
    facts = {k: v for k, v in SCHOOL.items() if k != "to_key_shortage_enterprise"}
    assert (
        run("labour_supply_vocational_school", "vocational_school", policy=policy, **facts).status
        is Status.ELIGIBLE
    )


def test_maxima_are_never_in_the_total() -> None:
    result = evaluate(applicant("vocational_school", **SCHOOL), POLICY)
    assert result.total == 0
    assert result.maxima_total == Decimal(35 * 1000)


def test_missing_counts() -> None:
    outcome = school(batch_stayed_count=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["batch_stayed_count"]


@given(sent=st.integers(0, 300), qualifying=st.integers(0, 300))
def test_maximum_never_above_per_person_cap(sent: int, qualifying: int) -> None:
    outcome = agency(batch_sent_count=sent, batch_contracted_count=qualifying)
    if outcome.status is Status.ELIGIBLE:
        assert outcome.maximum is not None
        assert outcome.maximum <= 600 * sent
        assert qualifying >= 30
    else:
        assert outcome.maximum is None
        assert qualifying < 30 or qualifying > sent
