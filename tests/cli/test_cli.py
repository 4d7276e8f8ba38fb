"""The calc/measures/schema/policy commands: data on stdout only, messages on stderr, documented exit codes."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import signal
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT, processes
from tests.helpers import exit_code_into_head
from wenjiuye_cli import __version__
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode

EXAMPLES = PROJECT_ROOT / "examples"
RENT = str(EXAMPLES / "rent_subsidy.toml")
BATCH_CSV = str(EXAMPLES / "batch" / "applicants.csv")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_calc_json_is_itemised_and_stamped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", RENT, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    first = doc["applicants"][0]
    assert first["id"] == "R-001"
    item = next(i for i in first["items"] if i["measure"] == "rent_subsidy")
    assert item["article"] == "十五"
    assert item["tasks"] == [37]
    assert item["amount"] == "60000.00"  # a string, never a float
    assert first["total"] == "60000.00"
    assert "1000 + 3 × 500 = 2500" in " ".join(item["arithmetic"])
    assert doc["stamp"]["policy"]["sha256"]
    assert doc["stamp"]["version"]


def test_calc_set_changes_the_answer_and_is_stamped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", RENT, "-f", "json", "--set", "rent_subsidy.house_cap_monthly=2000"])
    doc = json.loads(result.stdout)
    item = next(i for i in doc["applicants"][0]["items"] if i["measure"] == "rent_subsidy")
    assert item["monthly_amount"] == "2000.00"
    assert item["amount"] == "48000.00"
    assert doc["policy"]["overrides"] == ["rent_subsidy.house_cap_monthly=2000"]


def test_calc_reads_stdin(runner: CliRunner) -> None:
    text = Path(RENT).read_text(encoding="utf-8")
    result = runner.invoke(app, ["calc", "-", "-f", "ndjson", "--lang", "en"], input=text)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    names = [item["name"] for item in json.loads(lines[1])["items"]]
    assert "start-up rent subsidy" in names


def test_calc_csv_has_a_header_and_one_row_per_item(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", RENT, "-f", "csv"])
    rows = result.stdout.splitlines()
    assert rows[0].startswith("id,kind,as_of,measure")
    assert sum(1 for r in rows[1:] if ",rent_subsidy," in r) == 5
    assert json.loads(result.stderr)["policy"]["sha256"]


def test_calc_table_ends_with_the_total(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", RENT, "-f", "table", "--no-color"])
    assert result.exit_code == 0
    assert "60000.00" in result.stdout
    assert "合计" in result.stdout


def test_bad_set_exits_78_with_the_key_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", RENT, "--set", "rent_subsidy.house_cap=1"])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == ""
    assert "rent_subsidy.house_cap" in result.stderr


def test_missing_scenario_file_exits_66(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["calc", str(tmp_path / "nope.toml")])
    assert result.exit_code == ExitCode.NO_INPUT
    assert result.stdout == ""
    assert "nope.toml" in result.stderr


def test_bad_scenario_names_file_applicant_and_field(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[applicants]]\nid = "X1"\nkind = "person"\njobs_created = "three"\nrent_typ = "house"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["calc", str(bad), "--lang", "en"])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == ""
    assert "bad.toml applicants[1] (X1) jobs_created" in result.stderr
    assert "expected a number" in result.stderr
    assert "rent_typ" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_policy_file_exits_78(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_text("[meta]\ntitle = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["calc", RENT, "--policy", str(bad)])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert "meta" in result.stderr


def test_measures_lists_all_32_articles(runner: CliRunner) -> None:
    result = runner.invoke(app, ["measures", "--format", "json"])
    articles = json.loads(result.stdout)["articles"]
    assert len(articles) == 32
    by_number = {a["article"]: a for a in articles}
    assert by_number["十五"]["computed"] is True
    assert "rent_subsidy" in by_number["十五"]["measures"]
    assert by_number["三十二"]["computed"] is False
    assert by_number["十七"]["tasks"] == [40, 41]


def test_schema_documents_facts_with_chinese_labels(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "person", "--format", "json"])
    facts = {f["name"]: f for f in json.loads(result.stdout)["kinds"]["person"]}
    assert facts["jobs_created"]["label"] == "带动就业人数"
    assert "rent_subsidy" in facts["rent_type"]["measures"]


def test_policy_show_and_check(runner: CliRunner, tmp_path: Path) -> None:
    shown = runner.invoke(app, ["policy", "show", "rent_subsidy.house_cap_monthly", "-f", "json"])
    param = json.loads(shown.stdout)["parameters"]["rent_subsidy.house_cap_monthly"]
    assert param["values"] == [{"from": "2020-06-30", "until": None, "value": "2500"}]
    assert param["article"] == "十五"
    shipped = PROJECT_ROOT / "policy.toml"
    checked = runner.invoke(app, ["policy", "check", str(shipped)])
    assert checked.exit_code == 0
    assert "OK" in checked.stderr or "通过" in checked.stderr
    assert checked.stdout == ""


def test_policy_show_finds_parameters_by_chinese_or_english_words(runner: CliRunner) -> None:
    rent = runner.invoke(app, ["policy", "show", "房租", "-f", "json"])
    assert rent.exit_code == 0, rent.stderr
    assert rent.stderr == ""
    found = json.loads(rent.stdout)["parameters"]
    assert "rent_subsidy.house_cap_monthly" in found
    assert all(key.startswith("rent_subsidy.") for key in found)
    caps = json.loads(runner.invoke(app, ["policy", "show", "rent cap", "-f", "json"]).stdout)["parameters"]
    assert set(caps) >= {"rent_subsidy.house_cap_monthly", "rent_subsidy.workstation_cap_monthly"}
    assert set(caps) < set(found)  # every word must match
    none = runner.invoke(app, ["policy", "show", "火星补贴"])
    assert none.exit_code == 2
    assert none.stdout == ""
    assert "没有参数 '火星补贴'" in none.stderr


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.stdout.startswith("wenjiuye ")


def test_the_version_shown_is_the_installed_packages() -> None:
    # __version__ is the one place the version is written; the package metadata is built from it.
    assert __version__ == importlib.metadata.version("wenjiuye")


def test_calc_applies_a_reform_and_stamps_it(runner: CliRunner, tmp_path: Path) -> None:
    reform = tmp_path / "cap.toml"
    reform.write_text("[rent_subsidy.house_cap_monthly]\nvalues = { 2020-06-30 = 2000 }\n", encoding="utf-8")
    result = runner.invoke(app, ["calc", RENT, "-f", "json", "--reform", str(reform)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    item = next(i for i in doc["applicants"][0]["items"] if i["measure"] == "rent_subsidy")
    assert item["monthly_amount"] == "2000.00"
    assert doc["policy"]["reforms"][0]["file"] == str(reform)
    assert len(doc["policy"]["reforms"][0]["sha256"]) == 64


def test_calc_with_a_bad_reform_names_the_key_and_computes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    reform = tmp_path / "typo.toml"
    reform.write_text("[rent_subsidy.house_cap_montly]\nvalues = { 2020-06-30 = 2000 }\n", encoding="utf-8")
    result = runner.invoke(app, ["calc", RENT, "--reform", str(reform)])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == ""
    assert "rent_subsidy.house_cap_montly" in result.stderr
    missing = runner.invoke(app, ["calc", RENT, "--reform", str(tmp_path / "none.toml")])
    assert missing.exit_code == ExitCode.NO_INPUT


@pytest.mark.parametrize(
    "command",
    [["calc", RENT], ["compare", RENT, "--set", "rent_subsidy.house_cap_monthly=3000"], ["batch", BATCH_CSV]],
    ids=["calc", "compare", "batch"],
)
def test_a_policy_file_that_does_not_exist_is_no_input(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    # An input that is not there (exit 66), not an invalid policy (78); the reason in the user's language.
    missing = tmp_path / "no-such-policy.toml"
    result = runner.invoke(app, [*command, "--policy", str(missing)])
    assert result.exit_code == ExitCode.NO_INPUT
    assert result.stdout == ""
    assert f"无法读取政策参数文件 {missing}" in result.stderr
    english = runner.invoke(app, [*command, "--policy", str(missing), "--lang", "en"])
    assert f"cannot read the policy file {missing}" in english.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["calc", *map(str, sorted(EXAMPLES.glob("*.toml"))), "-f", "table"],
        ["compare", *map(str, sorted(EXAMPLES.glob("*.toml"))), "--set", "rent_subsidy.house_cap_monthly=3000",
         "-f", "table"],
    ],
    ids=["calc", "compare"],
)  # fmt: skip
def test_a_table_piped_into_head_exits_quietly(tmp_path: Path, args: list[str]) -> None:
    # rich's own broken-pipe handling exits with 1; a reader going away is not a failure.
    err = tmp_path / "err.txt"
    code, _shown = exit_code_into_head(args, "-n 1", err)
    assert code == ExitCode.OK
    assert "Traceback" not in err.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("assignment", "said"),
    [
        ("rent_subsidy.house_cap_monthly=-3000", "must not be negative"),
        ("rent_subsidy.house_cap_monthly=3000.005", "2 decimal places"),
        ("rent_subsidy.house_cap_monthly@2021-13-01=3000", "not a valid date"),
        ("general.policy_end=2019-01-01", "is before general.policy_start"),
        ("rent_subsidy.house_cap_monthy=3000", "did you mean rent_subsidy.house_cap_monthly"),
    ],
    ids=["negative", "sub-fen", "bad-date", "end-before-start", "typo"],
)
def test_a_set_that_makes_no_sense_computes_nothing(runner: CliRunner, assignment: str, said: str) -> None:
    result = runner.invoke(app, ["calc", RENT, "--set", assignment, "--lang", "en"])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == ""
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_policy_check_names_an_unknown_parameter_in_a_policy_file(runner: CliRunner, tmp_path: Path) -> None:
    shipped = (PROJECT_ROOT / "policy.toml").read_text(encoding="utf-8")
    typo = tmp_path / "policy.toml"
    typo.write_text(
        shipped + '\n[rent_subsidy.house_cap_monthy]\nunit = "yuan/month"\nvalues = { 2020-06-30 = 3000 }\n',
        encoding="utf-8",
    )
    for args in (["policy", "check", str(typo)], ["calc", RENT, "--policy", str(typo)]):
        result = runner.invoke(app, [*args, "--lang", "en"])
        assert result.exit_code == ExitCode.BAD_CONFIG, args
        assert "rent_subsidy.house_cap_monthy" in result.stderr
        assert "did you mean rent_subsidy.house_cap_monthly" in result.stderr


def test_calc_says_which_applicants_were_evaluated_on_the_run_date(runner: CliRunner) -> None:
    scenario = '[[applicants]]\nid = "N-1"\nkind = "person"\n\n[[applicants]]\nid = "D-1"\nkind = "person"\n'
    scenario += "application_date = 2021-03-01\n"
    result = runner.invoke(app, ["calc", "-", "-f", "json"], input=scenario)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "1 个申请人没有申请日期，按运行当天" in result.stderr
    assert "（<stdin> applicants[1] (N-1)）" in result.stderr  # where it is in the file, and its id
    assert json.loads(result.stdout)["applicants"][0]["as_of_source"] == "today"
    dated = runner.invoke(app, ["calc", "-", "-f", "json", "--as-of", "2021-03-01"], input=scenario)
    assert "没有申请日期" not in dated.stderr


def test_one_id_given_to_two_applicants_is_pointed_out(runner: CliRunner) -> None:
    twice = '[[applicants]]\nid = "A"\nkind = "person"\n\n[[applicants]]\nid = "A"\nkind = "enterprise"\n'
    result = runner.invoke(app, ["calc", "-", "-f", "json"], input=twice)
    assert result.exit_code == ExitCode.OK
    assert len(json.loads(result.stdout)["applicants"]) == 2  # both computed
    assert "申请人编号 A 出现 2 次" in result.stderr
    examples = runner.invoke(app, ["calc", *map(str, sorted(EXAMPLES.glob("*.toml"))), "-f", "json"])
    assert "出现" not in examples.stderr  # the shipped examples use each id once


def test_a_bad_set_is_explained_in_chinese_by_default(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", RENT, "--set", "rent_subsidy.house_cap_monthly=-3000"])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert "政策参数错误：--set rent_subsidy.house_cap_monthly=-3000：不能为负数" in result.stderr
    typo = runner.invoke(app, ["calc", RENT, "--set", "rent_subsidy.house_cap_monthy=3000"])
    assert (
        "没有参数 'rent_subsidy.house_cap_monthy'（是否想写 rent_subsidy.house_cap_monthly？）" in typo.stderr
    )


# ------------------------------------------------------------------------------- the process (issue 11)

FULL_STDOUT_COMMANDS = {
    "calc": ["calc", RENT, "-f", "json"],
    "calc-table": ["calc", RENT, "-f", "table"],
    "measures": ["measures", "-f", "json"],
    "schema": ["schema", "-f", "json"],
    "policy-show": ["policy", "show", "-f", "json"],
    "sweep": ["sweep", RENT, "--id", "R-001", "--vary-param", "rent_subsidy.house_cap_monthly=1000..3000:1000",
              "-f", "json"],
    "compare": ["compare", RENT, "--reform", processes.CAP, "-f", "json"],
    "batch": ["batch", BATCH_CSV, "-q"],
    "version": ["--version"],
}  # fmt: skip


@pytest.mark.parametrize("args", FULL_STDOUT_COMMANDS.values(), ids=FULL_STDOUT_COMMANDS.keys())
def test_a_full_stdout_exits_74_saying_it_is_stdout(args: list[str], tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = processes.run(args, cwd=tmp_path, stdout=full)
    assert done.returncode == ExitCode.IO_ERROR
    assert processes.stderr_lines(done.stderr)[-1] == "无法写入 标准输出：No space left on device"
    assert b"Traceback" not in done.stderr
    assert b"None" not in done.stderr  # compare said "无法写入 None"
    assert list(tmp_path.iterdir()) == []  # no rejects file, no temporary file


def test_a_full_stdout_is_named_in_english_too(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = processes.run(["compare", RENT, "--reform", processes.CAP, "-f", "json", "--lang", "en"],
                             stdout=full)  # fmt: skip
    assert done.returncode == ExitCode.IO_ERROR
    assert done.stderr.decode() == "cannot write to stdout: No space left on device\n"


@pytest.mark.parametrize(
    "outputs",
    [
        ["-o", "/dev/full", "--rejects", "bad.csv"],
        ["-o", "out.csv", "--rejects", "/dev/full"],
        ["-o", "out.csv", "--rejects", "bad.csv", "--summary-file", "/dev/full"],
    ],
    ids=["output", "rejects", "summary"],
)
def test_batch_with_an_output_file_on_a_full_device_exits_74_and_writes_no_file(
    outputs: list[str], tmp_path: Path
) -> None:
    args = ["batch", str(EXAMPLES / "batch" / "bad-rows.csv"), *outputs, "-q"]
    done = processes.run(args, cwd=tmp_path)
    assert done.returncode == ExitCode.IO_ERROR
    assert processes.stderr_lines(done.stderr) == ["无法写入 /dev/full：No space left on device"]
    assert done.stdout == b""
    assert list(tmp_path.iterdir()) == []  # the other outputs were written beside it: none is left


def test_a_closed_stdout_exits_74(tmp_path: Path) -> None:
    done = processes.run(["calc", RENT, "-f", "json"], stdout=subprocess.DEVNULL, close=[1])
    assert done.returncode == ExitCode.IO_ERROR
    assert done.stderr.decode() == "无法写入 标准输出：Bad file descriptor\n"


@pytest.mark.parametrize("args", [["calc", "-"], ["batch", "-"], ["compare", "-", "--reform", processes.CAP]])
def test_reading_a_closed_stdin_is_no_input(args: list[str]) -> None:
    done = processes.run(args, close=[0])
    assert done.returncode == ExitCode.NO_INPUT
    assert done.stderr.decode() == "标准输入已关闭，无法读取 -\n"
    assert done.stdout == b""


def test_a_closed_stdin_is_not_read_when_no_input_is_dash() -> None:
    done = processes.run(["calc", RENT, "-f", "json"], close=[0])
    assert done.returncode == ExitCode.OK, done.stderr
    assert json.loads(done.stdout)["applicants"][0]["id"] == "R-001"


def test_with_stderr_closed_the_exit_codes_hold_and_batch_writes_its_files(tmp_path: Path) -> None:
    missing = processes.run(["calc", str(tmp_path / "nope.toml")], stderr=subprocess.DEVNULL, close=[2])
    assert missing.returncode == ExitCode.NO_INPUT
    bad_rows = str(EXAMPLES / "batch" / "bad-rows.csv")
    done = processes.run(
        ["batch", bad_rows, "-o", "out.csv"], cwd=tmp_path, stderr=subprocess.DEVNULL, close=[2]
    )
    assert done.returncode == ExitCode.ROWS_REJECTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.rejects.csv"]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").startswith("编号,")


def test_with_stderr_full_the_exit_codes_hold(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        missing = processes.run(["batch", str(tmp_path / "nope.csv")], stderr=full)
        done = processes.run(["calc", RENT, "-f", "json"], stderr=full)
    assert missing.returncode == ExitCode.NO_INPUT
    assert done.returncode == ExitCode.OK
    assert json.loads(done.stdout)["applicants"]


@pytest.mark.parametrize(
    ("signum", "expected"), [(signal.SIGINT, ExitCode.INTERRUPTED), (signal.SIGTERM, ExitCode.TERMINATED)]
)
def test_a_signal_while_modules_load_exits_quietly(signum: int, expected: ExitCode) -> None:
    code, out, err = processes.signal_at_start(["measures", "-f", "json"], signum, 0.0)
    assert code == expected
    assert out == b""
    assert err == ""  # quietly: no traceback, no message


def test_a_defect_exits_70_with_one_line_and_a_report_without_applicant_data(tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(f'[[applicants]]\nid = "{processes.ID_NUMBER}"\nkind = "person"\n', encoding="utf-8")
    patch = (
        "import wenjiuye_cli.engine.applicants as engine\n"
        "def evaluate_applicants(applicants, *args, **kwargs):\n"
        "    raise RuntimeError('defect while computing ' + applicants[0].id)\n"
        "engine.evaluate_applicants = evaluate_applicants\n"
    )
    done, reports = processes.run_with_defect(
        patch,
        ["calc", str(scenario), "--set", "rent_subsidy.house_cap_monthly=2777"],
        tmp_path,
        tmp_path / "tmp",
    )
    assert done.returncode == ExitCode.SOFTWARE
    assert done.stdout == b""
    (line,) = processes.stderr_lines(done.stderr)  # one line, no traceback
    (report,) = reports
    assert (
        line == f"程序缺陷（RuntimeError）：运行已中止，没有写入输出文件；报告已写入 {report}，请提交给维护者"
    )
    text = report.read_text(encoding="utf-8")
    assert text.startswith(f"wenjiuye {__version__}: program defect report")
    assert "options: calc --set (values left out)" in text
    assert 'File "<string>", line 3, in evaluate' in text  # the stack: where it failed, and through what
    assert ", in calc\n    " in text  # with the source lines
    assert "builtins.RuntimeError" in text
    for secret in (processes.ID_NUMBER, "defect while computing", "s.toml", "2777"):
        assert secret not in text  # no argument values, no message, no locals


def test_a_defect_in_batch_leaves_no_output_file(tmp_path: Path) -> None:
    patch = (
        "import wenjiuye_cli.batch as batch\n"
        "def run_batch(source, name, policy, options, out, *args, **kwargs):\n"
        "    out.write('id,half a row\\n')\n"
        "    raise ValueError('a defect')\n"
        "batch.run_batch = run_batch\n"
    )
    done, reports = processes.run_with_defect(patch, ["batch", BATCH_CSV, "-o", "out.csv", "--lang", "en"], tmp_path,
                                              tmp_path / "tmp")  # fmt: skip
    assert done.returncode == ExitCode.SOFTWARE
    assert [p.name for p in tmp_path.iterdir()] == ["tmp"]  # no out.csv, no temporary file
    assert len(reports) == 1
    assert done.stderr.decode() == (
        f"a defect in wenjiuye (ValueError) stopped the run; no output file was written; a report was written "
        f"to {reports[0]}; please send it to the maintainers\n"
    )


def test_calc_csv_guards_formulas_and_leaves_numbers_alone(runner: CliRunner) -> None:
    scenario = (
        '[[applicants]]\nid = "=HYPERLINK(\\"http://x\\")"\nkind = "person"\napplication_date = 2021-03-01\n'
    )
    guarded = runner.invoke(app, ["calc", "-", "-f", "csv"], input=scenario)
    assert guarded.exit_code == ExitCode.OK, guarded.stderr
    rows = list(csv.DictReader(io.StringIO(guarded.stdout)))
    assert rows
    assert {r["id"] for r in rows} == {'\'=HYPERLINK("http://x")'}
    raw = runner.invoke(app, ["calc", "-", "-f", "csv", "--no-excel-safe"], input=scenario)
    assert {r["id"] for r in csv.DictReader(io.StringIO(raw.stdout))} == {'=HYPERLINK("http://x")'}
    rent = runner.invoke(app, ["calc", RENT, "-f", "csv"])
    amounts = [r["amount"] for r in csv.DictReader(io.StringIO(rent.stdout)) if r["amount"]]
    assert "60000.00" in amounts  # amounts are not touched


def test_calc_messages_mask_id_numbers_unless_asked(runner: CliRunner) -> None:
    scenario = f'[[applicants]]\nid = "{processes.ID_NUMBER}"\nkind = "person"\nbogus = 1\n'
    result = runner.invoke(app, ["calc", "-"], input=scenario)
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert (
        result.stderr
        == f"<stdin> applicants[1] ({processes.MASKED_ID}) bogus: 未知字段（个人 没有此项事实，见 wenjiuye schema）\n"
    )
    shown = runner.invoke(app, ["calc", "-", "--show-ids"], input=scenario)
    assert f"({processes.ID_NUMBER}) bogus" in shown.stderr


def test_the_undated_warning_names_the_place_and_a_masked_id(runner: CliRunner) -> None:
    scenario = f'[[applicants]]\nid = "{processes.ID_NUMBER}"\nkind = "person"\n'
    result = runner.invoke(app, ["calc", "-", "-f", "json"], input=scenario)
    assert result.exit_code == ExitCode.OK
    assert f"（<stdin> applicants[1] ({processes.MASKED_ID})）" in result.stderr
    assert processes.ID_NUMBER not in result.stderr
    assert json.loads(result.stdout)["applicants"][0]["id"] == processes.ID_NUMBER  # the data keeps it


def test_sweep_and_compare_messages_mask_id_numbers(runner: CliRunner) -> None:
    two = "".join(f'[[applicants]]\nid = "12010119900101{n}"\nkind = "person"\n\n' for n in ("1234", "5678"))
    sweep = runner.invoke(app, ["sweep", "-", "--vary", "age=30..40"], input=two)
    assert sweep.exit_code == ExitCode.USAGE
    assert "120101********1234, 120101********5678" in sweep.stderr
    twice = two.replace("5678", "1234")
    compare = runner.invoke(app, ["compare", "-", "--reform", processes.CAP, "-f", "json"], input=twice)
    assert compare.exit_code == ExitCode.OK
    assert f"申请人编号 {processes.MASKED_ID} 出现 2 次" in compare.stderr
    assert "1990010" not in compare.stderr
    shown = runner.invoke(app, ["sweep", "-", "--vary", "age=30..40", "--show-ids"], input=two)
    assert "120101199001011234, 120101199001015678" in shown.stderr
    shown = runner.invoke(
        app, ["compare", "-", "--reform", processes.CAP, "-f", "json", "--show-ids"], input=twice
    )
    assert f"申请人编号 {processes.ID_NUMBER} 出现 2 次" in shown.stderr
