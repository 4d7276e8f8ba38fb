"""第十八条 支持参加多层次创业大赛 — 举办创业大赛补贴, 附件1 序号43 (责任部门：区人社局)

  支持我区各行业系统举办创业大赛，给予最高50万元补贴。

Applicant: the Heping sector body (行业系统: a department, association or group of firms of one sector)
that hosts the competition, entered as kind ``enterprise``. The text sets only a ceiling
(``competition.hosting_max``): the outcome is a maximum, never counted in a total of money paid.
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

HEPING_SECTOR_BODY = fact(
    "heping_sector_body", "bool", ("是否本区行业系统", "Heping sector body"),
    ("本区各行业系统（行业主管部门、行业协会、行业内企业等）", "a Heping sector body (department, association, "
     "or firm of the sector)"),
    ("enterprise",),
)  # fmt: skip
HOSTED_COMPETITION = fact(
    "hosted_startup_competition", "bool", ("是否举办创业大赛", "hosted a start-up competition"),
    ("申请人举办了创业大赛", "the applicant hosted a start-up competition"), ("enterprise",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "heping_sector_body": ("本区行业系统", "a Heping sector body"),
    "hosted_startup_competition": ("举办创业大赛", "hosted a start-up competition"),
    "arith.maximum": (
        "最高 {maximum} 元（实际金额另行核定，不计入合计）",
        "at most {maximum} yuan (the actual amount is set separately; not added to totals)",
    ),
}


def evaluate(ev: Evaluation) -> Outcome:
    body = ev.fact("heping_sector_body")
    ev.check("heping_sector_body", body, missing=("heping_sector_body",))
    hosted = ev.fact("hosted_startup_competition")
    ev.check("hosted_startup_competition", hosted, missing=("hosted_startup_competition",))
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    maximum = ev.dec("competition.hosting_max")
    return ev.outcome(
        Status.ELIGIBLE,
        maximum=maximum,
        payee="applicant",
        arithmetic=[Message("arith.maximum", {"maximum": maximum})],
    )


MEASURE = Measure(
    id="competition_hosting",
    name_zh="举办创业大赛补贴",
    name_en="subsidy for hosting a start-up competition",
    article="十八",
    tasks=(43,),
    department="区人社局",
    kinds=frozenset({"enterprise"}),
    facts=(APPLICATION_DATE, HEPING_SECTOR_BODY, HOSTED_COMPETITION),
    evaluate=evaluate,
    messages=MESSAGES,
)
