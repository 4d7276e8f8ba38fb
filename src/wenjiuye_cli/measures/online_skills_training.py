"""第十九条（大力推进职业技能提升行动）线上职业技能培训补贴 — 附件1 序号45 (责任部门：区人社局)

  支持企业多种方式开展线上职业技能培训，按照每人600元的标准给予企业职业技能培训补贴。

Paid to the enterprise (kind ``enterprise``): the standard × the number of people it trained online.
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

ONLINE_TRAINED = fact(
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


def evaluate(ev: Evaluation) -> Outcome:
    count: int | None = ev.fact("online_trained_persons")
    ev.check(
        "trained_someone",
        None if count is None else count > 0,
        missing=("online_trained_persons",),
        count=count,
    )
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert count is not None
    rate = ev.dec("online_training.per_person")
    amount = to_fen(rate * count)
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="enterprise",
        arithmetic=[Message("arith.total", {"count": count, "rate": rate, "amount": amount})],
    )


MEASURE = Measure(
    id="online_skills_training",
    name_zh="线上职业技能培训补贴",
    name_en="online vocational skills training subsidy",
    article="十九",
    tasks=(45,),
    department="区人社局",
    kinds=frozenset({"enterprise"}),
    facts=(APPLICATION_DATE, ONLINE_TRAINED),
    evaluate=evaluate,
    messages=MESSAGES,
)
