"""第二十四条（落实重点企业用工输送奖励政策）职业院校用工输送奖励 — 附件1 序号57 (责任部门：区人社局)

  对职业院校一次性输送毕业生或实习学生30人以上且就业或实习3个月以上的，按照每人最高1000元的标准给予补贴。

A vocational school, for one batch: at most 1000 yuan × those who stayed 3 months or more. The destination
must be a key labour-short enterprise when ``labour_supply.school_requires_key_enterprise`` holds.
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import Params, fact
from wenjiuye_cli.columnar.rule import Rule, msg
from wenjiuye_cli.measures.labour_supply_vocational_school import MEASURE
from wenjiuye_cli.rules._labour_supply import batch_rule, key_enterprise


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
