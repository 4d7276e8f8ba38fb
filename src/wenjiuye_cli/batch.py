"""Batch evaluation: applicant lists (CSV from Excel, or NDJSON) in, entitlements and a budget out.

The whole run is one stream, so memory does not grow with the number of rows::

    bytes ─ tabular.open_text ─ records ─ chunks of rows ─┬─ parse + validate ─ evaluate ─ format ─┐
                                                          └─ (the same, in --jobs worker processes) ┘
          ─ written in input order ─ output / rejects file ─ running totals (Decimal) ─ summary

Every input row ends up either in the output (computed) or in the rejects (with its row number as
Excel shows it, the original cells and the reason, naming the field), so ``rows read = computed +
rejected``. Only what the output shows is built: the condition trace and the arithmetic in words are
rendered only with ``detail=True``.

Input
    A header row names the columns, in any order: ``id`` (or 编号/申请人编号), ``kind`` (or 类型/
    申请人类型) unless every row has the same kind (``BatchOptions.kind``), and facts by their English
    name or Chinese label (``wenjiuye schema``). An unknown column is an error naming it (nothing is
    computed) unless ``ignore_extra_columns``. With mixed kinds, a cell for a fact the row's kind does
    not have must be empty. Cells are read as people type them (see :mod:`wenjiuye_cli.facts`); an
    empty cell is a missing fact. NDJSON input has one JSON object per line with the same keys.

Other consumers (``wenjiuye compare``)
    :class:`ApplicantReader` yields the validated applicants one at a time, with the same opening
    (:func:`open_input`: decoding, CSV or NDJSON, header), the same row parsing (:class:`RowParser`,
    which :class:`ChunkProcessor` extends for batch) and the same rejects (:class:`RejectSink`);
    :class:`RowCounts` says what became of the rows.

This module is plain Python (no typer, no rich); ``wenjiuye_cli.cli.commands.batch`` is the command.
"""

from __future__ import annotations

import csv
import itertools
import json
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO

from wenjiuye_cli.engine import (
    Applicant,
    ApplicantResult,
    facts_for_kind,
    registry,
)
from wenjiuye_cli.errors import UserError
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.facts import KIND_ALIASES, KINDS, FactError, Facts, FactSpec
from wenjiuye_cli.io.tabular import (
    UNDECODABLE,
    TextBlocks,
    csv_line,
    csv_records,
    detect_delimiter,
    excel_mangled_number,
    guard_formula,
    normalise_header,
    open_text,
    shown_undecodable,
    text_lines,
)
from wenjiuye_cli.limits import MAX_DEPTH, SHOWN_CHARS, TOO_DEEP, structure_problem
from wenjiuye_cli.money import fmt_money
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.output import stamp
from wenjiuye_cli.policy import Policy

InputFormat = Literal["csv", "ndjson"]
OutputFormat = Literal["csv", "ndjson", "json", "xlsx", "parquet"]

ID_HEADERS = ("id", "编号", "申请人编号")
KIND_HEADERS = ("kind", "类型", "申请人类型")
# Columns every list from an office has: accepted, never read by a rule, carried through to the results.
EVERYDAY_HEADERS = ("序号", "姓名", "身份证号", "身份证号码", "公民身份号码")
ID_NUMBER_HEADERS = ("身份证号", "身份证号码", "公民身份号码")  # personal ID numbers: masked in messages
NDJSON_SUFFIXES = (".ndjson", ".jsonl")
STATUSES = tuple(Status)


# ------------------------------------------------------------------------------------------- errors


class BatchError(UserError):
    """The run cannot go on (unreadable input, bad header). ``code`` is the exit code to use."""

    code = ExitCode.BAD_DATA


class HeaderError(BatchError):
    """The header row is unusable: unknown, duplicate or ambiguous columns, no id or kind column."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(
            cut_message("；".join(p[0] for p in problems)), cut_message("; ".join(p[1] for p in problems))
        )
        self.problems = problems


MESSAGE_CHARS = 2000  # a message about the input never repeats more of it than this


def cut_message(text: str) -> str:
    """``text`` cut to :data:`MESSAGE_CHARS`: a header of 1 MB cells must not become a 1 MB message."""
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def _cut(cell: str) -> str:
    """A header cell as a message names it: at most :data:`SHOWN_CHARS` characters."""
    return cell if len(cell) <= SHOWN_CHARS else cell[: SHOWN_CHARS - 1] + "…"


class InputDataError(BatchError):
    """The input cannot be read on (a broken CSV structure, an undecodable header, an empty input)."""


# ------------------------------------------------------------------------------------------ options


# Rows evaluated and written together (see benchmarks/README.md for the choice); they are read and
# validated in parts of io.readers.PART_ROWS rows.
DEFAULT_CHUNK_ROWS = 20_000


@dataclass(frozen=True)
class BatchOptions:
    """What to read and what to write. ``today`` is fixed once per run (see :func:`run_batch`)."""

    output_format: OutputFormat = "csv"
    itemised: bool = False  # CSV: one row per applicant × measure instead of one per applicant
    detail: bool = False  # render the condition trace and arithmetic (JSON/NDJSON; itemised arithmetic)
    lang: str = "zh"
    kind: str | None = None  # the kind of every row without a kind cell
    as_of: date | None = None
    today: date | None = None
    ignore_extra_columns: bool = False
    keep_columns: tuple[
        str, ...
    ] = ()  # input columns carried through to the results (as well as 序号/姓名/身份证号)
    excel_safe: bool = True  # formula-injection guard on text cells of CSV output and rejects
    input_format: InputFormat | None = None  # None: by file extension, else sniffed
    encoding: str | None = None  # None: BOM, else strict UTF-8, else GB18030
    jobs: int | None = None  # polars' threads (POLARS_MAX_THREADS, set by the command); None: every core
    chunk_rows: int = DEFAULT_CHUNK_ROWS
    sheet: str | None = None  # xlsx input: the sheet to read (default the first)
    # CSV/xlsx results with headers, kinds and statuses in ``lang`` (创业房租补贴·状态, 符合) and only the
    # measures of the kinds present, instead of today's machine codes and every measure (``--codes``)
    labels: bool = False


# ------------------------------------------------------------------------------------------ headers


@cache
def header_targets() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Header text → ``"id"``, ``"kind"`` or a fact name; and labels shared by several facts."""
    targets: dict[str, str] = dict.fromkeys(ID_HEADERS, "id") | dict.fromkeys(KIND_HEADERS, "kind")
    ambiguous: dict[str, set[str]] = {}
    # A fact name may be declared for different kinds by different measures: take every kind's label.
    specs = [spec for kind in KINDS for spec in facts_for_kind(kind).values()]
    for spec in specs:
        name = spec.name
        for key in (name, normalise_header(spec.label_zh)):
            known = targets.get(key)
            if known is None or known == name:
                targets[key] = name
            else:
                ambiguous.setdefault(key, {known}).add(name)
    for key in ambiguous:
        targets.pop(key, None)
    return targets, {k: tuple(sorted(v)) for k, v in ambiguous.items()}


@cache
def zh_labels() -> dict[str, str]:
    """Fact name (and ``id``, ``kind``) → the Chinese label users see."""
    labels = {"id": ID_HEADERS[1], "kind": KIND_HEADERS[1]}
    for kind in KINDS:
        for name, spec in facts_for_kind(kind).items():
            labels.setdefault(name, spec.label_zh)
    return labels


def header_target(cell: str) -> str | None:
    """What a header cell names (``id``, ``kind`` or a fact name), or None if unknown."""
    key = normalise_header(cell)
    targets, _ = header_targets()
    return targets.get(key) or targets.get(key.lower())


def is_everyday_header(cell: str) -> bool:
    """序号, 姓名, 身份证号: columns a list has that no rule reads."""
    return normalise_header(cell) in EVERYDAY_HEADERS


# How alike an unknown header and a known one must be for "did you mean" (difflib's ratio): 带动就业人员数
# and 带动就业人数 are 0.92 alike, 毕业日期 and 高校毕业日期 0.8; 备注, 联系电话 or 地址 are like nothing.
LOOKALIKE_RATIO = 0.6


def suggest_header(cell: str) -> tuple[str, str] | None:
    """What an unknown header most looks like: (``id``, ``kind``, a fact name, or ``""`` for an everyday
    column such as 身份证号; the header to write: the Chinese label for a Chinese header, the English
    name for an English one), or None."""
    import difflib

    key = normalise_header(cell)
    targets, _ = header_targets()
    english = key.isascii()
    if english:
        key = key.lower().replace(" ", "_").replace("-", "_")
    pool = [k for k in targets if k.isascii() == english]
    if not english:
        pool += EVERYDAY_HEADERS[:3]
    found = difflib.get_close_matches(key, pool, n=1, cutoff=LOOKALIKE_RATIO)
    if not found:
        return None
    if found[0] in EVERYDAY_HEADERS:
        return "", found[0]
    target = targets[found[0]]
    if english or target in ("id", "kind"):
        return target, found[0]
    return target, zh_labels().get(target, found[0])


@dataclass(frozen=True)
class Layout:
    """The columns of a CSV input: where the id, the kind and each fact are."""

    headers: tuple[str, ...]
    id_index: int
    kind_index: int | None
    facts: tuple[tuple[int, str], ...]  # (column index, fact name)
    ignored: tuple[int, ...] = ()  # unknown columns skipped with ignore_extra_columns
    unnamed: tuple[int, ...] = ()  # columns without a header: their cells must be empty
    carried: tuple[int, ...] = ()  # 序号/姓名/身份证号 and --keep-columns: copied to the results
    lookalikes: tuple[tuple[int, str], ...] = ()  # (ignored column, the known header it looks like)
    id_numbers: tuple[int, ...] = ()  # 身份证号 columns: Excel's 1.10101E+17 rejects the row

    @property
    def width(self) -> int:
        return len(self.headers)


def resolve_header(
    cells: list[str], kind: str | None = None, ignore_extra: bool = False, keep: tuple[str, ...] = ()
) -> Layout:
    """Map a header row to a :class:`Layout`; :class:`HeaderError` names every problem at once.

    ``keep`` names columns (as written, quotes and width aside) to carry through to the results; 序号,
    姓名 and 身份证号 are always carried. An unknown column that looks like a known one is named with
    the header it should have (``did you mean``); skipped with ``ignore_extra``, it is listed in
    ``Layout.lookalikes`` so the caller can warn that its fact is missing for every row."""
    problems: list[tuple[str, str]] = []
    _, ambiguous = header_targets()
    seen: dict[str, int] = {}
    unknown: list[int] = []
    unnamed: list[int] = []
    carried: list[int] = []
    facts: list[tuple[int, str]] = []
    id_index: int | None = None
    kind_index: int | None = None
    headers = tuple(c.replace("\ufeff", "") for c in cells)
    wanted = {normalise_header(k): k for k in keep}
    for index, cell in enumerate(headers):
        key = normalise_header(cell)
        if not key:
            unnamed.append(index)
            continue
        if key in wanted or key in EVERYDAY_HEADERS:
            wanted.pop(key, None)
            carried.append(index)
            if header_target(cell) is None:
                continue  # carried only; a known fact kept is read as well
        if key in ambiguous:
            names = "、".join(ambiguous[key])
            problems.append(
                (f"列名“{_cut(cell)}”同时是 {names} 的中文标签，请改用英文名",
                 f"column {_cut(cell)!r} is the Chinese label of {', '.join(ambiguous[key])}; use the English name")
            )  # fmt: skip
            continue
        target = header_target(cell)
        if target is None:
            unknown.append(index)
            continue
        if target in seen:
            first = _cut(headers[seen[target]])
            problems.append(
                (f"“{first}”和“{_cut(cell)}”是同一项（{target}），只能有一列",
                 f"columns {first!r} and {_cut(cell)!r} both give {target}; keep one")
            )  # fmt: skip
            continue
        seen[target] = index
        if target == "id":
            id_index = index
        elif target == "kind":
            kind_index = index
        else:
            facts.append((index, target))
    for name in wanted.values():
        problems.append(
            (f"--keep-columns 中的列“{name}”不在表头中", f"--keep-columns names {name!r}, which is not in the header")
        )  # fmt: skip
    # An unknown column like a known one the header lacks: its fact would be missing from every row.
    # (A look-alike of a column the header has is just an extra column.)
    suggestions = {i: suggest_header(headers[i]) for i in unknown}
    suggested = {i: like for i, like in suggestions.items() if like is not None and like[0] not in seen}
    # An everyday column (身份证号) is no fact: skipping its look-alike loses nothing a rule reads.
    lookalikes = tuple((i, like[1]) for i, like in suggested.items() if like[0])
    if unknown and not ignore_extra:
        for i, (_, like) in suggested.items():
            problems.append(
                (f"未知列“{_cut(headers[i])}”，是否想写“{like}”？",
                 f"unknown column {_cut(headers[i])!r}: did you mean {like!r}?")
            )  # fmt: skip
        rest = [i for i in unknown if i not in suggested]
        if rest:
            names_zh = "、".join(f"“{_cut(headers[i])}”" for i in rest)
            names_en = ", ".join(repr(_cut(headers[i])) for i in rest)
            problems.append(
                (f"未知列：{names_zh}（列名应为 wenjiuye schema 列出的英文名或中文标签；确需忽略请用 --ignore-extra-columns）",
                 f"unknown columns: {names_en} (use the names or Chinese labels of `wenjiuye schema`; "
                 f"--ignore-extra-columns skips them)")
            )  # fmt: skip
            problems[-1] = (
                problems[-1][0][:-1] + "；要把它们带到结果中请用 --keep-columns）",
                problems[-1][1][:-1] + "; --keep-columns carries them to the results)",
            )
    if id_index is None:
        problems.append(("缺少编号列（id 或 编号）", "no id column (id or 编号)"))
    if kind_index is None and kind is None:
        problems.append(
            ("缺少申请人类型列（kind 或 类型），也没有用 --kind 指定",
             "no kind column (kind or 类型) and no --kind given")
        )  # fmt: skip
    if problems:
        raise HeaderError(problems)
    assert id_index is not None
    id_numbers = tuple(i for i in carried if normalise_header(headers[i]) in ID_NUMBER_HEADERS)
    return Layout(
        headers,
        id_index,
        kind_index,
        tuple(facts),
        tuple(unknown),
        tuple(unnamed),
        tuple(carried),
        lookalikes,
        id_numbers,
    )


def parse_kind(raw: str) -> str | None:
    """``person``, ``个人``, ``individual`` … → the kind's key; None if not a kind."""
    text = normalise_header(raw)
    kind = KIND_ALIASES.get(text) or KIND_ALIASES.get(text.lower()) or text.lower()
    return kind if kind in KINDS else None


# ---------------------------------------------------------------------------------------- row parsing


class _Bad:
    """A cell value that did not convert, remembered with its reason."""

    __slots__ = ("en", "zh")

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en


_MISSING = object()
_ALWAYS_MISSING = itertools.repeat(_MISSING)  # the default for map(dict.get, memos, cells, …)
_ALWAYS_NONE = itertools.repeat(None)
_MEMO_LIMIT = 4096  # distinct cell texts remembered per column; the memo is emptied when full


class CellReader:
    """Converts the cells of one fact column. Repeated texts (是, 2021-03-15, 3) are converted once."""

    __slots__ = ("cached", "memo", "spec")

    def __init__(self, spec: FactSpec) -> None:
        self.spec = spec
        # Free text is rarely repeated (names, codes): converting it is cheaper than remembering it.
        self.cached = spec.type != "text"
        # cell text → value or None (empty). A bad cell is not remembered: it is rare, and so a value
        # found here is always a good one. The empty cell is always there, for every type.
        self.memo: dict[str, Any] = {"": None}

    def read(self, raw: Any) -> Any:
        """The fact's value, None when empty, or a :class:`_Bad` with the reason."""
        if not isinstance(raw, str):
            return self._convert(raw)
        value = self.memo.get(raw, _MISSING)
        if value is not _MISSING:
            return value
        value = self._convert(raw)
        if self.cached and type(value) is not _Bad:
            if len(self.memo) >= _MEMO_LIMIT:
                self.memo.clear()
                self.memo[""] = None
            self.memo[raw] = value
        return value

    def _convert(self, raw: Any) -> Any:
        try:
            return self.spec.convert(raw)
        except FactError as exc:
            return _Bad(exc.zh, exc.en)


Cells = list[str]


def _picker(indices: tuple[int, ...]) -> Callable[[Cells], tuple[str, ...]]:
    """A C-speed ``cells -> tuple(cells[i] for i in indices)``."""
    if not indices:
        return lambda cells: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda cells: (cells[only],)
    return operator.itemgetter(*indices)


@dataclass(frozen=True)
class KindPlan:
    """For one applicant kind: which columns hold its facts, and which must stay empty.

    ``names``, ``memos``, ``readers`` and ``headers`` run parallel to ``own_cells(cells)``."""

    kind: str
    names: tuple[str, ...]
    memos: tuple[dict[str, Any], ...]
    readers: tuple[CellReader, ...]
    headers: tuple[str, ...]
    own_cells: Callable[[Cells], tuple[str, ...]]
    foreign: tuple[str, ...]  # headers of facts this kind does not have
    foreign_cells: Callable[[Cells], tuple[str, ...]]


@dataclass(slots=True)
class Rejected:
    row: int
    cells: list[str]
    reason: str


@dataclass(slots=True)
class MeasureTally:
    total: Decimal = Decimal(0)
    maxima: Decimal = Decimal(0)
    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))


@dataclass(slots=True)
class RowCounts:
    """What became of the input rows: ``read`` (non-blank) rows were either accepted or ``rejected``.

    ``internal_errors`` counts the rejected rows whose evaluation raised (a defect in a rule);
    ``blank`` rows are skipped and not counted in ``read``.
    """

    read: int = 0
    rejected: int = 0
    blank: int = 0
    internal_errors: int = 0

    @property
    def accepted(self) -> int:
        return self.read - self.rejected

    def as_dict(self, computed: int) -> dict[str, int]:
        """The row counts of a summary; ``computed`` is how many accepted rows were evaluated."""
        return {
            "read": self.read,
            "computed": computed,
            "rejected": self.rejected,
            "blank_skipped": self.blank,
            "internal_errors": self.internal_errors,
        }


@dataclass(slots=True)
class Tally(RowCounts):
    """Running counts and Decimal sums; chunks' tallies are merged in input order."""

    computed: int = 0
    # Computed rows with no application date and no --as-of: evaluated on the run's date, which after the
    # policy's last day makes every measure ineligible; said on stderr and in the summary.
    on_run_date: int = 0
    total: Decimal = Decimal(0)
    maxima_total: Decimal = Decimal(0)
    kinds: dict[str, int] = field(default_factory=dict)
    measures: dict[str, MeasureTally] = field(default_factory=dict)

    def merge(self, other: Tally) -> None:
        self.read += other.read
        self.computed += other.computed
        self.on_run_date += other.on_run_date
        self.rejected += other.rejected
        self.blank += other.blank
        self.internal_errors += other.internal_errors
        self.total += other.total
        self.maxima_total += other.maxima_total
        for kind, n in other.kinds.items():
            self.kinds[kind] = self.kinds.get(kind, 0) + n
        for mid, theirs in other.measures.items():
            mine = self.measures.get(mid)
            if mine is None:
                self.measures[mid] = theirs
                continue
            mine.total += theirs.total
            mine.maxima += theirs.maxima
            for status, n in theirs.counts.items():
                mine.counts[status] += n

    def add_result(self, result: ApplicantResult) -> None:
        self.computed += 1
        if result.as_of_source == "today":
            self.on_run_date += 1
        kind = result.applicant.kind
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.total += result.total
        self.maxima_total += result.maxima_total
        measures = self.measures
        for outcome in result.outcomes:
            tally = measures.get(outcome.measure_id)
            if tally is None:
                tally = measures[outcome.measure_id] = MeasureTally()
            status = outcome.status
            tally.counts[status] += 1
            if not outcome.counts_as_payment:
                continue
            # The same rule as the engine's per-applicant total, so the sums agree to the fen.
            if status is Status.ELIGIBLE and outcome.amount is not None:
                tally.total += outcome.amount
            elif status in (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE) and outcome.maximum is not None:
                tally.maxima += outcome.maximum


Chunk = tuple[int, list[Any]]  # (row number of the first row, CSV records or NDJSON lines)


def wide_columns(carried: tuple[str, ...] = ()) -> list[str]:
    """Columns of the one-row-per-applicant CSV; ``carried`` input columns (序号, 姓名…) follow the id."""
    columns = ["id", *carried, "kind", "as_of"]
    for measure in registry():
        columns += [f"{measure.id}.status", f"{measure.id}.amount", f"{measure.id}.maximum"]
    return [*columns, "total", "maxima_total"]


class RowParser:
    """Turns the rows of a chunk into validated applicants; a row that does not validate is rejected
    with its row number, its original cells and the reasons. Used by :class:`ChunkProcessor` (batch)
    and :class:`ApplicantReader` (any other consumer, e.g. compare)."""

    def __init__(self, options: BatchOptions, layout: Layout | None, input_format: InputFormat) -> None:
        self.options = options
        self.layout = layout
        self.input_format = input_format
        self.lang = options.lang
        self._plans: dict[str, KindPlan] = {}
        self._keys: dict[str, str | None] = {}  # NDJSON key → target
        self._kinds: dict[str, str | None] = {}  # kind cell → kind (None: not a kind)
        self._readers: dict[str, CellReader] = {}

    def parse_rows(
        self, chunk: Chunk, counts: RowCounts, rejected: list[Rejected]
    ) -> Iterator[tuple[int, Any, Applicant]]:
        """``(row number, raw row, applicant)`` for each row of ``chunk`` that validates.

        Blank rows are counted in ``counts.blank`` and skipped; every other row is counted in
        ``counts.read``, and one that does not validate is appended to ``rejected`` (and counted) before
        the next valid row is yielded, so rejects stay in input order.
        """
        start, rows = chunk
        csv_input = self.input_format == "csv"
        id_index = self.layout.id_index if self.layout is not None else 0
        for offset, raw in enumerate(rows):
            if type(raw) is Undecodable:
                counts.read += 1
                counts.rejected += 1
                rejected.append(Rejected(start + offset, raw.cells, self.reason([raw.problem()])))
                continue
            if csv_input:
                if not any(raw) or (_blank_id(raw, id_index) and not any(c.strip() for c in raw)):
                    counts.blank += 1
                    continue
                parsed = self.parse_csv(raw)
            else:
                if not raw.strip():
                    counts.blank += 1
                    continue
                parsed = self.parse_ndjson(raw)
            counts.read += 1
            if isinstance(parsed, list):
                counts.rejected += 1
                rejected.append(Rejected(start + offset, self.cells(raw), self.reason(parsed)))
                continue
            yield start + offset, raw, parsed

    def cells(self, raw: Any) -> list[str]:
        """A raw row as the rejects file shows it: the CSV cells, or the NDJSON line."""
        return raw if self.input_format == "csv" else [raw.rstrip("\r\n")]

    def internal_error(self, row: int, raw: Any, exc: Exception) -> Rejected:
        """The reject for a row whose evaluation raised: a defect in a rule must not lose the other rows."""
        zh = f"计算出错（程序缺陷，请报告）：{type(exc).__name__}: {exc}"
        en = f"internal error (a defect, please report it): {type(exc).__name__}: {exc}"
        return Rejected(row, self.cells(raw), zh if self.lang == "zh" else en)

    # -- parsing
    def plan(self, kind: str) -> KindPlan:
        plan = self._plans.get(kind)
        if plan is None:
            assert self.layout is not None
            specs = facts_for_kind(kind)
            own: list[tuple[str, dict[str, Any], CellReader, str]] = []  # (fact, memo, reader, header)
            own_index: list[int] = []
            foreign: list[str] = []
            foreign_index: list[int] = []
            for index, name in self.layout.facts:
                header = self.layout.headers[index]
                spec = specs.get(name)
                if spec is None:
                    foreign.append(header)
                    foreign_index.append(index)
                else:
                    reader = self.reader(spec)
                    own.append((name, reader.memo, reader, header))
                    own_index.append(index)
            names, memos, readers, headers = zip(*own, strict=True) if own else ((), (), (), ())
            plan = self._plans[kind] = KindPlan(
                kind,
                names,
                memos,
                readers,
                headers,
                _picker(tuple(own_index)),
                tuple(foreign),
                _picker(tuple(foreign_index)),
            )
        return plan

    def reader(self, spec: FactSpec) -> CellReader:
        reader = self._readers.get(spec.name)
        if reader is None:
            reader = self._readers[spec.name] = CellReader(spec)
        return reader

    def _kind(self, raw: Any, problems: list[tuple[str, str, str]], header: str) -> str | None:
        default = self.options.kind
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if default is None:
                problems.append((header, "缺少申请人类型", "missing applicant kind"))
            return default
        kind: str | None = None
        if isinstance(raw, str):
            kind = self._kinds.get(raw)
            if kind is None and raw not in self._kinds:
                kind = self._kinds[raw] = parse_kind(raw)
        if kind is None:
            names = "、".join(f"{k}（{zh}）" for k, (zh, _en) in KINDS.items())
            problems.append(
                (
                    header,
                    f"应为 {names} 之一，而不是 {raw!r}",
                    f"must be one of {', '.join(KINDS)}, got {raw!r}",
                )
            )
            return None
        if default is not None and kind != default:
            problems.append(
                (header, f"为 {kind}，与 --kind {default} 不一致", f"is {kind}, but --kind says {default}")
            )
            return None
        return kind

    def _id(self, raw: Any, problems: list[tuple[str, str, str]], header: str) -> str:
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        if not isinstance(raw, str):
            if raw is not None:
                problems.append(
                    (
                        header,
                        f"编号应为文本（加引号），而不是 {raw}",
                        f"the id must be text (quoted), got {raw}",
                    )
                )
                return ""
            raw = ""
        ident: str = raw.strip()
        if not ident:
            problems.append((header, "缺少编号", "missing id"))
        elif ("E" in ident or "e" in ident or "Ｅ" in ident or "ｅ" in ident) and excel_mangled_number(ident):
            problems.append(
                (header,
                 f"{ident} 是被 Excel 改成科学计数法的编号，原来的数字已丢失；请把该列设为“文本”后重新导出",
                 f"the id {ident} was turned into a number by Excel and its digits are lost; "
                 f"format the column as Text and export again")
            )  # fmt: skip
        return ident

    def parse_csv(self, cells: list[str]) -> Applicant | list[tuple[str, str, str]]:
        """An applicant, or the problems (header, zh, en) that reject the row."""
        layout = self.layout
        assert layout is not None
        problems: list[tuple[str, str, str]] = []
        width = layout.width
        if len(cells) != width:
            if len(cells) > width and not any(c.strip() for c in cells[width:]):
                cells = cells[:width]
            else:
                problems.append(
                    ("", f"有 {len(cells)} 个单元格，而表头有 {width} 列",
                     f"{len(cells)} cells, but the header has {width} columns")
                )  # fmt: skip
                return problems
        headers = layout.headers
        ident = self._id(cells[layout.id_index], problems, headers[layout.id_index])
        kind_index = layout.kind_index
        kind = self._kind(
            None if kind_index is None else cells[kind_index],
            problems,
            "kind" if kind_index is None else headers[kind_index],
        )
        for index in layout.unnamed:
            if cells[index].strip():
                problems.append(
                    (
                        f"第{index + 1}列",
                        "这一列没有表头却有内容",
                        "this column has no header but the cell is filled",
                    )
                )
        for index in layout.id_numbers:  # carried, never read; but Excel's mangling loses its digits
            if excel_mangled_number(cells[index]):
                problems.append(
                    (headers[index],
                     "被 Excel 改成了科学计数法，原来的数字已丢失；请把该列设为“文本”后重新导出",
                     "was turned into a number by Excel and its digits are lost; format the column as Text "
                     "and export again")
                )  # fmt: skip
        if kind is None:
            return problems
        plan = self.plan(kind)
        own = plan.own_cells(cells)
        # Every cell is looked up in its column's memo in one C-level pass; only texts not seen before
        # (new dates, amounts, free text) cost a Python step to convert.
        got = list(map(dict.get, plan.memos, own, _ALWAYS_MISSING))
        # By identity, in C: ``_MISSING in got`` would compare each Decimal with it by ``==``, which
        # asks whether the other side is a numbers.Rational (an ABC check) — slower than the lookups.
        if any(map(operator.is_, got, _ALWAYS_MISSING)):
            readers = plan.readers
            for index, value in enumerate(got):
                if value is _MISSING:
                    got[index] = value = readers[index].read(own[index])
                    if type(value) is _Bad:
                        problems.append((plan.headers[index], value.zh, value.en))
        values: dict[str, Any] = dict(itertools.compress(zip(plan.names, got, strict=True), own))
        if any(map(operator.is_, values.values(), _ALWAYS_NONE)):  # a cell of spaces only: empty
            values = {name: value for name, value in values.items() if value is not None}
        if plan.foreign:
            foreign = plan.foreign_cells(cells)
            if any(foreign):
                for header, cell in zip(plan.foreign, foreign, strict=True):
                    if cell.strip():
                        problems.append(_not_for_kind(header, kind))
        if problems:
            return problems
        return Applicant(ident, kind, Facts(values))

    def parse_ndjson(self, line: str) -> Applicant | list[tuple[str, str, str]]:
        problems: list[tuple[str, str, str]] = []
        try:
            obj = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            return [
                ("", f"不是有效的 JSON：第 {exc.pos + 1} 个字符处有误（{exc.msg}）", f"not valid JSON: {exc}")
            ]
        except ValueError as exc:  # e.g. a number too long to convert
            return [("", f"不是有效的 JSON：{exc}", f"not valid JSON: {exc}")]
        except RecursionError:
            return [("", *TOO_DEEP)]
        if not isinstance(obj, dict):
            return [("", "每行应为一个 JSON 对象 {…}", "each line must be a JSON object {…}")]
        # Deep nesting, or a lone surrogate written as "\ud800" (raw ones were marked undecodable), is
        # rejected naming the key; the walk is skipped for the common row that can hold neither.
        if "\\u" in line or line.count("[") + line.count("{") > MAX_DEPTH:
            problem = structure_problem(obj)
            if problem is not None:
                return [problem]
        targets: dict[str, tuple[str, Any]] = {}
        for key, value in obj.items():
            target = self._key(key)
            if target is None:
                if is_everyday_header(key) or key in self.options.keep_columns:
                    continue  # 序号, 姓名, 身份证号 and the columns kept: carried, never read
                if not self.options.ignore_extra_columns:
                    problems.append(
                        (key, "未知字段（见 wenjiuye schema）", "unknown field (see wenjiuye schema)")
                    )
                continue
            if target in targets:
                problems.append(
                    (
                        key,
                        f"与“{targets[target][0]}”重复（{target}）",
                        f"repeats {targets[target][0]!r} ({target})",
                    )
                )
                continue
            targets[target] = (key, value)
        id_key, id_raw = targets.pop("id", ("id", None))
        ident = self._id(id_raw, problems, id_key)
        kind_key, kind_raw = targets.pop("kind", ("kind", None))
        kind = self._kind(kind_raw, problems, kind_key)
        if kind is None:
            return problems
        specs = facts_for_kind(kind)
        values: dict[str, Any] = {}
        for name, (key, raw) in targets.items():
            spec = specs.get(name)
            if spec is None:
                if raw is not None and raw != "":
                    problems.append(_not_for_kind(key, kind))
                continue
            value = self.reader(spec).read(raw)
            if value is None:
                continue
            if type(value) is _Bad:
                problems.append((key, value.zh, value.en))
                continue
            values[name] = value
        if problems:
            return problems
        return Applicant(ident, kind, Facts(values))

    def _key(self, key: str) -> str | None:
        try:
            return self._keys[key]
        except KeyError:
            target = self._keys[key] = header_target(key)
            return target

    def reason(self, problems: list[tuple[str, str, str]]) -> str:
        """The reasons a row is rejected, each naming the column as written (and the fact it means)."""
        zh = self.lang == "zh"
        parts = []
        for header, reason_zh, reason_en in problems:
            name = header_target(header) if header else None
            if not header:
                label = ""
            elif not name:
                label = _cut(header)
            elif name == header:
                label = f"{name}（{zh_labels().get(name, name)}）" if zh else name
            else:
                label = f"{header}（{name}）" if zh else f"{name} ({header})"
            text = reason_zh if zh else reason_en
            parts.append((f"{label}：{text}" if zh else f"{label}: {text}") if label else text)
        return ("；" if zh else "; ").join(parts)


def _blank_id(cells: Cells, id_index: int) -> bool:
    return id_index >= len(cells) or not cells[id_index].strip()


def _not_for_kind(header: str, kind: str) -> tuple[str, str, str]:
    zh_kind, en_kind = KINDS[kind]
    return (
        header,
        f"{zh_kind}（{kind}）没有这一项，应留空",
        f"not a fact of kind {kind} ({en_kind}); leave it empty",
    )


# Collector thresholds for a batch process: the youngest generation is collected after 50,000 net
# allocations instead of 700 (rows allocate many short-lived objects and rarely make cycles).
BATCH_GC_THRESHOLDS = (50_000, 20, 100)


# --------------------------------------------------------------------------------------------- input


@dataclass
class InputInfo:
    name: str
    format: InputFormat
    encoding: str = "utf-8"
    columns: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    # Skipped columns that look like a known one the input lacks: (column, the header it looks like).
    lookalike_columns: tuple[tuple[str, str], ...] = ()
    carried_columns: tuple[
        str, ...
    ] = ()  # copied to the results as they are (序号, 姓名, 身份证号, --keep-columns)


def detect_input_format(name: str, first_text: str) -> InputFormat:
    if name.lower().endswith(NDJSON_SUFFIXES):
        return "ndjson"
    if name.lower().endswith(".csv"):
        return "csv"
    return "ndjson" if first_text.lstrip("\ufeff \t\r\n").startswith("{") else "csv"


@dataclass(frozen=True, slots=True)
class Undecodable:
    """A row with bytes its file's encoding cannot decode, in place of its cells: it is rejected with
    the cells as they can be shown (each bad byte as U+FFFD), and the rows around it go on."""

    cells: list[str]
    encoding: str

    def problem(self) -> tuple[str, str, str]:
        return (
            "",
            f"含有不能按 {self.encoding} 解码的字节（显示为 \ufffd）：这一行的编码与文件其余部分不同？"
            "文件编码可用 --encoding 指定",
            f"has bytes that are not valid {self.encoding} (shown as \ufffd): is this row in another "
            "encoding than the rest of the file? Name the file's encoding with --encoding",
        )


def _mark_undecodable_rows(rows: list[Any], encoding: str) -> None:
    """Put an :class:`Undecodable` in place of each row holding an undecodable byte."""
    for index, raw in enumerate(rows):
        if isinstance(raw, str):  # an NDJSON line
            if UNDECODABLE.search(raw):
                rows[index] = Undecodable([shown_undecodable(raw.rstrip("\r\n"))], encoding)
        elif UNDECODABLE.search("\x1f".join(raw)):
            rows[index] = Undecodable([shown_undecodable(cell) for cell in raw], encoding)


class _Rows:
    """Records of the input in chunks, with the row numbers Excel shows (the header is row 1)."""

    def __init__(self, records: Iterator[Any], first_row: int, chunk_rows: int, blocks: TextBlocks) -> None:
        self._records = records
        self.next_row = first_row
        self._chunk_rows = chunk_rows
        self._blocks = blocks

    def chunks(self) -> Iterator[Chunk]:
        while True:
            try:
                rows = list(itertools.islice(self._records, self._chunk_rows))
            except csv.Error as exc:
                raise InputDataError(
                    f"第 {self.next_row} 行附近 CSV 格式错误：{exc}",
                    f"near row {self.next_row}: bad CSV: {exc}",
                ) from None
            if not rows:
                return
            if self._blocks.undecodable_bytes:  # rows read before the first bad byte need no look
                _mark_undecodable_rows(rows, self._blocks.encoding)
            start = self.next_row
            self.next_row += len(rows)
            yield start, rows

    @property
    def bytes_read(self) -> int:
        return self._blocks.bytes_read

    @property
    def encoding(self) -> str:
        """The encoding in use (settled once the first non-ASCII bytes have been read)."""
        return self._blocks.encoding


@dataclass
class OpenedInput:
    """An input whose header has been accepted: what it is, its columns, and its rows still to read."""

    info: InputInfo
    layout: Layout | None  # None for NDJSON
    rows: _Rows


def open_input(stream: BinaryIO, name: str, options: BatchOptions) -> OpenedInput:
    """Decode ``stream``, choose CSV or NDJSON and accept the header; no data row is read yet.

    ``name`` is the input's file name (``-`` for stdin): its extension chooses the format unless
    ``options.input_format`` does; otherwise the first text is sniffed. Raises :class:`HeaderError`
    for unknown, duplicate or missing columns (NDJSON: unknown keys on the first line) and
    :class:`InputDataError` for an empty or undecodable input.
    """
    blocks = open_text(stream, options.encoding)
    texts = iter(blocks)
    first = next(texts, "")
    if not first.strip("\ufeff \t\r\n"):
        raise InputDataError("输入为空：没有表头，也没有数据", "the input is empty: no header, no rows")
    fmt = options.input_format or detect_input_format(name, first)
    rest = itertools.chain([first], texts)
    layout: Layout | None = None
    info = InputInfo(name, fmt, blocks.encoding)
    if fmt == "csv":
        records = csv_records(rest, detect_delimiter(first))
        header_row = 0
        header: list[str] = []
        try:
            while not any(c.strip() for c in header):  # blank lines above the header are skipped
                line = next(records, None)
                if line is None:  # nothing but empty cells (a file holding only ",")
                    raise InputDataError(
                        "没有表头：输入只有空白单元格", "no header: the input holds only empty cells"
                    )
                header = line
                header_row += 1
        except csv.Error as exc:
            raise InputDataError(
                f"表头不是有效的 CSV：{exc}", f"the header is not valid CSV: {exc}"
            ) from None
        if UNDECODABLE.search("\x1f".join(header)):
            shown = cut_message(",".join(shown_undecodable(cell) for cell in header))[:200]
            raise InputDataError(
                f"表头含有不能按 {blocks.encoding} 解码的字节：{shown}（文件编码可用 --encoding 指定，"
                "如 utf-8、gb18030、utf-16）",
                f"the header has bytes that are not valid {blocks.encoding}: {shown} (name the file's "
                "encoding with --encoding, e.g. utf-8, gb18030, utf-16)",
            )
        layout = resolve_header(header, options.kind, options.ignore_extra_columns, options.keep_columns)
        info.columns = layout.headers
        info.ignored_columns = tuple(layout.headers[i] for i in layout.ignored)
        info.lookalike_columns = tuple((layout.headers[i], like) for i, like in layout.lookalikes)
        info.carried_columns = tuple(layout.headers[i] for i in layout.carried)
        rows = _Rows(records, header_row + 1, options.chunk_rows, blocks)
    else:
        lines = text_lines(rest)
        head, info.carried_columns = _peek_ndjson_keys(lines, options)
        rows = _Rows(head, 1, options.chunk_rows, blocks)
        info.columns = ("line",)
    info.encoding = blocks.encoding
    return OpenedInput(info, layout, rows)


# --------------------------------------------------------------------------------------------- rejects


SHOWN_REJECTS = 10  # rejected rows shown on stderr when there is no rejects file (stdin to stdout)


class RejectSink:
    """Where rejected rows are written: a CSV file with the row number, the reason and the original cells.

    ``open_file()`` is called on the first reject (and at the end when ``always``); it returns a
    text stream positioned after any BOM. The caller owns the file (atomic commit or discard).
    """

    def __init__(
        self, open_file: Callable[[], TextIO] | None, lang: str, excel_safe: bool, always: bool = False
    ) -> None:
        self._open_file = open_file
        self.lang = lang
        self.excel_safe = excel_safe
        self.always = always
        self.count = 0
        self.first: list[Rejected] = []  # the first rejected rows, for a run with no rejects file
        self._stream: TextIO | None = None
        self._columns: list[str] = []

    def set_columns(self, columns: Iterable[str]) -> None:
        self._columns = list(columns)

    def header(self) -> list[str]:
        first = ["行号", "原因"] if self.lang == "zh" else ["row", "reason"]
        return first + self._columns

    def _ensure(self) -> TextIO | None:
        if self._stream is None and self._open_file is not None:
            self._stream = self._open_file()
            self._stream.write(csv_line(self._guard(self.header())))
        return self._stream

    def _guard(self, cells: list[str]) -> list[str]:
        return [guard_formula(c) for c in cells] if self.excel_safe else cells

    def write(self, rows: list[Rejected]) -> None:
        if not rows:
            return
        self.count += len(rows)
        if len(self.first) < SHOWN_REJECTS:
            self.first += rows[: SHOWN_REJECTS - len(self.first)]
        stream = self._ensure()
        if stream is None:
            return
        stream.write("".join(csv_line([str(r.row), *self._guard([r.reason, *r.cells])]) for r in rows))

    def finish(self) -> None:
        if self.always:
            self._ensure()

    @property
    def opened(self) -> bool:
        return self._stream is not None


# ------------------------------------------------------------------------- applicants, one at a time


@dataclass(frozen=True, slots=True)
class InputRow:
    """One input row that validated: its row number (as Excel shows it; NDJSON: the line number),
    the applicant, and the raw row (the CSV cells or the NDJSON line), kept for a reject."""

    number: int
    applicant: Applicant
    raw: Any


class ApplicantReader:
    """Validated applicants from a CSV or NDJSON stream, one at a time, for commands other than batch.

    The same reading as ``wenjiuye batch`` (decoding, header, cells as typed, row numbers, rejects), as
    one stream: memory does not grow with the number of rows. ::

        reader = ApplicantReader(stream, name, options, rejects)  # reads the header (or raises)
        for row in reader:                                        # InputRow, in input order
            try:
                use(row.applicant)
            except Exception as exc:
                reader.reject_error(row, exc)                     # nothing is lost
        reader.counts.read == computed + reader.counts.rejected

    Creating the reader reads up to the header and raises :class:`HeaderError` (unknown, duplicate or
    missing columns) or :class:`InputDataError` (empty, undecodable) before any row is read, so the
    caller can stop before writing anything. A row that does not validate goes to ``rejects`` with its
    row number, its original cells and the reasons, before the next applicant is yielded; blank rows are
    counted and skipped. Iterating may raise :class:`InputDataError` when the input stops being
    readable part-way. Of ``options`` the reader uses ``kind``, ``ignore_extra_columns``,
    ``input_format``, ``encoding``, ``lang`` (of the reasons) and ``chunk_rows``.
    ``progress(rows, bytes)`` is called after each chunk of rows.
    """

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        options: BatchOptions,
        rejects: RejectSink,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        opened = open_input(stream, name, options)
        self.info: InputInfo = opened.info
        self.counts = RowCounts()
        self._rows = opened.rows
        self._parser = RowParser(options, opened.layout, opened.info.format)
        self._rejects = rejects
        self._progress = progress
        self._started = False
        rejects.set_columns(opened.info.columns)

    def __iter__(self) -> Iterator[InputRow]:
        if self._started:
            raise RuntimeError("an ApplicantReader can be read once")
        self._started = True
        return self._applicants()

    def _applicants(self) -> Iterator[InputRow]:
        parser, counts, sink, progress = self._parser, self.counts, self._rejects, self._progress
        rejected: list[Rejected] = []
        done = 0
        for chunk in self._rows.chunks():
            for number, raw, applicant in parser.parse_rows(chunk, counts, rejected):
                if rejected:  # the rows before this one: the rejects stay in input order
                    sink.write(rejected)
                    rejected.clear()
                yield InputRow(number, applicant, raw)
            sink.write(rejected)
            rejected.clear()
            done += len(chunk[1])
            if progress is not None:
                progress(done, self._rows.bytes_read)
        self.info.encoding = self._rows.encoding
        sink.finish()

    def reject(self, row: InputRow, zh: str, en: str) -> None:
        """Reject a row the reader yielded (the caller could not use its applicant), saying why."""
        self.counts.rejected += 1
        reason = zh if self._parser.lang == "zh" else en
        self._rejects.write([Rejected(row.number, self._parser.cells(row.raw), reason)])

    def reject_error(self, row: InputRow, exc: Exception) -> None:
        """Reject a row whose evaluation raised, as batch does (a defect in a rule; the run goes on)."""
        self.counts.rejected += 1
        self.counts.internal_errors += 1
        self._rejects.write([self._parser.internal_error(row.number, row.raw, exc)])

    @property
    def bytes_read(self) -> int:
        return self._rows.bytes_read


# ------------------------------------------------------------------------------------------- summary


@dataclass
class BatchSummary:
    """What a run read, computed and rejected, and the budget by measure and by department."""

    input: InputInfo
    tally: Tally
    stamp: dict[str, Any]
    outputs: dict[str, str | None] = field(default_factory=dict)

    def measures(self, lang: str) -> list[dict[str, Any]]:
        rows = []
        for measure in registry():
            tally = self.tally.measures.get(measure.id) or MeasureTally()
            rows.append(
                {
                    "measure": measure.id,
                    "name": measure.name(lang),
                    "article": measure.article,
                    "tasks": list(measure.tasks),
                    "department": measure.department,
                    "applicants": sum(tally.counts.values()),
                    "status_counts": {s.value: n for s, n in tally.counts.items()},
                    "total": fmt_money(tally.total),
                    "maxima_total": fmt_money(tally.maxima),
                }
            )
        return rows

    def departments(self) -> list[dict[str, Any]]:
        totals: dict[str, list[Decimal]] = {}
        members: dict[str, list[str]] = {}
        for measure in registry():
            tally = self.tally.measures.get(measure.id) or MeasureTally()
            sums = totals.setdefault(measure.department, [Decimal(0), Decimal(0)])
            sums[0] += tally.total
            sums[1] += tally.maxima
            members.setdefault(measure.department, []).append(measure.id)
        return [
            {
                "department": dept,
                "measures": members[dept],
                "total": fmt_money(sums[0]),
                "maxima_total": fmt_money(sums[1]),
            }
            for dept, sums in totals.items()
        ]

    def to_dict(self, lang: str) -> dict[str, Any]:
        t = self.tally
        return {
            "input": {
                "file": self.input.name,
                "format": self.input.format,
                "encoding": self.input.encoding,
                "ignored_columns": list(self.input.ignored_columns),
                "ignored_lookalikes": [
                    {"column": column, "looks_like": like} for column, like in self.input.lookalike_columns
                ],
                "carried_columns": list(self.input.carried_columns),
            },
            "rows": t.as_dict(t.computed) | {"evaluated_on_run_date": t.on_run_date},
            "applicants_by_kind": {k: t.kinds[k] for k in KINDS if k in t.kinds},
            "total": fmt_money(t.total),
            "maxima_total": fmt_money(t.maxima_total),
            "measures": self.measures(lang),
            "departments": self.departments(),
            "outputs": dict(self.outputs),
            "stamp": self.stamp,
        }


def batch_stamp(policy: Policy, options: BatchOptions) -> dict[str, Any]:
    """The output stamp (tool, version, policy file and hash, overrides, --as-of) plus the run's today."""
    out = stamp(policy, options.as_of)
    out["today"] = (options.today or date.today()).isoformat()
    return out


# ---------------------------------------------------------------------------------------------- run


def run_batch(
    stream: BinaryIO,
    name: str,
    policy: Policy,
    options: BatchOptions,
    out: TextIO,
    rejects: RejectSink,
    progress: Callable[[int, int], None] | None = None,
    on_start: Callable[[InputInfo], None] | None = None,
    *,
    path: Path | None = None,
) -> BatchSummary:
    """Evaluate every applicant of the input and write the results to ``out``, in input order.

    The input is ``path`` when given (a file: CSV, NDJSON, xlsx or Parquet by its extension), else
    ``stream`` (CSV or NDJSON; ``name`` is its file name, ``-`` for stdin: its extension chooses the
    format unless ``options.input_format`` does). It is read a chunk at a time
    (:func:`wenjiuye_cli.io.readers.open_reader`), each chunk validated, evaluated over columns and
    written before the next is read (:mod:`wenjiuye_cli.io.pipeline`). Rejected rows go to ``rejects``.
    ``progress(rows, bytes)`` is called after each chunk; ``on_start`` once the header has been accepted.
    Raises :class:`BatchError` when the input cannot be read (nothing written to ``out`` before a header
    error).
    """
    from wenjiuye_cli.io.pipeline import ChunkText, evaluate_chunks, measures_for_kinds
    from wenjiuye_cli.io.readers import open_reader

    if options.today is None:
        options = replace(options, today=date.today())
    if path is not None:
        reader = open_reader(path, options, sheet=options.sheet, chunk_rows=options.chunk_rows)
    else:
        reader = open_reader(name, options, sheet=options.sheet, chunk_rows=options.chunk_rows, stream=stream)
    info = reader.info
    rejects.set_columns(info.columns)
    if on_start is not None:
        on_start(info)
    the_stamp = batch_stamp(policy, options)
    chunks = evaluate_chunks(reader, policy, options)
    # Only the measures of the kinds present (labelled results): known for sure once the input has ended,
    # so the first chunk is held until the second is read. An input of more than one chunk gets every
    # measure of the kinds it may hold (--kind's, else all): a kind first met late still has its columns.
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    kinds: set[str] | None = None
    if options.labels:
        if options.kind is not None:
            kinds = {options.kind}
        elif second is None:
            kinds = set() if first is None else set(first.frames.facts.get_column("kind").unique().to_list())
    text = ChunkText(options, info.carried_columns, measures_for_kinds(kinds))
    writer = _OutputWriter(out, options, text)
    writer.begin()
    tally = Tally()
    done = 0
    held = (c for c in (first, second) if c is not None)
    first = second = None
    for chunk in itertools.chain(held, chunks):
        writer.chunk(chunk, text)
        rejected = chunk.rejected()
        rejects.write(rejected)
        writer.rejects(rejected, info.columns)
        tally.merge(chunk.tally)
        done += chunk.frames.read + chunk.frames.blank
        if progress is not None:
            progress(done, getattr(reader, "bytes_read", 0))
    summary = BatchSummary(info, tally, the_stamp)
    writer.end(summary, policy)
    rejects.finish()
    return summary


def _peek_ndjson_keys(lines: Iterator[str], options: BatchOptions) -> tuple[Iterator[str], tuple[str, ...]]:
    """Check the first object's keys like a header (unknown keys stop the run), then replay it; and the
    keys carried to the results (序号, 姓名, 身份证号 and ``keep_columns``, as the first object has them)."""
    head: list[str] = []
    first: str | None = None
    for line in lines:
        if line.strip():
            first = line
            break
        head.append(line)
    # A first line with undecodable bytes is not a header to judge: it is rejected alone, like any row.
    obj: Any = None
    if first is not None and not UNDECODABLE.search(first):
        try:
            obj = json.loads(first, parse_float=Decimal)
        except (ValueError, RecursionError):
            obj = None  # the row is rejected with the reason in the normal way
    keep = set(options.keep_columns)
    carried: tuple[str, ...] = ()
    if isinstance(obj, dict):
        carried = tuple(k for k in obj if is_everyday_header(k) or k in keep)
        absent = [k for k in options.keep_columns if k not in obj]
        if absent:
            names = "、".join(f"“{k}”" for k in absent)
            raise HeaderError(
                [(f"--keep-columns 中的字段{names}不在第一行中", f"--keep-columns names {absent!r}, not in the first line")]
            )  # fmt: skip
    if isinstance(obj, dict) and not options.ignore_extra_columns:
        unknown = [k for k in obj if header_target(k) is None and not is_everyday_header(k) and k not in keep]
        if unknown:
            problems: list[tuple[str, str]] = []
            rest = []
            for key in unknown:
                like = suggest_header(key)
                if like is not None and like[0] not in obj:
                    problems.append((f"未知字段“{_cut(key)}”，是否想写“{like[1]}”？",
                                     f"unknown field {_cut(key)!r}: did you mean {like[1]!r}?"))  # fmt: skip
                else:
                    rest.append(key)
            if rest:
                names = ", ".join(repr(_cut(k)) for k in rest)
                problems.append(
                    (f"未知字段：{names}（见 wenjiuye schema；确需忽略请用 --ignore-extra-columns）",
                     f"unknown fields: {names} (see wenjiuye schema; --ignore-extra-columns skips them)")
                )  # fmt: skip
            raise HeaderError(problems)
    # Put the blank lines and the first object back in front of the rest.
    return itertools.chain(head, [] if first is None else [first], lines), carried


class _OutputWriter:
    """Writes the output's header, the chunks in order, and (JSON) the closing summary; to a text stream,
    or (xlsx, Parquet) to a :class:`wenjiuye_cli.io.writers.FrameWriter`, with the budget and the rejects
    as sheets of an xlsx workbook."""

    def __init__(self, out: Any, options: BatchOptions, text: Any) -> None:
        self.out = out
        self.options = options
        self.text = text
        self.frames = options.output_format in ("xlsx", "parquet")
        self._any = False

    def begin(self) -> None:
        fmt = self.options.output_format
        if fmt == "csv":
            columns = self.text.item_header() if self.options.itemised else self.text.wide_header()
            self.out.write(
                csv_line([guard_formula(c) for c in columns] if self.options.excel_safe else columns)
            )
        elif fmt == "json":
            self.out.write('{"applicants": [\n')

    def chunk(self, chunk: Any, text: Any) -> None:
        if self.frames:
            frame = text.wide_frame(chunk)
            if frame is not None:
                self.out.write(frame)
            return
        body = text.text(chunk)
        if not body:
            return
        if self.options.output_format == "json" and self._any:
            self.out.write(",\n")
        self.out.write(body)
        self._any = True

    def rejects(self, rejected: list[Rejected], columns: tuple[str, ...]) -> None:
        """xlsx: the rejected rows on a sheet of their own (as the rejects file has them)."""
        if not rejected or self.options.output_format != "xlsx":
            return
        import polars as pl

        from wenjiuye_cli.io.writers import rejects_table

        frame = pl.DataFrame(
            {"row": [r.row for r in rejected], "reason": [r.reason for r in rejected],
             "cells": [r.cells for r in rejected]},
            schema={"row": pl.Int64(), "reason": pl.String(), "cells": pl.List(pl.String())},
        )  # fmt: skip
        self.out.write(
            rejects_table(frame, columns, self.options.lang), sheet=_sheet("rejects", self.options.lang)
        )

    def end(self, summary: BatchSummary, policy: Policy) -> None:
        if self.options.output_format == "xlsx":
            self._budget_sheets(summary)
        if self.options.output_format != "json":
            return
        tail = {
            "policy": policy.stamp(),
            "stamp": summary.stamp,
            "summary": summary.to_dict(self.options.lang),
        }
        body = json.dumps(tail, ensure_ascii=False, indent=2)
        self.out.write(("\n" if self._any else "") + "],\n" + body[1:].lstrip("\n") + "\n")

    def _budget_sheets(self, summary: BatchSummary) -> None:
        """The budget by measure and by department, on a sheet after the results."""
        import polars as pl

        from wenjiuye_cli.policy.articles import department_label

        lang = self.options.lang
        zh = lang == "zh"
        doc = summary.to_dict(lang)
        money = pl.Decimal(38, 2)
        rows = [m for m in doc["measures"] if m["applicants"]]
        by_measure = pl.DataFrame(
            {
                "措施" if zh else "measure": [m["name"] for m in rows],
                "条" if zh else "article": [m["article"] for m in rows],
                "责任部门" if zh else "department": [department_label(m["department"], lang) for m in rows],
                "申请人" if zh else "applicants": [m["applicants"] for m in rows],
                "符合" if zh else "eligible": [m["status_counts"]["eligible"] for m in rows],
                "不符合" if zh else "ineligible": [m["status_counts"]["ineligible"] for m in rows],
                "无法判断" if zh else "cannot decide": [m["status_counts"]["cannot_decide"] for m in rows],
                "合计（元）" if zh else "total (yuan)": pl.Series(
                    [Decimal(m["total"]) for m in rows], dtype=money
                ),
                "最高额合计（元，未计入）" if zh else "maxima (yuan, not added)": pl.Series(
                    [Decimal(m["maxima_total"]) for m in rows], dtype=money
                ),
            }
        )
        self.out.write(by_measure, sheet=_sheet("budget", lang))
        depts = doc["departments"]
        by_department = pl.DataFrame(
            {
                "责任部门" if zh else "department": [department_label(d["department"], lang) for d in depts],
                "合计（元）" if zh else "total (yuan)": pl.Series(
                    [Decimal(d["total"]) for d in depts], dtype=money
                ),
                "最高额合计（元，未计入）" if zh else "maxima (yuan, not added)": pl.Series(
                    [Decimal(d["maxima_total"]) for d in depts], dtype=money
                ),
            }
        )
        self.out.write(by_department, sheet=_sheet("departments", lang))


def _sheet(name: str, lang: str) -> str:
    zh = {"rejects": "拒绝", "budget": "按措施汇总", "departments": "按责任部门汇总"}
    return zh[name] if lang == "zh" else name
