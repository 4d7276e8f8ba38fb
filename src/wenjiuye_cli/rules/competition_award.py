"""第十八条 支持参加多层次创业大赛 — 获奖奖励, 附件1 序号42 (责任部门：区人社局)

  鼓励我区创业人员和企业积极参加我市举办的海河英才创新创业大赛，对获奖选手和项目，给予最高30万元奖励。

Only a ceiling (``competition.award_max``): the outcome is a maximum, never counted in a total paid.
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import Params, fact
from wenjiuye_cli.engine.rule import Rule, Settle, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._startup_loan import STARTING_BUSINESS_IN_HEPING

HAIHE_COMPETITION_WINNER = fact_spec(
    "haihe_competition_winner", "bool", ("是否海河英才创新创业大赛获奖", "winner at the Haihe Talent competition"),
    ("在本市举办的海河英才创新创业大赛中获奖的选手或项目", "a prize-winning contestant or project of the Tianjin "
     "Haihe Talent innovation and start-up competition"),
    ("person", "enterprise"),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "starting_business_in_heping": ("在本区创业的人员或企业", "a founder or firm starting up in Heping"),
    "haihe_competition_winner": (
        "海河英才创新创业大赛获奖选手或项目",
        "prize winner of the Haihe Talent innovation and start-up competition",
    ),
    "arith.maximum": (
        "最高 {maximum} 元（实际奖励另行核定，不计入合计）",
        "at most {maximum} yuan (the actual award is set separately; not added to totals)",
    ),
    "note.priority": (
        "获奖选手和项目还可优先获得创业担保贷款、房租补贴、孵化补贴等支持（第十五至十七条，另行计算）",
        "winners also get priority for guaranteed loans, rent and incubation subsidies (articles 15–17, "
        "computed separately)",
    ),
}


MEASURE = Measure(
    id="competition_award",
    name_zh="创业大赛获奖奖励",
    name_en="start-up competition award",
    article="十八",
    tasks=(42,),
    department="区人社局",
    kinds=frozenset({"person", "enterprise"}),
    facts=(APPLICATION_DATE, STARTING_BUSINESS_IN_HEPING, HAIHE_COMPETITION_WINNER),
    messages=MESSAGES,
)


def declare(p: Params) -> Rule:
    starting_in_heping = fact("starting_business_in_heping")
    winner = fact("haihe_competition_winner")
    maximum = p.param("competition.award_max")
    return Rule(
        MEASURE,
        steps=(
            cond("starting_business_in_heping", starting_in_heping, missing=["starting_business_in_heping"]),
            cond("haihe_competition_winner", winner, missing=["haihe_competition_winner"]),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        maximum=maximum,
        arithmetic=(msg("arith.maximum", {"maximum": maximum}),),
        notes=(msg("note.priority"),),
        payee="applicant",
    )
