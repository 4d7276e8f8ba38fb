"""The typed-frame contract: what a reader hands the columnar evaluator (and what Arrow/Parquet carry).

One row per applicant. The frame holds these columns (any other column is ignored):

* ``kind`` — ``pl.String``: the applicant's kind, a key of :data:`wenjiuye_cli.facts.KINDS`
  (``person``, ``enterprise``, …). Each row gets only its kind's measures.
* ``evaluation_date`` — ``pl.Date``, never null: the day the policy is read on (as ``engine.evaluation_date``
  chooses it: ``--as-of``, else the application date, else today).
* ``id`` — optional, ``pl.String``: passed through to the result.
* one column per fact, named as the fact, typed by the fact's type (:data:`FACT_DTYPES`):

  ============  =====================================================================================
  fact type     polars dtype
  ============  =====================================================================================
  ``money``     ``pl.Decimal(38, 2)`` — yuan, exact to the fen (never float)
  ``ratio``     ``pl.Decimal(38, 6)``
  ``int``       ``pl.Int64``
  ``bool``      ``pl.Boolean``
  ``date``      ``pl.Date``
  ``choice``    ``pl.String`` holding the choice's code (``house``, not 房屋 or ``premises``)
  ``text``      ``pl.String``
  ``firms``     ``pl.List(pl.Struct({"operating_months": pl.Int64, "jobs_created": pl.Int64}))``;
                an empty list is "none" (无), null is missing
  ============  =====================================================================================

**Null is a missing fact**, never 0 or false: the measures then say they cannot decide and name it. A fact
column a frame does not carry is read as all null. Cleaning cells (full-width digits, 元, 是/否, Chinese
dates) and rejecting bad ones is the reader's job, before this frame is built.

:func:`frame_schema` gives the schema for a set of kinds, derived from ``engine.facts_for_kind`` so it can
never drift from the facts the measures declare; :func:`conform` casts a frame to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from wenjiuye_cli.engine import facts_for_kind
from wenjiuye_cli.facts import KINDS, FactType

KIND = "kind"
EVALUATION_DATE = "evaluation_date"
ID = "id"

MONEY = pl.Decimal(38, 2)
RATIO = pl.Decimal(38, 6)
FIRM = pl.Struct({"operating_months": pl.Int64, "jobs_created": pl.Int64})

FACT_DTYPES: Mapping[FactType, pl.DataType] = {
    "money": MONEY,
    "ratio": RATIO,
    "int": pl.Int64(),
    "bool": pl.Boolean(),
    "date": pl.Date(),
    "choice": pl.String(),
    "text": pl.String(),
    "firms": pl.List(FIRM),
}


def fact_schema(kind: str) -> dict[str, pl.DataType]:
    """The fact columns an applicant of ``kind`` may carry, with their dtypes."""
    return {name: FACT_DTYPES[spec.type] for name, spec in facts_for_kind(kind).items()}


def frame_schema(kinds: Iterable[str] = KINDS) -> dict[str, pl.DataType]:
    """The whole frame's schema for applicants of ``kinds`` (default: every kind)."""
    schema: dict[str, pl.DataType] = {ID: pl.String(), KIND: pl.String(), EVALUATION_DATE: pl.Date()}
    for kind in kinds:
        schema.update(fact_schema(kind))
    return schema


def conform(frame: pl.DataFrame | pl.LazyFrame, kinds: Iterable[str] = KINDS) -> pl.LazyFrame:
    """``frame`` with every fact column of ``kinds`` present (absent ones all null) and cast to its dtype.

    A column of the wrong type that cannot be cast raises (a reader defect, not bad input)."""
    lazy = frame.lazy()
    have = lazy.collect_schema()
    exprs: list[pl.Expr] = []
    narrowed: list[str] = []
    for name, dtype in frame_schema(kinds).items():
        if name in have:
            if have[name] != dtype:
                exprs.append(pl.col(name).cast(dtype, strict=True))
                source = have[name]
                if isinstance(source, pl.Decimal) and isinstance(dtype, pl.Decimal):
                    if (source.scale or 0) > (dtype.scale or 0):
                        narrowed.append(name)
        elif name != ID:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
    if narrowed:
        # A decimal column with more places than the contract holds (a reader's ratio of 10 places) must
        # fit it exactly: money and rates are never truncated in silence.
        lost = lazy.select(
            [
                (pl.col(n).cast(frame_schema(kinds)[n]).cast(have[n]) != pl.col(n)).any().alias(n)
                for n in narrowed
            ]
        ).collect()
        bad = [n for n in narrowed if lost[n][0]]
        if bad:
            raise ValueError(f"columns {bad} hold more decimal places than the typed-frame contract keeps")
    return lazy.with_columns(exprs) if exprs else lazy
