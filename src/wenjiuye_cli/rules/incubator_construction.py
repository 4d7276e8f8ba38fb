"""第十六条 支持创业孵化载体建设：建设费补贴 — 附件1 序号38 (责任部门：区人社局)

  对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，建设费补贴最高50万元，
  对大学生创办在孵企业占50%以上的，补贴上浮50%。

Only a maximum (the amount follows a standard the district text does not state): AMOUNT_SET_ELSEWHERE.
"占50%以上" includes 50% (``incubator.student_share_threshold``); with no incubated firm there is no share.
The uplift raises the maximum when ``incubator.uplift_raises_maximum`` holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import Params, fact, times
from wenjiuye_cli.engine.rule import Exit, Read, Rule, Scope, Settle, arg, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._incubator import (
    HEPING_INCUBATOR,
    INCUBATED_FIRMS_COUNT,
    STUDENT_FOUNDED_FIRMS_COUNT,
    heping_incubator,
    pct,
)
from wenjiuye_cli.rules._incubator import MESSAGES as INCUBATOR_MESSAGES

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


MEASURE = Measure(
    id="incubator_construction",
    name_zh="创业孵化基地建设费补贴",
    name_en="incubator construction subsidy",
    article="十六",
    tasks=(38,),
    department="区人社局",
    kinds=frozenset({"incubator"}),
    facts=(APPLICATION_DATE, HEPING_INCUBATOR, INCUBATED_FIRMS_COUNT, STUDENT_FOUNDED_FIRMS_COUNT),
    messages=MESSAGES,
    order=0,
)


def _share(counts: dict[str, Any]) -> str:
    return pct(Decimal(counts["students"]) / Decimal(counts["firms"]))


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    firms, students = fact("incubated_firms_count"), fact("student_founded_firms_count")
    base = p.param("incubator.construction_max")
    threshold = p.param("incubator.student_share_threshold")
    uplift = p.param("incubator.student_uplift")
    raises = p.param("incubator.uplift_raises_maximum")
    # 大学生创办在孵企业占50%以上, compared exactly: students ≥ threshold × firms
    uplifted = s.stage(uplifted=(firms > 0) & (students.cast(pl.Decimal(38, 0)) >= times(threshold, firms)))[
        "uplifted"
    ]
    known_incubator = fact("heping_incubator").eq_missing(True)
    raised = times(base, 1 + uplift)  # 补贴上浮50%
    maximum = pl.when(uplifted & raises).then(raised).otherwise(times(base))
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            heping_incubator(),
            Read("incubated_firms_count"),
            Read("student_founded_firms_count"),
            Settle(),
            Exit(firms.is_null() | students.is_null(), Status.CANNOT_DECIDE),
            Exit(students > firms, Status.CANNOT_DECIDE),
        ),
        final=Status.AMOUNT_SET_ELSEWHERE,
        maximum=maximum,
        arithmetic=(
            msg("arith.no_firms", shown=firms == 0),
            msg(
                "arith.share",
                {
                    "students": students,
                    "firms": firms,
                    "share": arg(pl.struct(students=students, firms=firms), _share),
                    "op": pl.when(uplifted).then(pl.lit("≥")).otherwise(pl.lit("<")),
                    "threshold": arg(threshold, pct),
                    "result": pl.when(uplifted)
                    .then(pl.lit("share.uplift"))
                    .otherwise(pl.lit("share.no_uplift")),
                    "uplift": arg(uplift, pct),
                },
                shown=firms > 0,
            ),
            msg(
                "arith.maximum_uplift",
                {"base": base, "uplift": arg(uplift, pct), "maximum": maximum},
                shown=uplifted & raises,
            ),
            msg("arith.maximum", {"maximum": maximum}, shown=~(uplifted & raises)),
        ),
        notes=(
            msg(
                "note.maxima",
                {
                    "threshold": arg(threshold, pct),
                    "base": base,
                    "raised": pl.when(raises).then(raised).otherwise(times(base)),
                },
                shown=known_incubator & (firms.is_null() | students.is_null()),
                statuses=(Status.CANNOT_DECIDE,),
            ),
            msg(
                "note.counts_inconsistent",
                {"students": students, "firms": firms},
                shown=known_incubator & (students > firms),
                statuses=(Status.CANNOT_DECIDE,),
            ),
            msg("note.uplift_keeps_maximum", {"maximum": maximum}, shown=uplifted & ~raises),
            msg("note.set_elsewhere"),
        ),
        payee="applicant",
        extra={"student_uplift": extra(uplifted)},
    )
