"""What-if over a whole applicant list on the columnar engine: compare (one or several reforms) and sweeps.

Compare
    :class:`ListComparer` takes a chunk of validated applicants (a typed frame from
    :func:`wenjiuye_cli.io.readers.open_reader`) and evaluates it under the baseline and under each reform
    *on the same chunk* before the next one is read, so memory stays flat. Under a reform only the measures
    it can change are evaluated again: a rule whose declaration reads a changed parameter
    (:func:`wenjiuye_cli.engine.reads.touched_by`); every other measure's baseline outcome stands for the
    reform too.
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

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from wenjiuye_cli.batch import Rejected
from wenjiuye_cli.engine import (
    Applicant,
    ApplicantResult,
    measure_by_id,
    measures_for_kind,
    registry,
)
from wenjiuye_cli.engine.query import evaluate_frame, migrated, rules_for
from wenjiuye_cli.engine.reads import touched_by
from wenjiuye_cli.engine.scale import _evaluation_dates
from wenjiuye_cli.engine.schema import EVALUATION_DATE
from wenjiuye_cli.facts import Facts
from wenjiuye_cli.io.readers import FrameReader
from wenjiuye_cli.io.schema import ID, KIND, ROW
from wenjiuye_cli.money import ZERO, fmt_money, fmt_number
from wenjiuye_cli.outcome import Measure, Outcome, Status
from wenjiuye_cli.policy import Policy, apply_override, check_overrides_consistent
from wenjiuye_cli.policy.reform import copy_policy
from wenjiuye_cli.whatif import (
    DEFINITIONS,
    ENGINE_PARAMETERS,
    Axis,
    BudgetImpact,
    Change,
    Comparison,
    MeasureComparison,
    SweepError,
    SweepValue,
    Tally,
    budget_position,
    changed_parameters,
    maximum_part,
    paid,
    parameter_axis,
    split_spec,
    value_text,
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

    ``others[k]`` is evaluated on ``redo[k]``: the measures whose rules read one of ``changed[k]`` (all of
    them when ``everything[k]``)."""

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
        source_of = "--as-of" if self.as_of is not None else None
        for i, (ident, kind, on) in enumerate(zip(ids, kinds, dates, strict=True)):
            source = source_of or ("application_date" if applied[i] is not None else "today")
            applicant = Applicant(str(ident), kind, Facts({}), sources[i] if sources else "")
            measures = self._kind_measures.get(kind, ())
            before: list[Outcome] = []
            afters: list[list[Outcome]] = [[] for _ in self.others]
            for m in measures:
                mid = m.id
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


# ------------------------------------------------------------------------------ budget over columns


SCALAR_MONEY = pl.Decimal(38, 10)  # sums of amounts, exact
_ZERO = pl.lit(0, dtype=pl.Decimal(38, 10))
_GRANTED = [Status.ELIGIBLE.value, Status.AMOUNT_SET_ELSEWHERE.value]
_CD = Status.CANNOT_DECIDE.value
# Change codes (whatif.Change), as small integers over columns
_CHANGE_CODES = {
    Change.UNCHANGED: 0,
    Change.NEWLY_ELIGIBLE: 1,
    Change.NO_LONGER_ELIGIBLE: 2,
    Change.INCREASED: 3,
    Change.DECREASED: 4,
    Change.STATUS_CHANGED: 5,
    Change.BECAME_UNDECIDED: 6,
    Change.BECAME_DECIDED: 7,
}
_PARTS = ("status", "amount", "maximum")


@dataclass
class ChunkColumns:
    """A chunk's outcomes as columns: ``base`` holds ``<measure>.status/amount/maximum`` for every measure
    (status null where the row's kind does not have it) and ``others[k]`` the same columns of the measures
    policy ``k`` re-evaluated (every other measure's outcome is the baseline's)."""

    base: pl.DataFrame
    others: list[dict[str, pl.Series]]
    # ``base`` with each measure's paid amount, maxima part and eligibility (``~pb.<id>``, ``~mb``, ``~eb``),
    # and the baseline's sums of them: the same for every other policy, so worked out once (see impact_of)
    parts: pl.DataFrame | None = None
    base_sums: dict[str, Any] | None = None


def _dtype(name: str) -> pl.DataType:
    return pl.String() if name.endswith(".status") else SCALAR_MONEY


def chunk_columns(evaluator: ChunkEvaluator, facts: pl.DataFrame) -> ChunkColumns:
    """Evaluate a chunk under the baseline and every other policy, as columns (:class:`ChunkColumns`)."""
    frame = evaluator.with_dates(facts)
    mig = evaluator.migrated
    names = [f"{mid}.{part}" for mid in mig for part in _PARTS]
    out = evaluate_frame(frame, evaluator.baseline, measures=mig).select(names)
    out = out.with_columns(pl.col(f"{mid}.status").cast(pl.String) for mid in mig)
    base = out.with_columns(frame.get_column(ID), frame.get_column(KIND))
    others: list[dict[str, pl.Series]] = []
    for other, redo in zip(evaluator.others, evaluator.redo, strict=True):
        cols: dict[str, pl.Series] = {}
        if redo:
            names_k = [f"{mid}.{part}" for mid in redo for part in _PARTS]
            got = evaluate_frame(frame, other, measures=redo).select(names_k)
            got = got.with_columns(pl.col(f"{mid}.status").cast(pl.String) for mid in redo)
            cols = {name: got.get_column(name) for name in names_k}
        others.append(cols)
    return ChunkColumns(base, others)


def _base_parts(evaluator: ChunkEvaluator, base: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, Any]]:
    """``base`` with each measure's baseline paid amount, maxima part and eligibility, and their sums."""
    stage: list[pl.Expr] = []
    sums: list[pl.Expr] = []
    for mid in evaluator.measures:
        counts = evaluator.counts.get(mid, True)
        s, a, m = (pl.col(f"{mid}.{part}") for part in _PARTS)
        stage += [
            e.alias(f"~{x}b.{mid}") for e, x in zip(_paid_max_elig(s, a, m, counts), "pme", strict=True)
        ]
        present = s.is_not_null()
        sums += [
            present.sum().alias(f"{mid}:items"),
            pl.col(f"~pb.{mid}").filter(present).sum().alias(f"{mid}:baseline"),
            pl.col(f"~mb.{mid}").filter(present).sum().alias(f"{mid}:bmax"),
            pl.col(f"~eb.{mid}").sum().alias(f"{mid}:beligible"),
        ]
    parts = base.with_columns(stage)
    return parts, parts.select(sums).row(0, named=True)


def _paid_max_elig(status: pl.Expr, amount: pl.Expr, maximum: pl.Expr, counts: bool) -> list[pl.Expr]:
    """What an outcome adds to the total and to the maxima (:func:`whatif.paid`, :func:`whatif.maximum_part`),
    and whether it is eligible (null where the row's kind does not have the measure)."""
    with_amount = (status == Status.ELIGIBLE.value) & amount.is_not_null()
    granted = status.is_in(_GRANTED)
    if counts:
        paid_ = pl.when(with_amount).then(amount.cast(SCALAR_MONEY)).otherwise(_ZERO)
        shown = ~with_amount & granted & maximum.is_not_null()
        max_ = pl.when(shown).then(maximum.cast(SCALAR_MONEY)).otherwise(_ZERO)
    else:
        paid_, max_ = _ZERO, _ZERO
    return [paid_, max_, granted]


def impact_of(
    evaluator: ChunkEvaluator,
    columns: ChunkColumns,
    k: int,
    rows_out: list[tuple[pl.DataFrame, pl.DataFrame, list[str]]] | None = None,
) -> BudgetImpact:
    """The :class:`BudgetImpact` of policy ``k`` against the baseline over one chunk, worked out over
    columns: the same sums and counts :meth:`BudgetImpact.add` makes one :class:`Comparison` at a time.
    ``rows_out`` receives (the outcome frame, the per-row frame, the re-evaluated measures) for
    :func:`compare_csv_rows`."""
    base = columns.base
    redone = columns.others[k]
    redo = [mid for mid in evaluator.measures if f"{mid}.status" in redone]
    everything = list(evaluator.measures)
    if columns.parts is None or columns.base_sums is None:
        columns.parts, columns.base_sums = _base_parts(evaluator, base)
    base_sums = columns.base_sums
    frame = columns.parts.with_columns(pl.Series(f"r~{name}", series) for name, series in redone.items())
    stage1: list[pl.Expr] = []
    for mid in redo:
        counts = evaluator.counts.get(mid, True)
        rs, ra, rm = (pl.col(f"r~{mid}.{part}") for part in _PARTS)
        stage1 += [
            e.alias(f"~{x}r.{mid}") for e, x in zip(_paid_max_elig(rs, ra, rm, counts), "pme", strict=True)
        ]
    frame = frame.with_columns(stage1)
    stage2: list[pl.Expr] = []
    for mid in redo:
        s, a, m = (pl.col(f"{mid}.{part}") for part in _PARTS)
        rs, ra, rm = (pl.col(f"r~{mid}.{part}") for part in _PARTS)
        pb, mb, eb = (pl.col(f"~{x}b.{mid}") for x in "pme")
        pr, mr, er = (pl.col(f"~{x}r.{mid}") for x in "pme")
        ub, ur = s == _CD, rs == _CD
        diff = pr - pb
        moved = pl.when(diff != 0).then(diff).otherwise(mr - mb)
        code = (
            pl.when(s.is_null())
            .then(pl.lit(None, dtype=pl.Int8))
            .when(ur & ~ub)
            .then(6)
            .when(ub & ~ur)
            .then(7)
            .when(er & ~eb)
            .then(1)
            .when(eb & ~er)
            .then(2)
            .when(moved > 0)
            .then(3)
            .when(moved < 0)
            .then(4)
            .when(s.ne_missing(rs) | a.ne_missing(ra) | m.ne_missing(rm))
            .then(5)
            .otherwise(0)
            .cast(pl.Int8)
        )
        stage2.append(code.alias(f"~c.{mid}"))
    frame = frame.with_columns(stage2)

    def c(mid: str) -> pl.Expr:
        return pl.col(f"~c.{mid}")

    def unknown(mid: str) -> pl.Expr:
        return c(mid).is_in([6, 7]).fill_null(False)

    def any_of(exprs: list[pl.Expr]) -> pl.Expr:
        return pl.any_horizontal(exprs) if exprs else pl.lit(False)

    def sum_of(exprs: list[pl.Expr]) -> pl.Expr:
        return pl.sum_horizontal(exprs) if exprs else _ZERO

    diffs = [
        pl.when(~unknown(mid)).then(pl.col(f"~pr.{mid}") - pl.col(f"~pb.{mid}")).otherwise(_ZERO)
        for mid in redo
    ]
    mdiffs = [
        pl.when(~unknown(mid)).then(pl.col(f"~mr.{mid}") - pl.col(f"~mb.{mid}")).otherwise(_ZERO)
        for mid in redo
    ]
    row_diff, row_mdiff = sum_of(diffs), sum_of(mdiffs)
    d = pl.when(row_diff != 0).then(row_diff).otherwise(row_mdiff)
    bu = any_of([(c(mid) == 6).fill_null(False) for mid in redo])
    bd = any_of([(c(mid) == 7).fill_null(False) for mid in redo])
    unknown_any = any_of([unknown(mid) for mid in redo])
    violates_add = any_of(
        [
            unknown(mid)
            & ~((c(mid) == 6) & (pl.col(f"~pb.{mid}") == 0) & (pl.col(f"~mb.{mid}") == 0)).fill_null(False)
            for mid in redo
        ]
    )
    violates_take = any_of(
        [
            unknown(mid)
            & ~((c(mid) == 7) & (pl.col(f"~pr.{mid}") == 0) & (pl.col(f"~mr.{mid}") == 0)).fill_null(False)
            for mid in redo
        ]
    )
    sign = pl.when(d > 0).then(1).when(d < 0).then(-1).otherwise(0)
    stands = ((d > 0) & ~violates_add) | ((d < 0) & ~violates_take)
    direction = pl.when(~unknown_any | stands).then(sign).otherwise(2)
    before_any = any_of([pl.col(f"~eb.{mid}").fill_null(False) for mid in everything])
    after_any = any_of(
        [pl.col(f"~e{'r' if mid in redo else 'b'}.{mid}").fill_null(False) for mid in everything]
    )
    row_changed = any_of([(c(mid) != 0).fill_null(False) for mid in redo])
    totals: list[pl.Expr] = []
    if rows_out is not None:  # each applicant's totals, as Comparison and ApplicantResult have them
        for name, x, side in (
            ("b_total", "p", "b"),
            ("r_total", "p", "r"),
            ("b_max", "m", "b"),
            ("r_max", "m", "r"),
        ):
            parts = [pl.col(f"~{x}{side if mid in redo else 'b'}.{mid}") for mid in everything]
            totals.append(sum_of(parts).alias(name))
        totals += [row_diff.alias("diff"), row_mdiff.alias("mdiff")]
    rows = frame.select(
        direction.alias("direction"),
        (after_any & ~before_any & ~bd).alias("newly"),
        (before_any & ~after_any & ~bu).alias("no_longer"),
        bu.alias("bu"),
        row_changed.alias("changed"),
        *totals,
    )
    if rows_out is not None:
        rows_out.append((frame, rows, redo))
    counts_row = rows.select(
        pl.len().alias("applicants"),
        pl.col("changed").sum(),
        (pl.col("direction") == 1).sum().alias("better"),
        (pl.col("direction") == -1).sum().alias("worse"),
        (pl.col("direction") == 0).sum().alias("unchanged"),
        (pl.col("direction") == 2).sum().alias("undecided"),
        pl.col("newly").sum(),
        pl.col("no_longer").sum(),
        pl.col("bu").sum(),
    ).row(0, named=True)
    impact = BudgetImpact(
        applicants=int(counts_row["applicants"]),
        changed=int(counts_row["changed"]),
        better_off=int(counts_row["better"]),
        worse_off=int(counts_row["worse"]),
        unchanged=int(counts_row["unchanged"]),
        undecided=int(counts_row["undecided"]),
        newly_eligible=int(counts_row["newly"]),
        no_longer_eligible=int(counts_row["no_longer"]),
        became_undecided=int(counts_row["bu"]),
    )
    aggs: list[pl.Expr] = []
    for mid in redo:
        present = pl.col(f"{mid}.status").is_not_null()
        aggs += [
            pl.col(f"~pr.{mid}").filter(present).sum().alias(f"{mid}:reform"),
            pl.col(f"~mr.{mid}").filter(present).sum().alias(f"{mid}:rmax"),
            pl.col(f"~er.{mid}").sum().alias(f"{mid}:religible"),
        ]
        if mid in redo:
            for number in range(1, 8):
                aggs.append((c(mid) == number).sum().alias(f"{mid}:c{number}"))
            nc = unknown(mid)
            for x, side in (("pb", "bnc"), ("pr", "rnc"), ("mb", "bmnc"), ("mr", "rmnc")):
                aggs.append(pl.col(f"~{x}.{mid}").filter(nc).sum().alias(f"{mid}:{side}"))
    got = dict(base_sums)
    for mid in everything:  # a measure not re-evaluated: the reform's sums are the baseline's
        got[f"{mid}:reform"], got[f"{mid}:rmax"] = got[f"{mid}:baseline"], got[f"{mid}:bmax"]
        got[f"{mid}:religible"] = got[f"{mid}:beligible"]
    if aggs:
        got.update(frame.select(aggs).row(0, named=True))
    for mid in everything:
        if not got[f"{mid}:items"]:
            continue
        tally = Tally(
            baseline=_money(got[f"{mid}:baseline"]),
            reform=_money(got[f"{mid}:reform"]),
            baseline_maxima=_money(got[f"{mid}:bmax"]),
            reform_maxima=_money(got[f"{mid}:rmax"]),
            baseline_eligible=int(got[f"{mid}:beligible"] or 0),
            reform_eligible=int(got[f"{mid}:religible"] or 0),
        )
        if mid in redo:
            tally.newly_eligible = int(got[f"{mid}:c1"])
            tally.no_longer_eligible = int(got[f"{mid}:c2"])
            tally.increased = int(got[f"{mid}:c3"])
            tally.decreased = int(got[f"{mid}:c4"])
            tally.became_undecided = int(got[f"{mid}:c6"])
            tally.became_decided = int(got[f"{mid}:c7"])
            tally.baseline_not_comparable = _money(got[f"{mid}:bnc"])
            tally.reform_not_comparable = _money(got[f"{mid}:rnc"])
            tally.baseline_maxima_not_comparable = _money(got[f"{mid}:bmnc"])
            tally.reform_maxima_not_comparable = _money(got[f"{mid}:rmnc"])
            moves = (
                frame.filter(
                    pl.col(f"{mid}.status").is_not_null()
                    & pl.col(f"{mid}.status").ne_missing(pl.col(f"r~{mid}.status"))
                )
                .group_by(f"{mid}.status", f"r~{mid}.status")
                .len()
                .rows()
            )
            if moves:
                impact.status_changes[mid] = {(_STATUS[a], _STATUS[b]): int(n) for a, b, n in moves}
        impact.by_measure[mid] = tally
    return impact


def _money(value: Any) -> Decimal:
    """A sum over a column (None for no rows), exact."""
    if value is None:
        return ZERO
    exact = Decimal(value)
    fen = exact.quantize(Decimal("0.01"))
    return fen if fen == exact else exact  # yuan and fen, as the engine's amounts are


def merge_impacts(into: BudgetImpact, other: BudgetImpact) -> None:
    """Add ``other`` (one chunk's) to ``into``: counts, tallies and status moves."""
    for name in (
        "applicants", "changed", "better_off", "worse_off", "unchanged", "undecided", "newly_eligible",
        "no_longer_eligible", "became_undecided",
    ):  # fmt: skip
        setattr(into, name, getattr(into, name) + getattr(other, name))
    for mid, tally in other.by_measure.items():
        mine = into.by_measure.get(mid)
        if mine is None:
            into.by_measure[mid] = mine = Tally()
        mine.merge(tally)
    for mid, moves in other.status_changes.items():
        mine_moves = into.status_changes.setdefault(mid, {})
        for pair, n in moves.items():
            mine_moves[pair] = mine_moves.get(pair, 0) + n


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
            carried = (
                None if carried is None or not carried.width else (carried[keep] if keep else carried.clear())
            )
        done += facts.height
        if progress is not None:
            progress(done, getattr(reader, "bytes_read", 0))
        if carried is None or not carried.width:
            yield facts, out, None
        else:  # the columns c0, c1 … are the reader's carried columns, in order
            named = carried.rename(dict(zip(carried.columns, reader.info.carried_columns, strict=True)))
            yield facts, out, named.to_dicts()


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


# ------------------------------------------------------------------------------- reforms side by side


def reform_labels(policies: Sequence[Policy]) -> list[str]:
    """A short name per reformed policy: its (last) reform file's stem, the path where stems repeat."""
    files = [str(p.reforms[-1]["file"]) if p.reforms else "--set" for p in policies]
    stems = [Path(f).stem if f != "--set" else f for f in files]
    return [stem if stems.count(stem) == 1 else file for stem, file in zip(stems, files, strict=True)]


def _side(tally: Tally) -> dict[str, Any]:
    return {
        "total": fmt_money(tally.reform),
        "difference": fmt_money(tally.difference),
        "maxima": fmt_money(tally.reform_maxima),
        "eligible": tally.reform_eligible,
        "newly_eligible": tally.newly_eligible,
        "no_longer_eligible": tally.no_longer_eligible,
    }


def side_by_side_dict(
    impacts: Sequence[BudgetImpact],
    policies: Sequence[Policy],
    lang: str,
    budget: Decimal | None = None,
) -> dict[str, Any]:
    """One budget view for several reforms, each against the same baseline: per measure, per department
    and in total the baseline and, per reform (by its label), its total, its difference and the counts of
    applicants whose status for it moved. ``reforms`` lists each reform with its applicant counts."""
    labels = reform_labels(policies)
    first = impacts[0]
    order = {m.id: i for i, m in enumerate(registry())}
    mids = sorted({mid for impact in impacts for mid in impact.by_measure}, key=lambda m: order.get(m, 0))

    def row(tallies: Sequence[Tally]) -> dict[str, Any]:
        base = tallies[0]
        return {
            "baseline": fmt_money(base.baseline),
            "baseline_maxima": fmt_money(base.baseline_maxima),
            "baseline_eligible": base.baseline_eligible,
            "reforms": {label: _side(t) for label, t in zip(labels, tallies, strict=True)},
        }

    by_measure = []
    for mid in mids:
        m = measure_by_id(mid)
        tallies = [impact.by_measure.get(mid, Tally()) for impact in impacts]
        by_measure.append(
            {
                "measure": mid,
                "name": m.name(lang),
                "article": m.article,
                "tasks": list(m.tasks),
                "department": m.department,
                **row(tallies),
            }
        )
    departments = [impact.by_department for impact in impacts]
    by_department = [
        {"department": d, **row([deps.get(d, Tally()) for deps in departments])} for d in departments[0]
    ]
    reforms = []
    for label, policy, impact in zip(labels, policies, impacts, strict=True):
        entry: dict[str, Any] = {
            "label": label,
            "reforms": [dict(r) for r in policy.reforms],
            "overrides": list(policy.overrides),
            "total": fmt_money(impact.total.reform),
            "difference": fmt_money(impact.total.difference),
            "better_off": impact.better_off,
            "worse_off": impact.worse_off,
            "unchanged": impact.unchanged,
            "undecided": impact.undecided,
            "newly_eligible": impact.newly_eligible,
            "no_longer_eligible": impact.no_longer_eligible,
        }
        if budget is not None:
            entry["budget"] = budget_position(impact, budget)
        reforms.append(entry)
    return {
        "applicants": first.applicants,
        "baseline_total": fmt_money(first.total.baseline),
        "reforms": reforms,
        "total": row([impact.total for impact in impacts]),
        "by_measure": by_measure,
        "by_department": by_department,
        "definitions": DEFINITIONS[lang if lang in DEFINITIONS else "en"],
    }


SIDE_BY_SIDE_COLUMNS = ("level", "key", "name", "article", "department", "baseline")


def side_by_side_columns(labels: Sequence[str]) -> list[str]:
    """CSV columns: the row, the baseline, then per reform its total and its difference."""
    return [
        *SIDE_BY_SIDE_COLUMNS,
        *(f"{label}{suffix}" for label in labels for suffix in ("", ":difference")),
    ]


def side_by_side_rows(doc: dict[str, Any]) -> Iterator[list[str]]:
    """The rows of :func:`side_by_side_columns`: each measure, each department, then the total."""
    labels = [r["label"] for r in doc["reforms"]]

    def cells(row: dict[str, Any]) -> list[str]:
        out = [row["baseline"]]
        for label in labels:
            out.extend((row["reforms"][label]["total"], row["reforms"][label]["difference"]))
        return out

    for m in doc["by_measure"]:
        article = m["article"] + ("/" + ",".join(map(str, m["tasks"])) if m["tasks"] else "")
        yield ["measure", m["measure"], m["name"], article, m["department"], *cells(m)]
    for d in doc["by_department"]:
        yield ["department", d["department"], d["department"], "", d["department"], *cells(d)]
    yield ["total", "total", "合计", "", "", *cells(doc["total"])]


def budget_list(
    reader: FrameReader,
    evaluator: ChunkEvaluator,
    impacts: Sequence[BudgetImpact],
    on_rejects: RejectWriter,
    lang: str,
    progress: Progress | None = None,
) -> Iterator[Comparison]:
    """The budget views of every other policy of ``evaluator`` over a list (``impacts[k]``), worked out
    over columns a chunk at a time (:func:`impact_of`); yields no per-applicant comparison."""

    def work(facts: pl.DataFrame) -> list[BudgetImpact]:
        columns = chunk_columns(evaluator, facts)
        return [impact_of(evaluator, columns, k) for k in range(len(evaluator.others))]

    for _done, got, _carried in safe_chunks(reader, work, on_rejects, lang, progress):
        if len(got) == len(impacts):
            for into, one in zip(impacts, got, strict=True):
                merge_impacts(into, one)
        else:  # redone row by row: one impact per policy per row, in order
            width = len(impacts)
            for start in range(0, len(got), width):
                for into, one in zip(impacts, got[start : start + width], strict=True):
                    merge_impacts(into, one)
    yield from ()


# ------------------------------------------------------------------------------------ sweeping a list


MAX_GRID = 200  # points of a list sweep (all --vary-param values combined); each is one more evaluation


def list_axes(specs: Sequence[str], policy: Policy, step: str | None = None) -> list[Axis]:
    """The parameters a list sweep varies (``KEY=START..STOP[:STEP]`` or ``KEY=a,b,c``; ``step`` is the
    step of a range that gives none), checked like ``--set``; the grid is at most :data:`MAX_GRID` points."""
    axes: list[Axis] = []
    for spec in specs:
        name, text = split_spec(spec)
        if step is not None and ".." in text and ":" not in text:
            spec = f"{name}={text}:{step}"
        axis = parameter_axis(spec, policy)
        if any(a.name == axis.name for a in axes):
            raise SweepError(f"{axis.name}：重复给出", f"{axis.name}: given twice")
        axes.append(axis)
    size = math.prod(len(a.values) for a in axes)
    if size > MAX_GRID:
        shape = " × ".join(str(len(a.values)) for a in axes)
        raise SweepError(
            f"网格共 {size} 个点（{shape}），超过上限 {MAX_GRID} 个：请加大步长或减少变动的参数",
            f"the grid has {size} points ({shape}), more than the limit of {MAX_GRID}: "
            f"give larger steps or vary fewer parameters",
        )
    return axes


def grid(axes: Sequence[Axis]) -> list[tuple[SweepValue, ...]]:
    """Every combination of the axes' values; the last axis varies fastest."""
    return list(itertools.product(*(a.values for a in axes)))


def point_policy(policy: Policy, axes: Sequence[Axis], values: Sequence[SweepValue]) -> Policy:
    """``policy`` with each varied parameter set to its value at this point (for every date, like --set)."""
    out = copy_policy(policy)
    for axis, value in zip(axes, values, strict=True):
        apply_override(out, f"{axis.name}={value_text(value)}")
    if len(axes) > 1:
        check_overrides_consistent(out)
    return out


@dataclass(frozen=True, slots=True)
class ListPoint:
    """One point of a list sweep: the varied parameters' values and the budget view against the baseline."""

    values: tuple[SweepValue, ...]
    impact: BudgetImpact

    @property
    def total(self) -> Decimal:
        return self.impact.total.reform

    @property
    def maxima_total(self) -> Decimal:
        return self.impact.total.reform_maxima

    @property
    def difference(self) -> Decimal:
        return self.impact.total.difference

    def by_measure(self) -> dict[str, Decimal]:
        """Each measure's total at this point (measure id → yuan), in policy order."""
        order = {m.id: i for i, m in enumerate(registry())}
        items = sorted(self.impact.by_measure.items(), key=lambda kv: order.get(kv[0], len(order)))
        return {mid: tally.reform for mid, tally in items}

    def by_department(self) -> dict[str, Decimal]:
        return {d: tally.reform for d, tally in self.impact.by_department.items()}


@dataclass(frozen=True, slots=True)
class Step:
    """From one point to the next along the first axis (the others fixed): what the budget moves by."""

    frm: int  # point indices
    to: int
    cost: Decimal  # total(to) − total(frm)
    per_unit: Decimal | None  # cost / (value(to) − value(frm)), for a number axis


@dataclass(frozen=True, slots=True)
class Bend:
    """Where the curve of one series turns flat: from ``at`` on (to the end of the range) the total no
    longer moves, i.e. the varied parameter binds for no applicant any more."""

    series: tuple[SweepValue, ...]  # the other axes' values
    at: int  # the point index where it turns flat
    before: int | None  # the last point that still moved (None: flat over the whole range)


@dataclass
class ListSweep:
    """A list sweep's result, as plain data (for tables, files and plots): ``points`` in grid order, each
    with its totals per measure and department (Decimal); ``baseline`` the baseline's budget view."""

    axes: list[Axis]
    points: list[ListPoint]
    budget: Decimal | None = None

    @property
    def baseline_total(self) -> Decimal:
        return self.points[0].impact.total.baseline if self.points else ZERO

    @property
    def applicants(self) -> int:
        return self.points[0].impact.applicants if self.points else 0

    def baseline_by_measure(self) -> dict[str, Decimal]:
        if not self.points:
            return {}
        return {mid: t.baseline for mid, t in self.points[0].impact.by_measure.items()}

    def series(self) -> list[list[int]]:
        """Point indices grouped by the values of every axis but the first, each group along the first."""
        groups: dict[tuple[SweepValue, ...], list[int]] = {}
        for i, p in enumerate(self.points):
            groups.setdefault(p.values[1:], []).append(i)
        return list(groups.values())

    def steps(self) -> dict[int, Step]:
        """The step arriving at each point (not the first of its series)."""
        out: dict[int, Step] = {}
        for group in self.series():
            for a, b in itertools.pairwise(group):
                cost = self.points[b].total - self.points[a].total
                va, vb = self.points[a].values[0], self.points[b].values[0]
                per: Decimal | None = None
                if isinstance(va, int | Decimal) and isinstance(vb, int | Decimal) and vb != va:
                    per = Decimal(cost) / Decimal(vb - va)
                out[b] = Step(a, b, cost, per)
        return out

    def bends(self) -> list[Bend]:
        """Per series: the first point from which the total stays the same to the end of the range."""
        out: list[Bend] = []
        for group in self.series():
            if len(group) < 2:
                continue
            last = self.points[group[-1]].total
            at = len(group) - 1
            while at > 0 and self.points[group[at - 1]].total == last:
                at -= 1
            out.append(Bend(self.points[group[0]].values[1:], group[at], group[at - 1] if at > 0 else None))
        return out

    def within_budget(self) -> list[int]:
        """Per series, the point of the largest first-axis value whose total stays within ``budget``."""
        if self.budget is None:
            return []
        out: list[int] = []
        for group in self.series():
            fits = [i for i in group if self.points[i].total <= self.budget]
            if fits:
                out.append(max(fits, key=lambda i: _order_key(self.points[i].values[0])))
        return out

    def measures(self) -> list[str]:
        """Measures worth showing: those with money at the baseline or at some point, in policy order."""
        shown: set[str] = set()
        for p in self.points:
            for mid, tally in p.impact.by_measure.items():
                if tally.baseline or tally.reform or tally.difference:
                    shown.add(mid)
        return [m.id for m in registry() if m.id in shown]

    def moving_measures(self) -> list[str]:
        """Measures whose total differs between two points or from the baseline."""
        out = []
        for mid in self.measures():
            totals = {p.impact.by_measure[mid].reform for p in self.points if mid in p.impact.by_measure}
            base = self.points[0].impact.by_measure.get(mid)
            if len(totals) > 1 or (base is not None and totals != {base.baseline}):
                out.append(mid)
        return out

    def departments(self) -> list[str]:
        seen: dict[str, None] = {}
        for mid in self.measures():
            seen.setdefault(measure_by_id(mid).department, None)
        return list(seen)


def _order_key(value: SweepValue) -> Any:
    return value


def sweep_list(
    reader: FrameReader,
    evaluator: ChunkEvaluator,
    on_rejects: RejectWriter,
    lang: str,
    progress: Progress | None = None,
) -> list[BudgetImpact]:
    """Read a list once and evaluate each chunk under every point (``evaluator.others``) before the next."""
    impacts = [BudgetImpact() for _ in evaluator.others]
    for _ in budget_list(reader, evaluator, impacts, on_rejects, lang, progress):
        pass
    return impacts


def list_sweep_dict(result: ListSweep, lang: str, stamp: dict[str, Any]) -> dict[str, Any]:
    """The JSON document of a list sweep (amounts as strings)."""
    steps = result.steps()
    bends = result.bends()
    best = set(result.within_budget())
    measures = result.measures()
    departments = result.departments()
    base = result.points[0].impact if result.points else BudgetImpact()

    def point(i: int, p: ListPoint) -> dict[str, Any]:
        step = steps.get(i)
        per_measure = p.impact.by_measure
        doc: dict[str, Any] = {
            "values": {a.name: value_text(v) for a, v in zip(result.axes, p.values, strict=True)},
            "total": fmt_money(p.total),
            "difference": fmt_money(p.difference),
            "maxima_total": fmt_money(p.maxima_total),
            "step_cost": None if step is None else fmt_money(step.cost),
            "per_unit": None if step is None or step.per_unit is None else fmt_number(step.per_unit),
            "better_off": p.impact.better_off,
            "worse_off": p.impact.worse_off,
            "unchanged": p.impact.unchanged,
            "undecided": p.impact.undecided,
            "newly_eligible": p.impact.newly_eligible,
            "no_longer_eligible": p.impact.no_longer_eligible,
            "by_measure": {
                mid: {
                    "total": fmt_money(per_measure[mid].reform),
                    "difference": fmt_money(per_measure[mid].difference),
                    "newly_eligible": per_measure[mid].newly_eligible,
                    "no_longer_eligible": per_measure[mid].no_longer_eligible,
                }
                for mid in measures
                if mid in per_measure
            },
            "by_department": {
                d: {"total": fmt_money(t.reform), "difference": fmt_money(t.difference)}
                for d, t in p.impact.by_department.items()
                if d in departments
            },
        }
        if result.budget is not None:
            doc["within_budget"] = p.total <= result.budget
            doc["largest_within_budget"] = i in best
        return doc

    return {
        "stamp": stamp,
        "applicants": result.applicants,
        "vary": [
            {
                "name": a.name,
                "label": a.label(lang),
                "unit": a.unit,
                "values": [value_text(v) for v in a.values],
            }
            for a in result.axes
        ],
        "measures": {mid: measure_by_id(mid).name(lang) for mid in measures},
        "baseline": {
            "total": fmt_money(result.baseline_total),
            "maxima_total": fmt_money(base.total.baseline_maxima),
            "by_measure": {
                mid: fmt_money(t.baseline) for mid, t in base.by_measure.items() if mid in measures
            },
            "by_department": {
                d: fmt_money(t.baseline) for d, t in base.by_department.items() if d in departments
            },
        },
        "points": [point(i, p) for i, p in enumerate(result.points)],
        "bends": [bend_dict(result, b) for b in bends],
        "budget": None
        if result.budget is None
        else {
            "available": fmt_money(result.budget),
            "largest_within": [
                {a.name: value_text(v) for a, v in zip(result.axes, result.points[i].values, strict=True)}
                for i in sorted(best)
            ],
        },
    }


def bend_dict(result: ListSweep, bend: Bend) -> dict[str, Any]:
    """A bend as data: ``flat_from`` the value from which the total stays put (None while the total
    still moves at the top of the range), ``no_effect`` when it never moves over the range."""
    group = next(g for g in result.series() if bend.at in g)
    still_moving = bend.at == group[-1] and bend.before is not None
    return {
        "series": {a.name: value_text(v) for a, v in zip(result.axes[1:], bend.series, strict=True)},
        "flat_from": None if still_moving else value_text(result.points[bend.at].values[0]),
        "flat_total": None if still_moving else fmt_money(result.points[bend.at].total),
        "still_moving_at_end": still_moving,
        "no_effect": bend.before is None,
    }


def list_sweep_columns(result: ListSweep) -> list[str]:
    cols = [a.name for a in result.axes]
    cols += [
        "total",
        "difference",
        "step_cost",
        "better_off",
        "worse_off",
        "newly_eligible",
        "no_longer_eligible",
    ]
    if result.budget is not None:
        cols.append("within_budget")
    cols += [f"measure:{mid}" for mid in result.measures()]
    cols += [f"department:{d}" for d in result.departments()]
    return cols


def list_sweep_rows(result: ListSweep) -> Iterator[list[str]]:
    """The rows of :func:`list_sweep_columns`, one per point."""
    steps = result.steps()
    measures, departments = result.measures(), result.departments()
    for i, p in enumerate(result.points):
        step = steps.get(i)
        row = [value_text(v) for v in p.values]
        row += [
            fmt_money(p.total),
            fmt_money(p.difference),
            "" if step is None else fmt_money(step.cost),
            str(p.impact.better_off),
            str(p.impact.worse_off),
            str(p.impact.newly_eligible),
            str(p.impact.no_longer_eligible),
        ]
        if result.budget is not None:
            row.append("true" if p.total <= result.budget else "false")
        by_m, by_d = p.by_measure(), p.by_department()
        row += [fmt_money(by_m.get(mid, ZERO)) for mid in measures]
        row += [fmt_money(by_d.get(d, ZERO)) for d in departments]
        yield row


_DIRECTIONS = {1: "better_off", -1: "worse_off", 0: "unchanged", 2: "undecided"}
_FEN = pl.Decimal(38, 2)
_NOT_MONEY_MOVES = (0, 5)  # unchanged, status only (whatif.money_changes leaves them out)


def _fen_text(expr: pl.Expr) -> pl.Expr:
    """Money as :func:`~wenjiuye_cli.money.fmt_money` writes it: two decimals, half up."""
    return expr.round(2, mode="half_away_from_zero").cast(_FEN).cast(pl.String)


def _side_text(status: Any, amount: Any, maximum: Any) -> str:
    """:func:`whatif.describe_item`'s side, without a language: the amount, ``max …`` or the status."""
    if status == Status.ELIGIBLE.value and amount is not None:
        return fmt_money(amount)
    if maximum is not None and status in _GRANTED:
        return f"max {fmt_money(maximum)}"
    return str(status)


def compare_csv_rows(
    evaluator: ChunkEvaluator, facts: pl.DataFrame, impact_out: list[BudgetImpact]
) -> list[tuple[bool, list[str]]]:
    """One chunk's rows of ``compare -f csv`` (:data:`whatif.COMPARE_COLUMNS`, the carried columns aside),
    worked out over columns, with whether each applicant changed; the chunk's budget view goes to
    ``impact_out``. The same cells :func:`whatif.comparison_row` writes from a :class:`Comparison`."""
    columns = chunk_columns(evaluator, facts)
    kept: list[tuple[pl.DataFrame, pl.DataFrame, list[str]]] = []
    impact_out.append(impact_of(evaluator, columns, 0, kept))
    frame, rows, redo = kept[0]
    dates = evaluator.with_dates(facts).get_column(EVALUATION_DATE).cast(pl.String).to_list()
    texts = rows.select(
        _fen_text(pl.col("b_total")).alias("b_total"),
        _fen_text(pl.col("r_total")).alias("r_total"),
        _fen_text(pl.col("diff")).alias("diff"),
        _fen_text(pl.col("b_max")).alias("b_max"),
        _fen_text(pl.col("r_max")).alias("r_max"),
        pl.col("direction"),
        pl.col("newly"),
        pl.col("no_longer"),
        pl.col("changed"),
    )
    ids = frame.get_column(ID).to_list()
    kinds = frame.get_column(KIND).to_list()
    cols = [texts.get_column(n).to_list() for n in texts.columns]
    # the moves of each re-evaluated measure, as text, only on the rows where something changed
    changed_at = texts.get_column("changed").arg_true().to_list()
    moves: dict[int, tuple[list[str], list[str]]] = {}
    if changed_at and redo:
        picked = frame[changed_at]
        for mid in redo:
            codes = picked.get_column(f"~c.{mid}").to_list()
            before = zip(*(picked.get_column(f"{mid}.{part}").to_list() for part in _PARTS), strict=True)
            after = zip(*(picked.get_column(f"r~{mid}.{part}").to_list() for part in _PARTS), strict=True)
            for j, (code, b, r) in enumerate(zip(codes, before, after, strict=True)):
                if code is None or code == 0:
                    continue
                text = f"{mid} {_side_text(*b)}→{_side_text(*r)}"
                money, status_only = moves.setdefault(changed_at[j], ([], []))
                (status_only if code == 5 else money).append(text)
    out: list[tuple[bool, list[str]]] = []
    for i, (b_total, r_total, diff, b_max, r_max, direction, newly, no_longer, changed) in enumerate(
        zip(*cols, strict=True)
    ):
        money, status_only = moves.get(i, ([], []))
        out.append(
            (
                bool(changed),
                [
                    str(ids[i]), kinds[i], dates[i], b_total, r_total, diff, b_max, r_max,
                    _DIRECTIONS[direction], "true" if newly else "false", "true" if no_longer else "false",
                    "; ".join(money), "; ".join(status_only),
                ],
            )
        )  # fmt: skip
    return out


def compare_csv_list(
    reader: FrameReader,
    evaluator: ChunkEvaluator,
    impact: BudgetImpact,
    on_rejects: RejectWriter,
    lang: str,
    progress: Progress | None = None,
) -> Iterator[tuple[bool, list[str], dict[str, str] | None]]:
    """``compare -f csv`` over a list, a chunk at a time over columns: (changed, the row's cells, its
    carried cells) per applicant in input order; the budget view is added to ``impact``."""

    def work(facts: pl.DataFrame) -> list[Any]:
        impacts: list[BudgetImpact] = []
        rows: list[Any] = compare_csv_rows(evaluator, facts, impacts)
        return [*rows, *impacts]  # the chunk's rows, then its budget view

    for _done, got, carried in safe_chunks(reader, work, on_rejects, lang, progress):
        rows = [g for g in got if isinstance(g, tuple)]
        for one in (g for g in got if isinstance(g, BudgetImpact)):
            merge_impacts(impact, one)
        for i, (changed, cells) in enumerate(rows):
            yield changed, cells, None if carried is None else carried[i]


def side_by_side_totals(
    impacts: Sequence[BudgetImpact], policies: Sequence[Policy]
) -> tuple[list[str], dict[str, list[Decimal]]]:
    """Plain data for a chart of reforms side by side: the reforms' labels, and per measure id (policy
    order, measures with money somewhere) ``[baseline, reform 1, reform 2, …]`` in yuan (exact Decimal)."""
    labels = reform_labels(policies)
    order = [m.id for m in registry()]
    out: dict[str, list[Decimal]] = {}
    for mid in order:
        tallies = [impact.by_measure.get(mid) for impact in impacts]
        if all(t is None for t in tallies):
            continue
        base = next(t for t in tallies if t is not None).baseline
        row = [base, *(ZERO if t is None else t.reform for t in tallies)]
        if any(row):
            out[mid] = row
    return labels, out
