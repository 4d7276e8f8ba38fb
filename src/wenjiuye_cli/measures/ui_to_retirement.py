"""第二十七条 充分发挥失业保险作用 — 失业保险金发放至法定退休年龄, 附件1 序号60 (责任部门：区人社局)

  对领取失业保险金期满仍未就业且距离法定退休年龄不足1年的人员，继续发放失业保险金至法定退休年龄。

A person whose unemployment benefit has run out, who is still not employed, and who on the last day of the
benefit had fewer than ``ui_to_retirement.years_to_retirement`` years to statutory retirement age (the
anniversary itself is not "fewer") keeps receiving the monthly benefit (a fact: the amount is set by the
unemployment-insurance rules) from the month after the benefit ended until the statutory retirement age
(``ui_to_retirement.retirement_month_paid``: whether the month in which it is reached is paid), or until the
policy's last day when payments end with the policy (``_schedule.payments_end``; by default they do not:
the benefit is paid from the unemployment-insurance fund under national rules), whichever is first. Paid month by month;
months before the policy came into force are not counted (``general.policy_start_month_counts``).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from wenjiuye_cli.dates import add_months, add_years, month_start
from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.measures._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.measures._person_retirement import RETIREMENT_FACTS, check_retirement
from wenjiuye_cli.measures._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.measures._schedule import (
    earliest,
    first_policy_month,
    months_through,
    past_policy_note,
    payments_end,
    policy_start_note,
    retirement_limit,
    ym,
)
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, ScheduleLine, Status
from wenjiuye_cli.retirement import within_years_of_retirement

UI_BENEFIT_END_DATE = fact(
    "ui_benefit_end_date", "date", ("失业保险金领取期满日期", "unemployment benefit ran out on"),
    ("按规定领取失业保险金的最后一日", "last day of the unemployment-benefit period"), ("person",),
)  # fmt: skip
EMPLOYED_SINCE_BENEFIT_END = fact(
    "employed_since_benefit_end", "bool", ("期满后是否已就业", "employed since the benefit ran out"),
    ("领取失业保险金期满后是否已经就业（否 = 仍未就业）", "whether employed since the benefit ran out (no = still "
     "without work)"),
    ("person",),
)  # fmt: skip
UI_MONTHLY_BENEFIT = fact(
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


def evaluate(ev: Evaluation) -> Outcome:
    ended: date | None = ev.fact("ui_benefit_end_date")
    ev.check("benefit_ended", None if ended is None else True, missing=("ui_benefit_end_date",), ended=ended)
    employed: bool | None = ev.fact("employed_since_benefit_end")
    ev.check(
        "still_unemployed",
        None if employed is None else not employed,
        missing=("employed_since_benefit_end",),
    )
    retirement = check_retirement(ev)
    years = ev.integer("ui_to_retirement.years_to_retirement")
    if ended is not None and retirement is not None:
        ev.check("before_retirement", ended < retirement.date, ended=ended, retirement=retirement.date)
        ev.check(
            "near_retirement",
            within_years_of_retirement(retirement.date, ended, years),
            years=years,
            ended=ended,
            threshold=add_years(retirement.date, -years),
            retirement=retirement.date,
        )
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert ended is not None
    assert retirement is not None

    covered = ev.flag("ui_to_retirement.retirement_month_paid")
    limits = {"retirement": retirement_limit(retirement.date, covered)}
    policy_end = payments_end(ev, ended + timedelta(days=1))  # continued from the day after
    if policy_end is not None:
        limits["policy_end"] = policy_end
    reason, end = earliest(limits)
    from_month = first_policy_month(ev)
    notes: list[Message] = []
    months: list[date] = []
    for month in months_through(add_months(month_start(ended), 1), end):
        if month < from_month:
            if not notes:
                notes.append(policy_start_note(ev))
            continue
        months.append(month)
    past = past_policy_note(ev, months)
    if past is not None:
        notes.append(past)
    ev.check("months_to_pay", len(months) > 0, months=len(months))
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(notes)
        return settled
    extra = {"end_date": end, "end_reason": reason}
    notes.append(Message("note.end", {"first": ym(months[0]), "end": end, "months": len(months),
                                      "reason": f"end_reason.{reason}"}))  # fmt: skip
    monthly: Decimal | None = ev.fact("ui_monthly_benefit")
    if monthly is None:
        notes.insert(0, Message("note.benefit_unknown", {"months": len(months)}))
        return ev.outcome(Status.CANNOT_DECIDE, months=len(months), notes=notes, extra=extra)
    paid = to_fen(monthly)
    schedule = [ScheduleLine(month, paid) for month in months]
    amount = sum((line.amount for line in schedule), Decimal(0))
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        monthly_amount=paid,
        months=len(months),
        payee="applicant",
        arithmetic=[
            Message(
                "arith.months",
                {
                    "first": ym(months[0]),
                    "last": ym(months[-1]),
                    "months": len(months),
                    "monthly": paid,
                    "amount": amount,
                },
            )
        ],
        notes=notes,
        schedule=schedule,
        extra=extra,
    )


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
    evaluate=evaluate,
    messages=MESSAGES,
)
