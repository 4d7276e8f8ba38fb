"""第十条 / 序号29 一次性吸纳就业补贴: one hire per row; each category, the conditions and their boundaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import condition, run
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

HIRED = date(2021, 3, 15)
NONE_OF_THEM: dict[str, Any] = {
    "application_date": date(2021, 8, 1),
    "hire_date": HIRED,
    "registered_unemployed": False,
    "sme": True,
    "university_graduate": False,
    "rural_labour": False,
    "poor_village_labour": False,
    "contract_months": 12,
    "contribution_months": 3,
}


def hire(**changes: Any) -> Any:
    return run("hiring_subsidy", "hire", **{**NONE_OF_THEM, **changes})


def test_no_category_no_subsidy() -> None:
    outcome = hire()
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "hire_category") is Check.FAILED


@pytest.mark.parametrize(("since", "ok"), [(date(2020, 9, 15), True), (date(2020, 9, 16), False)])
def test_registered_unemployed_half_year(since: date, ok: bool) -> None:
    # 企业吸纳登记失业半年以上人员: six months to the day counts
    outcome = hire(registered_unemployed=True, registered_unemployed_since=since)
    assert (outcome.status is Status.ELIGIBLE) is ok
    if ok:
        assert outcome.amount == Decimal(1000)
        assert outcome.extra["category"] == "unemployed"


@pytest.mark.parametrize(
    ("graduated", "sme", "first_job", "ok"),
    [
        (date(2019, 3, 15), True, True, True),  # 毕业2年内: exactly two years
        (date(2019, 3, 14), True, True, False),  # two years and a day
        (date(2021, 6, 30), True, True, True),  # 应届: hired before graduating
        (date(2020, 7, 1), False, True, False),  # 中小微企业 only
        (date(2020, 7, 1), True, False, False),  # 离校未就业: not a first job
    ],
)
def test_sme_hiring_new_or_recent_graduates(graduated: date, sme: bool, first_job: bool, ok: bool) -> None:
    outcome = hire(
        university_graduate=True, graduation_date=graduated, sme=sme, first_job_since_graduation=first_job
    )
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_rural_labour() -> None:
    outcome = hire(rural_labour=True)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(1000)
    assert outcome.payee == "enterprise"


@pytest.mark.parametrize(("months", "ok"), [(11, False), (12, True)])
def test_contract_of_one_year_or_more(months: int, ok: bool) -> None:
    # 签订1年以上劳动合同: 12 months included
    outcome = hire(rural_labour=True, contract_months=months)
    assert condition(outcome, "contract") is (Check.PASSED if ok else Check.FAILED)


def test_open_ended_contract_counts() -> None:
    outcome = hire(rural_labour=True, contract_months=None, open_ended_contract=True)
    assert outcome.status is Status.ELIGIBLE


@pytest.mark.parametrize(("months", "ok"), [(2, False), (3, True)])
def test_three_months_of_contributions(months: int, ok: bool) -> None:
    outcome = hire(rural_labour=True, contribution_months=months)
    assert (outcome.status is Status.ELIGIBLE) is ok


@pytest.mark.parametrize(("months", "ok"), [(0, False), (1, True)])
def test_poor_village_2000_with_one_month(months: int, ok: bool) -> None:
    # 标准提高到每人2000元，参保缴费条件放宽至满1个月
    outcome = hire(poor_village_labour=True, contribution_months=months)
    assert (outcome.status is Status.ELIGIBLE) is ok
    if ok:
        assert outcome.amount == Decimal(2000)


def test_two_categories_paid_once_at_the_higher_standard() -> None:
    outcome = hire(poor_village_labour=True, rural_labour=True, contribution_months=5)
    assert outcome.amount == Decimal(2000)  # not 3000
    assert outcome.extra["categories_met"] == ["rural", "poor_village"]
    assert any(n.code == "note.poor_village_instead" for n in outcome.notes)
    both = hire(rural_labour=True, registered_unemployed=True, registered_unemployed_since=date(2020, 1, 1))
    assert both.amount == Decimal(1000)
    assert any(n.code == "note.once" for n in both.notes)


def test_poor_village_contract_still_required() -> None:
    assert hire(poor_village_labour=True, contract_months=6).status is Status.INELIGIBLE


def test_unknown_poor_village_status_decides_the_standard() -> None:
    outcome = hire(rural_labour=True, poor_village_labour=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["poor_village_labour"]
    assert outcome.amount is None
    # with 1–2 months of contributions only poor-village labour could qualify
    few = hire(rural_labour=True, poor_village_labour=None, contribution_months=2)
    assert few.status is Status.CANNOT_DECIDE
    assert condition(few, "contributions") is Check.UNKNOWN


def test_missing_facts_listed() -> None:
    outcome = run("hiring_subsidy", "hire", application_date=date(2021, 8, 1), rural_labour=True)
    assert outcome.status is Status.CANNOT_DECIDE
    assert {"hire_date", "contract_months", "contribution_months"} <= set(outcome.missing_facts)


@given(
    poor=st.booleans(),
    rural=st.booleans(),
    contract=st.integers(0, 60),
    contributions=st.integers(0, 24),
)
def test_one_subsidy_per_hire_never_both(poor: bool, rural: bool, contract: int, contributions: int) -> None:
    outcome = hire(
        poor_village_labour=poor,
        rural_labour=rural,
        contract_months=contract,
        contribution_months=contributions,
    )
    assert outcome.status in (Status.ELIGIBLE, Status.INELIGIBLE)
    if outcome.status is Status.ELIGIBLE:
        assert outcome.amount == (Decimal(2000) if poor else Decimal(1000))
        assert contract >= 12
        assert contributions >= (1 if poor else 3)
    else:
        assert outcome.amount is None


def _texts(outcome: Any, code: str, lang: str) -> str:
    measure = measure_by_id("hiring_subsidy")
    return " ".join(render(c.code, c.args, measure, lang) for c in outcome.conditions if c.code == code)


def test_condition_texts_read_naturally() -> None:
    # Contract terms carry their unit; unknown contribution months are said to be unknown, not "? months".
    outcome = hire(contract_months=24, contribution_months=None, rural_labour=True)
    assert _texts(outcome, "contract", "zh") == "签订 12 个月以上劳动合同：24 个月"
    assert _texts(outcome, "contract", "en") == "labour contract of at least 12 months: 24 months"
    assert _texts(outcome, "contributions", "zh") == "按规定缴纳社会保险费满 3 个月：已缴月数未知"
    assert (
        _texts(outcome, "contributions", "en")
        == "social insurance paid for at least 3 months: months paid unknown"
    )
    assert "?" not in _texts(outcome, "contributions", "en")


def test_category_names_follow_the_parameters() -> None:
    policy = load_policy(
        overrides=["hiring_subsidy.unemployed_min_months=3", "hiring_subsidy.graduate_within_years=3"]
    )
    graduate = {
        "university_graduate": True,
        "graduation_date": date(2018, 7, 1),
        "first_job_since_graduation": True,
    }
    facts = {
        **NONE_OF_THEM,
        **graduate,
        "registered_unemployed": True,
        "registered_unemployed_since": date(2020, 12, 15),
    }
    outcome = run("hiring_subsidy", "hire", policy=policy, **facts)
    assert outcome.status is Status.ELIGIBLE
    zh, en = _texts(outcome, "hire_category", "zh"), _texts(outcome, "hire_category", "en")
    assert "登记失业3个月以上人员" in zh
    assert "毕业3年内" in zh
    assert "半年" not in zh
    assert "2年" not in zh
    assert "at least 3 months" in en
    assert "within 3 years" in en
    assert "、" not in en
    assert ", a new graduate" in en


STRICT = load_policy(overrides=["general.hires_from_policy_start=true"])


def shown(outcome: Any) -> list[str]:
    measure = measure_by_id("hiring_subsidy")
    return [render(n.code, n.args, measure, "zh") for n in outcome.notes]


@pytest.mark.parametrize(
    ("hired", "default_ok", "strict_ok"),
    [
        (date(2020, 6, 30), True, True),  # hired on the policy's first day
        (date(2020, 6, 29), True, False),  # the day before: 满3个月 on 2020-09-29, while in force
        (date(2020, 3, 30), True, False),  # 满3个月 on 2020-06-30, the policy's first day
        (date(2020, 3, 29), False, False),  # 满3个月 on 2020-06-29: completed before the policy
    ],
)
def test_one_reading_of_once_in_force_for_the_hire(hired: date, default_ok: bool, strict_ok: bool) -> None:
    # 施行后 (general.hires_from_policy_start=false): what is subsidised must happen while the policy is in
    # force — here the contribution condition; 序号30 pays the same hire's months within the policy.
    facts = {"hire_date": hired, "rural_labour": True, "application_date": date(2020, 10, 1)}
    outcome = hire(**facts)
    assert (outcome.status is Status.ELIGIBLE) is default_ok
    if hired < date(2020, 6, 30):
        assert condition(outcome, "entitled_in_force") is (Check.PASSED if default_ok else Check.FAILED)
        other = "可得 1000 元" if strict_ok else "不符合"
        assert f"--set general.hires_from_policy_start=true）：{other}" in shown(outcome)[-1]
    strict = run("hiring_subsidy", "hire", policy=STRICT, **{**NONE_OF_THEM, **facts})
    assert condition(strict, "hired_in_force") is (Check.PASSED if strict_ok else Check.FAILED)
    assert (strict.status is Status.ELIGIBLE) is strict_ok
    if hired < date(2020, 6, 30):
        other = "可得 1000 元" if default_ok else "不符合"
        assert shown(strict)[-1].startswith("按另一种理解（“施行后”指补贴所依据的情形")
        assert shown(strict)[-1].endswith(f"--set general.hires_from_policy_start=false）：{other}")
