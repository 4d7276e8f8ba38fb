"""第十五条 给予创业房租补贴 — 附件1 序号37 (责任部门：区人社局)

  我区重点创业人群创办企业或个体工商户，注册1年内可申请享受创业房租补贴。租赁房屋给予每月1000元的补贴，
  每带动就业1人，补贴标准增加500元，每月最高2500元；租赁工位给予每月300元的补贴，每带动就业1人，
  补贴标准增加300元，每月最高600元，补贴期限最长2年。

Readings (each a parameter in policy.toml): the monthly amount is base + jobs × step, capped; when
``rent_subsidy.cap_binds_actual_rent`` holds it is also limited to the rent actually paid. The subsidy is
paid month by month from the application month (``rent_subsidy.first_month``) for the months claimed, at most
``rent_subsidy.max_months``, each month at the values in force then; not past the policy's end only when
payments end with the policy (``rent_subsidy.payments_end_with_policy``, else
``general.payments_end_with_policy``; by default a subsidy applied for in force runs its term).
Membership of a key group is judged when the business is registered (``rent_subsidy.key_group_assessed_on``). House and workstation are alternatives: the applicant
states which is rented.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from wenjiuye_cli.dates import add_months, month_start
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    GRADUATION_DATE,
    HAIHE_TALENT_SETTLED_DATE,
    IS_HAIHE_TALENT,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
    JOBS_CREATED,
    REGISTERED_IN_HEPING,
    REGISTRATION_DATE,
    fact,
)
from wenjiuye_cli.measures._key_groups import MESSAGES as KEY_GROUP_MESSAGES
from wenjiuye_cli.measures._key_groups import check_key_group
from wenjiuye_cli.measures._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.measures._schedule import past_policy_note, payments_end
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Cap, Evaluation, Label, Measure, Message, Outcome, ScheduleLine, Status

RENT_TYPE = fact(
    "rent_type", "choice", ("租赁类型", "rented space"),
    ("租赁房屋（house）或工位（workstation）", "premises (house) or a workstation"),
    ("person",), choices={"house": ("房屋", "house"), "workstation": ("工位", "workstation")},
)  # fmt: skip
MONTHLY_RENT = fact(
    "monthly_rent", "money", ("实际月租金", "monthly rent paid"),
    ("实际支付的月租金（元/月）", "rent actually paid, yuan per month"), ("person",),
)  # fmt: skip
RENT_MONTHS = fact(
    "rent_months", "int", ("申请补贴月数", "months claimed"),
    ("租赁并申请补贴的月数（超过最长期限的部分不补）", "months of rent claimed; months beyond the limit are not paid"),
    ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **KEY_GROUP_MESSAGES,
    "note.runs_past_policy": SCHEDULE_MESSAGES["note.runs_past_policy"],
    "registered_in_heping": ("创办的企业或个体工商户在本区注册", "the business is registered in Heping"),
    "applied_within_window": (
        "注册1年内申请：{registered} 注册，{applied} 申请，截止 {deadline}",
        "applied within one year of registration: registered {registered}, applied {applied}, "
        "deadline {deadline}",
    ),
    "applied_after_registration": (
        "注册后申请：{applied} 申请，而注册日期是 {registered}（申请早于注册，请核对两个日期）",
        "applied after registering: applied {applied}, but registered {registered} (the application comes "
        "first: check both dates)",
    ),
    "rent_type_known": ("租赁类型：{rent_type}", "rented space: {rent_type}"),
    "arith.monthly": (
        "每月 {base} + {jobs} × {step} = {raw} 元",
        "monthly {base} + {jobs} × {step} = {raw} yuan",
    ),
    "arith.cap": ("不超过每月最高 {cap} 元：{value} 元", "capped at {cap} yuan a month: {value} yuan"),
    "arith.rent": (
        "不超过实际月租金 {rent} 元：{value} 元",
        "limited to the rent paid, {rent} yuan: {value} yuan",
    ),
    "arith.total": (
        "{monthly} 元/月 × {months} 个月 = {amount} 元",
        "{monthly} yuan/month × {months} months = {amount} yuan",
    ),
    "arith.sum": (
        "按月明细合计 {months} 个月 = {amount} 元",
        "sum of {months} monthly amounts = {amount} yuan",
    ),
    "arith.period": (
        "{start} 至 {end}（{months} 个月），按当时的标准：",
        "{start} to {end} ({months} months), at the rates then in force:",
    ),
    "arith.periods_total": ("{parts} = {amount} 元", "{parts} = {amount} yuan"),
    "note.policy_end": (
        "政策有效期至 {end}，只补贴此前的 {months} 个月（payments_end_with_policy）",
        "the policy ends on {end}: only the {months} months up to then are paid (payments_end_with_policy)",
    ),
    "note.months_capped": (
        "申请 {claimed} 个月，补贴期限最长 {limit} 个月",
        "{claimed} months claimed; the subsidy runs at most {limit} months",
    ),
    "note.alternative": (
        "房屋与工位补贴二选一：按申请人所填的 {rent_type} 计算",
        "house and workstation subsidies are alternatives: computed for the {rent_type} stated",
    ),
}


def evaluate(ev: Evaluation) -> Outcome:
    registered: date | None = ev.fact("registration_date")
    applied: date = ev.facts.get("application_date") or ev.on

    if ev.choice("rent_subsidy.key_group_assessed_on") == "registration":
        if registered is None:
            ev.check("key_group", None, missing=("registration_date",), which="key_group.unknown")
        else:
            check_key_group(ev, registered)
    else:
        check_key_group(ev, applied)
    in_heping = ev.fact("registered_in_heping")
    ev.check("registered_in_heping", in_heping, missing=("registered_in_heping",))
    window = ev.integer("rent_subsidy.application_window_months")
    if registered is None:
        ev.check("applied_within_window", None, missing=("registration_date",), applied=applied)
    elif applied < registered:  # not "late": too early, or a date typed wrong — say which
        ev.check("applied_after_registration", False, registered=registered, applied=applied)
    else:
        deadline = add_months(registered, window)
        ev.check(
            "applied_within_window",
            applied <= deadline,
            registered=registered,
            applied=applied,
            deadline=deadline,
        )
    rent_type: str | None = ev.fact("rent_type")
    label = Label(*RENT_TYPE.choices[rent_type]) if rent_type is not None else None
    ev.check("rent_type_known", None if rent_type is None else True, missing=("rent_type",), rent_type=label)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert rent_type is not None

    jobs: int | None = ev.fact("jobs_created")
    claimed: int | None = ev.fact("rent_months")
    binds_rent = ev.flag("rent_subsidy.cap_binds_actual_rent")
    rent: Decimal | None = ev.fact("monthly_rent") if binds_rent else None
    if jobs is None or claimed is None or (binds_rent and rent is None):
        return ev.outcome(Status.CANNOT_DECIDE)

    max_months = ev.integer("rent_subsidy.max_months")
    first = month_start(applied)  # rent_subsidy.first_month = application_month
    ev.choice("rent_subsidy.first_month")
    months = [add_months(first, i) for i in range(min(claimed, max_months))]
    end_reason = "duration"
    policy_end = payments_end(ev, applied)
    if policy_end is not None:
        within = [m for m in months if m <= policy_end]
        if len(within) < len(months):
            months, end_reason = within, "policy_end"
    past = past_policy_note(ev, months)

    base_key = f"rent_subsidy.{rent_type}_base_monthly"
    step_key = f"rent_subsidy.{rent_type}_per_job_monthly"
    cap_key = f"rent_subsidy.{rent_type}_cap_monthly"
    schedule: list[ScheduleLine] = []
    # Months at the same rates form one period; a rate changed by a dated value (a reform, a --set from a
    # date) starts another, and each period shows its own rule, caps and months.
    periods: list[_Period] = []
    # With no month to pay (0 claimed, or all after the policy end) the first month still shows the rate.
    for month in months or [first]:
        on = max(month, applied)
        rates = (ev.dec(base_key, on), ev.dec(step_key, on), ev.dec(cap_key, on))
        if not periods or periods[-1].rates != rates:
            periods.append(_Period(rates, month))
        period = periods[-1]
        period.last = month
        if months:
            period.count += 1
            schedule.append(ScheduleLine(month, period.paid(jobs, rent)))
    caps: list[Cap] = []
    arithmetic: list[Message] = []
    for period in periods:
        base, step, cap = period.rates
        raw = base + jobs * step
        monthly = min(raw, cap)
        if len(periods) > 1:
            arithmetic.append(
                Message("arith.period", {"start": f"{period.first:%Y-%m}", "end": f"{period.last:%Y-%m}",
                                         "months": period.count})
            )  # fmt: skip
        caps.append(Cap(cap_key, cap, raw, raw > cap))
        arithmetic.append(Message("arith.monthly", {"base": base, "jobs": jobs, "step": step, "raw": raw}))
        arithmetic.append(Message("arith.cap", {"cap": cap, "value": monthly}))
        if rent is not None:
            caps.append(Cap("rent_subsidy.cap_binds_actual_rent", rent, monthly, rent < monthly))
            arithmetic.append(Message("arith.rent", {"rent": rent, "value": min(monthly, rent)}))
        monthly = period.paid(jobs, rent)

    caps.append(Cap("rent_subsidy.max_months", max_months, claimed, claimed > max_months))
    amount = to_fen(sum((line.amount for line in schedule), Decimal(0)))
    amounts = {line.amount for line in schedule} or {monthly}
    monthly_amount = amounts.pop() if len(amounts) == 1 else None
    if monthly_amount is not None:
        arithmetic.append(
            Message("arith.total", {"monthly": monthly_amount, "months": len(schedule), "amount": amount})
        )
    elif len(periods) > 1:
        parts = " + ".join(f"{p.count} × {p.paid(jobs, rent)}" for p in periods)
        arithmetic.append(Message("arith.periods_total", {"parts": parts, "amount": amount}))
    else:
        arithmetic.append(Message("arith.sum", {"months": len(schedule), "amount": amount}))
    notes = [Message("note.alternative", {"rent_type": label})]
    if claimed > max_months:
        notes.append(Message("note.months_capped", {"claimed": claimed, "limit": max_months}))
    end_date = last_day_of_month(schedule[-1].month) if schedule else None
    if end_reason == "policy_end":
        notes.append(
            Message("note.policy_end", {"end": ev.day("general.policy_end"), "months": len(schedule)})
        )
    if past is not None:
        notes.append(past)
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        monthly_amount=monthly_amount,
        months=len(schedule),
        payee="applicant",
        caps=caps,
        arithmetic=arithmetic,
        notes=notes,
        schedule=schedule,
        extra={"first_month": first, "end_date": end_date, "end_reason": end_reason},
    )


class _Period:
    """Consecutive months paid at the same (base, per job, cap) rates."""

    __slots__ = ("count", "first", "last", "rates")

    def __init__(self, rates: tuple[Decimal, Decimal, Decimal], first: date) -> None:
        self.rates = rates
        self.first = self.last = first
        self.count = 0  # months paid (0 for the rate shown when none is)

    def paid(self, jobs: int, rent: Decimal | None) -> Decimal:
        base, step, cap = self.rates
        monthly = min(base + jobs * step, cap)
        return monthly if rent is None else min(monthly, rent)


def last_day_of_month(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


MEASURE = Measure(
    id="rent_subsidy",
    name_zh="创业房租补贴",
    name_en="start-up rent subsidy",
    article="十五",
    tasks=(37,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        IS_TIANJIN_FULLTIME_STUDENT,
        IS_UNIVERSITY_GRADUATE,
        GRADUATION_DATE,
        IS_HAIHE_TALENT,
        HAIHE_TALENT_SETTLED_DATE,
        REGISTRATION_DATE,
        REGISTERED_IN_HEPING,
        RENT_TYPE,
        JOBS_CREATED,
        MONTHLY_RENT,
        RENT_MONTHS,
    ),
    evaluate=evaluate,
    messages=MESSAGES,
)
