"""附则 “有效期5年”: one interpretation, ``general.payments_end_with_policy``, read by every monthly measure,
and each measure's own ``….payments_end_with_policy`` that wins over it when not ``general``.

By default a subsidy applied for while the policy is in force runs its full duration, past the policy's
last day (2025-06-29), and the outcome says so; with the flag true (the old default) it covers only months up
to the policy's last day. Months before the policy came into force are never paid
(``general.policy_start_month_counts`` decides June 2020)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers import POLICY, applicant, run
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.rules._schedule import OWN_KEYS

STOP = load_policy(overrides=["general.payments_end_with_policy=true"])
KEY = "general.payments_end_with_policy"

# (measure, kind, facts, months with the flag true, months by default): each starts late in the policy.
LATE: list[tuple[str, str, dict[str, Any], int, int]] = [
    (
        "employer_insurance",
        "hire",
        {"application_date": date(2024, 2, 1), "hire_date": date(2024, 1, 10), "post_type": "ordinary",
         "poverty_registered_labour": True, "sex": "male", "birth_date": date(1990, 5, 1)},
        18,  # 2024-01 .. 2025-06
        36,
    ),
    (
        "fallback_placement",
        "hire",
        {"application_date": date(2024, 2, 1), "hire_date": date(2024, 1, 10), "post_type": "fallback",
         "employment_difficulty": True, "sex": "male", "birth_date": date(1990, 5, 1)},
        18,
        36,
    ),
    (
        "public_welfare_post",
        "hire",
        {"application_date": date(2024, 2, 1), "hire_date": date(2024, 1, 10), "post_type": "public_welfare",
         "employment_difficulty": True, "zero_employment_family": False, "single_parent_family": False,
         "subsistence_allowance_family": False, "supports_seriously_ill_relative": False,
         "sex": "male", "birth_date": date(1990, 5, 1)},
        18,
        36,
    ),
    (
        "first_startup_insurance",
        "person",
        {"application_date": date(2024, 3, 1), "registration_date": date(2024, 1, 5), "business_type": "enterprise",
         "first_business": True, "registered_in_heping": True, "tianjin_fulltime_student": True,
         "employment_difficulty": False, "sex": "male", "birth_date": date(1996, 2, 1)},
        18,
        36,
    ),
    (
        "ui_to_retirement",
        "person",
        {"application_date": date(2025, 4, 10), "ui_benefit_end_date": date(2025, 3, 31),
         "employed_since_benefit_end": False, "ui_monthly_benefit": Decimal(2000), "sex": "male",
         "birth_date": date(1965, 9, 15)},  # 60 y 3 m → 2025-12-15
        3,  # 2025-04 .. 2025-06
        9,  # 2025-04 .. 2025-12
    ),
    (
        "income_disregard",
        "person",
        {"application_date": date(2025, 2, 1), "subsistence_allowance_family": True, "low_income_family": False,
         "jobless_before_job": True, "school_graduate": False, "first_employment": True,
         "contract_signed_date": date(2025, 1, 10)},
        6,
        12,
    ),
    (
        "flexible_insurance",
        "person",
        {"application_date": date(2023, 3, 15), "flexible_employment_since": date(2022, 1, 1),
         "flexible_subsidy_months_received": 7, "sex": "female", "birth_date": date(1978, 1, 10),
         "original_retirement_age": 55, "university_graduate": False, "employment_difficulty": True,
         "zero_employment_family": False, "single_parent_family": False, "subsistence_allowance_family": False,
         "supports_seriously_ill_relative": False},
        28,  # 2023-03 .. 2025-06
        29,  # the 29 months left: to 2025-07
    ),
    (
        "internship",
        "intern",
        {"application_date": date(2025, 4, 1), "internship_base_in_heping": True, "intern_category": "university",
         "internship_start": date(2025, 3, 1), "internship_end": date(2025, 8, 31), "intern_retained": False},
        4,  # 2025-03 .. 2025-06 (29 days served in June)
        6,
    ),
]  # fmt: skip


def months(outcome: Outcome) -> int:
    assert outcome.status in (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE), outcome
    assert outcome.months is not None
    return outcome.months


def past_notes(outcome: Outcome) -> list[Any]:
    return [n for n in outcome.notes if n.code == "note.runs_past_policy"]


@pytest.mark.parametrize(("measure_id", "kind", "facts", "cut", "full"), LATE, ids=[c[0] for c in LATE])
def test_every_monthly_measure_reads_the_one_interpretation(
    measure_id: str, kind: str, facts: dict[str, Any], cut: int, full: int
) -> None:
    default = run(measure_id, kind, **facts)
    assert months(default) == full
    assert KEY in default.parameters_used
    [note] = past_notes(default)
    # It says the subsidy runs its term past the policy's end, and what the other reading would give.
    assert note.args["end"] == date(2025, 6, 29)
    assert note.args["within"] == cut
    assert note.args["key"] == KEY
    stopped = run(measure_id, kind, policy=STOP, **facts)
    assert months(stopped) == cut
    assert past_notes(stopped) == []
    if default.schedule:
        assert max(line.month for line in stopped.schedule) <= date(2025, 6, 1)
        assert [line.month for line in default.schedule][: len(stopped.schedule)] == [
            line.month for line in stopped.schedule
        ]


@pytest.mark.parametrize(("measure_id", "kind", "facts", "cut", "full"), LATE, ids=[c[0] for c in LATE])
def test_a_measure_s_own_reading_wins_over_the_general_one(
    measure_id: str, kind: str, facts: dict[str, Any], cut: int, full: int
) -> None:
    own = OWN_KEYS[measure_id]
    stop_one = load_policy(overrides=[f"{own}=end_with_policy"])
    stopped = run(measure_id, kind, policy=stop_one, **facts)
    assert months(stopped) == cut
    assert own in stopped.parameters_used
    assert KEY not in stopped.parameters_used  # the measure's own value decided
    run_one = load_policy(overrides=["general.payments_end_with_policy=true", f"{own}=run_term"])
    longer = run(measure_id, kind, policy=run_one, **facts)
    assert months(longer) == full
    [note] = past_notes(longer)
    assert (note.args["key"], note.args["stop"]) == (own, "end_with_policy")


@pytest.mark.parametrize(("measure_id", "kind", "facts", "cut", "full"), LATE, ids=[c[0] for c in LATE])
def test_applied_on_the_policy_s_last_day_and_the_day_after(
    measure_id: str, kind: str, facts: dict[str, Any], cut: int, full: int
) -> None:
    # Applied on 2025-06-29, the policy's last day: granted, its months run past the end. The day after: not
    # under this policy at all (the engine's validity check), whatever the reading of the payments.
    last_day = evaluate(applicant(kind, **{**facts, "application_date": date(2025, 6, 29)}), POLICY,
                        only=[measure_id]).outcomes[0]  # fmt: skip
    assert last_day.status is not Status.INELIGIBLE, last_day
    if last_day.schedule:
        assert last_day.schedule[-1].month > date(2025, 6, 1)
    assert past_notes(last_day)
    day_after = evaluate(applicant(kind, **{**facts, "application_date": date(2025, 6, 30)}), POLICY,
                         only=[measure_id]).outcomes[0]  # fmt: skip
    assert day_after.status is Status.INELIGIBLE
    assert [c.code for c in day_after.conditions] == ["policy_in_force"]
