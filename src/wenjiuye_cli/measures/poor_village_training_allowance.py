"""第二十条 开展重点群体就业技能培训 — 困难村劳动力生活费补贴, 附件1 序号46 (责任部门：区人社局、区退役军人局、区残联)

  ……培训对象为困难村劳动力的，按照补贴标准120%给予培训机构培训费补贴，按照每人500元标准给予劳动力生活费补贴。

Applicant: the trainee. A person from a Tianjin 困难村 who has completed vocational skills training gets
``key_group_training.poor_village_living_allowance`` once for the training. The one-off 1000 yuan of
序号47 is a separate measure (``training_living_allowance``) and comes in addition ("还可").
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.facts import APPLICATION_DATE, POOR_VILLAGE_LABOUR
from wenjiuye_cli.measures._training import MESSAGES as TRAINING_MESSAGES
from wenjiuye_cli.measures._training import SKILLS_TRAINING_COMPLETED_DATE
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

MESSAGES: dict[str, tuple[str, str]] = {
    **TRAINING_MESSAGES,
    "poor_village_labour": ("困难村劳动力", "labour from a poor village"),
    "arith.allowance": ("生活费补贴 {amount} 元", "living allowance {amount} yuan"),
}


def evaluate(ev: Evaluation) -> Outcome:
    poor = ev.fact("poor_village_labour")
    ev.check("poor_village_labour", poor, missing=("poor_village_labour",))
    completed: date | None = ev.fact("skills_training_completed_date")
    ev.check("training_completed", None if completed is None else completed <= ev.on,
             missing=("skills_training_completed_date",), completed=completed, on=ev.on)  # fmt: skip
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    amount = ev.dec("key_group_training.poor_village_living_allowance")
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[Message("arith.allowance", {"amount": amount})],
    )


MEASURE = Measure(
    id="poor_village_training_allowance",
    name_zh="困难村劳动力培训生活费补贴",
    name_en="training living allowance for poor-village labour",
    article="二十",
    tasks=(46,),
    department="区人社局、区退役军人局、区残联",
    kinds=frozenset({"person"}),
    facts=(APPLICATION_DATE, POOR_VILLAGE_LABOUR, SKILLS_TRAINING_COMPLETED_DATE),
    evaluate=evaluate,
    messages=MESSAGES,
    order=2,
)
