"""第十六条 支持创业孵化载体建设：孵化补贴 — 附件1 序号38 (责任部门：区人社局)

  对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，……每新增1户孵化企业、生产经营满1年、
  带动就业2人以上的，给予1万元孵化补贴；

Each new incubated firm is judged on its own: "满1年" is at least ``incubator.incubation_min_operating_months``
and "2人以上" includes 2 (``incubator.incubation_min_jobs``). Subsidy = ``incubator.incubation_per_firm`` ×
the qualifying firms; none qualifying, none granted.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import Params, chain, fact, times, to_fen
from wenjiuye_cli.engine.rule import Exit, Read, Rule, Scope, Settle, cond, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.outcome import Measure, Message, Status
from wenjiuye_cli.rules._incubator import HEPING_INCUBATOR, NEW_INCUBATED_FIRMS, heping_incubator
from wenjiuye_cli.rules._incubator import MESSAGES as INCUBATOR_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    **INCUBATOR_MESSAGES,
    "qualifying_firms": (
        "新增孵化企业中生产经营满 {min_months} 个月、带动就业 {min_jobs} 人以上的：{count} 户（共 {total} 户）",
        "new incubated firms operating at least {min_months} months with at least {min_jobs} jobs: "
        "{count} of {total}",
    ),
    "firm": (
        "第 {n} 户：经营 {months} 个月 {months_op} {min_months}，带动就业 {jobs} 人 {jobs_op} {min_jobs}，{verdict}",
        "firm {n}: {months} months {months_op} {min_months}, {jobs} jobs {jobs_op} {min_jobs}: {verdict}",
    ),
    "firm.ok": ("符合", "qualifies"),
    "firm.short": (
        "经营不满 {min_months} 个月，不符合",
        "operated less than {min_months} months, does not qualify",
    ),
    "firm.few_jobs": ("带动就业不足 {min_jobs} 人，不符合", "fewer than {min_jobs} jobs, does not qualify"),
    "firm.both": (
        "经营不满 {min_months} 个月且带动就业不足 {min_jobs} 人，不符合",
        "operated less than {min_months} months and fewer than {min_jobs} jobs, does not qualify",
    ),
    "arith.incubation": (
        "{per_firm} 元/户 × {count} 户 = {amount} 元",
        "{per_firm} yuan/firm × {count} firms = {amount} yuan",
    ),
}


MEASURE = Measure(
    id="incubator_incubation",
    name_zh="创业孵化基地孵化补贴",
    name_en="incubator incubation subsidy",
    article="十六",
    tasks=(38,),
    department="区人社局",
    kinds=frozenset({"incubator"}),
    facts=(APPLICATION_DATE, HEPING_INCUBATOR, NEW_INCUBATED_FIRMS),
    messages=MESSAGES,
    order=1,
)


MIN_MONTHS = "incubator.incubation_min_operating_months"
MIN_JOBS = "incubator.incubation_min_jobs"


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    firms = fact("new_incubated_firms")
    min_months, min_jobs = p.param(MIN_MONTHS), p.param(MIN_JOBS)

    def qualifying(months: int, jobs: int) -> pl.Expr:
        """新增孵化企业中生产经营满1年、带动就业2人以上的户数, at these two thresholds."""
        firm = pl.element().struct
        return firms.list.eval(
            (firm.field("operating_months") >= months) & (firm.field("jobs_created") >= jobs)
        ).list.sum()

    def verdicts(months: int, jobs: int) -> pl.Expr:
        """Each firm's months and jobs, how they compare with the thresholds, and its verdict."""
        firm = pl.element().struct
        long_enough = firm.field("operating_months") >= months
        enough_jobs = firm.field("jobs_created") >= jobs
        return firms.list.eval(
            pl.struct(
                months=firm.field("operating_months"),
                jobs=firm.field("jobs_created"),
                months_op=pl.when(long_enough).then(pl.lit("≥")).otherwise(pl.lit("<")),
                jobs_op=pl.when(enough_jobs).then(pl.lit("≥")).otherwise(pl.lit("<")),
                verdict=pl.when(long_enough & enough_jobs)
                .then(pl.lit("firm.ok"))
                .when(~long_enough & ~enough_jobs)
                .then(pl.lit("firm.both"))
                .when(long_enough)
                .then(pl.lit("firm.few_jobs"))
                .otherwise(pl.lit("firm.short")),
            )
        )

    # The thresholds are literals inside list.eval: one count per pair of values the policy may hold
    pairs = list(itertools.product(_values(p, MIN_MONTHS), _values(p, MIN_JOBS)))
    count = chain(
        [((min_months == m) & (min_jobs == j), qualifying(m, j)) for m, j in pairs],
        pl.lit(None, dtype=pl.UInt32),
    )
    count = s.stage(count=count.cast(pl.Int64))["count"]
    per_firm = p.param("incubator.incubation_per_firm")
    amount = to_fen(times(per_firm, count))
    verdicts_by_policy = chain(
        [((min_months == m) & (min_jobs == j), verdicts(m, j)) for m, j in pairs], pl.lit(None)
    )
    judged = fact("heping_incubator").eq_missing(True) & firms.is_not_null()
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            heping_incubator(),
            Read("new_incubated_firms"),
            Settle(),
            Exit(firms.is_null(), Status.CANNOT_DECIDE),
            cond(
                "qualifying_firms",
                count > 0,
                args={
                    "min_months": min_months,
                    "min_jobs": min_jobs,
                    "count": count,
                    "total": firms.list.len(),
                },
            ),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(msg("arith.incubation", {"per_firm": per_firm, "count": count, "amount": amount}),),
        payee="applicant",
        explain_columns={
            "verdicts": verdicts_by_policy,
            "min_months": min_months,
            "min_jobs": min_jobs,
            "judged": judged,
        },
        explain_notes=_firm_notes,
        # the firms (numbered from 1) that qualify and those that do not, once the firms were judged
        extra={
            name: extra(
                verdicts_by_policy,
                (Status.ELIGIBLE, Status.INELIGIBLE),
                shown=judged,
                show=_numbered(ok),
            )
            for name, ok in (("qualifying_firms", True), ("non_qualifying_firms", False))
        },
    )


def _numbered(ok: bool) -> Callable[[list[Mapping[str, Any]]], list[int]]:
    """The numbers (from 1) of the firms whose verdict is (``ok``) or is not "firm.ok"."""

    def numbers(verdicts: list[Mapping[str, Any]]) -> list[int]:
        return [n for n, firm in enumerate(verdicts, start=1) if (firm["verdict"] == "firm.ok") is ok]

    return numbers


def _values(p: Params, key: str) -> list[int]:
    values = {
        v for _first, last, v in p.segments(key) if isinstance(v, int) and (last is None or last >= p.start)
    }
    return sorted(values)


def _firm_notes(row: Mapping[str, Any]) -> list[Message]:
    """One note per new firm, once the firms were judged (the incubator is a Heping one, firms given)."""
    if not row["judged"]:
        return []
    limits = {"min_months": row["min_months"], "min_jobs": row["min_jobs"]}
    return [Message("firm", {"n": n, **firm, **limits}) for n, firm in enumerate(row["verdicts"], start=1)]
