"""The columnar reader gives the same typed facts and the same rejects (row numbers, reasons, cells) as
today's per-row reader, on generated files of every encoding with hostile cells."""

from __future__ import annotations

import codecs
import csv
import io
import json
import tempfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import PROJECT_ROOT
from tests.io.oracle import columnar, per_row
from tests.io.test_clean import HOSTILE, ONE_OF_EACH, scalar
from wenjiuye_cli.batch import BatchOptions, HeaderError, InputDataError
from wenjiuye_cli.engine import facts_for_kind
from wenjiuye_cli.io.clean import convert_texts
from wenjiuye_cli.io.readers import FrameReader, TextReader, open_reader
from wenjiuye_cli.io.schema import typed_schema
from wenjiuye_cli.io.writers import open_writer

EXAMPLES = PROJECT_ROOT / "examples" / "batch"

# Columns of every type, of several kinds: a person's, an enterprise's, shared ones, and a label header.
PERSON = facts_for_kind("person")
COLUMNS = ["编号", "类型", "申请日期", "tianjin_fulltime_student", "性别", "jobs_created", "monthly_rent",
           "registration_date", "small_micro_enterprise", "loan_annual_rate", "new_incubated_firms", ""]  # fmt: skip
KINDS = ["person", "个人", "enterprise", "企业", "incubator", "hire", "nobody", "", " "]
IDS = ["P-1", "0012345", "110101199001011234", "1.10101E+17", "１．１E+17", "", "  ", "=id", "R\u3000"]


def representable(text: str) -> bool:
    """Whether every fact type that reads ``text`` today can hold it exactly (see test_clean: a value
    such as 12.345 yuan is the one allowed difference, tested on its own)."""
    for spec in ONE_OF_EACH.values():
        ((_value, reason),) = convert_texts(spec, [text])
        if reason is not None and scalar(spec, text)[1] is None:
            return False
    return True


CELL = st.one_of(
    st.sampled_from([t for t in HOSTILE if representable(t)]),
    st.sampled_from(["", "", "", "是", "2021-03-15", "3", "4,000元"]),
)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "asked-gb18030", "utf-8-bad-byte"]


@st.composite
def rows(draw: st.DrawFn) -> list[list[str]]:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        shape = draw(st.integers(0, 9))
        if shape == 0:
            out.append([])  # a blank line
            continue
        cells = [draw(st.sampled_from(IDS)), draw(st.sampled_from(KINDS))]
        cells += [draw(CELL) for _ in COLUMNS[2:-1]]
        cells.append(draw(st.sampled_from(["", "", "x"])))  # the column without a header
        if shape == 1:
            cells = cells[: draw(st.integers(1, len(cells)))]  # too few cells
        elif shape == 2:
            cells += [draw(st.sampled_from(["", " ", "extra"]))]  # one beyond the header
        out.append(cells)
    return out


def encode(records: list[list[str]], encoding: str) -> tuple[bytes, BatchOptions]:
    options = BatchOptions()
    delimiter = "\t" if encoding == "utf-16" else ","
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows([COLUMNS, *records])
    body = text.getvalue()
    if encoding == "asked-gb18030":
        return body.encode("gb18030"), replace(options, encoding="gb18030")
    if encoding == "utf-8-bad-byte":
        lines = body.encode("utf-8").split(b"\r\n")
        if len(lines) > 2:
            lines[2] = lines[2] + b"\xff"  # one row in another encoding: rejected alone
        return b"\r\n".join(lines), options
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + body.encode("utf-16-le"), options
    return body.encode(encoding), options


def same(data: bytes, name: str, options: BatchOptions, chunk_rows: int = 3) -> None:
    want = per_row(data, name, options)
    got = columnar(data, name, options, chunk_rows)
    assert got[2] == want[2], "rows read"
    assert got[1] == want[1], "rejects: row numbers, reasons, cells"
    assert got[0] == want[0], "typed facts"


@settings(max_examples=40)
@given(records=rows(), encoding=st.sampled_from(ENCODINGS), lang=st.sampled_from(["zh", "en"]),
       chunk_rows=st.integers(1, 5))  # fmt: skip
def test_csv_of_every_encoding_reads_as_today(
    records: list[list[str]], encoding: str, lang: str, chunk_rows: int
) -> None:
    data, options = encode(records, encoding)
    options = replace(options, lang=lang)
    try:
        per_row(data, "list.csv", options)
    except (HeaderError, InputDataError) as exc:
        with pytest.raises(type(exc)):
            columnar(data, "list.csv", options, chunk_rows)
        return
    same(data, "list.csv", options, chunk_rows)


@settings(max_examples=40)
@given(records=rows(), lang=st.sampled_from(["zh", "en"]), kind=st.sampled_from([None, "person"]))
def test_ndjson_reads_as_today(records: list[list[str]], lang: str, kind: str | None) -> None:
    names = ["id", "kind", *COLUMNS[2:-1]]
    lines = []
    for cells in records:
        if not cells:
            lines.append("")
            continue
        cells = cells + [""] * (len(names) + 1 - len(cells))
        obj: dict[str, object] = dict(zip(names, cells, strict=False))
        if cells[-1] == "x":
            obj["unknown"] = 1
        if cells[0] == "0012345":
            obj["id"] = 12345  # a number for the id
        if cells[2] == "3":
            obj["申请日期"] = 3  # a number where a date belongs, under its label
        if cells[3] == "是":
            obj["tianjin_fulltime_student"] = True
        lines.append(json.dumps(obj, ensure_ascii=False))
    lines.append("[1, 2]")
    lines.append("{not json")
    data = ("\n".join(lines) + "\n").encode()
    options = BatchOptions(lang=lang, kind=kind, ignore_extra_columns=True)
    same(data, "list.ndjson", options, 2)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.csv")), ids=lambda p: p.name)
def test_the_shipped_lists_read_as_today(path: Path) -> None:
    same(path.read_bytes(), path.name, BatchOptions(), 4)


def test_a_typed_frame_has_the_fact_types() -> None:
    data = '编号,类型,创业担保贷款金额,申请日期,是否小微企业,带动就业人数\r\nE-1,企业,"4,000元",2021年3月15日,是,３\r\n'
    reader = open_reader("x.csv", stream=io.BytesIO(data.encode("gb18030")))
    (chunk,) = list(reader)
    assert chunk.facts.schema == typed_schema()
    row = chunk.facts.row(0, named=True)
    assert (row["row"], row["id"], row["kind"]) == (2, "E-1", "enterprise")
    assert str(row["loan_amount"]) == "4000.00"
    assert str(row["application_date"]) == "2021-03-15"
    assert row["small_micro_enterprise"] is True
    assert row["jobs_created"] == 3
    assert row["birth_date"] is None  # not given: missing, never a default
    assert typed_schema()["monthly_rent"] == pl.Decimal(38, 2)
    assert reader.info.encoding == "gb18030"


def test_an_amount_with_fractions_of_a_fen_is_rejected_naming_it() -> None:
    data = "编号,类型,创业担保贷款金额\r\nE-1,企业,1000.005\r\nE-2,企业,1000.5\r\n".encode()
    reader = open_reader("x.csv", stream=io.BytesIO(data))
    chunks = list(reader)
    rejects = pl.concat([c.rejects for c in chunks])
    assert rejects["row"].to_list() == [2]
    assert "创业担保贷款金额" in rejects["reason"][0]
    assert "两位小数" in rejects["reason"][0]
    assert reader.counts.read == 2
    assert reader.counts.rejected == 1


def test_a_header_error_is_today_s() -> None:
    with pytest.raises(HeaderError, match="带动就业人员数"):
        open_reader("x.csv", stream=io.BytesIO("编号,类型,带动就业人员数\r\n".encode()))


MUTATIONS = ['"', '"', '""', "\r", "\n", "\r\n", "\r\n\r\n", "\x00", ",", "\t", " "]


@settings(max_examples=60)
@given(
    records=rows(),
    encoding=st.sampled_from(ENCODINGS),
    mutations=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(MUTATIONS)), max_size=4),
    block_size=st.sampled_from([16, 64, 300, 1 << 20]),
    chunk_rows=st.integers(1, 6),
)
def test_a_csv_file_split_by_polars_reads_as_today(
    records: list[list[str]],
    encoding: str,
    mutations: list[tuple[int, str]],
    block_size: int,
    chunk_rows: int,
) -> None:
    """From a file, the records are split by polars' reader wherever that is sure to agree with
    csv.reader: broken quotes, lone CRs, NULs, blank lines and ragged rows anywhere, blocks of any size."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(records)
    body = text.getvalue()
    for position, insert in mutations:
        at = position % (len(body) + 1)
        body = body[:at] + insert + body[at:]
    header = io.StringIO()
    csv.writer(header, delimiter="\t" if encoding == "utf-16" else ",", lineterminator="\r\n").writerow(
        COLUMNS
    )
    if encoding == "utf-16":
        body = body.replace(",", "\t")
    data, options = encode([], encoding)
    data = _encoded(header.getvalue() + body, encoding)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_bytes(data)
        try:
            want = per_row(data, "list.csv", options)
        except (HeaderError, InputDataError) as exc:
            with pytest.raises(type(exc)):
                list(open_reader(path, options, chunk_rows=chunk_rows))
            return
        saved = TextReader.block_size
        TextReader.block_size = block_size
        try:
            reader = open_reader(path, options, chunk_rows=chunk_rows)
            got = collect(reader)
        finally:
            TextReader.block_size = saved
    assert got == want


def _encoded(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "asked-gb18030":
        return text.encode("gb18030")
    if encoding == "utf-8-bad-byte":
        return text.replace("\r\n", "\r\n\udcff", 1).encode("utf-8", "surrogateescape")
    return text.encode(encoding)


def collect(reader: FrameReader) -> tuple[list[tuple[object, ...]], list[tuple[int, str, list[str]]], int]:
    applicants: list[tuple[object, ...]] = []
    rejects: list[tuple[int, str, list[str]]] = []
    for chunk in reader:
        for record in chunk.facts.iter_rows(named=True):
            values = {k: v for k, v in record.items() if k not in ("row", "id", "kind") and v is not None}
            applicants.append((record["row"], record["id"], record["kind"], values))
        rejects.extend((r["row"], r["reason"], r["cells"]) for r in chunk.rejects.iter_rows(named=True))
    assert reader.counts.read == len(applicants) + len(rejects)
    return applicants, rejects, reader.counts.read


def test_the_benchmark_s_kind_of_file_is_split_by_polars(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(
        [COLUMNS, ["P-1", "个人", "2021-03-15", "是", "男", "3", "4,000元", "", "", "", "", ""]]
    )
    path.write_bytes(text.getvalue().encode("utf-8-sig"))
    reader = open_reader(path, BatchOptions())
    assert isinstance(reader, TextReader)
    assert reader._fast
    got = collect(reader)
    assert got == per_row(path.read_bytes(), "list.csv", BatchOptions())
    assert got[0][0][3]["monthly_rent"] == Decimal("4000.00")


def _sheet(
    path: Path, rows: list[list[object]], name: str = "名单", formats: dict[int, str] | None = None
) -> None:
    import xlsxwriter  # type: ignore[import-untyped]

    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write(0, 0, "填表说明")
    sheet = book.add_worksheet(name)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, c, datetime(value.year, value.month, value.day), date_format)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write(r, c, value)
    book.close()


def test_xlsx_cells_typed_as_excel_types_them_read_right(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    _sheet(
        path,
        [
            ["编号", "类型", "申请日期", "注册日期", "带动就业人数", "是否小微企业", "创业担保贷款金额"],
            ["0012345", "企业", date(2021, 3, 15), 44197, "12", True, "4,000元"],  # 44197: 2021-01-01
            [12345, "enterprise", "2021/3/15", "2021年1月1日", 3, "否", 4000.5],
            [None, None, None, None, None, None, None],
            [110101199001011234, "企业", date(2021, 3, 15), None, 1, "是", 1],  # a 身份证号 typed as a number
            ["E-4", "企业", "2021-02-30", None, 1.5, "maybe", None],
        ],
    )
    reader = open_reader(path, BatchOptions(), sheet="名单")
    chunks = list(reader)
    facts = pl.concat([c.facts for c in chunks])
    rejects = pl.concat([c.rejects for c in chunks])
    assert facts["row"].to_list() == [2, 3]  # Excel's row numbers; the blank row 4 is skipped
    assert facts["id"].to_list() == ["0012345", "12345"]
    assert [str(d) for d in facts["application_date"]] == ["2021-03-15", "2021-03-15"]
    assert [str(d) for d in facts["registration_date"]] == ["2021-01-01", "2021-01-01"]
    assert facts["jobs_created"].to_list() == [12, 3]
    assert facts["small_micro_enterprise"].to_list() == [True, False]
    assert [str(v) for v in facts["loan_amount"]] == ["4000.00", "4000.50"]
    assert rejects["row"].to_list() == [5, 6]
    assert "科学计数法" in rejects["reason"][0]  # digits lost by Excel: an error, never a wrong id
    assert "日期不存在" in rejects["reason"][1]
    assert "应为整数" in rejects["reason"][1]
    assert "是/否" in rejects["reason"][1]
    assert (reader.counts.read, reader.counts.rejected, reader.counts.blank) == (4, 2, 1)


def test_xlsx_reads_the_first_sheet_unless_told(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    _sheet(path, [["编号", "类型"], ["E-1", "企业"]])
    with pytest.raises(HeaderError):  # the first sheet is the instructions
        open_reader(path, BatchOptions())
    with pytest.raises(InputDataError, match="no sheet named") as caught:
        open_reader(path, BatchOptions(), sheet="Sheet9")
    assert "名单" in caught.value.zh
    (chunk,) = list(open_reader(path, BatchOptions(), sheet="名单"))
    assert chunk.facts["id"].to_list() == ["E-1"]


def test_a_file_that_is_not_xlsx_says_so(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_text("编号,类型\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="xlsx"):
        open_reader(path, BatchOptions())


def test_parquet_round_trip_of_the_typed_frame(tmp_path: Path) -> None:
    text = '编号,类型,申请日期,带动就业人数,是否小微企业,创业担保贷款金额\r\n0012345,企业,2021/3/15,3,是,"4,000元"\r\nE-2,企业,,x,,\r\n'
    (chunk,) = list(open_reader("x.csv", stream=io.BytesIO(text.encode())))
    path = tmp_path / "facts.parquet"
    with open_writer(path) as out:
        out.write(chunk.facts.drop("row"))
    again = list(open_reader(path, BatchOptions()))
    back = pl.concat([c.facts for c in again])
    assert back.drop("row").equals(chunk.facts.drop("row"))
    assert back["id"].to_list() == ["0012345"]
    # A Parquet file of the raw texts reads like the CSV, rejects included.
    raw = tmp_path / "raw.parquet"
    pl.DataFrame(
        {"编号": ["0012345", "E-2"], "类型": ["企业", "企业"], "带动就业人数": ["3", "x"]}
    ).write_parquet(raw)
    (chunk2,) = list(open_reader(raw, BatchOptions()))
    assert chunk2.facts["jobs_created"].to_list() == [3]
    assert chunk2.rejects["row"].to_list() == [3]
    assert "应为数字" in chunk2.rejects["reason"][0]


@settings(max_examples=30)
@given(records=rows(), lang=st.sampled_from(["zh", "en"]), from_file=st.booleans())
def test_a_list_without_a_kind_column_and_extra_columns_reads_as_today(
    records: list[list[str]], lang: str, from_file: bool
) -> None:
    """``--kind person`` for every row, ``--ignore-extra-columns`` for a column nobody knows."""
    columns = [COLUMNS[0], "备注", *COLUMNS[2:]]  # the kind column replaced by an unknown one
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([columns, *records])
    data = text.getvalue().encode("utf-8-sig")
    options = BatchOptions(lang=lang, kind="person", ignore_extra_columns=True)
    want = per_row(data, "list.csv", options)
    if not from_file:
        assert columnar(data, "list.csv", options, 2) == want
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_bytes(data)
        assert collect(open_reader(path, options, chunk_rows=2)) == want


def test_a_named_pipe_is_read_once(tmp_path: Path) -> None:
    """A FIFO (``<(…)``) cannot be opened twice: it is read as batch reads it, in one pass."""
    import os
    import threading

    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    data = "编号,类型,带动就业人数\r\nE-1,企业,3\r\n".encode()

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    reader = open_reader(fifo, BatchOptions())
    got = collect(reader)
    writer.join()
    assert got == per_row(data, "list.csv", BatchOptions())
    assert got[0][0][3] == {"jobs_created": 3}
