"""``rules._retirement`` (the statutory retirement age over columns) against ``retirement.statutory_retirement``
on random persons: every sex, original age and birth month, near the reform's first birth months."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from wenjiuye_cli.engine.expr import Params
from wenjiuye_cli.engine.rule import Scope
from wenjiuye_cli.policy import Policy, apply_override, load_policy
from wenjiuye_cli.retirement import RetirementInputError, statutory_retirement
from wenjiuye_cli.rules._retirement import _problem, stage_retirement

POLICY = load_policy()
births = st.one_of(
    st.dates(date(1955, 1, 1), date(1990, 12, 31)),
    # the first reform birth months and the last ones before each group's cap
    st.sampled_from([date(1964, 12, 31), date(1965, 1, 1), date(1965, 4, 30), date(1965, 5, 1)]),
    st.sampled_from([date(1970, 1, 1), date(1969, 12, 31), date(1975, 1, 31), date(1974, 12, 1)]),
    st.sampled_from([date(1976, 8, 31), date(1976, 9, 1), date(1984, 12, 31), date(1980, 2, 29)]),
)
persons = st.tuples(
    st.sampled_from(["male", "female", None]),
    st.one_of(births, st.none()),
    st.sampled_from([None, 50, 55, 60, 52]),
)


def retirements(rows: list[tuple[Any, ...]], policy: Policy) -> pl.DataFrame:
    s = Scope("t")
    ret = stage_retirement(Params(policy), s)
    frame = pl.LazyFrame(
        rows,
        schema={"sex": pl.String, "birth_date": pl.Date, "original_retirement_age": pl.Int64},
        orient="row",
    )
    for stage in s.stages:
        frame = frame.with_columns(stage.values())
    names = ("known", "date", "years", "months", "group")
    return frame.select(ret[n].alias(n) for n in names).collect()


def expected(sex: str | None, birth: date | None, original: int | None, policy: Policy) -> Any:
    if sex is None or birth is None or (sex == "female" and original is None):
        return (None, None, None, None)
    try:
        r = statutory_retirement(sex, birth, original, policy)
    except RetirementInputError:
        return (False, None, None, None)
    return (True, r.date, r.age_years, r.age_months)


@settings(max_examples=60)
@given(st.lists(persons, min_size=1, max_size=40))
def test_the_same_retirement_as_the_scalar_rule(rows: list[tuple[Any, ...]]) -> None:
    got = retirements(rows, POLICY)
    for i, (sex, birth, original) in enumerate(rows):
        row = got.row(i, named=True)
        want = expected(sex, birth, original, POLICY)
        assert (row["known"], row["date"], row["years"], row["months"]) == want, rows[i]


@settings(max_examples=30)
@given(
    st.lists(persons, min_size=1, max_size=20),
    st.sampled_from(["men", "women55", "women50"]),
    st.integers(1, 6),
    st.integers(0, 80),
    st.dates(date(2021, 1, 1), date(2040, 1, 1)),
)
def test_the_same_retirement_under_a_dated_reform(
    rows: list[tuple[Any, ...]], group: str, per: int, most: int, since: date
) -> None:
    # a later reform step read on the day the original age is reached
    policy = copy.deepcopy(POLICY)
    apply_override(policy, f"retirement.{group}_birth_months_per_added_month@{since}={per}")
    apply_override(policy, f"retirement.{group}_max_added_months@{since}={most}")
    got = retirements(rows, policy)
    for i, (sex, birth, original) in enumerate(rows):
        row = got.row(i, named=True)
        assert (row["known"], row["date"], row["years"], row["months"]) == expected(
            sex, birth, original, policy
        ), rows[i]


def test_the_table_figures() -> None:
    # 对照表: men born 1965-01..04 retire at 60y1m; from 1976-09 at 63; women50 born 1975-01 at 50y1m
    rows = [
        ("male", date(1965, 4, 30), None),
        ("male", date(1964, 12, 31), 60),
        ("male", date(1976, 9, 1), None),
        ("female", date(1975, 1, 31), 50),
        ("female", date(1970, 1, 31), 55),
        ("female", date(1970, 1, 31), 52),
        ("male", date(1970, 1, 31), 55),
        ("female", date(1970, 1, 31), None),
    ]
    got = retirements(rows, POLICY)
    assert got["years"].to_list() == [60, 60, 63, 50, 55, None, None, None]
    assert got["months"].to_list() == [1, 0, 0, 1, 1, None, None, None]
    assert got["date"].to_list()[:2] == [date(2025, 5, 30), date(2024, 12, 31)]
    assert got["known"].to_list() == [True, True, True, True, True, False, False, None]


def test_unusable_facts_are_worded_by_the_scalar_rule() -> None:
    label = _problem(
        {"sex": "male", "original": 55, "birth": date(1970, 1, 1), "men": 60, "women55": 55, "women50": 50}
    )
    assert label is not None
    assert "55" in label.text("zh")
    assert "special types of work" in label.text("en")


def test_a_zero_birth_months_per_added_month_gives_no_age_not_the_most_months() -> None:
    # `--set retirement.men_birth_months_per_added_month=0`: months added = index // 0 + 1 has no value, so
    # the retirement age is unknown. min(…, max_added_months) once skipped that null and gave the whole
    # 36 months: a man born 1965-05 retired at 63 (2028-05-01) instead of 60y2m, stated as known
    policy = load_policy(overrides=["retirement.men_birth_months_per_added_month=0"])
    got = retirements([("male", date(1965, 5, 1), None), ("male", date(1964, 12, 1), None)], policy)
    assert got["known"].to_list() == [False, True]  # born before the reform: no month added, no division
    assert got["date"].to_list() == [None, date(2024, 12, 1)]
    assert got["years"].to_list() == [None, 60]
