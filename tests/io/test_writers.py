"""Frames written atomically as CSV (for Excel), NDJSON, JSON, Parquet and xlsx."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from wenjiuye_cli.batch import BatchOptions
from wenjiuye_cli.io.readers import open_reader
from wenjiuye_cli.io.tabular import guard_formula
from wenjiuye_cli.io.writers import OutputFormatError, guard_text_columns, open_writer, rejects_table

ID_CARD = "110101199001011234"
FRAME = pl.DataFrame(
    {
        "id": ["0012345", ID_CARD, "=HYPERLINK(1)", "-5", '王\u3000芳,"x"\r\n'],
        "amount": pl.Series(
            [Decimal("1.50"), None, Decimal("-2.00"), Decimal("0"), Decimal("60000.5")],
            dtype=pl.Decimal(38, 2),
        ),
        "as_of": [date(2021, 3, 15)] * 5,
        "ok": [True, False, None, True, False],
        "months": pl.Series([-1, 2, None, 4, 5], dtype=pl.Int64),
    }
)


def test_csv_is_excel_s_utf8_with_the_guard_on_text_only(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with open_writer(path) as out:
        out.write(FRAME.head(2))
        out.write(FRAME.tail(3))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,amount,")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert data.split(b"\n")[0].endswith(b"\r")  # CRLF
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert records[0] == ["id", "amount", "as_of", "ok", "months"]
    assert [r[0] for r in records[1:]] == [guard_formula(v) for v in FRAME["id"].to_list()]
    assert records[3][0] == "'=HYPERLINK(1)"
    assert records[4][0] == "-5"
    assert records[3][1] == "-2.00"
    assert records[1][4] == "-1"
    assert records[5][0] == '王\u3000芳,"x"\r\n'  # RFC 4180 quoting round-trips


def test_the_guard_is_idempotent_and_can_be_turned_off(tmp_path: Path) -> None:
    once = guard_text_columns(FRAME)
    assert guard_text_columns(once).equals(once)
    path = tmp_path / "raw.csv"
    with open_writer(path, excel_safe=False, bom=False) as out:
        out.write(FRAME)
    assert path.read_bytes().startswith(b"id,")
    assert b"\n=HYPERLINK(1)," in path.read_bytes()


def test_ndjson_and_json_keep_amounts_as_strings(tmp_path: Path) -> None:
    with open_writer(tmp_path / "out.ndjson") as out:
        out.write(FRAME)
    lines = (tmp_path / "out.ndjson").read_text("utf-8").splitlines()
    assert json.loads(lines[0]) == {
        "id": "0012345",
        "amount": "1.50",
        "as_of": "2021-03-15",
        "ok": True,
        "months": -1,
    }
    with open_writer(tmp_path / "out.json", key="applicants") as out:
        out.write(FRAME.head(2))
        out.write(FRAME.head(0))
        out.write(FRAME.tail(1))
        out.write(pl.DataFrame({"measure": ["rent_subsidy"], "total": ["60000.00"]}), sheet="budget")
    doc = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert [r["id"] for r in doc["applicants"]] == ["0012345", ID_CARD, FRAME["id"][-1]]
    assert doc["budget"] == [{"measure": "rent_subsidy", "total": "60000.00"}]


def test_parquet_round_trip_keeps_the_types(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    with open_writer(path) as out:
        out.write(FRAME.head(3))
        out.write(FRAME.tail(2))
    back = pl.read_parquet(path)
    assert back.equals(FRAME)
    assert back.schema == FRAME.schema


def test_xlsx_keeps_ids_as_text_with_a_frozen_header_and_extra_sheets(tmp_path: Path) -> None:
    path = tmp_path / "结果.xlsx"
    rejects = pl.DataFrame({"row": [7], "reason": ["编号：缺少编号"], "cells": [["", "企业"]]},
                           schema={"row": pl.Int64, "reason": pl.String, "cells": pl.List(pl.String)})  # fmt: skip
    with open_writer(path) as out:
        out.write(FRAME)
        out.write(
            pl.DataFrame({"measure": ["创业房租补贴"], "total": [Decimal("60000.00")]}), sheet="预算汇总"
        )
        out.write(rejects_table(rejects, ["编号", "类型"]), sheet="未计算的行")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["结果", "预算汇总", "未计算的行"]
    sheet = book["结果"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == "0012345"
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].value == ID_CARD
    assert sheet["A3"].data_type == "s"
    assert sheet["A4"].value == "=HYPERLINK(1)"
    assert sheet["A4"].data_type == "s"
    assert sheet["B2"].value == 1.5
    assert sheet["B2"].number_format == "0.00"
    assert sheet["C2"].value.date() == date(2021, 3, 15)
    assert sheet.column_dimensions["A"].width >= 18  # wide enough for an 18-digit id
    assert [c.value for c in book["未计算的行"][2]] == [7, "编号：缺少编号", None, "企业"]


def test_an_xlsx_round_trip_keeps_0012345_and_an_18_digit_id(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    frame = pl.DataFrame({"编号": ["0012345", ID_CARD], "类型": ["企业", "企业"], "带动就业人数": ["3", "4"]})
    with open_writer(path) as out:
        out.write(frame)
    (chunk,) = list(open_reader(path, BatchOptions()))
    assert chunk.facts["id"].to_list() == ["0012345", ID_CARD]
    assert chunk.facts["jobs_created"].to_list() == [3, 4]


@pytest.mark.parametrize("name", ["out.xls", "out.txt", "out", "results.csv.bak"])
def test_an_unknown_extension_is_an_error_never_a_silent_csv(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputFormatError, match="extension must be one of") as caught:
        open_writer(tmp_path / name)
    assert "扩展名" in caught.value.zh
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".csv", ".ndjson", ".json", ".parquet", ".xlsx"])
def test_a_failed_write_leaves_the_old_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    path.write_bytes(b"old")

    def interrupted() -> None:
        with open_writer(path) as out:
            out.write(FRAME)
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted()
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_incubated_firms_are_written_as_typed_in_a_cell(tmp_path: Path) -> None:
    from wenjiuye_cli.io.schema import FIRM

    frame = pl.DataFrame(
        {
            "firms": [
                [{"operating_months": 14, "jobs_created": 3}, {"operating_months": 12, "jobs_created": 1}],
                [],
                None,
            ]
        },
        schema={"firms": pl.List(FIRM)},
    )
    path = tmp_path / "firms.csv"
    with open_writer(path) as out:
        out.write(frame)
    assert path.read_text("utf-8-sig").splitlines() == ["firms", "14/3; 12/1", "无", ""]
