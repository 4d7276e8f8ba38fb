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

from wenjiuye_cli.columnar.expr import Params, fact, times
from wenjiuye_cli.columnar.rule import Exit, Read, Rule, Scope, Settle, arg, extra, msg
from wenjiuye_cli.measures._incubator import pct
from wenjiuye_cli.measures.incubator_construction import MEASURE
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.rules._incubator import heping_incubator


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
