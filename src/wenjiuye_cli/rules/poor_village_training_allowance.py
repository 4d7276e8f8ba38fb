"""第二十条 开展重点群体就业技能培训 — 困难村劳动力生活费补贴, 附件1 序号46 (责任部门：区人社局、区退役军人局、区残联)

  ……培训对象为困难村劳动力的，按照补贴标准120%给予培训机构培训费补贴，按照每人500元标准给予劳动力生活费补贴。

The trainee from a Tianjin 困难村 who has completed vocational skills training gets
``key_group_training.poor_village_living_allowance`` once for the training.
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import ON, Params, fact
from wenjiuye_cli.engine.rule import Rule, Settle, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE, POOR_VILLAGE_LABOUR
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._training import MESSAGES as TRAINING_MESSAGES
from wenjiuye_cli.rules._training import SKILLS_TRAINING_COMPLETED_DATE

MESSAGES: dict[str, tuple[str, str]] = {
    **TRAINING_MESSAGES,
    "poor_village_labour": ("困难村劳动力", "labour from a poor village"),
    "arith.allowance": ("生活费补贴 {amount} 元", "living allowance {amount} yuan"),
}


MEASURE = Measure(
    id="poor_village_training_allowance",
    name_zh="困难村劳动力培训生活费补贴",
    name_en="training living allowance for poor-village labour",
    article="二十",
    tasks=(46,),
    department="区人社局、区退役军人局、区残联",
    kinds=frozenset({"person"}),
    facts=(APPLICATION_DATE, POOR_VILLAGE_LABOUR, SKILLS_TRAINING_COMPLETED_DATE),
    messages=MESSAGES,
    order=2,
)


def declare(p: Params) -> Rule:
    completed = fact("skills_training_completed_date")
    allowance = p.param("key_group_training.poor_village_living_allowance")
    return Rule(
        MEASURE,
        steps=(
            cond("poor_village_labour", fact("poor_village_labour"), missing=["poor_village_labour"]),
            cond(
                "training_completed",
                completed <= ON,
                args={"completed": completed, "on": ON},
                missing=["skills_training_completed_date"],
            ),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=allowance,
        arithmetic=(msg("arith.allowance", {"amount": allowance}),),
        payee="applicant",
    )
