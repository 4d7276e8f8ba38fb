"""第二十七条 充分发挥失业保险作用 — 失业保险金发放至法定退休年龄, 附件1 序号60 (责任部门：区人社局)

  对领取失业保险金期满仍未就业且距离法定退休年龄不足1年的人员，继续发放失业保险金至法定退休年龄。

As ``wenjiuye_cli.rules.ui_to_retirement``: the benefit ran out, the person is still without work and,
on the benefit's last day, was not yet retired and had fewer than ``ui_to_retirement.years_to_retirement``
years to statutory retirement (the anniversary itself is not "fewer"). The benefit (a fact, set under the
unemployment-insurance rules) is then paid monthly from the month after it ran out through the month the
retirement age is reached (``ui_to_retirement.retirement_month_paid``), or the policy's last day where
payments end with the policy, whichever is first; months before the policy are not counted.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import Params, add_months, fact, floored, month_index, times
from wenjiuye_cli.engine.rule import Exit, Read, Rule, Scope, Settle, cond, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._periods import (
    ALL_STATUSES,
    Ending,
    earlier,
    first_policy_month,
    months_within,
    past_policy_note,
    policy_start_note,
    retirement_limit,
    schedule,
    ym,
)
from wenjiuye_cli.rules._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.rules._person_retirement import RETIREMENT_FACTS
from wenjiuye_cli.rules._retirement import retirement_condition, stage_retirement, within_years_of_retirement
from wenjiuye_cli.rules._schedule import MESSAGES as SCHEDULE_MESSAGES

UI_BENEFIT_END_DATE = fact_spec(
    "ui_benefit_end_date", "date", ("失业保险金领取期满日期", "unemployment benefit ran out on"),
    ("按规定领取失业保险金的最后一日", "last day of the unemployment-benefit period"), ("person",),
)  # fmt: skip
EMPLOYED_SINCE_BENEFIT_END = fact_spec(
    "employed_since_benefit_end", "bool", ("期满后是否已就业", "employed since the benefit ran out"),
    ("领取失业保险金期满后是否已经就业（否 = 仍未就业）", "whether employed since the benefit ran out (no = still "
     "without work)"),
    ("person",),
)  # fmt: skip
UI_MONTHLY_BENEFIT = fact_spec(
    "ui_monthly_benefit", "money", ("每月失业保险金", "monthly unemployment benefit"),
    ("按失业保险规定核定的每月失业保险金（元/月）", "monthly unemployment benefit set under the "
     "unemployment-insurance rules (yuan a month)"),
    ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **RETIREMENT_MESSAGES,
    **SCHEDULE_MESSAGES,
    "benefit_ended": ("失业保险金领取期满：{ended}", "unemployment benefit ran out on {ended}"),
    "still_unemployed": ("期满后仍未就业", "still without work since then"),
    "before_retirement": (
        "期满时尚未达到法定退休年龄（{ended} < {retirement}）",
        "statutory retirement age not yet reached when the benefit ran out ({ended} < {retirement})",
    ),
    "near_retirement": (
        "期满时距法定退休年龄不足 {years} 年：{ended} 晚于 {threshold}（退休日 {retirement}）",
        "fewer than {years} years to retirement when the benefit ran out: {ended} is after {threshold} "
        "(retirement {retirement})",
    ),
    "months_to_pay": ("续发月数 {months}", "{months} months to pay"),
    "arith.months": (
        "{first} 至 {last} 共 {months} 个月 × {monthly} 元 = {amount} 元",
        "{first} to {last}: {months} months × {monthly} yuan = {amount} yuan",
    ),
    "note.benefit_unknown": (
        "每月失业保险金未知：续发 {months} 个月，金额无法计算",
        "monthly benefit unknown: {months} months to pay, amount cannot be computed",
    ),
}


MEASURE = Measure(
    id="ui_to_retirement",
    name_zh="失业保险金发放至法定退休年龄",
    name_en="unemployment benefit continued to retirement age",
    article="二十七",
    tasks=(60,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        UI_BENEFIT_END_DATE,
        EMPLOYED_SINCE_BENEFIT_END,
        UI_MONTHLY_BENEFIT,
        *RETIREMENT_FACTS,
    ),
    messages=MESSAGES,
)


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    ended, employed = fact("ui_benefit_end_date"), fact("employed_since_benefit_end")
    ret = stage_retirement(p, s)
    retired_on, known = ret["date"], ret["known"]
    years = p.param("ui_to_retirement.years_to_retirement")

    # 期满时尚未达到法定退休年龄, 且距法定退休年龄不足N年
    compared = ended.is_not_null() & known.fill_null(False)
    threshold = add_months(retired_on, -12 * years)
    not_retired = ended < retired_on
    near = within_years_of_retirement(retired_on, ended, years)
    qualifies = compared & (employed == False) & not_retired & near  # noqa: E712 (null stays null)

    # 继续发放失业保险金至法定退休年龄: from the month after the benefit ran out
    ending = Ending(p, MEASURE.id)
    by_retirement = retirement_limit(retired_on, p.param("ui_to_retirement.retirement_month_paid"))
    reason, end = earlier(
        ("retirement", by_retirement), ("policy_end", ending.limit(ended + pl.duration(days=1)))
    )
    period = s.stage(
        qualifies=qualifies.fill_null(False),
        start=month_index(ended) + 1,
        counted_from=first_policy_month(p),
        last=month_index(end),
        end=end,
        reason=reason,
    )
    start, last, counted_from = period["start"], period["last"], period["counted_from"]
    # no end of the benefit, no first month (``pl.max_horizontal`` would skip the null and count from the
    # policy's first month to retirement)
    first = floored(start, counted_from)
    counts = s.stage(first=first, n=(last - first + 1).clip(lower_bound=0))
    first, n = counts["first"], counts["n"]
    reached = period["qualifies"]  # every condition before the months passed
    left_out = reached & (start < counted_from) & (start <= last)
    with_months = reached & (n > 0)

    monthly = fact("ui_monthly_benefit").cast(pl.Decimal(38, 2))
    amount = times(monthly, n)
    steps = (
        cond(
            "benefit_ended",
            pl.when(ended.is_not_null()).then(True),
            args={"ended": ended},
            missing=["ui_benefit_end_date"],
        ),
        cond("still_unemployed", employed.not_(), missing=["employed_since_benefit_end"]),
        retirement_condition(ret),
        cond(
            "before_retirement",
            not_retired,
            args={"ended": ended, "retirement": retired_on},
            shown=compared,
        ),
        cond(
            "near_retirement",
            near,
            args={"years": years, "ended": ended, "threshold": threshold, "retirement": retired_on},
            shown=compared,
        ),
        Settle(),
        cond("months_to_pay", n > 0, args={"months": n}),
        Settle(),
        Read("ui_monthly_benefit"),
        Exit(fact("ui_monthly_benefit").is_null(), Status.CANNOT_DECIDE),
    )
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=steps,
        final=Status.ELIGIBLE,
        amount=amount,
        monthly_amount=monthly,
        months=n,
        months_shown=with_months,
        payee="applicant",
        payee_statuses=(Status.ELIGIBLE,),
        schedule=schedule(first, n, monthly),
        arithmetic=(
            msg(
                "arith.months",
                {"first": ym(first), "last": ym(last), "months": n, "monthly": monthly, "amount": amount},
            ),
        ),
        notes=(
            msg("note.benefit_unknown", {"months": n}, shown=with_months, statuses=(Status.CANNOT_DECIDE,)),
            policy_start_note(p, left_out),
            past_policy_note(ending, last, n, months_within(first, last, ending.policy_end), reached),
            msg(
                "note.end",
                {"first": ym(first), "end": period["end"], "months": n, "reason": period["reason"]},
                shown=with_months,
                statuses=ALL_STATUSES,
            ),
        ),
        extra={  # once the months are known (paid, or cannot decide for the benefit's amount)
            "end_date": extra(period["end"], ALL_STATUSES, with_months),
            "end_reason": extra(period["reason"].str.strip_prefix("end_reason."), ALL_STATUSES, with_months),
        },
    )
