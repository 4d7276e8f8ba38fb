"""第十二条 / 序号32 over columns: up to 1000 yuan a post a month, at most 36 months, to retirement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import frame, same_as_scalar
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.policy import load_policy

ON = date(2021, 3, 1)
HIRE: dict[str, Any] = {
    "application_date": ON,
    "hire_date": date(2021, 1, 10),
    "post_type": "fallback",
    "employment_difficulty": True,
    "sex": "female",
    "original_retirement_age": 50,
    "birth_date": date(1980, 4, 2),
}


def test_thirty_six_months_at_most_1000_yuan() -> None:
    outcome = same_as_scalar("fallback_placement", "hire", ON, **HIRE)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 36
    assert outcome.maximum == Decimal("36000.00")
    assert outcome.monthly_amount == Decimal("1000.00")


def test_the_ceiling_in_force_each_month() -> None:
    # a ceiling raised from 2022-03-15: March 2022 is read on its first day (1000), April on (1200)
    sets = ["fallback_placement.max_monthly_per_post@2022-03-15=1200"]
    outcome = same_as_scalar("fallback_placement", "hire", ON, sets, **HIRE)
    assert outcome.maximum == Decimal(15 * 1000 + 21 * 1200)  # 2021-01 … 2022-03, then 2022-04 …
    # hired on the day it changes: the first month is read on the hire day
    on_the_day = {**HIRE, "hire_date": date(2022, 3, 15)}
    raised = same_as_scalar("fallback_placement", "hire", date(2022, 4, 1), sets, **on_the_day)
    assert raised.monthly_amount == Decimal(1200)


def test_retirement_ends_the_period() -> None:
    # a woman of the 50 group born 1971-05-20 retires at 50 on 2021-05-20: January to May 2021
    near = {**HIRE, "birth_date": date(1971, 5, 20)}
    outcome = same_as_scalar("fallback_placement", "hire", ON, **near)
    assert outcome.months == 5
    late = {**near, "hire_date": date(2021, 5, 20)}
    assert same_as_scalar("fallback_placement", "hire", ON, **late).status is Status.INELIGIBLE


def test_an_ordinary_post_or_an_unknown_difficulty() -> None:
    ordinary = {**HIRE, "post_type": "ordinary"}
    assert same_as_scalar("fallback_placement", "hire", ON, **ordinary).status is Status.INELIGIBLE
    unknown = {k: v for k, v in HIRE.items() if k != "employment_difficulty"}
    outcome = same_as_scalar("fallback_placement", "hire", ON, **unknown)
    assert outcome.missing_facts == ["employment_difficulty"]


def test_a_hire_before_the_policy() -> None:
    early = {**HIRE, "hire_date": date(2018, 12, 3)}
    outcome = same_as_scalar("fallback_placement", "hire", ON, **early)
    assert outcome.months == 18  # 36 months from 2018-12 end in 2021-11: 2020-06 … 2021-11 are paid


def test_a_row_without_a_hire_date_counts_no_month() -> None:
    # No hire date, so no first month: the period has no length. max(first, policy's first month) once
    # skipped the null first month and counted from 2020-06 to the retirement in 2058 (452 months, 452000
    # yuan) in the columns an explanation is built from, and listed them in the schedule's lists
    facts = {**HIRE, "hire_date": None, "birth_date": date(1995, 1, 1), "sex": "male"}
    m = "fallback_placement"
    result = evaluate_frame(frame("hire", ON, **facts), load_policy(), explain=True, measures=[m])
    row = result.row(0, named=True)
    assert row[f"{m}.status"] == Status.CANNOT_DECIDE.value
    assert row[f"{m}.missing_facts"] == ["hire_date"]
    counted = {k: v for k, v in row.items() if k.endswith((".months", ".maximum", ".months_paid", ".within"))}
    assert counted  # the period's figures are among the explained columns
    assert all(v is None or v == 0 for v in counted.values()), counted  # (0: the retirement age's months)
