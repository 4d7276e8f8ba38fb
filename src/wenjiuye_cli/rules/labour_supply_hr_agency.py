"""第二十四条（落实重点企业用工输送奖励政策）人力资源服务机构用工输送奖励 — 附件1 序号57 (责任部门：区人社局)

  对我区人力资源服务机构向重点缺工企业一次性输送30人以上且签订1年以上劳动合同的，根据输送人数和稳定
  就业时间，按照每人最高600元的标准给予补贴；

An HR service agency in Heping, for one batch: at most 600 yuan × those who signed contracts of 1 year+.
"""

from __future__ import annotations

from wenjiuye_cli.engine.expr import Params, fact
from wenjiuye_cli.engine.rule import Rule, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure
from wenjiuye_cli.rules._labour_supply import BATCH_SENT, TO_KEY_ENTERPRISE, batch_rule, key_enterprise
from wenjiuye_cli.rules._labour_supply import MESSAGES as SUPPLY_MESSAGES

AGENCY_IN_HEPING = fact_spec(
    "agency_in_heping", "bool", ("是否我区人力资源服务机构", "HR agency in Heping"),
    ("在和平区注册的人力资源服务机构", "an HR service agency registered in Heping"), ("hr_agency",),
)  # fmt: skip
CONTRACTED = fact_spec(
    "batch_contracted_count", "int", ("其中签订1年以上劳动合同人数", "of whom signed contracts of 1 year+"),
    ("本批输送人员中与用工企业签订1年以上劳动合同的人数", "people of the batch with a labour contract of 1 year or more"),
    ("hr_agency",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **SUPPLY_MESSAGES,
    "agency_in_heping": ("我区人力资源服务机构：{value}", "an HR agency in Heping: {value}"),
    "contract_condition": (
        "签订 {months} 个月以上劳动合同的人数：{count}",
        "people with a labour contract of at least {months} months: {count}",
    ),
}


MEASURE = Measure(
    id="labour_supply_hr_agency",
    name_zh="人力资源服务机构用工输送奖励",
    name_en="labour-supply reward for HR agencies",
    article="二十四",
    tasks=(57,),
    department="区人社局",
    kinds=frozenset({"hr_agency"}),
    facts=(APPLICATION_DATE, AGENCY_IN_HEPING, TO_KEY_ENTERPRISE, BATCH_SENT, CONTRACTED),
    messages=MESSAGES,
    order=1,
)


def declare(p: Params) -> Rule:
    in_heping = fact("agency_in_heping")
    contracted = fact("batch_contracted_count")
    condition = msg(
        "contract_condition", {"months": p.param("labour_supply.hr_min_contract_months"), "count": contracted}
    )
    return batch_rule(
        p,
        MEASURE,
        (
            cond(
                "agency_in_heping", in_heping, args={"value": in_heping}, missing=["agency_in_heping"]
            ),  # 我区
            key_enterprise(),
        ),
        "batch_contracted_count",
        "labour_supply.hr_min_persons",
        "labour_supply.hr_max_per_person",
        condition,
        payee="hr_agency",
    )
