"""第十条（鼓励企业吸纳就业）一次性吸纳就业补贴 — 附件1 序号29 (责任部门：区人社局)

  企业吸纳登记失业半年以上人员就业的，中小微企业吸纳应届高校毕业生和毕业2年内离校未就业高校毕业生就业的，
  企业招用农村劳动力就业的，签订1年以上劳动合同并按规定缴纳社会保险费满3个月，按照每人1000元的标准，
  给予企业一次性吸纳就业补贴；对新招用困难村劳动力就业的，标准提高到每人2000元，参保缴费条件放宽至满1个月。

One ``hire`` row is one hire, read as ``wenjiuye_cli.rules.hiring_subsidy`` reads it:

* four categories of hire, any one of which qualifies (Kleene ``|``: one yes decides, all no decide):
  registered unemployed for ``hiring_subsidy.unemployed_min_months`` months by the hire date (that day
  counts; registration read as ``_unemployment``), a graduate in a first job hired by an SME no later than
  ``hiring_subsidy.graduate_within_years`` years after graduating, rural labour, poor-village labour;
* a contract of ``hiring_subsidy.min_contract_months`` months or more, or open-ended;
* contributions for ``hiring_subsidy.min_contribution_months`` months, relaxed to
  ``hiring_subsidy.poor_village_min_contribution_months`` for poor-village labour (between the two, the
  answer waits for ``poor_village_labour``);
* "施行后" (``general.hires_from_policy_start``): by default a hire made before the policy brings the
  subsidy when its contribution condition is completed on or after the policy's first day; with the flag
  set, only hires made once it is in force count. A hire made before the policy is told what the other
  reading gives.

The standard is ``hiring_subsidy.poor_village_per_person`` for poor-village labour, else
``hiring_subsidy.standard_per_person``, once per person whatever the number of categories.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import NULL_BOOL, Params, add_months, fact, known_if
from wenjiuye_cli.engine.rule import Arg, Cond, Rule, Scope, Settle, Step, arg, cond, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import LazyLabel, Measure, Status
from wenjiuye_cli.rules._branches import Branch, missing_in_order
from wenjiuye_cli.rules._founder import renamed, with_readings
from wenjiuye_cli.rules._hire import (
    CONTRACT_MONTHS,
    CONTRIBUTION_MONTHS,
    E_GRADUATION_DATE,
    E_POOR_VILLAGE_LABOUR,
    E_REGISTERED_UNEMPLOYED,
    E_REGISTERED_UNEMPLOYED_SINCE,
    E_RURAL_LABOUR,
    E_UNIVERSITY_GRADUATE,
    HIRE_DATE,
    HIRES_KEY,
    OPEN_ENDED_CONTRACT,
    contract_cond,
    hire_date_cond,
    hire_date_reading,
    hired_in_force_under,
    names_label,
)
from wenjiuye_cli.rules._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.rules._periods import ALL_STATUSES
from wenjiuye_cli.rules._unemployment import MESSAGES as UNEMPLOYMENT_MESSAGES

SME = fact_spec(
    "sme", "bool", ("是否中小微企业", "small, medium or micro enterprise (SME)"),
    ("按国家中小企业划型标准属于中型、小型或微型企业", "medium, small or micro by the national SME classification"),
    ("hire",),
)  # fmt: skip
FIRST_JOB_SINCE_GRADUATION = fact_spec(
    "first_job_since_graduation", "bool", ("是否离校后首次就业", "first job since leaving university"),
    ("应届毕业生或离校后一直未就业的毕业生填 是", "yes for a final-year graduate or one not employed since leaving"),
    ("hire",),
)  # fmt: skip

# Placeholders are filled from the parameters (``_category_values``), never written in.
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "unemployed": ("登记失业{months}个月以上人员", "registered unemployed for at least {months} months"),
    "graduate": (
        "中小微企业吸纳的应届或毕业{years}年内离校未就业高校毕业生",
        "a new graduate, or one within {years} years of graduating not employed since, hired by an SME",
    ),
    "rural": ("农村劳动力", "rural labour"),
    "poor_village": ("困难村劳动力", "labour from a poor village"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **HIRE_MESSAGES,
    **UNEMPLOYMENT_MESSAGES,
    "entitled_in_force": (
        "施行前招用（{hired}），缴费满 {required} 个月之日 {met} 不早于施行日 {start}",
        "hired before the policy ({hired}): {required} months of contributions are reached on {met}, "
        "not before it came into force on {start}",
    ),
    "cat.none": (
        "不属于任何一类吸纳对象（{categories}：均不符合）",
        "in none of the qualifying categories ({categories}: none applies)",
    ),
    "cat.unknown": ("无法确定", "cannot be determined"),
    "hire_category": ("属于吸纳对象：{which}", "a qualifying hire: {which}"),
    "unemployed_half_year": (
        "登记失业半年以上：{since} 登记，满 {months} 个月之日 {threshold}，招用日 {hired}：{result}",
        "registered unemployed for half a year: registered {since}, {months} months on {threshold}, "
        "hired {hired}: {result}",
    ),
    "graduate_window": (
        "中小微企业招用毕业 {years} 年内的离校后首次就业的高校毕业生：{graduated} 毕业，截至 {until}，招用日 {hired}",
        "an SME hiring a graduate in a first job within {years} years of graduating ({graduated}, until {until}); "
        "hired {hired}",
    ),
    "contributions": (
        "按规定缴纳社会保险费满 {required} 个月：{paid}",
        "social insurance paid for at least {required} months: {paid}",
    ),
    "contributions.paid": ("已缴 {months} 个月", "{months} months paid"),
    "contributions.unknown": ("已缴月数未知", "months paid unknown"),
    "standard_known": (
        "是否困难村劳动力（决定补贴标准 {low} 或 {high} 元）",
        "whether the hire is poor-village labour (decides {low} or {high} yuan)",
    ),
    "arith.one_off": (
        "{which}：一次性补贴 {standard} 元/人 × 1 人 = {amount} 元",
        "{which}: one-off {standard} yuan × 1 person = {amount} yuan",
    ),
    "note.poor_village_instead": (
        "同一人同时属于多类吸纳对象（{which}），按困难村劳动力标准 {high} 元计，不再另给 {low} 元",
        "the hire is in several categories ({which}): the poor-village standard of {high} yuan applies, "
        "not {low} yuan on top",
    ),
    "note.once": (
        "同一人属于多类吸纳对象（{which}），一次性补贴只给一次",
        "the hire is in several categories ({which}); the one-off subsidy is paid once",
    ),
}


MEASURE = Measure(
    id="hiring_subsidy",
    name_zh="一次性吸纳就业补贴",
    name_en="one-off hiring subsidy",
    article="十",
    tasks=(29,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(
        APPLICATION_DATE,
        HIRE_DATE,
        E_REGISTERED_UNEMPLOYED,
        E_REGISTERED_UNEMPLOYED_SINCE,
        SME,
        E_UNIVERSITY_GRADUATE,
        E_GRADUATION_DATE,
        FIRST_JOB_SINCE_GRADUATION,
        E_RURAL_LABOUR,
        E_POOR_VILLAGE_LABOUR,
        CONTRACT_MONTHS,
        OPEN_ENDED_CONTRACT,
        CONTRIBUTION_MONTHS,
    ),
    messages=MESSAGES,
)


CATEGORIES = tuple(CATEGORY_NAMES)  # unemployed, graduate, rural, poor_village: the order they are named in


def _categories(value: Mapping[str, Any]) -> LazyLabel | str:
    """The categories met (``which``: keys joined by commas), named with the parameters' numbers, or the
    message code saying none or unknown."""
    which = value["which"]
    if which.startswith("cat."):
        return str(which)
    return names_label(CATEGORY_NAMES, which.split(","), months=value["months"], years=value["years"])


def _named(which: pl.Expr, months: pl.Expr, years: pl.Expr) -> Arg:
    return arg(pl.struct(which=which, months=months, years=years), _categories)


def build(p: Params, hires_from_start: pl.Expr, measure_id: str) -> Rule:
    """The rule with ``general.hires_from_policy_start`` read as ``hires_from_start``."""
    s = Scope(measure_id)
    hired = fact("hire_date")
    flag, since = fact("registered_unemployed"), fact("registered_unemployed_since")
    sme, graduate, graduated = fact("sme"), fact("university_graduate"), fact("graduation_date")
    first_job = fact("first_job_since_graduation")
    rural, poor = fact("rural_labour"), fact("poor_village_labour")
    contributed = fact("contribution_months")
    start = p.param("general.policy_start")

    # 登记失业半年以上: registered at least ``months`` months before the hire (the day itself counts)
    months = p.param("hiring_subsidy.unemployed_min_months")
    # 毕业2年内: hired no later than ``years`` years after graduating
    years = p.param("hiring_subsidy.graduate_within_years")
    dates = s.stage(
        contradiction=since.is_not_null() & flag.eq_missing(False),
        threshold=add_months(since, months),
        until=add_months(graduated, years * 12),
        # sme, graduate and first job not known false: the graduate branch is looked at (its window shown)
        graduate_open=~(sme.eq_missing(False) | graduate.eq_missing(False) | first_job.eq_missing(False)),
    )
    contradiction, threshold, until = dates["contradiction"], dates["threshold"], dates["until"]
    graduate_open = dates["graduate_open"]
    in_window = known_if(hired <= until, graduated, hired)
    branches = s.stage(
        unemployed=pl.when(since.is_null() & flag.eq_missing(False))
        .then(False)
        .when(contradiction | since.is_null())
        .then(NULL_BOOL)
        .otherwise(known_if(hired >= threshold, hired)),
        graduate=pl.when(graduate_open).then(sme & in_window & first_job).otherwise(False),
    )
    unemployed, graduate_branch = branches["unemployed"], branches["graduate"]
    met = {"unemployed": unemployed, "graduate": graduate_branch, "rural": rural, "poor_village": poor}
    joined = pl.concat_str(
        [pl.when(v.fill_null(False)).then(pl.lit(k)) for k, v in met.items()],
        separator=",",
        ignore_nulls=True,
    )
    staged = s.stage(
        category=unemployed | graduate_branch | rural | poor,  # any3
        met=joined,
        # the categories known to be met (an unknown one is not met: it is named missing instead)
        met_count=pl.sum_horizontal([v.fill_null(False).cast(pl.Int32) for v in met.values()]),
    )
    category, met_keys, met_count = staged["category"], staged["met"], staged["met_count"]
    which = (
        pl.when(met_keys != "")
        .then(met_keys)
        .when(category.eq_missing(False))
        .then(pl.lit("cat.none"))
        .otherwise(pl.lit("cat.unknown"))
    )
    none = pl.when(category.eq_missing(False)).then(
        pl.struct(which=pl.lit(",".join(CATEGORIES)), months=months, years=years)
    )
    undecided_graduate = graduate_branch.is_null()
    hire_category = cond(
        "hire_category",
        category,
        args={"which": _named(which, months, years), "categories": arg(none, _categories)},
        missing=[
            ("registered_unemployed", since.is_null() & flag.is_null()),
            ("registered_unemployed_since", since.is_null() & flag.eq_missing(True)),
            ("sme", undecided_graduate & sme.is_null()),
            ("graduation_date", undecided_graduate & graduated.is_null()),
            ("first_job_since_graduation", undecided_graduate & first_job.is_null()),
            ("rural_labour", rural.is_null()),
            ("poor_village_labour", poor.is_null()),
        ],
    )

    # 按规定缴纳社会保险费满3个月; 困难村劳动力 参保缴费条件放宽至满1个月
    normal_min = p.param("hiring_subsidy.min_contribution_months")
    poor_min = p.param("hiring_subsidy.poor_village_min_contribution_months")
    required = s.stage(required=pl.when(poor.eq_missing(True)).then(poor_min).otherwise(normal_min))[
        "required"
    ]
    contributions = cond(
        "contributions",
        pl.when(contributed.is_null())
        .then(NULL_BOOL)
        .when(poor.eq_missing(True) | (contributed >= normal_min))
        .then(contributed >= required)
        .when(poor.eq_missing(False) | (contributed < poor_min))
        .then(False)
        .otherwise(NULL_BOOL),
        args={
            "required": required,
            "paid": pl.when(contributed.is_null())
            .then(pl.lit("contributions.unknown"))
            .otherwise(pl.lit("contributions.paid")),
            "months": contributed,
        },
        missing=[
            ("contribution_months", contributed.is_null()),
            ("poor_village_labour", contributed.is_not_null()),
        ],
    )
    # A hire made before the policy (the default reading): the contribution condition is met in force
    met_on = add_months(hired, required)
    entitled = cond(
        "entitled_in_force",
        met_on >= start,
        args={"hired": hired, "required": required, "met": met_on, "start": start},
        shown=hired.is_not_null() & ~hires_from_start & (hired < start),
    )
    conditions: tuple[Cond, ...] = (
        hire_date_cond(hired),
        hired_in_force_under(p, hired, hires_from_start),
        hire_category,
        cond(
            "unemployment.contradiction",
            NULL_BOOL,
            args={"since": since},
            shown=category.is_null() & contradiction,
        ),
        contract_cond(p, "hiring_subsidy.min_contract_months"),
        contributions,
        entitled,
    )
    passed = s.stage(passed=Branch("all", conditions).verdict().fill_null(False))["passed"]

    # 标准提高到每人2000元 for poor-village labour: unknown until it is known whether the hire is
    low = p.param("hiring_subsidy.standard_per_person")
    high = p.param("hiring_subsidy.poor_village_per_person")
    steps: tuple[Step, ...] = (
        *conditions,
        Settle(),
        cond(
            "standard_known",
            pl.when(poor.is_not_null()).then(True),
            args={"low": low, "high": high},
            missing=["poor_village_labour"],
            shown=poor.is_null() & passed,
        ),
        Settle(),
    )
    standard = pl.when(poor).then(high).otherwise(low)
    applied = (
        pl.when(poor)
        .then(pl.lit("poor_village"))
        .when(unemployed)
        .then(pl.lit("unemployed"))
        .when(graduate_branch)
        .then(pl.lit("graduate"))
        .otherwise(pl.lit("rural"))
    )
    several = met_count > 1
    return Rule(
        renamed(MEASURE, measure_id),
        stages=tuple(s.stages),
        steps=steps,
        final=Status.ELIGIBLE,
        amount=standard,
        payee="enterprise",
        arithmetic=(
            msg(
                "arith.one_off",
                {"which": _named(applied, months, years), "standard": standard, "amount": standard},
            ),
        ),
        notes=(
            msg(
                "unemployed_half_year",
                {
                    "since": since,
                    "months": months,
                    "threshold": threshold,
                    "hired": hired,
                    "result": unemployed,
                },
                shown=since.is_not_null() & ~contradiction & hired.is_not_null(),
                statuses=ALL_STATUSES,
            ),
            msg(
                "graduate_window",
                {"years": years, "graduated": graduated, "until": until, "hired": hired},
                shown=graduate_open & graduated.is_not_null() & hired.is_not_null(),
                statuses=ALL_STATUSES,
            ),
            msg(
                "note.poor_village_instead",
                {"which": _named(met_keys, months, years), "high": high, "low": low},
                shown=poor.fill_null(False) & several,
            ),
            msg(
                "note.once",
                {"which": _named(met_keys, months, years)},
                shown=~poor.fill_null(False) & several,
            ),
        ),
        missing_facts=missing_in_order(steps),
        # the outcome's ``extra`` (the category paid and every category met), for the explanation
        explain_columns={
            "category": applied,
            "categories_met": pl.when(met_keys == "")
            .then(pl.lit([], dtype=pl.List(pl.String)))
            .otherwise(met_keys.str.split(",")),
        },
        extra={  # eligible outcomes only
            "category": extra(applied),
            "categories_met": extra(
                pl.when(met_keys == "")
                .then(pl.lit([], dtype=pl.List(pl.String)))
                .otherwise(met_keys.str.split(","))
            ),
        },
    )


def declare(p: Params) -> Rule:
    rule = build(p, p.param(HIRES_KEY), MEASURE.id)
    stages, note = hire_date_reading(p, MEASURE.id, build)
    return with_readings(rule, stages, note)
