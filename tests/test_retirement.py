"""Statutory retirement age: the 2024 NPC decision's schedule (对照表) at its first, last and middle rows."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, run
from wenjiuye_cli.dates import add_months
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.retirement import (
    RetirementInputError,
    retirement_parameter_keys,
    statutory_retirement,
    within_years_of_retirement,
)

# (birth, age years, extra months, retirement month) — rows of the official 改革前后法定退休年龄对照表
MEN = [
    (date(1964, 12, 15), 60, 0, (2024, 12)),  # just before the reform: original age
    (date(1965, 1, 1), 60, 1, (2025, 2)),  # first row 1965年1月—4月
    (date(1965, 4, 30), 60, 1, (2025, 5)),
    (date(1965, 5, 1), 60, 2, (2025, 7)),  # second row 1965年5月—8月
    (date(1965, 12, 31), 60, 3, (2026, 3)),
    (date(1970, 1, 10), 61, 4, (2031, 5)),  # middle row 1970年1月—4月
    (date(1972, 6, 1), 61, 11, (2034, 5)),  # 1972年5月—8月
    (date(1976, 8, 31), 62, 11, (2039, 7)),  # penultimate row 1976年5月—8月
    (date(1976, 9, 1), 63, 0, (2039, 9)),  # last row 1976年9月—12月
    (date(1990, 3, 3), 63, 0, (2053, 3)),  # later births stay at 63
]
WOMEN55 = [
    (date(1969, 12, 31), 55, 0, (2024, 12)),
    (date(1970, 1, 1), 55, 1, (2025, 2)),  # first row 1970年1月—4月
    (date(1970, 5, 20), 55, 2, (2025, 7)),
    (date(1975, 1, 1), 56, 4, (2031, 5)),  # middle row
    (date(1981, 8, 1), 57, 11, (2039, 7)),  # penultimate row 1981年5月—8月
    (date(1981, 9, 1), 58, 0, (2039, 9)),  # last row 1981年9月—12月
    (date(1999, 1, 1), 58, 0, (2057, 1)),
]
WOMEN50 = [
    (date(1974, 12, 31), 50, 0, (2024, 12)),
    (date(1975, 1, 1), 50, 1, (2025, 2)),  # first row 1975年1月—2月
    (date(1975, 2, 28), 50, 1, (2025, 3)),
    (date(1975, 3, 1), 50, 2, (2025, 5)),  # 1975年3月—4月
    (date(1980, 1, 1), 52, 7, (2032, 8)),  # middle row 1980年1月—2月
    (date(1984, 10, 31), 54, 11, (2039, 9)),  # penultimate row 1984年9月—10月
    (date(1984, 11, 1), 55, 0, (2039, 11)),  # last row 1984年11月—12月
    (date(1995, 6, 1), 55, 0, (2050, 6)),
]


def _assert_row(
    sex: str, original: int | None, birth: date, years: int, months: int, ym: tuple[int, int]
) -> None:
    r = statutory_retirement(sex, birth, original, POLICY)
    assert (r.age_years, r.age_months) == (years, months)
    assert (r.date.year, r.date.month) == ym
    assert r.date == add_months(birth, years * 12 + months)


@pytest.mark.parametrize(("birth", "years", "months", "ym"), MEN)
def test_men_schedule(birth: date, years: int, months: int, ym: tuple[int, int]) -> None:
    _assert_row("male", None, birth, years, months, ym)
    _assert_row("male", 60, birth, years, months, ym)


@pytest.mark.parametrize(("birth", "years", "months", "ym"), WOMEN55)
def test_women_original_55_schedule(birth: date, years: int, months: int, ym: tuple[int, int]) -> None:
    _assert_row("female", 55, birth, years, months, ym)


@pytest.mark.parametrize(("birth", "years", "months", "ym"), WOMEN50)
def test_women_original_50_schedule(birth: date, years: int, months: int, ym: tuple[int, int]) -> None:
    _assert_row("female", 50, birth, years, months, ym)


def test_retirement_day_is_the_birthday_reached() -> None:
    r = statutory_retirement("male", date(1965, 5, 17), None, POLICY)
    assert r.date == date(2025, 7, 17)
    leap = statutory_retirement("male", date(1964, 2, 29), None, POLICY)
    assert leap.date == date(2024, 2, 29)
    clamped = statutory_retirement("female", date(1975, 3, 31), 50, POLICY)  # 50y2m → 2025-05-31
    assert clamped.date == date(2025, 5, 31)


@pytest.mark.parametrize(
    ("sex", "original", "message"),
    [
        ("female", None, "原法定退休年龄"),
        ("female", 60, "50 或 55"),
        ("female", 45, "50 or 55"),
        ("male", 55, "60"),
        ("other", None, "male"),
    ],
)
def test_invalid_inputs_raise_clear_errors(sex: str, original: int | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        statutory_retirement(sex, date(1970, 1, 1), original, POLICY)


@pytest.mark.parametrize(
    ("sex", "original", "reason", "allowed"),
    [("male", 55, "male_original_age", (60,)), ("female", 52, "female_original_age", (50, 55))],
)
def test_unusable_original_age_says_what_was_given(
    sex: str, original: int, reason: str, allowed: tuple[int, ...]
) -> None:
    with pytest.raises(RetirementInputError) as caught:
        statutory_retirement(sex, date(1970, 1, 1), original, POLICY)
    assert (caught.value.reason, caught.value.given, caught.value.allowed) == (reason, original, allowed)
    assert str(original) in caught.value.zh
    assert str(original) in caught.value.en


@pytest.mark.parametrize(
    ("sex", "original", "words"), [("male", 55, ("60", "55")), ("female", 52, ("50", "55", "52"))]
)
def test_measures_report_an_unusable_original_age_without_calling_it_missing(
    sex: str, original: int, words: tuple[str, ...]
) -> None:
    outcome = run(
        "ui_to_retirement",
        "person",
        application_date=date(2021, 4, 10),
        ui_benefit_end_date=date(2021, 3, 31),
        employed_since_benefit_end=False,
        sex=sex,
        birth_date=date(1966, 1, 15),
        original_retirement_age=original,
    )
    assert outcome.status is Status.CANNOT_DECIDE
    assert "original_retirement_age" not in outcome.missing_facts
    (found,) = [c for c in outcome.conditions if c.code == "retirement_age"]
    assert found.result is Check.UNKNOWN
    measure = measure_by_id("ui_to_retirement")
    for lang in ("zh", "en"):
        text = render(found.code, found.args, measure, lang)
        assert all(word in text for word in words), text


def test_schedule_follows_parameters() -> None:
    # No reform: everyone keeps the original age.
    none = load_policy(overrides=["retirement.men_max_added_months=0"])
    assert statutory_retirement("male", date(1980, 1, 1), None, none).age_years == 60
    # A faster schedule (one month per two months of birth) reaches the cap sooner.
    fast = load_policy(overrides=["retirement.men_birth_months_per_added_month=2"])
    r = statutory_retirement("male", date(1965, 3, 1), None, fast)
    assert (r.age_years, r.age_months) == (60, 2)


def test_parameter_keys_exist() -> None:
    for group in ("men", "women55", "women50"):
        for key in retirement_parameter_keys(group):
            assert key in POLICY.parameters


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2020, 3, 10), False),  # exactly 5 years before: not "fewer than 5 years"
        (date(2020, 3, 11), True),
        (date(2020, 3, 9), False),
        (date(2025, 3, 10), True),  # on the retirement date (distance 0)
    ],
)
def test_within_years_of_retirement_is_strict(on: date, expected: bool) -> None:
    assert within_years_of_retirement(date(2025, 3, 10), on, 5) is expected


def test_within_one_year_uses_anniversary() -> None:
    assert within_years_of_retirement(date(2024, 2, 29), date(2023, 2, 28), 1) is False
    assert within_years_of_retirement(date(2024, 2, 29), date(2023, 3, 1), 1) is True


births = st.dates(min_value=date(1940, 1, 1), max_value=date(2005, 12, 31))
GROUPS = [("male", None, 60, 63), ("female", 55, 55, 58), ("female", 50, 50, 55)]


@given(a=births, b=births, group=st.sampled_from(GROUPS))
def test_retirement_date_monotone_in_birth(a: date, b: date, group: tuple[str, int | None, int, int]) -> None:
    sex, original, _low, _high = group
    early, late = sorted((a, b))
    assert (
        statutory_retirement(sex, early, original, POLICY).date
        <= statutory_retirement(sex, late, original, POLICY).date
    )
    assert (
        statutory_retirement(sex, early, original, POLICY).total_months
        <= statutory_retirement(sex, late, original, POLICY).total_months
    )


@given(birth=births, group=st.sampled_from(GROUPS))
def test_age_within_bounds(birth: date, group: tuple[str, int | None, int, int]) -> None:
    sex, original, low, high = group
    r = statutory_retirement(sex, birth, original, POLICY)
    assert low * 12 <= r.total_months <= high * 12
    assert 0 <= r.age_months < 12
    assert r.date == add_months(birth, r.total_months)


@given(birth=births, years=st.integers(1, 10), group=st.sampled_from(GROUPS))
def test_within_years_exactly_at_anniversary(
    birth: date, years: int, group: tuple[str, int | None, int, int]
) -> None:
    sex, original, _low, _high = group
    r = statutory_retirement(sex, birth, original, POLICY)
    anniversary = add_months(r.date, -12 * years)
    assert not within_years_of_retirement(r.date, anniversary, years)
    assert within_years_of_retirement(r.date, date.fromordinal(anniversary.toordinal() + 1), years)
