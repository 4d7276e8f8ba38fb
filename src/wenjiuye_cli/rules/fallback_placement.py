"""第十二条（加强托底安置就业）托底安置岗位补助 — 附件1 序号32 (责任部门：区人社局)

  在家政、养老、物业等行业遴选一批服务型岗位，专门用于安置市场渠道难以就业的就业困难人员，在给予企业
  社保补贴和岗位补贴的基础上，每个岗位每月再给予企业最高1000元补助，最长3年。

As ``wenjiuye_cli.rules.fallback_placement``: a 就业困难人员 placed on a selected service post, hired
before statutory retirement. Each month's ceiling is ``fallback_placement.max_monthly_per_post`` in force
that month (read on the month's first day; the first month on the hire day, never before the policy's first
day), for at most ``fallback_placement.max_months`` months from the first subsidy month, ending earlier at
retirement or, where payments end with the policy, its last day. The total is a maximum ("最高").

The ceilings are summed by segments of constant value: the first month is read on its own day, every later
month on its first day, so the months in a segment are a closed-form count (no list is built but the shown
schedule).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl

from wenjiuye_cli.engine.expr import Params, fact, floored, month_from_index, month_index_of, times
from wenjiuye_cli.engine.rule import Rule, Scope, Settle, arg, cond, extra, msg
from wenjiuye_cli.engine.schema import MONEY
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.outcome import Cap, Measure, Status
from wenjiuye_cli.rules._hire import (
    E_DIFFICULTY,
    HIRE_DATE,
    POST_TYPE,
    RETIREMENT_FACTS,
    before_retirement_cond,
    duration_end,
    first_subsidy_month,
    hire_date_cond,
    period_messages,
    post_label,
)
from wenjiuye_cli.rules._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.rules._periods import (
    Ending,
    first_policy_month,
    months_within,
    past_policy_note,
    period,
    policy_start_note,
    ym,
)
from wenjiuye_cli.rules._retirement import retirement_condition, stage_retirement

MESSAGES: dict[str, tuple[str, str]] = {
    **HIRE_MESSAGES,
    "fallback_post": (
        "经遴选的托底安置服务型岗位（家政、养老、物业等）：{post}",
        "a selected fallback service post (housekeeping, elder care, property services and the like): {post}",
    ),
    "difficulty": ("安置对象为就业困难人员：{value}", "the person placed is a 就业困难人员: {value}"),
    "arith.monthly_sum": (
        "每岗每月最高补助按各月标准逐月相加：{months} 个月，合计最高 {maximum} 元",
        "monthly ceilings added month by month: {months} months, at most {maximum} yuan in all",
    ),
    "note.on_top": (
        "在第十条社保补贴和岗位补贴（employer_insurance）之外另行给予，两者分别计算",
        "paid on top of the art. 10 insurance and post subsidies (employer_insurance), which are computed there",
    ),
    "note.maximum": (
        "每岗每月“最高 {ceiling} 元”为上限，实际金额由主管部门核定，不计入合计",
        "'up to {ceiling} yuan' a post a month is a ceiling: the department sets the actual sum, which is not "
        "added to the total",
    ),
}


MEASURE = Measure(
    id="fallback_placement",
    name_zh="托底安置岗位补助",
    name_en="fallback placement post allowance",
    article="十二",
    tasks=(32,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(APPLICATION_DATE, HIRE_DATE, POST_TYPE, E_DIFFICULTY, *RETIREMENT_FACTS),
    messages=MESSAGES,
)


CEILING = "fallback_placement.max_monthly_per_post"


def ceilings(p: Params) -> list[tuple[date, Decimal]]:
    """(first day, ceiling) of each run of one ceiling from the policy's first day on, in time order."""
    out: list[tuple[date, Decimal]] = []
    for first, last, value in p.segments(CEILING):
        if last is not None and last < p.start:
            continue
        assert isinstance(value, Decimal), f"{CEILING} has no value in force on {first}"
        day = max(first, p.start)
        if not out or out[-1][1] != value:
            out.append((day, value))
    return out


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    hired, post, difficulty = fact("hire_date"), fact("post_type"), fact("employment_difficulty")
    ret = stage_retirement(p, s)
    retired_on = ret["date"]
    qualifies = (
        hired.is_not_null() & (post == "fallback") & difficulty & ret["known"] & (hired < retired_on)
    ).fill_null(False)

    # 最长3年 from the first subsidy month, to retirement, to the policy's end where payments end with it
    ending = Ending(p, MEASURE.id)
    first = first_subsidy_month(p, hired)
    max_months = p.param("fallback_placement.max_months")
    starts = s.stage(first=first, counted_from=first_policy_month(p), reached=qualifies)
    first, reached = starts["first"], starts["reached"]
    limits = [
        ("end.duration", duration_end(first, max_months)),
        ("end.retirement", retired_on),
        ("end.policy_end", ending.limit(hired)),
    ]
    months = s.stage(**period(first, limits, starts["counted_from"]))
    first_paid, last, n = months["first_paid"], months["last"], months["n"]

    # 每个岗位每月最高1000元: the ceiling of each month, read on max(month start, hire day, policy start)
    # (a null ``hired`` means a null ``first_paid`` and ``n``: no month, whatever this day is)
    first_day = pl.max_horizontal(
        month_from_index(first_paid),
        hired,
        pl.lit(p.start),
    )
    runs = ceilings(p)
    counts: dict[str, pl.Expr] = {}
    at_least: list[pl.Expr] = []
    for day, _value in runs:
        later_from = month_index_of(day) + (0 if day.day == 1 else 1)
        later = (last - floored(first_paid + 1, pl.lit(later_from)) + 1).clip(lower_bound=0)
        at_least.append(pl.when(n > 0).then((first_day >= pl.lit(day)).cast(pl.Int32) + later).otherwise(0))
    for k in range(len(runs)):
        following = at_least[k + 1] if k + 1 < len(runs) else pl.lit(0)
        counts[f"run{k}"] = at_least[k] - following
    run = s.stage(**counts)
    values = [pl.lit(value, dtype=MONEY) for _day, value in runs]
    maximum = pl.sum_horizontal([times(run[f"run{k}"], values[k]) for k in range(len(runs))]).cast(MONEY)
    # the rate of the first run with a month (coalesce: the first that is not null, as intended)
    first_rate = pl.coalesce([pl.when(run[f"run{k}"] > 0).then(values[k]) for k in range(len(runs))])
    schedule = pl.struct(
        month=pl.int_ranges(first_paid, first_paid + n, dtype=pl.Int32).list.eval(
            month_from_index(pl.element())
        ),
        amount=pl.concat_list([values[k].repeat_by(run[f"run{k}"]) for k in range(len(runs))]),
    )
    first_shown = pl.when(n > 0).then(first_paid).otherwise(first)

    steps = (
        hire_date_cond(hired),
        cond(
            "fallback_post", post == "fallback", args={"post": arg(post, post_label)}, missing=["post_type"]
        ),
        cond("difficulty", difficulty, args={"value": difficulty}, missing=["employment_difficulty"]),
        retirement_condition(ret),
        before_retirement_cond(hired, ret),
        Settle(),
        cond("subsidy_months", n > 0, args={"months": n, "first": ym(first_shown), "end": months["end"]}),
        Settle(),
    )
    all_reached = (Status.ELIGIBLE, Status.INELIGIBLE, Status.CANNOT_DECIDE)
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=steps,
        final=Status.ELIGIBLE,
        maximum=maximum,
        monthly_amount=first_rate,
        months=n,
        payee="enterprise",
        schedule=schedule,
        # 最长3年: shown as a limit that does not bind (the period ends at it)
        explain_columns={"max_months": max_months, "months_paid": n},
        explain_caps=lambda row: [
            Cap("fallback_placement.max_months", row["max_months"], row["months_paid"], False)
        ],
        arithmetic=(
            *period_messages("what.allowance", months),
            msg("arith.monthly_sum", {"months": n, "maximum": maximum}),
        ),
        notes=(
            policy_start_note(p, reached & (months["before"] > 0), all_reached),
            past_policy_note(ending, last, n, months_within(first_paid, last, ending.policy_end), reached),
            msg("note.maximum", {"ceiling": first_rate}),
            msg("note.on_top", {}),
        ),
        extra={
            "end_date": extra(months["end"]),
            "end_reason": extra(months["reason"].str.strip_prefix("end.")),
            "retirement_date": extra(retired_on),
        },
    )
