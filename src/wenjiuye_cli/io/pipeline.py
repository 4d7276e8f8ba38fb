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
(:func:`wenjiuye_cli.engine.scale.applicant_results`) so today's renderers give today's words.

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
    zh_labels,
)
from wenjiuye_cli.engine import ApplicantResult, measure_by_id, registry
from wenjiuye_cli.engine.query import GRANTED, rules_for
from wenjiuye_cli.engine.scale import AS_OF, applicant_results, results_of, with_evaluation_dates
from wenjiuye_cli.engine.schema import MONEY
from wenjiuye_cli.explain import render
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.io.frames import Frames
from wenjiuye_cli.io.readers import FrameReader
from wenjiuye_cli.io.schema import ID, KIND, ROW
from wenjiuye_cli.io.tabular import guard_formula
from wenjiuye_cli.io.writers import guard_text_columns
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import STATUS_LABELS, Check, Measure, Outcome, Status
from wenjiuye_cli.output import CSV_ITEM_COLUMNS, itemised_rows, result_dict
from wenjiuye_cli.policy import Policy

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
    """Whether the output shows more than the wide results' columns (and so needs each row's outcomes)."""
    return options.output_format in ("ndjson", "json") or options.itemised or options.detail


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


def measures_for_kinds(kinds: set[str] | None) -> tuple[Measure, ...]:
    """The measures (in the registry's order) of ``kinds``; None: every measure."""
    return tuple(m for m in registry() if kinds is None or m.kinds & kinds)


def reason_text(outcome: Outcome, lang: str) -> str:
    """Why an outcome is not a grant, in words: its failed conditions, then the facts it lacks."""
    measure = measure_by_id(outcome.measure_id)
    parts = [render(c.code, c.args, measure, lang) for c in outcome.conditions if c.result is Check.FAILED]
    missing = list(outcome.missing_facts) or [
        m for c in outcome.conditions if c.result is Check.UNKNOWN for m in c.missing
    ]
    if missing:
        labels = zh_labels() if lang == "zh" else {}
        names = list(dict.fromkeys(labels.get(m, m) for m in missing))
        parts.append(("缺少：" + "、".join(names)) if lang == "zh" else "missing: " + ", ".join(names))
    return ("；" if lang == "zh" else "; ").join(parts)


def applicant_reason(result: ApplicantResult, lang: str) -> str:
    """The ``原因``/``reason`` cell of a wide row: each measure not granted, with why."""
    parts = []
    for outcome in result.outcomes:
        if outcome.status in (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE):
            continue
        why = reason_text(outcome, lang)
        if why:
            name = measure_by_id(outcome.measure_id).name(lang)
            parts.append(f"{name}：{why}" if lang == "zh" else f"{name}: {why}")
    return (" | ").join(parts)


class ChunkText:
    """Formats evaluated chunks as the output: CSV text, NDJSON, JSON objects separated by ``,\n``, or
    typed frames (:meth:`wide_frame`, for xlsx and Parquet).

    ``labels``: headers, kinds and statuses in ``options.lang`` (``创业房租补贴·状态``, ``符合``) instead of
    the machine codes; ``measures``: the measures whose columns the wide results have."""

    def __init__(
        self,
        options: BatchOptions,
        carried_headers: tuple[str, ...],
        measures: tuple[Measure, ...] | None = None,
    ) -> None:
        self.options = options
        self.carried_headers = carried_headers
        self.measures = registry() if measures is None else measures
        self.labels = options.labels
        self._dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    # -- headers
    def wide_header(self) -> list[str]:
        """The wide results' header: as :func:`wenjiuye_cli.batch.wide_columns`, or in words."""
        zh = self.options.lang == "zh"
        carried = list(self.carried_headers)
        reason = ["原因" if zh and self.labels else "reason"] if self.options.detail else []
        if not self.labels:
            columns = ["id", *carried, "kind", "as_of"]
            for m in self.measures:
                columns += [f"{m.id}.status", f"{m.id}.amount", f"{m.id}.maximum"]
            return [*columns, "total", "maxima_total", *reason]
        parts = ("状态", "金额", "最高额") if zh else ("status", "amount", "maximum")
        columns = [
            "编号" if zh else "id",
            *carried,
            "类型" if zh else "kind",
            "评估日期" if zh else "evaluation date",
        ]
        for m in self.measures:
            columns += [f"{m.name(self.options.lang)}·{part}" for part in parts]
        totals = ["合计", "最高额合计"] if zh else ["total", "maxima total"]
        return [*columns, *totals, *reason]

    def item_header(self) -> list[str]:
        zh = self.options.lang == "zh"
        names = list(CSV_ITEM_COLUMNS)
        if self.labels:
            names = [(_ITEM_LABELS_ZH if zh else _ITEM_LABELS_EN).get(c, c) for c in names]
        reason = ["原因" if zh and self.labels else "reason"] if self.options.detail else []
        return [names[0], *self.carried_headers, *names[1:], *reason]

    # -- chunks
    def text(self, chunk: Evaluated) -> str:
        if self.options.output_format == "csv" and not self.options.itemised:
            frame = self.wide_frame(chunk)
            if frame is None or not frame.height:
                return ""
            return _csv_text(frame, self.options.excel_safe)
        if not chunk.applicants:
            return ""
        carried = chunk.carried.rows() if chunk.carried is not None and chunk.carried.width else None
        if self.options.output_format == "csv":
            return self._itemised(chunk.applicants, carried)
        return self._json(chunk.applicants, carried)

    def wide_frame(self, chunk: Evaluated) -> pl.DataFrame | None:
        """The chunk's wide results, typed (text, dates, ``Decimal`` amounts), named as :meth:`wide_header`."""
        if chunk.results is not None:
            frame = self._wide_columns(chunk.results, chunk.carried)
        elif chunk.applicants:
            frame = self._wide_from_outcomes(chunk.applicants, chunk.carried)
        else:
            return None
        return frame.rename(dict(zip(frame.columns, self.wide_header(), strict=True)))

    def _wide_columns(self, results: pl.DataFrame, carried: pl.DataFrame | None) -> pl.DataFrame:
        head = results.select(pl.col(ID))
        if carried is not None and carried.width:
            head = pl.concat([head, carried], how="horizontal")
        kind = pl.col(KIND)
        if self.labels and self.options.lang == "zh":
            kind = kind.replace_strict({k: zh for k, (zh, _en) in KINDS.items()}, return_dtype=pl.String)
        columns: list[pl.Expr] = [kind, pl.col(AS_OF)]
        index = 0 if self.options.lang == "zh" else 1
        labels = {s.value: STATUS_LABELS[s][index] for s in Status}
        for m in self.measures:
            status = pl.col(f"{m.id}.status").cast(pl.String)
            if self.labels:
                status = status.replace_strict(labels, return_dtype=pl.String)
            columns += [status.alias(f"{m.id}.status"), pl.col(f"{m.id}.amount"), pl.col(f"{m.id}.maximum")]
        columns += [pl.col("total"), pl.col("maxima_total")]
        return pl.concat([head, results.select(columns)], how="horizontal")

    def _wide_from_outcomes(
        self, applicants: list[ApplicantResult], carried: pl.DataFrame | None
    ) -> pl.DataFrame:
        lang = self.options.lang
        index = 0 if lang == "zh" else 1
        data: dict[str, list[Any]] = {"id": [r.applicant.id for r in applicants]}
        carried_rows = carried.to_dict(as_series=False) if carried is not None and carried.width else {}
        data.update(carried_rows)
        data["kind"] = [
            KINDS[r.applicant.kind][0] if self.labels and lang == "zh" else r.applicant.kind
            for r in applicants
        ]
        data["as_of"] = [r.as_of for r in applicants]
        schema: dict[str, pl.DataType] = {name: pl.String() for name in data}
        schema["as_of"] = pl.Date()
        for m in self.measures:
            found = [next((o for o in r.outcomes if o.measure_id == m.id), None) for r in applicants]
            data[f"{m.id}.status"] = [
                None if o is None else STATUS_LABELS[o.status][index] if self.labels else o.status.value
                for o in found
            ]
            data[f"{m.id}.amount"] = [
                None if o is None or o.amount is None else to_fen(o.amount) for o in found
            ]
            data[f"{m.id}.maximum"] = [
                None if o is None or o.maximum is None else to_fen(o.maximum) for o in found
            ]
            schema[f"{m.id}.status"] = pl.String()
            schema[f"{m.id}.amount"] = MONEY
            schema[f"{m.id}.maximum"] = MONEY
        data["total"] = [to_fen(r.total) for r in applicants]
        data["maxima_total"] = [to_fen(r.maxima_total) for r in applicants]
        schema["total"] = schema["maxima_total"] = MONEY
        data["reason"] = [applicant_reason(r, lang) for r in applicants]
        schema["reason"] = pl.String()
        return pl.DataFrame(data, schema=schema)

    def _itemised(self, applicants: list[ApplicantResult], carried: list[tuple[Any, ...]] | None) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        guard = self.options.excel_safe
        lang, detail = self.options.lang, self.options.detail
        index = 0 if lang == "zh" else 1
        status_at = CSV_ITEM_COLUMNS.index("status")
        kind_at = CSV_ITEM_COLUMNS.index("kind")
        missing_at = CSV_ITEM_COLUMNS.index("missing_facts")
        for i, result in enumerate(applicants):
            cells = list(carried[i]) if carried is not None else []
            if guard:
                cells = [guard_formula(c) for c in cells]
            for outcome, row in zip(result.outcomes, itemised_rows(result, lang, detail), strict=True):
                if detail:
                    if not row[missing_at]:  # an ineligible outcome: the facts its unknown conditions lacked
                        row[missing_at] = " ".join(
                            dict.fromkeys(
                                m for c in outcome.conditions if c.result is Check.UNKNOWN for m in c.missing
                            )
                        )
                    granted = outcome.status in (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE)
                    row.append("" if granted else reason_text(outcome, lang))
                if self.labels:
                    row[status_at] = STATUS_LABELS[outcome.status][index]
                    if lang == "zh":
                        row[kind_at] = KINDS[result.applicant.kind][0]
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


def _csv_text(frame: pl.DataFrame, excel_safe: bool) -> str:
    """A typed wide frame as CSV rows (no header): amounts at the fen, dates ISO, text guarded."""
    out = frame.with_columns(
        [
            pl.col(name).dt.to_string("%Y-%m-%d") if dtype == pl.Date else pl.col(name).cast(pl.String)
            for name, dtype in frame.schema.items()
            if dtype != pl.String
        ]
    )
    if excel_safe:
        # text columns only (ids, carried columns, reasons); statuses and amounts never start with = + - @
        out = (
            guard_text_columns(out.select([c for c, d in frame.schema.items() if d == pl.String]))
            .hstack(out.select([c for c, d in frame.schema.items() if d != pl.String]))
            .select(frame.columns)
        )
    return out.write_csv(include_header=False, line_terminator="\r\n", quote_style="necessary")


_ITEM_LABELS_ZH = {
    "id": "编号", "kind": "类型", "as_of": "评估日期", "measure": "措施代码", "name": "措施", "article": "条",
    "tasks": "附件1序号", "department": "责任部门", "status": "状态", "amount": "金额", "maximum": "最高额",
    "monthly_amount": "月金额", "months": "月数", "counts_as_payment": "计入支付", "missing_facts": "缺少的事实",
    "arithmetic": "计算过程",
}  # fmt: skip
_ITEM_LABELS_EN = {"as_of": "evaluation date", "measure": "measure code", "name": "measure",
                   "counts_as_payment": "counts as payment", "missing_facts": "missing facts",
                   "monthly_amount": "monthly amount"}  # fmt: skip
_ITEM_NUMERIC = frozenset(
    CSV_ITEM_COLUMNS.index(c) for c in ("amount", "maximum", "monthly_amount", "months")
)
