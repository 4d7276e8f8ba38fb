"""Reading text as Excel writes it (encodings, line ends, block boundaries) and Excel-safe CSV writing."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wenjiuye_cli.io.tabular import (
    UNDECODABLE,
    canonical_encoding,
    csv_line,
    csv_records,
    detect_delimiter,
    excel_mangled_number,
    guard_formula,
    open_text,
    text_lines,
)

RARE = "刘䶮"  # 䶮 (U+4DAE) is in GB18030 but GBK cannot decode it
ROWS = [["编号", "姓名", "金额"], [f"{RARE}-001", RARE, "4,000元"], ["R-2", "王 芳", "１２"]]


def csv_text(rows: list[list[str]], newline: str = "\r\n") -> str:
    return "".join(csv_line(r).replace("\r\n", newline) for r in rows)


def read(data: bytes, encoding: str | None = None, block_size: int = 1 << 20) -> tuple[list[list[str]], str]:
    blocks = open_text(io.BytesIO(data), encoding, block_size)
    return list(csv_records(blocks)), blocks.encoding


def test_gbk_really_loses_the_rare_character() -> None:
    # The reason GB18030, never GBK, is the fallback.
    with pytest.raises(UnicodeDecodeError):
        RARE.encode("gb18030").decode("gbk")


@pytest.mark.parametrize(
    ("codec", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-be", None),  # no BOM: only readable with --encoding
    ],
)
def test_every_excel_encoding_reads_to_the_same_cells(codec: str, detected: str | None) -> None:
    data = csv_text(ROWS).encode(codec)
    if detected is None:
        records, used = read(data, encoding=codec)
    else:
        records, used = read(data)
        assert used == detected
    assert records == ROWS


def test_utf16_be_with_bom_is_detected() -> None:
    data = b"\xfe\xff" + csv_text(ROWS).encode("utf-16-be")
    assert read(data)[0] == ROWS


def test_gb18030_is_detected_after_a_long_ascii_prefix_across_blocks() -> None:
    rows = [["id", "name"]] + [[f"A{i}", "x"] for i in range(500)] + [["B1", RARE]]
    records, used = read(csv_text(rows).encode("gb18030"), block_size=64)
    assert used == "gb18030"
    assert records == rows


def test_a_bad_byte_later_is_kept_marked_in_its_row_not_a_silent_switch_to_gb18030() -> None:
    good = csv_text([["编号", "名"], ["1", "张三"]]).encode("utf-8")
    blocks = open_text(io.BytesIO(good * 300 + b"2,\xff\xfe\r\n" + good), block_size=256)
    records = list(csv_records(blocks))
    assert blocks.encoding == "utf-8"
    assert blocks.undecodable_bytes == 2
    assert records[600] == ["2", "\udcff\udcfe"]  # the bytes kept, as surrogateescape keeps them
    assert [r for r in records if any(UNDECODABLE.search(c) for c in r)] == [records[600]]
    assert records[601:] == [["编号", "名"], ["1", "张三"]]  # the rows after it read as before


def test_a_stray_byte_among_utf8_does_not_make_the_file_gb18030() -> None:
    # One Latin-1 byte (Café) in the first non-ASCII text: read as GB18030, every 张三 would be mojibake.
    data = csv_text([["编号", "名"], ["1", "张三"], ["2", "李四"]]).encode("utf-8")
    blocks = open_text(io.BytesIO(b"id,x\r\n0,Caf\xe9\r\n" + data))
    records = list(csv_records(blocks))
    assert blocks.encoding == "utf-8"
    assert records[1] == ["0", "Caf\udce9"]
    assert records[3:] == [["1", "张三"], ["2", "李四"]]


def test_gb18030_with_a_few_utf8_looking_pairs_is_still_gb18030() -> None:
    names = "张三李四王芳刘䶮陈静赵磊孙丽周杰吴敏郑强" * 20
    data = csv_text([["编号", "姓名"], ["1", names]]).encode("gb18030")
    records, used = read(data)
    assert used == "gb18030"
    assert records[1][1] == names


def test_encoding_option_maps_gbk_to_gb18030_and_rejects_unknown_names() -> None:
    assert canonical_encoding("GBK") == "gb18030"
    assert canonical_encoding("cp936") == "gb18030"
    assert canonical_encoding("utf8") == "utf-8"
    with pytest.raises(LookupError):
        canonical_encoding("no-such-codec")
    records, used = read(csv_text(ROWS).encode("gb18030"), encoding="gbk")
    assert (records, used) == (ROWS, "gb18030")


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_crlf_lf_and_old_mac_cr_line_ends(newline: str) -> None:
    assert read(csv_text(ROWS, newline).encode("utf-8"), block_size=5)[0] == ROWS


def test_quoted_cells_with_commas_quotes_and_line_breaks_survive_block_boundaries() -> None:
    rows = [["a", "b"], ['他说"好"', "第一行\r\n第二行"], ["x,y", "\r"], ["end", ""]]
    for size in (1, 2, 3, 7, 64):
        assert read(csv_text(rows).encode("utf-8"), block_size=size)[0] == rows


def test_ndjson_lines_are_split_on_line_ends_only() -> None:
    text = '{"id": "a"}\n{"id": "b,\\"c\\""}\r\n'
    lines = list(text_lines(open_text(io.BytesIO(text.encode()), block_size=4)))
    assert lines == ['{"id": "a"}\n', '{"id": "b,\\"c\\""}\r\n']


cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@given(
    rows=st.lists(st.lists(cell_text, min_size=2, max_size=2), min_size=1, max_size=8),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    block=st.integers(min_value=1, max_value=40),
)
def test_csv_written_by_the_tool_reads_back_unchanged(rows: list[list[str]], codec: str, block: int) -> None:
    rows = [["id", "名称"], *rows]  # a non-ASCII header, as in real lists, settles the detection early
    data = "".join(csv_line(r) for r in rows).encode(codec)
    records, _ = read(data, block_size=block)
    # csv cannot tell a row of one empty cell from an empty line; two columns avoid that ambiguity.
    assert records == rows


def test_csv_line_is_rfc4180() -> None:
    assert csv_line(["a", "b,c", 'say "hi"', "x\ny"]) == 'a,"b,c","say ""hi""","x\ny"\r\n'
    assert next(csv.reader(io.StringIO(csv_line(["1", "="])))) == ["1", "="]


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),  # a plain number is data, not a formula
        ("+3.5", "+3.5"),
        ("R-001", "R-001"),
        ("", ""),
        ("'=1", "'=1"),
    ],
)
def test_formula_guard(cell: str, guarded: str) -> None:
    assert guard_formula(cell) == guarded


@given(st.text(max_size=10))
def test_formula_guard_is_idempotent_and_only_ever_prefixes(cell: str) -> None:
    once = guard_formula(cell)
    assert guard_formula(once) == once
    assert once in (cell, "'" + cell)
    # What is left starting with a trigger character is a plain number, which Excel reads as data.
    assert once[:1] not in ("=", "+", "-", "@", "\t", "\r") or re.fullmatch(r"[+-][0-9]+(\.[0-9]+)?", once)


@pytest.mark.parametrize(
    ("text", "mangled"),
    [("1.10101E+17", True), ("1.1E+17", True), ("１.１０１Ｅ+１７", True), ("110101199001011234", False),
     ("R-001", False), ("12E", False)],
)  # fmt: skip
def test_excel_scientific_ids_are_recognised(text: str, mangled: bool) -> None:
    assert excel_mangled_number(text) is mangled


@pytest.mark.parametrize(
    ("first", "delimiter"),
    [
        ("编号\t类型\t申请日期\r\n", "\t"),  # Excel's "Unicode text"
        ("\ufeff\r\n编号\t类型\r\n", "\t"),  # after a BOM and a blank line
        ("编号,类型,申请日期\r\n", ","),
        ('"编号\t备注",类型\r\n', ","),  # a tab inside a comma-separated header cell
        ("", ","),
    ],
)
def test_tab_separated_text_is_recognised_by_its_header(first: str, delimiter: str) -> None:
    assert detect_delimiter(first) == delimiter


def test_excel_unicode_text_reads_to_the_same_cells() -> None:
    text = "".join("\t".join(r) + "\r\n" for r in ROWS)
    blocks = open_text(io.BytesIO(codecs.BOM_UTF16_LE + text.encode("utf-16-le")))
    first = next(blocks)
    records = list(csv_records(itertools.chain([first], blocks), detect_delimiter(first)))
    assert (records, blocks.encoding) == (ROWS, "utf-16")
