"""第二十条 开展重点群体就业技能培训 — 困难村劳动力生活费补贴, 附件1 序号46 (责任部门：区人社局、区退役军人局、区残联)

  ……培训对象为困难村劳动力的，按照补贴标准120%给予培训机构培训费补贴，按照每人500元标准给予劳动力生活费补贴。

The trainee from a Tianjin 困难村 who has completed vocational skills training gets
``key_group_training.poor_village_living_allowance`` once for the training.
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import ON, Params, fact
from wenjiuye_cli.columnar.rule import Rule, Settle, cond, msg
from wenjiuye_cli.measures.poor_village_training_allowance import MEASURE
from wenjiuye_cli.outcome import Status


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
