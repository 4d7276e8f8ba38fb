"""第十八条 支持参加多层次创业大赛 — 举办创业大赛补贴, 附件1 序号43 (责任部门：区人社局)

  支持我区各行业系统举办创业大赛，给予最高50万元补贴。

The host (a Heping sector body, kind ``enterprise``) gets at most ``competition.hosting_max``: a maximum.
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import Params, fact
from wenjiuye_cli.engine.rule import Rule, Settle, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status

HEPING_SECTOR_BODY = fact_spec(
    "heping_sector_body", "bool", ("是否本区行业系统", "Heping sector body"),
    ("本区各行业系统（行业主管部门、行业协会、行业内企业等）", "a Heping sector body (department, association, "
     "or firm of the sector)"),
    ("enterprise",),
)  # fmt: skip
HOSTED_COMPETITION = fact_spec(
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


MEASURE = Measure(
    id="competition_hosting",
    name_zh="举办创业大赛补贴",
    name_en="subsidy for hosting a start-up competition",
    article="十八",
    tasks=(43,),
    department="区人社局",
    kinds=frozenset({"enterprise"}),
    facts=(APPLICATION_DATE, HEPING_SECTOR_BODY, HOSTED_COMPETITION),
    messages=MESSAGES,
)


def declare(p: Params) -> Rule:
    sector_body = fact("heping_sector_body")
    hosted = fact("hosted_startup_competition")
    maximum = p.param("competition.hosting_max")
    return Rule(
        MEASURE,
        steps=(
            cond("heping_sector_body", sector_body, missing=["heping_sector_body"]),
            cond("hosted_startup_competition", hosted, missing=["hosted_startup_competition"]),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        maximum=maximum,
        arithmetic=(msg("arith.maximum", {"maximum": maximum}),),
        payee="applicant",
    )
