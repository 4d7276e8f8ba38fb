"""第二十八条 做好困难人员生活保障 — 一次性临时生活补助, 附件1 序号61 (责任部门：区人社局、区民政局、各街道)

  对我区登记失业的本市低收入救助家庭人员，给予一次性2000元临时生活补助，实施期限截至2020年12月31日。

A person registered unemployed in Heping in a Tianjin 低收入救助家庭 gets ``hardship_grant.amount`` once, if
applying (or evaluated, without an application date) by ``hardship_grant.end_date``. Families on the minimum
subsistence allowance count when ``hardship_grant.includes_subsistence_families`` holds. Registered
unemployment is read as ``wenjiuye_cli.rules._unemployment`` reads it.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import NULL_BOOL, ON, Params, fact
from wenjiuye_cli.engine.rule import Rule, Scope, Settle, cond, msg
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    REGISTERED_UNEMPLOYED,
    REGISTERED_UNEMPLOYED_SINCE,
    SUBSISTENCE_FAMILY,
)
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._unemployment import MESSAGES as UNEMPLOYMENT_MESSAGES
from wenjiuye_cli.rules._unemployment import registered_unemployed

LOW_INCOME_FAMILY = fact_spec(
    "low_income_family", "bool", ("低收入救助家庭人员", "member of a low-income assistance family"),
    ("经本市民政部门认定的低收入（救助）家庭成员（不含低保家庭，低保另填 subsistence_allowance_family）",
     "member of a family certified as low-income by Tianjin civil affairs (families on the minimum subsistence "
     "allowance: see subsistence_allowance_family)"),
    ("person",),
)  # fmt: skip
UNEMPLOYMENT_REGISTERED_IN_HEPING = fact_spec(
    "unemployment_registered_in_heping", "bool", ("是否在本区登记失业", "registered unemployed in Heping"),
    ("失业登记在和平区办理", "the unemployment registration is held in Heping District"), ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **UNEMPLOYMENT_MESSAGES,
    "registered_unemployed": ("登记失业", "registered unemployed"),
    "registered_in_heping": ("在本区登记失业", "registered unemployed in Heping"),
    "low_income_family": (
        "本市低收入救助家庭人员{also}：{which}",
        "member of a low-income assistance family{also}: {which}",
    ),
    "low_income_family.also_subsistence": ("（含低保家庭）", " (including subsistence-allowance families)"),
    "low_income_family.only": ("", ""),
    "low_income_family.low_income": ("低收入救助家庭", "low-income assistance family"),
    "low_income_family.subsistence": ("低保家庭", "subsistence-allowance family"),
    "low_income_family.none": ("否", "no"),
    "low_income_family.unknown": ("无法确定", "cannot be determined"),
    "within_period": (
        "实施期限截至 {end}：申请日 {applied}",
        "the grant runs until {end}: applied {applied}",
    ),
    "arith.grant": ("一次性临时生活补助 {amount} 元", "one-off temporary living grant {amount} yuan"),
}


MEASURE = Measure(
    id="hardship_grant",
    name_zh="一次性临时生活补助",
    name_en="one-off temporary living grant",
    article="二十八",
    tasks=(61,),
    department="区人社局、区民政局、各街道",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        REGISTERED_UNEMPLOYED,
        REGISTERED_UNEMPLOYED_SINCE,
        UNEMPLOYMENT_REGISTERED_IN_HEPING,
        LOW_INCOME_FAMILY,
        SUBSISTENCE_FAMILY,
    ),
    messages=MESSAGES,
)


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    # no application date: the evaluation date is the day applied on (what the evaluation date means)
    applied = pl.coalesce(fact("application_date"), ON)
    end = p.param("hardship_grant.end_date")  # 实施期限截至2020年12月31日
    low, subsistence = fact("low_income_family"), fact("subsistence_allowance_family")
    includes = p.param("hardship_grant.includes_subsistence_families")
    # 本市低收入救助家庭人员 (and, by the reading, 低保家庭)
    which = s.stage(
        which=pl.when(low)
        .then(pl.lit("low_income_family.low_income"))
        .when(~includes)
        .then(
            pl.when(low.is_null())
            .then(pl.lit("low_income_family.unknown"))
            .otherwise(pl.lit("low_income_family.none"))
        )
        .when(subsistence)
        .then(pl.lit("low_income_family.subsistence"))
        .when(low.eq_missing(False) & subsistence.eq_missing(False))
        .then(pl.lit("low_income_family.none"))
        .otherwise(pl.lit("low_income_family.unknown"))
    )["which"]
    family = (
        pl.when(which == "low_income_family.unknown")
        .then(NULL_BOOL)
        .otherwise(which != "low_income_family.none")
    )
    amount = p.param("hardship_grant.amount")
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            cond("within_period", applied <= end, args={"end": end, "applied": applied}),
            *registered_unemployed(),
            cond(
                "registered_in_heping",
                fact("unemployment_registered_in_heping"),
                missing=["unemployment_registered_in_heping"],
            ),
            cond(
                "low_income_family",
                family,
                args={
                    "which": which,
                    "also": pl.when(includes)
                    .then(pl.lit("low_income_family.also_subsistence"))
                    .otherwise(pl.lit("low_income_family.only")),
                },
                missing=[
                    ("low_income_family", low.is_null()),
                    ("subsistence_allowance_family", includes & subsistence.is_null()),
                ],
            ),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(msg("arith.grant", {"amount": amount}),),
        payee="applicant",
    )
