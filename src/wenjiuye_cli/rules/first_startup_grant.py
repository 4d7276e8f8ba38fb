"""第十四条 给予首次创业补贴 — 一次性创业补贴, 附件1 序号36 (责任部门：区人社局)

  对登记失业半年以上的本市户籍人员、农村劳动力首次创办企业并在本区注册经营，正常经营满1年，带动1人以上
  就业并连续缴纳12个月社会保险费的；对本市困难村劳动力新创办企业并在本区注册经营3个月以上的，给予3000元
  一次性创业补贴。

Two alternative sets of conditions (``rules._branches``), either giving the one-off 3000 yuan once, with the
readings of ``wenjiuye_cli.rules.first_startup_grant``:

* A — a Tianjin resident registered unemployed for ``first_startup.grant_min_unemployed_months`` or more
  when the business was registered, or rural labour (with a Tianjin hukou when
  ``first_startup.hukou_applies_to_rural_labour``), founding a first business registered in Heping,
  operating normally for ``first_startup.grant_min_operating_months``, with at least
  ``first_startup.grant_min_jobs`` job created and ``…_min_consecutive_contribution_months`` months of
  contributions;
* B — labour from a Tianjin 困难村 with a new business operating for
  ``first_startup.grant_poor_village_min_operating_months``.

Common to both: the business registered (by the evaluation date), counting as 企业 (a sole proprietorship
by ``first_startup.sole_proprietorship_counts``, whose other reading a sole proprietor is told), in Heping.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import NULL_BOOL, ON, Params, add_months, fact, known_if
from wenjiuye_cli.engine.rule import Cond, Rule, Scope, Step, cond, msg
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    JOBS_CREATED,
    POOR_VILLAGE_LABOUR,
    REGISTERED_IN_HEPING,
    REGISTERED_UNEMPLOYED,
    REGISTERED_UNEMPLOYED_SINCE,
    REGISTRATION_DATE,
    RURAL_LABOUR,
    TIANJIN_HUKOU,
)
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._branches import MESSAGES as BRANCH_MESSAGES
from wenjiuye_cli.rules._branches import Branch, missing_in_order, settle
from wenjiuye_cli.rules._founder import (
    BUSINESS_TYPE,
    FIRST_BUSINESS,
    SOLE_KEY,
    business_type,
    renamed,
    sole_proprietorship_reading,
    with_readings,
)
from wenjiuye_cli.rules._founder import MESSAGES as FOUNDER_MESSAGES
from wenjiuye_cli.rules._unemployment import MESSAGES as UNEMPLOYMENT_MESSAGES

OPERATING_NORMALLY = fact_spec(
    "operating_normally", "bool", ("是否正常经营", "operating normally"),
    ("创办的企业目前正常经营（未注销、未停业）", "the business is operating (not closed or suspended)"), ("person",),
)  # fmt: skip
CONSECUTIVE_CONTRIBUTION_MONTHS = fact_spec(
    "consecutive_contribution_months", "int", ("连续缴纳社会保险费月数", "consecutive months of social insurance"),
    ("创业后连续缴纳社会保险费的月数", "consecutive months of social-insurance contributions since founding"),
    ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **BRANCH_MESSAGES,
    **FOUNDER_MESSAGES,
    **UNEMPLOYMENT_MESSAGES,
    "branch_a": (
        "登记失业的本市户籍人员或农村劳动力首次创业（序号36前半句）",
        "first business of a registered unemployed Tianjin resident or of rural labour (task 36, first clause)",
    ),
    "branch_b": (
        "本市困难村劳动力新创办企业（序号36后半句）",
        "new business of labour from a Tianjin poor village (task 36, second clause)",
    ),
    "registered": ("企业注册日期 {registered}", "business registered on {registered}"),
    "group_a": ("申请人：{which}", "applicant: {which}"),
    "group_a.unemployed": (
        "本市户籍，{since} 起登记失业，至注册日已满 {months} 个月（截至 {needed}）",
        "Tianjin resident registered unemployed since {since}, {months} months by registration (by {needed})",
    ),
    "group_a.rural": ("农村劳动力", "rural labour"),
    "group_a.none": (
        "既不是登记失业 {months} 个月以上的本市户籍人员（{unemployed_why}），也不是农村劳动力（{rural_why}）",
        "neither a Tianjin resident registered unemployed for {months} months or more ({unemployed_why}), nor "
        "rural labour ({rural_why})",
    ),
    "group_a.not_hukou": ("无本市户籍", "no Tianjin hukou"),
    "group_a.not_registered": ("未登记失业", "not registered unemployed"),
    "group_a.too_short": (
        "{since} 起登记失业，满 {months} 个月要到 {needed}，晚于注册日 {registered}",
        "registered unemployed since {since}: {months} months only on {needed}, after registering on {registered}",
    ),
    "group_a.not_rural": ("不是农村劳动力", "not rural labour"),
    "group_a.rural_not_hukou": ("农村劳动力，但无本市户籍", "rural labour, but no Tianjin hukou"),
    "group_a.unknown": ("无法确定", "cannot be determined"),
    "poor_village_labour": ("本市困难村劳动力", "labour from a Tianjin poor village"),
    "operating_since": (
        "正常经营满 {months} 个月：{registered} 注册，{needed} 满，计算日 {on}",
        "operating for {months} months: registered {registered}, reached {needed}, evaluated {on}",
    ),
    "operating_normally": ("正常经营", "operating normally"),
    "jobs_created": (
        "带动就业 {jobs} 人，至少 {minimum} 人",
        "{jobs} jobs created; at least {minimum} needed",
    ),
    "contributions": (
        "连续缴纳社会保险费 {months} 个月，至少 {minimum} 个月",
        "{months} consecutive months of social insurance; at least {minimum} needed",
    ),
    "arith.grant": ("一次性创业补贴 {amount} 元", "one-off start-up grant {amount} yuan"),
}


MEASURE = Measure(
    id="first_startup_grant",
    name_zh="一次性创业补贴",
    name_en="one-off start-up grant",
    article="十四",
    tasks=(36,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        REGISTRATION_DATE,
        BUSINESS_TYPE,
        REGISTERED_IN_HEPING,
        OPERATING_NORMALLY,
        TIANJIN_HUKOU,
        REGISTERED_UNEMPLOYED,
        REGISTERED_UNEMPLOYED_SINCE,
        RURAL_LABOUR,
        FIRST_BUSINESS,
        JOBS_CREATED,
        CONSECUTIVE_CONTRIBUTION_MONTHS,
        POOR_VILLAGE_LABOUR,
    ),
    messages=MESSAGES,
)


def group_a(p: Params, s: Scope, registered: pl.Expr) -> tuple[Cond, ...]:
    """登记失业半年以上的本市户籍人员 or 农村劳动力, judged on the registration day (``_group_a``)."""
    hukou, rural = fact("tianjin_hukou"), fact("rural_labour")
    flag, since = fact("registered_unemployed"), fact("registered_unemployed_since")
    months = p.param("first_startup.grant_min_unemployed_months")
    hukou_for_rural = p.param("first_startup.hukou_applies_to_rural_labour")
    contradiction = since.is_not_null() & flag.eq_missing(False)
    needed = add_months(since, months)
    staged = s.stage(
        a_long_enough=pl.when(contradiction)
        .then(NULL_BOOL)
        .when(since.is_not_null())
        .then(needed <= registered)
        .when(flag.eq_missing(False))
        .then(False)
        .otherwise(NULL_BOOL),
        a_needed=needed,
    )
    long_enough, needed = staged["a_long_enough"], staged["a_needed"]
    branches = s.stage(
        a_unemployed=hukou & long_enough,  # Kleene: false if either is, else null if either is
        a_rural=pl.when(hukou_for_rural).then(rural & hukou).otherwise(rural),
    )
    unemployed, rural_branch = branches["a_unemployed"], branches["a_rural"]
    which = s.stage(
        a_which=pl.when(unemployed)
        .then(pl.lit("group_a.unemployed"))
        .when(rural_branch)
        .then(pl.lit("group_a.rural"))
        .when(unemployed.not_() & rural_branch.not_())
        .then(pl.lit("group_a.none"))
        .otherwise(pl.lit("group_a.unknown"))
    )["a_which"]
    result = pl.when(which == "group_a.unknown").then(NULL_BOOL).otherwise(which != "group_a.none")
    unemployed_why = (
        pl.when(hukou.eq_missing(False))
        .then(pl.lit("group_a.not_hukou"))
        .when(long_enough.eq_missing(False) & since.is_not_null())
        .then(pl.lit("group_a.too_short"))
        .otherwise(pl.lit("group_a.not_registered"))
    )
    args = {
        "which": which,
        "since": since,
        "months": months,
        "needed": needed,
        "registered": registered,
        "unemployed_why": unemployed_why,
        "rural_why": pl.when(rural)
        .then(pl.lit("group_a.rural_not_hukou"))
        .otherwise(pl.lit("group_a.not_rural")),
    }
    # The facts named, in this order: the unemployed branch's, then the rural branch's
    # (where only the rural branch is open, its hukou comes after rural_labour)
    unemployed_open = unemployed.is_null()
    rural_open = rural_branch.is_null()
    missing_unemployed = [
        ("tianjin_hukou", unemployed_open & hukou.is_null()),
        ("registered_unemployed_since", unemployed_open & long_enough.is_null() & ~contradiction),
        ("rural_labour", rural_open & rural.is_null()),
    ]
    missing_rural = [
        ("rural_labour", rural_open & rural.is_null()),
        ("tianjin_hukou", rural_open & hukou_for_rural & hukou.is_null()),
    ]
    only_rural_hukou = ~unemployed_open & rural_open & hukou_for_rural & hukou.is_null()
    return (
        cond("group_a", result, args=args, missing=missing_unemployed, shown=~only_rural_hukou),
        cond("group_a", result, args=args, missing=missing_rural, shown=only_rural_hukou),
        cond(
            "unemployment.contradiction",
            NULL_BOOL,
            args={"since": since},
            shown=result.is_null() & contradiction,
        ),
    )


def operating_since(p: Params, registered: pl.Expr, key: str) -> Cond:
    months = p.param(key)
    needed = add_months(registered, months)
    return cond(
        "operating_since",
        needed <= ON,
        args={"months": months, "registered": registered, "needed": needed, "on": ON},
    )


def at_least(code: str, name: str, key: str, p: Params, shown_as: str) -> Cond:
    value, minimum = fact(name), p.param(key)
    return cond(
        code, known_if(value >= minimum, value), args={shown_as: value, "minimum": minimum}, missing=[name]
    )


def build(p: Params, sole_counts: pl.Expr, measure_id: str) -> Rule:
    """The rule with ``first_startup.sole_proprietorship_counts`` read as ``sole_counts``."""
    s = Scope(measure_id)
    registered = fact("registration_date")
    operating = cond("operating_normally", fact("operating_normally"), missing=["operating_normally"])
    a = Branch(
        "branch_a",
        (
            *group_a(p, s, registered),
            cond("first_business", fact("first_business"), missing=["first_business"]),
            operating_since(p, registered, "first_startup.grant_min_operating_months"),
            operating,
            at_least("jobs_created", "jobs_created", "first_startup.grant_min_jobs", p, "jobs"),
            at_least(
                "contributions",
                "consecutive_contribution_months",
                "first_startup.grant_min_consecutive_contribution_months",
                p,
                "months",
            ),
        ),
    )
    b = Branch(
        "branch_b",
        (
            cond("poor_village_labour", fact("poor_village_labour"), missing=["poor_village_labour"]),
            operating_since(p, registered, "first_startup.grant_poor_village_min_operating_months"),
            operating,
        ),
    )
    # the branches are looked at only once the registration date is known
    settled = settle(s, [a, b], evaluated=registered.is_not_null())
    steps: tuple[Step, ...] = (
        cond(
            "registered",
            known_if(registered <= ON, registered),
            args={"registered": registered},
            missing=["registration_date"],
        ),
        business_type(sole_counts),
        cond("registered_in_heping", fact("registered_in_heping"), missing=["registered_in_heping"]),
        *settled.steps,
    )
    amount = p.param("first_startup.grant_amount")
    return Rule(
        renamed(MEASURE, measure_id),
        stages=tuple(s.stages),
        steps=steps,
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(msg("arith.grant", {"amount": amount}),),
        notes=settled.notes,
        payee="applicant",
        missing_facts=missing_in_order(steps),
    )


def declare(p: Params) -> Rule:
    rule = build(p, p.param(SOLE_KEY), MEASURE.id)
    stages, note = sole_proprietorship_reading(p, MEASURE, build)
    return with_readings(rule, stages, note)
