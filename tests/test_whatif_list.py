"""What-if over a list on the columnar engine (wenjiuye_cli.whatif_list): the shortcut that re-evaluates only
the measures a reform touches gives what evaluating everything twice gives; carried columns; xlsx lists."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from typer.testing import CliRunner

from wenjiuye_cli.batch import BatchOptions
from wenjiuye_cli.cli import app
from wenjiuye_cli.columnar.reads import reads_for, touched_by
from wenjiuye_cli.engine import Applicant
from wenjiuye_cli.io.readers import open_reader
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.reform import with_reforms
from wenjiuye_cli.scale import _facts
from wenjiuye_cli.whatif import BudgetImpact, Comparer, comparison_dict
from wenjiuye_cli.whatif_list import ChunkEvaluator, comparisons

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REFORMS = sorted((EXAMPLES / "reforms").glob("*.toml"))
APPLICANTS = EXAMPLES / "batch" / "applicants.csv"
CAP = str(EXAMPLES / "reforms" / "raise_house_rent_cap.toml")

PEOPLE = """序号,姓名,身份证号,编号,类型,申请日期,是否高校毕业生,高校毕业日期,注册日期,是否在本区注册,租赁类型,带动就业人数,实际月租金,申请补贴月数
1,张三,110101199001011234,R-1,个人,2021-03-15,是,2018-07-01,2020-10-08,是,房屋,3,4000,24
2,李四,110101199002021234,R-2,个人,2021-03-15,是,2018-07-01,2020-10-08,是,房屋,6,6000,24
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_a_rule_is_known_to_read_the_parameters_its_declaration_asks_for() -> None:
    policy = load_policy()
    reads = reads_for(policy)
    assert "rent_subsidy.house_cap_monthly" in reads["rent_subsidy"]
    assert "rent_subsidy.house_cap_monthly" not in reads["startup_loan"]
    assert touched_by(policy, {"rent_subsidy.house_cap_monthly"}) == ("rent_subsidy",)
    # a shared parameter touches every rule that reads it
    shared = touched_by(policy, {"key_groups.graduate_within_years"})
    assert {"rent_subsidy", "startup_loan"} <= set(shared)


@pytest.mark.parametrize("reform", REFORMS, ids=lambda p: p.stem)
def test_the_columnar_comparison_equals_the_scalar_one_evaluated_twice(reform: Path) -> None:
    baseline = load_policy()
    reformed = with_reforms(baseline, [reform])
    scalar = Comparer(baseline, reformed, shortcut=False)
    evaluator = ChunkEvaluator(baseline, [reformed], None)
    reader = open_reader(APPLICANTS, BatchOptions())
    got: list[dict[str, Any]] = []
    want: list[dict[str, Any]] = []
    fast, slow = BudgetImpact(), BudgetImpact()
    for chunk in reader:
        for comparison in comparisons(evaluator, chunk.facts):
            fast.add(comparison)
            got.append(comparison_dict(comparison, "en"))
        for row in chunk.facts.iter_rows(named=True):
            applicant = Applicant(row["id"], row["kind"], _facts(row["kind"], row))
            comparison = scalar.compare(applicant)
            slow.add(comparison)
            want.append(comparison_dict(comparison, "en"))
    assert got == want
    assert fast.as_dict("en") == slow.as_dict("en")


def test_the_list_carries_xuhao_name_and_id_number_into_the_comparison(
    runner: CliRunner, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    sets = ["--set", "rent_subsidy.house_cap_monthly=3500"]
    result = runner.invoke(app, ["compare", str(people), *sets, "-f", "csv", "-q"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:5] == ["id", "序号", "姓名", "身份证号", "kind"]
    assert [(r["姓名"], r["身份证号"], r["difference"]) for r in rows] == [
        ("张三", "110101199001011234", "0.00"),
        ("李四", "110101199002021234", "24000.00"),
    ]
    doc = json.loads(runner.invoke(app, ["compare", str(people), *sets, "-f", "json", "-q"]).stdout)
    assert doc["applicants"][1]["columns"] == {"序号": "2", "姓名": "李四", "身份证号": "110101199002021234"}


def write_xlsx(path: Path, text: str, sheet: str = "名单") -> None:
    book = xlsxwriter.Workbook(str(path))
    first = book.add_worksheet("说明")
    first.write(0, 0, "见下一个工作表")
    page = book.add_worksheet(sheet)
    for r, row in enumerate(csv.reader(io.StringIO(text))):
        for c, cell in enumerate(row):
            page.write_string(r, c, cell)
    book.close()


def test_an_xlsx_list_is_compared_like_the_same_csv(runner: CliRunner, tmp_path: Path) -> None:
    text = APPLICANTS.read_text(encoding="utf-8")
    book = tmp_path / "applicants.xlsx"
    write_xlsx(book, text)
    from_csv = runner.invoke(app, ["compare", str(APPLICANTS), "--reform", CAP, "-f", "json", "-q"])
    from_xlsx = runner.invoke(
        app, ["compare", str(book), "--sheet", "名单", "--reform", CAP, "-f", "json", "-q"]
    )
    assert from_csv.exit_code == from_xlsx.exit_code == 0, from_xlsx.stderr
    a, b = json.loads(from_csv.stdout), json.loads(from_xlsx.stdout)
    assert a["applicants"] == b["applicants"]
    assert a["summary"]["total"] == b["summary"]["total"]
    assert b["summary"]["input"]["format"] == "xlsx"
    # the first sheet is a note, not a list: its header is what is wrong
    wrong = runner.invoke(app, ["compare", str(book), "--reform", CAP, "-f", "json", "--lang", "en"])
    assert wrong.exit_code == 65
    assert wrong.stdout == ""
    assert "见下一个工作表" in wrong.stderr
