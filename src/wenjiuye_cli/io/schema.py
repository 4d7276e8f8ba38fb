"""The typed frame: one polars dtype per fact type, in one function (:func:`fact_dtype`).

The columnar evaluator's schema contract (``columnar/schema.py``) uses the same mapping; after the
merge, point :func:`fact_dtype` at it and nothing else in :mod:`wenjiuye_cli.io` changes.

A typed frame has the columns ``row`` (the row number as Excel shows it), ``id``, ``kind`` and one
column per fact of :func:`wenjiuye_cli.engine.all_facts`, in that order. A null is a missing fact.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from wenjiuye_cli.engine import all_facts
from wenjiuye_cli.facts import FactSpec, FactType

MONEY_SCALE = 2  # yuan and fen
RATIO_SCALE = 10  # 3.875% is 0.03875: ten places hold any rate written to eight places in percent
DECIMAL_PRECISION = 38

FIRM = pl.Struct({"operating_months": pl.Int64, "jobs_created": pl.Int64})

_DTYPES: dict[FactType, pl.DataType] = {
    "money": pl.Decimal(DECIMAL_PRECISION, MONEY_SCALE),
    "ratio": pl.Decimal(DECIMAL_PRECISION, RATIO_SCALE),
    "int": pl.Int64(),
    "bool": pl.Boolean(),
    "date": pl.Date(),
    "choice": pl.String(),  # the choice's code (male, female), never its label
    "text": pl.String(),
    "firms": pl.List(FIRM),
}

ROW = "row"
ID = "id"
KIND = "kind"


def fact_dtype(spec: FactSpec) -> pl.DataType:
    """The polars dtype of a fact's column: money → Decimal(38, 2), int → Int64, bool → Boolean,
    date → Date, choice → String (the code), ratio → Decimal(38, 10), firms → List(Struct)."""
    return _DTYPES[spec.type]


@cache
def typed_schema() -> pl.Schema:
    """The columns of every typed frame the readers yield, in order."""
    columns: dict[str, pl.DataType] = {ROW: pl.Int64(), ID: pl.String(), KIND: pl.String()}
    for name, spec in all_facts().items():
        columns[name] = fact_dtype(spec)
    return pl.Schema(columns)


REJECTS_SCHEMA = pl.Schema({ROW: pl.Int64(), "reason": pl.String(), "cells": pl.List(pl.String())})
