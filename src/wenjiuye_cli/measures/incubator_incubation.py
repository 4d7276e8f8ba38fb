"""第十六条 支持创业孵化载体建设：孵化补贴 — 附件1 序号38 (责任部门：区人社局)

  对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，……每新增1户孵化企业、生产经营满1年、
  带动就业2人以上的，给予1万元孵化补贴；

Readings:
- Each new incubated firm is judged on its own: "满1年" is at least 12 months of operation
  (``incubator.incubation_min_operating_months``) and "2人以上" includes 2 (``incubator.incubation_min_jobs``).
- Subsidy = 1万元 (``incubator.incubation_per_firm``) × number of qualifying new firms; the outcome lists
  every firm, whether it qualifies and why. No qualifying firm means this part is not granted.
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE, IncubatedFirm
from wenjiuye_cli.measures._incubator import HEPING_INCUBATOR, NEW_INCUBATED_FIRMS, check_heping_incubator
from wenjiuye_cli.measures._incubator import MESSAGES as INCUBATOR_MESSAGES
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

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


def _verdict(firm: IncubatedFirm, min_months: int, min_jobs: int) -> str:
    long_enough = firm.operating_months >= min_months
    enough_jobs = firm.jobs_created >= min_jobs
    if long_enough and enough_jobs:
        return "firm.ok"
    if not long_enough and not enough_jobs:
        return "firm.both"
    return "firm.few_jobs" if long_enough else "firm.short"


def evaluate(ev: Evaluation) -> Outcome:
    check_heping_incubator(ev)
    firms: tuple[IncubatedFirm, ...] | None = ev.fact("new_incubated_firms")
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    if firms is None:  # ev.fact has recorded it as missing
        return ev.outcome(Status.CANNOT_DECIDE)
    min_months = ev.integer("incubator.incubation_min_operating_months")
    min_jobs = ev.integer("incubator.incubation_min_jobs")

    notes: list[Message] = []
    qualifying: list[int] = []
    others: list[int] = []
    for n, firm in enumerate(firms, start=1):
        verdict = _verdict(firm, min_months, min_jobs)
        (qualifying if verdict == "firm.ok" else others).append(n)
        notes.append(
            Message(
                "firm",
                {
                    "n": n,
                    "months": firm.operating_months,
                    "months_op": "≥" if firm.operating_months >= min_months else "<",
                    "min_months": min_months,
                    "jobs": firm.jobs_created,
                    "jobs_op": "≥" if firm.jobs_created >= min_jobs else "<",
                    "min_jobs": min_jobs,
                    "verdict": verdict,
                },
            )
        )
    extra = {"qualifying_firms": qualifying, "non_qualifying_firms": others}
    ev.check(
        "qualifying_firms",
        bool(qualifying),
        min_months=min_months,
        min_jobs=min_jobs,
        count=len(qualifying),
        total=len(firms),
    )
    if not qualifying:
        return ev.outcome(Status.INELIGIBLE, notes=notes, extra=extra)

    per_firm = ev.dec("incubator.incubation_per_firm")
    amount = to_fen(per_firm * len(qualifying))
    arithmetic = [
        Message("arith.incubation", {"per_firm": per_firm, "count": len(qualifying), "amount": amount})
    ]
    return ev.outcome(
        Status.ELIGIBLE, amount=amount, payee="applicant", arithmetic=arithmetic, notes=notes, extra=extra
    )


MEASURE = Measure(
    id="incubator_incubation",
    name_zh="创业孵化基地孵化补贴",
    name_en="incubator incubation subsidy",
    article="十六",
    tasks=(38,),
    department="区人社局",
    kinds=frozenset({"incubator"}),
    facts=(APPLICATION_DATE, HEPING_INCUBATOR, NEW_INCUBATED_FIRMS),
    evaluate=evaluate,
    messages=MESSAGES,
    order=1,
)
