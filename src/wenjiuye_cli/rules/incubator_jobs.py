"""第十六条 支持创业孵化载体建设：带动就业补贴 — 附件1 序号38 (责任部门：区人社局)

  对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，……根据每年在孵企业新增带动就业人数，
  按每人3000元标准给予带动就业补贴。

Subsidy = ``incubator.jobs_per_person`` × the year's new jobs in the incubated firms; none, no subsidy.
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import Params, fact, times, to_fen
from wenjiuye_cli.columnar.rule import Rule, Settle, cond, msg
from wenjiuye_cli.measures.incubator_jobs import MEASURE
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.rules._incubator import heping_incubator


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
