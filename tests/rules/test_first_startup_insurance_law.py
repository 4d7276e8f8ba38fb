"""第十四条 / 序号35 首次创业社保补贴和岗位补贴: who qualifies, and the months (amounts follow city standards)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.dates import add_months, month_start
from wenjiuye_cli.engine import evaluate, measure_by_id
from wenjiuye_cli.explain import render
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.retirement import statutory_retirement

BASE: dict[str, Any] = {
    "application_date": date(2021, 3, 15),
    "registration_date": date(2021, 1, 5),
    "business_type": "enterprise",
    "first_business": True,
    "registered_in_heping": True,
    "tianjin_fulltime_student": False,
    "university_graduate": True,
    "graduation_date": date(2019, 7, 1),
    "haihe_talent": False,
    "employment_difficulty": False,
    "sex": "male",
    "birth_date": date(1996, 2, 1),
}


def founder(policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run("first_startup_insurance", "person", policy=policy, **facts)


def test_key_group_founder_gets_36_months_and_12_months_amount_set_elsewhere() -> None:
    # 给予最长3年五项社保补贴和1年岗位补贴
    outcome = founder()
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.amount is None
    assert outcome.months == 36
    assert outcome.extra["insurance_first_month"] == "2021-01"
    assert outcome.extra["end_date"] == date(2023, 12, 31)
    assert outcome.extra["end_reason"] == "duration"
    assert outcome.extra["post_months"] == 12
    assert outcome.extra["post_end_date"] == date(2021, 12, 31)
    assert "note.city_standard" in [n.code for n in outcome.notes]


def test_never_counted_in_a_total() -> None:
    result = evaluate(applicant("person", **BASE), POLICY, only=["first_startup_insurance"])
    assert result.total == 0
    assert result.maxima_total == 0


def test_employment_difficulty_qualifies_too() -> None:
    # 对重点创业人群、就业困难人员
    outcome = founder(university_graduate=False, employment_difficulty=True)
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert [c.args["which"] for c in outcome.conditions if c.code == "branch"] == ["founder.difficulty"]


def test_both_groups_give_one_subsidy() -> None:
    outcome = founder(employment_difficulty=True)
    assert outcome.months == 36
    assert [n.code for n in outcome.notes].count("note.branch_also") == 1


def test_key_group_judged_on_registration_date() -> None:
    # graduated 2016-01-04: more than 5 years before the 2021-01-05 registration
    assert founder(graduation_date=date(2016, 1, 4)).status is Status.INELIGIBLE
    assert founder(graduation_date=date(2016, 1, 5)).status is Status.AMOUNT_SET_ELSEWHERE


def test_neither_group_is_ineligible() -> None:
    outcome = founder(university_graduate=False)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "employment_difficulty") is Check.FAILED


def test_first_business_only() -> None:
    # 首次创办企业
    assert founder(first_business=False).status is Status.INELIGIBLE


def test_heping_registration_required_unless_overridden() -> None:
    assert founder(registered_in_heping=False).status is Status.INELIGIBLE
    anywhere = load_policy(overrides=["first_startup.insurance_requires_heping=false"])
    assert founder(anywhere, registered_in_heping=False).status is Status.AMOUNT_SET_ELSEWHERE


def test_granted_in_force_the_period_runs_past_the_policy_end() -> None:
    late = {"registration_date": date(2024, 1, 20), "application_date": date(2024, 2, 1)}
    outcome = founder(**late)
    assert outcome.months == 36  # 2024-01 .. 2026-12
    assert outcome.extra["end_reason"] == "duration"
    assert "note.runs_past_policy" in [n.code for n in outcome.notes]
    cut = founder(load_policy(overrides=["general.payments_end_with_policy=true"]), **late)  # the old reading
    assert cut.months == 18  # 2024-01 .. 2025-06
    assert cut.extra["end_date"] == date(2025, 6, 29)
    assert cut.extra["end_reason"] == "policy_end"


def test_months_before_the_policy_are_not_counted() -> None:
    outcome = founder(registration_date=date(2019, 1, 10), graduation_date=date(2018, 7, 1))
    assert outcome.months == 19  # 2020-06 .. 2021-12 of the 2019-01 .. 2021-12 period
    assert "note.before_policy_start" in [n.code for n in outcome.notes]


def test_period_already_over_is_ineligible() -> None:
    outcome = founder(registration_date=date(2016, 1, 10), graduation_date=date(2015, 7, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "insurance_months") is Check.FAILED


@pytest.mark.parametrize(("covered", "months"), [("true", 13), ("false", 12)])
def test_retirement_ends_the_period(covered: str, months: int) -> None:
    # a man born 1962-01-01 reaches 60 on 2022-01-01
    policy = load_policy(overrides=[f"first_startup.retirement_month_covered={covered}"])
    outcome = founder(
        policy, university_graduate=False, employment_difficulty=True, birth_date=date(1962, 1, 1)
    )
    assert outcome.months == months
    assert outcome.extra["end_reason"] == "retirement"
    assert outcome.extra["end_date"] <= date(2022, 1, 1)


def test_retirement_facts_are_needed() -> None:
    outcome = founder(sex="female")
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["original_retirement_age"]


@given(
    registered=st.dates(date(2018, 1, 1), date(2025, 6, 29)),
    birth=st.dates(date(1955, 1, 1), date(2000, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    original=st.sampled_from([50, 55]),
)
def test_months_never_above_limits_nor_past_retirement(
    registered: date, birth: date, sex: str, original: int
) -> None:
    on = max(registered, date(2020, 6, 30))
    facts = {"registration_date": registered, "application_date": on, "birth_date": birth, "sex": sex,
             "original_retirement_age": original if sex == "female" else None,
             "university_graduate": False, "employment_difficulty": True}  # fmt: skip
    outcome = founder(**facts)
    if outcome.status is not Status.AMOUNT_SET_ELSEWHERE:
        return
    retirement = statutory_retirement(sex, birth, original if sex == "female" else None, POLICY)
    assert outcome.months is not None
    assert 1 <= outcome.months <= 36
    assert outcome.extra["post_months"] <= 12
    assert outcome.extra["end_date"] <= retirement.date
    assert outcome.extra["end_date"] < add_months(month_start(registered), 36)
    assert outcome.extra["post_end_date"] <= outcome.extra["end_date"]


def test_key_group_text_takes_the_years_from_the_parameter() -> None:
    policy = load_policy(overrides=["key_groups.graduate_within_years=4"])
    outcome = founder(policy)
    (found,) = [c for c in outcome.conditions if c.code == "key_group"]
    measure = measure_by_id("first_startup_insurance")
    zh, en = render(found.code, found.args, measure, "zh"), render(found.code, found.args, measure, "en")
    assert "毕业4年内的高校毕业生（2019-07-01 毕业，截至 2023-07-01）" in zh
    assert "5" not in zh.replace("2019", "").replace("2023", "")
    assert "graduated within 4 years" in en


def test_business_registered_before_the_policy_gets_the_months_within_it() -> None:
    # Registered 2019-01-05: 36 months run to 2021-12; months before 2020-06 are not paid.
    outcome = founder(registration_date=date(2019, 1, 5), graduation_date=date(2017, 7, 1))
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.months == 19
    assert outcome.extra["insurance_first_month"] == "2020-06"
    assert "note.before_policy_start" in [n.code for n in outcome.notes]
    ended = founder(registration_date=date(2016, 1, 5), graduation_date=date(2015, 7, 1))
    assert ended.status is Status.INELIGIBLE
    assert condition(ended, "insurance_months") is Check.FAILED
    assert "note.before_policy_start" in [n.code for n in ended.notes]


def test_a_sole_proprietor_founder_qualifies_and_sees_the_other_reading() -> None:
    # 首次创办小微企业或从事个体经营: first_startup.sole_proprietorship_counts is true by default.
    outcome = founder(business_type="sole_proprietorship")
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.months == 36
    measure = measure_by_id("first_startup_insurance")
    shown = [render(n.code, n.args, measure, "zh") for n in outcome.notes]
    assert any(s.startswith("按另一种理解（第十四条只写“创办企业”") and s.endswith("：不符合") for s in shown)
    strict = load_policy(overrides=["first_startup.sole_proprietorship_counts=false"])
    refused = founder(strict, business_type="sole_proprietorship")
    assert refused.status is Status.INELIGIBLE
    shown = [render(n.code, n.args, measure, "zh") for n in refused.notes]
    assert any(s.endswith("：符合，金额按其他标准") for s in shown)
