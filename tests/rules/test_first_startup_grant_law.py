"""第十四条 / 序号36 一次性创业补贴: the two sets of conditions, each boundary, and 3000 paid once."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, condition, run
from wenjiuye_cli.dates import add_months
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

REGISTERED = date(2021, 3, 10)
# Branch A: a Tianjin resident registered unemployed for exactly half a year when the firm was registered.
A: dict[str, Any] = {
    "application_date": date(2022, 3, 10),
    "registration_date": REGISTERED,
    "business_type": "enterprise",
    "registered_in_heping": True,
    "operating_normally": True,
    "tianjin_hukou": True,
    "registered_unemployed": True,
    "registered_unemployed_since": date(2020, 9, 10),
    "rural_labour": False,
    "first_business": True,
    "jobs_created": 1,
    "consecutive_contribution_months": 12,
    "poor_village_labour": False,
}
# Branch B: poor-village labour, three months after registration.
B: dict[str, Any] = {
    "application_date": date(2021, 6, 10),
    "registration_date": REGISTERED,
    "business_type": "enterprise",
    "registered_in_heping": True,
    "operating_normally": True,
    "poor_village_labour": True,
}


def grant(base: dict[str, Any], policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**base, **changes}.items() if v is not None}
    return run("first_startup_grant", "person", policy=policy, **facts)


def test_branch_a_pays_3000() -> None:
    outcome = grant(A)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(3000)
    assert [c.args["which"] for c in outcome.conditions if c.code == "branch"] == ["branch_a"]


@pytest.mark.parametrize(("since", "ok"), [(date(2020, 9, 10), True), (date(2020, 9, 11), False)])
def test_registered_unemployed_half_a_year_or_more_by_registration(since: date, ok: bool) -> None:
    # 登记失业半年以上 (以上 includes six months exactly)
    outcome = grant(A, registered_unemployed_since=since)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_unemployed_branch_needs_tianjin_hukou() -> None:
    # 本市户籍人员
    outcome = grant(A, tianjin_hukou=False)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "group_a") is Check.FAILED


def test_rural_labour_qualifies_without_hukou_unless_overridden() -> None:
    # 农村劳动力 is a second group; "本市户籍" read as qualifying only the registered unemployed
    rural = {"tianjin_hukou": False, "rural_labour": True, "registered_unemployed_since": None}
    assert grant(A, **rural).status is Status.ELIGIBLE
    strict = load_policy(overrides=["first_startup.hukou_applies_to_rural_labour=true"])
    assert grant(A, strict, **rural).status is Status.INELIGIBLE


def test_first_business_only_for_branch_a() -> None:
    # 首次创办企业 (branch A) vs 新创办企业 (branch B)
    assert grant(A, first_business=False).status is Status.INELIGIBLE
    assert grant(B, first_business=False).status is Status.ELIGIBLE


@pytest.mark.parametrize(
    ("on", "ok"), [(date(2022, 3, 10), True), (date(2022, 3, 9), False), (date(2023, 1, 1), True)]
)
def test_operating_a_full_year(on: date, ok: bool) -> None:
    # 正常经营满1年
    outcome = grant(A, application_date=on)
    assert condition(outcome, "operating_since") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_operating_normally_required() -> None:
    assert grant(A, operating_normally=False).status is Status.INELIGIBLE
    assert grant(B, operating_normally=False).status is Status.INELIGIBLE


@pytest.mark.parametrize(("jobs", "ok"), [(0, False), (1, True), (5, True)])
def test_at_least_one_job(jobs: int, ok: bool) -> None:
    # 带动1人以上就业
    assert (grant(A, jobs_created=jobs).status is Status.ELIGIBLE) is ok


@pytest.mark.parametrize(("months", "ok"), [(11, False), (12, True)])
def test_twelve_consecutive_months_of_contributions(months: int, ok: bool) -> None:
    # 连续缴纳12个月社会保险费
    assert (grant(A, consecutive_contribution_months=months).status is Status.ELIGIBLE) is ok


@pytest.mark.parametrize(("on", "ok"), [(date(2021, 6, 10), True), (date(2021, 6, 9), False)])
def test_poor_village_labour_three_months_or_more(on: date, ok: bool) -> None:
    # 本市困难村劳动力新创办企业并在本区注册经营3个月以上
    outcome = grant(B, application_date=on)
    assert (outcome.status is Status.ELIGIBLE) is ok
    if ok:
        assert outcome.amount == Decimal(3000)
        assert [c.args["which"] for c in outcome.conditions if c.code == "branch"] == ["branch_b"]


def test_must_be_registered_in_heping() -> None:
    # 在本区注册经营
    assert grant(A, registered_in_heping=False).status is Status.INELIGIBLE
    assert grant(B, registered_in_heping=False).status is Status.INELIGIBLE


def notes(outcome: Any, lang: str = "zh") -> list[str]:
    measure = measure_by_id(outcome.measure_id)
    return [render_message(n, measure, lang) for n in outcome.notes]


@pytest.mark.parametrize(("on", "ok"), [(date(2021, 6, 10), True), (date(2021, 6, 9), False)])
def test_a_sole_proprietorship_counts_by_default_and_the_outcome_shows_the_other_reading(
    on: date, ok: bool
) -> None:
    # 首次创办小微企业或从事个体经营 (the national and city rules article 14 implements): a 个体工商户 counts.
    sole = grant(B, business_type="sole_proprietorship", application_date=on)
    assert (sole.status is Status.ELIGIBLE) is ok  # 注册经营3个月以上: 2021-06-10 yes, 2021-06-09 not yet
    if ok:
        assert sole.amount == Decimal(3000)
        assert (
            "按另一种理解（第十四条只写“创办企业”，个体工商户不适用；--set first_startup.sole_proprietorship_counts=false）：不符合"
            in notes(sole)
        )
        assert any(n.startswith("under the other reading (article 14 says") for n in notes(sole, "en"))
    strict = load_policy(overrides=["first_startup.sole_proprietorship_counts=false"])
    refused = grant(B, strict, business_type="sole_proprietorship", application_date=on)
    assert refused.status is Status.INELIGIBLE
    assert condition(refused, "business_type") is Check.FAILED
    other = [n for n in notes(refused) if n.startswith("按另一种理解")]
    assert other == [
        "按另一种理解（按国家和市级口径“首次创办小微企业或从事个体经营”，个体工商户也适用；"
        f"--set first_startup.sole_proprietorship_counts=true）：{'可得 3000 元' if ok else '不符合'}"
    ]
    # an enterprise is not affected, so no second reading is shown
    assert not [n for n in notes(grant(B)) if n.startswith("按另一种理解")]


def test_both_branches_pay_once() -> None:
    outcome = grant(A, poor_village_labour=True)
    assert outcome.amount == Decimal(3000)
    assert [n.code for n in outcome.notes] == ["note.branch_also"]
    # the eligible outcome shows only passed conditions
    assert all(c.result is Check.PASSED for c in outcome.conditions)


def test_undecided_branch_lists_its_facts() -> None:
    outcome = grant(A, consecutive_contribution_months=None, poor_village_labour=False)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["consecutive_contribution_months"]
    assert [n.code for n in outcome.notes] == ["note.branch_failed"]


def test_missing_registration_date() -> None:
    outcome = grant(B, registration_date=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert "registration_date" in outcome.missing_facts


@given(
    registered=st.dates(date(2020, 6, 30), date(2025, 6, 29)),
    days=st.integers(0, 800),
    jobs=st.integers(0, 5),
    paid=st.integers(0, 24),
    poor=st.booleans(),
)
def test_one_amount_and_the_operating_thresholds(
    registered: date, days: int, jobs: int, paid: int, poor: bool
) -> None:
    on = registered + timedelta(days=days)
    facts = {**A, "registration_date": registered, "application_date": on, "jobs_created": jobs,
             "consecutive_contribution_months": paid, "poor_village_labour": poor,
             "registered_unemployed_since": add_months(registered, -6)}  # fmt: skip
    outcome = grant(facts)
    amount = POLICY.value("first_startup.grant_amount", on)
    assert outcome.amount in (None, amount)
    a_holds = add_months(registered, 12) <= on and jobs >= 1 and paid >= 12
    b_holds = poor and add_months(registered, 3) <= on
    in_force = on <= POLICY.value("general.policy_end", on)  # after the policy's end nothing is granted
    assert (outcome.status is Status.ELIGIBLE) is ((a_holds or b_holds) and in_force)
