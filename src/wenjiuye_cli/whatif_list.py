"""What-if over a whole applicant list on the columnar engine: compare (one or several reforms) and sweeps.

Compare
    :class:`ListComparer` takes a chunk of validated applicants (a typed frame from
    :func:`wenjiuye_cli.io.readers.open_reader`) and evaluates it under the baseline and under each reform
    *on the same chunk* before the next one is read, so memory stays flat. Under a reform only the measures
    it can change are evaluated again: a migrated rule whose declaration reads a changed parameter
    (:func:`wenjiuye_cli.columnar.reads.touched_by`); every other measure's baseline outcome stands for the
    reform too. Measures still on the scalar engine (the migration scaffold) go row by row through
    :func:`wenjiuye_cli.engine.evaluate`, re-evaluated where the keys their baseline outcome read
    (``Outcome.parameters_used``) include a changed one, as :class:`wenjiuye_cli.whatif.Comparer` does.
    Each row becomes today's :class:`~wenjiuye_cli.whatif.Comparison`, so every output of ``compare``
    (budget tables, per-applicant rows, JSON, the summary) is today's.

    A chunk whose evaluation raises is evaluated again one row at a time: only the row that raises is
    rejected (as an internal error, with its row number), never its neighbours.

Sweep
    :func:`sweep_list` evaluates every chunk under every point of a grid of parameter values before reading
    the next chunk (one read, one validation), re-evaluating only the measures the varied parameters
    touch, and keeps per point constant-size running sums (:class:`PointTally`).

Plain library: no typer, no rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from wenjiuye_cli.batch import Rejected
from wenjiuye_cli.columnar.evaluate import evaluate_frame, migrated, rules_for
from wenjiuye_cli.columnar.reads import touched_by
from wenjiuye_cli.columnar.schema import EVALUATION_DATE
from wenjiuye_cli.engine import (
    Applicant,
    ApplicantResult,
    evaluate,
    measures_for_kind,
    registry,
)
from wenjiuye_cli.facts import Facts
from wenjiuye_cli.io.readers import FrameReader
from wenjiuye_cli.io.schema import ID, KIND, ROW
from wenjiuye_cli.money import ZERO
from wenjiuye_cli.outcome import Measure, Outcome, Status
from wenjiuye_cli.policy import Policy
from wenjiuye_cli.scale import _evaluation_dates, _facts
from wenjiuye_cli.whatif import (
    ENGINE_PARAMETERS,
    BudgetImpact,
    Comparison,
    MeasureComparison,
    changed_parameters,
    maximum_part,
    paid,
)

_STATUS = {s.value: s for s in Status}
CARRIED = "carried"  # the column of a chunk holding its carried cells (序号, 姓名, 身份证号), when present


def affected_measures(baseline: Policy, reform: Policy) -> tuple[frozenset[str], tuple[str, ...], bool]:
    """(the changed keys, the migrated measures the reform can change, whether it changes everything)."""
    changed = changed_parameters(baseline, reform)
    everything = bool(changed & ENGINE_PARAMETERS)
    redo = migrated() if everything else (touched_by(baseline, changed) if changed else ())
    return changed, redo, everything


@dataclass(slots=True)
class _Side:
    """One policy's outcome columns of a chunk, as Python lists (index = position in the chunk)."""

    status: dict[str, list[Any]] = field(default_factory=dict)
    amount: dict[str, list[Any]] = field(default_factory=dict)
    maximum: dict[str, list[Any]] = field(default_factory=dict)
    missing: dict[str, list[Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, frame: pl.DataFrame, measures: Iterable[str]) -> _Side:
        side = cls()
        for mid in measures:
            side.status[mid] = frame.get_column(f"{mid}.status").cast(pl.String).to_list()
            side.amount[mid] = frame.get_column(f"{mid}.amount").to_list()
            side.maximum[mid] = frame.get_column(f"{mid}.maximum").to_list()
            side.missing[mid] = frame.get_column(f"{mid}.missing_facts").to_list()
        return side

    def outcome(self, mid: str, i: int, counts: bool) -> Outcome:
        return Outcome(
            mid,
            _STATUS[self.status[mid][i]],
            amount=self.amount[mid][i],
            maximum=self.maximum[mid][i],
            missing_facts=list(self.missing[mid][i] or ()),
            counts_as_payment=counts,
        )


def result_of(applicant: Applicant, on: date, source: str, outcomes: list[Outcome]) -> ApplicantResult:
    """An :class:`ApplicantResult` with the engine's totals (paid amounts; maxima of the others)."""
    total = sum((paid(o) for o in outcomes), ZERO)
    maxima = sum((maximum_part(o) for o in outcomes), ZERO)
    return ApplicantResult(applicant, on, source, outcomes, total, maxima)


class ChunkEvaluator:
    """A chunk of typed applicants under a baseline and any number of other policies (reforms, sweep
    points), each evaluated only on the measures it can change; gives per row the outcomes under each.

    ``others[k]`` is evaluated on ``redo[k]`` (migrated measures) and, for the scalar scaffold, on the
    measures whose baseline outcome read one of ``changed[k]`` (all of them when ``everything[k]``)."""

    def __init__(
        self, baseline: Policy, others: Sequence[Policy], as_of: date | None, today: date | None = None
    ) -> None:
        self.baseline = baseline
        self.others = list(others)
        self.as_of = as_of
        self.today = today or date.today()
        self.changed: list[frozenset[str]] = []
        self.redo: list[tuple[str, ...]] = []
        self.everything: list[bool] = []
        for other in self.others:
            changed, redo, everything = affected_measures(baseline, other)
            self.changed.append(changed)
            self.redo.append(redo)
            self.everything.append(everything)
        self.migrated = migrated()
        done = set(self.migrated)
        self.scalar_ids = tuple(m.id for m in registry() if m.id not in done)
        self.counts = {r.measure.id: r.counts_as_payment for r in rules_for(baseline)}
        self.measures: dict[str, Measure] = {m.id: m for m in registry()}
        self._kind_measures = {k: measures_for_kind(k) for k in {k for m in registry() for k in m.kinds}}

    def with_dates(self, facts: pl.DataFrame) -> pl.DataFrame:
        on = _evaluation_dates(facts, self.as_of, self.today)
        return facts.with_columns(on.alias(EVALUATION_DATE))

    def evaluate(
        self, facts: pl.DataFrame
    ) -> Iterator[tuple[Applicant, ApplicantResult, list[ApplicantResult]]]:
        """Per row of ``facts`` (in order): the applicant, its baseline result and its result under each
        other policy (outcomes not re-evaluated are the baseline's own objects)."""
        frame = self.with_dates(facts)
        base = _Side.of(evaluate_frame(frame, self.baseline, measures=self.migrated), self.migrated)
        sides = [
            _Side.of(evaluate_frame(frame, other, measures=redo), redo) if redo else _Side()
            for other, redo in zip(self.others, self.redo, strict=True)
        ]
        ids = frame.get_column(ID).to_list()
        kinds = frame.get_column(KIND).to_list()
        dates = frame.get_column(EVALUATION_DATE).to_list()
        applied = (
            frame.get_column("application_date").to_list()
            if "application_date" in frame.columns
            else [None] * frame.height
        )
        sources = [f"row {r}" for r in frame.get_column(ROW).to_list()] if ROW in frame.columns else None
        scalar_kinds = {m_kind for mid in self.scalar_ids for m_kind in self.measures[mid].kinds}
        rows: Iterator[dict[str, Any]] | None = None
        if scalar_kinds & set(kinds):
            rows = frame.iter_rows(named=True)
        source_of = "--as-of" if self.as_of is not None else None
        for i, (ident, kind, on) in enumerate(zip(ids, kinds, dates, strict=True)):
            row = next(rows) if rows is not None else None
            source = source_of or ("application_date" if applied[i] is not None else "today")
            facts_of = Facts({}) if row is None or kind not in scalar_kinds else _facts(kind, row)
            applicant = Applicant(str(ident), kind, facts_of, sources[i] if sources else "")
            measures = self._kind_measures.get(kind, ())
            before: list[Outcome] = []
            afters: list[list[Outcome]] = [[] for _ in self.others]
            scalar_before: dict[str, Outcome] = {}
            scalar_after: list[dict[str, Outcome]] = [{} for _ in self.others]
            if kind in scalar_kinds:
                scalar_before, scalar_after = self._scalar(applicant, on)
            for m in measures:
                mid = m.id
                if mid in scalar_before:
                    old = scalar_before[mid]
                    before.append(old)
                    for k, after in enumerate(afters):
                        after.append(scalar_after[k].get(mid, old))
                    continue
                counts = self.counts.get(mid, True)
                old = base.outcome(mid, i, counts)
                before.append(old)
                for k, after in enumerate(afters):
                    side = sides[k]
                    after.append(side.outcome(mid, i, counts) if mid in side.status else old)
            yield (
                applicant,
                result_of(applicant, on, source, before),
                [result_of(applicant, on, source, after) for after in afters],
            )

    def _scalar(self, applicant: Applicant, on: date) -> tuple[dict[str, Outcome], list[dict[str, Outcome]]]:
        """MIGRATION SCAFFOLD (goes with :func:`wenjiuye_cli.scale._scalar_fallback`): the measures not yet
        in ``rules/``, by the scalar engine on the row's evaluation date."""
        wanted = self.scalar_ids
        before = evaluate(applicant, self.baseline, as_of=on, today=self.today, only=wanted, lean=True)
        old = {o.measure_id: o for o in before.outcomes}
        afters: list[dict[str, Outcome]] = []
        for k, other in enumerate(self.others):
            if self.everything[k]:
                redo: list[str] = list(old)
            else:
                redo = [mid for mid, o in old.items() if not self.changed[k].isdisjoint(o.parameters_used)]
            fresh: dict[str, Outcome] = {}
            if redo:
                partial = evaluate(applicant, other, as_of=on, today=self.today, only=redo, lean=True)
                fresh = {o.measure_id: o for o in partial.outcomes}
            afters.append(fresh)
        return old, afters


def comparisons(evaluator: ChunkEvaluator, facts: pl.DataFrame, reform: int = 0) -> Iterator[Comparison]:
    """The rows of a chunk as :class:`Comparison` s of the baseline and ``evaluator.others[reform]``."""
    measures = evaluator.measures
    for applicant, before, afters in evaluator.evaluate(facts):
        after = afters[reform]
        items = [
            MeasureComparison.of(measures[o.measure_id], o, n)
            for o, n in zip(before.outcomes, after.outcomes, strict=True)
        ]
        yield Comparison(applicant, before, after, items)


# ------------------------------------------------------------------------------------- reading a list


RejectWriter = Callable[[list[Rejected]], None]
Progress = Callable[[int, int], None]


def _rejected(frame: pl.DataFrame) -> list[Rejected]:
    return [
        Rejected(row, list(cells), reason)
        for row, reason, cells in zip(
            frame.get_column(ROW).to_list(),
            frame.get_column("reason").to_list(),
            frame.get_column("cells").to_list(),
            strict=True,
        )
    ]


def internal_error(row: int, ident: str, exc: Exception, lang: str) -> Rejected:
    """The reject for a row whose evaluation raised (the words of ``RowParser.internal_error``)."""
    zh = f"计算出错（程序缺陷，请报告）：{type(exc).__name__}: {exc}"
    en = f"internal error (a defect, please report it): {type(exc).__name__}: {exc}"
    return Rejected(row, [ident], zh if lang == "zh" else en)


def safe_chunks(
    reader: FrameReader,
    work: Callable[[pl.DataFrame], list[Any]],
    on_rejects: RejectWriter,
    lang: str,
    progress: Progress | None = None,
) -> Iterator[tuple[pl.DataFrame, list[Any], list[dict[str, str]] | None]]:
    """Each chunk's accepted rows, ``work(rows)`` and the rows' carried cells (序号, 姓名, 身份证号 …, by
    header; None when the list has none); the chunk's rejects go to ``on_rejects`` first.

    When ``work`` raises on a chunk, it is run on one row at a time and each row that raises is rejected
    as an internal error (counted in ``reader.counts``): a defect in a rule never loses the other rows."""
    done = 0
    for chunk in reader:
        on_rejects(_rejected(chunk.rejects))
        facts, carried = chunk.facts, chunk.carried
        try:
            out = work(facts)
        except Exception:
            keep: list[int] = []
            out = []
            for i in range(facts.height):
                one = facts.slice(i, 1)
                try:
                    got = work(one)
                except Exception as exc:
                    reader.counts.rejected += 1
                    reader.counts.internal_errors += 1
                    on_rejects([internal_error(one[ROW][0], str(one[ID][0]), exc, lang)])
                    continue
                keep.append(i)
                out.extend(got)
            facts = facts[keep] if keep else facts.clear()
            carried = None if carried is None else (carried[keep] if keep else carried.clear())
        done += facts.height
        if progress is not None:
            progress(done, getattr(reader, "bytes_read", 0))
        yield facts, out, None if carried is None else carried.to_dicts()


def compare_list(
    reader: FrameReader,
    evaluator: ChunkEvaluator,
    impacts: Sequence[BudgetImpact],
    on_rejects: RejectWriter,
    lang: str,
    progress: Progress | None = None,
) -> Iterator[Comparison]:
    """Compare every applicant of a list as it is read: each chunk under the baseline and every reform
    (``impacts[k]`` sums reform ``k``); yields the comparisons with the first reform, in input order."""

    def work(facts: pl.DataFrame) -> list[list[Comparison]]:
        rows = list(evaluator.evaluate(facts))
        out: list[list[Comparison]] = []
        for applicant, before, afters in rows:
            per: list[Comparison] = []
            for after in afters:
                items = [
                    MeasureComparison.of(evaluator.measures[o.measure_id], o, n)
                    for o, n in zip(before.outcomes, after.outcomes, strict=True)
                ]
                per.append(Comparison(applicant, before, after, items))
            out.append(per)
        return out

    for _facts_done, per_row, carried in safe_chunks(reader, work, on_rejects, lang, progress):
        for i, per in enumerate(per_row):
            for impact, comparison in zip(impacts, per, strict=True):
                impact.add(comparison)
            first = per[0]
            if carried is not None:
                first.columns = carried[i]
            yield first


def list_paths(paths: Iterable[Path]) -> list[Path]:
    """Reform files: a folder stands for its ``*.toml`` files, in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".toml" and p.is_file()))
        else:
            out.append(path)
    return out
