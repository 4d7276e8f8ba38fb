"""第十一条 / 序号31 over columns: the social-insurance subsidy for flexible employment (three categories)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import columnar, frame, same_as_scalar, scalar
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

M = "flexible_insurance"
ON = date(2022, 7, 15)
# The minimum base is 4400 from 2022-07, 4751 from 2023-08, 5013 from 2024-08 to 2025-07; the rates are
# 20% + 8.5% + 1% = 29.5%, so the minimum contribution is 1298.00 a month from 2022-07.
GRADUATE: dict[str, Any] = {
    "application_date": ON,
    "flexible_employment_since": date(2020, 7, 1),
    "flexible_subsidy_months_received": 0,
    "university_graduate": True,
    "graduation_date": date(2022, 6, 30),
    "tianjin_university": True,
    "employment_difficulty": False,
    "flexible_subsidy_expired": False,
    "sex": "male",
    "birth_date": date(2000, 3, 1),
}
# a certified 就业困难人员 in a 低保 family (特殊: 3/4), not a graduate
SPECIAL: dict[str, Any] = {
    **GRADUATE,
    "university_graduate": False,
    "employment_difficulty": True,
    "zero_employment_family": False,
    "single_parent_family": False,
    "subsistence_allowance_family": True,
    "supports_seriously_ill_relative": False,
}
OLDER: dict[str, Any] = {**SPECIAL, "subsistence_allowance_family": False, "birth_date": date(1972, 7, 15)}


def conditions(outcome: Any) -> dict[str, Check]:
    return {c.code: c.result for c in outcome.conditions}


def test_a_graduate_gets_two_thirds_for_24_months_at_each_months_base() -> None:
    outcome = same_as_scalar(M, "person", ON, **GRADUATE)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 24  # 2022-07 … 2024-06
    # 13 months at 1298.00 × 2/3 = 865.33, then 11 at 4751 × 29.5% = 1401.545 × 2/3 = 934.36
    assert outcome.amount == 13 * Decimal("865.33") + 11 * Decimal("934.36")
    assert outcome.monthly_amount is None  # two monthly amounts
    assert outcome.schedule[0].amount == Decimal("865.33")
    assert outcome.schedule[-1].month == date(2024, 6, 1)
    assert conditions(outcome)["branch"] is Check.PASSED
    assert [m.code for m in outcome.arithmetic] == ["arith.segment", "arith.segment", "arith.total"]


def test_special_difficulty_three_quarters_and_older_one_half() -> None:
    special = same_as_scalar(M, "person", ON, **SPECIAL)
    assert special.status is Status.ELIGIBLE
    assert special.months == 36
    assert special.schedule[0].amount == Decimal("973.50")  # 1298.00 × 3/4
    older = same_as_scalar(M, "person", ON, **OLDER)  # a man of 50 on the day
    assert older.status is Status.ELIGIBLE
    assert older.schedule[0].amount == Decimal("649.00")  # 1298.00 × 1/2
    # "年满50周岁" from the birthday itself: a day younger, no rate in the text
    younger = same_as_scalar(M, "person", ON, **{**OLDER, "birth_date": date(1972, 7, 16)})
    assert younger.status is Status.INELIGIBLE
    assert conditions(younger)["difficulty_rate"] is Check.FAILED


def test_the_graduation_window_ends_on_the_second_anniversary() -> None:
    on_the_day = {**GRADUATE, "graduation_date": date(2020, 7, 15)}
    assert same_as_scalar(M, "person", ON, **on_the_day).status is Status.ELIGIBLE
    a_day_late = {**GRADUATE, "graduation_date": date(2020, 7, 14)}
    outcome = same_as_scalar(M, "person", ON, **a_day_late)
    assert outcome.status is Status.INELIGIBLE
    assert conditions(outcome)["graduated_within"] is Check.FAILED


def test_the_category_giving_more_is_applied_once() -> None:
    both = {**SPECIAL, "university_graduate": True}
    outcome = same_as_scalar(M, "person", ON, **both)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 36  # 3/4 × 36 beats 2/3 × 24
    assert outcome.notes[0].code == "note.chosen"
    # the graduate holds, but whether the difficulty category applies is unknown and could give more
    unsure = {**both, "employment_difficulty": None}
    outcome = same_as_scalar(M, "person", ON, **unsure)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["employment_difficulty"]
    assert outcome.notes[0].code == "note.better_unknown"


def test_months_received_count_and_near_retirement_runs_to_retirement() -> None:
    outcome = same_as_scalar(M, "person", ON, **{**SPECIAL, "flexible_subsidy_months_received": 30})
    assert outcome.months == 6
    # a man born 1962-09-10 retires at 60 on 2022-09-10: fewer than 5 years, so no month limit
    near = {**SPECIAL, "flexible_subsidy_months_received": 36, "birth_date": date(1962, 9, 10)}
    outcome = same_as_scalar(M, "person", ON, **near)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 3  # 2022-07 … 2022-09, the retirement month covered
    covered = ["flexible_insurance.retirement_month_covered=false"]
    assert same_as_scalar(M, "person", ON, covered, **near).months == 2
    # exactly 5 years before retirement is not "fewer than 5 years"
    five = {**near, "birth_date": date(1967, 7, 15)}
    outcome = same_as_scalar(M, "person", ON, **five)
    assert outcome.status is Status.INELIGIBLE
    assert conditions(outcome)["months_left"] is Check.FAILED


def test_extra_gives_the_chosen_category_its_share_and_the_end_for_a_retirement_limited_period() -> None:
    # no month left, but retirement on 2022-09-10 is fewer than 5 years away: extended to retirement
    near = {**SPECIAL, "flexible_subsidy_months_received": 36, "birth_date": date(1962, 9, 10)}
    outcome = same_as_scalar(M, "person", ON, **near)
    assert outcome.extra == {
        "end_date": date(2022, 9, 10),
        "end_reason": "retirement",
        "category": "difficulty",
        "share": "3/4",
        "extended_to_retirement": True,
        "retirement_date": date(2022, 9, 10),
    }
    assert outcome.extra == scalar(M, "person", ON, load_policy(), **near).extra
    graduate = same_as_scalar(M, "person", ON, **GRADUATE).extra
    assert (graduate["category"], graduate["share"], graduate["end_reason"]) == (
        "graduate",
        "2/3",
        "duration",
    )
    assert same_as_scalar(M, "person", ON, **{**OLDER, "birth_date": date(1972, 7, 16)}).extra == {}


def test_extra_lists_the_months_that_cannot_be_computed() -> None:
    on = date(2021, 7, 1)
    facts = {**SPECIAL, "application_date": on}
    outcome = same_as_scalar(M, "person", on, **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.extra["end_date"] == date(2024, 6, 30)
    assert outcome.extra["uncomputable_months"] == [f"2021-{m:02d}" for m in range(7, 13)] + [
        f"2022-{m:02d}" for m in range(1, 7)
    ]
    assert outcome.extra == scalar(M, "person", on, load_policy(), **facts).extra
    # undecided for a missing fact, not for months: no period to describe
    unknown = same_as_scalar(M, "person", on, **{**facts, "flexible_subsidy_months_received": None})
    assert (unknown.status, unknown.extra) == (Status.CANNOT_DECIDE, {})


def test_a_row_without_a_period_counts_no_month() -> None:
    # No category settled (its facts are unknown), so the period has no length: no month is paid or
    # listed as uncomputable. polars' min_horizontal skips a null, which once counted every month of each
    # run of parameters (about a million per row: 80 MB and a second a row for calc and --detail).
    result = evaluate_frame(
        frame("person", ON, application_date=ON), load_policy(), explain=True, measures=[M]
    )
    assert result.get_column(f"{M}.status").to_list() == [Status.CANNOT_DECIDE.value]
    listed = [c for c in result.columns if c.startswith(f"{M}.e.") and c.endswith("months")]
    assert listed  # the period's month lists are among the explained columns
    for name in listed:
        values = result.get_column(name).to_list()
        assert all(v is None or v == 0 or v == [] for v in values), (name, str(values)[:80])


def test_months_without_a_minimum_base_name_the_set_to_paste() -> None:
    on = date(2021, 7, 1)
    outcome = same_as_scalar(M, "person", on, **{**SPECIAL, "application_date": on})
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.months == 36  # 2021-07 … 2024-06: 12 months without a base, 24 with
    assert outcome.missing_facts == []
    assert outcome.amount is None
    assert len(outcome.schedule) == 24
    note = next(n for n in outcome.notes if n.code == "note.uncomputable")
    assert "--set flexible_insurance.min_base_monthly@2021-07-01=<value>" in str(note.args["commands"])
    # a dated --set supplies the year: every month is then computed, the earlier year at its own base
    sets = [
        "flexible_insurance.min_base_monthly@2021-07-01=4000",
        "flexible_insurance.pension_rate@2021-07-01=0.20",
        "flexible_insurance.medical_rate@2021-07-01=0.085",
    ]
    partly = same_as_scalar(M, "person", on, sets, **{**SPECIAL, "application_date": on})
    assert partly.status is Status.CANNOT_DECIDE  # the unemployment rate is still missing for 2021-07 …
    sets.append("flexible_insurance.unemployment_rate@2021-07-01=0.01")
    outcome = same_as_scalar(M, "person", on, sets, **{**SPECIAL, "application_date": on})
    assert outcome.status is Status.ELIGIBLE
    assert outcome.schedule[0].amount == Decimal("885.00")  # 4000 × 29.5% × 3/4


def test_no_computable_month_is_no_amount_not_zero() -> None:
    # the list.sum() trap: a period with no month computable has no amount, no schedule and no monthly
    # amount (not 0.00)
    on = date(2020, 9, 1)
    facts = {**SPECIAL, "application_date": on, "flexible_subsidy_months_received": 30}
    outcome = same_as_scalar(M, "person", on, **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.months == 6
    assert outcome.schedule == []
    assert outcome.monthly_amount is None
    assert outcome.amount is None


def test_missing_facts_are_named_in_the_scalar_order() -> None:
    facts = {**SPECIAL, "sex": None, "subsistence_allowance_family": None}
    outcome = same_as_scalar(M, "person", ON, **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    # (sex unknown: whether an original retirement age is needed is not known either)
    assert outcome.missing_facts == ["sex", "subsistence_allowance_family"]
    gone = {k: v for k, v in SPECIAL.items() if k != "flexible_employment_since"}
    outcome = same_as_scalar(M, "person", ON, **gone)
    assert outcome.missing_facts[0] == "flexible_employment_since"


def test_a_shown_value_is_unknown_when_an_input_is() -> None:
    # Kleene alone would show the men's threshold (50) for a person of unknown sex; the scalar rule shows
    # no threshold and no age until both sex and birth date are known
    facts = {**OLDER, "sex": None}
    outcome = same_as_scalar(M, "person", ON, **facts)
    rate = next(c for c in outcome.conditions if c.code == "difficulty_rate")
    assert rate.result is Check.UNKNOWN
    assert rate.args["threshold"] is None
    assert rate.args["age"] is None
    assert "sex" in rate.missing


def test_requalified_after_the_period_ran_out() -> None:
    facts = {
        **SPECIAL,
        "flexible_subsidy_months_received": 36,
        "flexible_subsidy_expired": True,
        "supports_seriously_ill_relative": True,
    }
    outcome = same_as_scalar(M, "person", ON, **facts)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 36  # a new period
    assert next(c for c in outcome.conditions if c.code == "branch").args["which"] == "category.requalified"


def test_the_other_reading_of_a_tianjin_graduate_is_noted() -> None:
    facts = {**GRADUATE, "tianjin_university": False, "tianjin_origin": True}
    outcome = same_as_scalar(M, "person", ON, **facts)
    assert outcome.status is Status.INELIGIBLE
    note = outcome.notes[-1]
    assert note.code == "note.other_reading"
    assert note.args["result"] == "other.amount"
    assert note.args["amount"] == 13 * Decimal("865.33") + 11 * Decimal("934.36")


def test_payments_ending_with_the_policy_cut_the_period() -> None:
    on = date(2024, 1, 10)
    facts = {**SPECIAL, "application_date": on}
    runs = same_as_scalar(M, "person", on, **facts)
    assert runs.status is Status.CANNOT_DECIDE  # 36 months run past 2025-07, where no base is listed
    ends = ["flexible_insurance.payments_end_with_policy=end_with_policy"]
    outcome = same_as_scalar(M, "person", on, ends, **facts)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 18  # 2024-01 … 2025-06 (the policy ends 2025-06-29)
    policy = load_policy(overrides=ends)
    assert columnar(M, "person", on, policy, **facts).amount == outcome.amount
