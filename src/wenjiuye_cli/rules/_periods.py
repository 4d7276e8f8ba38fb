"""Month-by-month periods over columns, for the rules of 第十一、十四、二十七、二十八条.

The periods that end at the earliest of several limits; what every monthly schedule shares (whether
payments end with the policy, the policy's first month, the note on a term running past the policy's end,
the month label) is ``rules._schedule``, re-exported here under the names the rules import. Months are integers
(:func:`~wenjiuye_cli.engine.expr.month_index`), a period is the integer range of month indices from its
first month through its last, and a month is in the period when its first day is on or before the end date
(so the last index is simply the end date's month). Months before the policy came into force are not paid
(:func:`first_policy_month`); payments stop at the policy's last day only where the measure's reading of
附则 “有效期5年” says so (:meth:`Ending.limit`); otherwise the outcome says the subsidy runs its term
(:func:`past_policy_note`).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from wenjiuye_cli.engine.expr import Params, floored, month_from_index, month_index
from wenjiuye_cli.engine.rule import Msg, msg
from wenjiuye_cli.outcome import Status

# one copy of each, re-exported for the rules that import them from here
from wenjiuye_cli.rules._schedule import ALL_STATUSES as ALL_STATUSES
from wenjiuye_cli.rules._schedule import Ending as Ending
from wenjiuye_cli.rules._schedule import first_policy_month as first_policy_month
from wenjiuye_cli.rules._schedule import months_within as months_within
from wenjiuye_cli.rules._schedule import past_policy_note as past_policy_note
from wenjiuye_cli.rules._schedule import ym as ym


def retirement_limit(retirement_date: pl.Expr, month_covered: pl.Expr) -> pl.Expr:
    """``_schedule.retirement_limit``: the retirement date, or the last day of the month before it."""
    return (
        pl.when(month_covered)
        .then(retirement_date)
        .otherwise(retirement_date.dt.month_start() - pl.duration(days=1))
    )


def earlier(first: tuple[str, pl.Expr], second: tuple[str, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """``_schedule.earliest`` of two limits (the second may be null: no limit): (end reason code, end
    date); on a tie the first wins (pass them in ``_schedule.END_REASONS`` order)."""
    second_wins = second[1].is_not_null() & (second[1] < first[1])
    end = pl.when(second_wins).then(second[1]).otherwise(first[1])
    reason = (
        pl.when(second_wins)
        .then(pl.lit(f"end_reason.{second[0]}"))
        .otherwise(pl.lit(f"end_reason.{first[0]}"))
    )
    return reason, end


def schedule(first: pl.Expr, count: pl.Expr, monthly: pl.Expr) -> pl.Expr:
    """The schedule struct ``{month: List(Date), amount: List(Decimal)}`` of ``count`` months from index
    ``first``, each paid ``monthly``."""
    months = pl.int_ranges(first, first + count, dtype=pl.Int32).list.eval(month_from_index(pl.element()))
    return pl.struct(month=months, amount=monthly.repeat_by(count))


def policy_start_note(p: Params, shown: pl.Expr, statuses: tuple[Status, ...] = ALL_STATUSES) -> Msg:
    """``_schedule.policy_start_note``, where ``shown`` holds (a month before the policy was left out)."""
    start = p.param("general.policy_start")
    return msg(
        "note.before_policy_start",
        {"start": start, "first": ym(first_policy_month(p))},
        shown=shown,
        statuses=statuses,
    )


def period(
    first: pl.Expr, limits: Sequence[tuple[str, pl.Expr | None]], counted_from: pl.Expr
) -> dict[str, pl.Expr]:
    """A subsidy's period as expressions: the months from index ``first`` through the
    earliest of ``limits`` ((reason code, last day or null = no limit), ties to the first listed), months
    before index ``counted_from`` left out. Returns ``end`` (Date), ``reason`` (its code), ``last`` (index
    of the end's month), ``first_paid``, ``n`` (months paid) and ``before`` (months left out)."""
    end: pl.Expr | None = None
    reason: pl.Expr | None = None
    for code, day in limits:
        if day is None:
            continue
        if end is None or reason is None:
            end, reason = day, pl.when(day.is_not_null()).then(pl.lit(code))
            continue
        wins = day.is_not_null() & (end.is_null() | (day < end))
        end = pl.when(wins).then(day).otherwise(end)
        reason = pl.when(wins).then(pl.lit(code)).otherwise(reason)
    assert end is not None, "a period needs a limit"
    assert reason is not None
    last = month_index(end)
    # an unknown first month (no hire date, say) is no period: ``pl.max_horizontal`` would skip it and
    # count from ``counted_from`` to the end (decades of months on a row that never reaches its period)
    first_paid = floored(first, counted_from)
    return {
        "end": end,
        "reason": reason,
        "last": last,
        "first_paid": first_paid,
        "n": (last - first_paid + 1).clip(lower_bound=0),
        # a null ``last`` is no limit (every limit null): the months before ``counted_from``, as intended
        "before": (pl.min_horizontal(last + 1, counted_from) - first).clip(lower_bound=0),
    }
