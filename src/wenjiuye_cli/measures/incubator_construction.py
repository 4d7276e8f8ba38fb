"""第十六条 支持创业孵化载体建设：建设费补贴 — 附件1 序号38 (责任部门：区人社局)

  对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，建设费补贴最高50万元，
  对大学生创办在孵企业占50%以上的，补贴上浮50%。

Readings:
- The text gives only a maximum; the amount itself follows a standard the district text does not state.
  So the outcome is AMOUNT_SET_ELSEWHERE with ``maximum`` (never added to a total).
- "占50%以上" includes 50% (``incubator.student_share_threshold``): 大学生创办 ÷ 在孵企业 ≥ 50%.
  With no incubated firm there is no share, so no uplift.
- The uplift applies to the subsidy, so the maximum rises with it: 50万 × (1 + 50%) = 75万
  (``incubator.uplift_raises_maximum``; --set …=false keeps the maximum at 50万).
"""

from __future__ import annotations

from decimal import Decimal

from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.measures._incubator import (
    HEPING_INCUBATOR,
    INCUBATED_FIRMS_COUNT,
    STUDENT_FOUNDED_FIRMS_COUNT,
    check_heping_incubator,
    pct,
)
from wenjiuye_cli.measures._incubator import MESSAGES as INCUBATOR_MESSAGES
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

MESSAGES: dict[str, tuple[str, str]] = {
    **INCUBATOR_MESSAGES,
    "arith.share": (
        "大学生创办在孵企业 {students} ÷ 在孵企业 {firms} = {share} {op} {threshold}：{result}",
        "student-founded firms {students} ÷ incubated firms {firms} = {share} {op} {threshold}: {result}",
    ),
    "arith.no_firms": (
        "在孵企业 0 户：无大学生创办占比，不上浮",
        "no incubated firms: no student share, no uplift",
    ),
    "share.uplift": ("补贴上浮 {uplift}", "subsidy raised by {uplift}"),
    "share.no_uplift": ("不上浮", "no uplift"),
    "arith.maximum_uplift": (
        "建设费补贴最高 {base} 元 × (1 + {uplift}) = {maximum} 元",
        "construction subsidy at most {base} yuan × (1 + {uplift}) = {maximum} yuan",
    ),
    "arith.maximum": ("建设费补贴最高 {maximum} 元", "construction subsidy at most {maximum} yuan"),
    "note.uplift_keeps_maximum": (
        "按 incubator.uplift_raises_maximum=false：上浮后仍不超过 {maximum} 元",
        "with incubator.uplift_raises_maximum=false the uplifted subsidy stays within {maximum} yuan",
    ),
    "note.set_elsewhere": (
        "实施办法只规定最高额；具体金额按建设费补贴的核定标准确定，最高额不计入合计",
        "the district text gives only the maximum; the amount follows the approval standard and the "
        "maximum is not added to the total",
    ),
    "note.counts_inconsistent": (
        "大学生创办在孵企业数 {students} 超过在孵企业数 {firms}，请核对",
        "{students} student-founded firms is more than the {firms} incubated firms; please check",
    ),
    "note.maxima": (
        "需知在孵企业数和大学生创办在孵企业数：占比未达 {threshold} 时最高 {base} 元，达到时最高 {raised} 元",
        "need the incubated and student-founded firm counts: at most {base} yuan below a {threshold} share, "
        "{raised} yuan at or above it",
    ),
}


def evaluate(ev: Evaluation) -> Outcome:
    check_heping_incubator(ev)
    firms: int | None = ev.fact("incubated_firms_count")
    students: int | None = ev.fact("student_founded_firms_count")
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled

    base = ev.dec("incubator.construction_max")
    threshold = ev.dec("incubator.student_share_threshold")
    uplift = ev.dec("incubator.student_uplift")
    raises = ev.flag("incubator.uplift_raises_maximum")
    raised = base * (1 + uplift) if raises else base
    if firms is None or students is None:
        note = Message("note.maxima", {"threshold": pct(threshold), "base": base, "raised": raised})
        return ev.outcome(Status.CANNOT_DECIDE, notes=[note])
    if students > firms:
        note = Message("note.counts_inconsistent", {"students": students, "firms": firms})
        return ev.outcome(Status.CANNOT_DECIDE, notes=[note])

    arithmetic: list[Message] = []
    notes: list[Message] = []
    if firms == 0:
        uplifted = False
        arithmetic.append(Message("arith.no_firms", {}))
    else:
        # 占50%以上 (inclusive), compared exactly: students ≥ threshold × firms.
        uplifted = Decimal(students) >= threshold * firms
        arithmetic.append(
            Message(
                "arith.share",
                {
                    "students": students,
                    "firms": firms,
                    "share": pct(Decimal(students) / Decimal(firms)),
                    "op": "≥" if uplifted else "<",
                    "threshold": pct(threshold),
                    "result": "share.uplift" if uplifted else "share.no_uplift",
                    "uplift": pct(uplift),
                },
            )
        )
    if uplifted and raises:
        maximum = base * (1 + uplift)
        arithmetic.append(
            Message("arith.maximum_uplift", {"base": base, "uplift": pct(uplift), "maximum": maximum})
        )
    else:
        maximum = base
        arithmetic.append(Message("arith.maximum", {"maximum": maximum}))
        if uplifted:
            notes.append(Message("note.uplift_keeps_maximum", {"maximum": maximum}))
    notes.append(Message("note.set_elsewhere", {}))
    return ev.outcome(
        Status.AMOUNT_SET_ELSEWHERE,
        # a maximum is money: at the fen, half up (the arithmetic shows the exact product), so the maxima
        # total is the sum of the maxima shown
        maximum=to_fen(maximum),
        payee="applicant",
        arithmetic=arithmetic,
        notes=notes,
        extra={"student_uplift": uplifted},
    )


MEASURE = Measure(
    id="incubator_construction",
    name_zh="创业孵化基地建设费补贴",
    name_en="incubator construction subsidy",
    article="十六",
    tasks=(38,),
    department="区人社局",
    kinds=frozenset({"incubator"}),
    facts=(APPLICATION_DATE, HEPING_INCUBATOR, INCUBATED_FIRMS_COUNT, STUDENT_FOUNDED_FIRMS_COUNT),
    evaluate=evaluate,
    messages=MESSAGES,
    order=0,
)
