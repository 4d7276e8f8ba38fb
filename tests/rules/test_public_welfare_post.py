"""第十二条 / 序号33 over columns: public-welfare post subsidies, 36 months or to retirement."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 3, 1)
HIRE: dict[str, Any] = {
    "application_date": ON,
    "hire_date": date(2021, 1, 10),
    "post_type": "public_welfare",
    "employment_difficulty": True,
    "zero_employment_family": True,
    "sex": "male",
    "birth_date": date(1975, 4, 2),  # retires at 62 years 7 months, in 2037
}


def test_thirty_six_months_from_the_hire_month() -> None:
    outcome = same_as_scalar("public_welfare_post", "hire", ON, **HIRE)
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.months == 36
    assert outcome.amount is None


def test_fewer_than_five_years_from_retirement_extends_to_retirement() -> None:
    # born 1961-03-20: 60 on 2021-03-20; hired 2021-01-10, the extension runs to retirement (3 months)
    near = {**HIRE, "birth_date": date(1961, 3, 20)}
    assert same_as_scalar("public_welfare_post", "hire", ON, **near).months == 3
    # born 1965-02-15: 60y1m, retiring 2025-03-15: 51 months, more than the 36 of the limit
    later = {**HIRE, "birth_date": date(1965, 2, 15)}
    assert same_as_scalar("public_welfare_post", "hire", ON, **later).months == 51
    ends = ["general.payments_end_with_policy=true"]
    assert same_as_scalar("public_welfare_post", "hire", ON, ends, **later).months == 51
    just_five = {**HIRE, "birth_date": date(1961, 1, 10), "hire_date": date(2016, 1, 10)}
    # hired exactly five years before retirement: not "fewer", so 36 months, all before the policy
    assert same_as_scalar("public_welfare_post", "hire", ON, **just_five).status is Status.INELIGIBLE
    a_day_later = {**just_five, "hire_date": date(2016, 1, 11)}
    assert same_as_scalar("public_welfare_post", "hire", ON, **a_day_later).months == 8  # 2020-06 … 2021-01


def test_the_post_and_the_difficulty_are_conditions() -> None:
    ordinary = {**HIRE, "post_type": "ordinary"}
    assert same_as_scalar("public_welfare_post", "hire", ON, **ordinary).status is Status.INELIGIBLE
    unknown = {k: v for k, v in HIRE.items() if k != "employment_difficulty"}
    outcome = same_as_scalar("public_welfare_post", "hire", ON, **unknown)
    assert outcome.missing_facts == ["employment_difficulty"]
    sets = ["public_welfare_post.requires_employment_difficulty=false"]
    relaxed = same_as_scalar("public_welfare_post", "hire", ON, sets, **unknown)
    assert relaxed.status is Status.AMOUNT_SET_ELSEWHERE


def test_a_hire_before_the_policy_counts_only_months_in_force() -> None:
    early = {**HIRE, "hire_date": date(2019, 7, 1)}
    outcome = same_as_scalar("public_welfare_post", "hire", ON, **early)
    assert outcome.months == 25  # 2020-06 … 2022-06
    assert any(n.code == "note.before_policy_start" for n in outcome.notes)
