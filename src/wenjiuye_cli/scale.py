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

Migrated measures (those with a rule in :mod:`wenjiuye_cli.rules`) go through
:func:`wenjiuye_cli.columnar.evaluate.evaluate_frame`. The others go through :func:`_scalar_fallback`, the
migration scaffold: today's scalar engine row by row. It is to be deleted when all measures are in ``rules/``.

Plain Python over polars: no typer, no rich.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.columnar.evaluate import evaluate_frame, migrated
from wenjiuye_cli.columnar.schema import EVALUATION_DATE, MONEY
from wenjiuye_cli.engine import (
    Applicant,
    ApplicantResult,
    evaluate,
    facts_for_kind,
    measures_for_kind,
    registry,
)
from wenjiuye_cli.facts import Facts, IncubatedFirm
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Outcome
from wenjiuye_cli.policy import Policy

ROW, ID, KIND, AS_OF = "row", "id", "kind", "as_of"
TOTALS = ("total", "maxima_total")


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
    """Every applicant of ``frame`` (typed, with ``evaluation_date``) as the scalar engine's
    :class:`~wenjiuye_cli.engine.ApplicantResult`, outcomes in the engine's order, so today's renderers
    (``output.result_dict``, ``output.itemised_rows``) give today's words. ``explain``: with the conditions
    and arithmetic (``--detail``), from :func:`~wenjiuye_cli.columnar.render.outcome_of`.
    ``as_of`` is ``--as-of`` (it names each result's ``as_of_source``)."""
    from wenjiuye_cli.columnar.applicants import totals
    from wenjiuye_cli.columnar.evaluate import rules_for
    from wenjiuye_cli.columnar.render import lean_outcome_of, outcome_of

    rules = {r.measure.id: r for r in rules_for(policy)}
    columnar = evaluate_frame(frame, policy, explain=explain)
    pending = [m.id for m in registry() if m.id not in rules]
    scalar, _ = _scalar_fallback_outcomes(frame, policy, pending, lean=not explain)
    ids = frame.get_column(ID).to_list() if ID in frame.columns else [str(i) for i in range(frame.height)]
    kinds = frame.get_column(KIND).to_list()
    dates = frame.get_column(EVALUATION_DATE).to_list()
    applied = frame.get_column("application_date").to_list() if "application_date" in frame.columns else None
    out: list[ApplicantResult] = []
    for i, row in enumerate(columnar.iter_rows(named=True)):
        kind = kinds[i]
        outcomes: list[Outcome] = []
        for measure in measures_for_kind(kind):
            rule = rules.get(measure.id)
            if rule is None:
                outcome: Outcome | None = scalar[i].get(measure.id)
            elif explain:
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
    columnar = evaluate_frame(frame, policy)
    scalar = _scalar_fallback(frame, policy, [m.id for m in registry() if m.id not in migrated()])
    data: dict[str, pl.Series] = {}
    for name, dtype in schema.items():
        if name == AS_OF:
            series = frame.get_column(EVALUATION_DATE)
        elif name in TOTALS:
            series = columnar.get_column(name).cast(MONEY) + scalar[name].cast(MONEY)
        elif name in scalar:
            series = scalar[name]
        elif name in columnar.columns:
            series = columnar.get_column(name)
        elif name in frame.columns:
            series = frame.get_column(name)
        else:
            series = pl.Series(name, [None] * frame.height)
        data[name] = series.cast(dtype).alias(name)
    return pl.DataFrame(data, schema=schema)


def _scalar_fallback(frame: pl.DataFrame, policy: Policy, measure_ids: list[str]) -> dict[str, pl.Series]:
    """MIGRATION SCAFFOLD — delete when every measure has a rule in ``wenjiuye_cli.rules``.

    The measures ``measure_ids`` (those not yet migrated) evaluated by today's scalar engine, one row at a
    time (:func:`_scalar_fallback_outcomes`). Returns the columns ``<id>.status/amount/maximum`` and these
    measures' ``total`` and ``maxima_total``, as the engine adds them up (an income disregard is never a
    payment)."""
    outcomes, totals = _scalar_fallback_outcomes(frame, policy, measure_ids, lean=True)
    columns: dict[str, list[Any]] = {}
    for mid in measure_ids:
        for part in ("status", "amount", "maximum"):
            columns[f"{mid}.{part}"] = []
    for seen in outcomes:
        for mid in measure_ids:
            outcome = seen.get(mid)
            columns[f"{mid}.status"].append(None if outcome is None else outcome.status.value)
            for part in ("amount", "maximum"):
                value = None if outcome is None else getattr(outcome, part)
                columns[f"{mid}.{part}"].append(None if value is None else to_fen(value))
    out = {
        name: pl.Series(name, values, dtype=pl.String if name.endswith(".status") else MONEY)
        for name, values in columns.items()
    }
    out.update({name: pl.Series(name, values, dtype=MONEY) for name, values in totals.items()})
    return out


def _scalar_fallback_outcomes(
    frame: pl.DataFrame, policy: Policy, measure_ids: list[str], *, lean: bool
) -> tuple[list[dict[str, Outcome]], dict[str, list[Decimal]]]:
    """MIGRATION SCAFFOLD (with :func:`_scalar_fallback` and :func:`_facts`): each typed row is turned back
    into :class:`~wenjiuye_cli.facts.Facts` (null: missing; firms as :class:`~wenjiuye_cli.facts.IncubatedFirm`)
    and :func:`wenjiuye_cli.engine.evaluate` runs the measures ``measure_ids`` on the row's evaluation date.
    Returns each row's outcomes by measure, and these measures' ``total`` and ``maxima_total`` per row."""
    outcomes: list[dict[str, Outcome]] = []
    totals: dict[str, list[Decimal]] = {name: [] for name in TOTALS}
    if not measure_ids:
        zeros = [Decimal(0)] * frame.height
        return [{} for _ in range(frame.height)], {name: list(zeros) for name in TOTALS}
    wanted = set(measure_ids)
    # Only the kinds some pending measure is for need a row of facts (the others get no outcome).
    kinds = {k for m in registry() if m.id in wanted for k in m.kinds}
    has_id = ID in frame.columns
    needed = {ID, KIND, EVALUATION_DATE}.union(*(facts_for_kind(k) for k in kinds))
    rows = frame.select([c for c in frame.columns if c in needed]).iter_rows(named=True)
    for i, row in enumerate(rows):
        kind = row[KIND]
        if kind not in kinds:
            outcomes.append({})
            totals["total"].append(Decimal(0))
            totals["maxima_total"].append(Decimal(0))
            continue
        applicant = Applicant(str(row[ID]) if has_id else str(i), kind, _facts(kind, row))
        result = evaluate(
            applicant, policy, as_of=row[EVALUATION_DATE], only=wanted, lean=lean, parameters_used=False
        )
        outcomes.append({o.measure_id: o for o in result.outcomes})
        totals["total"].append(to_fen(result.total))
        totals["maxima_total"].append(to_fen(result.maxima_total))
    return outcomes, totals


def _facts(kind: str, row: dict[str, Any]) -> Facts:
    """A typed row's facts as the scalar engine reads them (part of the scaffold above)."""
    values: dict[str, Any] = {}
    for name, spec in facts_for_kind(kind).items():
        value = row.get(name)
        if value is None:
            continue
        if spec.type == "firms":
            value = tuple(IncubatedFirm(f["operating_months"], f["jobs_created"]) for f in value)
        values[name] = value
    return Facts(values)
