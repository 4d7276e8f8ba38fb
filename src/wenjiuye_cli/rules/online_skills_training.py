"""第十九条（大力推进职业技能提升行动）线上职业技能培训补贴 — 附件1 序号45 (责任部门：区人社局)

  支持企业多种方式开展线上职业技能培训，按照每人600元的标准给予企业职业技能培训补贴。

Paid to the enterprise: the standard × the number of people it trained online.
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import Params, fact, times, to_fen
from wenjiuye_cli.columnar.rule import Rule, Settle, cond, msg
from wenjiuye_cli.measures.online_skills_training import MEASURE
from wenjiuye_cli.outcome import Status


def declare(p: Params) -> Rule:
    trained = fact("online_trained_persons")
    per_person = p.param("online_training.per_person")
    amount = to_fen(times(per_person, trained))  # 按照每人600元的标准
    return Rule(
        MEASURE,
        steps=(
            cond("trained_someone", trained > 0, args={"count": trained}, missing=["online_trained_persons"]),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(msg("arith.total", {"count": trained, "rate": per_person, "amount": amount}),),
        payee="enterprise",
    )
