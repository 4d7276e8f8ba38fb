"""The shortcuts evaluation takes for speed give the answers the plain computation gives.

Parameter reads use a fast path for values without an end date, results computed from the parameters
alone are remembered per policy (and forgotten when a parameter changes), month arithmetic skips the
calendar for days 1-28, and display labels are made only when shown.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import applicant, run
from tests.rules.test_flexible_insurance_law import GRADUATE
from wenjiuye_cli.dates import add_months
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.explain import format_arg
from wenjiuye_cli.outcome import Label, Status
from wenjiuye_cli.policy import ParameterNotInForce, apply_override, load_policy
from wenjiuye_cli.policy.reform import apply_reform_data
from wenjiuye_cli.rules._hire import names_label

BASE = "flexible_insurance.min_base_monthly"


def _reference_add_months(start: date, months: int) -> date:
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    return date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(-1200, 1200))
def test_add_months_matches_the_calendar(start: date, months: int) -> None:
    assert add_months(start, months) == _reference_add_months(start, months)


def test_add_months_clamps_to_the_last_day() -> None:
    assert add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert add_months(date(2020, 3, 31), 1) == date(2020, 4, 30)
    assert add_months(date(2020, 2, 29), 12) == date(2021, 2, 28)


def test_single_value_parameter_is_not_in_force_before_its_start() -> None:
    policy = load_policy()
    start = min(policy.parameter("hiring_subsidy.standard_per_person").values)
    assert policy.value("hiring_subsidy.standard_per_person", start) == Decimal(1000)
    with pytest.raises(ParameterNotInForce):
        policy.value("hiring_subsidy.standard_per_person", date(start.year - 1, 1, 1))


def test_override_replaces_the_fast_path_value() -> None:
    policy = load_policy()
    apply_override(policy, "hiring_subsidy.standard_per_person@2022-01-01=1500")
    assert policy.value("hiring_subsidy.standard_per_person", date(2021, 12, 31)) == Decimal(1000)
    assert policy.value("hiring_subsidy.standard_per_person", date(2022, 1, 1)) == Decimal(1500)


def test_remembered_month_amounts_are_forgotten_when_a_parameter_changes() -> None:
    policy = load_policy()
    before = run("flexible_insurance", "person", policy=policy, **GRADUATE)
    assert before.status is Status.ELIGIBLE  # its months were computed and remembered
    apply_override(policy, f"{BASE}=10000")
    after = run("flexible_insurance", "person", policy=policy, **GRADUATE)
    assert [line.month for line in after.schedule] == [line.month for line in before.schedule]
    assert all(new.amount > old.amount for new, old in zip(after.schedule, before.schedule, strict=True))


def test_a_reform_does_not_share_remembered_results_with_its_baseline() -> None:
    baseline = load_policy()
    reform = apply_reform_data(
        baseline, {"flexible_insurance": {"min_base_monthly": {"values": {"2020-06-30": 9000}}}}, "test"
    )
    person = applicant("person", **GRADUATE)
    on = date(2023, 3, 15)
    base_total = evaluate(person, baseline, as_of=on).total
    reform_total = evaluate(person, reform, as_of=on).total
    assert reform_total > base_total
    assert evaluate(person, baseline, as_of=on).total == base_total


def test_a_remembered_result_records_the_same_parameters_used() -> None:
    policy = load_policy()
    first = run("flexible_insurance", "person", policy=policy, **GRADUATE)
    second = run("flexible_insurance", "person", policy=policy, **GRADUATE)
    assert BASE in first.parameters_used
    assert second.parameters_used == first.parameters_used
    assert [(line.month, line.amount) for line in second.schedule] == [
        (line.month, line.amount) for line in first.schedule
    ]


def test_a_remembered_failure_is_raised_again() -> None:
    """Months before the minimum base is known cannot be computed, on the first and on later reads."""
    policy = load_policy()
    early = {
        **GRADUATE,
        "application_date": date(2021, 3, 15),
        "flexible_employment_since": date(2021, 1, 1),
        "graduation_date": date(2020, 6, 30),
    }
    first = run("flexible_insurance", "person", policy=policy, **early)
    second = run("flexible_insurance", "person", policy=policy, **early)
    assert first.status is Status.CANNOT_DECIDE
    assert first.extra.get("uncomputable_months")
    assert second.extra == first.extra
    assert second.parameters_used == first.parameters_used


def test_a_label_made_when_shown_renders_like_a_label() -> None:
    names = {"a": ("甲{years}年", "A {years} years"), "b": ("乙", "B")}
    lazy = names_label(names, ["a", "b"], years=2)
    assert lazy == Label("甲2年、乙", "A 2 years, B")
    assert format_arg(lazy, "zh") == "甲2年、乙"
    assert format_arg(lazy, "en") == "A 2 years, B"
