"""``wenjiuye schema --template KIND``: a blank list whose headers the project's own readers accept, a row typed
into it computes as the same facts would in a scenario, and the xlsx keeps IDs as text and dates as dates."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wenjiuye_cli.batch import BatchOptions, header_target, resolve_header
from wenjiuye_cli.cli import app
from wenjiuye_cli.engine import facts_for_kind
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.io.readers import open_reader
from wenjiuye_cli.template import template_columns

ID_NUMBER = "120101199001011234"
# A founder (第十五条 创业房租补贴, 附件1 序号37), as examples/rent_subsidy.toml's R-001 writes it.
FOUNDER = {
    "序号": "1",
    "编号": "0012345",
    "类型": "个人",
    "姓名": "张三",
    "身份证号": ID_NUMBER,
    "申请日期": "2021-03-15",
    "是否高校毕业生": "是",
    "高校毕业日期": "2018-07-01",
    "本市全日制高校在校生": "否",
    "是否“海河英才”落户": "否",
    "注册日期": "2020-10-08",
    "是否在本区注册": "是",
    "租赁类型": "房屋",
    "带动就业人数": "4",
    "实际月租金": "4000",
    "申请补贴月数": "24",
}
SCENARIO = """
[[applicants]]
id = "0012345"
kind = "person"
application_date = 2021-03-15
university_graduate = true
graduation_date = 2018-07-01
tianjin_fulltime_student = false
haihe_talent = false
registration_date = 2020-10-08
registered_in_heping = true
rent_type = "house"
jobs_created = 4
monthly_rent = 4000
rent_months = 24
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def calc_total(runner: CliRunner) -> str:
    result = runner.invoke(app, ["calc", "-", "--format", "json"], input=SCENARIO)
    assert result.exit_code == 0, result.stderr
    total: str = json.loads(result.stdout)["applicants"][0]["total"]
    assert total != "0.00"
    return total


# ------------------------------------------------------------------------------------------- columns


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_header_is_one_the_batch_reader_takes_for_that_fact(kind: str, lang: str) -> None:
    columns = template_columns(kind, lang)
    headers = [c.header for c in columns]
    layout = resolve_header(headers)  # raises HeaderError naming any unknown or ambiguous column
    assert not layout.ignored
    assert sorted(name for _, name in layout.facts) == sorted(facts_for_kind(kind))  # every fact, once
    for column in columns:
        if column.name in facts_for_kind(kind) or column.name in ("id", "kind"):
            assert header_target(column.header) == column.name
    if lang == "zh":
        assert not any(h.isascii() for h in headers)  # Chinese headers throughout
    else:
        assert headers[1:3] == ["id", "kind"]


def test_the_order_is_the_order_a_row_is_filled_in() -> None:
    person = [c.header for c in template_columns("person")]
    assert person[:6] == ["序号", "编号", "类型", "姓名", "身份证号", "申请日期"]
    firm = [c.header for c in template_columns("enterprise")]
    assert firm[:3] == ["序号", "编号", "类型"]
    assert "姓名" not in firm  # an enterprise has no name or 身份证号 of a person
    assert "身份证号" not in firm


# ----------------------------------------------------------------------------------------------- CSV


def test_csv_on_stdout_is_the_header_alone_without_a_bom(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "--template", "person"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert not result.stdout.startswith("\ufeff")
    assert result.stdout_bytes.endswith(b"\r\n")  # RFC 4180
    assert result.stdout_bytes.count(b"\n") == 1
    assert next(csv.reader(io.StringIO(result.stdout))) == [c.header for c in template_columns("person")]


def test_a_row_typed_into_the_csv_template_computes_as_the_same_facts_do(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "模板.csv"
    result = runner.invoke(app, ["schema", "--template", "个人", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"已写入空白名单 {target}" in result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    with target.open("a", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerow([FOUNDER.get(h, "") for h in header])
    batch = runner.invoke(app, ["batch", str(target), "-f", "ndjson"])
    assert batch.exit_code == 0, batch.stderr
    (line,) = batch.stdout.splitlines()
    row = json.loads(line)
    assert row["id"] == "0012345"
    assert row["columns"]["身份证号"] == ID_NUMBER
    assert row["total"] == calc_total(runner)
    assert ID_NUMBER not in batch.stderr


# ---------------------------------------------------------------------------------------------- xlsx


def column_formats(path: Path) -> dict[int, str]:
    """Column (1-based) → its number format, from the sheet's <col> ranges and the workbook's styles."""
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        styles = book.read("xl/styles.xml").decode()
    codes = {int(i): code for i, code in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
    codes |= {0: "General", 1: "0", 49: "@"}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert xfs is not None
    styles_fmt = [int(n) for n in re.findall(r'<xf numFmtId="(\d+)"', xfs.group(1))]
    out: dict[int, str] = {}
    for low, high, rest in re.findall(r'<col min="(\d+)" max="(\d+)"([^>]*)/>', sheet):
        style = re.search(r'style="(\d+)"', rest)
        fmt = codes[styles_fmt[int(style.group(1))]] if style else "General"
        for col in range(int(low), int(high) + 1):
            out[col] = fmt
    return out


def test_xlsx_keeps_ids_as_text_dates_as_dates_and_explains_each_column(
    runner: CliRunner, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "模板.xlsx"
    result = runner.invoke(app, ["schema", "--template", "person", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    columns = template_columns("person")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["申请人名单", "填写说明"]
    sheet = book["申请人名单"]
    assert [c.value for c in sheet[1]] == [c.header for c in columns]
    assert sheet.max_row == 1  # blank below the header
    assert sheet.freeze_panes == "C2"  # the header, 序号 and 编号 stay in view
    formats = column_formats(target)
    where = {c.header: i for i, c in enumerate(columns, 1)}
    assert formats[where["编号"]] == "@"
    assert formats[where["身份证号"]] == "@"
    assert formats[where["姓名"]] == "@"
    assert formats[where["申请日期"]] == "yyyy-mm-dd"
    assert formats[where["实际月租金"]] == "0.00"
    assert formats[where["带动就业人数"]] == "0"
    assert formats[where["序号"]] == "General"
    for column in columns:  # readable: at least as wide as the header
        assert sheet.column_dimensions[sheet.cell(1, where[column.header]).column_letter].width >= 10
    lists = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in sheet.data_validations.dataValidation
        if v.type == "list"
    }
    assert lists[f"{sheet.cell(2, where['是否在本区注册']).column_letter}2"] == '"是,否"'
    assert lists[f"{sheet.cell(2, where['租赁类型']).column_letter}2"] == '"房屋,工位"'
    explained = book["填写说明"]
    rows = [[c.value for c in r] for r in explained.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == [c.header for c in columns]
    rent = next(r for r in rows if r[0] == "实际月租金")
    assert rent[1] == "monthly_rent"
    assert rent[2] == "金额"
    assert rent[3].startswith("元")
    assert "第十五条" in rent[6]
    assert "不等于 0" in explained["A1"].value


def test_a_row_typed_into_the_xlsx_template_reads_back_with_the_projects_reader(
    runner: CliRunner, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "模板.xlsx"
    assert runner.invoke(app, ["schema", "--template", "person", "-o", str(target)]).exit_code == 0
    book = openpyxl.load_workbook(target)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    for col, header in enumerate(headers, 1):
        value: object = FOUNDER.get(header)
        if header in ("申请日期", "高校毕业日期", "注册日期"):
            value = datetime.fromisoformat(FOUNDER[header])  # typed as a date: stored as a date serial
        elif header in ("带动就业人数", "实际月租金", "申请补贴月数"):
            value = int(FOUNDER[header])  # typed as numbers
        sheet.cell(2, col, value)
    book.save(target)
    reader = open_reader(target, BatchOptions())
    (chunk,) = list(reader)
    assert chunk.rejects.height == 0, chunk.rejects.to_dicts()
    facts = chunk.facts.to_dicts()[0]
    assert facts["id"] == "0012345"  # the 0s kept
    assert str(facts["application_date"]) == "2021-03-15"
    assert facts["jobs_created"] == 4
    assert facts["rent_type"] == "house"
    assert facts["haihe_talent"] is False


def test_an_english_template_has_the_fact_names(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "--template", "enterprise", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[:4] == ["序号", "id", "kind", "application_date"]


# --------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--template", "person", "-o", "模板.xls"], "模板“模板.xls”的扩展名应为 .xlsx 或 .csv"),
        (["--template", "person", "-o", "模板"], "扩展名应为 .xlsx 或 .csv"),
        (["--template", "nobody"], "未知类型 'nobody'"),
        (["-o", "模板.xlsx"], "-o 只用于 --template"),
        (["enterprise", "--template", "person"], "与 --template 'person' 不同"),
    ],
)
def test_a_template_that_cannot_be_written_as_asked_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_template_is_an_io_error(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "模板.xlsx"
    result = runner.invoke(app, ["schema", "--template", "person", "-o", str(target), "--lang", "en"])
    assert result.exit_code == ExitCode.IO_ERROR
    assert "模板.xlsx" in result.stderr
    assert "Traceback" not in result.stderr
