"""Statutory retirement age over columns (法定退休年龄: 第十、十一、十二、二十七条 "距法定退休年龄不足N年").

  全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024年9月13日）：
  从2025年1月1日起，男职工和原法定退休年龄为五十五周岁的女职工，法定退休年龄每四个月延迟一个月，
  分别逐步延迟至六十三周岁和五十八周岁；原法定退休年龄为五十周岁的女职工，法定退休年龄每二个月
  延迟一个月，逐步延迟至五十五周岁。

The rule is :mod:`wenjiuye_cli.retirement` (held to it by ``tests/rules/test_retirement.py``): per group
(``men``, ``women55``, ``women50``) the original age (read on the 50th birthday), and the months the reform
adds — one for every ``birth_months_per_added_month`` months of birth counted from the group's first reform
birth month (the first counting), at most ``max_added_months`` — with the reform parameters read on the day
the original age is reached (none in force before 2025-01-01: the original age is kept). The age in months
is then month arithmetic on the birth date.

:func:`stage_retirement` materialises it once as columns (``~<measure>.retirement.*``): every condition and
limit that uses the date reads the column, never the when/then tree again (inlined, it cost 9× in the
prototypes). :func:`retirement_condition` is the condition ``retirement_age`` every such measure checks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import Params, add_months, capped, month_index
from wenjiuye_cli.engine.rule import Cond, Scope, arg, cond
from wenjiuye_cli.facts import BIRTH_DATE, ORIGINAL_RETIREMENT_AGE, SEX
from wenjiuye_cli.outcome import Label
from wenjiuye_cli.retirement import FEMALE, MALE, RetirementInputError, parameter_group

GROUPS = ("men", "women55", "women50")


def _base_age(p: Params, group: str, birth: pl.Expr) -> pl.Expr:
    # retirement._base_age: the original age in force on the 50th birthday (in force from 1978)
    return p.param(f"retirement.{group}_base_age", on=add_months(birth, 50 * 12), from_policy_start=False)


def added_months(p: Params, group: str, birth: pl.Expr, base: pl.Expr) -> pl.Expr:
    """``retirement.added_months``: months the reform adds for ``group`` (0 before its first birth month, or
    when no reform value is in force on the day the original age is reached)."""
    reached = add_months(birth, base * 12)
    prefix = f"retirement.{group}_"
    first = p.param(prefix + "reform_first_birth_month", on=reached, from_policy_start=False)
    per = p.param(prefix + "birth_months_per_added_month", on=reached, from_policy_start=False)
    most = p.param(prefix + "max_added_months", on=reached, from_policy_start=False)
    index = month_index(birth) - month_index(first)
    not_in_force = first.is_null() | per.is_null() | most.is_null()
    return (
        pl.when(not_in_force | (index < 0))
        .then(0)
        # a zero ``per`` gives null (x // 0 is null), so no age: ``capped`` keeps it null where
        # ``pl.min_horizontal`` would skip it and give the most months
        .otherwise(capped(index // per + 1, most))
        .cast(pl.Int64)
    )


def stage_retirement(p: Params, s: Scope) -> dict[str, pl.Expr]:
    """Stage the person's statutory retirement as columns; returns references to

    * ``known`` — true when sex, birth date and (for women) the original age are given and fit the table,
      false when given but unusable (a man's 55, a woman's 52), null when a fact is missing;
    * ``date`` (Date), ``years`` and ``months`` (the age), ``group`` — null unless ``known``;
    * ``sex``, ``birth``, ``original`` and the groups' original ages, for the condition's words."""
    sex, birth = pl.col(SEX.name), pl.col(BIRTH_DATE.name)
    original = pl.col(ORIGINAL_RETIREMENT_AGE.name)
    base = {g: _base_age(p, g, birth) for g in GROUPS}
    bases = s.stage(**{f"retirement.base.{g}": base[g] for g in GROUPS})
    base = {g: bases[f"retirement.base.{g}"] for g in GROUPS}
    # retirement.parameter_group: a man's original age may only be his group's (or blank); a woman's picks
    # her group (55 first, so the later group wins when both ages are equal)
    group: pl.Expr = (
        pl.when((sex == MALE) & (original.is_null() | (original == base["men"])))
        .then(pl.lit("men"))
        .when((sex == FEMALE) & (original == base["women55"]))
        .then(pl.lit("women55"))
        .when((sex == FEMALE) & (original == base["women50"]))
        .then(pl.lit("women50"))
    )
    missing = sex.is_null() | birth.is_null() | ((sex == FEMALE) & original.is_null())
    staged = s.stage(
        **{
            "retirement.group": pl.when(birth.is_not_null()).then(group),
            "retirement.missing": missing,
        }
    )
    group, missing = staged["retirement.group"], staged["retirement.missing"]
    total: Any = None
    for g in GROUPS:
        months = base[g] * 12 + added_months(p, g, birth, base[g])
        total = (pl.when(group == g) if total is None else total.when(group == g)).then(months)
    age = s.stage(**{"retirement.total": total.otherwise(None).cast(pl.Int64)})["retirement.total"]
    known = pl.when(missing).then(None).otherwise(group.is_not_null() & age.is_not_null())
    out = s.stage(
        **{
            "retirement.known": known,
            "retirement.date": pl.when(known).then(add_months(birth, age)),
            "retirement.years": pl.when(known).then(age // 12),
            "retirement.months": pl.when(known).then(age % 12),
        }
    )
    return {
        "known": out["retirement.known"],
        "date": out["retirement.date"],
        "years": out["retirement.years"],
        "months": out["retirement.months"],
        "group": group,
        "sex": sex,
        "birth": birth,
        "original": original,
        **{f"base.{g}": base[g] for g in GROUPS},
    }


def _problem(value: dict[str, Any]) -> Label | None:
    """The words for facts that do not fit the table (``retirement.parameter_group``'s exception texts),
    from the row's sex, original age and the groups' original ages."""
    ages = {f"retirement.{g}_base_age": value[g] for g in GROUPS}

    def lookup(key: str, _on: date) -> int:
        return int(ages[key])

    try:
        parameter_group(value["sex"], value["original"], lookup, value["birth"])
    except RetirementInputError as exc:
        return Label(exc.zh, exc.en)
    return None


def retirement_condition(ret: dict[str, pl.Expr]) -> Cond:
    """The condition ``retirement_age`` as ``check_retirement`` records it: known (age and date), unknown
    naming the missing facts (sex, birth date and, for a woman, the original age), or unusable (given
    facts outside the reform table: what was given and why, nothing missing)."""
    known, sex = ret["known"], ret["sex"]
    which = (
        pl.when(known)
        .then(pl.lit("retirement_age.known"))
        .when(known.is_null())
        .then(pl.lit("retirement_age.unknown"))
        .otherwise(pl.lit("retirement_age.unusable"))
    )
    problem = pl.when(known.not_()).then(
        pl.struct(
            sex.alias("sex"),
            ret["original"].alias("original"),
            ret["birth"].alias("birth"),
            *(ret[f"base.{g}"].alias(g) for g in GROUPS),
        )
    )
    return cond(
        "retirement_age",
        pl.when(known).then(True),
        args={
            "which": which,
            "years": ret["years"],
            "months": ret["months"],
            "date": ret["date"],
            "problem": arg(problem, _problem),
        },
        missing=[
            (SEX.name, sex.is_null()),
            (BIRTH_DATE.name, ret["birth"].is_null()),
            (ORIGINAL_RETIREMENT_AGE.name, (sex == FEMALE) & ret["original"].is_null()),
        ],
    )


def within_years_of_retirement(retirement_date: pl.Expr, on: pl.Expr, years: pl.Expr) -> pl.Expr:
    """``retirement.within_years_of_retirement``: strictly fewer than ``years`` years remain on ``on``."""
    return on > add_months(retirement_date, -12 * years)
