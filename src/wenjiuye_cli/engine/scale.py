"""Scale-out: one table of applicants in, one table of results out, for Dask, Spark or Ray (issue 12 §4).

:func:`evaluate_table` maps one Arrow table or polars frame of applicants — the typed frame
:mod:`wenjiuye_cli.io`'s readers yield (``row``, ``id``, ``kind`` and one column per fact, see
:func:`wenjiuye_cli.io.schema.typed_schema`) — to the results ``wenjiuye batch`` writes, one row per
applicant in input order::

    row (when the input has it), id, kind, as_of,
    <measure>.status, <measure>.amount, <measure>.maximum   (every measure, in the registry's order)
    total, maxima_total

``status`` is a ``pl.String`` (the :class:`~wenjiuye_cli.outcome.Status` value; null for a measure the
row's kind does not have, where ``wenjiuye batch`` leaves the cell empty), amounts are ``pl.Decimal(38, 2)``
(null where the CSV cell is empty), ``as_of`` is the evaluation date (``as_of``, else the application date,
else ``today``, as :func:`wenjiuye_cli.engine.evaluation_date` chooses). An Arrow table in gives an Arrow
table out; a polars frame gives a polars frame. The policy pickles (``--set``s and reforms included), so the
function and its policy are what Dask's ``map_partitions``, Spark's ``mapInArrow`` and Ray's ``map_batches``
take; see ``examples/scale-out/``.

Every measure (its rule in :mod:`wenjiuye_cli.rules`) goes through
:func:`wenjiuye_cli.engine.query.evaluate_frame`.

Plain Python over polars: no typer, no rich.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from wenjiuye_cli.engine import (
    Applicant,
    ApplicantResult,
    measures_for_kind,
    registry,
)
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.engine.schema import EVALUATION_DATE, MONEY
from wenjiuye_cli.facts import Facts
from wenjiuye_cli.outcome import Outcome
from wenjiuye_cli.policy import Policy

ROW, ID, KIND, AS_OF = "row", "id", "kind", "as_of"
TOTALS = ("total", "maxima_total")
WIDE_PARTS = ("status", "amount", "maximum")  # each measure's columns in the results


def result_schema(with_row: bool = False) -> pl.Schema:
    """The columns :func:`evaluate_table` returns (``row`` first when the input has one)."""
    columns: dict[str, pl.DataType] = {ROW: pl.Int64()} if with_row else {}
    columns.update({ID: pl.String(), KIND: pl.String(), AS_OF: pl.Date()})
    for measure in registry():
        columns[f"{measure.id}.status"] = pl.String()
        columns[f"{measure.id}.amount"] = MONEY
        columns[f"{measure.id}.maximum"] = MONEY
    for name in TOTALS:
        columns[name] = MONEY
    return pl.Schema(columns)


def evaluate_table(
    table: Any,
    policy: Policy,
    *,
    as_of: date | None = None,
    today: date | None = None,
) -> Any:
    """The results of every applicant of ``table`` (a ``pa.Table``, ``pa.RecordBatch`` or
    ``pl.DataFrame``), typed as the module doc says; an Arrow input gives a ``pa.Table`` back.

    ``as_of`` is ``--as-of``; ``today`` the day an applicant without an application date is evaluated on
    (default: today). A frame that already carries ``evaluation_date`` is evaluated on it."""
    arrow = not isinstance(table, pl.DataFrame)
    frame = _polars(table)
    on = _evaluation_dates(frame, as_of, today or date.today())
    frame = frame.with_columns(on.alias(EVALUATION_DATE))
    out = _results(frame, policy)
    return out.to_arrow() if arrow else out


def _polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pl.DataFrame):
        return table
    converted = pl.from_arrow(table)
    assert isinstance(converted, pl.DataFrame)
    return converted


def _evaluation_dates(frame: pl.DataFrame, as_of: date | None, today: date) -> pl.Series:
    if EVALUATION_DATE in frame.columns:
        return frame.get_column(EVALUATION_DATE).cast(pl.Date)
    if as_of is not None:
        return pl.Series(EVALUATION_DATE, [as_of] * frame.height, dtype=pl.Date)
    applied = (
        pl.col("application_date").cast(pl.Date) if "application_date" in frame.columns else pl.lit(None)
    )
    return frame.select(pl.coalesce(applied, pl.lit(today, dtype=pl.Date))).to_series()


def with_evaluation_dates(
    frame: pl.DataFrame, *, as_of: date | None = None, today: date | None = None
) -> pl.DataFrame:
    """``frame`` with its ``evaluation_date`` column (``as_of``, else the application date, else ``today``)."""
    on = _evaluation_dates(frame, as_of, today or date.today())
    return frame.with_columns(on.alias(EVALUATION_DATE))


def results_of(frame: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    """:func:`evaluate_table`'s results for a typed frame that already has its ``evaluation_date``."""
    return _results(frame, policy)


def applicant_results(
    frame: pl.DataFrame, policy: Policy, *, as_of: date | None = None, explain: bool = False
) -> list[ApplicantResult]:
    """Every applicant of ``frame`` (typed, with ``evaluation_date``) as the engine's
    :class:`~wenjiuye_cli.engine.ApplicantResult`, outcomes in the engine's order, so today's renderers
    (``output.result_dict``, ``output.itemised_rows``) give today's words. ``explain``: with the conditions
    and arithmetic (``--detail``), from :func:`~wenjiuye_cli.engine.render.outcome_of`.
    ``as_of`` is ``--as-of`` (it names each result's ``as_of_source``)."""
    from wenjiuye_cli.engine.applicants import totals
    from wenjiuye_cli.engine.query import rules_for
    from wenjiuye_cli.engine.render import lean_outcome_of, outcome_of

    rules = {r.measure.id: r for r in rules_for(policy)}
    columnar = evaluate_frame(frame, policy, explain=explain)
    ids = frame.get_column(ID).to_list() if ID in frame.columns else [str(i) for i in range(frame.height)]
    kinds = frame.get_column(KIND).to_list()
    dates = frame.get_column(EVALUATION_DATE).to_list()
    applied = frame.get_column("application_date").to_list() if "application_date" in frame.columns else None
    out: list[ApplicantResult] = []
    for i, row in enumerate(columnar.iter_rows(named=True)):
        kind = kinds[i]
        outcomes: list[Outcome] = []
        for measure in measures_for_kind(kind):
            rule = rules[measure.id]
            outcome: Outcome | None
            if explain:
                outcome = outcome_of(row, rule, policy)
            else:
                outcome = lean_outcome_of(row, rule)
            if outcome is not None:
                outcomes.append(outcome)
        source = "--as-of" if as_of is not None else "application_date" if applied and applied[i] else "today"
        applicant = Applicant(str(ids[i]), kind, Facts({}))
        total, maxima = totals(outcomes)
        out.append(ApplicantResult(applicant, dates[i], source, outcomes, total, maxima))
    return out


def _results(frame: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    schema = result_schema(with_row=ROW in frame.columns)
    columnar = evaluate_frame(frame, policy, parts=WIDE_PARTS)
    data: dict[str, pl.Series] = {}
    for name, dtype in schema.items():
        if name == AS_OF:
            series = frame.get_column(EVALUATION_DATE)
        elif name in TOTALS:
            series = columnar.get_column(name).cast(MONEY)
        elif name in columnar.columns:
            series = columnar.get_column(name)
        elif name in frame.columns:
            series = frame.get_column(name)
        else:
            series = pl.Series(name, [None] * frame.height)
        data[name] = series.cast(dtype).alias(name)
    return pl.DataFrame(data, schema=schema)
