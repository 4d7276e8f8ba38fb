"""第十二条 / 序号32 托底安置岗位补助: a monthly maximum per post, month by month, at most three years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.engine import evaluate, measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.retirement import statutory_retirement

BASE: dict[str, Any] = {
    "application_date": date(2020, 8, 1),
    "hire_date": date(2020, 7, 1),
    "post_type": "fallback",
    "employment_difficulty": True,
    "sex": "male",
    "birth_date": date(1975, 4, 2),
}


def placement(**changes: Any) -> Any:
    return run("fallback_placement", "hire", **{**BASE, **changes})


def test_up_to_1000_per_post_per_month_for_three_years() -> None:
    outcome = placement()
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount is None  # "最高": a maximum, never an exact payment
    assert outcome.maximum == Decimal(36000)
    assert outcome.months == 36
    assert len(outcome.schedule) == 36
    assert outcome.extra["end_date"] == date(2023, 6, 30)
    assert outcome.extra["end_reason"] == "duration"


def test_maximum_is_not_added_to_the_total() -> None:
    result = evaluate(applicant("hire", id="T", **BASE), POLICY, only=["fallback_placement"])
    assert result.total == 0
    assert result.maxima_total == Decimal(36000)


def test_each_month_uses_the_ceiling_in_force_that_month() -> None:
    policy = load_policy(overrides=["fallback_placement.max_monthly_per_post@2021-01-01=1200"])
    outcome = run("fallback_placement", "hire", policy=policy, **BASE)
    amounts = [line.amount for line in outcome.schedule]
    assert amounts[:6] == [Decimal(1000)] * 6  # 2020-07 .. 2020-12
    assert amounts[6:] == [Decimal(1200)] * 30
    assert outcome.maximum == 6 * 1000 + 30 * 1200


def test_policy_expiry_and_retirement_end_it_earlier() -> None:
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])  # the old reading
    late = run("fallback_placement", "hire", policy=stop,
               **{**BASE, "hire_date": date(2023, 1, 15), "application_date": date(2023, 2, 1)})  # fmt: skip
    assert late.months == 30  # 2023-01 .. 2025-06
    assert late.extra["end_date"] == date(2025, 6, 29)
    assert late.extra["end_reason"] == "policy_end"
    old = placement(birth_date=date(1961, 3, 20))  # retires at 60 on 2021-03-20
    assert old.months == 9  # 2020-07 .. 2021-03
    assert old.extra["end_date"] == date(2021, 3, 20)
    assert old.extra["end_reason"] == "retirement"


def test_only_selected_posts_for_difficulty_persons() -> None:
    ordinary = placement(post_type="ordinary")
    assert ordinary.status is Status.INELIGIBLE
    assert condition(ordinary, "fallback_post") is Check.FAILED
    not_difficult = placement(employment_difficulty=False)
    assert not_difficult.status is Status.INELIGIBLE
    assert condition(not_difficult, "difficulty") is Check.FAILED


def test_on_top_of_article_10_subsidies() -> None:
    outcome = placement()
    assert any(n.code == "note.on_top" for n in outcome.notes)


def test_missing_facts() -> None:
    outcome = run("fallback_placement", "hire", **{k: v for k, v in BASE.items() if k != "birth_date"})
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["birth_date"]


@given(
    hired=st.dates(min_value=date(2020, 6, 30), max_value=date(2025, 6, 29)),
    birth=st.dates(min_value=date(1955, 1, 1), max_value=date(2000, 1, 1)),
)
def test_never_more_than_36_months_or_past_retirement(hired: date, birth: date) -> None:
    outcome = placement(hire_date=hired, birth_date=birth)
    retirement = statutory_retirement("male", birth, None, POLICY).date
    if hired >= retirement:
        assert outcome.status is Status.INELIGIBLE
        return
    assert outcome.months is not None
    assert outcome.months <= 36
    assert outcome.maximum == sum(line.amount for line in outcome.schedule)
    assert outcome.maximum is not None
    assert outcome.maximum <= 36 * 1000
    assert outcome.extra["end_date"] <= retirement
    assert all(line.month <= outcome.extra["end_date"] for line in outcome.schedule)


def test_placement_before_the_policy_gets_the_months_within_it() -> None:
    # A 2019 placement: 36 months run 2019-01 .. 2021-12; months before the policy (2020-06-30) are
    # not subsidised, and no parameter "not yet in force on the hire date" blocks the decision.
    outcome = placement(hire_date=date(2019, 1, 10), application_date=date(2020, 9, 1))
    assert outcome.status is Status.ELIGIBLE
    assert outcome.missing_facts == []
    assert outcome.months == 19  # 2020-06 .. 2021-12: the policy's first month counts whole
    assert outcome.schedule[0].month == date(2020, 6, 1)
    assert outcome.maximum == Decimal(19000)
    assert outcome.extra["end_date"] == date(2021, 12, 31)
    assert "note.before_policy_start" in [n.code for n in outcome.notes]
    later = run("fallback_placement", "hire", policy=load_policy(overrides=["general.policy_start_month_counts=false"]),
                **{**BASE, "hire_date": date(2019, 1, 10), "application_date": date(2020, 9, 1)})  # fmt: skip
    assert later.months == 18
    assert later.schedule[0].month == date(2020, 7, 1)


def test_placement_whose_three_years_ended_before_the_policy_is_ineligible() -> None:
    outcome = placement(hire_date=date(2016, 5, 3), application_date=date(2020, 9, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "subsidy_months") is Check.FAILED
    assert outcome.missing_facts == []


def test_payments_run_past_the_policy_end_by_default() -> None:
    late = placement(hire_date=date(2023, 1, 15), application_date=date(2023, 2, 1))
    assert late.months == 36  # 2023-01 .. 2025-12, not cut at 2025-06-29
    assert late.extra["end_date"] == date(2025, 12, 31)
    assert late.extra["end_reason"] == "duration"
    assert "note.runs_past_policy" in [n.code for n in late.notes]


def test_ceiling_in_the_explanation_follows_the_parameter() -> None:
    policy = load_policy(overrides=["fallback_placement.max_monthly_per_post=1200"])
    outcome = run("fallback_placement", "hire", policy=policy, **BASE)
    measure = measure_by_id("fallback_placement")
    texts = [render_message(n, measure, lang) for n in outcome.notes for lang in ("zh", "en")]
    assert any("1200" in text for text in texts)
    assert not any("1000" in text for text in texts)


def test_a_hire_at_or_after_retirement_is_not_placed() -> None:
    # a man born 1960-05-01 reached 60 on 2020-05-01, before the hire on 2020-07-01
    outcome = placement(birth_date=date(1960, 5, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "before_retirement") is Check.FAILED
    assert condition(placement(), "before_retirement") is Check.PASSED
