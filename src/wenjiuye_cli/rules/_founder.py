"""A founder's business, shared by 第十四条 序号35 and 序号36, as expressions (``measures._founder``).

* :func:`business_type` — whether the business counts as 企业 (a sole proprietorship only when
  ``first_startup.sole_proprietorship_counts``), recorded as ``business_type``;
* :func:`sole_proprietorship_reading` — the note "按另一种理解（…）" that ``_founder.with_sole_proprietorship_reading``
  adds for a sole proprietor: the measure's rule declared a second time with the flag flipped, evaluated as
  stages of the first (:mod:`wenjiuye_cli.columnar.readings`), and what it gives said in the note
  (:func:`wenjiuye_cli.rules._hire.other_reading_note`, the one copy of that note).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import polars as pl

from wenjiuye_cli.columnar.expr import Params, fact
from wenjiuye_cli.columnar.readings import other_outcome, outcome_stages
from wenjiuye_cli.columnar.rule import Cond, Msg, Rule, arg, cond
from wenjiuye_cli.measures._founder import BUSINESS_TYPE
from wenjiuye_cli.outcome import Label, Measure
from wenjiuye_cli.rules._hire import other_reading_note
from wenjiuye_cli.rules._periods import ALL_STATUSES as ALL_STATUSES  # importable from here as before

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
