"""`wenjiuye batch` on the command line: data on stdout, messages on stderr, files, exit codes, signals."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from tests.helpers import EXAMPLE_LIST_IDS, exit_code_into_head, interrupt_while_writing
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.io.tabular import csv_records, open_text

EXAMPLES = PROJECT_ROOT / "examples" / "batch"
APPLICANTS = str(EXAMPLES / "applicants.csv")
BAD = str(EXAMPLES / "bad-rows.csv")
GOOD_IN_BAD = ["R-001", "S-001", '\'=HYPERLINK("http://example.com","R-008")', "I-001"]  # formula guarded


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_stdout_has_only_data_and_stderr_the_messages(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", APPLICANTS, "--codes"])
    assert result.exit_code == ExitCode.OK, result.stderr
    rows = csv_rows(result.stdout)
    assert [r["id"] for r in rows][:2] == ["R-001", "刘䶮-002"]
    assert not result.stdout.startswith("\ufeff")  # no BOM on stdout unless asked
    assert f"读取 {len(EXAMPLE_LIST_IDS)} 行" in result.stderr
    assert "读取" not in result.stdout


def test_quiet_leaves_stderr_empty(runner: CliRunner) -> None:
    result = runner.invoke(app, ["batch", APPLICANTS, "--quiet", "-f", "ndjson"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == len(EXAMPLE_LIST_IDS)


def test_rejected_rows_exit_1_and_land_beside_the_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "result.csv"
    result = runner.invoke(app, ["batch", BAD, "-o", str(out), "--lang", "en"])
    assert result.exit_code == ExitCode.ROWS_REJECTED
    assert result.stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a .csv file for Excel gets a BOM
    assert len(csv_rows(data.decode("utf-8"))) == 4
    rejects = tmp_path / "result.rejects.csv"
    assert rejects.exists()
    assert len(csv_rows(rejects.read_text("utf-8-sig"))) == 6
    assert "result.rejects.csv" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.csv", "result.rejects.csv"]


def test_the_rejects_file_reads_back_to_the_original_rows(runner: CliRunner, tmp_path: Path) -> None:
    rejects = tmp_path / "r.csv"
    runner.invoke(app, ["batch", BAD, "-q", "--rejects", str(rejects), "-o", str(tmp_path / "o.csv")])
    with rejects.open("rb") as f:
        written = list(csv_records(open_text(f)))
    with open(BAD, "rb") as f:
        original = list(csv_records(open_text(f)))
    assert written[0][2:] == original[0]  # the header, after 行号 and 原因
    for row in written[1:]:
        assert row[2:] == original[int(row[0]) - 1]  # row numbers count the header as row 1


def test_no_rejects_file_when_nothing_is_rejected_and_a_stale_one_is_emptied(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "result.ndjson"
    result = runner.invoke(app, ["batch", APPLICANTS, "-o", str(out)])
    assert result.exit_code == 0
    assert len(out.read_text("utf-8").splitlines()) == len(EXAMPLE_LIST_IDS)
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")  # NDJSON never has a BOM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.ndjson"]  # no stray rejects file
    stale = tmp_path / "result.rejects.csv"
    stale.write_text("行号,原因\n3,an earlier run's reject\n", encoding="utf-8")
    assert runner.invoke(app, ["batch", APPLICANTS, "-o", str(out)]).exit_code == 0
    assert len(stale.read_text("utf-8-sig").splitlines()) == 1  # the header only: no stale reject survives


def test_stdin_into_stdout_leaves_no_rejects_file_and_shows_the_reasons(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["batch", "-", "--lang", "en"], input=Path(BAD).read_bytes())
    assert result.exit_code == ExitCode.ROWS_REJECTED
    assert list(tmp_path.iterdir()) == []  # nothing in the current directory
    assert "row 3: application_date (申请日期): no such date: 2021-02-30" in result.stderr
    assert "to keep the rejected rows, add --rejects FILE" in result.stderr
    assert "row 3" not in result.stdout


def test_with_stdout_output_rejects_go_to_the_current_directory_only_when_there_are_some(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["batch", APPLICANTS]).exit_code == 0
    assert list(tmp_path.iterdir()) == []
    result = runner.invoke(app, ["batch", BAD, "--no-bom"])
    assert result.exit_code == 1
    assert (tmp_path / "bad-rows.rejects.csv").read_text("utf-8").startswith("行号,原因,编号")


def test_explicit_rejects_file_and_summary_file(runner: CliRunner, tmp_path: Path) -> None:
    rejects, summary = tmp_path / "r.csv", tmp_path / "s.json"
    result = runner.invoke(
        app, ["batch", BAD, "--rejects", str(rejects), "--summary-file", str(summary), "-q"]
    )
    assert result.exit_code == 1
    doc = json.loads(summary.read_text("utf-8"))
    assert doc["rows"]["read"] == doc["rows"]["computed"] + doc["rows"]["rejected"] == 10
    assert doc["outputs"] == {"output": "-", "rejects": str(rejects), "summary": str(summary)}
    assert doc["stamp"]["policy"]["sha256"]
    assert len(csv_rows(rejects.read_text("utf-8-sig"))) == 6


def test_summary_table_goes_to_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["batch", APPLICANTS, "--summary", "--lang", "en"])
    assert result.exit_code == 0
    assert "by department" in result.stderr
    assert "134400.00" in result.stderr  # the rent subsidy total: 60000 + 14400 + 60000
    assert "by department" not in result.stdout


def test_unknown_column_exits_65_and_writes_no_file(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("编号,类型,带动就业人数x\r\nA,个人,1\r\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out)])
    assert result.exit_code == ExitCode.BAD_DATA
    assert "带动就业人数x" in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # no output, no temporary file


def test_missing_input_exits_66_and_bad_options_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["batch", str(tmp_path / "nope.csv")]).exit_code == ExitCode.NO_INPUT
    assert runner.invoke(app, ["batch", APPLICANTS, "--kind", "robot"]).exit_code == ExitCode.USAGE
    assert runner.invoke(app, ["batch", APPLICANTS, "--encoding", "klingon"]).exit_code == ExitCode.USAGE
    assert runner.invoke(app, ["batch", APPLICANTS, "-f", "json", "--itemised"]).exit_code == ExitCode.USAGE


def test_refuses_to_overwrite_the_input(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    shutil.copy(APPLICANTS, src)
    result = runner.invoke(app, ["batch", str(src), "-o", str(src)])
    assert result.exit_code == ExitCode.USAGE
    assert src.read_bytes() == Path(APPLICANTS).read_bytes()


def test_stdin_input_and_encoding_option(runner: CliRunner) -> None:
    data = (EXAMPLES / "applicants-gb18030.csv").read_bytes()
    result = runner.invoke(app, ["batch", "-", "-f", "ndjson", "--encoding", "gbk"], input=data)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[1])["id"] == "刘䶮-002"


def test_set_and_as_of_change_the_answer_like_calc(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["batch", APPLICANTS, "--set", "rent_subsidy.house_cap_monthly=2000", "-q", "--codes"]
    )
    assert csv_rows(result.stdout)[0]["rent_subsidy.amount"] == "48000.00"
    late = runner.invoke(app, ["batch", APPLICANTS, "--as-of", "2030-01-01", "-q", "--codes"])
    assert csv_rows(late.stdout)[0]["rent_subsidy.status"] == "ineligible"
    bad = runner.invoke(app, ["batch", APPLICANTS, "--set", "rent_subsidy.nope=1"])
    assert bad.exit_code == ExitCode.BAD_CONFIG


def test_jobs_two_gives_the_same_output(runner: CliRunner) -> None:
    one = runner.invoke(app, ["batch", BAD, "-q", "--chunk-rows", "2", "--rejects", os.devnull])
    two = runner.invoke(
        app, ["batch", BAD, "-q", "--chunk-rows", "2", "--jobs", "2", "--rejects", os.devnull]
    )
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout


def test_no_excel_safe_leaves_text_cells_alone(runner: CliRunner, tmp_path: Path) -> None:
    args = ["batch", BAD, "-q", "--codes", "--rejects", str(tmp_path / "r.csv")]
    guarded = [r["id"] for r in csv_rows(runner.invoke(app, args).stdout)]
    raw = [r["id"] for r in csv_rows(runner.invoke(app, [*args, "--no-excel-safe"]).stdout)]
    assert '\'=HYPERLINK("http://example.com","R-008")' in guarded
    assert '=HYPERLINK("http://example.com","R-008")' in raw


# -------------------------------------------------------------------------------- real subprocesses


def wenjiuye() -> list[str]:
    return [sys.executable, "-m", "wenjiuye_cli"]


def big_input(tmp_path: Path, copies: int) -> Path:
    lines = Path(APPLICANTS).read_text("utf-8").splitlines()
    path = tmp_path / "big.csv"
    path.write_text("\r\n".join([lines[0], *(lines[1:] * copies)]) + "\r\n", encoding="utf-8")
    return path


def test_piped_into_head_exits_quietly(tmp_path: Path) -> None:
    src = big_input(tmp_path, 400)  # ~2800 rows: far more than a pipe buffer holds
    code, shown = exit_code_into_head(["batch", str(src), "-q"], "-n 1", tmp_path / "err.txt")
    assert code == 0
    assert shown.startswith("编号,类型,评估日期,")  # Chinese headers by default
    assert len(shown.splitlines()) == 1
    assert (tmp_path / "err.txt").read_text() == ""


@pytest.mark.parametrize(
    ("signum", "expected", "said"),
    [(signal.SIGINT, ExitCode.INTERRUPTED, "已中断"), (signal.SIGTERM, ExitCode.TERMINATED, "已终止")],
)
def test_ctrl_c_or_kill_stops_with_130_or_143_and_leaves_no_output_file(
    tmp_path: Path, signum: int, expected: ExitCode, said: str
) -> None:
    command = [*wenjiuye(), "batch", "-", "-o", "out.csv"]
    code, stderr = interrupt_while_writing(command, Path(APPLICANTS).read_bytes(), tmp_path, signum)
    assert code == expected
    assert said in stderr
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []  # neither the output nor a temporary file


def test_batch_applies_a_reform_and_stamps_it(runner: CliRunner, tmp_path: Path) -> None:
    reform = tmp_path / "cap.toml"
    reform.write_text("[rent_subsidy.house_cap_monthly]\nvalues = { 2020-06-30 = 2000 }\n", encoding="utf-8")
    plain = runner.invoke(app, ["batch", APPLICANTS, "-f", "json", "--quiet"])
    reformed = runner.invoke(app, ["batch", APPLICANTS, "-f", "json", "--quiet", "--reform", str(reform)])
    assert reformed.exit_code == 0, reformed.stderr
    before = {r["id"]: r for r in json.loads(plain.stdout)["applicants"]}
    after = json.loads(reformed.stdout)
    assert after["stamp"]["policy"]["reforms"][0]["file"] == str(reform)
    r001 = next(r for r in after["applicants"] if r["id"] == "R-001")
    # R-001 rents a house with 3 jobs: 2500 a month under the baseline cap, 2000 under the reform, 24 months.
    assert Decimal(before["R-001"]["total"]) - Decimal(r001["total"]) == Decimal(500 * 24)
    bad = tmp_path / "bad.toml"
    bad.write_text("[rent_subsidy.nope]\nvalues = { 2020-06-30 = 1 }\n", encoding="utf-8")
    refused = runner.invoke(app, ["batch", APPLICANTS, "--reform", str(bad)])
    assert refused.exit_code == ExitCode.BAD_CONFIG
    assert refused.stdout == ""
    assert "rent_subsidy.nope" in refused.stderr


def test_dash_for_output_is_stdout(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["batch", BAD, "-o", "-", "-q", "--codes"])
    assert result.exit_code == ExitCode.ROWS_REJECTED
    assert [r["id"] for r in csv_rows(result.stdout)] == GOOD_IN_BAD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad-rows.rejects.csv"]  # no file named "-"


def test_rejects_or_summary_on_stdout_when_the_results_go_to_a_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    rejected = runner.invoke(app, ["batch", BAD, "-o", str(out), "--rejects", "-", "-q"])
    assert rejected.exit_code == ExitCode.ROWS_REJECTED
    assert [r["行号"] for r in csv_rows(rejected.stdout)] == ["3", "5", "6", "7", "8", "11"]
    assert len(csv_rows(out.read_text(encoding="utf-8-sig"))) == 4
    summary = runner.invoke(app, ["batch", BAD, "-o", str(out), "--summary-file", "-", "-q"])
    rows = json.loads(summary.stdout)["rows"]
    assert (rows["read"], rows["computed"], rows["rejected"]) == (10, 4, 6)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.rejects.csv"]


@pytest.mark.parametrize(
    "args",
    [["--rejects", "-"], ["--summary-file", "-"], ["-o", "r.csv", "--rejects", "-", "--summary-file", "-"]],
    ids=["rejects", "summary", "both"],
)
def test_only_one_output_can_go_to_stdout(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["batch", BAD, *args], catch_exceptions=False)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "标准输出只能写一种内容" in result.stderr


def test_a_named_pipe_as_output_is_written_through(tmp_path: Path) -> None:
    # Renaming a finished file over the pipe would replace it, and its reader would get nothing; the
    # default rejects file is not put beside it either (for -o /dev/null that would be in /dev).
    pipe = tmp_path / "results"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    run = subprocess.run(
        [sys.executable, "-m", "wenjiuye_cli", "batch", BAD, "-o", str(pipe), "-q", "--codes"],
        cwd=tmp_path, capture_output=True, timeout=60,
    )  # fmt: skip
    received, _ = reader.communicate(timeout=30)
    assert run.returncode == ExitCode.ROWS_REJECTED, run.stderr
    assert [r["id"] for r in csv_rows(received.decode("utf-8"))] == GOOD_IN_BAD
    assert pipe.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad-rows.rejects.csv", "results"]


def test_what_the_run_assumed_is_said_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    # A misspelt column skipped on request, and a row without an application date evaluated on the run
    # date: each changes the money, so each is said, not only written in the summary file.
    data = "编号,类型,申请日期,实际月祖金\r\nR-1,个人,,4000\r\nR-2,个人,2021-03-01,4000\r\n"
    source = tmp_path / "list.csv"
    source.write_text(data, encoding="utf-8")
    summary = tmp_path / "summary.json"
    args = ["batch", str(source), "--ignore-extra-columns", "-o", str(tmp_path / "o.csv")]
    result = runner.invoke(app, [*args, "--summary-file", str(summary)])
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "已忽略 1 个未知列（--ignore-extra-columns）：实际月祖金" in result.stderr
    assert "1 行没有申请日期，按运行当天" in result.stderr
    assert json.loads(summary.read_text(encoding="utf-8"))["rows"]["evaluated_on_run_date"] == 1
    # --quiet drops the counts and the notes, but not the warning that a fact is missing from every row.
    quiet = runner.invoke(app, [*args, "-q"]).stderr.splitlines()
    assert quiet == [
        "已忽略的列“实际月祖金”像是“实际月租金”：每一行都将缺少这一事实；如是同一列，请把列名改为“实际月租金”"
    ]
    dated = runner.invoke(app, [*args, "--as-of", "2021-03-01"])
    assert "没有申请日期" not in dated.stderr


def test_rejects_on_stdout_to_a_reader_that_goes_away_write_no_output_file(tmp_path: Path) -> None:
    # The results go to a file, the rejects to stdout: when the reader stops early the run stops too, and
    # its file would be incomplete. That is an error (74), never a quiet success with the file missing.
    rows = ["编号,类型,申请日期"] + [f"B-{i},个人,2021-02-30" for i in range(6000)]  # no such date
    source = tmp_path / "bad.csv"
    source.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    out, err = tmp_path / "out.csv", tmp_path / "err.txt"
    code, _shown = exit_code_into_head(
        ["batch", str(source), "-o", str(out), "--rejects", "-", "-q"], "-c 10", err
    )
    assert code == ExitCode.IO_ERROR
    assert not out.exists()
    assert "输出文件没有写入" in err.read_text(encoding="utf-8")


def test_a_summary_on_stdout_read_in_part_still_leaves_the_files_and_the_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    args = ["batch", BAD, "-o", str(out), "--summary-file", "-", "-q"]
    code, _shown = exit_code_into_head(args, "-c 1", tmp_path / "err.txt")
    assert code == ExitCode.ROWS_REJECTED  # rows were rejected, whoever read the summary
    assert len(csv_rows(out.read_text(encoding="utf-8-sig"))) == 4
    assert (tmp_path / "out.rejects.csv").exists()
