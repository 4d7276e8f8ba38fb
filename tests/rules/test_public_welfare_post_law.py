"""第十二条 / 序号33 公益性岗位: three years of insurance and post subsidies, extended to retirement."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, condition, run
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.retirement import statutory_retirement

BASE: dict[str, Any] = {
    "application_date": date(2020, 8, 1),
    "hire_date": date(2020, 7, 20),
    "post_type": "public_welfare",
    "employment_difficulty": True,
    "zero_employment_family": False,
    "single_parent_family": False,
    "subsistence_allowance_family": False,
    "supports_seriously_ill_relative": False,
    "sex": "female",
    "original_retirement_age": 50,
    "birth_date": date(1980, 1, 1),
}


def post(**changes: Any) -> Any:
    return run("public_welfare_post", "hire", **{**BASE, **changes})


def test_three_years_of_both_subsidies() -> None:
    outcome = post()
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.months == 36
    assert outcome.extra["post_subsidy_months"] == 36
    assert outcome.extra["end_date"] == date(2023, 6, 30)
    assert outcome.extra["extended_to_retirement"] is False


def test_extended_to_retirement_when_fewer_than_five_years_away() -> None:
    # woman, original age 50, born 1974-05-02: retires 2024-05-02, 3 y 10 m after the hire
    outcome = post(birth_date=date(1974, 5, 2))
    assert outcome.extra["extended_to_retirement"] is True
    assert outcome.extra["end_date"] == date(2024, 5, 2)
    assert outcome.extra["end_reason"] == "retirement"
    assert outcome.months == 47  # 2020-07 .. 2024-05
    assert outcome.extra["post_subsidy_months"] == 47


def test_post_subsidy_extension_is_an_interpretation() -> None:
    policy = load_policy(overrides=["public_welfare_post.extension_covers_post_subsidy=false"])
    outcome = run("public_welfare_post", "hire", policy=policy, **{**BASE, "birth_date": date(1974, 5, 2)})
    assert outcome.months == 47
    assert outcome.extra["post_subsidy_months"] == 36


def test_exactly_five_years_is_not_fewer() -> None:
    # born 1975-05-20, original age 50 → 50 y 3 m → retires 2025-08-20
    boundary = post(birth_date=date(1975, 5, 20), hire_date=date(2020, 8, 20))  # exactly five years before
    assert boundary.extra["retirement_date"] == date(2025, 8, 20)
    assert boundary.extra["extended_to_retirement"] is False
    assert boundary.months == 36
    inside = post(birth_date=date(1975, 5, 20), hire_date=date(2020, 8, 21))  # fewer than five years
    assert inside.extra["extended_to_retirement"] is True
    assert inside.extra["end_reason"] == "retirement"  # extended past the policy's end: granted in force
    assert inside.months == 61  # 2020-08 .. 2025-08


def test_priority_group_is_reported_not_required() -> None:
    near_special = post(birth_date=date(1974, 5, 2), zero_employment_family=True)
    assert near_special.extra["priority_group"] is True
    assert post().extra["priority_group"] is False
    assert post().status is Status.AMOUNT_SET_ELSEWHERE


def test_requires_public_welfare_post_and_difficulty() -> None:
    other = post(post_type="ordinary")
    assert condition(other, "public_welfare_post") is Check.FAILED
    no = post(employment_difficulty=False)
    assert no.status is Status.INELIGIBLE
    lenient = load_policy(overrides=["public_welfare_post.requires_employment_difficulty=false"])
    outcome = run("public_welfare_post", "hire", policy=lenient, **{**BASE, "employment_difficulty": False})
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE


def test_not_counted_again_under_article_10() -> None:
    art10 = run("employer_insurance", "hire", **{**BASE, "poverty_registered_labour": True})
    assert art10.status is Status.INELIGIBLE
    assert condition(art10, "not_public_welfare_post") is Check.FAILED


@given(
    hired=st.dates(min_value=date(2020, 6, 30), max_value=date(2025, 6, 29)),
    birth=st.dates(min_value=date(1960, 1, 1), max_value=date(1995, 1, 1)),
)
def test_extension_never_beyond_retirement(hired: date, birth: date) -> None:
    outcome = post(hire_date=hired, birth_date=birth)
    retirement = statutory_retirement("female", birth, 50, POLICY).date
    if hired >= retirement:
        assert outcome.status is Status.INELIGIBLE
        return
    assert outcome.extra["end_date"] <= retirement
    assert outcome.extra["post_subsidy_end_date"] <= retirement
    assert outcome.months is not None
    if not outcome.extra["extended_to_retirement"]:
        assert outcome.months <= 36


def test_placement_before_the_policy_counts_from_the_policy_on() -> None:
    # Placed 2018-09-03: the 36 months run to 2021-08; months before 2020-06 are not subsidised.
    outcome = post(hire_date=date(2018, 9, 3), application_date=date(2020, 9, 1))
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.missing_facts == []
    assert outcome.months == 15  # 2020-06 .. 2021-08
    assert outcome.extra["end_date"] == date(2021, 8, 31)
    assert "note.before_policy_start" in [n.code for n in outcome.notes]
    ended = post(hire_date=date(2016, 1, 4), application_date=date(2020, 9, 1))
    assert ended.status is Status.INELIGIBLE
    assert condition(ended, "subsidy_months") is Check.FAILED


def test_extension_stops_at_the_policy_end_under_the_old_reading() -> None:
    # born 1975-05-20, original age 50 → retires 2025-08-20; hired within five years of it: extended
    facts = {**BASE, "birth_date": date(1975, 5, 20), "hire_date": date(2020, 8, 21)}
    policy = load_policy(overrides=["general.payments_end_with_policy=true"])
    outcome = run("public_welfare_post", "hire", policy=policy, **facts)
    assert outcome.extra["extended_to_retirement"] is True
    assert outcome.extra["end_reason"] == "policy_end"  # extended, but the policy ends first
    assert outcome.months == 59  # 2020-08 .. 2025-06


def test_a_hire_at_or_after_retirement_gets_no_post() -> None:
    # a woman of the 50 group born 1969-01-01 reached 50 on 2019-01-01, before the hire on 2020-07-20
    outcome = post(birth_date=date(1969, 1, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "before_retirement") is Check.FAILED
    assert condition(post(), "before_retirement") is Check.PASSED
