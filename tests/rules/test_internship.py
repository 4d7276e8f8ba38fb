"""第九条 / 序号27 就业见习补贴 over columns: 80% of the minimum wage in force each month (the rate changes
mid-internship on 2021-07-01), the city's mentoring fee and insurance, 3000 for an intern kept on after 3
months; months with too few days, the 12-month cap, the policy's end, 16–24岁失业青年 and the other reading —
the same words through evaluate_frame as through engine.evaluate."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.engine.helpers import columnar, scalar
from tests.engine.helpers import same_as_scalar as same
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy

ON = date(2021, 10, 8)
INTERN: dict[str, Any] = {
    "application_date": ON,
    "internship_base_in_heping": True,
    "intern_category": "university",
    "internship_start": date(2021, 5, 1),
    "internship_end": date(2021, 8, 31),
    "intern_retained": False,
}


def same_as_scalar(sets: list[str] | None = None, on: date = ON, **facts: Any) -> Outcome:
    got = same("internship", "intern", on, sets, **facts)
    want = scalar("internship", "intern", on, load_policy(overrides=sets or []), **facts)
    for lang in ("zh", "en"):
        assert outcome_dict(got, lang)["notes"] == outcome_dict(want, lang)["notes"]
    assert got.payee == want.payee
    return got


def test_the_minimum_wage_changes_mid_internship() -> None:
    # 2021-05, 06 at 2050 × 80% = 1640; 07, 08 at 2180 × 80% = 1744; + 200 + 10 a month
    outcome = same_as_scalar(**INTERN)
    assert outcome.status is Status.ELIGIBLE
    assert [line.amount for line in outcome.schedule] == [
        Decimal(1850),
        Decimal(1850),
        Decimal(1954),
        Decimal(1954),
    ]
    assert outcome.amount == Decimal(2 * 1850 + 2 * 1954)
    assert outcome.payee == "enterprise"


def test_retention_reward_after_three_months() -> None:
    outcome = same_as_scalar(**{**INTERN, "intern_retained": True})
    assert outcome.amount == Decimal(2 * 1850 + 2 * 1954 + 3000)


def test_a_month_with_fewer_than_15_days_is_not_counted() -> None:
    # 2021-05-20 … 05-31 is 12 days: May is left out; 2021-06 … 2021-07-14: July has 14 days, left out too
    outcome = same_as_scalar(
        **{**INTERN, "internship_start": date(2021, 5, 20), "internship_end": date(2021, 7, 14)}
    )
    assert [line.month for line in outcome.schedule] == [date(2021, 6, 1)]


def test_february_can_fail_a_threshold_other_months_pass() -> None:
    facts = {**INTERN, "internship_start": date(2022, 1, 1), "internship_end": date(2022, 3, 31)}
    outcome = same_as_scalar(["internship.min_days_in_month=29"], on=date(2022, 4, 1), **facts)
    assert [line.month for line in outcome.schedule] == [date(2022, 1, 1), date(2022, 3, 1)]


def test_at_most_twelve_months() -> None:
    facts = {**INTERN, "internship_start": date(2021, 1, 1), "internship_end": date(2022, 6, 30)}
    outcome = same_as_scalar(on=date(2022, 7, 1), **facts)
    assert outcome.months == 12
    assert "note.months_capped" in [n.code for n in outcome.notes]


def test_days_before_the_policy_are_not_counted() -> None:
    facts = {**INTERN, "internship_start": date(2020, 3, 1), "internship_end": date(2020, 9, 30)}
    outcome = same_as_scalar(on=date(2020, 10, 8), **facts)
    assert outcome.schedule[0].month == date(2020, 7, 1)  # June has one day in force
    assert "note.before_policy" in [n.code for n in outcome.notes]


def test_runs_past_the_policy_by_default_or_stops_with_it() -> None:
    facts = {**INTERN, "internship_start": date(2025, 3, 1), "internship_end": date(2025, 12, 31)}
    runs = same_as_scalar(on=date(2025, 6, 1), **facts)
    assert runs.months == 10
    stops = same_as_scalar(
        ["internship.payments_end_with_policy=end_with_policy"], on=date(2025, 6, 1), **facts
    )
    assert stops.months == 4  # 2025-03 … 06 (June has 29 days in force)
    assert "note.outside_policy" in [n.code for n in stops.notes]


@pytest.mark.parametrize("sets", [[], ["internship.unemployed_youth_counts=false"]])
def test_unemployed_youth_and_the_other_reading(sets: list[str]) -> None:
    outcome = same_as_scalar(sets, **{**INTERN, "intern_category": "unemployed_youth"})
    assert (outcome.status is Status.ELIGIBLE) is (sets == [])
    assert outcome.notes[-1].code == "note.other_reading"


@pytest.mark.parametrize("missing", ["internship_start", "internship_end", "intern_retained"])
def test_a_missing_fact_is_named_never_guessed(missing: str) -> None:
    outcome = same_as_scalar(**{k: v for k, v in INTERN.items() if k != missing})
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == [missing]


@pytest.mark.parametrize(
    ("on", "start", "months"),
    [
        # before 2020-12-01 the policy is in force from 2020-06-30: July … October (June has one day)
        (date(2020, 11, 30), date(2020, 6, 30), [7, 8, 9, 10]),
        # from 2020-12-01 on it is in force from 2020-09-01: September and October only
        (date(2020, 12, 31), date(2020, 9, 1), [9, 10]),
    ],
)
def test_a_dated_policy_start_is_read_on_the_evaluation_date(
    on: date, start: date, months: list[int]
) -> None:
    policy = load_policy(overrides=["general.policy_start@2020-12-01=2020-09-01"])
    facts = {**INTERN, "application_date": on, "internship_start": date(2020, 5, 1),
             "internship_end": date(2020, 10, 31)}  # fmt: skip
    outcome = columnar("internship", "intern", on, policy, **facts)
    assert [line.month for line in outcome.schedule] == [date(2020, m, 1) for m in months]
    assert outcome.amount == Decimal(len(months) * 1850)  # 2050 × 80% + 200 + 10 a month
    (note,) = [n for n in outcome.notes if n.code == "note.before_policy"]
    assert note.args == {"start": start}
