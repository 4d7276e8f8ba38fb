"""Streaming readers: applicant lists in, chunks of typed polars frames out, in constant memory.

::

    reader = open_reader(path, options)        # reads the header (or raises HeaderError/InputDataError)
    for chunk in reader:                       # Frames: typed facts and rejects of up to chunk_rows rows
        evaluate(chunk.facts); write(chunk.rejects)
    reader.counts.read == facts rows + rejected rows

CSV (every encoding ``wenjiuye batch`` reads: UTF-8, UTF-8 with BOM, GB18030, UTF-16 with BOM including
Excel's tab-separated "Unicode text", ``--encoding``) and NDJSON are opened, decoded, split and numbered by
:func:`wenjiuye_cli.batch.open_input` itself, so rows, row numbers, blank rows and undecodable rows are
today's by construction; their cells are then validated column by column (:mod:`wenjiuye_cli.io.frames`).
Parquet is read a row group at a time (``pyarrow``), xlsx a sheet at a time (``python-calamine``; the
first sheet, or ``sheet``): their cells are typed, and are turned into the text Excel shows before the same
validation, except that a date cell and a date stored as an Excel serial number both read as that date in
a date column, a whole number in the id column is its digits, and a number too long for Excel to keep
(a 身份证号 typed as a number) is rejected as Excel's mangling.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl

from wenjiuye_cli.batch import (
    BatchOptions,
    InputDataError,
    InputInfo,
    Layout,
    RowCounts,
    RowParser,
    Undecodable,
    _Rows,
    is_everyday_header,
    open_input,
    resolve_header,
)
from wenjiuye_cli.engine import all_facts
from wenjiuye_cli.io.clean import PY_WHITESPACE, Reason, convert_objects
from wenjiuye_cli.io.frames import ChunkFramer, Frames, _Rejects, _typed, empty_facts, kinds_of_fact
from wenjiuye_cli.io.schema import ID, KIND, ROW
from wenjiuye_cli.io.tabular import BLOCK_SIZE, UNDECODABLE, csv_records, detect_delimiter, open_text
from wenjiuye_cli.limits import MAX_DEPTH

DEFAULT_CHUNK_ROWS = 20_000  # rows evaluated together: see PART_ROWS
# Rows validated together: a longer chunk is validated in parts of this many rows and the parts joined,
# so a chunk evaluated at once (the rules cost a fixed ~0.5 s per query) does not multiply the memory
# of reading it (~4 KB a row while a part is split and cleaned, against ~0.4 KB a row of typed facts).
PART_ROWS = 10_000
PARQUET_SUFFIXES = (".parquet", ".pq")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class FrameReader:
    """Chunks of an input as :class:`~wenjiuye_cli.io.frames.Frames`; ``counts`` says what became of the
    rows read so far, ``info`` what the input is (its encoding settled once read)."""

    info: InputInfo
    counts: RowCounts
    _chunk_rows = DEFAULT_CHUNK_ROWS  # the rows of a chunk yielded
    _part_rows = PART_ROWS  # the rows of a part read and validated at a time (no more than a chunk's)

    def _rows_per(self, chunk_rows: int) -> None:
        self._chunk_rows = chunk_rows
        self._part_rows = min(chunk_rows, PART_ROWS)

    def __iter__(self) -> Iterator[Frames]:
        parts: list[Frames] = []
        rows = 0
        for frames in self._frames():
            self.counts.read += frames.read
            self.counts.blank += frames.blank
            self.counts.rejected += frames.rejects.height
            parts.append(frames)
            rows += frames.read + frames.blank
            if rows >= self._chunk_rows:
                yield joined(parts)
                parts, rows = [], 0
        if parts:
            yield joined(parts)

    def _frames(self) -> Iterator[Frames]:
        raise NotImplementedError


def joined(parts: list[Frames]) -> Frames:
    """Consecutive parts of an input as one chunk (rows, rejects and carried columns in input order)."""
    if len(parts) == 1:
        return parts[0]
    carried = [p.carried for p in parts]
    return Frames(
        pl.concat([p.facts for p in parts]),
        pl.concat([p.rejects for p in parts]),
        sum(p.read for p in parts),
        sum(p.blank for p in parts),
        pl.concat(carried) if all(c is not None and c.width for c in carried) else carried[0],  # type: ignore[type-var]
    )


def open_reader(
    path: Path | str,
    options: BatchOptions | None = None,
    *,
    sheet: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    stream: BinaryIO | None = None,
) -> FrameReader:
    """A reader for ``path`` chosen by its extension (``.xlsx``, ``.parquet``, else CSV or NDJSON as
    ``wenjiuye batch`` chooses); ``stream`` reads CSV/NDJSON from an open binary stream instead (``-``)."""
    options = options or BatchOptions()
    name = str(path)
    lower = name.lower()
    if stream is None and lower.endswith(XLSX_SUFFIXES):
        return XlsxReader(Path(path), options, sheet, chunk_rows)
    if stream is None and lower.endswith(PARQUET_SUFFIXES):
        return ParquetReader(Path(path), options, chunk_rows)
    if stream is None and _is_zip(Path(path)):  # a workbook under another name (名单.csv saved as xlsx)
        return XlsxReader(Path(path), options, sheet, chunk_rows)
    if sheet is not None:
        raise InputDataError("只有 xlsx 文件有工作表（--sheet）", "only an xlsx file has sheets (--sheet)")
    if stream is not None:
        peek = getattr(stream, "peek", None)
        if peek is not None and peek(4)[:4] == ZIP_MAGIC:
            raise InputDataError(
                "输入是 xlsx 工作簿（zip），不是 CSV 或 NDJSON：请直接给出 .xlsx 文件名，而不是从标准输入读入",
                "the input is an xlsx workbook (a zip), not CSV or NDJSON: name the .xlsx file instead of "
                "piping it in",
            )
        return TextReader(stream, name, options, chunk_rows)
    return TextReader(open(path, "rb"), name, options, chunk_rows, owns=True, path=Path(path))


ZIP_MAGIC = b"PK\x03\x04"  # how an xlsx file (a zip archive) begins


def _is_zip(path: Path) -> bool:
    """Whether a regular file begins as a zip does (never a pipe: reading it would consume it)."""
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as stream:
            return stream.read(4) == ZIP_MAGIC
    except OSError:
        return False  # the text reader says what is wrong with it


class TextReader(FrameReader):
    """CSV or NDJSON, as :func:`wenjiuye_cli.batch.open_input` opens it."""

    block_size = BLOCK_SIZE  # bytes decoded at a time by the polars split (tests make it small)

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        options: BatchOptions,
        chunk_rows: int,
        owns: bool = False,
        path: Path | None = None,
    ) -> None:
        self._stream = stream if owns else None
        self._path = path
        self._rows_per(chunk_rows)
        try:
            opened = open_input(stream, name, replace(options, chunk_rows=self._part_rows))
        except BaseException:
            if owns:
                stream.close()
            raise
        self.info = opened.info
        self.counts = RowCounts()
        self._rows = opened.rows
        self._parser = RowParser(options, opened.layout, opened.info.format)
        self._options = options
        self._framer = None if opened.layout is None else ChunkFramer(self._parser, opened.layout)
        # A file whose header is its first line can be split by polars' CSV reader (see _fast_frames).
        # (Read twice, so a regular file only: never a pipe such as <(…).)
        self._fast = (
            path is not None and path.is_file() and self._framer is not None and self._rows.next_row == 2
        )

    @property
    def bytes_read(self) -> int:
        return self._rows.bytes_read

    def _frames(self) -> Iterator[Frames]:
        if self._fast:
            assert self._stream is not None
            self._stream.close()
            yield from self._fast_frames()
            return
        try:
            for start, rows in self._rows.chunks():
                if self._framer is not None:
                    yield self._csv(start, rows)
                else:
                    yield self._ndjson(start, rows)
            self.info.encoding = self._rows.encoding
        finally:
            if self._stream is not None:
                self._stream.close()

    # -- CSV
    def _csv(self, start: int, rows: list[Any]) -> Frames:
        framer, parser = self._framer, self._parser
        assert framer is not None
        layout = framer.layout
        width = layout.width
        rejects = _Rejects()
        good: list[list[str]] = []
        numbers: list[int] = []
        originals: list[list[str]] = []
        read = blank = 0
        for offset, raw in enumerate(rows):
            number = start + offset
            if type(raw) is Undecodable:
                read += 1
                rejects.add(number, parser.reason([raw.problem()]), raw.cells)
                continue
            if not "".join(raw).strip():  # every cell empty or spaces
                blank += 1
                continue
            cells = raw
            if len(raw) != width:
                if len(raw) > width and not any(c.strip() for c in raw[width:]):
                    cells = raw[:width]
                else:
                    read += 1
                    problems = parser.parse_csv(raw)
                    assert isinstance(problems, list)
                    rejects.add(number, parser.reason(problems), raw)
                    continue
            good.append(cells)
            numbers.append(number)
            originals.append(raw)
        wanted = {layout.id_index, *layout.unnamed, *layout.carried, *(index for index, _ in layout.facts)}
        if layout.kind_index is not None:
            wanted.add(layout.kind_index)
        columns: dict[int, pl.Series] = {}
        if good:
            for index, column in enumerate(zip(*good, strict=True)):
                if index in wanted:
                    columns[index] = pl.Series(column, dtype=pl.String)
        else:
            columns = {index: pl.Series([], dtype=pl.String) for index in wanted}
        return framer.frames(
            pl.Series(numbers, dtype=pl.Int64), columns, originals.__getitem__, rejects, read, blank
        )

    # -- CSV split by polars
    def _fast_frames(self) -> Iterator[Frames]:
        """The rows of a CSV file split by polars' reader (in Rust) instead of ``csv.reader``, block by
        block, wherever that is sure to give the same records: text blocks with no undecodable byte, no
        lone CR, no NUL, an even number of quotes (so a block ends outside a quoted cell) and every record
        as wide as the header. At the first block that is not, the rest of the file is read exactly as
        ``wenjiuye batch`` reads it (``csv.reader``), from that record boundary on."""
        assert self._path is not None
        assert self._framer is not None
        with open(self._path, "rb") as stream:
            blocks = open_text(stream, self._options.encoding, self.block_size)
            texts = iter(blocks)
            first = next(texts, "")
            cut = first.find("\n") + 1
            delimiter = detect_delimiter(first)
            width = self._framer.layout.width
            schema = {f"c{i}": pl.String for i in range(width)}
            pending: list[str] = []
            lines = 0
            next_row = 2
            slow: Iterator[str] | None = None
            head = first[cut:]
            header = first[:cut]
            if cut == 0 or '"' in header or "\r" in header[:-2] or UNDECODABLE.search(header):
                # A header of more than one line, or odd: csv.reader from the start, skipping the header.
                records = csv_records(itertools.chain([first], texts), delimiter)
                next(records, None)
                for start, chunk in _Rows(records, 2, self._part_rows, blocks).chunks():
                    yield self._csv(start, chunk)
                self.info.encoding = blocks.encoding
                return
            for block in itertools.chain([head], texts):
                if _safe_block(block):
                    pending.append(block)
                    lines += block.count("\n")
                    if lines < self._part_rows:
                        continue
                    block = ""
                if pending:
                    frames = self._polars_split("".join(pending), delimiter, schema, next_row)
                    if frames is None:  # polars and csv.reader might disagree: read on as batch does
                        slow = itertools.chain(pending, [block], texts)
                        break
                    next_row += frames.read + frames.blank
                    yield frames
                    pending, lines = [], 0
                if block:
                    slow = itertools.chain([block], texts)
                    break
            else:
                if pending:
                    frames = self._polars_split("".join(pending), delimiter, schema, next_row)
                    if frames is None:
                        slow = iter(pending)
                    else:
                        yield frames
            if slow is not None:
                rows = _Rows(csv_records(slow, delimiter), next_row, self._part_rows, blocks)
                for start, chunk in rows.chunks():
                    yield self._csv(start, chunk)
            self.info.encoding = blocks.encoding

    def _polars_split(
        self, text: str, delimiter: str, schema: dict[str, Any], first_row: int
    ) -> Frames | None:
        assert self._framer is not None
        width = len(schema)
        # Each line one record, as wide as the header: an even number of quotes on every line (no cell
        # spans lines), and width - 1 delimiters outside quoted cells, or none on a line of spaces.
        lines = pl.Series(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), dtype=pl.String)
        checked = lines.to_frame("line").select(
            odd=pl.col("line").str.count_matches('"', literal=True) % 2 == 1,
            delimiters=pl.col("line")
            .str.replace_all(r'"(?:[^"]|"")*"', "")
            .str.count_matches(delimiter, literal=True),
            spaces=pl.col("line").str.strip_chars(PY_WHITESPACE) == "",
        )
        wrong = checked.select(
            pl.col("odd").any()
            | ((pl.col("delimiters") != width - 1) & ~((pl.col("delimiters") == 0) & pl.col("spaces"))).any()
        ).item()
        if wrong:
            return None
        try:
            frame = pl.read_csv(
                text.encode("utf-8"),
                has_header=False,
                separator=delimiter,
                schema=schema,
                empty_string_is_null=False,
                raise_if_empty=False,
            )
        except (pl.exceptions.PolarsError, ValueError):
            return None
        if frame.height != lines.len():
            return None
        numbers = pl.Series(range(first_row, first_row + frame.height), dtype=pl.Int64)
        blank = frame.select(
            pl.all_horizontal(pl.all().str.strip_chars(PY_WHITESPACE) == "") if frame.width else pl.lit(False)
        ).to_series()
        kept = frame.filter(~blank)
        columns = {i: kept[f"c{i}"] for i in range(frame.width)}
        return self._framer.frames(
            numbers.filter(~blank), columns, _cells_of(kept), None, 0, int(blank.sum())
        )

    # -- NDJSON
    def _ndjson(self, start: int, lines: list[Any]) -> Frames:
        parser, options = self._parser, self._options
        rejects = _Rejects()
        read = blank = 0
        numbers: list[int] = []
        kept: list[str] = []
        ids: list[str] = []
        kinds: list[str] = []
        objects: list[dict[str, tuple[str, Any]]] = []  # target → (key, raw value)
        specs = all_facts()
        owners = kinds_of_fact()
        for offset, line in enumerate(lines):
            number = start + offset
            if type(line) is Undecodable:
                read += 1
                rejects.add(number, parser.reason([line.problem()]), line.cells)
                continue
            if not line.strip():
                blank += 1
                continue
            read += 1
            simple = self._simple(line, options, owners)
            if simple is None:  # anything but a plain object of known keys: the parser says why
                parsed = parser.parse_ndjson(line)
                if isinstance(parsed, list):
                    rejects.add(number, parser.reason(parsed), parser.cells(line))
                    continue
                simple = self._simple(line, options, owners, trusted=True)
                assert simple is not None
            ident, kind, targets = simple
            numbers.append(number)
            kept.append(line)
            ids.append(ident)
            kinds.append(kind)
            objects.append(targets)
        values: dict[str, pl.Series] = {}
        bad = [False] * len(numbers)
        problems: dict[int, list[tuple[str, Reason]]] = {}
        for name in sorted({t for obj in objects for t in obj}):
            spec = specs[name]
            converted = convert_objects(spec, [obj[name][1] if name in obj else None for obj in objects])
            values[name] = converted.values
            if converted.reasons:
                for position, problem in enumerate(converted.problem.to_list()):
                    if problem is not None:
                        bad[position] = True
                        problems.setdefault(position, []).append((name, converted.reasons[problem]))
        for position in sorted(problems):
            obj = objects[position]
            found = dict(problems[position])
            # In the order of the line's keys, as the parser reports them.
            reasons = [(obj[name][0], *found[name]) for name in obj if name in found]
            rejects.add(numbers[position], parser.reason(reasons), parser.cells(kept[position]))
        keep = pl.Series([not b for b in bad], dtype=pl.Boolean)
        facts = pl.DataFrame(
            {
                ROW: pl.Series(numbers, dtype=pl.Int64),
                ID: pl.Series(ids, dtype=pl.String),
                KIND: pl.Series(kinds, dtype=pl.String),
                **values,
            }
        )
        facts = _typed(facts.filter(keep)) if facts.width > 0 and len(numbers) else empty_facts()
        return Frames(facts, rejects.frame(), read, blank, self._carried_values(kept, keep))

    def _carried_values(self, lines: list[str], keep: pl.Series) -> pl.DataFrame:
        """The carried keys' values of the lines kept, as text (absent or null: empty)."""
        keys = self.info.carried_columns
        if not keys:
            return pl.DataFrame()
        values: list[list[str]] = [[] for _ in keys]
        for line, kept in zip(lines, keep, strict=True):
            if not kept:
                continue
            obj = json.loads(line, parse_float=Decimal)
            for j, key in enumerate(keys):
                value = obj.get(key)
                values[j].append("" if value is None else str(value))
        return pl.DataFrame({f"c{j}": pl.Series(v, dtype=pl.String) for j, v in enumerate(values)})

    def _simple(
        self, line: str, options: BatchOptions, owners: dict[str, tuple[str, ...]], trusted: bool = False
    ) -> tuple[str, str, dict[str, tuple[str, Any]]] | None:
        """(id, kind, facts) of a line with nothing wrong but perhaps its fact values; else None."""
        parser = self._parser
        if not trusted and ("\\u" in line or line.count("[") + line.count("{") > MAX_DEPTH):
            return None  # perhaps a lone surrogate ("\ud800") or deep nesting: the parser looks first
        try:
            obj = json.loads(line, parse_float=Decimal)
        except (ValueError, RecursionError):  # the parser words the reason
            return None
        if not isinstance(obj, dict):
            return None
        targets: dict[str, tuple[str, Any]] = {}
        ident: Any = None
        kind_raw: Any = None
        for key, value in obj.items():
            target = parser._key(key)
            if target is None:
                if options.ignore_extra_columns or is_everyday_header(key) or key in options.keep_columns:
                    continue  # 序号, 姓名, 身份证号 and the columns kept: carried (see _carried_values)
                return None
            if (
                target in targets
                or (target == "id" and ident is not None)
                or (target == "kind" and kind_raw is not None)
            ):
                return None
            if target == "id":
                ident = value if value is not None else ""
            elif target == "kind":
                kind_raw = value if value is not None else ""
            else:
                targets[target] = (key, value)
        problems: list[tuple[str, str, str]] = []
        ident_text = parser._id(ident, problems, "id")
        kind = parser._kind(None if kind_raw == "" else kind_raw, problems, "kind")
        if (problems and not trusted) or kind is None:
            return None
        facts: dict[str, tuple[str, Any]] = {}
        for name, (key, value) in targets.items():
            if kind not in owners.get(name, ()):
                if value is not None and value != "":
                    return None
                continue
            facts[name] = (key, value)
        return ident_text, kind, facts


# ------------------------------------------------------------------------------------- typed inputs


class _CellsReader(FrameReader):
    """Inputs whose cells come typed (xlsx, Parquet): header, then chunks of text columns."""

    def __init__(self, name: str, fmt: str, options: BatchOptions, header: list[str]) -> None:
        self._options = options
        self.layout: Layout = resolve_header(
            header, options.kind, options.ignore_extra_columns, options.keep_columns
        )
        layout = self.layout
        ignored = tuple(layout.headers[i] for i in layout.ignored)
        self.info = InputInfo(
            name,
            "csv",
            "",
            layout.headers,
            ignored,
            tuple((layout.headers[i], like) for i, like in layout.lookalikes),
            tuple(layout.headers[i] for i in layout.carried),
        )
        self.info.format = fmt  # type: ignore[assignment]  # InputFormat names the text formats only
        self.counts = RowCounts()
        self._parser = RowParser(options, self.layout, "csv")
        self._framer = ChunkFramer(self._parser, self.layout)
        specs = all_facts()
        self._types = {index: specs[name].type for index, name in self.layout.facts}

    def _chunk(self, numbers: list[int], rows: list[list[Any]]) -> Frames:
        """Typed cells → Excel's texts, then the CSV validation."""
        width = self.layout.width
        texts: list[list[str]] = []
        kept: list[int] = []
        blank = 0
        for number, row in zip(numbers, rows, strict=True):
            cells = [self._text(i, row[i] if i < len(row) else None) for i in range(width)]
            if len(row) > width:  # cells beyond the header must be empty
                extra = [self._text(-1, c) for c in row[width:]]
                if any(c.strip() for c in extra):
                    cells += extra
            if not any(c.strip() for c in cells):
                blank += 1
                continue
            texts.append(cells)
            kept.append(number)
        rejects = _Rejects()
        full: list[list[str]] = []
        full_numbers: list[int] = []
        for number, cells in zip(kept, texts, strict=True):
            if len(cells) != width:
                problems = self._parser.parse_csv(cells)
                assert isinstance(problems, list)
                rejects.add(number, self._parser.reason(problems), cells)
                continue
            full.append(cells)
            full_numbers.append(number)
        columns = (
            {i: pl.Series(c, dtype=pl.String) for i, c in enumerate(zip(*full, strict=True))}
            if full
            else {i: pl.Series([], dtype=pl.String) for i in range(width)}
        )
        return self._framer.frames(
            pl.Series(full_numbers, dtype=pl.Int64),
            columns,
            full.__getitem__,
            rejects,
            len(rejects.rows),
            blank,
        )

    def _text(self, index: int, value: Any) -> str:
        """The cell as text: what Excel shows, except dates (ISO) and ids (their digits)."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        kind = self._types.get(index)
        if isinstance(value, datetime):
            return (
                value.date().isoformat()
                if kind == "date" or value.time() == datetime.min.time()
                else value.isoformat(" ")
            )
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, timedelta):
            return str(value)
        if isinstance(value, float):
            if kind == "date" and value.is_integer() and 1 <= value < 2958466:
                return excel_serial_date(int(value)).isoformat()
            if not math.isfinite(value):
                return repr(value)
            if value.is_integer() and abs(value) < 1e15:
                return str(int(value))
            return repr(value)  # 1.101011990010112e+17: an id Excel mangled, rejected as such
        if isinstance(value, int):
            if kind == "date" and 1 <= value < 2958466:
                return excel_serial_date(value).isoformat()
            return str(value)
        if isinstance(value, Decimal):
            return format(value, "f")
        return str(value)


def excel_serial_date(serial: int) -> date:
    """The date of an Excel serial day number (1900 system; 60 is Excel's 1900-02-29, taken as 02-28)."""
    if serial >= 61:
        return date(1899, 12, 30) + timedelta(days=serial)
    return date(1899, 12, 31) + timedelta(days=max(serial, 1) - 1)


class XlsxReader(_CellsReader):
    """The first sheet of an xlsx workbook, or ``sheet``; the header is its first non-blank row."""

    def __init__(self, path: Path, options: BatchOptions, sheet: str | None, chunk_rows: int) -> None:
        import python_calamine

        try:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for a file that is not xlsx
            raise InputDataError(f"不是可读的 xlsx 文件：{exc}", f"not a readable xlsx file: {exc}") from None
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            listed = "、".join(names)
            raise InputDataError(
                f"没有名为“{sheet}”的工作表（有：{listed}）",
                f"no sheet named {sheet!r} (there are: {', '.join(names)})",
            )
        if not names:
            raise InputDataError("工作簿里没有工作表", "the workbook has no sheets")
        data = book.get_sheet_by_name(sheet) if sheet is not None else book.get_sheet_by_index(0)
        first_row = data.start[0] + 1 if data.start else 1  # Excel's row number of the first row read
        self._rows = iter(data.iter_rows())
        self._rows_per(chunk_rows)
        header: list[Any] = []
        self._next = first_row
        for row in self._rows:
            self._next += 1
            if any(c is not None and str(c).strip() for c in row):
                header = row
                break
        if not header:
            raise InputDataError("输入为空：没有表头，也没有数据", "the input is empty: no header, no rows")
        super().__init__(str(path), "xlsx", options, [self._header_text(c) for c in header])

    @staticmethod
    def _header_text(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return "" if value is None else str(value)

    def _frames(self) -> Iterator[Frames]:
        while True:
            rows: list[list[Any]] = []
            for row in self._rows:
                rows.append(row)
                if len(rows) >= self._part_rows:
                    break
            if not rows:
                return
            numbers = list(range(self._next, self._next + len(rows)))
            self._next += len(rows)
            yield self._chunk(numbers, rows)


class ParquetReader(_CellsReader):
    """A Parquet file, a row group at a time; columns named like a CSV header. The row number of the
    n-th row is n + 1, as if the header were row 1."""

    def __init__(self, path: Path, options: BatchOptions, chunk_rows: int) -> None:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        try:
            self._file = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow's ArrowInvalid for a file that is not Parquet
            raise InputDataError(
                f"不是可读的 Parquet 文件：{exc}", f"not a readable Parquet file: {exc}"
            ) from None
        self._rows_per(chunk_rows)
        super().__init__(str(path), "parquet", options, list(self._file.schema_arrow.names))

    def _frames(self) -> Iterator[Frames]:
        next_row = 2
        layout = self.layout
        for batch in self._file.iter_batches(batch_size=self._part_rows):
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)
            columns = []
            for index, name in enumerate(frame.columns):
                column = frame[name]
                kind = self._types.get(index)
                if column.dtype == pl.Datetime or (column.dtype == pl.Date):
                    column = column.cast(pl.Date).cast(pl.String)
                elif column.dtype == pl.Boolean:
                    column = column.cast(pl.String)
                elif column.dtype.is_numeric() and (index == layout.id_index or kind == "date"):
                    # Typed numbers where an id or a date belongs: by the same rules as a sheet's cells.
                    column = pl.Series([self._text(index, v) for v in column.to_list()], dtype=pl.String)
                elif column.dtype != pl.String:
                    column = column.cast(pl.String)
                columns.append(column.fill_null(""))
            n = frame.height
            strings = pl.DataFrame({str(i): c for i, c in enumerate(columns)})
            blank = strings.select(
                pl.all_horizontal(pl.all().str.strip_chars() == "") if strings.width else pl.lit(False)
            ).to_series()
            numbers = pl.Series(range(next_row, next_row + n), dtype=pl.Int64)
            next_row += n
            keep = ~blank
            kept = strings.filter(keep)
            cols = {i: kept[str(i)] for i in range(len(columns))}
            rows_kept = numbers.filter(keep)
            yield self._framer.frames(rows_kept, cols, _cells_of(kept), None, 0, int(blank.sum()))


def _safe_block(block: str) -> bool:
    """Whether polars splits ``block`` into the records csv.reader gives (see TextReader._fast_frames)."""
    return (
        block.count('"') % 2 == 0
        and block.count("\r") == block.count("\r\n")
        and "\x00" not in block
        and UNDECODABLE.search(block) is None
    )


def _cells_of(frame: pl.DataFrame) -> Callable[[int], list[str]]:
    return lambda position: [str(v) for v in frame.row(position)]
