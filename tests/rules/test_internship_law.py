"""第九条 / 序号27 就业见习补贴: one test per rule sentence, with the boundaries."""

from __future__ import annotations

from datetime import date
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

BASE: dict[str, Any] = {
    "application_date": date(2021, 10, 8),
    "internship_base_in_heping": True,
    "intern_category": "university",
    "internship_start": date(2021, 5, 1),
    "internship_end": date(2021, 8, 31),
    "intern_retained": False,
}


def intern(**changes: Any) -> Any:
    return run("internship", "intern", **{**BASE, **changes})


def test_allowance_follows_minimum_wage_in_force_each_month() -> None:
    # 见习生活费补贴提高至本市最低工资标准的80%: 2050 until 2021-06, 2180 from 2021-07-01
    outcome = intern()
    assert outcome.status is Status.ELIGIBLE
    lines = {line.month: line.amount for line in outcome.schedule}
    assert lines == {
        date(2021, 5, 1): Decimal("1640") + 210,
        date(2021, 6, 1): Decimal("1640") + 210,
        date(2021, 7, 1): Decimal("1744") + 210,
        date(2021, 8, 1): Decimal("1744") + 210,
    }
    assert outcome.extra["living_allowance"] == Decimal("6768")  # not 4 × one month's rate
    assert outcome.amount == Decimal("6768") + 4 * 200 + 4 * 10


def test_mentoring_fee_and_insurance_are_city_standards_per_month() -> None:
    outcome = intern()
    assert outcome.extra["mentoring_fee"] == Decimal(800)
    assert outcome.extra["accident_insurance"] == Decimal(40)
    assert POLICY.parameter("internship.mentoring_fee_monthly").certainty == "external"
    assert POLICY.parameter("internship.accident_insurance_monthly").certainty == "external"
    assert any(n.code == "note.city_standards" for n in outcome.notes)


@pytest.mark.parametrize(
    ("end", "retained", "reward"),
    [
        (date(2021, 7, 31), True, 3000),  # 见习满3个月: exactly three months
        (date(2021, 7, 30), True, 0),  # one day short
        (date(2021, 8, 31), False, 0),  # not kept on
        (date(2021, 8, 31), True, 3000),  # 单位留用奖励标准提高至每人3000元
    ],
)
def test_retention_reward(end: date, retained: bool, reward: int) -> None:
    outcome = intern(internship_end=end, intern_retained=retained)
    assert outcome.extra["retention_reward"] == Decimal(reward)
    assert outcome.amount == sum(line.amount for line in outcome.schedule) + reward


@pytest.mark.parametrize("category", ["university", "secondary_vocational", "technical_school"])
def test_vocational_and_technical_final_year_students_included(category: str) -> None:
    # 见习人员范围扩大至中等职业学校、技工院校毕业学年学生
    assert intern(intern_category=category).status is Status.ELIGIBLE


def test_other_interns_and_bases_outside_heping_are_not_covered() -> None:
    other = intern(intern_category="other")
    assert other.status is Status.INELIGIBLE
    assert condition(other, "intern_category") is Check.FAILED
    outside = intern(internship_base_in_heping=False)
    assert outside.status is Status.INELIGIBLE
    assert condition(outside, "base_in_heping") is Check.FAILED


@pytest.mark.parametrize(("start", "months"), [(date(2021, 5, 17), 4), (date(2021, 5, 18), 3)])
def test_month_counts_with_at_least_15_days(start: date, months: int) -> None:
    # May 17–31 is 15 days (counted), May 18–31 is 14 (not counted)
    outcome = intern(internship_start=start)
    assert outcome.months == months
    assert len(outcome.schedule) == months


def test_min_days_is_overridable() -> None:
    policy = load_policy(overrides=["internship.min_days_in_month=1"])
    outcome = run("internship", "intern", policy=policy, **{**BASE, "internship_start": date(2021, 5, 31)})
    assert outcome.months == 4


def test_at_most_12_months() -> None:
    outcome = intern(internship_start=date(2021, 1, 1), internship_end=date(2022, 6, 30))
    assert outcome.months == 12
    assert outcome.extra["end_date"] == date(2021, 12, 31)
    assert outcome.extra["end_reason"] == "duration"
    assert [c.bound for c in outcome.caps if c.parameter == "internship.max_months"] == [True]


def test_an_internship_applied_for_in_force_is_paid_to_its_end() -> None:
    late = {"application_date": date(2025, 6, 1), "internship_start": date(2025, 3, 1),
            "internship_end": date(2025, 8, 31)}  # fmt: skip
    outcome = intern(**late)
    assert [line.month for line in outcome.schedule] == [date(2025, m, 1) for m in (3, 4, 5, 6, 7, 8)]
    assert outcome.extra["end_date"] == date(2025, 8, 31)
    assert outcome.extra["end_reason"] == "period_end"
    [note] = [n for n in outcome.notes if n.code == "note.runs_past_policy"]
    assert (note.args["last"], note.args["within"], note.args["months"]) == ("2025-08", 4, 6)
    # The old reading: the subsidy ends with the policy.
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])
    cut = run("internship", "intern", policy=stop, **{**BASE, **late})
    assert [line.month for line in cut.schedule] == [date(2025, m, 1) for m in (3, 4, 5, 6)]
    assert cut.extra["end_date"] == date(2025, 6, 29)
    assert cut.extra["end_reason"] == "policy_end"


def test_months_before_the_policy_are_not_counted() -> None:
    outcome = intern(internship_start=date(2020, 6, 1), internship_end=date(2020, 9, 30))
    assert [line.month for line in outcome.schedule] == [date(2020, m, 1) for m in (7, 8, 9)]
    # Only the days before the policy are left out (those after its end would count): the note says that.
    assert [n.args for n in outcome.notes if n.code == "note.before_policy"] == [{"start": date(2020, 6, 30)}]
    assert not any(n.code == "note.outside_policy" for n in outcome.notes)
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])
    old = run("internship", "intern", policy=stop,
              **{**BASE, "internship_start": date(2020, 6, 1), "internship_end": date(2020, 9, 30)})  # fmt: skip
    assert any(n.code == "note.outside_policy" for n in old.notes)


def test_end_before_start_is_ineligible_and_missing_facts_undecided() -> None:
    assert intern(internship_end=date(2021, 4, 30)).status is Status.INELIGIBLE
    missing = run("internship", "intern", **{k: v for k, v in BASE.items() if k != "intern_retained"})
    assert missing.status is Status.CANNOT_DECIDE
    assert missing.missing_facts == ["intern_retained"]
    assert missing.amount is None


def test_ratio_is_a_parameter() -> None:
    policy = load_policy(overrides=["internship.living_allowance_ratio=1"])
    outcome = run("internship", "intern", policy=policy, **BASE)
    assert outcome.extra["living_allowance"] == 2 * 2050 + 2 * 2180


starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2025, 6, 1))


@given(start=starts, length=st.integers(0, 800), retained=st.booleans())
def test_amount_is_the_sum_of_its_lines_and_months_capped(start: date, length: int, retained: bool) -> None:
    end = date.fromordinal(start.toordinal() + length)
    outcome = intern(internship_start=start, internship_end=end, intern_retained=retained)
    if outcome.status is not Status.ELIGIBLE:
        assert outcome.status is Status.INELIGIBLE
        assert not outcome.schedule
        return
    assert outcome.amount is not None
    assert outcome.months is not None
    assert outcome.months <= 12
    assert outcome.amount == sum(line.amount for line in outcome.schedule) + outcome.extra["retention_reward"]
    for line in outcome.schedule:
        wage = POLICY.value("external.minimum_wage_monthly", max(line.month, start))
        assert isinstance(wage, Decimal)
        assert line.amount == wage * Decimal("0.8") + 210
        assert line.month <= end
        assert add_months(line.month, 1) > start
    assert outcome.extra["end_date"] <= end


@pytest.mark.parametrize("start", [date(2020, 6, 29), date(2020, 6, 30)])
def test_unemployed_youth_are_interns_by_default_and_the_other_reading_is_shown(start: date) -> None:
    # Tianjin's internship rules include 本市户籍进行失业登记的16至24岁失业青年. An internship from the day
    # before or the day the policy came into force to 2020-09-30: July-September count (June has 1 day at
    # most), 3 × (80% × 2050 + 200 + 10) = 5550.
    youth = {
        "intern_category": "unemployed_youth",
        "internship_start": start,
        "internship_end": date(2020, 9, 30),
    }
    outcome = intern(**youth)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(5550)
    measure = measure_by_id("internship")
    shown = [render_message(n, measure, "zh") for n in outcome.notes]
    assert any(
        s.startswith("按另一种理解（第九条只把见习人员范围扩大至中职、技工院校毕业学年学生")
        and s.endswith("--set internship.unemployed_youth_counts=false）：不符合")
        for s in shown
    )
    strict = load_policy(overrides=["internship.unemployed_youth_counts=false"])
    refused = run("internship", "intern", policy=strict, **{**BASE, **youth})
    assert refused.status is Status.INELIGIBLE
    assert condition(refused, "intern_category") is Check.FAILED
    shown = [render_message(n, measure, "zh") for n in refused.notes]
    assert any(
        s.startswith("按另一种理解（按天津市就业见习规定") and s.endswith("：可得 5550 元") for s in shown
    )
    # a university intern is not affected: no second reading
    assert all(n.code != "note.other_reading" for n in intern().notes)


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({"internship_end": None}, ["internship_end"]),
        ({"internship_start": None}, ["internship_start"]),
        ({"internship_start": None, "internship_end": None}, ["internship_start", "internship_end"]),
    ],
)
def test_only_the_date_not_given_is_asked_for(given: dict[str, Any], missing: list[str]) -> None:
    outcome = run("internship", "intern", **{k: v for k, v in {**BASE, **given}.items() if v is not None})
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == missing
    (dates,) = [c for c in outcome.conditions if c.code == "dates_valid"]
    assert dates.missing == tuple(missing)
