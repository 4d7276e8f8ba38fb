"""第十六条 支持创业孵化载体建设：带动就业补贴 — 附件1 序号38 (责任部门：区人社局)

  对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，……根据每年在孵企业新增带动就业人数，
  按每人3000元标准给予带动就业补贴。

Readings:
- The count is the year's new jobs in all incubated firms (fact ``new_jobs_in_incubated_firms``),
  independent of the firms counted for the incubation subsidy.
- Subsidy = 3000元 (``incubator.jobs_per_person``) × new jobs; no new job means this part is not granted.
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.measures._incubator import (
    HEPING_INCUBATOR,
    NEW_JOBS_IN_INCUBATED_FIRMS,
    check_heping_incubator,
)
from wenjiuye_cli.measures._incubator import MESSAGES as INCUBATOR_MESSAGES
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

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


def evaluate(ev: Evaluation) -> Outcome:
    check_heping_incubator(ev)
    jobs: int | None = ev.fact("new_jobs_in_incubated_firms")
    ev.check(
        "new_jobs", None if jobs is None else jobs > 0, missing=("new_jobs_in_incubated_firms",), jobs=jobs
    )
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert jobs is not None
    per_person = ev.dec("incubator.jobs_per_person")
    amount = to_fen(per_person * jobs)
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[Message("arith.jobs", {"per_person": per_person, "jobs": jobs, "amount": amount})],
    )


MEASURE = Measure(
    id="incubator_jobs",
    name_zh="创业孵化基地带动就业补贴",
    name_en="incubator job-creation subsidy",
    article="十六",
    tasks=(38,),
    department="区人社局",
    kinds=frozenset({"incubator"}),
    facts=(APPLICATION_DATE, HEPING_INCUBATOR, NEW_JOBS_IN_INCUBATED_FIRMS),
    evaluate=evaluate,
    messages=MESSAGES,
    order=2,
)
