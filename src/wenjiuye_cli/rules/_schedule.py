"""Monthly schedules over columns: the measures paid (or counted) month by month — 第九、十一、十四、十五、
二十七、二十八条 — as ``wenjiuye_cli.rules._schedule`` reads them, in expressions.

Months are integers (``columnar.expr.month_index``: ``year * 12 + month - 1``), so a schedule of ``n``
months from month ``first`` is the range ``first … first + n - 1`` and is never exploded to count it:

* :class:`Ending` — whether this measure's payments end with the policy (附则 “有效期5年”: its own
  ``<measure>.payments_end_with_policy`` choice, else ``general.payments_end_with_policy``) and the parameter
  saying so; :meth:`Ending.limit` and :func:`payments_end` — the last day a monthly payment may cover: the
  policy's last day when payments end with it, or when the entitlement starts after that day; else null
  (a subsidy granted in force runs its term);
* :func:`months_within` / :func:`months_through` — how many months of a period have their first day on or
  before a day (the period given by its last month index, or by its length);
* :func:`past_policy_note` / :func:`runs_past_policy` — the note saying a schedule runs past the policy's
  end, with what the other reading would give (``note.runs_past_policy``);
* :func:`first_policy_month` — the first month the policy's payments may cover (``general.policy_start``
  read on the evaluation date, ``general.policy_start_month_counts``);
* :func:`ym` — a month index as users write it (``2022-07``);
* :func:`dated_sum` — Σ over a schedule's months of a dated parameter's value in force in each month, in
  closed form (per dated value: the months inside its days × the value); :func:`dated_values` — the same
  values as a list, for the explained schedule.

Every function is generic: it takes the measure's id where the measure's own reading matters, and the
schedule as (first month index, months) expressions, so the retirement and hiring measures can reuse it.
The periods ending at the earliest of several limits (duration, retirement, the policy's end) are in
``rules._periods``, which re-exports these.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from wenjiuye_cli.engine.expr import Params, dtype_of, month_from_index, month_index, month_index_of
from wenjiuye_cli.engine.rule import Msg, msg
from wenjiuye_cli.outcome import Status

# Order decides ties: when two limits fall on the same day, the first named here is reported.
END_REASONS = ("duration", "retirement", "policy_end")

MESSAGES: dict[str, tuple[str, str]] = {
    "end_reason.duration": ("期限届满", "the duration limit"),
    "end_reason.retirement": ("达到法定退休年龄", "statutory retirement age"),
    "end_reason.policy_end": ("政策有效期届满", "the end of the policy"),
    "note.end": (
        "期间 {first} 至 {end}（{months} 个月），止于{reason}",
        "period {first} to {end} ({months} months), ended by {reason}",
    ),
    "note.before_policy_start": (
        "政策自 {start} 起施行，{first} 以前的月份不计",
        "the policy is in force from {start}: months before {first} are not counted",
    ),
    "note.runs_past_policy": (
        "政策于 {end} 到期；本补贴于有效期内获批，按期限发放至 {last}。若政策到期即停发（--set {key}={stop}），"
        "只计至 {end_month}（{within} 个月，而非 {months} 个月）",
        "the policy expired on {end}; this subsidy was granted while it was in force and is paid for its term, "
        "to {last}. If payments stopped with the policy (--set {key}={stop}), only the months to {end_month} "
        "would count ({within}, not {months})",
    ),
}


# The measures with their own reading of 附则 “有效期5年”: a value other than "general" wins over
# ``general.payments_end_with_policy`` for that measure (see each parameter's interpretation).
OWN_KEYS: dict[str, str] = {
    "employer_insurance": "employer_insurance.payments_end_with_policy",
    "fallback_placement": "fallback_placement.payments_end_with_policy",
    "public_welfare_post": "public_welfare_post.payments_end_with_policy",
    "first_startup_insurance": "first_startup.insurance_payments_end_with_policy",
    "flexible_insurance": "flexible_insurance.payments_end_with_policy",
    "rent_subsidy": "rent_subsidy.payments_end_with_policy",
    "internship": "internship.payments_end_with_policy",
    "income_disregard": "income_disregard.payments_end_with_policy",
    "ui_to_retirement": "ui_to_retirement.payments_end_with_policy",
}
GENERAL_KEY = "general.payments_end_with_policy"


ALL_STATUSES = (Status.ELIGIBLE, Status.INELIGIBLE, Status.CANNOT_DECIDE, Status.AMOUNT_SET_ELSEWHERE)


class Ending:
    """Whether this measure's payments end with the policy (its own key or the general one), as columns read on
    the evaluation date: ``ends`` (never null), ``key`` (the parameter a ``--set`` must change for the other
    reading: the measure's own unless it says ``general``, else ``general.payments_end_with_policy``),
    ``general`` (the deciding key is the general one), ``stop`` (the value that ``--set`` would give) and
    ``policy_end``."""

    def __init__(self, p: Params, measure_id: str) -> None:
        general_flag = p.param(GENERAL_KEY)
        own_key = OWN_KEYS.get(measure_id)
        if own_key is None:
            self.ends: pl.Expr = general_flag
            self.key: pl.Expr = pl.lit(GENERAL_KEY)
            self.general: pl.Expr = pl.lit(True)
        elif never_general(
            p, own_key
        ):  # the measure's own value always decides: the general flag is not read
            own = p.param(own_key)
            self.ends, self.key, self.general = own == "end_with_policy", pl.lit(own_key), pl.lit(False)
        else:
            own = p.param(own_key)
            uses_general = own == "general"
            self.ends = pl.when(uses_general).then(general_flag).otherwise(own == "end_with_policy")
            self.key = pl.when(uses_general).then(pl.lit(GENERAL_KEY)).otherwise(pl.lit(own_key))
            self.general = uses_general
        self.stop = pl.when(self.general).then(pl.lit("true")).otherwise(pl.lit("end_with_policy"))
        self.policy_end = p.param("general.policy_end")

    def limit(self, start: pl.Expr) -> pl.Expr:
        """``_schedule.payments_end``: the policy's last day when payments end with it, or when the
        entitlement starts (``start``) after that day (then no month of it is paid); else null (no limit)."""
        return pl.when(self.ends | (start > self.policy_end)).then(self.policy_end)


EndsWithPolicy = Ending  # the name this module first gave it


def ends_with_policy(p: Params, measure_id: str) -> Ending:
    """Whether payments end with the policy for ``measure_id`` (see :class:`Ending`)."""
    return Ending(p, measure_id)


def never_general(p: Params, own_key: str) -> bool:
    """Whether ``own_key`` has a value other than ``general`` on every day from the policy's first on (the
    general flag is then never read: not in the outcome's parameters used)."""
    values = [v for _first, last, v in p.segments(own_key) if last is None or last >= p.start]
    return bool(values) and all(v is not None and v != "general" for v in values)


def payments_end(p: Params, measure_id: str, start: pl.Expr) -> pl.Expr:
    """``_schedule.payments_end``: :meth:`Ending.limit` for ``measure_id``."""
    return Ending(p, measure_id).limit(start)


def months_within(first: pl.Expr, last: pl.Expr, end: pl.Expr) -> pl.Expr:
    """How many of the months ``first``..``last`` (indices) start on or before ``end`` (a month's first day
    is on or before a day exactly when its index is at most the day's)."""
    return (pl.min_horizontal(last, month_index(end)) - first + 1).clip(lower_bound=0)


def months_through(first: pl.Expr, n: pl.Expr, last_day: pl.Expr) -> pl.Expr:
    """How many of the ``n`` months from month index ``first`` have their first day on or before
    ``last_day`` (:func:`months_within` of the months ``first``..``first + n - 1``)."""
    return months_within(first, first + n - 1, last_day)


def first_policy_month(p: Params) -> pl.Expr:
    """The first month the policy's payments may cover, as a month index: the month ``general.policy_start`` falls in when
    the policy started on the 1st or ``general.policy_start_month_counts`` holds, else the month after —
    both read on the evaluation date, as every dated parameter is (the start is a literal when it has one
    value over the policy's life, as it has unless a dated ``--set`` changes it)."""
    counts = p.param("general.policy_start_month_counts")
    try:
        start = p.const("general.policy_start")
    except ValueError:  # dated: read on each row's day
        day = p.param("general.policy_start")
        dated = month_index(day) + pl.when((day.dt.day() == 1) | counts).then(0).otherwise(1)
        return dated.cast(pl.Int32)
    assert isinstance(start, date)
    index = month_index_of(start)
    if start.day == 1:
        return pl.lit(index, dtype=pl.Int32)
    return pl.when(counts).then(pl.lit(index, dtype=pl.Int32)).otherwise(pl.lit(index + 1, dtype=pl.Int32))


def ym(index: pl.Expr) -> pl.Expr:
    """A month index as ``YYYY-MM`` (``_schedule.ym``)."""
    return month_from_index(index).dt.strftime("%Y-%m")


def past_policy_note(
    ending: Ending,
    last: pl.Expr,
    count: pl.Expr,
    within: pl.Expr,
    shown: pl.Expr | None,
    statuses: tuple[Status, ...] | None = ALL_STATUSES,
) -> Msg:
    """``_schedule.past_policy_note`` for a period of ``count`` months whose last is index ``last``
    (``within``: the months on or before the policy's last day, what the other reading gives): shown
    when the last month paid starts after the policy's last day and payments do not end with it, where
    ``shown`` holds too, for ``statuses`` (None: granted outcomes only)."""
    past = (count > 0) & (month_from_index(last) > ending.policy_end) & ending.ends.not_()
    return msg(
        "note.runs_past_policy",
        {
            "end": ending.policy_end,
            "last": ym(last),
            "key": ending.key,
            "stop": ending.stop,
            "end_month": ym(month_index(ending.policy_end)),
            "within": within,
            "months": count,
        },
        shown=past if shown is None else shown & past,
        statuses=statuses,
    )


def runs_past_policy(
    p: Params,
    measure_id: str,
    first: pl.Expr,
    n: pl.Expr,
    within: pl.Expr | None = None,
    last: pl.Expr | None = None,
) -> Msg:
    """:func:`past_policy_note` for the ``n`` months paid from month index ``first``, on granted outcomes:
    ``within`` is what the other reading gives (default: the months on or before the policy's last day);
    ``last``: the last month paid, for months that are not consecutive (then ``within`` must be given)."""
    ending = Ending(p, measure_id)
    last = first + n - 1 if last is None else last
    counted = months_through(first, n, ending.policy_end) if within is None else within
    return past_policy_note(ending, last, n, counted, shown=None, statuses=None)


def _ceil_month(day: date) -> int:
    """Index of the first month whose first day is on or after ``day``."""
    return month_index_of(day) + (0 if day.day == 1 else 1)


def dated_sum(p: Params, key: str, first: pl.Expr, n: pl.Expr, floor: pl.Expr) -> pl.Expr:
    """Σ over the ``n`` months from month index ``first`` of ``key``'s value in force on each month's first
    day, or on ``floor`` for the month ``floor`` falls in (the policy's first month, read on its first
    day: ``floor`` is a date per row, ``general.policy_start`` read on the row's evaluation date), in
    closed form: per dated value, the months read inside its days × the value (exact, Decimal).

    ``first`` must be on or after ``floor``'s month (months before the policy are not paid). A value
    missing for some month of the range makes the sum null (the caller says it cannot decide)."""
    floor_month = month_index(floor)
    after = first + n  # first month index not counted
    in_floor_month = ((first <= floor_month) & (after > floor_month)).cast(pl.Int32)
    parts: list[pl.Expr] = []
    gaps: list[pl.Expr] = []
    for start, last, value in p.segments(key):
        lo = pl.lit(_ceil_month(start))
        hi = pl.lit(month_index_of(last) + 1 if last is not None else 10**6)  # months whose first day ≤ last
        # months after the floor's month, their first day inside [start, last]
        count = (pl.min_horizontal(after, hi) - pl.max_horizontal(first, lo, floor_month + 1)).clip(
            lower_bound=0
        )
        # the floor's month is read on the floor: counted here when the floor is inside [start, last]
        floor_inside = (
            floor >= pl.lit(start) if last is None else floor.is_between(pl.lit(start), pl.lit(last))
        )
        count = count + floor_inside.cast(pl.Int32) * in_floor_month
        if value is None:
            gaps.append(count > 0)
        else:
            parts.append(count.cast(pl.Int64) * pl.lit(value, dtype=dtype_of(value)))
    total = pl.sum_horizontal(parts) if parts else pl.lit(0)
    return pl.when(pl.any_horizontal(gaps).not_() if gaps else pl.lit(True)).then(total)


def dated_values(p: Params, key: str, months: pl.Expr, floor: pl.Expr) -> pl.Expr:
    """``key``'s value for each month of ``months`` (a list of month indices), read as :func:`dated_sum`
    reads it (on the month's first day, or on ``floor``, a date per row, if later): for the explained
    schedule."""
    lo = floor.cast(pl.Int32)  # days since 1970: the later of two days is list arithmetic on integers
    firsts = months.list.eval(month_from_index(pl.element()).cast(pl.Int32))
    days = (lo + (firsts - lo).list.eval(pl.element().clip(lower_bound=0))).list.eval(
        pl.element().cast(pl.Date)
    )
    return days.list.eval(p.param(key, pl.element(), from_policy_start=False))
