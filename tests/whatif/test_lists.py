"""What-if over a list on the columnar engine (wenjiuye_cli.whatif.lists): the shortcut that re-evaluates only
the measures a reform touches gives what evaluating everything twice gives; carried columns; xlsx lists."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from rich.cells import cell_len
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.batch import BatchOptions
from wenjiuye_cli.cli import app
from wenjiuye_cli.engine import Applicant, facts_for_kind
from wenjiuye_cli.facts import Facts, IncubatedFirm
from wenjiuye_cli.io.readers import open_reader
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.policy.reform import with_reforms
from wenjiuye_cli.whatif import BudgetImpact, Comparer, comparison_dict
from wenjiuye_cli.whatif.lists import ChunkEvaluator, chunk_columns, comparisons, impact_of, merge_impacts

ROOT = PROJECT_ROOT
EXAMPLES = ROOT / "examples"
REFORMS = sorted((EXAMPLES / "reforms").glob("*.toml"))
APPLICANTS = EXAMPLES / "batch" / "applicants.csv"
CAP = str(EXAMPLES / "reforms" / "raise_house_rent_cap.toml")

PEOPLE = """序号,姓名,身份证号,编号,类型,申请日期,是否高校毕业生,高校毕业日期,注册日期,是否在本区注册,租赁类型,带动就业人数,实际月租金,申请补贴月数
1,张三,110101199001011234,R-1,个人,2021-03-15,是,2018-07-01,2020-10-08,是,房屋,3,4000,24
2,李四,110101199002021234,R-2,个人,2021-03-15,是,2018-07-01,2020-10-08,是,房屋,6,6000,24
"""


def _facts(kind: str, row: dict[str, Any]) -> Facts:
    """A typed row's facts (null: missing; firms as IncubatedFirm)."""
    values: dict[str, Any] = {}
    for name, spec in facts_for_kind(kind).items():
        value = row.get(name)
        if value is None:
            continue
        if spec.type == "firms":
            value = tuple(IncubatedFirm(f["operating_months"], f["jobs_created"]) for f in value)
        values[name] = value
    return Facts(values)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("reform", REFORMS, ids=lambda p: p.stem)
def test_re_evaluating_only_the_touched_measures_equals_evaluating_everything_twice(reform: Path) -> None:
    baseline = load_policy()
    reformed = with_reforms(baseline, [reform])
    everything = Comparer(baseline, reformed)  # every measure evaluated on both sides
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
            comparison = everything.compare(applicant)
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


# ------------------------------------------------------------------------------- reforms side by side


def summary_of(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["compare", str(APPLICANTS), *args, "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc["summary"]


def test_each_reform_side_by_side_gives_what_comparing_it_alone_gives(runner: CliRunner) -> None:
    together = summary_of(runner, "--reform", str(EXAMPLES / "reforms"), "--budget", "290000")
    labels = [r["label"] for r in together["reforms"]]
    assert labels == [p.stem for p in REFORMS]
    for path in REFORMS:
        alone = summary_of(runner, "--reform", str(path))
        side = {m["measure"]: m for m in together["by_measure"]}
        for m in alone["by_measure"]:
            mine = side[m["measure"]]
            assert mine["baseline"] == m["baseline"]
            assert mine["reforms"][path.stem]["total"] == m["reform"]
            assert mine["reforms"][path.stem]["difference"] == m["difference"]
            assert mine["reforms"][path.stem]["newly_eligible"] == m["newly_eligible"]
        entry = together["reforms"][labels.index(path.stem)]
        assert entry["total"] == alone["total"]["reform"]
        assert (entry["better_off"], entry["worse_off"]) == (alone["better_off"], alone["worse_off"])
        assert entry["budget"]["within_budget"] == (Decimal(alone["total"]["reform"]) <= 290000)
    # the shipped reforms each move the budget, one of them down
    moves = {r["label"]: Decimal(r["difference"]) for r in together["reforms"]}
    assert moves["raise_house_rent_cap"] == Decimal("12000.00")
    assert moves["lower_small_firm_layoff_rate"] < 0
    assert together["rows"]["read"] == together["applicants"] == 9


def test_several_reforms_named_one_by_one_are_side_by_side_not_stacked(runner: CliRunner) -> None:
    cap, extend = (
        str(EXAMPLES / "reforms" / f"{n}.toml") for n in ("raise_house_rent_cap", "extend_policy_two_years")
    )
    doc = summary_of(runner, "--reform", cap, "--reform", extend)
    assert [r["total"] for r in doc["reforms"]] == ["287080.25", "299080.25"]
    csv_out = runner.invoke(
        app, ["compare", str(APPLICANTS), "--reform", cap, "--reform", extend, "-f", "csv", "-q"]
    )
    assert csv_out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    total = rows[-1]
    assert (total["level"], total["baseline"], total["raise_house_rent_cap"], total["extend_policy_two_years"]) == (
        "total", "275080.25", "287080.25", "299080.25",
    )  # fmt: skip
    assert "side_by_side" in csv_out.stderr  # the stamp, on stderr for CSV


def test_the_side_by_side_table_fits_80_columns_with_nothing_cut() -> None:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(
        app, ["compare", str(APPLICANTS), "--reform", str(EXAMPLES / "reforms"), "-f", "table"]
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80  # display cells: a Chinese character takes two
    assert "…" not in result.stdout
    assert "315080.25" in result.stdout
    assert "+40000.00" in result.stdout
    assert "按措施" in result.stdout
    assert "按责任部门" in result.stdout


@pytest.mark.parametrize("option", [["--itemised"], ["--changed-only"], ["-f", "ndjson"]])
def test_per_applicant_options_are_usage_errors_side_by_side(runner: CliRunner, option: list[str]) -> None:
    result = runner.invoke(
        app, ["compare", str(APPLICANTS), "--reform", str(EXAMPLES / "reforms"), *option, "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "side by side" in result.stderr
    assert result.stdout == ""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded list of every kind, typed as people type it (benchmarks/generate.py), 400 rows."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("gen") / "list.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "400", "-o", str(path)],
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    return path


def test_the_budget_over_columns_equals_the_sum_of_the_comparisons(generated: Path) -> None:
    """impact_of (sweeps, reforms side by side) adds up what BudgetImpact.add adds one applicant at a time,
    for reforms that raise, lower, extend (so measures become undecidable) and shorten the policy."""
    base = load_policy()
    policies = [with_reforms(base, [r]) for r in REFORMS] + [
        with_reforms(base, [], ["rent_subsidy.house_cap_monthly=3500"]),
        with_reforms(base, [], ["general.policy_end=2022-06-30"]),
    ]
    evaluator = ChunkEvaluator(base, policies, None)
    for path in (APPLICANTS, generated):
        fast = [BudgetImpact() for _ in policies]
        slow = [BudgetImpact() for _ in policies]
        for chunk in open_reader(path, BatchOptions()):
            columns = chunk_columns(evaluator, chunk.facts)
            for k in range(len(policies)):
                merge_impacts(fast[k], impact_of(evaluator, columns, k))
                for comparison in comparisons(evaluator, chunk.facts, k):
                    slow[k].add(comparison)
        for a, b in zip(fast, slow, strict=True):
            assert a.as_dict("en") == b.as_dict("en")
        assert any(i.changed for i in fast)


# ------------------------------------------------------------------------------------ sweeping a list

CAP_KEY = "rent_subsidy.house_cap_monthly"
CURVE = ["--vary-param", f"{CAP_KEY}=2500..4000", "--step", "250"]


def sweep_doc(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["sweep", str(APPLICANTS), *args, "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_each_point_of_a_list_sweep_costs_what_compare_set_says_at_that_value(runner: CliRunner) -> None:
    doc = sweep_doc(runner, *CURVE)
    values = [p["values"][CAP_KEY] for p in doc["points"]]
    assert values == ["2500", "2750", "3000", "3250", "3500", "3750", "4000"]
    for point in doc["points"]:
        value = point["values"][CAP_KEY]
        summary = summary_of(runner, "--set", f"{CAP_KEY}={value}")
        assert point["total"] == summary["total"]["reform"], value
        assert point["difference"] == summary["total"]["difference"]
        assert (point["better_off"], point["worse_off"]) == (summary["better_off"], summary["worse_off"])
        assert point["newly_eligible"] == summary["newly_eligible"]
        rent = {m["measure"]: m for m in summary["by_measure"]}["rent_subsidy"]
        assert point["by_measure"]["rent_subsidy"]["total"] == rent["reform"]
    assert doc["baseline"]["total"] == "275080.25"
    assert doc["applicants"] == 9


def test_the_list_sweep_gives_the_marginal_cost_and_where_the_curve_turns_flat(runner: CliRunner) -> None:
    doc = sweep_doc(runner, *CURVE)
    costs = [p["step_cost"] for p in doc["points"]]
    assert costs == [None, "6000.00", "6000.00", "6000.00", "6000.00", "0.00", "0.00"]
    assert doc["points"][1]["per_unit"] == "24"  # 6000 yuan per 250 yuan of cap: 24 months of one founder
    (bend,) = doc["bends"]
    assert bend["flat_from"] == "3500"  # R-004's 5 jobs: 1000 + 5 × 500 = 3500 a month, the cap binds no more
    assert bend["flat_total"] == "299080.25"
    assert not bend["still_moving_at_end"]
    assert not bend["no_effect"]


def test_budget_marks_the_largest_value_within_the_funds(runner: CliRunner) -> None:
    doc = sweep_doc(runner, *CURVE, "--budget", "290,000元")
    assert doc["budget"]["largest_within"] == [{CAP_KEY: "3000"}]
    assert [p["within_budget"] for p in doc["points"]] == [True, True, True, False, False, False, False]
    table = CliRunner(env={"COLUMNS": "80"}).invoke(
        app, ["sweep", str(APPLICANTS), *CURVE, "--budget", "290000", "-f", "table"]
    )
    assert table.exit_code == 0, table.stderr
    flat = table.stdout.replace("\n", "")  # the sentences wrap at 80 columns
    assert "可用资金 290000.00 元内的最大取值：rent_subsidy.house_cap_monthly=3000（287080.25 元）" in flat
    assert "曲线在 3500 变平" in flat
    assert max(cell_len(line) for line in table.stdout.splitlines()) <= 80
    assert "…" not in table.stdout
    assert "读取 9 行" in table.stderr


def test_several_vary_params_make_a_grid_within_a_stated_limit(runner: CliRunner) -> None:
    doc = sweep_doc(runner, *CURVE, "--vary-param", "rent_subsidy.house_per_job_monthly=500,700")
    assert len(doc["points"]) == 14
    top = doc["points"][-1]
    assert top["values"] == {CAP_KEY: "4000", "rent_subsidy.house_per_job_monthly": "700"}
    alone = summary_of(runner, "--set", f"{CAP_KEY}=4000", "--set", "rent_subsidy.house_per_job_monthly=700")
    assert top["total"] == alone["total"]["reform"]
    big = runner.invoke(
        app,
        ["sweep", str(APPLICANTS), "--vary-param", f"{CAP_KEY}=1000..4000:100",
         "--vary-param", "rent_subsidy.house_per_job_monthly=100..1000:100", "--lang", "en"],
    )  # fmt: skip
    assert big.exit_code == 2
    assert "the grid has 310 points (31 × 10), more than the limit of 200" in big.stderr
    assert big.stdout == ""


def test_a_list_sweep_writes_csv_and_xlsx_files(runner: CliRunner, tmp_path: Path) -> None:
    import openpyxl

    out_csv, out_xlsx = tmp_path / "curve.csv", tmp_path / "curve.xlsx"
    for out in (out_csv, out_xlsx):
        result = runner.invoke(app, ["sweep", str(APPLICANTS), *CURVE, "-o", str(out), "-q"])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert [r["total"] for r in rows][-3:] == ["299080.25"] * 3
    assert rows[1]["measure:rent_subsidy"] == "140400.00"
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:3] == [CAP_KEY, "total", "difference"]
    assert sheet.cell(row=2 + 4, column=2).value == pytest.approx(299080.25)  # a number, not text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curve.csv", "curve.xlsx"]  # no temporary file


def test_a_gb18030_list_sweeps_like_the_utf8_one(runner: CliRunner) -> None:
    gb = EXAMPLES / "batch" / "applicants-gb18030.csv"
    result = runner.invoke(app, ["sweep", str(gb), *CURVE, "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["points"] == sweep_doc(runner, *CURVE)["points"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(APPLICANTS), "--vary", "jobs_created=0..4"], "--vary is for one applicant"),
        ([str(EXAMPLES / "rent_subsidy.toml"), *CURVE, "--vary-param", "rent_subsidy.house_per_job_monthly=500,700"],
         "apply to a list's budget curve"),
        ([str(EXAMPLES / "rent_subsidy.toml"), "--id", "R-001", *CURVE, "--budget", "5"], "--budget"),
    ],
)  # fmt: skip
def test_list_and_single_applicant_sweep_options_do_not_mix(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["sweep", *args, "--lang", "en"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_the_shipped_sweep_example_shows_the_curve_bending(runner: CliRunner) -> None:
    founders = EXAMPLES / "sweep" / "founders.csv"
    result = runner.invoke(
        app,
        [
            "sweep",
            str(founders),
            "--vary-param",
            f"{CAP_KEY}=2500..4500",
            "--step",
            "250",
            "-f",
            "json",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    # five founders are capped at 2500; 1000 + 500 a job (at most the rent) reaches 3000, 3500, 3800, 4000
    costs = [p["step_cost"] for p in doc["points"]]
    assert costs == [
        None,
        "30000.00",
        "30000.00",
        "18000.00",
        "18000.00",
        "12000.00",
        "7200.00",
        "0.00",
        "0.00",
    ]
    assert doc["bends"][0]["flat_from"] == "4000"
    assert doc["points"][-1]["total"] == "511200.00"
    at_4000 = runner.invoke(app, ["compare", str(founders), "--set", f"{CAP_KEY}=4000", "-f", "json", "-q"])
    assert json.loads(at_4000.stdout)["summary"]["total"]["reform"] == "511200.00"


def test_compare_csv_rows_over_columns_are_the_rows_of_the_comparisons(generated: Path) -> None:
    """compare -f csv on a list writes rows worked out over columns: the cells comparison_row writes."""
    from wenjiuye_cli.whatif import comparison_row
    from wenjiuye_cli.whatif.lists import compare_csv_rows

    base = load_policy()
    for reform in [*REFORMS, None]:
        policy = (
            with_reforms(base, [reform])
            if reform
            else with_reforms(base, [], ["general.policy_end=2022-06-30"])
        )
        evaluator = ChunkEvaluator(base, [policy], None)
        for path in (APPLICANTS, generated):
            for chunk in open_reader(path, BatchOptions()):
                impacts: list[BudgetImpact] = []
                fast = compare_csv_rows(evaluator, chunk.facts, impacts)
                slow = list(comparisons(evaluator, chunk.facts))
                assert [cells for _, cells in fast] == [comparison_row(c) for c in slow]
                assert [changed for changed, _ in fast] == [c.changed for c in slow]


def test_an_ndjson_list_with_a_name_and_id_number_is_compared(runner: CliRunner, tmp_path: Path) -> None:
    """序号/姓名/身份证号 keys are accepted in NDJSON too (they crashed the columnar NDJSON reader)."""
    rows = list(csv.DictReader(io.StringIO(PEOPLE)))
    listed = tmp_path / "people.ndjson"
    listed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(
        app, ["compare", str(listed), "--set", "rent_subsidy.house_cap_monthly=3500", "-f", "csv", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    got = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["difference"]) for r in got] == [("R-1", "0.00"), ("R-2", "24000.00")]
