"""``rules._schedule`` (and ``rules._periods``, which re-exports it): the one columnar copy of what every monthly
schedule shares, held to ``measures._schedule``."""

from __future__ import annotations

from datetime import date

from tests.engine.helpers import same_as_scalar

DAYS = [date(2020, 6, 30), date(2020, 9, 1), date(2020, 12, 31), date(2021, 1, 1), date(2024, 5, 5)]
SETS = [
    [],
    ["general.policy_start_month_counts=false"],
    ["general.policy_start=2020-07-01"],
    # a dated start: the month depends on the day it is read on, as the scalar rule reads it
    ["general.policy_start@2021-01-01=2020-08-15"],
    ["general.policy_start@2021-01-01=2020-08-15", "general.policy_start_month_counts=false"],
]


def test_a_dated_policy_start_moves_the_first_month_only_from_its_day() -> None:
    # the start read on 2020-12-31 is still 2020-06-30 (its month counts); from 2021-01-01 it is 2020-08-15
    sets = ["general.policy_start@2021-01-01=2020-08-15"]
    facts = {
        "registration_date": date(2019, 3, 3),
        "business_type": "enterprise",
        "first_business": True,
        "registered_in_heping": True,
        "employment_difficulty": True,
        "sex": "male",
        "birth_date": date(1990, 1, 1),
    }
    before = same_as_scalar("first_startup_insurance", "person", date(2020, 12, 31), sets, **facts)
    after = same_as_scalar("first_startup_insurance", "person", date(2021, 1, 1), sets, **facts)
    assert (before.months, after.months) == (21, 19)  # 2020-06 .. 2022-02, then 2020-08 .. 2022-02
