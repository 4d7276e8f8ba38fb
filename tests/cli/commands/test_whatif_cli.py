"""compare, sweep and policy diff on the command line: data on stdout only, messages on stderr, exit codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from tests.helpers import EXAMPLE_LIST_IDS, interrupt_while_writing
from wenjiuye_cli.batch import header_target
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.whatif.lists import ChunkEvaluator

ROOT = PROJECT_ROOT
EXAMPLES = ROOT / "examples"
REFORMS = EXAMPLES / "reforms"
RENT = str(EXAMPLES / "rent_subsidy.toml")
REFUND = str(EXAMPLES / "stable_jobs_refund.toml")
CAP = str(REFORMS / "raise_house_rent_cap.toml")
EXTEND = str(REFORMS / "extend_policy_two_years.toml")
LISTS = EXAMPLES / "batch"
APPLICANTS = str(LISTS / "applicants.csv")
BAD = str(LISTS / "bad-rows.csv")
# 第十五条 for R-001 (3 jobs): 1000 + 3 × 700 = 3100 a month, capped at 3000 instead of 2500.
RICHER = ["--reform", CAP, "--set", "rent_subsidy.house_per_job_monthly=700"]

FOUNDER = """
[[applicants]]
id = "F-1"
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


@pytest.fixture
def founder(tmp_path: Path) -> str:
    path = tmp_path / "founder.toml"
    path.write_text(FOUNDER, encoding="utf-8")
    return str(path)


def sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------- compare


def test_compare_json_reports_each_applicant_and_the_budget_impact(runner: CliRunner, founder: str) -> None:
    result = runner.invoke(app, ["compare", founder, RENT, "--reform", CAP, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    first = doc["applicants"][0]
    assert first["id"] == "F-1"
    assert (first["baseline_total"], first["reform_total"], first["difference"]) == (
        "60000.00",
        "72000.00",
        "12000.00",
    )
    assert first["direction"] == "better_off"
    rent = next(i for i in first["items"] if i["measure"] == "rent_subsidy")
    assert rent["article"] == "十五"
    assert rent["baseline"]["amount"] == "60000.00"
    assert rent["reform"]["amount"] == "72000.00"
    assert rent["change"] == "increased"
    summary = doc["summary"]
    assert summary["applicants"] == len(doc["applicants"])
    total_diff = sum(Decimal(a["difference"]) for a in doc["applicants"])
    assert Decimal(summary["total"]["difference"]) == total_diff
    by_measure = sum(Decimal(m["difference"]) for m in summary["by_measure"])
    assert by_measure == total_diff
    stamp = doc["stamp"]
    assert stamp["reforms"] == [
        {"file": CAP, "sha256": sha(CAP), "title": "创业房租补贴（房屋）每月最高额提高到3000元"}
    ]
    assert len(stamp["policy"]["sha256"]) == 64
    assert stamp["version"]
    assert stamp["overrides"] == []


def test_compare_reform_column_equals_calc_with_the_reform_applied(runner: CliRunner) -> None:
    compared = runner.invoke(
        app,
        ["compare", RENT, "--reform", CAP, "--set", "rent_subsidy.house_per_job_monthly=700", "-f", "json"],
    )
    plain = runner.invoke(app, ["calc", RENT, "-f", "json", "--set", "rent_subsidy.house_cap_monthly=3000",
                                "--set", "rent_subsidy.house_per_job_monthly=700"])  # fmt: skip
    assert compared.exit_code == plain.exit_code == 0, compared.stderr + plain.stderr
    reform_totals = {a["id"]: a["reform_total"] for a in json.loads(compared.stdout)["applicants"]}
    calc_totals = {a["id"]: a["total"] for a in json.loads(plain.stdout)["applicants"]}
    assert reform_totals == calc_totals
    assert json.loads(compared.stdout)["stamp"]["overrides"] == ["rent_subsidy.house_per_job_monthly=700"]


def test_compare_csv_has_one_row_per_applicant_and_the_stamp_on_stderr(
    runner: CliRunner, founder: str
) -> None:
    result = runner.invoke(app, ["compare", founder, "--reform", CAP, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    assert rows[0]["difference"] == "12000.00"
    assert rows[0]["changed_measures"] == "rent_subsidy 60000.00→72000.00"
    stamp = json.loads(result.stderr)
    assert stamp["reforms"][0]["sha256"] == sha(CAP)


def test_compare_itemised_csv_has_one_row_per_measure(runner: CliRunner, founder: str) -> None:
    result = runner.invoke(app, ["compare", founder, "--reform", CAP, "-f", "csv", "--itemised"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    rent = next(r for r in rows if r["measure"] == "rent_subsidy")
    assert (rent["baseline_amount"], rent["reform_amount"], rent["difference"]) == (
        "60000.00",
        "72000.00",
        "12000.00",
    )
    assert all(r["id"] == "F-1" for r in rows)
    assert len(rows) > 1  # every measure a person can claim is listed


def test_compare_ndjson_lines_stand_alone_with_the_stamp(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", RENT, "--reform", CAP, "-f", "ndjson"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5
    assert all(line["stamp"]["reforms"][0]["file"] == CAP for line in lines)


def test_compare_changed_only_lists_changed_applicants_but_counts_all(
    runner: CliRunner, founder: str
) -> None:
    result = runner.invoke(app, ["compare", founder, RENT, "--reform", CAP, "-f", "json", "--changed-only"])
    doc = json.loads(result.stdout)
    assert [a["id"] for a in doc["applicants"]] == ["F-1"]
    assert doc["summary"]["applicants"] == 6
    assert doc["summary"]["unchanged"] == 5


def test_compare_extension_counts_newly_eligible(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["compare", RENT, REFUND, "--reform", EXTEND, "--as-of", "2025-09-01", "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["stamp"]["as_of"] == "2025-09-01"  # after the baseline's last day, 2025-06-29
    summary = doc["summary"]
    assert summary["newly_eligible"] == sum(a["newly_eligible"] for a in doc["applicants"])
    refund = next(m for m in summary["by_measure"] if m["measure"] == "stable_jobs_refund")
    assert refund["newly_eligible"] >= 1  # firms that qualify once the policy runs on
    assert Decimal(refund["difference"]) > 0


def test_budget_and_summary_file(runner: CliRunner, founder: str, tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    result = runner.invoke(
        app,
        [
            "compare",
            founder,
            "--reform",
            CAP,
            "-f",
            "csv",
            "--budget",
            "70,000",
            "--summary-file",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    budget = doc["summary"]["budget"]
    assert budget["available"] == "70000.00"
    assert budget["reform_total"] == "72000.00"
    assert budget["within_budget"] is False
    assert budget["remaining"] == "-2000.00"
    assert budget["baseline_within_budget"] is True
    assert doc["stamp"]["reforms"][0]["sha256"] == sha(CAP)


def test_summary_table_goes_to_stderr_not_stdout(runner: CliRunner, founder: str) -> None:
    result = runner.invoke(
        app, ["compare", founder, "--reform", CAP, "-f", "csv", "--summary", "--lang", "en"]
    )
    assert result.exit_code == 0
    assert "better off 1" in result.stderr
    assert "by measure" in result.stderr
    assert "better off" not in result.stdout
    assert result.stdout.startswith("id,kind,as_of,")


def test_output_file_is_written_and_stdout_stays_empty(
    runner: CliRunner, founder: str, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["compare", founder, "--reform", CAP, "-o", str(target)])  # csv by extension
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8-sig")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    assert "12000.00" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_an_unwritable_output_is_an_io_error(runner: CliRunner, founder: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["compare", founder, "--reform", CAP, "-o", str(tmp_path / "no" / "out.json")]
    )
    assert result.exit_code == ExitCode.IO_ERROR
    assert result.stdout == ""
    assert "out.json" in result.stderr


def test_table_on_request_shows_applicants_and_the_stamp(runner: CliRunner, founder: str) -> None:
    result = runner.invoke(app, ["compare", founder, "--reform", CAP, "-f", "table", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "F-1" in result.stdout
    assert "+12000.00" in result.stdout
    assert "sha256:" + sha(CAP)[:12] in result.stdout
    assert "by measure" in result.stderr  # the budget view is for people: stderr


# ------------------------------------------------------------------------------------- errors → exit 78


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[rent_subsidy.house_cap]\nvalues = { 2020-06-30 = 3000 }\n", "rent_subsidy.house_cap"),
        ('[rent_subsidy.house_cap_monthly]\nunit = "yuan"\nvalues = { 2020-06-30 = 3000 }\n', "rent_subsidy.house_cap_monthly.unit"),
        ('[rent_subsidy.house_cap_monthly]\nvalues = { 2020-06-30 = "lots" }\n', "rent_subsidy.house_cap_monthly"),
        ("[rent_subsidy.max_months]\nvalues = { 2020-06-30 = { value = 12, until = 2022-01-01 }, 2021-01-01 = 6 }\n",
         "rent_subsidy.max_months.values"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["compare", "diff", "sweep"])
def test_a_bad_reform_stops_before_anything_is_computed(
    runner: CliRunner, tmp_path: Path, text: str, named: str, command: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    args = {
        "compare": ["compare", RENT, "--reform", CAP, "--reform", str(bad), "-f", "json"],
        "diff": ["policy", "diff", "--reform", str(bad), "-f", "json"],
        "sweep": [
            "sweep",
            RENT,
            "--id",
            "R-001",
            "--vary",
            "jobs_created=0..3",
            "--reform",
            str(bad),
            "-f",
            "json",
        ],
    }[command]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == ""
    assert named in result.stderr
    assert str(bad) in result.stderr


def test_a_bad_reform_message_is_chinese_by_default(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[rent_subsidy.house_cap]\nvalues = { 2020-06-30 = 3000 }\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", RENT, "--reform", str(bad)])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert "改革方案错误" in result.stderr
    assert "rent_subsidy.house_cap_monthly" in result.stderr  # did you mean …


def test_missing_reform_file_is_no_input(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", RENT, "--reform", str(tmp_path / "nope.toml")])
    assert result.exit_code == ExitCode.NO_INPUT
    assert result.stdout == ""


def test_compare_needs_something_to_compare(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", RENT, "-f", "json", "--lang", "en"])
    assert result.exit_code == ExitCode.USAGE
    assert "--reform" in result.stderr
    assert result.stdout == ""


def test_a_bad_set_is_bad_config(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["compare", RENT, "--set", "rent_subsidy.house_cap_monthly=lots", "-f", "json"]
    )
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert "rent_subsidy.house_cap_monthly" in result.stderr
    assert result.stdout == ""


def test_a_bad_budget_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", RENT, "--reform", CAP, "--budget", "much", "-f", "json"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""


# ------------------------------------------------------------------------------ applicant lists (CSV/NDJSON)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def json_doc(text: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(text)
    return doc


def scenario_from_list(path: Path, target: Path) -> str:
    """The rows of a CSV applicant list as a JSON scenario file: the same cells, under the facts' names."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    names = [header_target(cell) for cell in rows[0]]
    applicants = [{n: cell for n, cell in zip(names, row, strict=False) if n and cell} for row in rows[1:]]
    target.write_text(json.dumps({"applicants": applicants}, ensure_ascii=False), encoding="utf-8")
    return str(target)


def without_rows(summary: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in summary.items() if k not in ("input", "rows", "rejects_file")}


def test_compare_on_a_list_equals_compare_on_the_same_rows_as_scenarios(
    runner: CliRunner, tmp_path: Path
) -> None:
    scenario = scenario_from_list(LISTS / "applicants.csv", tmp_path / "same.json")
    listed = runner.invoke(app, ["compare", APPLICANTS, *RICHER, "-f", "json", "--quiet"])
    given = runner.invoke(app, ["compare", scenario, *RICHER, "-f", "json"])
    assert listed.exit_code == given.exit_code == 0, listed.stderr + given.stderr
    assert listed.stderr == ""  # --quiet
    a, b = json_doc(listed.stdout), json_doc(given.stdout)
    assert [x["id"] for x in a["applicants"]] == EXAMPLE_LIST_IDS
    assert a["applicants"] == b["applicants"]
    assert without_rows(a["summary"]) == b["summary"]
    assert a["summary"]["rows"] == {
        "read": len(EXAMPLE_LIST_IDS),
        "computed": len(EXAMPLE_LIST_IDS),
        "rejected": 0,
        "blank_skipped": 0,
        "internal_errors": 0,
    }
    r001 = a["applicants"][0]
    assert (r001["baseline_total"], r001["reform_total"]) == ("60000.00", "72000.00")


def test_compare_on_a_list_gives_batch_totals_before_and_after_the_reform_row_by_row(
    runner: CliRunner,
) -> None:
    sets = ["--set", "rent_subsidy.house_cap_monthly=3000", "--set", "rent_subsidy.house_per_job_monthly=700"]
    compared = runner.invoke(app, ["compare", APPLICANTS, *sets, "-f", "csv", "-q"])
    before = runner.invoke(app, ["batch", APPLICANTS, "-q", "--codes"])
    after = runner.invoke(app, ["batch", APPLICANTS, "-q", "--codes", *sets])
    assert compared.exit_code == before.exit_code == after.exit_code == 0
    rows = csv_rows(compared.stdout)
    assert [r["id"] for r in rows] == [r["id"] for r in csv_rows(before.stdout)]
    assert [
        (r["baseline_total"], r["reform_total"], r["baseline_maxima_total"], r["reform_maxima_total"])
        for r in rows
    ] == [
        (b["total"], f["total"], b["maxima_total"], f["maxima_total"])
        for b, f in zip(csv_rows(before.stdout), csv_rows(after.stdout), strict=True)
    ]
    assert any(r["baseline_total"] != r["reform_total"] for r in rows)


def test_a_gb18030_list_from_a_file_or_stdin_gives_the_same_comparison(runner: CliRunner) -> None:
    utf8 = runner.invoke(app, ["compare", APPLICANTS, *RICHER, "-f", "json", "-q"])
    gb_bytes = (LISTS / "applicants-gb18030.csv").read_bytes()
    piped = runner.invoke(app, ["compare", "-", *RICHER, "-f", "json", "-q"], input=gb_bytes)
    named = runner.invoke(
        app,
        [
            "compare",
            str(LISTS / "applicants-gb18030.csv"),
            *RICHER,
            "-f",
            "json",
            "-q",
            "--encoding",
            "gb18030",
        ],
    )
    assert utf8.exit_code == piped.exit_code == named.exit_code == 0, piped.stderr + named.stderr
    for other in (piped, named):
        doc = json_doc(other.stdout)
        assert doc["applicants"] == json_doc(utf8.stdout)["applicants"]  # 刘䶮-002 intact
        assert doc["summary"]["input"]["encoding"] == "gb18030"
    assert json_doc(piped.stdout)["summary"]["input"]["file"] == "-"


def test_bad_rows_go_to_the_rejects_the_good_ones_are_compared_and_the_counts_add_up(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "cmp.csv"
    summary = tmp_path / "summary.json"
    result = runner.invoke(
        app, ["compare", BAD, *RICHER, "-o", str(out), "--summary-file", str(summary), "--lang", "en"]
    )
    assert result.exit_code == ExitCode.ROWS_REJECTED
    assert result.stdout == ""
    compared = csv_rows(out.read_text(encoding="utf-8"))
    guarded = '\'=HYPERLINK("http://example.com","R-008")'  # the formula guard, as in batch
    assert [r["id"] for r in compared] == ["R-001", "S-001", guarded, "I-001"]
    assert compared[0]["difference"] == "12000.00"
    rejects = tmp_path / "cmp.rejects.csv"  # beside the output, as in batch
    rejected = list(csv.reader(io.StringIO(rejects.read_text(encoding="utf-8-sig"))))
    assert rejected[0][:3] == ["row", "reason", "编号"]
    assert [r[0] for r in rejected[1:]] == ["3", "5", "6", "7", "8", "11"]
    assert rejected[1][1] == "application_date (申请日期): no such date: 2021-02-30"
    doc = json_doc(summary.read_text(encoding="utf-8"))["summary"]
    rows = doc["rows"]
    assert rows["read"] == rows["computed"] + rows["rejected"] == 10
    assert (rows["computed"], rows["rejected"], rows["blank_skipped"]) == (4, 6, 1)
    assert doc["applicants"] == 4
    assert doc["rejects_file"] == str(rejects)
    assert "read 10 rows: compared 4, rejected 6" in result.stderr


def test_with_results_on_stdout_stdout_holds_only_data_and_rejects_go_to_the_current_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["compare", BAD, *RICHER, "-f", "ndjson"])
    assert result.exit_code == ExitCode.ROWS_REJECTED
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines][:2] == ["R-001", "S-001"]
    assert len(lines) == 4
    assert "读取 10 行：对比 4，拒绝 6" in result.stderr
    assert len(list(csv.reader(io.StringIO((tmp_path / "bad-rows.rejects.csv").read_text("utf-8-sig"))))) == 7
    explicit = tmp_path / "why.csv"
    again = runner.invoke(app, ["compare", "-", *RICHER, "-f", "csv", "--rejects", str(explicit), "-q"],
                          input=(LISTS / "bad-rows.csv").read_bytes())  # fmt: skip
    assert again.exit_code == ExitCode.ROWS_REJECTED
    assert len(csv_rows(again.stdout)) == 4
    assert len(list(csv.reader(io.StringIO(explicit.read_text("utf-8-sig"))))) == 7
    clean = runner.invoke(app, ["compare", APPLICANTS, *RICHER, "-f", "csv"])
    assert clean.exit_code == 0
    assert not (tmp_path / "applicants.rejects.csv").exists()  # written only when some row is rejected


def test_a_row_whose_rules_raise_is_rejected_and_the_others_are_compared(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = ChunkEvaluator.evaluate

    def breaking(self: ChunkEvaluator, facts: pl.DataFrame) -> Any:
        if "S-001" in facts.get_column("id").to_list():  # the whole chunk raises: then row by row
            raise ZeroDivisionError("a rule divided by zero")
        return original(self, facts)

    monkeypatch.setattr(ChunkEvaluator, "evaluate", breaking)
    rejects = tmp_path / "rejects.csv"
    result = runner.invoke(
        app, ["compare", APPLICANTS, *RICHER, "-f", "json", "--rejects", str(rejects), "--lang", "en"]
    )
    assert result.exit_code == ExitCode.ROWS_REJECTED
    doc = json_doc(result.stdout)
    assert "S-001" not in [a["id"] for a in doc["applicants"]]
    assert doc["summary"]["rows"] == {
        "read": len(EXAMPLE_LIST_IDS),
        "computed": len(EXAMPLE_LIST_IDS) - 1,
        "rejected": 1,
        "blank_skipped": 0,
        "internal_errors": 1,
    }
    (_, row) = list(csv.reader(io.StringIO(rejects.read_text("utf-8-sig"))))
    assert row[:3] == ["5", "internal error (a defect, please report it): ZeroDivisionError: a rule divided by zero",
                       "S-001"]  # fmt: skip


def test_an_unknown_column_exits_65_before_anything_is_written(runner: CliRunner, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("id,kind,jobs_createdd\nA,person,1\n", encoding="utf-8")
    result = runner.invoke(
        app, ["compare", str(people), "--reform", CAP, "-o", str(tmp_path / "out.json"), "--lang", "en"]
    )
    assert result.exit_code == ExitCode.BAD_DATA
    assert result.stdout == ""
    assert "jobs_createdd" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["people.csv"]  # no output, no rejects, no temporary file
    ignored = runner.invoke(
        app, ["compare", str(people), "--reform", CAP, "-f", "json", "-q", "--ignore-extra-columns"]
    )
    assert ignored.exit_code == 0, ignored.stderr
    assert json_doc(ignored.stdout)["summary"]["input"]["ignored_columns"] == ["jobs_createdd"]


def test_kind_option_gives_the_kind_of_a_list_without_a_kind_column(
    runner: CliRunner, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("编号,申请日期,带动就业人数\nA,2021-03-15,2\n", encoding="utf-8")
    without = runner.invoke(app, ["compare", str(people), "--reform", CAP, "-f", "json", "--lang", "en"])
    assert without.exit_code == ExitCode.BAD_DATA
    assert "no kind column" in without.stderr
    given = runner.invoke(
        app, ["compare", str(people), "--reform", CAP, "-f", "json", "-q", "--kind", "个人"]
    )
    assert given.exit_code == 0, given.stderr
    assert [a["kind"] for a in json_doc(given.stdout)["applicants"]] == ["person"]
    unknown = runner.invoke(app, ["compare", str(people), "--reform", CAP, "-f", "json", "--kind", "robot"])
    assert unknown.exit_code == ExitCode.USAGE
    assert unknown.stdout == ""


def test_ndjson_and_scenarios_on_stdin_are_told_apart(runner: CliRunner) -> None:
    rows = csv_rows((LISTS / "applicants.csv").read_text(encoding="utf-8"))
    ndjson = "".join(json.dumps({k: v for k, v in r.items() if v}, ensure_ascii=False) + "\n" for r in rows)
    listed = runner.invoke(app, ["compare", "-", *RICHER, "-f", "json", "-q"], input=ndjson)
    assert listed.exit_code == 0, listed.stderr
    assert json_doc(listed.stdout)["summary"]["input"]["format"] == "ndjson"
    assert len(json_doc(listed.stdout)["applicants"]) == len(EXAMPLE_LIST_IDS)
    toml = runner.invoke(app, ["compare", "-", *RICHER, "-f", "json"], input=Path(RENT).read_bytes())
    assert toml.exit_code == 0, toml.stderr
    doc = json_doc(toml.stdout)
    assert "rows" not in doc["summary"]  # a scenario file has no rows to account for
    assert [a["id"] for a in doc["applicants"]] == [
        a["id"]
        for a in json_doc(runner.invoke(app, ["compare", RENT, *RICHER, "-f", "json"]).stdout)["applicants"]
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([RENT, "--kind", "person"], "--kind apply to a CSV/NDJSON applicant list"),
        ([RENT, "--rejects", "r.csv", "--encoding", "gb18030"], "--encoding, --rejects apply"),
        ([APPLICANTS, RENT], "compared on its own"),
        ([APPLICANTS, "--encoding", "klingon"], "unknown encoding"),
    ],
)
def test_list_options_and_inputs_that_do_not_fit_are_usage_errors(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["compare", *args, "--reform", CAP, "-f", "json", "--lang", "en"])
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr
    assert result.stdout == ""


def test_the_table_of_a_long_list_is_capped_but_every_row_is_counted(
    runner: CliRunner, tmp_path: Path
) -> None:
    lines = (LISTS / "applicants.csv").read_text(encoding="utf-8").splitlines()
    many = tmp_path / "many.csv"
    many.write_text("\n".join([lines[0], *(lines[1:] * 40)]) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["compare", str(many), *RICHER, "-f", "table", "--lang", "en"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    rows = 40 * len(EXAMPLE_LIST_IDS)
    assert f"{rows - 200} more applicants not shown" in result.stdout
    assert f"rows read {rows} = compared {rows} + rejected 0" in result.stderr
    assert f"read {rows} rows: compared {rows}, none rejected" in result.stderr


# ------------------------------------------------------------------------------------------ policy diff


def test_policy_diff_lists_old_and_new_with_articles(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["policy", "diff", "--reform", CAP, "--set", "incubator.incubation_per_firm=15000", "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    changes = {c["key"]: c for c in doc["changes"]}
    assert set(changes) == {"rent_subsidy.house_cap_monthly", "incubator.incubation_per_firm"}
    cap = changes["rent_subsidy.house_cap_monthly"]
    assert (cap["article"], cap["tasks"]) == ("十五", [37])
    assert cap["before"][0]["value"] == "2500"
    assert cap["after"][0]["value"] == "3000"
    assert changes["incubator.incubation_per_firm"]["after"][0]["value"] == "15000"
    assert doc["stamp"]["overrides"] == ["incubator.incubation_per_firm=15000"]


def test_policy_diff_table_and_no_difference_message(runner: CliRunner) -> None:
    table = runner.invoke(app, ["policy", "diff", "--reform", CAP, "-f", "table"], env={"COLUMNS": "160"})
    assert "rent_subsidy.house_cap_monthly" in table.stdout
    assert "2500" in table.stdout
    assert "3000" in table.stdout
    same = runner.invoke(
        app, ["policy", "diff", "--set", "rent_subsidy.house_cap_monthly=2500", "-f", "json", "--lang", "en"]
    )
    assert same.exit_code == 0
    assert json.loads(same.stdout)["changes"] == []
    assert "no differences" in same.stderr


# ------------------------------------------------------------------------------------------------ sweep


def test_sweep_json_has_each_point_and_no_cliff_for_the_rent_rule(runner: CliRunner, founder: str) -> None:
    result = runner.invoke(app, ["sweep", founder, "--vary", "jobs_created=0..5", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [p["value"] for p in doc["points"]] == ["0", "1", "2", "3", "4", "5"]
    rent = [next(i for i in p["items"] if i["measure"] == "rent_subsidy")["amount"] for p in doc["points"]]
    assert rent == ["24000.00", "36000.00", "48000.00", "60000.00", "60000.00", "60000.00"]
    assert doc["cliffs"] == []
    assert doc["stamp"]["vary"] == "fact jobs_created=0..5"
    assert doc["applicant"] == {"id": "F-1", "kind": "person"}


def test_sweep_points_out_a_cliff(runner: CliRunner, tmp_path: Path) -> None:
    firm = tmp_path / "firm.toml"
    firm.write_text(
        '[[applicants]]\nid = "E-1"\nkind = "enterprise"\napplication_date = 2021-04-01\nui_contribution_months = 24\n'
        "insured_staff_count = 28\nlaid_off_count = 3\nsmall_micro_enterprise = true\nui_premiums_paid_last_year = 20000\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["sweep", str(firm), "--vary", "insured_staff_count=28..33", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    cliffs = [c for c in json.loads(result.stdout)["cliffs"] if c["measure"] == "stable_jobs_refund"]
    assert [(c["from"], c["to"], c["before"], c["after"]) for c in cliffs] == [
        ("30", "31", "10000.00", "0.00")
    ]
    table = runner.invoke(
        app, ["sweep", str(firm), "--vary", "insured_staff_count=28..33", "-f", "table", "--lang", "en"]
    )
    assert "⚠" in table.stdout
    assert "30 → 31" in table.stdout
    assert "█" in table.stdout  # the bar chart


def test_sweep_parameter_csv(runner: CliRunner, founder: str) -> None:
    result = runner.invoke(
        app, ["sweep", founder, "--vary-param", "rent_subsidy.house_cap_monthly=2000..3500:500", "-f", "csv"]
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["value"] for r in rows] == ["2000", "2500", "3000", "3500"]
    assert [r["rent_subsidy:amount"] for r in rows] == ["48000.00", "60000.00", "72000.00", "72000.00"]
    assert json.loads(result.stderr)["vary"] == "parameter rent_subsidy.house_cap_monthly=2000..3500:500"


def test_sweep_needs_an_id_when_the_file_has_several(runner: CliRunner) -> None:
    result = runner.invoke(app, ["sweep", RENT, "--vary", "jobs_created=0..3", "-f", "json", "--lang", "en"])
    assert result.exit_code == ExitCode.USAGE
    assert "--id" in result.stderr
    assert "R-001" in result.stderr
    assert result.stdout == ""
    picked = runner.invoke(app, ["sweep", RENT, "--id", "R-002", "--vary", "jobs_created=0..3", "-f", "json"])
    assert json.loads(picked.stdout)["applicant"]["id"] == "R-002"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vary", "jobs=0..3"], "not a fact"),
        (["--vary", "jobs_created=0..5000"], "too many"),
        (["--vary-param", "rent_subsidy.nope=1..2"], "no such parameter"),
        (["--vary", "jobs_created=0..3", "--vary-param", "rent_subsidy.max_months=1..2"], "exactly one"),
        ([], "exactly one"),
    ],
)
def test_bad_sweeps_are_usage_errors(runner: CliRunner, founder: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["sweep", founder, *args, "-f", "json", "--lang", "en"])
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("input_kind", ["scenario", "list"])
def test_a_closed_pipe_ends_compare_quietly(tmp_path: Path, input_kind: str) -> None:
    if input_kind == "scenario":
        many = tmp_path / "many.toml"
        many.write_text(
            "".join(FOUNDER.replace('id = "F-1"', f'id = "F-{n}"') for n in range(2000)), encoding="utf-8"
        )
    else:
        many = tmp_path / "many.csv"
        rows = "".join(f"F-{n},person,2021-03-15,4\n" for n in range(20000))
        many.write_text("id,kind,application_date,jobs_created\n" + rows, encoding="utf-8")
    command = [sys.executable, "-m", "wenjiuye_cli", "compare", str(many), "--reform", CAP, "-f", "ndjson"]
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None
    first = producer.stdout.readline()
    producer.stdout.close()  # like `| head -n 1`
    _, err = producer.communicate(timeout=120)
    assert json.loads(first)["id"] == "F-0"
    assert producer.returncode == 0
    assert err == b""


@pytest.mark.parametrize(
    ("signum", "expected", "said"),
    [(signal.SIGINT, ExitCode.INTERRUPTED, "已中断"), (signal.SIGTERM, ExitCode.TERMINATED, "已终止")],
)
def test_ctrl_c_or_kill_stops_a_list_with_130_or_143_and_leaves_no_file(
    tmp_path: Path, signum: int, expected: ExitCode, said: str
) -> None:
    lines = (LISTS / "applicants.csv").read_bytes().splitlines(keepends=True)
    data = b"".join([lines[0], *(lines[1:] * 2500)])  # more than one 1 MB block: rows are being compared
    command = [sys.executable, "-m", "wenjiuye_cli", "compare", "-", "--reform", CAP, "-o", "out.csv",
               "--summary-file", "summary.json"]  # fmt: skip
    code, stderr = interrupt_while_writing(command, data, tmp_path, signum)
    assert code == expected
    assert said in stderr
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []  # neither the output, nor the summary, nor a temporary file


def test_compare_dash_for_output_is_stdout_and_the_summary_can_take_it_instead(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["compare", APPLICANTS, "--reform", CAP, "-o", "-", "-f", "csv", "-q"])
    assert result.exit_code == ExitCode.OK, result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == len(EXAMPLE_LIST_IDS)
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    out = tmp_path / "c.csv"
    summary = runner.invoke(
        app, ["compare", APPLICANTS, "--reform", CAP, "-o", str(out), "--summary-file", "-", "-q"]
    )
    assert summary.exit_code == ExitCode.OK, summary.stderr
    assert json.loads(summary.stdout)["summary"]["applicants"] == len(EXAMPLE_LIST_IDS)
    assert out.exists()
    both = runner.invoke(app, ["compare", APPLICANTS, "--reform", CAP, "--summary-file", "-"])
    assert both.exit_code == ExitCode.USAGE
    assert both.stdout == ""


def test_tables_keep_every_column_on_an_80_column_terminal_and_whole_names_in_a_file(tmp_path: Path) -> None:
    sweep = CliRunner(env={"COLUMNS": "80"}).invoke(
        app, ["sweep", RENT, "--id", "R-001", "--vary", "jobs_created=0..6", "-f", "table"]
    )
    assert sweep.exit_code == ExitCode.OK, sweep.stderr
    assert "创业房租补贴" in sweep.stdout  # rich used to drop the measure's column rather than wrap it
    # The budget view on stderr, not a terminal: laid out wide, so a measure's name is never broken.
    summary = CliRunner().invoke(
        app, ["compare", *map(str, sorted(EXAMPLES.glob("*.toml"))), "--reform", CAP, "-f", "json", "-o",
              str(tmp_path / "c.json"), "--summary"],
    )  # fmt: skip
    assert summary.exit_code == ExitCode.OK, summary.stderr
    assert "企业吸纳就业社保补贴和岗位补贴" in summary.stderr


FEN_AND_A_HALF = FOUNDER.replace("monthly_rent = 4000", "monthly_rent = 4000.005")


@pytest.mark.parametrize(
    "command",
    [
        ["compare", "--set", "rent_subsidy.house_per_job_monthly=700", "-f", "json"],
        ["compare", "--set", "rent_subsidy.house_per_job_monthly=700", "-f", "table"],
        ["sweep", "--vary", "jobs_created=0..3", "-f", "json"],
    ],
    ids=["compare-json", "compare-table", "sweep"],
)
@pytest.mark.parametrize(
    ("lang", "why"),
    [
        ("en", "an amount has at most two decimals (fen), got 4000.005"),
        ("zh", "金额最多两位小数（到分），而不是 4000.005"),
    ],
)
def test_a_money_fact_with_more_than_two_decimals_is_refused_as_calc_refuses_it(
    runner: CliRunner, tmp_path: Path, command: list[str], lang: str, why: str
) -> None:
    scenario = tmp_path / "founder.toml"
    scenario.write_text(FEN_AND_A_HALF, encoding="utf-8")
    calc = runner.invoke(app, ["calc", str(scenario), "-f", "json", "--lang", lang])
    result = runner.invoke(app, [command[0], str(scenario), *command[1:], "--lang", lang])
    assert result.exit_code == calc.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == calc.stdout == ""
    assert result.stderr == calc.stderr == f"{scenario} applicants[1] (F-1): monthly_rent: {why}\n"


def test_compare_with_a_too_precise_amount_writes_no_output_file(runner: CliRunner, tmp_path: Path) -> None:
    scenario = tmp_path / "founder.toml"
    scenario.write_text(FEN_AND_A_HALF, encoding="utf-8")
    out = tmp_path / "compared.csv"
    args = ["compare", str(scenario), *RICHER, "-o", str(out), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert "monthly_rent: an amount has at most two decimals" in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == [scenario]


def test_sweep_refuses_a_varied_amount_with_more_than_two_decimals(runner: CliRunner) -> None:
    args = [
        "sweep",
        RENT,
        "--id",
        "R-001",
        "--vary",
        "monthly_rent=1000.005,2000",
        "-f",
        "json",
        "--lang",
        "en",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "--vary: monthly_rent: an amount has at most two decimals (fen), got 1000.005\n"
    assert result.stdout == ""
