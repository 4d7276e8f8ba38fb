"""Frames out, chunk by chunk, each file written atomically (:class:`wenjiuye_cli.io.atomic.AtomicTextFile`).

::

    with open_writer(Path("results.xlsx")) as out:     # the format by extension; unknown: an error
        for chunk in chunks:
            out.write(chunk)                            # the main table, appended
        out.write(summary, sheet="预算汇总")             # xlsx: another sheet; JSON: another key
    # the file appears only when the block completes; an exception leaves the target as it was

- CSV (``.csv``): UTF-8 with a BOM for a ``.csv`` file (what Excel needs), RFC 4180 with CRLF, and the
  formula-injection guard (:func:`wenjiuye_cli.io.tabular.guard_formula`) on text columns only; numbers,
  dates and booleans are never touched.
- NDJSON (``.ndjson``, ``.jsonl``): one compact object a line, UTF-8, amounts as strings.
- JSON (``.json``): ``{"rows": [...]}`` (the key is ``key``), other sheets as further keys.
- Parquet (``.parquet``, ``.pq``): one row group per chunk, typed as the frame.
- xlsx (``.xlsx``, xlsxwriter in constant-memory mode): text cells stay text (``0012345`` and an 18-digit
  身份证号 survive being opened), amounts are numbers shown to the fen, dates are dates; the header is
  frozen, columns are as wide as their first chunk needs, and further sheets (a budget summary, the
  rejects) are added with ``sheet=``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import unicodedata
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Literal

import polars as pl

from wenjiuye_cli.errors import UserError
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.io.atomic import AtomicTextFile
from wenjiuye_cli.io.schema import FIRM
from wenjiuye_cli.io.tabular import FORMULA_TRIGGERS, guard_formula

WriteFormat = Literal["csv", "ndjson", "json", "parquet", "xlsx"]
SUFFIXES: dict[str, WriteFormat] = {
    ".csv": "csv",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
}
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, the header included
_MIN_WIDTH, _MAX_WIDTH = 6, 60


class OutputFormatError(UserError):
    """An output file name whose extension names no format we write."""

    code = ExitCode.USAGE


def format_for(path: Path) -> WriteFormat:
    """The format an output file's extension names; :class:`OutputFormatError` for any other."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = "、".join(SUFFIXES)
        raise OutputFormatError(
            f"不知道怎样写“{path.name}”：扩展名应为 {known} 之一",
            f"cannot tell how to write {path.name!r}: the extension must be one of {', '.join(SUFFIXES)}",
        )
    return fmt


def guard_text_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """The formula guard on every String column; other columns as they are. Only the distinct texts that
    begin with ``= + - @``, tab or CR go through :func:`~wenjiuye_cli.io.tabular.guard_formula`."""
    triggers = sorted(FORMULA_TRIGGERS)
    changes = []
    for name, dtype in frame.schema.items():
        if dtype != pl.String:
            continue
        column = frame[name]
        risky = column.filter(column.str.slice(0, 1).is_in(triggers)).unique().to_list()
        mapping = {text: guard_formula(text) for text in risky}
        mapping = {k: v for k, v in mapping.items() if k != v}
        if mapping:
            changes.append(pl.col(name).replace(mapping))
    return frame.with_columns(changes) if changes else frame


def flat_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns as text, for CSV and xlsx: incubated firms as typed in a cell (``14/3; 12/1``, none
    as ``无``, so the file reads back the same), any other list or struct as JSON."""
    changes = []
    for name, dtype in frame.schema.items():
        if not dtype.is_nested():
            continue
        column = pl.col(name)
        if dtype == pl.List(FIRM):
            firms = column.list.eval(
                pl.concat_str(
                    [
                        pl.element().struct.field("operating_months"),
                        pl.element().struct.field("jobs_created"),
                    ],
                    separator="/",
                )
            ).list.join("; ")
            changes.append(pl.when(column.list.len() == 0).then(pl.lit("无")).otherwise(firms).alias(name))
        else:
            changes.append(column.map_elements(_json_text, return_dtype=pl.String).alias(name))
    return frame.with_columns(changes) if changes else frame


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def rejects_table(
    rejects: pl.DataFrame, columns: tuple[str, ...] | list[str], lang: str = "zh"
) -> pl.DataFrame:
    """A rejects frame (row, reason, cells) as a flat table: 行号, 原因 and the input's columns, as
    :class:`wenjiuye_cli.batch.RejectSink` writes it (cells beyond the header under 列N)."""
    first = ["行号", "原因"] if lang == "zh" else ["row", "reason"]
    width = (
        max([len(columns), *(len(c) for c in rejects["cells"].to_list())]) if rejects.height else len(columns)
    )
    names = [
        *columns,
        *(f"列{i + 1}" if lang == "zh" else f"column {i + 1}" for i in range(len(columns), width)),
    ]
    data: dict[str, Any] = {first[0]: rejects["row"], first[1]: rejects["reason"]}
    cells = rejects["cells"].to_list()
    used = set(first)
    for i, name in enumerate(names):
        while name in used:
            name += "_"
        used.add(name)
        data[name] = pl.Series([c[i] if i < len(c) else "" for c in cells], dtype=pl.String)
    return pl.DataFrame(data)


class FrameWriter:
    """One output file; see the module. ``write`` appends a chunk; ``commit``/``discard`` end it."""

    def __init__(self, path: Path, fmt: WriteFormat, *, bom: bool, excel_safe: bool, key: str) -> None:
        self.path = path
        self.format = fmt
        self.excel_safe = excel_safe
        self.key = key
        self.rows = 0
        self._file = AtomicTextFile(path, bom=bom and fmt == "csv")
        self._file.stream.flush()  # the BOM, before any bytes written below the text layer
        self._binary: BinaryIO = self._file.stream.buffer
        self._header_done = False
        self._extra: dict[str, list[pl.DataFrame]] = {}
        self._parquet: Any = None
        self._parquet_schema: Any = None
        self._xlsx: _Xlsx | None = None
        if fmt == "json":
            self._binary.write(b"{" + json.dumps(key, ensure_ascii=False).encode() + b": [")
        elif fmt == "xlsx":
            self._xlsx = _Xlsx(self._binary)
        self._first_json = True
        self._finished = False

    def write(self, frame: pl.DataFrame, sheet: str | None = None) -> None:
        """Append ``frame`` to the main table, or to the sheet (xlsx) or key (JSON) ``sheet``."""
        if sheet is not None:
            if self._xlsx is not None:
                self._xlsx.write(sheet, flat_columns(frame))
            elif self.format == "json":
                self._extra.setdefault(sheet, []).append(frame)
            else:
                raise ValueError(f"a {self.format} file has one table: write {sheet!r} to another file")
            return
        self.rows += frame.height
        fmt = self.format
        if fmt == "csv":
            out = flat_columns(frame)
            out = guard_text_columns(out) if self.excel_safe else out
            buffer = io.BytesIO()
            out.write_csv(
                buffer, include_header=not self._header_done, line_terminator="\r\n", quote_style="necessary"
            )
            self._binary.write(buffer.getvalue())
        elif fmt == "ndjson":
            if frame.height:
                frame.write_ndjson(self._binary)
        elif fmt == "json":
            for line in _json_lines(frame):
                self._binary.write((b"\n" if self._first_json else b",\n") + line)
                self._first_json = False
        elif fmt == "parquet":
            import pyarrow.parquet as pq  # type: ignore[import-untyped]

            table = frame.to_arrow()
            if self._parquet is None:
                self._parquet_schema = table.schema
                self._parquet = pq.ParquetWriter(self._binary, table.schema)
            self._parquet.write_table(table.cast(self._parquet_schema))
        else:
            assert self._xlsx is not None
            self._xlsx.write(None, flat_columns(frame))
        self._header_done = True

    def prepare(self) -> None:
        """Finish the file and sync it, not yet in place (:func:`wenjiuye_cli.io.atomic.commit_all`)."""
        self._finish()
        self._file.prepare()

    def commit(self) -> None:
        """Finish the file and move it into place."""
        self._finish()
        self._file.commit()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        fmt = self.format
        if fmt == "csv" and not self._header_done:
            pass  # nothing written: an empty file (the caller knows the columns better than we do)
        elif fmt == "json":
            self._binary.write(b"\n]" if not self._first_json else b"]")
            for sheet, frames in self._extra.items():
                self._binary.write(b",\n" + json.dumps(sheet, ensure_ascii=False).encode() + b": [")
                first = True
                for frame in frames:
                    for line in _json_lines(frame):
                        self._binary.write((b"\n" if first else b",\n") + line)
                        first = False
                self._binary.write(b"]" if first else b"\n]")
            self._binary.write(b"}\n")
        elif fmt == "parquet" and self._parquet is not None:
            self._parquet.close()
        elif fmt == "xlsx":
            assert self._xlsx is not None
            self._xlsx.close()

    def discard(self) -> None:
        """Leave the target as it was."""
        if self._parquet is not None:
            with contextlib.suppress(Exception):
                self._parquet.close()
        if self._xlsx is not None:
            self._xlsx.discard()
        self._file.discard()

    def __enter__(self) -> FrameWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def open_writer(
    path: Path,
    fmt: WriteFormat | None = None,
    *,
    bom: bool | None = None,
    excel_safe: bool = True,
    key: str = "rows",
) -> FrameWriter:
    """A writer for ``path`` in ``fmt`` (by default the extension's: :func:`format_for`). ``bom``: a UTF-8
    BOM before CSV (default: for a ``.csv`` file). ``excel_safe``: the formula guard on CSV text cells."""
    fmt = fmt or format_for(path)
    if bom is None:
        bom = path.suffix.lower() == ".csv"
    return FrameWriter(path, fmt, bom=bom, excel_safe=excel_safe, key=key)


def _json_lines(frame: pl.DataFrame) -> list[bytes]:
    if not frame.height:
        return []
    buffer = io.BytesIO()
    frame.write_ndjson(buffer)
    return buffer.getvalue().splitlines()


# ------------------------------------------------------------------------------------------- xlsx


def display_width(text: str) -> int:
    """Columns a text takes on screen: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _Xlsx:
    """An xlsxwriter workbook in constant-memory mode: each sheet is streamed to disk as rows come."""

    def __init__(self, target: BinaryIO) -> None:
        import xlsxwriter  # type: ignore[import-untyped]

        self.book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False,
                                                 "strings_to_formulas": False, "strings_to_urls": False})  # fmt: skip
        self.sheets: dict[str | None, Any] = {}
        self.next_row: dict[str | None, int] = {}
        self.formats: dict[str, Any] = {}
        self.header_format = self.book.add_format({"bold": True})

    def _format(self, spec: str) -> Any:
        found = self.formats.get(spec)
        if found is None:
            found = self.formats[spec] = self.book.add_format({"num_format": spec})
        return found

    def write(self, sheet: str | None, frame: pl.DataFrame) -> None:
        ws = self.sheets.get(sheet)
        if ws is None:
            ws = self.sheets[sheet] = self.book.add_worksheet(sheet or "结果")
            ws.freeze_panes(1, 0)
            for col, name in enumerate(frame.columns):
                sample = [display_width(str(v)) for v in frame[name].head(1000).to_list() if v is not None]
                width = max([display_width(name), *sample]) + 2
                ws.set_column(col, col, min(max(width, _MIN_WIDTH), _MAX_WIDTH))
            ws.write_row(0, 0, frame.columns, self.header_format)
            self.next_row[sheet] = 1
        start = self.next_row[sheet]
        if start + frame.height > XLSX_MAX_ROWS:
            raise OutputFormatError(
                f"xlsx 工作表最多 {XLSX_MAX_ROWS - 1} 行数据，这里有更多：请改写 CSV 或 Parquet",
                f"an xlsx sheet holds at most {XLSX_MAX_ROWS - 1} data rows and there are more: write CSV or Parquet",
            )
        writers = []
        for dtype in frame.schema.dtypes():
            if dtype == pl.String:
                writers.append((ws.write_string, None))
            elif dtype == pl.Boolean:
                writers.append((ws.write_boolean, None))
            elif dtype == pl.Date:
                writers.append((ws.write_datetime, self._format("yyyy-mm-dd")))
            elif isinstance(dtype, pl.Decimal):
                scale = dtype.scale or 0
                writers.append((_number(ws), self._format("0." + "0" * scale if scale else "0")))
            elif dtype.is_numeric():
                writers.append((_number(ws), None))
            else:
                writers.append((_text(ws), None))
        for offset, row in enumerate(frame.iter_rows()):
            r = start + offset
            for col, value in enumerate(row):
                if value is None or value == "":  # an empty cell, not an empty text
                    continue
                write, fmt = writers[col]
                if fmt is None:
                    write(r, col, value)
                else:
                    write(r, col, value, fmt)
        self.next_row[sheet] = start + frame.height

    def discard(self) -> None:
        """Remove the sheets' temporary files (constant-memory mode streams each sheet to one)."""
        for ws in self.sheets.values():
            handle, name = getattr(ws, "row_data_fh", None), getattr(ws, "row_data_filename", None)
            with contextlib.suppress(OSError):
                if handle is not None:
                    handle.close()
                if name:
                    os.unlink(name)

    def close(self) -> None:
        if not self.sheets:
            self.book.add_worksheet("结果")
        self.book.close()


def _number(ws: Any) -> Any:
    return lambda r, c, v, fmt=None: ws.write_number(r, c, float(v), fmt)


def _text(ws: Any) -> Any:
    return lambda r, c, v, fmt=None: ws.write_string(r, c, str(v), fmt)
