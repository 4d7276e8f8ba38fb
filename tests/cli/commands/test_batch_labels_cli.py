"""`wenjiuye batch` in the analyst's language, and Excel both ways (issue 13 §2, §3)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode

ID_NUMBER = "120101199001011234"  # 18 digits, as a 身份证号 is typed
RENT_HEADER = ["编号", "类型", "申请日期", "本市全日制高校在校生", "注册日期", "是否在本区注册", "租赁类型",
               "带动就业人数", "实际月租金", "申请补贴月数"]  # fmt: skip
RENT_ROW = ["R-1", "个人", "2021-03-15", "是", "2020-10-08", "是", "房屋", "3", "4000", "24"]
ELSEWHERE = [
    "R-2",
    "个人",
    "2021-03-15",
    "是",
    "2020-10-08",
    "否",
    "房屋",
    "3",
    "4000",
    "24",
]  # not in 和平区


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write_csv(path: Path, *rows: list[str]) -> Path:
    path.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.fixture
def founders(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "founders.csv", RENT_HEADER, RENT_ROW, ELSEWHERE)


def test_results_have_chinese_headers_and_statuses_and_only_the_measures_of_the_kinds_present(
    runner: CliRunner, founders: Path
) -> None:
    result = runner.invoke(app, ["batch", str(founders), "-q"])
    assert result.exit_code == ExitCode.OK, result.stderr
    got = rows(result.stdout)
    assert list(got[0])[:3] == ["编号", "类型", "评估日期"]
    assert got[0]["创业房租补贴·状态"] == "符合"
    assert got[0]["创业房租补贴·金额"] == "60000.00"
    assert got[0]["类型"] == "个人"
    assert got[0]["合计"] == "60000.00"
    assert "稳岗返还·状态" not in got[0]  # an enterprise's measure: no enterprise in the list
    codes = rows(runner.invoke(app, ["batch", str(founders), "-q", "--codes"]).stdout)
    assert codes[0]["rent_subsidy.status"] == "eligible"
    assert "stable_jobs_refund.status" in codes[0]  # --codes: today's file, every measure's columns
    assert len(codes[0]) > len(got[0])
    english = rows(runner.invoke(app, ["batch", str(founders), "-q", "--lang", "en"]).stdout)
    assert english[0]["start-up rent subsidy·status"] == "eligible"
    assert english[0]["id"] == "R-1"


def test_a_long_list_keeps_every_row_of_a_kind_met_late(runner: CliRunner, tmp_path: Path) -> None:
    # More than one chunk: the columns cannot wait for the end, so every kind's measures are there.
    lines = [RENT_HEADER] + [[f"P-{i}", *RENT_ROW[1:]] for i in range(5)]
    lines.append(["E-1", "企业", "2021-03-15", *[""] * 7])
    path = write_csv(tmp_path / "mixed.csv", *lines)
    result = runner.invoke(app, ["batch", str(path), "-q", "--chunk-rows", "2"])
    assert result.exit_code == ExitCode.OK, result.stderr
    got = rows(result.stdout)
    assert [r["编号"] for r in got] == [*(f"P-{i}" for i in range(5)), "E-1"]
    assert got[-1]["稳岗返还·状态"] == "无法判断"  # the enterprise met in the last chunk has its measures


def test_detail_adds_the_reason_in_words(runner: CliRunner, founders: Path) -> None:
    result = runner.invoke(app, ["batch", str(founders), "-q", "--detail"])
    assert result.exit_code == ExitCode.OK, result.stderr
    got = rows(result.stdout)
    assert got[1]["创业房租补贴·状态"] == "不符合"
    assert "创业房租补贴：" in got[1]["原因"]
    assert "创业房租补贴：" not in got[0]["原因"]  # granted: no reason to give
    items = rows(runner.invoke(app, ["batch", str(founders), "-q", "--detail", "--itemised"]).stdout)
    rent = [r for r in items if r["措施代码"] == "rent_subsidy"]
    assert [r["状态"] for r in rent] == ["符合", "不符合"]
    assert rent[1]["原因"]  # why the ineligible one gets nothing, in Excel
    assert rent[0]["计算过程"]  # the eligible one's arithmetic


def test_ndjson_keeps_the_codes_with_the_labels_beside(runner: CliRunner, founders: Path) -> None:
    result = runner.invoke(app, ["batch", str(founders), "-q", "-f", "ndjson"])
    item = next(
        i for i in json.loads(result.stdout.splitlines()[0])["items"] if i["measure"] == "rent_subsidy"
    )
    assert (item["status"], item["status_label"]) == ("eligible", "符合")


def test_the_stamp_is_a_line_of_words_on_stderr(runner: CliRunner, founders: Path) -> None:
    result = runner.invoke(app, ["batch", str(founders), "--as-of", "2021-03-15"])
    assert result.exit_code == ExitCode.OK
    stamp = result.stderr.splitlines()[1]
    assert stamp.startswith("wenjiuye ")
    assert "政策文件" in stamp
    assert "评估日期 2021-03-15" in stamp
    assert "{" not in stamp  # not JSON
    assert "wenjiuye" not in result.stdout


def test_an_unknown_output_extension_is_an_error(runner: CliRunner, founders: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(founders), "-o", str(tmp_path / "results.txt")])
    assert result.exit_code == ExitCode.USAGE
    assert "扩展名" in result.stderr
    assert not (tmp_path / "results.txt").exists()
    forced = runner.invoke(
        app, ["batch", str(founders), "-o", str(tmp_path / "results.txt"), "-f", "csv", "-q"]
    )
    assert forced.exit_code == ExitCode.OK
    assert (tmp_path / "results.txt").read_text("utf-8-sig").startswith("编号,")


def test_xlsx_out_keeps_ids_as_text_and_has_budget_and_rejects_sheets(
    runner: CliRunner, tmp_path: Path
) -> None:
    from python_calamine import CalamineWorkbook

    header = [*RENT_HEADER, "身份证号"]
    path = write_csv(
        tmp_path / "list.csv",
        header,
        ["0012345", *RENT_ROW[1:], ID_NUMBER],
        ["R-9", "个人", "2021-02-30", *RENT_ROW[3:], ""],  # no such date: rejected
    )
    out = tmp_path / "results.xlsx"
    result = runner.invoke(app, ["batch", str(path), "-o", str(out)])
    assert result.exit_code == ExitCode.ROWS_REJECTED, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv", "results.xlsx"]  # rejects in the book
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["结果", "拒绝", "按措施汇总", "按责任部门汇总"]
    results = book.get_sheet_by_name("结果").to_python()
    head, first = results[0], results[1]
    assert first[head.index("编号")] == "0012345"  # text: the leading zeros survive
    assert first[head.index("身份证号")] == ID_NUMBER  # all 18 digits
    assert first[head.index("创业房租补贴·金额")] == 60000.0  # a number, shown to the fen
    rejects = book.get_sheet_by_name("拒绝").to_python()
    assert rejects[1][0] == 3.0  # the row number, as Excel shows it
    assert "2021-02-30" in rejects[1][1]
    budget = book.get_sheet_by_name("按措施汇总").to_python()
    rent = next(r for r in budget if r[0] == "创业房租补贴")
    assert rent[budget[0].index("合计（元）")] == 60000.0

    # Round trip: the workbook read back as a list keeps 0012345 and the 18-digit ID.
    again = runner.invoke(app, ["batch", str(out), "--ignore-extra-columns", "-q"])
    assert again.exit_code == ExitCode.OK, again.stderr
    back = rows(again.stdout)
    assert [(r["编号"], r["身份证号"]) for r in back] == [("0012345", ID_NUMBER)]


def test_xlsx_in_reads_serial_dates_numbers_as_text_and_keeps_ids_as_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    import xlsxwriter  # type: ignore[import-untyped]

    path = tmp_path / "名单.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("第二季度")
    book.add_worksheet("空白")
    sheet.write_row(0, 0, [*RENT_HEADER, "身份证号"])
    sheet.write_string(1, 0, "0012345")  # an id stored as text
    sheet.write_string(1, 1, "个人")
    serial = (date(2021, 3, 15) - date(1899, 12, 30)).days
    sheet.write_number(1, 2, serial)  # a date stored as an Excel serial number
    sheet.write_row(1, 3, ["是"])
    sheet.write_datetime(1, 4, date(2020, 10, 8), book.add_format({"num_format": "yyyy-mm-dd"}))
    sheet.write_row(1, 5, ["是", "房屋"])
    sheet.write_string(1, 7, "3")  # a number stored as text
    sheet.write_number(1, 8, 4000)
    sheet.write_number(1, 9, 24)
    sheet.write_string(1, 10, ID_NUMBER)
    book.close()
    result = runner.invoke(app, ["batch", str(path), "--sheet", "第二季度", "-q"])
    assert result.exit_code == ExitCode.OK, result.stderr
    got = rows(result.stdout)
    assert got[0]["编号"] == "0012345"
    assert got[0]["评估日期"] == "2021-03-15"
    assert got[0]["身份证号"] == ID_NUMBER
    assert got[0]["创业房租补贴·金额"] == "60000.00"
    assert ID_NUMBER not in result.stderr
    missing = runner.invoke(app, ["batch", str(path), "--sheet", "第三季度", "-q"])
    assert missing.exit_code == ExitCode.BAD_DATA
    assert "第三季度" in missing.stderr
    assert "\ufffd" not in missing.stderr  # no mojibake
    assert "--encoding" not in missing.stderr


def test_a_workbook_under_a_csv_name_is_read_as_a_workbook(runner: CliRunner, tmp_path: Path) -> None:
    import xlsxwriter  # type: ignore[import-untyped]

    path = tmp_path / "名单.csv"  # saved from Excel as a workbook, named .csv
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, row in enumerate([RENT_HEADER, RENT_ROW]):
        for c, cell in enumerate(row):
            sheet.write_string(r, c, cell)
    book.close()
    result = runner.invoke(app, ["batch", str(path), "-q"])
    assert result.exit_code == ExitCode.OK, result.stderr  # not exit 65 with the zip's bytes as mojibake
    assert rows(result.stdout)[0]["创业房租补贴·金额"] == "60000.00"
