"""The small typed layer rules are written in: facts, dated parameters, dates and money over columns.

Thin over polars on purpose: every helper returns a ``pl.Expr``. The semantics are the project's:

* a fact is its column; null means missing (:func:`fact`);
* a tri-state condition is a nullable boolean: ``&`` and ``|`` are Kleene logic (null & false = false,
  null | true = true), i.e. passed / failed / unknown;
* a value shown in a message is unknown whenever an input is (:func:`known_if`): Kleene is *not* that
  rule, ``retained & (served >= 3)`` is false, not unknown, when ``retained`` is null and ``served`` < 3;
* money is ``pl.Decimal``: cast wider *before* multiplying (a product keeps the operands' scale), round
  half away from zero to the fen only where a payment is implied (:func:`to_fen`);
* dates are ``pl.Date``; months are counted on ``year * 12 + month`` (:func:`month_index`), never days/30.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.engine.schema import EVALUATION_DATE, MONEY
from wenjiuye_cli.policy import Policy, Value

ON = pl.col(EVALUATION_DATE)
"""The row's evaluation date."""

NULL_BOOL = pl.lit(None, dtype=pl.Boolean)
WIDE = pl.Decimal(38, 10)  # the scale products are computed in before rounding to the fen


def fact(name: str) -> pl.Expr:
    """The fact's column (null = missing)."""
    return pl.col(name)


def known_if(value: pl.Expr, *inputs: pl.Expr) -> pl.Expr:
    """``value``, but unknown (null) when any of ``inputs`` is ("None if an input is
    missing"), for values shown in messages (Kleene logic alone may decide them)."""
    known = pl.all_horizontal([i.is_not_null() for i in inputs])
    return pl.when(known).then(value)


def tri(value: pl.Expr, *inputs: pl.Expr) -> pl.Expr:
    """A condition that is unknown whenever an input is missing, else ``value`` (a comparison, say)."""
    return known_if(value, *inputs)


def month_index(day: pl.Expr) -> pl.Expr:
    """``year * 12 + month - 1`` (Int32): months become integers, ranges become integer ranges."""
    return day.dt.year().cast(pl.Int32) * 12 + day.dt.month().cast(pl.Int32) - 1


def month_index_of(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_from_index(index: pl.Expr) -> pl.Expr:
    """The first day of the month numbered ``index`` (see :func:`month_index`)."""
    return pl.date(index // 12, index % 12 + 1, 1)


def month_start(day: pl.Expr) -> pl.Expr:
    return day.dt.month_start()


def add_months(day: pl.Expr, months: int | pl.Expr) -> pl.Expr:
    """``dates.add_months``: the same day ``months`` later, clamped to the month's last day."""
    if isinstance(months, int):
        return day.dt.offset_by(f"{months}mo")
    # Month arithmetic on integers (an offset string built per row would be parsed per row)
    target = month_index(day).cast(pl.Int64) + months.cast(pl.Int64)
    first = month_from_index(target)
    last_day = first.dt.month_end().dt.day()
    return first + pl.duration(days=pl.min_horizontal(day.dt.day(), last_day).cast(pl.Int64) - 1)


def months_between(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """``dates.whole_months_between``: completed months from ``start`` to ``end`` (0 if end < start)."""
    months = month_index(end) - month_index(start)
    months = pl.when(add_months(start, months) > end).then(months - 1).otherwise(months)
    return pl.when(end < start).then(0).otherwise(months)


def capped(value: pl.Expr, cap: pl.Expr) -> pl.Expr:
    """``min(value, cap)``; unknown if either is (``pl.min_horizontal`` would skip a null)."""
    return pl.when(cap.is_null()).then(None).when(value > cap).then(cap).otherwise(value)


def floored(value: pl.Expr, floor: pl.Expr) -> pl.Expr:
    """``max(value, floor)``; unknown if either is (``pl.max_horizontal`` skips a null, and so does
    ``clip(lower_bound=...)`` for a null bound): the mirror of :func:`capped`."""
    return pl.when(floor.is_null()).then(None).when(value < floor).then(floor).otherwise(value)


def money(value: pl.Expr) -> pl.Expr:
    """A Decimal amount in yuan at the fen's scale (exact: use on sums and products already at it)."""
    return value.cast(MONEY)


def times(*factors: pl.Expr) -> pl.Expr:
    """The exact product of money, ratios and counts, computed at a wide scale (not yet rounded)."""
    out = factors[0].cast(WIDE)
    for factor in factors[1:]:
        out = out * factor.cast(WIDE)
    return out


def to_fen(amount: pl.Expr) -> pl.Expr:
    """Round half up (amounts are never negative: half away from zero) to the fen, where a payment is
    implied; the result is at the fen's scale."""
    return amount.round(2, mode="half_away_from_zero").cast(MONEY)


def literal(value: Value) -> pl.Expr:
    """A parameter's value as a typed literal (Decimal keeps its digits, a date is a Date)."""
    return pl.lit(value, dtype=dtype_of(value))


def dtype_of(value: Value) -> pl.DataType:
    if isinstance(value, bool):
        return pl.Boolean()
    if isinstance(value, int):
        return pl.Int64()
    if isinstance(value, Decimal):
        return pl.Decimal(38, max(2, _places(value)))
    if isinstance(value, date):
        return pl.Date()
    return pl.String()


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


class Params:
    """The loaded :class:`Policy` seen from expressions (``--set`` and reforms included), read once.

    ``param(key)`` is the value in force on each row's evaluation date, as a when/then chain over the
    parameter's dated values (null where none is in force). Rows outside the policy's life are settled
    before any rule reads a parameter, so only the values in force from the policy's first day on enter
    the chain: a parameter with one value since then is a plain literal."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        start = policy.value("general.policy_start", on=date.max)
        end = policy.value("general.policy_end", on=date.max)
        assert isinstance(start, date)
        assert isinstance(end, date)
        # the engine's own validity bounds (engine._policy_in_force); a rule reads the start in force on
        # a row's day with param("general.policy_start"), never this literal
        self.start = start
        self.end = end

    def entries(self, key: str) -> list[tuple[date, date | None, Value]]:
        return self.policy.parameter(key).entries()

    def segments(self, key: str) -> list[tuple[date, date | None, Value | None]]:
        """(first day, last day or None, value or None = not in force), covering every day from the
        earliest start on, in order."""
        out: list[tuple[date, date | None, Value | None]] = []
        entries = self.entries(key)
        for i, (start, until, value) in enumerate(entries):
            following = entries[i + 1][0] if i + 1 < len(entries) else None
            last = following - timedelta(days=1) if following is not None else None
            if until is not None and (last is None or until < last):
                out.append((start, until, value))
                out.append((until + timedelta(days=1), last, None))
            else:
                out.append((start, last, value))
        return [s for s in out if s[1] is None or s[1] >= s[0]]

    def change_days(self, *keys: str) -> list[date]:
        """Every day on which one of ``keys`` starts or stops having a value (sorted, unique)."""
        days: set[date] = set()
        for key in keys:
            for first, _last, _value in self.segments(key):
                days.add(first)
        return sorted(days)

    def value(self, key: str, on: date) -> Value | None:
        """The value in force on ``on`` (None when none is), read in Python for a declaration."""
        for first, last, value in self.segments(key):
            if first <= on and (last is None or on <= last):
                return value
        return None

    def param(self, key: str, on: pl.Expr | None = None, from_policy_start: bool = True) -> pl.Expr:
        """The value of ``key`` in force on ``on`` (default: the evaluation date); null where none is.

        ``from_policy_start``: ``on`` is never before the policy's first day (true of the evaluation
        date of a row a rule looks at), so earlier values are left out of the chain."""
        day = ON if on is None else on
        segments = self.segments(key)
        if from_policy_start:
            segments = [s for s in segments if s[1] is None or s[1] >= self.start]
        values = [s[2] for s in segments if s[2] is not None]
        if not values:
            return pl.lit(None)
        dtype = _common_dtype(values)
        if (
            len(segments) == 1
            and segments[0][1] is None
            and (from_policy_start and segments[0][0] <= self.start)
        ):
            value = segments[0][2]
            assert value is not None
            return pl.lit(value, dtype=dtype)
        branches = [
            (day >= pl.lit(first) if last is None else day.is_between(pl.lit(first), pl.lit(last)), value)
            for first, last, value in segments
        ]
        return chain(branches, pl.lit(None, dtype=dtype), dtype)

    def const(self, key: str) -> Value:
        """A parameter whose value never changes from the policy's first day on (asserted)."""
        segments = [s for s in self.segments(key) if s[1] is None or s[1] >= self.start]
        if len(segments) != 1 or segments[0][1] is not None or segments[0][2] is None:
            raise ValueError(f"{key} changes value over the policy's life: read it with param()")
        return segments[0][2]


def _common_dtype(values: list[Value]) -> pl.DataType:
    dtypes = {dtype_of(v) for v in values}
    if all(isinstance(d, pl.Decimal) for d in dtypes):
        return pl.Decimal(38, max(d.scale for d in dtypes if isinstance(d, pl.Decimal)))
    if len(dtypes) != 1:
        raise TypeError(f"a parameter's values have different types: {dtypes}")
    return dtypes.pop()


def chain(
    branches: Sequence[tuple[pl.Expr, object]], otherwise: pl.Expr, dtype: pl.DataType | None = None
) -> pl.Expr:
    """``when(test1).then(v1).when(test2)…otherwise(...)``: the first test that holds chooses (a null test
    does not hold)."""
    if not branches:
        return otherwise
    test, value = branches[0]
    out: Any = pl.when(test).then(_lit(value, dtype))
    for test, value in branches[1:]:
        out = out.when(test).then(_lit(value, dtype))
    result: pl.Expr = out.otherwise(otherwise)
    return result


def _lit(value: object, dtype: pl.DataType | None) -> pl.Expr:
    return value if isinstance(value, pl.Expr) else pl.lit(value, dtype=dtype)
