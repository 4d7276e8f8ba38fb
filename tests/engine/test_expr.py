"""The typed layer: the two polars traps, dated parameters, month arithmetic and fen rounding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wenjiuye_cli.dates import add_months as scalar_add_months
from wenjiuye_cli.dates import whole_months_between
from wenjiuye_cli.engine.expr import (
    NULL_BOOL,
    Params,
    add_months,
    capped,
    floored,
    known_if,
    months_between,
    times,
    to_fen,
)
from wenjiuye_cli.policy import load_policy

NULL_INT = pl.lit(None, dtype=pl.Int64)


def one(expr: pl.Expr) -> object:
    return pl.select(expr).item()


def test_kleene_is_not_unknown_if_an_input_is_missing() -> None:
    # Trap 1: Kleene logic decides `retained & (served >= 3)` as false when retained is unknown and served
    # is 1; a value shown in a message must stay unknown (``known_if``).
    retained, served = NULL_BOOL, pl.lit(1)
    assert one(retained & (served >= 3)) is False
    assert one(known_if(retained & (served >= 3), retained)) is None
    assert one(known_if(pl.lit(True) & (served >= 1), pl.lit(True))) is True


def test_sum_of_a_null_list_is_null_not_zero() -> None:
    # Trap 2: list.sum() of a null list is null, of an empty list 0 — a rule must tell "no firms given"
    # from "no firms".
    missing = pl.lit(None, dtype=pl.List(pl.Int64))
    empty = pl.lit([], dtype=pl.List(pl.Int64))
    assert one(missing.list.sum()) is None
    assert one(empty.list.sum()) == 0


def test_capped_is_unknown_when_either_side_is() -> None:
    # pl.min_horizontal would skip the null and give the other side
    assert one(pl.min_horizontal(NULL_INT, pl.lit(5))) == 5
    assert one(capped(NULL_INT, pl.lit(5))) is None
    assert one(capped(pl.lit(7), NULL_INT)) is None
    assert one(capped(pl.lit(7), pl.lit(5))) == 5
    assert one(capped(pl.lit(3), pl.lit(5))) == 3


def test_floored_is_unknown_when_either_side_is() -> None:
    # pl.max_horizontal and clip(lower_bound=null) would skip the null
    assert one(pl.max_horizontal(NULL_INT, pl.lit(5))) == 5
    assert one(floored(NULL_INT, pl.lit(5))) is None
    assert one(floored(pl.lit(7), NULL_INT)) is None
    assert one(floored(pl.lit(3), pl.lit(5))) == 5
    assert one(floored(pl.lit(7), pl.lit(5))) == 7


@pytest.mark.parametrize(
    ("amount", "fen"),
    [
        ("0.005", "0.01"),
        ("0.004999", "0.00"),
        ("2.675", "2.68"),
        ("1419.744", "1419.74"),
        ("10.125", "10.13"),
    ],
)
def test_to_fen_rounds_half_up(amount: str, fen: str) -> None:
    value = pl.lit(Decimal(amount), dtype=pl.Decimal(38, 6))
    assert one(to_fen(value)) == Decimal(fen)


def test_products_are_exact_before_rounding() -> None:
    # 3 × 333.33 × 1.2 = 1199.988: a product at the operands' scale would lose the last digit
    product = times(pl.lit(3), pl.lit(Decimal("333.33")), pl.lit(Decimal("1.2")))
    assert one(product) == Decimal("1199.988")
    assert one(to_fen(product)) == Decimal("1199.99")


@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.integers(0, 120))
def test_add_months_clamps_as_the_scalar_dates(day: date, months: int) -> None:
    expected = scalar_add_months(day, months)
    assert one(add_months(pl.lit(day), months)) == expected
    assert one(add_months(pl.lit(day), pl.lit(months))) == expected


@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.dates(date(2000, 1, 1), date(2030, 12, 31)))
def test_months_between_as_the_scalar_dates(start: date, end: date) -> None:
    assert one(months_between(pl.lit(start), pl.lit(end))) == whole_months_between(start, end)


def test_param_follows_dated_sets() -> None:
    policy = load_policy(overrides=["rent_subsidy.house_base_monthly@2022-03-15=1200"])
    params = Params(policy)
    days = [date(2022, 3, 14), date(2022, 3, 15), date(2024, 1, 1)]
    got = pl.select(params.param("rent_subsidy.house_base_monthly", pl.lit(pl.Series(days)))).to_series()
    assert got.to_list() == [Decimal(1000), Decimal(1200), Decimal(1200)]


def test_param_is_null_where_no_value_is_in_force() -> None:
    policy = load_policy()
    params = Params(policy)
    # flexible_insurance.min_base_monthly runs until 2025-07-31 and starts on 2022-07-01
    days = pl.lit(pl.Series([date(2022, 6, 30), date(2022, 7, 1), date(2025, 8, 1)]))
    got = pl.select(
        params.param("flexible_insurance.min_base_monthly", days, from_policy_start=False)
    ).to_series()
    assert got.to_list() == [None, Decimal(4400), None]
