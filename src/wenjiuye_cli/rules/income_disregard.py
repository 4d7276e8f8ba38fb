"""第二十八条 做好困难人员生活保障 — 首次就业收入扣减, 附件1 序号62 (责任部门：区民政局)

  对最低生活保障、低收入家庭中的无业人员和各类毕业生首次就业的，自正式签订劳动合同当月起1年内，
  核定家庭收入时每月扣减600元。

As ``wenjiuye_cli.rules.income_disregard`` reads it: not a payment (``counts_as_payment`` false, never in
a total) but ``income_disregard.monthly_amount`` left out of the household's income each month for
``income_disregard.months`` months from the month the contract is signed — each month at the value in force
then — ending at the duration or, when payments end with the policy (``rules._schedule.payments_end``), at
the policy's last day, whichever first; months before the policy are not counted
(``general.policy_start_month_counts``). "首次就业" qualifies the jobless too by
``income_disregard.first_job_applies_to``.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import ON, Params, add_months, chain, fact, month_from_index, month_index
from wenjiuye_cli.engine.rule import Rule, Scope, Settle, cond, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE, SUBSISTENCE_FAMILY
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.rules._schedule import (
    dated_sum,
    dated_values,
    first_policy_month,
    payments_end,
    runs_past_policy,
    ym,
)
from wenjiuye_cli.rules.hardship_grant import LOW_INCOME_FAMILY

JOBLESS = fact_spec(
    "jobless_before_job", "bool", ("签订劳动合同前是否无业人员", "jobless before this job"),
    ("签订本次劳动合同前处于无业状态", "without work before signing this labour contract"), ("person",),
)  # fmt: skip
SCHOOL_GRADUATE = fact_spec(
    "school_graduate", "bool", ("是否各类毕业生", "graduate of any school"),
    ("高校、中等职业学校、技工院校、普通高中等各类学校毕业生", "graduate of a university, secondary vocational "
     "or technical school, senior secondary school or similar"),
    ("person",),
)  # fmt: skip
FIRST_EMPLOYMENT = fact_spec(
    "first_employment", "bool", ("是否首次就业", "first job"),
    ("本次劳动合同是本人第一份工作", "this labour contract is the person's first job"), ("person",),
)  # fmt: skip
CONTRACT_SIGNED_DATE = fact_spec(
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
    messages=MESSAGES,
)


KEY = "income_disregard.monthly_amount"


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    # 最低生活保障、低收入家庭
    subsistence, low = fact("subsistence_allowance_family"), fact("low_income_family")
    family = s.stage(family=subsistence | low)["family"]
    family_which = chain(
        [
            (family.is_null(), "family.unknown"),
            (subsistence, "family.subsistence"),
            (family, "family.low_income"),
        ],
        pl.lit("family.none"),
    )
    # 无业人员和各类毕业生首次就业 ("首次就业" for both, or for graduates only, by the reading)
    reading = p.param("income_disregard.first_job_applies_to")
    jobless, graduate, first_job = (
        fact("jobless_before_job"),
        fact("school_graduate"),
        fact("first_employment"),
    )
    oks = s.stage(
        jobless_ok=pl.when(reading == "both").then(jobless & first_job).otherwise(jobless),
        graduate_ok=graduate & first_job,
    )
    jobless_ok, graduate_ok = oks["jobless_ok"], oks["graduate_ok"]
    person = s.stage(person=jobless_ok | graduate_ok)["person"]
    person_which = chain(
        [
            (jobless_ok & (reading == "both"), "person.jobless_first"),
            (jobless_ok, "person.jobless"),
            (graduate_ok, "person.graduate_first"),
            (person.not_(), "person.none"),
        ],
        pl.lit("person.unknown"),
    )
    # 自正式签订劳动合同当月起
    signed = fact("contract_signed_date")
    contract = s.stage(contract=signed <= ON)["contract"]

    # … 1年内: from the contract's month, to the duration's end or the policy's (whichever first)
    months = p.param("income_disregard.months")
    signed_month = month_index(signed)
    duration_end = add_months(month_from_index(signed_month), months) - pl.duration(days=1)
    stops = payments_end(p, MEASURE.id, signed)
    by_duration = stops.is_null() | (duration_end <= stops)
    from_month = first_policy_month(p)
    period = s.stage(
        end=pl.when(by_duration).then(duration_end).otherwise(stops),
        reason=pl.when(by_duration)
        .then(pl.lit("end_reason.duration"))
        .otherwise(pl.lit("end_reason.policy_end")),
        first=pl.max_horizontal(signed_month, from_month),
    )
    end, first = period["end"], period["first"]
    n = s.stage(n=(month_index(end) - first + 1).clip(lower_bound=0))["n"]
    floor = p.param("general.policy_start")  # in force on the evaluation date, as the first month
    total = s.stage(total=dated_sum(p, KEY, first, n, floor))["total"]
    monthly = p.param(KEY)  # 每月扣减600元: the value on the evaluation date
    passed = (family & person & contract).fill_null(False)  # the first conditions all passed
    before_policy = passed & (signed_month < from_month) & (signed_month <= month_index(end))
    index = pl.int_ranges(first, first + n, dtype=pl.Int32)
    schedule = pl.struct(
        month=index.list.eval(month_from_index(pl.element())), amount=dated_values(p, KEY, index, floor)
    )
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            cond(
                "family",
                family,
                args={"which": family_which},
                missing=[
                    ("subsistence_allowance_family", subsistence.is_null()),
                    ("low_income_family", low.is_null()),
                ],
            ),
            cond(
                "person",
                person,
                args={
                    "which": person_which,
                    "reading": pl.lit("reading.") + reading,
                    "jobless": jobless,
                    "graduate": graduate,
                    "first": first_job,
                },
                missing=[
                    ("jobless_before_job", jobless.is_null()),
                    ("school_graduate", graduate.is_null()),
                    ("first_employment", first_job.is_null()),
                ],
            ),
            cond(
                "contract_signed",
                contract,
                args={"signed": signed, "on": ON},
                missing=["contract_signed_date"],
            ),
            Settle(),
            cond(
                "months_in_policy",
                n > 0,
                args={"first": ym(signed_month), "limit": months, "end": end, "months": n},
            ),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=total,
        monthly_amount=monthly,
        months=n,
        schedule=schedule,
        counts_as_payment=False,
        arithmetic=(
            msg("arith.month", {"first": ym(first), "monthly": monthly, "months": n, "amount": total}),
        ),
        notes=(
            msg("note.not_payment", {"monthly": monthly}),
            msg(
                "note.before_policy_start",
                {"start": floor, "first": ym(from_month)},
                shown=before_policy,
                statuses=(Status.ELIGIBLE, Status.INELIGIBLE),
            ),
            runs_past_policy(p, MEASURE.id, first, n),
            msg("note.end", {"first": ym(first), "end": end, "months": n, "reason": period["reason"]}),
        ),
        extra={
            "end_date": extra(end),
            "end_reason": extra(period["reason"].str.strip_prefix("end_reason.")),
        },
    )
