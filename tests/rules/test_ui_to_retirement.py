"""第二十七条 / 序号60 over columns: the unemployment benefit continued to statutory retirement age."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import frame, same_as_scalar
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.policy import load_policy

ON = date(2022, 3, 1)
# a man born 1962-06-15 retires at 60 on 2022-06-15 (before the reform's first birth month)
PERSON: dict[str, Any] = {
    "application_date": ON,
    "ui_benefit_end_date": date(2022, 1, 31),
    "employed_since_benefit_end": False,
    "ui_monthly_benefit": Decimal("1530.00"),
    "sex": "male",
    "birth_date": date(1962, 6, 15),
}


def test_paid_from_the_month_after_through_the_retirement_month() -> None:
    outcome = same_as_scalar("ui_to_retirement", "person", ON, **PERSON)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 5  # 2022-02 … 2022-06
    assert outcome.amount == Decimal("7650.00")
    sets = ["ui_to_retirement.retirement_month_paid=false"]
    assert same_as_scalar("ui_to_retirement", "person", ON, sets, **PERSON).months == 4


def test_the_anniversary_is_not_fewer_than_one_year() -> None:
    on_the_day = {**PERSON, "ui_benefit_end_date": date(2021, 6, 15)}
    assert same_as_scalar("ui_to_retirement", "person", ON, **on_the_day).status is Status.INELIGIBLE
    a_day_later = {**PERSON, "ui_benefit_end_date": date(2021, 6, 16)}
    assert same_as_scalar("ui_to_retirement", "person", ON, **a_day_later).status is Status.ELIGIBLE


def test_an_unknown_benefit_still_counts_the_months() -> None:
    facts = {k: v for k, v in PERSON.items() if k != "ui_monthly_benefit"}
    outcome = same_as_scalar("ui_to_retirement", "person", ON, **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.months == 5
    assert outcome.missing_facts == ["ui_monthly_benefit"]


def test_a_woman_needs_her_original_age_and_a_mans_55_is_unusable() -> None:
    woman = {**PERSON, "sex": "female"}
    outcome = same_as_scalar("ui_to_retirement", "person", ON, **woman)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["original_retirement_age"]
    man55 = {**PERSON, "original_retirement_age": 55}
    outcome = same_as_scalar("ui_to_retirement", "person", ON, **man55)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []


def test_the_reform_raises_the_age() -> None:
    # born 1965-05-10: 60 years 2 months, retiring 2025-07-10; the benefit ran out 2025-01-31
    facts = {**PERSON, "birth_date": date(1965, 5, 10), "ui_benefit_end_date": date(2025, 1, 31)}
    on = date(2025, 3, 1)
    outcome = same_as_scalar("ui_to_retirement", "person", on, **{**facts, "application_date": on})
    assert outcome.months == 6  # 2025-02 … 2025-07, past the policy's end (it runs its term)
    ends = ["general.payments_end_with_policy=true"]
    assert same_as_scalar("ui_to_retirement", "person", on, ends, **facts).months == 5


def test_months_before_the_policy_are_not_counted() -> None:
    facts = {**PERSON, "birth_date": date(1960, 10, 3), "ui_benefit_end_date": date(2020, 3, 31)}
    on = date(2020, 7, 15)
    outcome = same_as_scalar("ui_to_retirement", "person", on, **{**facts, "application_date": on})
    assert outcome.months == 5  # 2020-06 … 2020-10: April and May are before the policy's month
    assert outcome.notes[0].code == "note.before_policy_start"
    later = ["general.policy_start_month_counts=false"]
    assert same_as_scalar("ui_to_retirement", "person", on, later, **facts).months == 4


def test_a_row_without_the_benefits_end_counts_no_month() -> None:
    # No end date of the benefit, so no first month: max(first, policy's first month) once skipped the null
    # and counted every month from 2020-06 to the retirement in 2055 in the explained columns and the
    # schedule's lists of a row that never reaches its period
    m = "ui_to_retirement"
    facts = {**PERSON, "ui_benefit_end_date": None, "birth_date": date(1992, 6, 15)}
    result = evaluate_frame(frame("person", ON, **facts), load_policy(), explain=True, measures=[m])
    row = result.row(0, named=True)
    assert row[f"{m}.status"] == Status.CANNOT_DECIDE.value
    assert row[f"{m}.missing_facts"] == ["ui_benefit_end_date"]
    counted = {k: v for k, v in row.items() if k.endswith((".months", ".within"))}
    assert counted  # the period's figures are among the explained columns
    assert all(v is None or v == 0 for v in counted.values()), counted  # (0: the retirement age's months)
