"""第十九条（大力推进职业技能提升行动）线上职业技能培训补贴 — 附件1 序号45 (责任部门：区人社局)

  支持企业多种方式开展线上职业技能培训，按照每人600元的标准给予企业职业技能培训补贴。

Paid to the enterprise: the standard × the number of people it trained online.
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import Params, fact, times, to_fen
from wenjiuye_cli.engine.rule import Rule, Settle, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status

ONLINE_TRAINED = fact_spec(
    "online_trained_persons", "int", ("线上职业技能培训人数", "people trained online"),
    ("企业组织开展线上职业技能培训的人数", "people the firm trained in vocational skills online"), ("enterprise",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "trained_someone": (
        "开展线上职业技能培训：{count} 人（至少 1 人）",
        "people trained online: {count} (at least 1)",
    ),
    "arith.total": ("{count} 人 × {rate} 元/人 = {amount} 元", "{count} × {rate} yuan = {amount} yuan"),
}


MEASURE = Measure(
    id="online_skills_training",
    name_zh="线上职业技能培训补贴",
    name_en="online vocational skills training subsidy",
    article="十九",
    tasks=(45,),
    department="区人社局",
    kinds=frozenset({"enterprise"}),
    facts=(APPLICATION_DATE, ONLINE_TRAINED),
    messages=MESSAGES,
)


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
