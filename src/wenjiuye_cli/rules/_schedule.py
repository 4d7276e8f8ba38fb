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
* :func:`per_month` — a per-month value over a schedule whose rate changes once, as a list (for the
  explained schedule only: figures are summed in closed form).

Every function is generic: it takes the measure's id where the measure's own reading matters, and the
schedule as (first month index, months) expressions, so the retirement and hiring measures can reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from wenjiuye_cli.columnar.expr import Params, month_from_index, month_index, month_index_of
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
    uses_general = own == "general"
    return EndsWithPolicy(
        ends=pl.when(uses_general).then(general_flag).otherwise(own == "end_with_policy"),
        key=pl.when(uses_general).then(pl.lit(GENERAL_KEY)).otherwise(pl.lit(own_key)),
        general=uses_general,
    )


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
    p: Params, measure_id: str, first: pl.Expr, n: pl.Expr, within: pl.Expr | None = None
) -> Msg:
    """``_schedule.past_policy_note`` for the ``n`` months paid from month index ``first``: shown when the
    last of them is after the policy's last day and payments do not end with it; ``within`` is what the
    other reading gives (default: the months on or before the policy's last day)."""
    end = p.param("general.policy_end")
    decided = ends_with_policy(p, measure_id)
    last = first + n - 1
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


def per_month(first: pl.Expr, n: pl.Expr, change: pl.Expr, before: pl.Expr, after: pl.Expr) -> pl.Expr:
    """The ``n`` months from ``first`` as a ``Struct{month: List(Date), amount: List(...)}``: ``before``
    for the months whose index is below ``change``, ``after`` from it on (a null ``change``: no change).
    For the explained schedule only; totals are summed in closed form."""
    early = (pl.coalesce(change, first + n) - first).clip(lower_bound=0, upper_bound=n)
    months = pl.int_ranges(first, first + n, dtype=pl.Int32).list.eval(month_from_index(pl.element()))
    amounts = pl.concat_list([before.repeat_by(early), after.repeat_by(n - early)])
    return pl.struct(month=months, amount=amounts)
