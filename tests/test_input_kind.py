"""A file given to the wrong command is named for what it is: a list to calc or sweep, a scenario to batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.input_kind import input_kind

EXAMPLES = PROJECT_ROOT / "examples"
LIST = str(EXAMPLES / "batch" / "applicants.csv")
SCENARIO = str(EXAMPLES / "rent_subsidy.toml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_lists_and_scenarios_by_name_and_by_content(tmp_path: Path) -> None:
    assert input_kind(LIST) == "list"
    assert input_kind(SCENARIO) == "scenario"
    assert input_kind(tmp_path / "book.xlsx") == "list"  # by the name alone, even before it exists
    assert input_kind(tmp_path / "missing.txt") is None
    ndjson = tmp_path / "rows.json"
    ndjson.write_text('{"id": "R-1", "kind": "person"}\n{"id": "R-2", "kind": "person"}\n', encoding="utf-8")
    assert input_kind(ndjson) == "list"
    document = tmp_path / "scenario.json"
    document.write_text('{\n  "applicants": [{"id": "R-1", "kind": "person"}]\n}\n', encoding="utf-8")
    assert input_kind(document) == "scenario"
    exported = tmp_path / "export.txt"
    exported.write_text("编号,类型,带动就业人数\nR-1,个人,3\n", encoding="utf-8")
    assert input_kind(exported) == "list"
    empty = tmp_path / "empty.csv.txt"
    empty.write_text("\n", encoding="utf-8")
    assert input_kind(empty) is None


def test_calc_on_a_list_says_use_batch(runner: CliRunner) -> None:
    for lang, said in (
        ("zh", f"{LIST} 是申请人名单（CSV/NDJSON），不是情景文件：calc 读取情景文件（TOML/JSON），名单请用 wenjiuye batch {LIST}"),
        ("en", f"{LIST} is an applicant list (CSV/NDJSON), not a scenario file: calc reads scenario files "
               f"(TOML/JSON); for a list use wenjiuye batch {LIST}"),
    ):  # fmt: skip
        result = runner.invoke(app, ["calc", LIST, "--lang", lang])
        assert result.exit_code == ExitCode.USAGE
        assert result.stdout == ""
        assert result.stderr.strip() == said
        assert "TOML" in said  # what calc does read is said too


def test_sweep_on_a_list_says_a_list_sweep_varies_parameters(runner: CliRunner) -> None:
    # sweep reads lists now (a budget curve, issue 14): varying one applicant's fact is what it cannot do
    result = runner.invoke(app, ["sweep", LIST, "--vary", "jobs_created=0..3"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "请用 --vary-param KEY=START..STOP（--vary 用于一个申请人）" in result.stderr


def test_batch_on_a_scenario_says_use_calc(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", SCENARIO, "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"{SCENARIO} 是情景文件（TOML/JSON），不是申请人名单：batch 读取 CSV 或 NDJSON 名单，情景文件请用 wenjiuye calc {SCENARIO}"
    )
    assert not (tmp_path / "out.csv").exists()
    document = tmp_path / "scenario.json"
    document.write_text('{\n  "applicants": [{"id": "R-1", "kind": "person"}]\n}\n', encoding="utf-8")
    english = runner.invoke(app, ["batch", str(document), "--lang", "en"])
    assert english.exit_code == ExitCode.USAGE
    assert "is a scenario file (TOML/JSON), not an applicant list" in english.stderr


def test_a_list_still_goes_through_batch_and_a_broken_scenario_is_still_a_scenario_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert runner.invoke(app, ["batch", LIST]).exit_code == ExitCode.OK
    broken = tmp_path / "broken.toml"
    broken.write_text("[[applicants]\n", encoding="utf-8")
    result = runner.invoke(app, ["calc", str(broken)])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert "TOML 格式错误" in result.stderr
