"""Monthly schedules over columns: the measures paid (or counted) month by month — 第九、十一、十四、十五、
二十七、二十八条 — as ``wenjiuye_cli.measures._schedule`` reads them, in expressions.

Months are integers (``columnar.expr.month_index``: ``year * 12 + month - 1``), so a schedule of ``n``
months from month ``first`` is the range ``first … first + n - 1`` and is never exploded to count it:

* :func:`payments_end` — the last day a monthly payment may cover (附则 “有效期5年”): the policy's last day
  when this measure's payments end with the policy (its own ``<measure>.payments_end_with_policy`` choice,
  else ``general.payments_end_with_policy``), or when the entitlement starts after that day; else null
  (a subsidy granted in force runs its term);
* :func:`months_through` — how many of the months ``first …`` have their first day on or before a day;
* :func:`runs_past_policy` — the note saying a schedule runs past the policy's end, with what the other
  reading would give (``note.runs_past_policy``);
* :func:`first_policy_month` — the first month the policy's payments may cover
  (``general.policy_start_month_counts``);
* :func:`ym` — a month index as users write it (``2022-07``);
* :func:`dated_sum` — Σ over a schedule's months of a dated parameter's value in force in each month, in
  closed form (per dated value: the months inside its days × the value); :func:`dated_values` — the same
  values as a list, for the explained schedule.

Every function is generic: it takes the measure's id where the measure's own reading matters, and the
schedule as (first month index, months) expressions, so the retirement and hiring measures can reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from wenjiuye_cli.columnar.expr import Params, dtype_of, month_from_index, month_index, month_index_of
from wenjiuye_cli.columnar.rule import Msg, msg
from wenjiuye_cli.measures._schedule import GENERAL_KEY, OWN_KEYS


@dataclass(frozen=True)
class EndsWithPolicy:
    """Whether this measure's payments end with the policy (``ends``, never null) and the parameter that
    says so (``key``, the one a ``--set`` must change for the other reading)."""

    ends: pl.Expr
    key: pl.Expr
    general: pl.Expr  # the deciding key is the general one


def ends_with_policy(p: Params, measure_id: str) -> EndsWithPolicy:
    """``_schedule._deciding_key``: the measure's own choice unless it says ``general``, else the general
    flag, each read on the evaluation date."""
    general_flag = p.param(GENERAL_KEY)
    own_key = OWN_KEYS.get(measure_id)
    if own_key is None:
        return EndsWithPolicy(general_flag, pl.lit(GENERAL_KEY), pl.lit(True))
    own = p.param(own_key)
    if never_general(p, own_key):  # the measure's own value always decides: the general flag is not read
        return EndsWithPolicy(ends=own == "end_with_policy", key=pl.lit(own_key), general=pl.lit(False))
    uses_general = own == "general"
    return EndsWithPolicy(
        ends=pl.when(uses_general).then(general_flag).otherwise(own == "end_with_policy"),
        key=pl.when(uses_general).then(pl.lit(GENERAL_KEY)).otherwise(pl.lit(own_key)),
        general=uses_general,
    )


def never_general(p: Params, own_key: str) -> bool:
    """Whether ``own_key`` has a value other than ``general`` on every day from the policy's first on (as
    the scalar rule, which then never reads the general flag: not in the outcome's parameters used)."""
    values = [v for _first, last, v in p.segments(own_key) if last is None or last >= p.start]
    return bool(values) and all(v is not None and v != "general" for v in values)


def payments_end(p: Params, measure_id: str, start: pl.Expr) -> pl.Expr:
    """``_schedule.payments_end``: the policy's last day when payments end with it, or when the
    entitlement starts (``start``) after it (then no month of it is paid); else null."""
    end = p.param("general.policy_end")
    return pl.when(ends_with_policy(p, measure_id).ends | (start > end)).then(end)


def months_through(first: pl.Expr, n: pl.Expr, last_day: pl.Expr) -> pl.Expr:
    """How many of the ``n`` months from month index ``first`` have their first day on or before
    ``last_day`` (a month's first day is on or before a day exactly when its index is at most the day's)."""
    return (month_index(last_day) - first + 1).clip(lower_bound=0, upper_bound=n)


def first_policy_month(p: Params) -> pl.Expr:
    """``_schedule.first_policy_month``, as a month index: the policy's first month when it started on the
    1st or ``general.policy_start_month_counts`` holds, else the month after."""
    start: date = p.start
    index = month_index_of(start)
    counts = p.param("general.policy_start_month_counts")
    if start.day == 1:
        return pl.lit(index, dtype=pl.Int32)
    return pl.when(counts).then(pl.lit(index, dtype=pl.Int32)).otherwise(pl.lit(index + 1, dtype=pl.Int32))


def ym(index: pl.Expr) -> pl.Expr:
    """A month index as ``YYYY-MM`` (``_schedule.ym``)."""
    return month_from_index(index).dt.strftime("%Y-%m")


def runs_past_policy(
    p: Params,
    measure_id: str,
    first: pl.Expr,
    n: pl.Expr,
    within: pl.Expr | None = None,
    last: pl.Expr | None = None,
) -> Msg:
    """``_schedule.past_policy_note`` for the ``n`` months paid from month index ``first``: shown when the
    last of them is after the policy's last day and payments do not end with it; ``within`` is what the
    other reading gives (default: the months on or before the policy's last day). ``last``: the last
    month paid, for months that are not consecutive (then ``within`` must be given)."""
    end = p.param("general.policy_end")
    decided = ends_with_policy(p, measure_id)
    last = first + n - 1 if last is None else last
    counted = months_through(first, n, end) if within is None else within
    return msg(
        "note.runs_past_policy",
        {
            "end": end,
            "last": ym(last),
            "key": decided.key,
            "stop": pl.when(decided.general).then(pl.lit("true")).otherwise(pl.lit("end_with_policy")),
            "end_month": end.dt.strftime("%Y-%m"),
            "within": counted,
            "months": n,
        },
        shown=(n >= 1) & (last > month_index(end)) & ~decided.ends,
    )


def _ceil_month(day: date) -> int:
    """Index of the first month whose first day is on or after ``day``."""
    return month_index_of(day) + (0 if day.day == 1 else 1)


def dated_sum(p: Params, key: str, first: pl.Expr, n: pl.Expr, floor: date) -> pl.Expr:
    """Σ over the ``n`` months from month index ``first`` of ``key``'s value in force on each month's first
    day, or on ``floor`` for the month ``floor`` falls in (the policy's first month, read on its first
    day), in closed form: per dated value, the months read inside its days × the value (exact, Decimal).

    ``first`` must be on or after ``floor``'s month (months before the policy are not paid). A value
    missing for some month of the range makes the sum null (the caller says it cannot decide)."""
    floor_month = month_index_of(floor)
    after = first + n  # first month index not counted
    parts: list[pl.Expr] = []
    gaps: list[pl.Expr] = []
    for start, last, value in p.segments(key):
        lo = pl.lit(_ceil_month(start))
        hi = pl.lit(month_index_of(last) + 1 if last is not None else 10**6)  # months whose first day ≤ last
        # months after the floor's month, their first day inside [start, last]
        count = (pl.min_horizontal(after, hi) - pl.max_horizontal(first, lo, pl.lit(floor_month + 1))).clip(
            lower_bound=0
        )
        if start <= floor and (last is None or floor <= last):  # the floor's month is read on the floor
            count = count + ((first <= floor_month) & (after > floor_month)).cast(pl.Int32)
        if value is None:
            gaps.append(count > 0)
        else:
            parts.append(count.cast(pl.Int64) * pl.lit(value, dtype=dtype_of(value)))
    total = pl.sum_horizontal(parts) if parts else pl.lit(0)
    return pl.when(pl.any_horizontal(gaps).not_() if gaps else pl.lit(True)).then(total)


def dated_values(p: Params, key: str, months: pl.Expr, floor: date) -> pl.Expr:
    """``key``'s value for each month of ``months`` (a list of month indices), read as :func:`dated_sum`
    reads it: for the explained schedule."""
    day = pl.max_horizontal(month_from_index(pl.element()), pl.lit(floor))
    return months.list.eval(p.param(key, day, from_policy_start=False))
