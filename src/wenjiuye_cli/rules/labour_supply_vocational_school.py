"""第二十四条（落实重点企业用工输送奖励政策）职业院校用工输送奖励 — 附件1 序号57 (责任部门：区人社局)

  对职业院校一次性输送毕业生或实习学生30人以上且就业或实习3个月以上的，按照每人最高1000元的标准给予补贴。

A vocational school, for one batch: at most 1000 yuan × those who stayed 3 months or more. The destination
must be a key labour-short enterprise when ``labour_supply.school_requires_key_enterprise`` holds.
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import Params, fact
from wenjiuye_cli.engine.rule import Rule, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure
from wenjiuye_cli.rules._labour_supply import BATCH_SENT, TO_KEY_ENTERPRISE, batch_rule, key_enterprise
from wenjiuye_cli.rules._labour_supply import MESSAGES as SUPPLY_MESSAGES

STAYED = fact_spec(
    "batch_stayed_count", "int", ("其中就业或实习3个月以上人数", "of whom worked or interned 3 months+"),
    ("本批输送的毕业生或实习学生中就业或实习3个月以上的人数", "graduates or interns of the batch who stayed "
     "3 months or more"),
    ("vocational_school",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **SUPPLY_MESSAGES,
    "stay_condition": (
        "就业或实习 {months} 个月以上的人数：{count}",
        "people employed or interning for at least {months} months: {count}",
    ),
}


MEASURE = Measure(
    id="labour_supply_vocational_school",
    name_zh="职业院校用工输送奖励",
    name_en="labour-supply reward for vocational schools",
    article="二十四",
    tasks=(57,),
    department="区人社局",
    kinds=frozenset({"vocational_school"}),
    facts=(APPLICATION_DATE, TO_KEY_ENTERPRISE, BATCH_SENT, STAYED),
    messages=MESSAGES,
    order=2,
)


def declare(p: Params) -> Rule:
    condition = msg(
        "stay_condition",
        {"months": p.param("labour_supply.school_min_months"), "count": fact("batch_stayed_count")},
    )
    return batch_rule(
        p,
        MEASURE,
        (key_enterprise(shown=p.param("labour_supply.school_requires_key_enterprise")),),
        "batch_stayed_count",
        "labour_supply.school_min_persons",
        "labour_supply.school_max_per_person",
        condition,
        payee="vocational_school",
    )
