"""第十一条 / 序号31 灵活就业社保补贴: every rule sentence, month-by-month amounts, the extension and re-qualification."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, condition, run
from wenjiuye_cli.dates import add_years
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render, render_message
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.retirement import statutory_retirement

NOT_SPECIAL = {
    "zero_employment_family": False,
    "single_parent_family": False,
    "subsistence_allowance_family": False,
    "supports_seriously_ill_relative": False,
}
COMMON: dict[str, Any] = {
    "application_date": date(2023, 3, 15),
    "flexible_employment_since": date(2022, 1, 1),
    "flexible_subsidy_months_received": 0,
}
# A Tianjin graduate of 2022, 24, not a person with employment difficulty.
GRADUATE: dict[str, Any] = {
    **COMMON,
    "sex": "male",
    "birth_date": date(1998, 5, 1),
    "university_graduate": True,
    "graduation_date": date(2022, 6, 30),
    "tianjin_university": True,
    "employment_difficulty": False,
}
# A certified 就业困难人员, woman of 45 (original retirement age 55), in none of the special categories.
DIFFICULTY: dict[str, Any] = {
    **COMMON,
    "sex": "female",
    "birth_date": date(1978, 1, 10),
    "original_retirement_age": 55,
    "university_graduate": False,
    "employment_difficulty": True,
    **NOT_SPECIAL,
}


# The old reading of 附则: payments stop with the policy (2025-06). Tests about rates and categories use it
# where the new default's term would run past 2025-07-31, the last day a minimum base is listed for (those
# months cannot be computed: see test_months_past_the_listed_base_cannot_be_computed).
STOP = load_policy(overrides=["general.payments_end_with_policy=true"])


def flex(base: dict[str, Any], policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**base, **changes}.items() if v is not None}
    return run("flexible_insurance", "person", policy=policy, **facts)


def by_month(outcome: Any) -> dict[date, Decimal]:
    return {line.month: line.amount for line in outcome.schedule}


def test_graduate_two_thirds_for_24_months_month_by_month() -> None:
    # 给予最长2年三项社保补贴 … 补贴标准为最低缴费标准的2/3; each month with that month's base
    outcome = flex(GRADUATE)
    assert outcome.status is Status.ELIGIBLE
    months = by_month(outcome)
    assert len(months) == outcome.months == 24
    assert months[date(2023, 3, 1)] == months[date(2023, 7, 1)] == Decimal("865.33")  # 4400 × 29.5% × 2/3
    assert months[date(2023, 8, 1)] == Decimal("934.36")  # 4751 × 29.5% × 2/3
    assert months[date(2025, 2, 1)] == Decimal("985.89")  # 5013 × 29.5% × 2/3
    assert outcome.amount == Decimal("22440.20") == sum(months.values())
    assert outcome.extra["end_date"] == date(2025, 2, 28)
    assert outcome.extra["end_reason"] == "duration"
    assert outcome.extra["category"] == "graduate"
    assert outcome.monthly_amount is None  # the amount changes with the base


@pytest.mark.parametrize(("graduated", "ok"), [(date(2021, 3, 15), True), (date(2021, 3, 14), False)])
def test_graduated_within_two_years(graduated: date, ok: bool) -> None:
    # 毕业2年内: the second anniversary is still within
    outcome = flex(GRADUATE, graduation_date=graduated)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_only_tianjin_universities() -> None:
    # 本市高校毕业生
    outcome = flex(GRADUATE, tianjin_university=False)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "tianjin_university") is Check.FAILED


@pytest.mark.parametrize("category", list(NOT_SPECIAL))
def test_special_difficulty_three_quarters(category: str) -> None:
    # 其中特殊就业困难人员补贴标准为最低缴费标准的3/4
    outcome = flex(DIFFICULTY, STOP, **{category: True})
    assert outcome.status is Status.ELIGIBLE
    assert outcome.extra["share"] == "3/4"
    assert by_month(outcome)[date(2023, 3, 1)] == Decimal("973.50")  # 4400 × 29.5% × 3/4


def test_older_difficulty_one_half() -> None:
    # 其他女年满40周岁、男年满50周岁的，补贴标准为最低缴费标准的1/2
    outcome = flex(DIFFICULTY)
    assert outcome.extra["share"] == "1/2"
    assert by_month(outcome)[date(2023, 3, 1)] == Decimal("649.00")


@pytest.mark.parametrize(
    ("sex", "birth", "ok"),
    [
        ("female", date(1983, 3, 15), True),  # 40 on the application date
        ("female", date(1983, 3, 16), False),  # 40 tomorrow
        ("male", date(1973, 3, 15), True),
        ("male", date(1973, 3, 16), False),
    ],
)
def test_age_reached_on_the_birthday(sex: str, birth: date, ok: bool) -> None:
    outcome = flex(
        DIFFICULTY, STOP, sex=sex, birth_date=birth, original_retirement_age=55 if sex == "female" else None
    )
    assert condition(outcome, "difficulty_rate") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_younger_difficulty_without_special_category_has_no_rate() -> None:
    outcome = flex(DIFFICULTY, birth_date=date(1990, 1, 1))
    assert outcome.status is Status.INELIGIBLE


def test_difficulty_up_to_36_months_less_months_received() -> None:
    # 给予最长3年: 6 months already received leave 30
    outcome = flex(DIFFICULTY, application_date=date(2022, 7, 10), flexible_subsidy_months_received=6)
    assert outcome.months == 30
    assert outcome.extra["end_date"] == date(2024, 12, 31)
    assert outcome.extra["end_reason"] == "duration"
    used_up = flex(DIFFICULTY, flexible_subsidy_months_received=36)
    assert used_up.status is Status.INELIGIBLE


def test_policy_end_cuts_the_period_under_the_old_reading() -> None:
    outcome = flex(DIFFICULTY, STOP)
    assert outcome.months == 28  # 2023-03 .. 2025-06
    assert outcome.extra["end_date"] == date(2025, 6, 29)
    assert outcome.extra["end_reason"] == "policy_end"


def test_months_past_the_listed_base_cannot_be_computed() -> None:
    # Granted in force, the 36 months run 2023-03 .. 2026-02; no minimum base is listed after 2025-07-31,
    # so the 7 months 2025-08 .. 2026-02 cannot be computed and the outcome says what to supply.
    outcome = flex(DIFFICULTY)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.months == 36
    assert outcome.extra["end_reason"] == "duration"
    late = ["2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]
    assert outcome.extra["uncomputable_months"] == late
    assert len(outcome.schedule) == 29  # 2023-03 .. 2025-07 are computed
    [note] = [n for n in outcome.notes if n.code == "note.uncomputable"]
    zh = render_message(note, measure_by_id("flexible_insurance"), "zh")
    assert "--set flexible_insurance.min_base_monthly@2025-08-01=" in zh
    supplied = load_policy(overrides=["flexible_insurance.min_base_monthly@2025-08-01=5013"])  # a test value
    assert flex(DIFFICULTY, supplied).status is Status.ELIGIBLE


def test_full_duration_past_the_policy_end() -> None:
    # A subsidy granted in force runs its full duration.
    # 7 months received leave 29: 2023-03 .. 2025-07, one month past the policy's last day.
    cut = flex(DIFFICULTY, STOP, flexible_subsidy_months_received=7)
    assert cut.months == 28
    assert cut.extra["end_reason"] == "policy_end"
    outcome = flex(DIFFICULTY, flexible_subsidy_months_received=7)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 29
    assert outcome.extra["end_date"] == date(2025, 7, 31)
    assert outcome.extra["end_reason"] == "duration"
    assert "note.runs_past_policy" in [n.code for n in outcome.notes]
    assert cut.amount is not None
    assert outcome.amount == cut.amount + outcome.schedule[-1].amount
    # The full 36 months reach 2026-02, beyond the last minimum base on file: not guessed, listed instead.
    full = flex(DIFFICULTY)
    assert full.months == 36
    assert full.status is Status.CANNOT_DECIDE
    assert full.extra["uncomputable_months"][0] == "2025-08"


def _rendered(outcome: Any, lang: str) -> list[str]:
    measure = measure_by_id("flexible_insurance")
    lines = [render(c.code, c.args, measure, lang) for c in outcome.conditions]
    return lines + [render_message(m, measure, lang) for m in (*outcome.arithmetic, *outcome.notes)]


def test_explanations_take_their_numbers_from_the_parameters() -> None:
    # The review's repro: a graduate with a 36-month limit at 3/4 must not be described as "24 months, 2/3".
    policy = load_policy(overrides=["flexible_insurance.graduate_max_months=36",
                                    "flexible_insurance.graduate_share_numerator=3",
                                    "flexible_insurance.graduate_share_denominator=4"])  # fmt: skip
    outcome = flex(GRADUATE, policy)
    text = " ".join(_rendered(outcome, "en") + _rendered(outcome, "zh"))
    assert "2/3" not in text
    assert "24 months" not in text
    assert "24个月" not in text
    assert "3/4" in text
    assert "at most 36" in text
    ages = load_policy(
        overrides=["flexible_insurance.older_women_age=38", "flexible_insurance.older_men_age=48"]
    )
    young = flex(DIFFICULTY, ages, birth_date=date(1990, 1, 1))
    none = " ".join(_rendered(young, "zh"))
    assert "女年满 38、男年满 48" in none
    assert "40" not in none


def test_total_is_shown_to_the_fen() -> None:
    outcome = flex(GRADUATE)
    lines = [render_message(m, measure_by_id("flexible_insurance"), "en") for m in outcome.arithmetic]
    assert lines[-1] == "total 22440.20 yuan"


REQUALIFY = {"flexible_subsidy_months_received": 36, "flexible_subsidy_expired": True,
             "subsistence_allowance_family": True, "single_parent_family": True}  # fmt: skip


def test_requalification_after_expiry() -> None:
    # 享受期满，符合享受最低生活保障条件，且需赡养患重大疾病直系亲属或单亲家庭人员的，可以重新认定
    outcome = flex(DIFFICULTY, application_date=date(2022, 7, 10), **REQUALIFY)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.extra["category"] == "requalified"
    assert outcome.extra["share"] == "3/4"
    assert outcome.months == 36


@pytest.mark.parametrize(
    "change",
    [
        {"single_parent_family": False, "supports_seriously_ill_relative": False},  # neither of the two
        {"subsistence_allowance_family": False},  # no subsistence allowance
        {"flexible_subsidy_expired": False},  # the period has not run out
    ],
)
def test_requalification_conditions(change: dict[str, Any]) -> None:
    outcome = flex(DIFFICULTY, **{**REQUALIFY, **change})
    assert outcome.status is Status.INELIGIBLE


def test_extension_to_retirement_beyond_36_months() -> None:
    # 对距法定退休年龄不足5年的可延长至退休: born May 1975, original age 50 → retires 2025-08-01 at 50y3m
    facts = {"birth_date": date(1975, 5, 1), "original_retirement_age": 50, "application_date": date(2021, 3, 15),
             "flexible_employment_since": date(2021, 1, 1)}  # fmt: skip
    outcome = flex(DIFFICULTY, STOP, **facts)
    assert outcome.extra["extended_to_retirement"] is True
    assert outcome.months == 52  # 2021-03 .. 2025-06, more than 36
    # the minimum base is known only from 2022-07: those months cannot be computed
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.amount is None
    assert len(outcome.extra["uncomputable_months"]) == 16
    assert outcome.extra["uncomputable_months"][0] == "2021-03"
    assert len(outcome.schedule) == 36
    [note] = [n for n in outcome.notes if n.code == "note.uncomputable"]
    # It says exactly what to supply, as commands to paste: the base and the rates, none listed before 2022-07.
    zh = render_message(note, measure_by_id("flexible_insurance"), "zh")
    assert "--set flexible_insurance.min_base_monthly@2021-03-01=<value>" in zh
    assert "--set flexible_insurance.pension_rate@2021-03-01=<value>" in zh
    assert "2021-03 至 2022-06 共 16 个月" in zh
    # with a base in force for every month, all 52 are paid
    base = load_policy(overrides=["flexible_insurance.min_base_monthly@2020-06-30=4000",
                                  "flexible_insurance.pension_rate@2020-06-30=0.2",
                                  "flexible_insurance.medical_rate@2020-06-30=0.085",
                                  "flexible_insurance.unemployment_rate@2020-06-30=0.01"])  # fmt: skip
    paid = flex(DIFFICULTY, base, **facts)
    assert paid.status is Status.ELIGIBLE
    assert paid.months == 54  # granted in force: 2021-03 .. 2025-08, to retirement
    assert paid.amount == Decimal(590) * 54  # 4000 × 29.5% × 1/2


@pytest.mark.parametrize(("covered", "months", "end"), [("true", 29, date(2024, 12, 15)),
                                                       ("false", 28, date(2024, 11, 30))])  # fmt: skip
def test_extension_ends_at_retirement(covered: str, months: int, end: date) -> None:
    # a man born 1964-12-15 reaches 60 on 2024-12-15
    policy = load_policy(overrides=[f"flexible_insurance.retirement_month_covered={covered}"])
    outcome = flex(DIFFICULTY, policy, sex="male", birth_date=date(1964, 12, 15), original_retirement_age=None,
                   application_date=date(2022, 8, 10))  # fmt: skip
    assert outcome.months == months
    assert outcome.extra["end_date"] == end
    assert outcome.extra["end_reason"] == "retirement"


@pytest.mark.parametrize(("applies_to", "months"), [("all", 29), ("difficulty_only", 24)])
def test_extension_for_graduates_depends_on_reading(applies_to: str, months: int) -> None:
    policy = load_policy(overrides=[f"flexible_insurance.extension_applies_to={applies_to}"])
    outcome = flex(GRADUATE, policy, birth_date=date(1964, 12, 15), application_date=date(2022, 8, 10),
                   flexible_employment_since=date(2022, 8, 1))  # fmt: skip
    assert outcome.months == months


def test_not_extended_when_exactly_five_years_from_retirement() -> None:
    # 不足5年: exactly five years before retirement is not "fewer"; born January 1967 → 60y7m, 2027-08-15
    man = {"sex": "male", "birth_date": date(1967, 1, 15), "original_retirement_age": None}
    retirement = statutory_retirement("male", date(1967, 1, 15), None, POLICY)
    assert retirement.date == date(2027, 8, 15)
    on = add_years(retirement.date, -5)
    exact = flex(DIFFICULTY, application_date=on, **man)
    after = flex(DIFFICULTY, application_date=on + timedelta(days=1), **man)
    assert exact.extra["extended_to_retirement"] is False
    assert exact.months == 36  # 2022-08 .. 2025-07, never beyond 36
    assert after.extra["extended_to_retirement"] is True


def test_overlap_applies_the_category_giving_more() -> None:
    # graduate and 就业困难人员 (1/2), payments stopping with the policy: 24 × 2/3 = 16 > 28 × 1/2 = 14 →
    # graduate, once
    both = {**GRADUATE, "sex": "female", "birth_date": date(1982, 1, 1), "original_retirement_age": 55,
            "employment_difficulty": True, **NOT_SPECIAL}  # fmt: skip
    outcome = flex(both, STOP)
    assert outcome.extra["category"] == "graduate"
    assert [n.code for n in outcome.notes if n.code == "note.chosen"] == ["note.chosen"]
    assert outcome.amount == flex(GRADUATE).amount
    # special difficulty: 28 × 3/4 = 21 > 16 → difficulty
    special = flex(both, STOP, zero_employment_family=True)
    assert special.extra["category"] == "difficulty"
    # By default the full terms compare: 36 × 1/2 = 18 > 24 × 2/3 = 16 → difficulty
    assert flex(both).extra["category"] == "difficulty"


def test_better_category_undecided_cannot_decide() -> None:
    # a graduate who is 就业困难人员, special categories unknown: 3/4 for 28 months could give more
    outcome = flex(GRADUATE, employment_difficulty=True)
    assert outcome.status is Status.CANNOT_DECIDE
    assert set(outcome.missing_facts) == set(NOT_SPECIAL)
    assert [n.code for n in outcome.notes] == ["note.better_unknown"]


def test_undecided_category_that_cannot_give_more_does_not_block() -> None:
    outcome = flex(GRADUATE, employment_difficulty=None, **NOT_SPECIAL)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.extra["category"] == "graduate"


def test_must_already_be_flexibly_employed() -> None:
    outcome = flex(GRADUATE, flexible_employment_since=date(2023, 4, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "flexible_employed") is Check.FAILED


def test_not_after_retirement() -> None:
    outcome = flex(DIFFICULTY, sex="male", birth_date=date(1962, 1, 1), original_retirement_age=None)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "not_retired") is Check.FAILED


def test_missing_months_received() -> None:
    outcome = flex(GRADUATE, flexible_subsidy_months_received=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts[0] == "flexible_subsidy_months_received"


CAP = to_fen(Decimal(5013) * Decimal("0.295") * 3 / 4)


@given(
    birth=st.dates(date(1960, 1, 1), date(1985, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    original=st.sampled_from([50, 55]),
    on=st.dates(date(2022, 7, 1), date(2025, 6, 29)),
    received=st.integers(0, 40),
    special=st.booleans(),
)
def test_duration_and_retirement_limits(
    birth: date, sex: str, original: int, on: date, received: int, special: bool
) -> None:
    orig = original if sex == "female" else None
    outcome = flex(DIFFICULTY, sex=sex, birth_date=birth, original_retirement_age=orig, application_date=on,
                   flexible_subsidy_months_received=received, zero_employment_family=special)  # fmt: skip
    retirement = statutory_retirement(sex, birth, orig, POLICY)
    if outcome.status is not Status.ELIGIBLE:
        return
    assert outcome.months is not None
    assert outcome.months == len(outcome.schedule)
    if outcome.extra["extended_to_retirement"]:
        assert all(line.month <= retirement.date for line in outcome.schedule)
        assert outcome.extra["end_date"] <= retirement.date
    else:
        assert outcome.months <= 36 - received
    assert all(line.amount <= CAP for line in outcome.schedule)
    assert outcome.amount == sum(line.amount for line in outcome.schedule)


@given(birth=st.dates(date(1972, 7, 2), date(1975, 6, 29)), sex=st.sampled_from(["male", "female"]))
def test_age_threshold_exactly_at_the_birthday(birth: date, sex: str) -> None:
    age = 40 if sex == "female" else 50
    birthday = add_years(birth if sex == "male" else birth.replace(year=birth.year + 10), age)
    born = birth if sex == "male" else birth.replace(year=birth.year + 10)
    if birthday.month == 2 and birthday.day == 28 and born.day == 29:
        return  # born 29 February: the birthday of a common year is 1 March
    facts = {"sex": sex, "birth_date": born, "original_retirement_age": 55 if sex == "female" else None}
    on_birthday = flex(DIFFICULTY, STOP, application_date=birthday, **facts)
    day_before = flex(DIFFICULTY, STOP, application_date=birthday - timedelta(days=1), **facts)
    assert on_birthday.status is Status.ELIGIBLE
    assert on_birthday.extra["share"] == "1/2"
    assert day_before.status is Status.INELIGIBLE


@given(graduated=st.dates(date(2020, 7, 1), date(2025, 6, 29)), days=st.integers(0, 900))
def test_graduates_never_more_than_24_months(graduated: date, days: int) -> None:
    on = graduated + timedelta(days=days)
    if on > date(2025, 6, 29) or on < date(2022, 7, 1):
        return
    outcome = flex(
        GRADUATE, STOP, graduation_date=graduated, application_date=on, flexible_employment_since=graduated
    )
    assert (outcome.status is Status.ELIGIBLE) is (on <= add_years(graduated, 2))
    if outcome.status is Status.ELIGIBLE:
        assert outcome.months is not None
        assert outcome.months <= 24
        assert all(
            line.amount <= to_fen(Decimal(5013) * Decimal("0.295") * 2 / 3) for line in outcome.schedule
        )
