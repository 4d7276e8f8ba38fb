"""第十条（鼓励企业吸纳就业）企业吸纳就业社保补贴和岗位补贴 — 附件1 序号30 (责任部门：区人社局)

  小微企业、初创期科技型中小企业、大学生创业企业吸纳毕业2年内的本市高校毕业生，养老服务企业（含民办非企业
  单位）、员工制家政服务企业吸纳毕业2年内本市高校毕业生、就业困难人员、困难村劳动力，各类企业吸纳特殊就业
  困难人员、其他女年满35周岁男年满45周岁就业困难人员及建档立卡贫困劳动力的，给予企业最长3年五项社保补贴和
  1年岗位补贴；各类企业（养老服务企业、员工制家政服务企业除外）吸纳其他就业困难人员，给予最长1年五项社保
  补贴。社保补贴期限一般不超过3年，距法定退休年龄不足5年的可延长至退休。

As ``wenjiuye_cli.rules.employer_insurance``: one row is one hire. Which subsidy the hire brings:

* "full" — ``employer_insurance.full_insurance_max_months`` of 五项社保补贴 and
  ``post_subsidy_max_months`` of 岗位补贴, by any of three routes: a small / start-up tech / student-founded
  firm hiring a 本市高校毕业生 within ``graduate_within_years`` of graduating; an elder-care or housekeeping
  firm hiring such a graduate, a 就业困难人员 or 困难村劳动力; any firm hiring a 特殊就业困难人员, a
  就业困难人员 aged ``female_min_age`` / ``male_min_age`` or more on the hire date, or 建档立卡贫困劳动力;
* "one_year" — ``one_year_insurance_max_months`` of 五项社保补贴, for another 就业困难人员 hired by a firm
  other than an elder-care or housekeeping firm.

A hire in several routes brings one subsidy, the full one. The months run from the first subsidy month
(``hire_months.first_month``) to the earliest of the limit, retirement and (where payments end with the
policy) the policy's last day; months before the policy are not paid. Fewer than
``extension_years_before_retirement`` years from retirement (assessed by ``extension_assessed_at``; for the
one-year subsidy only by ``extension_for_one_year``), the insurance subsidy runs to retirement. The monthly
amounts are city standards: ``amount_set_elsewhere``. A public-welfare post is 第十二条's (序号33).

Two words are read by parameters, and the outcome says what the other reading gives: "施行后"
(``general.hires_from_policy_start``, for a hire made before the policy) and "本市高校毕业生"
(``general.tianjin_graduate_means``). The other reading is this rule declared again with that parameter's
other value (``employer_insurance~hires`` / ``employer_insurance~tianjin``) and evaluated alongside.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import Params, add_months, fact, known_if
from wenjiuye_cli.engine.readings import outcome_stages
from wenjiuye_cli.engine.rule import Arg, Rule, Scope, Settle, Step, arg, cond, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE, IS_SMALL_MICRO
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import LazyLabel, Measure, Status
from wenjiuye_cli.rules._founder import renamed, with_readings
from wenjiuye_cli.rules._hire import (
    E_GRADUATION_DATE,
    E_POOR_VILLAGE_LABOUR,
    E_POVERTY_REGISTERED,
    E_UNIVERSITY_GRADUATE,
    HIRE_DATE,
    POST_TYPE,
    RETIREMENT_FACTS,
    SPECIAL_DIFFICULTY_FACTS,
    TIANJIN_ORIGIN,
    TIANJIN_UNIVERSITY,
    before_retirement_cond,
    duration_end,
    extended,
    extended_period_notes,
    first_subsidy_month,
    hire_date_cond,
    hire_date_reading,
    hired_in_force,
    names_label,
    other_tianjin_reading,
    period_messages,
    post_label,
    tianjin_graduate_as,
)
from wenjiuye_cli.rules._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.rules._insurance import (
    Leaf,
    age_on,
    fact_names,
    first_named,
    named_anywhere,
    names_in_order,
    occurrences,
    order_for,
    reading_note,
    step_entries,
    tree_entries,
)
from wenjiuye_cli.rules._periods import (
    Ending,
    first_policy_month,
    period,
    ym,
)
from wenjiuye_cli.rules._retirement import retirement_condition, stage_retirement
from wenjiuye_cli.rules._special_difficulty import CATEGORY_FACTS
from wenjiuye_cli.rules._special_difficulty import MESSAGES as SPECIAL_MESSAGES

STARTUP_TECH_SME = fact_spec(
    "startup_tech_sme", "bool", ("是否初创期科技型中小企业", "start-up technology SME"),
    ("经认定的初创期科技型中小企业", "a recognised start-up technology-based SME"), ("hire",),
)  # fmt: skip
STUDENT_STARTUP = fact_spec(
    "student_startup_enterprise", "bool", ("是否大学生创业企业", "enterprise founded by a university student"),
    ("由大学生（含毕业生）创办的企业", "a firm founded by a university student or graduate"), ("hire",),
)  # fmt: skip
CARE_FIRM_TYPE = fact_spec(
    "care_firm_type", "choice", ("养老/家政企业类型", "elder-care or housekeeping firm"),
    ("养老服务企业（含民办非企业单位）、员工制家政服务企业，或都不是", "elder-care firm (incl. private non-enterprise "
     "units), employee-based housekeeping firm, or neither"),
    ("hire",),
    choices={
        "elder_care": ("养老服务企业", "elder care"),
        "housekeeping": ("员工制家政服务企业", "housekeeping"),
        "neither": ("都不是", "neither"),
    },
)  # fmt: skip

# Placeholders are filled from the parameters (see ``_route_values``), never written in.
ROUTE_NAMES: dict[str, tuple[str, str]] = {
    "small_firm_graduate": (
        "小微企业、初创期科技型中小企业或大学生创业企业吸纳毕业{years}年内的本市高校毕业生",
        "a small, start-up tech or student-founded firm hiring a Tianjin graduate within {years} years",
    ),
    "care_firm": (
        "养老服务企业或员工制家政服务企业吸纳毕业{years}年内本市高校毕业生、就业困难人员或困难村劳动力",
        "an elder-care or housekeeping firm hiring a Tianjin graduate within {years} years, a 就业困难人员 or "
        "poor-village labour",
    ),
    "any_firm": (
        "各类企业吸纳特殊就业困难人员、女年满{female}周岁男年满{male}周岁就业困难人员或建档立卡贫困劳动力",
        "any firm hiring a 特殊就业困难人员, an older 就业困难人员 (women {female}+, men {male}+) or registered "
        "poor labour",
    ),
    "other_difficulty": (
        "养老、家政以外的企业吸纳其他就业困难人员",
        "a firm other than elder-care/housekeeping hiring another 就业困难人员",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **HIRE_MESSAGES,
    **SPECIAL_MESSAGES,
    "not_public_welfare_post": (
        "不是公益性岗位（公益性岗位按第十二条补贴）：{post}",
        "not a public-welfare post (those are subsidised under art. 12): {post}",
    ),
    "hire_category": ("补贴类别：{which}", "subsidy category: {which}"),
    "category.full": (
        "最长 {insurance} 个月五项社保补贴 + {post} 个月岗位补贴（{routes}）",
        "up to {insurance} months of five-insurance subsidy + {post} months of post subsidy ({routes})",
    ),
    "category.one_year": (
        "最长 {insurance} 个月五项社保补贴（{routes}）",
        "up to {insurance} months of five-insurance subsidy ({routes})",
    ),
    "category.full_short": ("五项社保补贴 + 岗位补贴", "five-insurance subsidy + post subsidy"),
    "category.none": (
        "不属于任何一类（{routes}：均不符合）",
        "in none of the categories ({routes}: none applies)",
    ),
    "category.unknown": ("无法确定", "cannot be determined"),
    "note.amount_elsewhere": (
        "每月补贴金额按市级标准（五项社保补贴按单位缴费部分、岗位补贴按市定标准）核定，本区文件未规定",
        "the monthly amounts follow city standards (employer contributions; the city post-subsidy rate) "
        "not stated in the district text",
    ),
    "note.routes": (
        "同一人符合多项情形（{routes}），只给予一份补贴：{applied}",
        "the hire meets several descriptions ({routes}); one subsidy is given: {applied}",
    ),
    "note.full_over_one_year": (
        "同时属于“其他就业困难人员”，按期限更长的 {insurance} 个月社保补贴 + 岗位补贴计，不另给 {one_year} 个月社保补贴",
        "also 'another 就业困难人员': the longer {insurance}-month subsidy plus post subsidy applies, not the "
        "{one_year}-month one in addition",
    ),
    "note.fallback_post": (
        "托底安置岗位：另可享受第十二条每岗每月补助（fallback_placement）",
        "fallback placement post: the art. 12 monthly post allowance applies on top (fallback_placement)",
    ),
}


MEASURE = Measure(
    id="employer_insurance",
    name_zh="企业吸纳就业社保补贴和岗位补贴",
    name_en="employer social-insurance and post subsidies",
    article="十",
    tasks=(30,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(
        APPLICATION_DATE,
        HIRE_DATE,
        POST_TYPE,
        IS_SMALL_MICRO,
        STARTUP_TECH_SME,
        STUDENT_STARTUP,
        CARE_FIRM_TYPE,
        E_UNIVERSITY_GRADUATE,
        E_GRADUATION_DATE,
        TIANJIN_UNIVERSITY,
        TIANJIN_ORIGIN,
        *SPECIAL_DIFFICULTY_FACTS,
        E_POOR_VILLAGE_LABOUR,
        E_POVERTY_REGISTERED,
        *RETIREMENT_FACTS,
    ),
    messages=MESSAGES,
)


G = "employer_insurance."
HIRES = "general.hires_from_policy_start"
TIANJIN = "general.tianjin_graduate_means"
ROUTES = tuple(ROUTE_NAMES)  # small_firm_graduate, care_firm, any_firm, other_difficulty
PERIOD_KEYS = ("end", "reason", "last", "first_paid", "n", "before")


def _staged_period(s: Scope, name: str, parts: Mapping[str, pl.Expr]) -> dict[str, pl.Expr]:
    staged = s.stage(**{f"{name}.{k}": v for k, v in parts.items()})
    return {k.removeprefix(f"{name}."): v for k, v in staged.items()}


def _routes_label(value: Mapping[str, Any]) -> LazyLabel:
    """The routes' names (``ROUTE_NAMES``, keys joined by commas) with the parameters' numbers filled in."""
    keys = str(value["keys"]).split(",")
    return names_label(ROUTE_NAMES, keys, years=value["years"], female=value["female"], male=value["male"])


def shared(p: Params, s: Scope) -> dict[str, pl.Expr]:
    """What every reading shares, staged once: retirement, the routes' parts that no reading changes, and
    the periods of each limit (the category picks one)."""
    hired = fact("hire_date")
    ret = stage_retirement(p, s)
    years = p.param(G + "graduate_within_years")
    sex, birth, difficulty = fact("sex"), fact("birth_date"), fact("employment_difficulty")
    minimum = (
        pl.when(sex == "female").then(p.param(G + "female_min_age")).otherwise(p.param(G + "male_min_age"))
    )
    first = first_subsidy_month(p, hired)
    parts = s.stage(
        # 小微企业、初创期科技型中小企业、大学生创业企业 (Kleene: one yes decides)
        small_firm=fact("small_micro_enterprise")
        | fact("startup_tech_sme")
        | fact("student_startup_enterprise"),
        # 毕业2年内: hired on or before the day the years after graduation end
        window=hired <= add_months(fact("graduation_date"), years * 12),
        # 养老服务企业（含民办非企业单位）、员工制家政服务企业
        care=fact("care_firm_type") != "neither",
        in_category=pl.any_horizontal([fact(spec.name) for spec in CATEGORY_FACTS]),
        # 女年满35周岁男年满45周岁: the age on the hire date, reached on the birthday
        aged=known_if(age_on(birth, hired) >= minimum, sex, birth, hired),
        first=first,
        counted_from=first_policy_month(p),
    )
    nodes = s.stage(
        special=difficulty & parts["in_category"],  # 附件2 第1项 特殊就业困难人员
        older=difficulty & parts["aged"],
        one_year=parts["care"].not_()
        & difficulty,  # 其他就业困难人员, firms other than elder-care/housekeeping
        **{
            f"by_{k}": duration_end(parts["first"], p.param(G + f"{k}_max_months"))
            for k in ("full_insurance", "one_year_insurance", "post_subsidy")
        },
    )
    # 各类企业吸纳特殊就业困难人员、其他女年满35周岁男年满45周岁就业困难人员及建档立卡贫困劳动力
    any_firm = s.stage(any_firm=nodes["special"] | nodes["older"] | fact("poverty_registered_labour"))

    ending = Ending(p, MEASURE.id)
    policy_limit = ending.limit(hired)
    retired_on = ret["date"]

    def limited(by: pl.Expr) -> dict[str, pl.Expr]:
        limits = [("end.duration", by), ("end.retirement", retired_on), ("end.policy_end", policy_limit)]
        return period(parts["first"], limits, parts["counted_from"])

    to_retirement = period(
        parts["first"],
        [("end.retirement", retired_on), ("end.policy_end", policy_limit)],
        parts["counted_from"],
    )
    out: dict[str, pl.Expr] = {**ret, **parts, **nodes, **any_firm}
    for name, by in (
        ("full", "by_full_insurance"),
        ("one", "by_one_year_insurance"),
        ("post", "by_post_subsidy"),
    ):
        for k, v in _staged_period(s, name, limited(nodes[by])).items():
            out[f"{name}.{k}"] = v
    for k, v in _staged_period(s, "retire", to_retirement).items():
        out[f"retire.{k}"] = v
    # 距法定退休年龄不足5年: assessed on the hire date, or where the limit alone would end the period
    ext_years = p.param(G + "extension_years_before_retirement")
    at_start = p.param(G + "extension_assessed_at") == "subsidy_start"
    assessed = {
        # (a null ``retired_on`` makes ``within`` null below anyway, and the notes need a known retirement)
        k: pl.when(at_start).then(hired).otherwise(pl.min_horizontal(nodes[by], retired_on))
        for k, by in (("full", "by_full_insurance"), ("one", "by_one_year_insurance"))
    }
    within = s.stage(
        **{f"on.{k}": v for k, v in assessed.items()},
        **{f"within.{k}": extended(retired_on, v, ext_years) for k, v in assessed.items()},
    )
    return {**out, **within, "ext_years": ext_years}


def leaves(b: Mapping[str, pl.Expr], uses: Mapping[str, pl.Expr]) -> list[Leaf]:
    """The tri-state tree of the routes to the subsidy as leaves, in the order facts are named: the
    "full" routes, then "one_year" (named only where "full" is not true)."""

    def facts(*names: str) -> tuple[tuple[str, pl.Expr], ...]:
        return tuple((n, fact(n).is_null()) for n in names)

    full, sfg, care_firm, x, graduate = b["full"], b["sfg"], b["care_firm"], b["x"], b["graduate"]
    window = facts("graduation_date", "hire_date")
    tianjin = tuple((n, uses[n] & fact(n).is_null()) for n in ("tianjin_university", "tianjin_origin"))
    not_full = pl.when(full.fill_null(False)).then(pl.lit(True))  # null (open) unless "full" is true
    return [
        Leaf(facts("small_micro_enterprise"), (full, sfg, b["small_firm"])),
        Leaf(facts("startup_tech_sme"), (full, sfg, b["small_firm"])),
        Leaf(facts("student_startup_enterprise"), (full, sfg, b["small_firm"])),
        Leaf(window, (full, sfg, graduate, b["window"])),
        Leaf(tianjin, (full, sfg, graduate, b["tianjin"])),
        Leaf(facts("care_firm_type"), (full, care_firm, b["care"])),
        Leaf(window, (full, care_firm, x, graduate, b["window"])),
        Leaf(tianjin, (full, care_firm, x, graduate, b["tianjin"])),
        Leaf(facts("employment_difficulty"), (full, care_firm, x)),
        Leaf(facts("poor_village_labour"), (full, care_firm, x)),
        Leaf(facts("employment_difficulty"), (full, b["any_firm"], b["special"])),
        Leaf(
            facts(*(spec.name for spec in CATEGORY_FACTS)),
            (full, b["any_firm"], b["special"], b["in_category"]),
        ),
        Leaf(facts("employment_difficulty"), (full, b["any_firm"], b["older"])),
        Leaf(facts("sex", "birth_date", "hire_date"), (full, b["any_firm"], b["older"], b["aged"])),
        Leaf(facts("poverty_registered_labour"), (full, b["any_firm"])),
        Leaf(facts("care_firm_type"), (not_full, b["one_year"], b["care"])),
        Leaf(facts("employment_difficulty"), (not_full, b["one_year"])),
    ]


# Where the facts named at more than one leaf are first named. The graduate's facts are named together,
# after the small-firm facts (leaves 3–4) or after the firm type (6–7); the hire date with them or, when
# the graduate is not open, with the age (13); the difficulty at leaf 8, 10, 12 or 16; the firm type always
# at leaf 5 (where it is named at leaf 15 it is named at 5 too: see the tests). One order per combination.
GRADUATE_AT = {"A": {"graduation_date": 3, "tianjin_university": 4, "tianjin_origin": 4, "hire_date": 3},
               "B": {"graduation_date": 6, "tianjin_university": 7, "tianjin_origin": 7, "hire_date": 6},
               "aged": {"graduation_date": 3, "tianjin_university": 4, "tianjin_origin": 4, "hire_date": 13}}  # fmt: skip
DIFFICULTY_AT = (8, 10, 12, 16)


def build(
    p: Params, base: dict[str, pl.Expr], from_policy_start: pl.Expr, reading: pl.Expr, mid: str
) -> Rule:
    """The rule with ``general.hires_from_policy_start`` read as ``from_policy_start`` and
    ``general.tianjin_graduate_means`` as ``reading``, under the measure id ``mid``."""
    s = Scope(mid)
    hired, post, difficulty = fact("hire_date"), fact("post_type"), fact("employment_difficulty")
    tianjin, uses = tianjin_graduate_as(reading)
    tj = s.stage(tianjin=tianjin, **{f"uses.{k}": v for k, v in uses.items()})
    uses = {k: tj[f"uses.{k}"] for k in uses}
    # 毕业2年内的本市高校毕业生 (a person known not to be a graduate is not one)
    graduate = s.stage(
        graduate=pl.when(fact("university_graduate").eq_missing(False))
        .then(False)
        .otherwise(base["window"] & tj["tianjin"])
    )["graduate"]
    routes = s.stage(
        sfg=base["small_firm"] & graduate,
        x=graduate | difficulty | fact("poor_village_labour"),
    )
    care_firm = s.stage(care_firm=base["care"] & routes["x"])["care_firm"]
    full = s.stage(full=routes["sfg"] | care_firm | base["any_firm"])["full"]
    one_year = base["one_year"]
    b = {
        **base,
        **routes,
        "graduate": graduate,
        "care_firm": care_firm,
        "full": full,
        "tianjin": tj["tianjin"],
    }
    tree = leaves(b, uses)

    met = {"small_firm_graduate": routes["sfg"], "care_firm": care_firm, "any_firm": base["any_firm"]}
    met["other_difficulty"] = one_year
    decided = full.eq_missing(False) & one_year.is_not_null()
    names = fact_names(tree)
    occ = s.stage(**occurrences(tree))
    graduate_a = pl.all_horizontal([n.is_null() for n in (full, routes["sfg"], graduate)])
    graduate_b = pl.all_horizontal([n.is_null() for n in (full, care_firm, routes["x"], graduate)])
    flags = s.stage(
        category=pl.when(full).then(pl.lit("full")).when(decided & one_year).then(pl.lit("one_year")),
        which=pl.when(full)
        .then(pl.lit("category.full"))
        .when(decided)
        .then(pl.when(one_year).then(pl.lit("category.one_year")).otherwise(pl.lit("category.none")))
        .otherwise(pl.lit("category.unknown")),
        result=pl.when(full).then(True).when(decided).then(one_year),
        full_keys=pl.concat_str(
            [pl.when(met[k].fill_null(False)).then(pl.lit(k)) for k in ROUTES[:3]],
            separator=",",
            ignore_nulls=True,
        ),
        met_keys=pl.concat_str(
            [pl.when(met[k].fill_null(False)).then(pl.lit(k)) for k in ROUTES],
            separator=",",
            ignore_nulls=True,
        ),
        graduate_at=pl.when(graduate_a)
        .then(pl.lit("A"))
        .when(graduate_b)
        .then(pl.lit("B"))
        .otherwise(pl.lit("aged")),
        difficulty_at=first_named(tree, occ, "employment_difficulty").fill_null(DIFFICULTY_AT[0]),
        **{f"named.{n}": named_anywhere(tree, occ, n) for n in names},
    )
    category, which, result = flags["category"], flags["which"], flags["result"]

    full_max = p.param(G + "full_insurance_max_months")
    post_max = p.param(G + "post_subsidy_max_months")
    one_max = p.param(G + "one_year_insurance_max_months")
    none = which == "category.none"
    is_full = category == "full"
    keys = (
        pl.when(none)
        .then(pl.lit(",".join(ROUTES)))
        .when(is_full)
        .then(flags["full_keys"])
        .when(flags["met_keys"] != "")
        .then(flags["met_keys"])
    )
    numbers = {
        "years": p.param(G + "graduate_within_years"),
        "female": p.param(G + "female_min_age"),
        "male": p.param(G + "male_min_age"),
    }
    routes_arg = arg(
        pl.when(keys.is_not_null()).then(
            pl.struct(keys.alias("keys"), *(v.alias(k) for k, v in numbers.items()))
        ),
        _routes_label,
    )
    category_args: dict[str, pl.Expr | Arg] = {
        "which": which,
        "insurance": pl.when(~none).then(pl.when(is_full).then(full_max).otherwise(one_max)),
        "post": pl.when(~none).then(post_max),
        "routes": routes_arg,
    }
    # One condition per order its facts may be named in, each shown where the row names them so
    orders: dict[tuple[str, ...], list[pl.Expr]] = {}
    for at, firsts in GRADUATE_AT.items():
        for leaf in DIFFICULTY_AT:
            order = order_for(tree, {**firsts, "care_firm_type": 5, "employment_difficulty": leaf})
            where = (flags["graduate_at"] == at) & (flags["difficulty_at"] == leaf)
            orders.setdefault(tuple(order), []).append(where)
    category_conds = [
        cond(
            "hire_category",
            result,
            args=category_args,
            missing=[(n, flags[f"named.{n}"]) for n in order],
            shown=pl.any_horizontal(where),
        )
        for order, where in orders.items()
    ]

    # The period: the category's limit, to retirement where 距法定退休年龄不足5年 extends it
    kind = pl.when(is_full).then(pl.lit("full")).otherwise(pl.lit("one"))
    standard = {k: pl.when(is_full).then(base[f"full.{k}"]).otherwise(base[f"one.{k}"]) for k in PERIOD_KEYS}
    may_extend = is_full | p.param(G + "extension_for_one_year")
    within = pl.when(kind == "full").then(base["within.full"]).otherwise(base["within.one"])
    assessed_on = pl.when(kind == "full").then(base["on.full"]).otherwise(base["on.one"])
    retired_on = base["date"]
    not_public = post != "public_welfare"
    start = p.param("general.policy_start")
    reached = (
        hired.is_not_null()
        & (~(from_policy_start & hired.is_not_null()) | (hired >= start))
        & not_public
        & result
        & base["known"]
        & (hired < retired_on)
    ).fill_null(False)
    ext = s.stage(
        may_extend=may_extend.fill_null(False),
        on=assessed_on,
        within=within,
        extended=(may_extend & within & (standard["reason"] == "end.duration")).fill_null(False),
        reached=reached,
        **{f"standard.{k}": v for k, v in standard.items()},
    )
    standard = {k: ext[f"standard.{k}"] for k in PERIOD_KEYS}
    insurance = _staged_period(
        s,
        "insurance",
        {k: pl.when(ext["extended"]).then(base[f"retire.{k}"]).otherwise(standard[k]) for k in PERIOD_KEYS},
    )
    post_period = {k: base[f"post.{k}"] for k in PERIOD_KEYS}
    n = insurance["n"]
    first_shown = pl.when(n > 0).then(insurance["first_paid"]).otherwise(base["first"])
    reached = ext["reached"]
    granted = (Status.AMOUNT_SET_ELSEWHERE,)
    ending = Ending(p, MEASURE.id)

    steps: tuple[Step, ...] = (
        hire_date_cond(hired),
        hired_in_force(start, hired, from_policy_start),
        cond(
            "not_public_welfare_post",
            not_public,
            args={"post": arg(post, post_label)},
            missing=["post_type"],
        ),
        *category_conds,
        retirement_condition(base),
        before_retirement_cond(hired, base),
        Settle(),
        cond("subsidy_months", n > 0, args={"months": n, "first": ym(first_shown), "end": insurance["end"]}),
        Settle(),
    )
    return Rule(
        renamed(MEASURE, mid),
        stages=tuple(s.stages),
        steps=steps,
        final=Status.AMOUNT_SET_ELSEWHERE,
        months=n,
        payee="enterprise",
        arithmetic=(
            *period_messages("what.insurance", insurance),
            *(
                msg(m.code, m.args, shown=is_full & m.shown if m.shown is not None else is_full)
                for m in period_messages("what.post", post_period)
            ),
        ),
        notes=(
            *extended_period_notes(
                p,
                ending,
                insurance,
                reached,
                on=ext["on"],
                retirement=retired_on,
                years=base["ext_years"],
                within=ext["within"],
                limit=standard["n"],
                extended=ext["extended"],
                assessed=reached & ext["may_extend"],
            ),
            msg(
                "note.routes",
                {
                    "routes": arg(
                        pl.struct(
                            flags["full_keys"].alias("keys"), *(v.alias(k) for k, v in numbers.items())
                        ),
                        _routes_label,
                    ),
                    "applied": pl.lit("category.full_short"),
                },
                shown=is_full & flags["full_keys"].str.contains(","),
                statuses=granted,
            ),
            msg(
                "note.full_over_one_year",
                {"insurance": full_max, "one_year": one_max},
                shown=is_full & one_year.fill_null(False),
                statuses=granted,
            ),
            msg("note.fallback_post", {}, shown=post == "fallback", statuses=granted),
            msg("note.amount_elsewhere", {}, statuses=granted),
        ),
        missing_facts=names_in_order(step_entries(steps, "hire_category", tree_entries(tree, occ))),
        extra={  # the post subsidy's period for the full category only
            "category": extra(category),
            "routes": extra(_split(flags["met_keys"])),
            "retirement_date": extra(retired_on),
            "extended_to_retirement": extra(ext["extended"]),
            "insurance_months": extra(n),
            "end_date": extra(insurance["end"]),
            "end_reason": extra(insurance["reason"].str.strip_prefix("end.")),
            "post_subsidy_months": extra(post_period["n"], shown=is_full),
            "post_subsidy_end_date": extra(post_period["end"], shown=is_full),
            "post_subsidy_end_reason": extra(post_period["reason"].str.strip_prefix("end."), shown=is_full),
        },
    )


def _split(keys: pl.Expr) -> pl.Expr:
    """A comma-joined list of keys back into a list (empty for none)."""
    return pl.when(keys == "").then(pl.lit([], dtype=pl.List(pl.String))).otherwise(keys.str.split(","))


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    base = shared(p, s)
    from_policy_start = p.param(HIRES)
    reading = p.param(TIANJIN)
    rule = build(p, base, from_policy_start, reading, MEASURE.id)
    stages: list[Mapping[str, pl.Expr]] = list(s.stages)

    # "施行后" read the other way, for a hire made before the policy
    hires_stages, hires_note = hire_date_reading(
        p, MEASURE.id, lambda q, flag, mid: build(q, base, flag, reading, mid), "hires"
    )
    stages += hires_stages

    # "本市高校毕业生" read the other way, for a graduate (or one not known not to be) whose answer changes
    other = other_tianjin_reading(reading)
    other_tianjin = build(p, base, from_policy_start, other, f"{MEASURE.id}~tianjin")
    stages += outcome_stages(other_tianjin)
    now, _ = tianjin_graduate_as(reading)
    then, _ = tianjin_graduate_as(other)
    matters = (
        fact("university_graduate").eq_missing(False).not_()
        & now.eq_missing(then).not_()
        & (now.eq_missing(True) & then.is_null()).not_()
    )
    tianjin_note = reading_note(
        other_tianjin, TIANJIN, other, pl.concat_str([pl.lit("reading.tianjin."), other]), shown=matters
    )
    return with_readings(rule, stages, hires_note, tianjin_note)
