"""第二十条 开展重点群体就业技能培训 — 困难村劳动力培训费补贴, 附件1 序号46 (责任部门：区人社局、区退役军人局、区残联)

  ……培训对象为困难村劳动力的，按照补贴标准120%给予培训机构培训费补贴，……

The training provider gets, per qualified poor-village trainee, ``key_group_training.poor_village_fee_ratio``
(120%) of the course's subsidy standard (a fact: the city catalogue's standard for the course).
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import Params, fact, times, to_fen
from wenjiuye_cli.engine.rule import Rule, Settle, arg, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.money import fmt_percent
from wenjiuye_cli.outcome import Measure, Status

POOR_VILLAGE_TRAINEES = fact_spec(
    "poor_village_trainees", "int", ("培训合格的困难村劳动力人数", "qualified trainees from poor villages"),
    ("本期职业技能培训中培训合格的困难村劳动力人数", "trainees from poor villages who completed and passed the course"),
    ("training_provider",),
)  # fmt: skip
COURSE_SUBSIDY_STANDARD = fact_spec(
    "course_subsidy_standard", "money", ("培训补贴标准（元/人）", "course subsidy standard (yuan per trainee)"),
    ("该职业（工种）等级培训的补贴标准（按市级目录）", "the subsidy standard of the course's occupation and level "
     "(city catalogue)"),
    ("training_provider",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "poor_village_trainees": (
        "培训合格的困难村劳动力 {count} 人（至少 1 人）",
        "{count} qualified trainees from poor villages (at least 1)",
    ),
    "course_standard_known": (
        "培训补贴标准 {standard} 元/人（须大于 0）",
        "course subsidy standard {standard} yuan per trainee (must be above 0)",
    ),
    "arith.fee": (
        "{count} 人 × {standard} 元 × {ratio} = {amount} 元",
        "{count} trainees × {standard} yuan × {ratio} = {amount} yuan",
    ),
}


MEASURE = Measure(
    id="poor_village_training_fee",
    name_zh="困难村劳动力培训费补贴",
    name_en="training-fee subsidy for poor-village labour",
    article="二十",
    tasks=(46,),
    department="区人社局、区退役军人局、区残联",
    kinds=frozenset({"training_provider"}),
    facts=(APPLICATION_DATE, POOR_VILLAGE_TRAINEES, COURSE_SUBSIDY_STANDARD),
    messages=MESSAGES,
    order=1,
)


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
