"""第十六条 支持创业孵化载体建设：带动就业补贴 — 附件1 序号38 (责任部门：区人社局)

  对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，……根据每年在孵企业新增带动就业人数，
  按每人3000元标准给予带动就业补贴。

Subsidy = ``incubator.jobs_per_person`` × the year's new jobs in the incubated firms; none, no subsidy.
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import Params, fact, times, to_fen
from wenjiuye_cli.engine.rule import Rule, Settle, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._incubator import HEPING_INCUBATOR, NEW_JOBS_IN_INCUBATED_FIRMS, heping_incubator
from wenjiuye_cli.rules._incubator import MESSAGES as INCUBATOR_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    **INCUBATOR_MESSAGES,
    "new_jobs": (
        "在孵企业本年新增带动就业 {jobs} 人（至少 1 人）",
        "{jobs} new jobs in incubated firms this year (at least 1)",
    ),
    "arith.jobs": (
        "{per_person} 元/人 × {jobs} 人 = {amount} 元",
        "{per_person} yuan/person × {jobs} jobs = {amount} yuan",
    ),
}


MEASURE = Measure(
    id="incubator_jobs",
    name_zh="创业孵化基地带动就业补贴",
    name_en="incubator job-creation subsidy",
    article="十六",
    tasks=(38,),
    department="区人社局",
    kinds=frozenset({"incubator"}),
    facts=(APPLICATION_DATE, HEPING_INCUBATOR, NEW_JOBS_IN_INCUBATED_FIRMS),
    messages=MESSAGES,
    order=2,
)


def declare(p: Params) -> Rule:
    jobs = fact("new_jobs_in_incubated_firms")
    per_person = p.param("incubator.jobs_per_person")
    amount = to_fen(times(per_person, jobs))
    return Rule(
        MEASURE,
        steps=(
            heping_incubator(),
            cond("new_jobs", jobs > 0, args={"jobs": jobs}, missing=["new_jobs_in_incubated_firms"]),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(msg("arith.jobs", {"per_person": per_person, "jobs": jobs, "amount": amount}),),
        payee="applicant",
    )
