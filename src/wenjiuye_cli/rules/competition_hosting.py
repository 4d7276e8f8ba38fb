"""第十八条 支持参加多层次创业大赛 — 举办创业大赛补贴, 附件1 序号43 (责任部门：区人社局)

  支持我区各行业系统举办创业大赛，给予最高50万元补贴。

The host (a Heping sector body, kind ``enterprise``) gets at most ``competition.hosting_max``: a maximum.
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import Params, fact
from wenjiuye_cli.columnar.rule import Rule, Settle, cond, msg
from wenjiuye_cli.measures.competition_hosting import MEASURE
from wenjiuye_cli.outcome import Status


def declare(p: Params) -> Rule:
    sector_body = fact("heping_sector_body")
    hosted = fact("hosted_startup_competition")
    maximum = p.param("competition.hosting_max")
    return Rule(
        MEASURE,
        steps=(
            cond("heping_sector_body", sector_body, missing=["heping_sector_body"]),
            cond("hosted_startup_competition", hosted, missing=["hosted_startup_competition"]),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        maximum=maximum,
        arithmetic=(msg("arith.maximum", {"maximum": maximum}),),
        payee="applicant",
    )
