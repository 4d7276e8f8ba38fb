"""第十二条（加强托底安置就业）托底安置岗位补助 — 附件1 序号32 (责任部门：区人社局)

  在家政、养老、物业等行业遴选一批服务型岗位，专门用于安置市场渠道难以就业的就业困难人员，在给予企业
  社保补贴和岗位补贴的基础上，每个岗位每月再给予企业最高1000元补助，最长3年。

One applicant row is one placement (kind ``enterprise``): a 就业困难人员 placed on a selected service post
(``post_type = fallback``). The allowance is a maximum ("最高"): each month's ceiling is the parameter in
force in that month, for at most 36 calendar months from the placement, ending earlier at the person's
statutory retirement or — only when payments end with the policy (``_schedule.payments_end``) — the policy's
last day. Months before the policy
came into force are not counted (a placement made earlier gets the rest of its 36 months, read at the ceiling
in force from the policy's first day). It comes on top of the 第十条 subsidies
(``employer_insurance``), which are separate items and are not repeated here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.measures._hire import (
    E_DIFFICULTY,
    HIRE_DATE,
    POST_TYPE,
    RETIREMENT_FACTS,
    check_subsidy_months,
    hire_date_check,
    period_message,
    retirement_of,
    subsidy_period,
)
from wenjiuye_cli.measures._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.outcome import Cap, Evaluation, Label, Measure, Message, Outcome, ScheduleLine, Status

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


def evaluate(ev: Evaluation) -> Outcome:
    hired = hire_date_check(ev)
    post: str | None = ev.fact("post_type")
    post_label = Label(*POST_TYPE.choices[post]) if post is not None else None
    ev.check(
        "fallback_post", None if post is None else post == "fallback", missing=("post_type",), post=post_label
    )
    difficulty = ev.fact("employment_difficulty")
    ev.check("difficulty", difficulty, missing=("employment_difficulty",), value=difficulty)
    retirement = retirement_of(ev, hired)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert hired is not None
    assert retirement is not None

    max_months = ev.integer("fallback_placement.max_months")
    period = subsidy_period(ev, hired, max_months, retirement)
    notes: list[Message] = []
    if not check_subsidy_months(ev, period, notes):
        return ev.outcome(Status.INELIGIBLE, notes=notes)
    key = "fallback_placement.max_monthly_per_post"
    policy_start = ev.day("general.policy_start")
    # The ceiling in force in each month (from the placement day in the first month, and never before the
    # policy's first day, when no ceiling was in force).
    schedule = [ScheduleLine(month, ev.dec(key, max(month, hired, policy_start))) for month in period.months]
    maximum = sum((line.amount for line in schedule), Decimal(0))
    first_rate = schedule[0].amount if schedule else None
    return ev.outcome(
        Status.ELIGIBLE,
        maximum=maximum,
        monthly_amount=first_rate,
        months=len(period.months),
        payee="enterprise",
        schedule=schedule,
        caps=[Cap("fallback_placement.max_months", max_months, len(period.months), False)],
        arithmetic=[
            period_message(period, "what.allowance"),
            Message("arith.monthly_sum", {"months": len(period.months), "maximum": maximum}),
        ],
        notes=[*notes, Message("note.maximum", {"ceiling": first_rate}), Message("note.on_top", {})],
        extra=_extra(period.end_date, period.end_reason, retirement.date),
    )


def _extra(end: date, reason: str, retirement: date) -> dict[str, object]:
    return {"end_date": end, "end_reason": reason.removeprefix("end."), "retirement_date": retirement}


MEASURE = Measure(
    id="fallback_placement",
    name_zh="托底安置岗位补助",
    name_en="fallback placement post allowance",
    article="十二",
    tasks=(32,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(APPLICATION_DATE, HIRE_DATE, POST_TYPE, E_DIFFICULTY, *RETIREMENT_FACTS),
    evaluate=evaluate,
    messages=MESSAGES,
)
