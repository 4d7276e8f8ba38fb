"""``calc`` as a table: the answer first, the details after, and nothing cut at 80 columns."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode

EXAMPLES = PROJECT_ROOT / "examples"
RENT = str(EXAMPLES / "rent_subsidy.toml")
ALL_EXAMPLES = [str(p) for p in sorted(EXAMPLES.glob("*.toml"))]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"})


def table(runner: CliRunner, *args: str) -> list[str]:
    result = runner.invoke(app, ["calc", *args, "-f", "table", "--no-color"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


def squeeze(text: str) -> str:
    """Lines wrapped anywhere compare equal: every space and line break left out."""
    return "".join(text.split())


def test_each_applicant_opens_with_what_they_get_and_the_total(runner: CliRunner) -> None:
    lines = table(runner, RENT, "--id", "R-001")
    assert lines[0].startswith("R-001（个人）：符合 1 项，合计 60000.00 元")
    assert squeeze(" ".join(lines[:2])) == squeeze(
        "R-001（个人）：符合 1 项，合计 60000.00 元 — 创业房租补贴 60000.00（第十五条/37）"
    )
    english = table(runner, RENT, "--id", "R-001", "--lang", "en")
    assert squeeze(" ".join(english[:2])) == squeeze(
        "R-001 (individual): eligible for 1, total 60000.00 yuan — start-up rent subsidy 60000.00 (art. 15/37)"
    )


def test_an_applicant_with_nothing_says_so_first(runner: CliRunner) -> None:
    lines = table(runner, RENT, "--id", "R-005")
    assert lines[0].startswith("R-005（个人）：符合 0 项，合计 0.00 元（2 项不符合，10 项缺少事实）")


def test_details_come_in_order_and_undecided_measures_fold_into_one_line(runner: CliRunner) -> None:
    text = squeeze("\n".join(table(runner, RENT, "--id", "R-001")))
    eligible = text.index(squeeze("每月 1000 + 3 × 500 = 2500 元"))
    failed = text.index(squeeze("✗ 实施期限截至 2020-12-31"))
    folded = text.index(squeeze("另有 10 项措施缺少事实，无法判断（如需查看：--all）"))
    assert eligible < failed < folded
    assert "技能提升补贴" not in text  # an undecided measure is only counted, not shown
    assert "性别(3)" in text  # the fact that would decide the most of them, and how many
    everything = "\n".join(table(runner, RENT, "--id", "R-001", "--all"))
    assert "技能提升补贴" in everything
    assert "另有" not in everything


def test_status_shows_only_those_measures_and_keeps_the_total(runner: CliRunner) -> None:
    text = "\n".join(table(runner, RENT, "--id", "R-001", "--status", "cannot_decide"))
    assert "合计 60000.00 元" in text
    assert "技能提升补贴" in text
    assert "每月 1000 + 3 × 500" not in text
    data = runner.invoke(app, ["calc", RENT, "-f", "json", "--status", "eligible"])
    doc = json.loads(data.stdout)
    assert {item["status"] for a in doc["applicants"] for item in a["items"]} == {"eligible"}
    assert [a["total"] for a in doc["applicants"]][:2] == ["60000.00", "14400.00"]


def test_id_and_measure_select_in_every_format(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["calc", RENT, "-f", "json", "--id", "R-002,R-004", "--measure", "rent_subsidy"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert [a["id"] for a in doc["applicants"]] == ["R-002", "R-004"]
    assert [[i["measure"] for i in a["items"]] for a in doc["applicants"]] == [
        ["rent_subsidy"],
        ["rent_subsidy"],
    ]
    csv = runner.invoke(app, ["calc", RENT, "-f", "csv", "--id", "R-001", "--measure", "rent_subsidy"])
    assert csv.stdout.splitlines()[1].startswith("R-001,person,2021-03-15,rent_subsidy,")
    assert len(csv.stdout.splitlines()) == 2


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        (["--measure", "rent_subsidyy"], "rent_subsidy"),
        (["--status", "eligable"], "cannot_decide"),
        (["--id", "R-009"], "R-001, R-002, R-003, R-004, R-005"),
    ],
    ids=["measure", "status", "id"],
)
def test_an_unknown_choice_is_a_usage_error_listing_the_allowed_values(
    runner: CliRunner, args: list[str], listed: str
) -> None:
    result = runner.invoke(app, ["calc", RENT, *args])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert args[1] in result.stderr
    assert listed in result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("extra", [[], ["--all"], ["--schedule"]], ids=["default", "all", "schedule"])
def test_at_80_columns_nothing_is_cut_and_no_line_is_wider(
    runner: CliRunner, lang: str, extra: list[str]
) -> None:
    lines = table(runner, *ALL_EXAMPLES, "--lang", lang, *extra)
    assert len(lines) > 100
    assert not [line for line in lines if "…" in line]
    assert not [line for line in lines if cell_len(line) > 80]


def test_the_json_contract_is_unchanged(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", RENT, "-f", "json"])
    doc = json.loads(result.stdout)
    assert set(doc) == {"applicants", "policy", "stamp"}
    assert set(doc["applicants"][0]) == {
        "id",
        "kind",
        "as_of",
        "as_of_source",
        "total",
        "maxima_total",
        "items",
    }
    assert len(doc["applicants"]) == 5


def test_a_yes_no_condition_that_failed_says_no(runner: CliRunner) -> None:
    scenario = (
        '[[applicants]]\nid = "F-1"\nkind = "person"\napplication_date = 2021-03-15\n'
        "registration_date = 2020-10-08\nregistered_in_heping = false\n"
    )
    result = runner.invoke(app, ["calc", "-", "-f", "table", "--measure", "rent_subsidy"], input=scenario)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "✗ 创办的企业或个体工商户在本区注册：否" in result.stdout
    assert "✗ 不满足的条件（及实际值）" in result.stdout  # the legend
