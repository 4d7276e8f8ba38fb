"""第二十四条（落实重点企业用工输送奖励政策）人力资源服务机构用工输送奖励 — 附件1 序号57 (责任部门：区人社局)

  对我区人力资源服务机构向重点缺工企业一次性输送30人以上且签订1年以上劳动合同的，根据输送人数和稳定
  就业时间，按照每人最高600元的标准给予补贴；

Applicant: an HR service agency (kind ``hr_agency``) in Heping, for one batch. Reported as a maximum
(每人最高600元 × the people who signed contracts of 1 year or more). See ``_labour_supply``.
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.measures._labour_supply import BATCH_SENT, TO_KEY_ENTERPRISE, evaluate_batch
from wenjiuye_cli.measures._labour_supply import MESSAGES as SUPPLY_MESSAGES
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome

AGENCY_IN_HEPING = fact(
    "agency_in_heping", "bool", ("是否我区人力资源服务机构", "HR agency in Heping"),
    ("在和平区注册的人力资源服务机构", "an HR service agency registered in Heping"), ("hr_agency",),
)  # fmt: skip
CONTRACTED = fact(
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


def evaluate(ev: Evaluation) -> Outcome:
    in_heping = ev.fact("agency_in_heping")
    ev.check("agency_in_heping", in_heping, missing=("agency_in_heping",), value=in_heping)
    key = ev.fact("to_key_shortage_enterprise")
    ev.check("key_enterprise", key, missing=("to_key_shortage_enterprise",), value=key)
    months = ev.integer("labour_supply.hr_min_contract_months")
    condition = Message(
        "contract_condition", {"months": months, "count": ev.facts.get("batch_contracted_count")}
    )
    return evaluate_batch(
        ev,
        "batch_contracted_count",
        "labour_supply.hr_min_persons",
        "labour_supply.hr_max_per_person",
        condition,
        payee="hr_agency",
    )


MEASURE = Measure(
    id="labour_supply_hr_agency",
    name_zh="人力资源服务机构用工输送奖励",
    name_en="labour-supply reward for HR agencies",
    article="二十四",
    tasks=(57,),
    department="区人社局",
    kinds=frozenset({"hr_agency"}),
    facts=(APPLICATION_DATE, AGENCY_IN_HEPING, TO_KEY_ENTERPRISE, BATCH_SENT, CONTRACTED),
    evaluate=evaluate,
    messages=MESSAGES,
    order=1,
)
