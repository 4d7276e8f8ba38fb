"""第二十条 开展重点群体就业技能培训 — 困难村劳动力培训费补贴, 附件1 序号46 (责任部门：区人社局、区退役军人局、区残联)

  高校毕业生、退役军人、农村劳动力、企业职工、灵活就业人员、就业困难人员等重点群体参加职业技能培训，可按规定
  享受相应职业培训补贴，培训对象为困难村劳动力的，按照补贴标准120%给予培训机构培训费补贴，……

Applicant: the training provider. The course's subsidy standard (元/人, set by the city catalogue for the
occupation and level) is a fact; for each qualified poor-village trainee the provider gets
``key_group_training.poor_village_fee_ratio`` (120%) of it. Trainees of the other key groups get the
standard itself under city rules, which are not part of this policy file.
"""

from __future__ import annotations

from decimal import Decimal

from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.money import fmt_percent, to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

POOR_VILLAGE_TRAINEES = fact(
    "poor_village_trainees", "int", ("培训合格的困难村劳动力人数", "qualified trainees from poor villages"),
    ("本期职业技能培训中培训合格的困难村劳动力人数", "trainees from poor villages who completed and passed the course"),
    ("training_provider",),
)  # fmt: skip
COURSE_SUBSIDY_STANDARD = fact(
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


def evaluate(ev: Evaluation) -> Outcome:
    count: int | None = ev.fact("poor_village_trainees")
    ev.check("poor_village_trainees", None if count is None else count >= 1, missing=("poor_village_trainees",),
             count=count)  # fmt: skip
    standard: Decimal | None = ev.fact("course_subsidy_standard")
    ev.check("course_standard_known", None if standard is None else standard > 0,
             missing=("course_subsidy_standard",), standard=standard)  # fmt: skip
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert count is not None
    assert standard is not None
    ratio = ev.dec("key_group_training.poor_village_fee_ratio")
    amount = to_fen(count * standard * ratio)
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[
            Message(
                "arith.fee",
                {"count": count, "standard": standard, "ratio": fmt_percent(ratio), "amount": amount},
            )
        ],
    )


MEASURE = Measure(
    id="poor_village_training_fee",
    name_zh="困难村劳动力培训费补贴",
    name_en="training-fee subsidy for poor-village labour",
    article="二十",
    tasks=(46,),
    department="区人社局、区退役军人局、区残联",
    kinds=frozenset({"training_provider"}),
    facts=(APPLICATION_DATE, POOR_VILLAGE_TRAINEES, COURSE_SUBSIDY_STANDARD),
    evaluate=evaluate,
    messages=MESSAGES,
    order=1,
)
