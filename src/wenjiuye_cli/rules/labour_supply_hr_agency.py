"""第二十四条（落实重点企业用工输送奖励政策）人力资源服务机构用工输送奖励 — 附件1 序号57 (责任部门：区人社局)

  对我区人力资源服务机构向重点缺工企业一次性输送30人以上且签订1年以上劳动合同的，根据输送人数和稳定
  就业时间，按照每人最高600元的标准给予补贴；

An HR service agency in Heping, for one batch: at most 600 yuan × those who signed contracts of 1 year+.
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import Params, fact
from wenjiuye_cli.columnar.rule import Rule, cond, msg
from wenjiuye_cli.measures.labour_supply_hr_agency import MEASURE
from wenjiuye_cli.rules._labour_supply import batch_rule, key_enterprise


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
