"""The batch library: headers, cells as typed, rejects with row numbers, outputs, totals, streaming."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, cast

import pytest

from tests import PROJECT_ROOT
from tests.helpers import EXAMPLE_LIST_IDS, POLICY
from wenjiuye_cli.batch import (
    ApplicantReader,
    BatchOptions,
    BatchSummary,
    HeaderError,
    InputDataError,
    InputRow,
    RejectSink,
    run_batch,
    wide_columns,
)
from wenjiuye_cli.engine import evaluate, measures_for_kind, registry
from wenjiuye_cli.io.tabular import csv_line
from wenjiuye_cli.money import fmt_money
from wenjiuye_cli.output import CSV_ITEM_COLUMNS

EXAMPLES = PROJECT_ROOT / "examples" / "batch"

RENT_HEADER = ["编号", "类型", "申请日期", "本市全日制高校在校生", "注册日期", "是否在本区注册", "租赁类型",
               "带动就业人数", "实际月租金", "申请补贴月数"]  # fmt: skip
RENT_ROW = ["R-1", "个人", "2021-03-15", "是", "2020-10-08", "是", "房屋", "3", "4000", "24"]
RENT_AMOUNT = "60000.00"  # 1000 + 3 × 500 = 2500 a month (the cap), × 24 months


@dataclass
class Run:
    out: str
    rejects: list[list[str]]
    summary: BatchSummary

    def rows(self) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.out)))

    def amount(self, applicant: str, measure: str = "rent_subsidy") -> str:
        row = next(r for r in self.rows() if r["id"] == applicant)
        return row[f"{measure}.amount"]


def run(data: bytes | str, name: str = "in.csv", lang: str = "zh", **options: Any) -> Run:
    if isinstance(data, str):
        data = data.encode("utf-8")
    out = io.StringIO()
    rejects = io.StringIO()
    sink = RejectSink(lambda: rejects, lang, options.get("excel_safe", True))
    summary = run_batch(io.BytesIO(data), name, POLICY, BatchOptions(lang=lang, **options), out, sink)
    return Run(out.getvalue(), list(csv.reader(io.StringIO(rejects.getvalue()))), summary)


def table(*rows: list[str]) -> str:
    return "".join(csv_line(r) for r in rows)


def pad(cells: list[str], width: int = len(RENT_HEADER)) -> list[str]:
    return cells + [""] * (width - len(cells))


# ----------------------------------------------------------------------------------------------- headers


def test_chinese_and_english_headers_in_any_order_give_the_same_answer() -> None:
    english = ["id", "kind", "application_date", "tianjin_fulltime_student", "registration_date",
               "registered_in_heping", "rent_type", "jobs_created", "monthly_rent", "rent_months"]  # fmt: skip
    zh = run(table(RENT_HEADER, RENT_ROW))
    order = list(reversed(range(len(english))))
    en = run(table([english[i] for i in order], [RENT_ROW[i] for i in order]))
    assert zh.amount("R-1") == en.amount("R-1") == RENT_AMOUNT
    assert zh.rows()[0]["total"] == RENT_AMOUNT


def test_an_unknown_column_stops_the_run_naming_it_and_nothing_is_written() -> None:
    out = io.StringIO()
    with pytest.raises(HeaderError) as caught:
        run_batch(
            io.BytesIO(table([*RENT_HEADER, "带动就业人数x", "备注"], [*RENT_ROW, "1", ""]).encode()),
            "in.csv",
            POLICY,
            BatchOptions(),
            out,
            RejectSink(None, "zh", True),
        )
    assert "带动就业人数x" in caught.value.zh
    assert "备注" in caught.value.en
    assert "--ignore-extra-columns" in caught.value.en
    assert out.getvalue() == ""


def test_unknown_columns_can_be_ignored_on_request() -> None:
    result = run(table([*RENT_HEADER, "备注"], [*RENT_ROW, "老客户"]), ignore_extra_columns=True)
    assert result.amount("R-1") == RENT_AMOUNT
    assert result.summary.input.ignored_columns == ("备注",)


def test_a_column_given_twice_or_a_missing_id_or_kind_column_is_a_header_error() -> None:
    with pytest.raises(HeaderError, match="jobs_created"):
        run(table([*RENT_HEADER, "jobs_created"], [*RENT_ROW, "3"]))
    with pytest.raises(HeaderError, match="no id column"):
        run(table(RENT_HEADER[1:], RENT_ROW[1:]))
    with pytest.raises(HeaderError, match="no kind column"):
        run(table([RENT_HEADER[0], *RENT_HEADER[2:]], [RENT_ROW[0], *RENT_ROW[2:]]))


def test_kind_option_sets_the_kind_of_rows_without_a_kind_column() -> None:
    result = run(table([RENT_HEADER[0], *RENT_HEADER[2:]], [RENT_ROW[0], *RENT_ROW[2:]]), kind="person")
    assert result.amount("R-1") == RENT_AMOUNT


def test_a_kind_cell_contradicting_the_kind_option_is_rejected() -> None:
    result = run(table(RENT_HEADER, RENT_ROW, pad(["E-1", "企业", "2021-03-15"])), kind="person")
    assert [r[0] for r in result.rejects[1:]] == ["3"]
    assert "--kind person" in result.rejects[1][1]


def test_blank_lines_above_the_header_are_skipped_and_counted_in_row_numbers() -> None:
    result = run("\r\n,,\r\n" + table(RENT_HEADER, RENT_ROW, pad(["R-2", "个人", "2021-02-30"])))
    assert result.amount("R-1") == RENT_AMOUNT
    assert result.rejects[1][0] == "5"  # header on row 3, R-1 on row 4


def test_empty_input_is_an_error() -> None:
    with pytest.raises(InputDataError):
        run("")


# ---------------------------------------------------------------------------------------- cells as typed


def test_cells_as_people_type_them() -> None:
    row = ["R-1", "个人", "2021年3月15日", "是", "2020/10/8", "Y", "房屋", "３", "4,000元", "２４"]
    assert run(table(RENT_HEADER, row)).amount("R-1") == RENT_AMOUNT


def test_an_empty_cell_is_a_missing_fact_not_zero() -> None:
    row = [*RENT_ROW[:7], "", *RENT_ROW[8:]]  # jobs created left empty
    result = run(table(RENT_HEADER, row))
    line = result.rows()[0]
    assert line["rent_subsidy.status"] == "cannot_decide"
    assert line["rent_subsidy.amount"] == ""


def test_a_cell_of_spaces_is_as_empty_as_an_empty_one() -> None:
    rows = [[*RENT_ROW[:7], cell, *RENT_ROW[8:]] for cell in ("", "   ", "\u3000")]  # full-width space too
    rows = [[f"R-{i}", *row[1:]] for i, row in enumerate(rows)]
    lines = run(table(RENT_HEADER, *rows)).rows()
    assert [line["rent_subsidy.status"] for line in lines] == ["cannot_decide"] * 3


def test_the_same_bad_cell_rejects_every_row_it_is_in() -> None:
    # Converted cells are remembered per column; a bad one must not be remembered as good.
    bad = [[f"B-{i}", *RENT_ROW[1:4], "2021-02-30", *RENT_ROW[5:]] for i in range(3)]
    result = run(table(RENT_HEADER, bad[0], RENT_ROW, bad[1], bad[2]))
    assert [r["id"] for r in result.rows()] == ["R-1"]
    assert [r[2] for r in result.rejects[1:]] == ["B-0", "B-1", "B-2"]
    assert all(r[1].startswith("注册日期") for r in result.rejects[1:])


def test_ids_stay_text_and_excel_mangled_ids_are_rejected() -> None:
    result = run(table(RENT_HEADER, ["00123", *RENT_ROW[1:]], ["1.10101E+17", *RENT_ROW[1:]]))
    assert [r["id"] for r in result.rows()] == ["00123"]
    assert result.rejects[1][0] == "3"
    assert "科学计数法" in result.rejects[1][1]


def test_a_fact_of_another_kind_must_be_empty_in_a_mixed_file() -> None:
    header = [*RENT_HEADER, "参保职工人数"]
    result = run(table(header, [*RENT_ROW, ""], ["E-1", "企业", "2021-04-12", "", "", "", "", "", "", "", "40"],
                       ["R-2", *RENT_ROW[1:], "40"]))  # fmt: skip
    assert [r["id"] for r in result.rows()] == ["R-1", "E-1"]
    assert result.rejects[1][:1] == ["4"]
    assert "参保职工人数" in result.rejects[1][1]
    assert "个人" in result.rejects[1][1]


# ------------------------------------------------------------------------------------------- encodings


def example_results(path: Path) -> list[dict[str, str]]:
    return run(path.read_bytes(), path.name).rows()


def test_example_files_in_every_encoding_give_the_same_results() -> None:
    utf8 = example_results(EXAMPLES / "applicants.csv")
    assert [r["id"] for r in utf8] == EXAMPLE_LIST_IDS
    assert example_results(EXAMPLES / "applicants-utf8-bom.csv") == utf8
    assert example_results(EXAMPLES / "applicants-gb18030.csv") == utf8
    text = (EXAMPLES / "applicants.csv").read_text(encoding="utf-8")
    assert run(text.encode("utf-16")).rows() == utf8
    by_id = {r["id"]: r for r in utf8}
    assert by_id["R-001"]["rent_subsidy.amount"] == "60000.00"
    assert by_id["刘䶮-002"]["rent_subsidy.amount"] == "14400.00"  # 600 a month (cap) × 24 months
    assert by_id["S-001"]["stable_jobs_refund.amount"] == "42000.00"


def test_the_detected_encoding_is_reported() -> None:
    result = run((EXAMPLES / "applicants-gb18030.csv").read_bytes())
    assert result.summary.input.encoding == "gb18030"
    assert result.summary.to_dict("en")["input"]["encoding"] == "gb18030"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_row_in_another_encoding_is_rejected_and_the_rows_around_it_computed(jobs: int) -> None:
    # A UTF-8 list with one row pasted in from a GB18030 file, after a block boundary and a few chunks.
    rows = [table(RENT_HEADER)] + [table([f"R-{i}", *RENT_ROW[1:]]) for i in range(40)]
    stray = table(["张三-gb", *RENT_ROW[1:]]).encode("gb18030")
    data = "".join(rows[:31]).encode("utf-8") + stray + "".join(rows[31:]).encode("utf-8")
    result = run(data, jobs=jobs, chunk_rows=7)
    assert [r["id"] for r in result.rows()] == [f"R-{i}" for i in range(40)]
    assert all(r["rent_subsidy.amount"] == RENT_AMOUNT for r in result.rows())
    ((row, reason, ident, *cells),) = result.rejects[1:]
    assert row == "32"  # the header is row 1
    assert "不能按 utf-8 解码的字节" in reason
    assert ident.endswith("-gb")
    assert "\ufffd" in ident
    assert cells[1:4] == ["2021-03-15", "\ufffd\ufffd", "2020-10-08"]  # 是 in GB18030: two bad bytes
    t = result.summary.tally
    assert (t.read, t.computed, t.rejected) == (41, 40, 1)
    assert result.summary.input.encoding == "utf-8"


def test_an_ndjson_line_in_another_encoding_is_rejected_alone() -> None:
    good = '{"id": "张三", "kind": "person", "application_date": "2021-03-15"}\n'
    data = (good * 20).encode("utf-8") + good.replace("张三", "李四").encode("gb18030") + good.encode("utf-8")
    result = run(data, name="in.ndjson", lang="en")
    assert [r["id"] for r in result.rows()] == ["张三"] * 21
    ((row, reason, line),) = result.rejects[1:]
    assert row == "21"
    assert reason.startswith("has bytes that are not valid utf-8")
    assert line.startswith('{"id": "')
    assert "\ufffd" in line


def test_a_first_ndjson_line_in_another_encoding_is_rejected_not_taken_for_a_bad_header() -> None:
    good = '{"id": "张三", "kind": "person", "application_date": "2021-03-15"}\n'
    data = good.replace("张三", "李四").encode("gb18030") + (good * 20).encode("utf-8")
    result = run(data, name="in.ndjson")
    assert [r["id"] for r in result.rows()] == ["张三"] * 20
    ((row, reason, _line),) = result.rejects[1:]
    assert row == "1"
    assert "不能按 utf-8 解码的字节" in reason


def test_a_header_that_cannot_be_decoded_stops_the_run_naming_the_encoding() -> None:
    data = "编号,类型".encode() + ",申请日期\r\n".encode("gb18030") + "R-1,个人,2021-03-15\r\n".encode()
    with pytest.raises(InputDataError) as caught:
        run(data, encoding="utf-8")  # detected, it would be GB18030 throughout: see test_tabular
    assert "表头含有不能按 utf-8 解码的字节" in caught.value.zh
    assert "--encoding" in caught.value.en


# ------------------------------------------------------------------------------------------- rejects


def test_bad_rows_in_the_middle_go_to_the_rejects_and_the_rest_are_computed() -> None:
    result = run((EXAMPLES / "bad-rows.csv").read_bytes())
    computed = [r["id"] for r in result.rows()]
    assert computed == ["R-001", "S-001", '\'=HYPERLINK("http://example.com","R-008")', "I-001"]
    header, *rejected = result.rejects
    assert header[:4] == ["行号", "原因", "编号", "类型"]
    # Row numbers as Excel shows them: the header is row 1; the blank row 9 is skipped, not lost.
    assert [r[0] for r in rejected] == ["3", "5", "6", "7", "8", "11"]
    assert [r[2] for r in rejected] == ["B-002", "B-004", "B-005", "1.10101E+17", "B-007", "B-009"]
    reasons = {r[2]: r[1] for r in rejected}
    assert reasons["B-002"].startswith("申请日期")
    assert "带动就业人数" in reasons["B-007"]
    t = result.summary.tally
    assert (t.read, t.computed, t.rejected, t.blank) == (10, 4, 6, 1)
    assert t.read == t.computed + t.rejected


def test_rejects_keep_the_original_cells_and_speak_the_users_language() -> None:
    result = run((EXAMPLES / "bad-rows.csv").read_bytes(), lang="en")
    header, first, *_ = result.rejects
    assert header[:2] == ["row", "reason"]
    original = next(
        csv.reader(io.StringIO((EXAMPLES / "bad-rows.csv").read_text("utf-8-sig").splitlines()[2]))
    )
    assert first[2:] == original
    assert first[1] == "application_date (申请日期): no such date: 2021-02-30"


def test_a_row_with_the_wrong_number_of_cells_is_rejected_but_trailing_empty_cells_are_fine() -> None:
    text = table(RENT_HEADER, [*RENT_ROW, "", ""], RENT_ROW[:5], [*RENT_ROW, "x"])
    result = run(text)
    assert len(result.rows()) == 1
    assert [r[0] for r in result.rejects[1:]] == ["3", "4"]


def test_ndjson_input_gives_the_same_results_and_rejects_bad_lines_by_number() -> None:
    lines = [
        json.dumps(dict(zip(RENT_HEADER, RENT_ROW, strict=True)), ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"id": 12345, "kind": "person", "jobs_created": 2.5}),
        json.dumps({"id": 1.2e17, "kind": "person"}),
    ]
    result = run("\n".join(lines) + "\n", name="list.ndjson")
    assert result.summary.input.format == "ndjson"
    assert result.amount("R-1") == RENT_AMOUNT
    assert [r[0] for r in result.rejects[1:]] == ["3", "4", "5"]
    assert (
        result.rejects[1][1]
        == "不是有效的 JSON：第 2 个字符处有误（Expecting property name enclosed in double quotes）"
    )
    assert "带动就业人数" in result.rejects[2][1]
    assert result.rejects[3][1].startswith("id")


def test_ndjson_is_sniffed_and_an_unknown_key_on_the_first_line_stops_the_run() -> None:
    assert run('{"id": "a", "kind": "person"}\n', name="-").summary.input.format == "ndjson"
    with pytest.raises(HeaderError, match="jobs_createdd"):
        run('{"id": "a", "kind": "person", "jobs_createdd": 1}\n', name="-")


# ------------------------------------------------------------------------------------------- outputs


def test_wide_csv_has_status_amount_and_maximum_for_every_measure_and_the_total() -> None:
    result = run(table(RENT_HEADER, RENT_ROW))
    header = next(csv.reader(io.StringIO(result.out)))
    assert header == wide_columns()
    assert header[:3] == ["id", "kind", "as_of"]
    assert header[-2:] == ["total", "maxima_total"]
    for measure in registry():
        assert f"{measure.id}.status" in header
    row = result.rows()[0]
    person = {m.id for m in measures_for_kind("person")}
    for measure in registry():
        status = row[f"{measure.id}.status"]
        assert (status != "") == (measure.id in person)  # empty: the measure is not for this kind
    paid = sum(
        (Decimal(row[f"{m}.amount"] or 0) for m in person if row[f"{m}.status"] == "eligible"), Decimal(0)
    )
    assert Decimal(row["total"]) >= Decimal(RENT_AMOUNT)
    assert paid >= Decimal(row["total"])  # every paid item appears; non-payments are not in the total


def test_itemised_csv_has_one_row_per_applicant_and_measure() -> None:
    result = run(table(RENT_HEADER, RENT_ROW, pad(["E-1", "企业", "2021-04-12"])), itemised=True)
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == list(CSV_ITEM_COLUMNS)
    assert len(rows) - 1 == len(measures_for_kind("person")) + len(measures_for_kind("enterprise"))
    rent = next(r for r in rows if r[3] == "rent_subsidy")
    assert rent[CSV_ITEM_COLUMNS.index("amount")] == RENT_AMOUNT
    assert rent[CSV_ITEM_COLUMNS.index("arithmetic")] == ""  # only with detail


def test_detail_adds_the_arithmetic_and_conditions_only_when_asked() -> None:
    plain = json.loads(run(table(RENT_HEADER, RENT_ROW), output_format="ndjson").out)
    detailed = json.loads(run(table(RENT_HEADER, RENT_ROW), output_format="ndjson", detail=True).out)
    rent = next(i for i in plain["items"] if i["measure"] == "rent_subsidy")
    rent_detail = next(i for i in detailed["items"] if i["measure"] == "rent_subsidy")
    assert "conditions" not in rent
    assert "arithmetic" not in rent
    assert "1000 + 3 × 500 = 2500" in " ".join(rent_detail["arithmetic"])
    itemised = run(table(RENT_HEADER, RENT_ROW), itemised=True, detail=True).out
    assert "1000 + 3 × 500 = 2500" in itemised


def test_ndjson_output_is_one_object_per_line_in_input_order() -> None:
    rows = [[f"R-{i}", *RENT_ROW[1:]] for i in range(5)]
    out = run(table(RENT_HEADER, *rows), output_format="ndjson").out
    lines = out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"R-{i}" for i in range(5)]
    assert all(json.loads(line)["total"] == RENT_AMOUNT for line in lines)


def test_json_output_is_one_document_with_the_stamp_and_summary() -> None:
    doc = json.loads(run(table(RENT_HEADER, RENT_ROW, RENT_ROW), output_format="json").out)
    assert [a["id"] for a in doc["applicants"]] == ["R-1", "R-1"]
    assert doc["stamp"]["policy"]["sha256"] == POLICY.sha256
    assert doc["stamp"]["version"]
    assert doc["summary"]["rows"] == {"read": 2, "computed": 2, "rejected": 0, "blank_skipped": 0,
                                      "internal_errors": 0, "evaluated_on_run_date": 0}  # fmt: skip
    empty = json.loads(run(table(RENT_HEADER), output_format="json").out)
    assert empty["applicants"] == []
    rows = [[f"R-{i}", *RENT_ROW[1:]] for i in range(5)]
    for jobs in (1, 2):
        doc = json.loads(run(table(RENT_HEADER, *rows), output_format="json", chunk_rows=2, jobs=jobs).out)
        assert [a["id"] for a in doc["applicants"]] == [f"R-{i}" for i in range(5)]


def test_the_formula_guard_protects_text_cells_but_never_amounts() -> None:
    row = ["=cmd|' /C calc'!A0", *RENT_ROW[1:]]
    safe = run(table(RENT_HEADER, row)).rows()[0]
    assert safe["id"] == "'=cmd|' /C calc'!A0"
    assert safe["rent_subsidy.amount"] == RENT_AMOUNT
    raw = run(table(RENT_HEADER, row), excel_safe=False).rows()[0]
    assert raw["id"] == "=cmd|' /C calc'!A0"


# -------------------------------------------------------------------------------------- totals, jobs


def test_summary_totals_add_up_by_measure_and_by_department() -> None:
    result = run((EXAMPLES / "applicants.csv").read_bytes())
    doc = result.summary.to_dict("zh")
    per_row = sum((Decimal(r["total"]) for r in result.rows()), Decimal(0))
    by_measure = sum((Decimal(m["total"]) for m in doc["measures"]), Decimal(0))
    by_dept = sum((Decimal(d["total"]) for d in doc["departments"]), Decimal(0))
    assert Decimal(doc["total"]) == per_row == by_measure == by_dept
    rent = next(m for m in doc["measures"] if m["measure"] == "rent_subsidy")
    assert Decimal(rent["total"]) == Decimal("134400.00")  # 60000 + 14400 + 60000 (R-004: 2500 × 24 months)
    assert sum(rent["status_counts"].values()) == rent["applicants"] == 5
    assert doc["rows"]["read"] == doc["rows"]["computed"] + doc["rows"]["rejected"] == len(EXAMPLE_LIST_IDS)
    assert doc["applicants_by_kind"] == {"person": 5, "enterprise": 2, "incubator": 2}
    assert doc["stamp"]["policy"]["sha256"] == POLICY.sha256


def test_as_of_overrides_every_applicants_date_and_is_stamped() -> None:
    from datetime import date

    result = run(table(RENT_HEADER, RENT_ROW), as_of=date(2026, 1, 1))
    row = result.rows()[0]
    assert row["as_of"] == "2026-01-01"
    assert row["rent_subsidy.status"] == "ineligible"  # outside the policy's five years
    assert result.summary.stamp["as_of_override"] == "2026-01-01"


def test_two_worker_processes_give_the_same_output_in_the_same_order() -> None:
    data = (EXAMPLES / "bad-rows.csv").read_bytes()
    rows = (EXAMPLES / "applicants.csv").read_text("utf-8").splitlines()
    many = "\r\n".join([rows[0], *(rows[1:] * 40)]) + "\r\n"
    for text in (data, many.encode()):
        one = run(text, chunk_rows=7)
        two = run(text, chunk_rows=7, jobs=2)
        assert two.out == one.out
        assert two.rejects == one.rejects
        assert two.summary.to_dict("zh") == one.summary.to_dict("zh")


# ----------------------------------------------------------------------------------------- streaming


class TrickleStream(io.RawIOBase):
    """An input that hands out a few bytes at a time and remembers how far it has been read."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data = data
        self.step = step
        self.pos = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.data[self.pos : self.pos + self.step]
        self.pos += len(chunk)
        return chunk


class WatchingOutput(io.StringIO):
    def __init__(self, source: TrickleStream) -> None:
        super().__init__()
        self.source = source
        self.read_at_first_result: int | None = None

    def write(self, text: str) -> int:
        if self.read_at_first_result is None and "R-" in text:
            self.read_at_first_result = self.source.pos
        return super().write(text)


def test_results_are_written_while_the_input_is_still_being_read() -> None:
    data = table(RENT_HEADER, *([f"R-{i}", *RENT_ROW[1:]] for i in range(3000))).encode()
    source = TrickleStream(data, 4096)
    out = WatchingOutput(source)
    stream = cast(BinaryIO, source)
    summary = run_batch(
        stream, "in.csv", POLICY, BatchOptions(chunk_rows=100), out, RejectSink(None, "zh", True)
    )
    assert summary.tally.computed == 3000
    assert out.read_at_first_result is not None
    assert out.read_at_first_result < len(data) // 10


# ------------------------------------------------------------------------- applicants, one at a time


@dataclass
class Read:
    rows: list[InputRow]
    reader: ApplicantReader
    rejects: io.StringIO

    def rejected(self) -> list[list[str]]:
        return list(csv.reader(io.StringIO(self.rejects.getvalue())))


def read(data: bytes, name: str = "in.csv", lang: str = "zh", **options: Any) -> Read:
    rejects = io.StringIO()
    sink = RejectSink(lambda: rejects, lang, True)
    reader = ApplicantReader(io.BytesIO(data), name, BatchOptions(lang=lang, **options), sink)
    return Read(list(reader), reader, rejects)


def test_the_reader_yields_the_rows_batch_computes_and_rejects_the_same_rows() -> None:
    data = (EXAMPLES / "bad-rows.csv").read_bytes()
    batch = run(data)
    got = read(data)
    assert [r.number for r in got.rows] == [2, 4, 10, 12]  # as Excel numbers them; row 9 is blank
    # The ids as typed: the formula guard is for output, not input.
    formula = '=HYPERLINK("http://example.com","R-008")'
    assert [r.applicant.id for r in got.rows] == ["R-001", "S-001", formula, "I-001"]
    assert got.rejected() == batch.rejects  # same rows, same reasons, same original cells
    counts = got.reader.counts
    assert (counts.read, counts.rejected, counts.blank, counts.accepted) == (10, 6, 1, 4)
    totals = [fmt_money(evaluate(r.applicant, POLICY).total) for r in got.rows]
    assert totals == [r["total"] for r in batch.rows()]


def test_the_reader_decodes_every_encoding_and_ndjson_like_batch() -> None:
    def seen(result: Read) -> list[tuple[int, str, str, dict[str, Any]]]:
        return [(r.number, r.applicant.id, r.applicant.kind, r.applicant.facts.values) for r in result.rows]

    utf8 = read((EXAMPLES / "applicants.csv").read_bytes())
    gb = read((EXAMPLES / "applicants-gb18030.csv").read_bytes(), name="-")
    assert seen(gb) == seen(utf8)
    assert gb.reader.info.encoding == "gb18030"
    assert seen(utf8)[1][1] == "刘䶮-002"
    lines = [json.dumps(dict(zip(RENT_HEADER, RENT_ROW, strict=True)), ensure_ascii=False), "",
             json.dumps({"id": "X", "kind": "person", "jobs_created": -1})]  # fmt: skip
    ndjson = read(("\n".join(lines) + "\n").encode(), name="list.ndjson", lang="en")
    assert [(r.number, r.applicant.id) for r in ndjson.rows] == [(1, "R-1")]
    assert [r[0] for r in ndjson.rejected()[1:]] == ["3"]
    assert (ndjson.reader.counts.read, ndjson.reader.counts.blank) == (2, 1)


def test_the_reader_stops_at_a_bad_header_before_reading_any_row() -> None:
    opened: list[int] = []

    def open_rejects() -> io.StringIO:
        opened.append(1)
        return io.StringIO()

    with pytest.raises(HeaderError, match="jobs_createdd"):
        ApplicantReader(io.BytesIO(b"id,kind,jobs_createdd\nA,person,1\n"), "in.csv", BatchOptions(),
                        RejectSink(open_rejects, "en", True))  # fmt: skip
    assert opened == []  # nothing written
    header_only = ApplicantReader(
        io.BytesIO(b"id,kind\n"), "in.csv", BatchOptions(), RejectSink(None, "en", True)
    )
    assert list(header_only) == []
    with pytest.raises(RuntimeError, match="once"):
        list(header_only)


def test_a_row_the_caller_cannot_use_goes_to_the_rejects_in_input_order() -> None:
    rejects = io.StringIO()
    reader = ApplicantReader(
        io.BytesIO((EXAMPLES / "bad-rows.csv").read_bytes()), "in.csv", BatchOptions(lang="en"),
        RejectSink(lambda: rejects, "en", False),
    )  # fmt: skip
    used = []
    for row in reader:
        if row.applicant.id == "S-001":
            reader.reject_error(row, ZeroDivisionError("division by zero"))
        else:
            used.append(row.number)
    rows = list(csv.reader(io.StringIO(rejects.getvalue())))[1:]
    assert [r[0] for r in rows] == ["3", "4", "5", "6", "7", "8", "11"]
    assert rows[1][1] == "internal error (a defect, please report it): ZeroDivisionError: division by zero"
    original = (EXAMPLES / "bad-rows.csv").read_text("utf-8-sig").splitlines()[3]
    assert rows[1][2:] == next(csv.reader(io.StringIO(original)))
    counts = reader.counts
    assert (counts.read, counts.rejected, counts.internal_errors) == (10, 7, 1)
    assert counts.read == len(used) + counts.rejected


def test_the_reader_yields_the_first_applicant_while_the_input_is_still_being_read() -> None:
    data = table(RENT_HEADER, *([f"R-{i}", *RENT_ROW[1:]] for i in range(3000))).encode()
    source = TrickleStream(data, 4096)
    progress: list[tuple[int, int]] = []
    reader = ApplicantReader(cast(BinaryIO, source), "in.csv", BatchOptions(chunk_rows=100),
                             RejectSink(None, "zh", True), lambda rows, done: progress.append((rows, done)))  # fmt: skip
    rows = iter(reader)
    assert next(rows).applicant.id == "R-0"
    assert source.pos < len(data) // 10
    assert sum(1 for _ in rows) == 2999
    assert progress[-1] == (3000, len(data))
    assert [p[0] for p in progress] == list(range(100, 3001, 100))
