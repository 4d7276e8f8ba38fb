"""第二十八条 做好困难人员生活保障 — 首次就业收入扣减, 附件1 序号62 (责任部门：区民政局)

  对最低生活保障、低收入家庭中的无业人员和各类毕业生首次就业的，自正式签订劳动合同当月起1年内，
  核定家庭收入时每月扣减600元。

As ``wenjiuye_cli.measures.income_disregard`` reads it: not a payment (``counts_as_payment`` false, never in
a total) but ``income_disregard.monthly_amount`` left out of the household's income each month for
``income_disregard.months`` months from the month the contract is signed — each month at the value in force
then — ending at the duration or, when payments end with the policy (``rules._schedule.payments_end``), at
the policy's last day, whichever first; months before the policy are not counted
(``general.policy_start_month_counts``). "首次就业" qualifies the jobless too by
``income_disregard.first_job_applies_to``.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.columnar.expr import ON, Params, add_months, chain, fact, month_from_index, month_index
from wenjiuye_cli.columnar.rule import Rule, Scope, Settle, cond, extra, msg
from wenjiuye_cli.measures.income_disregard import MEASURE
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.rules._schedule import (
    dated_sum,
    dated_values,
    first_policy_month,
    payments_end,
    runs_past_policy,
    ym,
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
    floor = p.start
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
                {"start": pl.lit(floor), "first": ym(from_month)},
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
