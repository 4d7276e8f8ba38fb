"""第二十四条（落实重点企业用工输送奖励政策）职业院校用工输送奖励 — 附件1 序号57 (责任部门：区人社局)

  对职业院校一次性输送毕业生或实习学生30人以上且就业或实习3个月以上的，按照每人最高1000元的标准给予补贴。

Applicant: a vocational school (kind ``vocational_school``), for one batch of graduates or interns.
The destination must be a key labour-short enterprise when ``labour_supply.school_requires_key_enterprise``
holds (the article's title: 重点企业用工输送). Reported as a maximum (每人最高1000元 × the people who
stayed 3 months or more). See ``_labour_supply``.
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.measures._labour_supply import BATCH_SENT, TO_KEY_ENTERPRISE, evaluate_batch
from wenjiuye_cli.measures._labour_supply import MESSAGES as SUPPLY_MESSAGES
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome

STAYED = fact(
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


def evaluate(ev: Evaluation) -> Outcome:
    if ev.flag("labour_supply.school_requires_key_enterprise"):
        key = ev.fact("to_key_shortage_enterprise")
        ev.check("key_enterprise", key, missing=("to_key_shortage_enterprise",), value=key)
    months = ev.integer("labour_supply.school_min_months")
    condition = Message("stay_condition", {"months": months, "count": ev.facts.get("batch_stayed_count")})
    return evaluate_batch(
        ev,
        "batch_stayed_count",
        "labour_supply.school_min_persons",
        "labour_supply.school_max_per_person",
        condition,
        payee="vocational_school",
    )


MEASURE = Measure(
    id="labour_supply_vocational_school",
    name_zh="职业院校用工输送奖励",
    name_en="labour-supply reward for vocational schools",
    article="二十四",
    tasks=(57,),
    department="区人社局",
    kinds=frozenset({"vocational_school"}),
    facts=(APPLICATION_DATE, TO_KEY_ENTERPRISE, BATCH_SENT, STAYED),
    evaluate=evaluate,
    messages=MESSAGES,
    order=2,
)
