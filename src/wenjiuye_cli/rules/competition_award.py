"""第十八条 支持参加多层次创业大赛 — 获奖奖励, 附件1 序号42 (责任部门：区人社局)

  鼓励我区创业人员和企业积极参加我市举办的海河英才创新创业大赛，对获奖选手和项目，给予最高30万元奖励。

Only a ceiling (``competition.award_max``): the outcome is a maximum, never counted in a total paid.
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import Params, fact
from wenjiuye_cli.columnar.rule import Rule, Settle, cond, msg
from wenjiuye_cli.measures.competition_award import MEASURE
from wenjiuye_cli.outcome import Status


def declare(p: Params) -> Rule:
    starting_in_heping = fact("starting_business_in_heping")
    winner = fact("haihe_competition_winner")
    maximum = p.param("competition.award_max")
    return Rule(
        MEASURE,
        steps=(
            cond("starting_business_in_heping", starting_in_heping, missing=["starting_business_in_heping"]),
            cond("haihe_competition_winner", winner, missing=["haihe_competition_winner"]),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        maximum=maximum,
        arithmetic=(msg("arith.maximum", {"maximum": maximum}),),
        notes=(msg("note.priority"),),
        payee="applicant",
    )
