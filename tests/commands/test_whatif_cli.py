"""compare, sweep and policy diff on the command line: data on stdout only, messages on stderr, exit codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REFORMS = EXAMPLES / "reforms"
RENT = str(EXAMPLES / "rent_subsidy.toml")
REFUND = str(EXAMPLES / "stable_jobs_refund.toml")
CAP = str(REFORMS / "raise_house_rent_cap.toml")
EXTEND = str(REFORMS / "extend_policy_two_years.toml")

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


def test_csv_input_is_refused_clearly_until_the_batch_reader_is_wired_in(
    runner: CliRunner, tmp_path: Path
) -> None:
    table = tmp_path / "people.csv"
    table.write_text("id,kind\nP-1,person\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(table), "--reform", CAP, "-f", "json", "--lang", "en"])
    assert result.exit_code == ExitCode.USAGE
    assert "not supported yet" in result.stderr
    assert result.stdout == ""


def test_a_bad_budget_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", RENT, "--reform", CAP, "--budget", "much", "-f", "json"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""


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


def test_a_closed_pipe_ends_compare_quietly(tmp_path: Path) -> None:
    many = tmp_path / "many.toml"
    many.write_text(
        "".join(FOUNDER.replace('id = "F-1"', f'id = "F-{n}"') for n in range(2000)), encoding="utf-8"
    )
    command = [sys.executable, "-m", "wenjiuye_cli", "compare", str(many), "--reform", CAP, "-f", "ndjson"]
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None
    first = producer.stdout.readline()
    producer.stdout.close()  # like `| head -n 1`
    _, err = producer.communicate(timeout=120)
    assert json.loads(first)["id"] == "F-0"
    assert producer.returncode == 0
    assert err == b""
