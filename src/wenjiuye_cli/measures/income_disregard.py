"""第二十八条 做好困难人员生活保障 — 首次就业收入扣减, 附件1 序号62 (责任部门：区民政局)

  对最低生活保障、低收入家庭中的无业人员和各类毕业生首次就业的，自正式签订劳动合同当月起1年内，
  核定家庭收入时每月扣减600元。

Not a payment: when the household's income is assessed (for the subsistence allowance or low-income
assistance), ``income_disregard.monthly_amount`` is left out of the counted income each month for
``income_disregard.months`` months from the month the labour contract is signed. The outcome therefore has
``counts_as_payment = False`` and is never added to a total of money paid; its ``amount`` is the total
income disregarded. Months run month by month (the amount in force each month), end at the duration limit
or the policy's last day (only when payments end with the policy: ``_schedule.payments_end``), whichever first, and never start
before the policy came into force (``general.policy_start_month_counts``). A contract whose months all fall
before the policy (or none of which is left) gives nothing: ineligible.
Whether "首次就业" qualifies the jobless too: ``income_disregard.first_job_applies_to``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wenjiuye_cli.dates import month_start
from wenjiuye_cli.facts import APPLICATION_DATE, SUBSISTENCE_FAMILY, fact
from wenjiuye_cli.measures._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.measures._schedule import (
    duration_end,
    earliest,
    first_policy_month,
    months_through,
    past_policy_note,
    payments_end,
    policy_start_note,
    ym,
)
from wenjiuye_cli.measures.hardship_grant import LOW_INCOME_FAMILY
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, ScheduleLine, Status

JOBLESS = fact(
    "jobless_before_job", "bool", ("签订劳动合同前是否无业人员", "jobless before this job"),
    ("签订本次劳动合同前处于无业状态", "without work before signing this labour contract"), ("person",),
)  # fmt: skip
SCHOOL_GRADUATE = fact(
    "school_graduate", "bool", ("是否各类毕业生", "graduate of any school"),
    ("高校、中等职业学校、技工院校、普通高中等各类学校毕业生", "graduate of a university, secondary vocational "
     "or technical school, senior secondary school or similar"),
    ("person",),
)  # fmt: skip
FIRST_EMPLOYMENT = fact(
    "first_employment", "bool", ("是否首次就业", "first job"),
    ("本次劳动合同是本人第一份工作", "this labour contract is the person's first job"), ("person",),
)  # fmt: skip
CONTRACT_SIGNED_DATE = fact(
    "contract_signed_date", "date", ("正式签订劳动合同日期", "labour contract signed on"),
    ("本次就业正式签订劳动合同的日期", "date the labour contract of this job was signed"), ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **SCHEDULE_MESSAGES,
    "family": ("家庭：{which}", "household: {which}"),
    "family.subsistence": ("最低生活保障家庭", "on the minimum subsistence allowance"),
    "family.low_income": ("低收入家庭", "low-income family"),
    "family.none": (
        "既非低保也非低收入家庭（低保家庭：否；低收入家庭：否）",
        "neither on the subsistence allowance nor low-income (subsistence: no; low-income: no)",
    ),
    "family.unknown": ("无法确定", "cannot be determined"),
    "person": ("本人：{which}", "the person: {which}"),
    "person.jobless_first": ("无业人员首次就业", "jobless, first job"),
    "person.graduate_first": ("毕业生首次就业", "graduate, first job"),
    "person.jobless": ("无业人员就业", "jobless, now employed"),
    "person.none": (
        "不是首次就业的无业人员或毕业生（签订前无业：{jobless}；毕业生：{graduate}；首次就业：{first}；{reading}）",
        "not a jobless person or graduate taking a first job (jobless before: {jobless}; graduate: {graduate}; "
        "first job: {first}; {reading})",
    ),
    "person.unknown": ("无法确定", "cannot be determined"),
    "reading.both": ("“首次就业”同时限定无业人员和毕业生", "'first job' applies to both"),
    "reading.graduates_only": ("“首次就业”只限定毕业生", "'first job' applies to graduates only"),
    "contract_signed": (
        "{signed} 正式签订劳动合同（计算日 {on}）",
        "labour contract signed on {signed} (evaluated {on})",
    ),
    "months_in_policy": (
        "扣减期（{first} 起 {limit} 个月，至 {end}）内政策施行期间的月份：{months} 个月",
        "months of the disregard period ({limit} months from {first}, to {end}) while the policy is in force: "
        "{months}",
    ),
    "arith.month": (
        "{first} 起每月扣减 {monthly} 元 × {months} 个月 = {amount} 元",
        "from {first}, {monthly} yuan a month × {months} months = {amount} yuan",
    ),
    "note.not_payment": (
        "这不是发放的钱：核定低保或低收入家庭收入时，每月少计 {monthly} 元收入；不计入补贴合计",
        "this is not money paid: {monthly} yuan a month is left out of household income when the subsistence "
        "allowance or low-income status is assessed; never added to the total",
    ),
}


def _or(*values: bool | None) -> bool | None:
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def _and(*values: bool | None) -> bool | None:
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def _family(ev: Evaluation) -> None:
    subsistence: bool | None = ev.facts.get("subsistence_allowance_family")
    low: bool | None = ev.facts.get("low_income_family")
    result = _or(subsistence, low)
    if result is None:
        which = "family.unknown"
    elif result:
        which = "family.subsistence" if subsistence else "family.low_income"
    else:
        which = "family.none"
    missing = tuple(n for n, v in (("subsistence_allowance_family", subsistence), ("low_income_family", low))
                    if v is None)  # fmt: skip
    ev.check("family", result, missing=missing, which=which)


def _person(ev: Evaluation) -> None:
    reading = ev.choice("income_disregard.first_job_applies_to")
    jobless: bool | None = ev.facts.get("jobless_before_job")
    graduate: bool | None = ev.facts.get("school_graduate")
    first: bool | None = ev.facts.get("first_employment")
    jobless_ok = _and(jobless, first) if reading == "both" else jobless
    graduate_ok = _and(graduate, first)
    result = _or(jobless_ok, graduate_ok)
    if jobless_ok:
        which = "person.jobless_first" if reading == "both" else "person.jobless"
    elif graduate_ok:
        which = "person.graduate_first"
    elif result is False:
        which = "person.none"
    else:
        which = "person.unknown"
    missing = tuple(n for n, v in (("jobless_before_job", jobless), ("school_graduate", graduate),
                                   ("first_employment", first)) if v is None)  # fmt: skip
    shown = {"jobless": jobless, "graduate": graduate, "first": first} if which == "person.none" else {}
    ev.check("person", result, missing=missing, which=which, reading=f"reading.{reading}", **shown)


def evaluate(ev: Evaluation) -> Outcome:
    _family(ev)
    _person(ev)
    signed: date | None = ev.fact("contract_signed_date")
    ev.check("contract_signed", None if signed is None else signed <= ev.on, missing=("contract_signed_date",),
             signed=signed, on=ev.on)  # fmt: skip
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert signed is not None

    months = ev.integer("income_disregard.months")
    start = ev.day("general.policy_start")
    limits = {"duration": duration_end(signed, months)}
    policy_end = payments_end(ev, signed)
    if policy_end is not None:
        limits["policy_end"] = policy_end
    reason, end = earliest(limits)
    from_month = first_policy_month(ev)
    notes: list[Message] = []
    schedule: list[ScheduleLine] = []
    for month in months_through(signed, end):
        if month < from_month:
            if not notes:
                notes.append(policy_start_note(ev))
            continue
        # A month counts with the value in force from its first day (from the policy's first day in the
        # month it came into force).
        schedule.append(ScheduleLine(month, ev.dec("income_disregard.monthly_amount", on=max(month, start))))
    ev.check("months_in_policy", len(schedule) > 0, first=ym(month_start(signed)), limit=months, end=end,
             months=len(schedule))  # fmt: skip
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(notes)
        return settled
    past = past_policy_note(ev, [line.month for line in schedule])
    if past is not None:
        notes.append(past)
    total = sum((line.amount for line in schedule), Decimal(0))
    monthly = ev.dec("income_disregard.monthly_amount")
    first = ym(schedule[0].month)
    notes.append(Message("note.end", {"first": first, "end": end, "months": len(schedule),
                                      "reason": f"end_reason.{reason}"}))  # fmt: skip
    notes.insert(0, Message("note.not_payment", {"monthly": monthly}))
    return ev.outcome(
        Status.ELIGIBLE,
        amount=total,
        monthly_amount=monthly,
        months=len(schedule),
        counts_as_payment=False,
        arithmetic=[
            Message(
                "arith.month", {"first": first, "monthly": monthly, "months": len(schedule), "amount": total}
            )
        ],
        notes=notes,
        schedule=schedule,
        extra={"end_date": end, "end_reason": reason},
    )


MEASURE = Measure(
    id="income_disregard",
    name_zh="首次就业家庭收入扣减",
    name_en="household-income disregard after a first job",
    article="二十八",
    tasks=(62,),
    department="区民政局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        SUBSISTENCE_FAMILY,
        LOW_INCOME_FAMILY,
        JOBLESS,
        SCHOOL_GRADUATE,
        FIRST_EMPLOYMENT,
        CONTRACT_SIGNED_DATE,
    ),
    evaluate=evaluate,
    messages=MESSAGES,
)
