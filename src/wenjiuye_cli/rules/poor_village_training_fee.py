"""第二十条 开展重点群体就业技能培训 — 困难村劳动力培训费补贴, 附件1 序号46 (责任部门：区人社局、区退役军人局、区残联)

  ……培训对象为困难村劳动力的，按照补贴标准120%给予培训机构培训费补贴，……

The training provider gets, per qualified poor-village trainee, ``key_group_training.poor_village_fee_ratio``
(120%) of the course's subsidy standard (a fact: the city catalogue's standard for the course).
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import Params, fact, times, to_fen
from wenjiuye_cli.columnar.rule import Rule, Settle, arg, cond, msg
from wenjiuye_cli.measures.poor_village_training_fee import MEASURE
from wenjiuye_cli.money import fmt_percent
from wenjiuye_cli.outcome import Status


def declare(p: Params) -> Rule:
    trainees = fact("poor_village_trainees")
    standard = fact("course_subsidy_standard")
    ratio = p.param("key_group_training.poor_village_fee_ratio")
    amount = to_fen(times(trainees, standard, ratio))  # 按照补贴标准120%
    return Rule(
        MEASURE,
        steps=(
            cond(
                "poor_village_trainees",
                trainees >= 1,
                args={"count": trainees},
                missing=["poor_village_trainees"],
            ),
            cond(
                "course_standard_known",
                standard > 0,
                args={"standard": standard},
                missing=["course_subsidy_standard"],
            ),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(
            msg(
                "arith.fee",
                {"count": trainees, "standard": standard, "ratio": arg(ratio, fmt_percent), "amount": amount},
            ),
        ),
        payee="applicant",
    )
