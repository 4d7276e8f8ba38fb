"""A founder's business, shared by 第十四条 序号35 and 序号36, as expressions.

* :func:`business_type` — whether the business counts as 企业 (a sole proprietorship only when
  ``first_startup.sole_proprietorship_counts``), recorded as ``business_type``;
* :func:`sole_proprietorship_reading` — the note "按另一种理解（…）" that ``_founder.with_sole_proprietorship_reading``
  adds for a sole proprietor: the measure's rule declared a second time with the flag flipped, evaluated as
  stages of the first (:mod:`wenjiuye_cli.engine.readings`), and what it gives said in the note
  (:func:`wenjiuye_cli.rules._hire.other_reading_note`, the one copy of that note).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import polars as pl

from wenjiuye_cli.engine.expr import Params, fact
from wenjiuye_cli.engine.readings import other_outcome, outcome_stages
from wenjiuye_cli.engine.rule import Cond, Msg, Rule, arg, cond
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Label, Measure
from wenjiuye_cli.rules._hire import other_reading_note
from wenjiuye_cli.rules._periods import ALL_STATUSES as ALL_STATUSES  # importable from here as before
from wenjiuye_cli.rules._readings import MESSAGES as READING_MESSAGES

FIRST_BUSINESS = fact_spec(
    "first_business", "bool", ("是否首次创办企业", "first business founded"),
    ("本人此前未创办过企业（含个体工商户）", "the applicant has not founded a business before"), ("person",),
)  # fmt: skip
BUSINESS_TYPE = fact_spec(
    "business_type", "choice", ("创业实体类型", "type of business"),
    ("enterprise（企业）或 sole_proprietorship（个体工商户）", "enterprise or sole proprietorship (个体工商户)"),
    ("person",),
    choices={"enterprise": ("企业", "enterprise"), "sole_proprietorship": ("个体工商户", "sole proprietorship")},
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **READING_MESSAGES,
    "business_type": ("创业实体：{business}{counts}", "type of business: {business}{counts}"),
    "business_type.sole_ok": (
        "（首次创办小微企业或从事个体经营均适用，first_startup.sole_proprietorship_counts=true）",
        " (a first small business or self-employment both count: first_startup.sole_proprietorship_counts=true)",
    ),
    "reading.sole.false": (
        "第十四条只写“创办企业”，个体工商户不适用",
        "article 14 says 'founds an enterprise' only: a sole proprietorship does not count",
    ),
    "reading.sole.true": (
        "按国家和市级口径“首次创办小微企业或从事个体经营”，个体工商户也适用",
        "as the national and city rules, 'a first small business or self-employment': a sole proprietorship counts",
    ),
    "business_type.sole_excluded": (
        "（第十四条只写“创办企业”，个体工商户不适用；可用 --set first_startup.sole_proprietorship_counts=true 改变）",
        " (article 14 says 'enterprise' only; override with --set first_startup.sole_proprietorship_counts=true)",
    ),
    "business_type.enterprise": ("", ""),
    "first_business": ("首次创办企业", "first business founded"),
    "registered_in_heping": ("在本区注册", "registered in Heping District"),
}


SOLE_KEY = "first_startup.sole_proprietorship_counts"


def _business(code: str) -> Label:
    return Label(*BUSINESS_TYPE.choices[code])


def business_type(sole_counts: pl.Expr) -> Cond:
    """创办企业: an enterprise counts; a sole proprietorship only when ``sole_counts`` holds."""
    business = fact("business_type")
    result = (
        pl.when(business == "enterprise").then(True).when(business == "sole_proprietorship").then(sole_counts)
    )
    counts = (
        pl.when(business == "sole_proprietorship")
        .then(
            pl.when(sole_counts)
            .then(pl.lit("business_type.sole_ok"))
            .otherwise(pl.lit("business_type.sole_excluded"))
        )
        .otherwise(pl.lit("business_type.enterprise"))
    )
    return cond(
        "business_type",
        result,
        args={"business": arg(business, _business), "counts": counts},
        missing=["business_type"],
    )


def sole_proprietorship_reading(
    p: Params, measure: Measure, declare: Callable[[Params, pl.Expr, str], Rule]
) -> tuple[tuple[dict[str, pl.Expr], ...], Msg]:
    """The stages that evaluate the measure under the other reading of ``first_startup.sole_proprietorship_counts``
    and the note saying what it gives, for a sole proprietor (``declare(p, sole_counts, id)`` builds the
    rule with the flag read as ``sole_counts`` under the measure id ``id``)."""
    current = p.param(SOLE_KEY)
    other_id = f"{measure.id}~other"
    other = declare(p, ~current, other_id)
    reading = pl.when(~current).then(pl.lit("reading.sole.true")).otherwise(pl.lit("reading.sole.false"))
    sole = fact("business_type") == "sole_proprietorship"
    note = other_reading_note(SOLE_KEY, ~current, reading, other_outcome(other), sole)
    return outcome_stages(other), note


def renamed(measure: Measure, measure_id: str) -> Measure:
    """The measure's metadata under another id (the second run of an other reading)."""
    return measure if measure_id == measure.id else replace(measure, id=measure_id)


def with_readings(rule: Rule, stages: Sequence[Mapping[str, pl.Expr]], *notes: Msg) -> Rule:
    """``rule`` evaluated with its other readings: their runs' ``stages`` before its own, their ``notes``
    after its own, every other declaration as it is (and the evaluator's memo fresh)."""
    return replace(rule, stages=(*stages, *rule.stages), notes=(*rule.notes, *notes), memo={})
