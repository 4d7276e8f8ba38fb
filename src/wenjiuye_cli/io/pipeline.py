"""The batch pipeline, one chunk at a time: typed frames in, results and running totals out.

::

    reader = open_reader(path, options)                  # wenjiuye_cli.io.readers: Frames per chunk
    for chunk in evaluate_chunks(reader, policy, options):
        chunk.frames.rejects      # rows rejected while reading (row, reason, cells)
        chunk.errors              # rows whose evaluation raised (a defect): rejected, the others go on
        chunk.results             # the wide results (scale.evaluate_table's columns), or None
        chunk.applicants          # ApplicantResult per row, when the output needs the outcomes
        chunk.tally               # counts and Decimal sums of the chunk, to merge in input order

Each chunk is read, validated, evaluated and formatted before the next is read, so memory does not grow
with the input. The wide CSV (the default output) is built from the result columns without a Python step
per row; the itemised CSV, NDJSON, JSON and ``--detail`` go through the outcomes
(:func:`wenjiuye_cli.scale.applicant_results`) so today's renderers give today's words.

Plain Python over polars: no typer, no rich.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from wenjiuye_cli.batch import (
    BatchOptions,
    MeasureTally,
    Rejected,
    RowParser,
    Tally,
)
from wenjiuye_cli.columnar.evaluate import GRANTED, rules_for
from wenjiuye_cli.columnar.schema import MONEY
from wenjiuye_cli.engine import ApplicantResult, registry
from wenjiuye_cli.io.frames import Frames
from wenjiuye_cli.io.readers import FrameReader
from wenjiuye_cli.io.schema import ID, KIND, ROW
from wenjiuye_cli.io.writers import guard_text_columns
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.output import CSV_ITEM_COLUMNS, itemised_rows, result_dict
from wenjiuye_cli.policy import Policy
from wenjiuye_cli.scale import AS_OF, applicant_results, results_of, with_evaluation_dates
from wenjiuye_cli.tabular import guard_formula

STATUSES = tuple(Status)


@dataclass
class Evaluated:
    """One chunk, evaluated (see the module doc). ``carried`` are the carried columns of the rows of
    ``results``/``applicants`` (the rows whose evaluation did not raise)."""

    frames: Frames
    tally: Tally
    results: pl.DataFrame | None = None
    applicants: list[ApplicantResult] | None = None
    carried: pl.DataFrame | None = None
    errors: list[Rejected] = field(default_factory=list)

    def rejected(self) -> list[Rejected]:
        """Every row of the chunk rejected, in input order: while reading, and by an evaluation defect."""
        out = [Rejected(row, cells, reason) for row, reason, cells in self.frames.rejects.iter_rows()]
        if self.errors:
            out = sorted([*out, *self.errors], key=lambda r: r.row)
        return out


def needs_outcomes(options: BatchOptions) -> bool:
    """Whether the output shows more than the wide CSV's columns (and so needs each row's outcomes)."""
    return options.output_format != "csv" or options.itemised or options.detail


def evaluate_chunks(
    reader: FrameReader, policy: Policy, options: BatchOptions, parser: RowParser | None = None
) -> Iterator[Evaluated]:
    """Each chunk of ``reader`` evaluated (see the module doc); ``parser`` words an internal error."""
    today = options.today or date.today()
    outcomes = needs_outcomes(options)
    for frames in reader:
        tally = Tally(read=frames.read, rejected=frames.rejects.height, blank=frames.blank)
        chunk = Evaluated(frames, tally)
        facts = frames.facts
        if facts.height:
            dated = with_evaluation_dates(facts, as_of=options.as_of, today=today)
            keep = _evaluate(chunk, dated, policy, options, outcomes, parser)
            chunk.carried = frames.carried if keep is None else _filter(frames.carried, keep)
        yield chunk


def _filter(frame: pl.DataFrame | None, keep: pl.Series) -> pl.DataFrame | None:
    return None if frame is None or not frame.width else frame.filter(keep)


def _evaluate(
    chunk: Evaluated,
    dated: pl.DataFrame,
    policy: Policy,
    options: BatchOptions,
    outcomes: bool,
    parser: RowParser | None,
) -> pl.Series | None:
    """Evaluate the chunk's rows into ``chunk``; a chunk whose evaluation raises is evaluated again row by
    row, and the rows that raise are rejected (a defect in a rule must not lose the other rows). Returns
    which rows were kept, or None for all."""
    try:
        _into(chunk, dated, policy, options, outcomes)
        return None
    except Exception:
        pass
    kept: list[pl.DataFrame] = []
    keep: list[bool] = []
    for i in range(dated.height):
        one = dated.slice(i, 1)
        try:
            if outcomes:
                applicant_results(one, policy, as_of=options.as_of, explain=options.detail)
            else:
                results_of(one, policy)
        except Exception as exc:
            keep.append(False)
            chunk.errors.append(_internal_error(chunk, i, exc, options, parser))
            continue
        keep.append(True)
        kept.append(one)
    chunk.tally.rejected += len(chunk.errors)
    chunk.tally.internal_errors += len(chunk.errors)
    if kept:
        _into(chunk, pl.concat(kept), policy, options, outcomes)
    return pl.Series(keep, dtype=pl.Boolean)


def _internal_error(
    chunk: Evaluated, position: int, exc: Exception, options: BatchOptions, parser: RowParser | None
) -> Rejected:
    row = chunk.frames.facts.get_column(ROW)[position]
    ident = chunk.frames.facts.get_column(ID)[position]
    zh = f"计算出错（程序缺陷，请报告）：{type(exc).__name__}: {exc}"
    en = f"internal error (a defect, please report it): {type(exc).__name__}: {exc}"
    return Rejected(row, [ident], zh if options.lang == "zh" else en)


def _into(
    chunk: Evaluated, dated: pl.DataFrame, policy: Policy, options: BatchOptions, outcomes: bool
) -> None:
    tally = chunk.tally
    if outcomes:
        chunk.applicants = applicant_results(dated, policy, as_of=options.as_of, explain=options.detail)
        for result in chunk.applicants:
            tally.add_result(result)
        return
    results = results_of(dated, policy)
    chunk.results = results
    _tally_frame(tally, results, dated, policy, options)


def _tally_frame(
    tally: Tally, results: pl.DataFrame, dated: pl.DataFrame, policy: Policy, options: BatchOptions
) -> None:
    """What :meth:`Tally.add_result` adds up for each row, over the result columns at once."""
    n = results.height
    tally.computed += n
    if options.as_of is None:
        tally.on_run_date += int(dated.get_column("application_date").null_count())
    for kind, count in results.get_column(KIND).value_counts().iter_rows():
        tally.kinds[kind] = tally.kinds.get(kind, 0) + count
    exprs: list[pl.Expr] = [
        pl.col("total").sum().alias("total"),
        pl.col("maxima_total").sum().alias("maxima"),
    ]
    counts_as_payment = _payments(policy)
    zero = pl.lit(0, dtype=MONEY)
    for measure in registry():
        mid = measure.id
        status, amount, maximum = pl.col(f"{mid}.status"), pl.col(f"{mid}.amount"), pl.col(f"{mid}.maximum")
        for s in STATUSES:
            exprs.append((status == s.value).sum().alias(f"{mid}|{s.value}"))
        with_amount = (status == Status.ELIGIBLE.value) & amount.is_not_null()
        counts = pl.lit(counts_as_payment[mid]) | (status != Status.ELIGIBLE.value)
        paid = pl.when(with_amount & counts).then(amount).otherwise(zero)
        granted = status.is_in(list(GRANTED)) & ~with_amount & counts & maximum.is_not_null()
        exprs.append(paid.sum().alias(f"{mid}|total"))
        exprs.append(pl.when(granted).then(maximum).otherwise(zero).sum().alias(f"{mid}|maxima"))
    sums = results.select(exprs).row(0, named=True)
    tally.total += sums["total"] or 0
    tally.maxima_total += sums["maxima"] or 0
    for measure in registry():
        mid = measure.id
        counts_by_status = {s: int(sums[f"{mid}|{s.value}"]) for s in STATUSES}
        if not any(counts_by_status.values()):
            continue
        mine = tally.measures.get(mid)
        if mine is None:
            mine = tally.measures[mid] = MeasureTally()
        for s, c in counts_by_status.items():
            mine.counts[s] += c
        mine.total += sums[f"{mid}|total"] or 0
        mine.maxima += sums[f"{mid}|maxima"] or 0


def _payments(policy: Policy) -> dict[str, bool]:
    """Measure id → whether its eligible amount is money paid (an income disregard is not)."""
    rules = {r.measure.id: r for r in rules_for(policy)}
    return {m.id: rules[m.id].counts_as_payment if m.id in rules else True for m in registry()}


# ----------------------------------------------------------------------------------------- formatting


class ChunkText:
    """Formats evaluated chunks as the output's text (CSV, NDJSON, or JSON objects separated by ``,\\n``)."""

    def __init__(self, options: BatchOptions, carried_headers: tuple[str, ...]) -> None:
        self.options = options
        self.carried_headers = carried_headers
        self._dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def text(self, chunk: Evaluated) -> str:
        if chunk.results is not None:
            return self._wide(chunk.results, chunk.carried)
        if not chunk.applicants:
            return ""
        carried = chunk.carried.rows() if chunk.carried is not None and chunk.carried.width else None
        if self.options.output_format == "csv":
            return self._itemised(chunk.applicants, carried)
        return self._json(chunk.applicants, carried)

    def _wide(self, results: pl.DataFrame, carried: pl.DataFrame | None) -> str:
        """The one-row-per-applicant CSV rows (:func:`wenjiuye_cli.batch.wide_columns`), no header."""
        if not results.height:
            return ""
        guard = self.options.excel_safe
        head = results.select(pl.col(ID))
        if carried is not None and carried.width:
            head = pl.concat([head, carried], how="horizontal")
        if guard:
            head = guard_text_columns(head)
        rest = results.select(
            pl.col(KIND),
            pl.col(AS_OF).dt.to_string("%Y-%m-%d"),
            *(pl.col(c).cast(pl.String) for c in results.columns[results.columns.index(AS_OF) + 1 :]),
        )
        out = pl.concat([head, rest], how="horizontal")
        return out.write_csv(include_header=False, line_terminator="\r\n", quote_style="necessary")

    def _itemised(self, applicants: list[ApplicantResult], carried: list[tuple[Any, ...]] | None) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        guard = self.options.excel_safe
        lang, detail = self.options.lang, self.options.detail
        for i, result in enumerate(applicants):
            cells = list(carried[i]) if carried is not None else []
            if guard:
                cells = [guard_formula(c) for c in cells]
            for row in itemised_rows(result, lang, detail):
                if guard:
                    row = [c if j in _ITEM_NUMERIC else guard_formula(c) for j, c in enumerate(row)]
                if cells:
                    row[1:1] = cells
                writer.writerow(row)
        return buffer.getvalue()

    def _json(self, applicants: list[ApplicantResult], carried: list[tuple[Any, ...]] | None) -> str:
        lang, detail = self.options.lang, self.options.detail
        end = "\n" if self.options.output_format == "ndjson" else ",\n"
        parts = []
        for i, result in enumerate(applicants):
            doc = result_dict(result, lang, detail)
            if carried is not None:
                doc["columns"] = dict(zip(self.carried_headers, carried[i], strict=True))
            parts.append(self._dumps(doc) + end)
        text = "".join(parts)
        if self.options.output_format == "json" and text:
            text = text[:-2]  # the separator after the chunk's last object; the writer joins chunks
        return text


_ITEM_NUMERIC = frozenset(
    CSV_ITEM_COLUMNS.index(c) for c in ("amount", "maximum", "monthly_amount", "months")
)
