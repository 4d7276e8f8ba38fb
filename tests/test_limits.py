"""Hostile inputs found by the fuzz campaign of issue 11 (items 1-8 and 12): each is a clear error naming
the file and the field, with a documented exit code, never a traceback or a hang.

The CLI tests check stdout, stderr and the exit code separately."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.limits import MAX_DEPTH, json_int, shown, structure_problem
from wenjiuye_cli.money import fmt_number, shown_number

EXAMPLES = PROJECT_ROOT / "examples"
RENT = str(EXAMPLES / "rent_subsidy.toml")
POLICY_TEXT = (PROJECT_ROOT / "policy.toml").read_text(encoding="utf-8")
BIG = "9" * 5000  # more digits than Python reads as an int (4300)
DEEP = "[" * 2000 + "]" * 2000


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def clean_failure(result: Result, code: int) -> str:
    """The run ended with ``code``, wrote no data and no traceback; its stderr is returned."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr


def scenario(tmp_path: Path, body: str, name: str = "s.toml") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


PERSON = '[[applicants]]\nid = "A1"\nkind = "person"\napplication_date = 2021-03-15\n'


# ------------------------------------------------------------------- 1. integers of more than 4300 digits


def test_a_toml_integer_of_5000_digits_names_the_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    path = scenario(tmp_path, PERSON + f"jobs_created = {BIG}\n")
    err = clean_failure(runner.invoke(app, ["calc", path, "--lang", "en"]), ExitCode.BAD_CONFIG)
    assert f"{path}: invalid TOML: line 5: an integer of more than 4300 digits" in err


def test_a_json_integer_of_5000_digits_is_rejected_for_its_field(runner: CliRunner, tmp_path: Path) -> None:
    doc = '{"applicants": [{"id": "A1", "kind": "person", "jobs_created": ' + BIG + "}]}"
    path = scenario(tmp_path, doc, "s.json")
    err = clean_failure(runner.invoke(app, ["calc", path, "--lang", "en"]), ExitCode.BAD_CONFIG)
    assert "applicants[1] (A1) jobs_created" in err
    assert "out of the allowed range (0 to 10,000,000)" in err
    assert len(err) < 500  # the 5000 digits are not repeated


def test_a_policy_and_a_reform_with_a_5000_digit_integer(runner: CliRunner, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY_TEXT + f"\n[rent_subsidy.extra]\nvalue = {BIG}\n", encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["calc", RENT, "--policy", str(policy), "--lang", "en"]), 78)
    assert "an integer of more than 4300 digits" in err
    reform = tmp_path / "r.toml"
    reform.write_text(f"[rent_subsidy.max_months]\nvalues = {{ 2020-06-30 = {BIG} }}\n", encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["calc", RENT, "--reform", str(reform), "--lang", "en"]), 78)
    assert f"{reform}: not valid TOML: line 2: an integer of more than 4300 digits" in err


# ------------------------------------------------------------------------------------ 2. deep nesting


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("s.toml", PERSON + f"jobs_created = {DEEP}\n"),
        ("s.json", '{"applicants": [{"id": "A1", "kind": "person", "x": ' + DEEP + "}]}"),
        ("s.json", '{"applicants": [{"id": "A1", "kind": "person", "x": ' + "[" * 100 + "]" * 100 + "}]}"),
    ],
)
def test_deep_nesting_in_a_scenario_is_a_bad_file(
    runner: CliRunner, tmp_path: Path, name: str, body: str
) -> None:
    path = scenario(tmp_path, body, name)
    err = clean_failure(runner.invoke(app, ["calc", path, "--lang", "en"]), ExitCode.BAD_CONFIG)
    assert "nested too deeply" in err
    assert path in err


def test_deep_nesting_in_a_policy_and_a_reform_file(runner: CliRunner, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY_TEXT + f"\n[deep.x]\nvalues = {DEEP}\n", encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["calc", RENT, "--policy", str(policy), "--lang", "en"]), 78)
    assert "nested too deeply" in err
    reform = tmp_path / "r.toml"
    reform.write_text(f"[rent_subsidy.max_months]\nvalues = {{ 2020-06-30 = {DEEP} }}\n", encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["calc", RENT, "--reform", str(reform), "--lang", "en"]), 78)
    assert "nested too deeply" in err
    # Deep but within what the parser reads: still rejected, before any code walks it.
    reform.write_text("[rent_subsidy.max_months]\nvalues = { 2020-06-30 = %s }\n" % ("[" * 200 + "]" * 200))
    err = clean_failure(runner.invoke(app, ["calc", RENT, "--reform", str(reform), "--lang", "en"]), 78)
    assert "rent_subsidy.max_months.values.2020-06-30" in err
    assert "nested too deeply" in err


def test_a_deep_ndjson_row_is_rejected_alone(runner: CliRunner, tmp_path: Path) -> None:
    rows = tmp_path / "in.ndjson"
    rows.write_text(
        '{"id": "D1", "kind": "person", "jobs_created": ' + DEEP + '}\n{"id": "D2", "kind": "person"}\n'
        '{"id": "D3", "kind": "person", "jobs_created": ' + "[" * 100 + "]" * 100 + "}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.ndjson"
    result = runner.invoke(
        app, ["batch", str(rows), "-o", str(out), "--rejects", "-", "--as-of", "2021-01-01", "--lang", "en"]
    )
    assert result.exit_code == ExitCode.ROWS_REJECTED, result.stderr
    assert "Traceback" not in result.stderr
    rejects = result.stdout.splitlines()
    assert [line.split(",")[0] for line in rejects[1:]] == ["1", "3"]
    assert all("nested too deeply" in line for line in rejects[1:])
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["D2"]
    assert "3 rows read" in result.stderr or "read 3 rows" in result.stderr


# ---------------------------------------------------------------------------------- 3. lone surrogates


@pytest.mark.parametrize("fmt", ["json", "csv", "table", "ndjson"])
def test_a_lone_surrogate_in_a_json_scenario_is_rejected_naming_the_field(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    doc = '{"applicants": [{"id": "A1", "kind": "person", "sex": "\\ud800"}]}'
    path = scenario(tmp_path, doc, "s.json")
    err = clean_failure(runner.invoke(app, ["calc", path, "-f", fmt, "--lang", "en"]), ExitCode.BAD_CONFIG)
    assert f"{path} applicants[1].sex: holds an invalid character (a lone surrogate" in err


def test_a_lone_surrogate_in_an_ndjson_row_rejects_that_row(runner: CliRunner, tmp_path: Path) -> None:
    rows = tmp_path / "in.ndjson"
    rows.write_text(
        '{"id": "S1\\udc00", "kind": "person"}\n{"id": "S2", "kind": "person"}\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["batch", str(rows), "-f", "json", "--rejects", str(tmp_path / "r.csv"),
                                 "--as-of", "2021-01-01", "--lang", "en"])  # fmt: skip
    assert result.exit_code == ExitCode.ROWS_REJECTED, result.stderr
    assert "Traceback" not in result.stderr
    doc = json.loads(result.stdout)
    assert [a["id"] for a in doc["applicants"]] == ["S2"]
    rejects = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "id: holds an invalid character (a lone surrogate" in rejects


# ------------------------------------------------------------------------- 4. UTF-16 without a BOM


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_encoding_utf16_reads_a_file_without_a_bom(runner: CliRunner, tmp_path: Path, codec: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("id,kind,application_date\n刘䶮,person,2021-03-15\n".encode(codec))
    result = runner.invoke(app, ["batch", str(path), "--encoding", "utf-16", "-f", "ndjson", "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["刘䶮"]
    assert codec in result.stderr


@pytest.mark.parametrize("name", ["hex", "rot13", "idna"])
def test_an_encoding_that_cannot_read_text_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,kind\nA,person\n", encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["batch", str(path), "--encoding", name]), ExitCode.USAGE)
    assert name in err


# ------------------------------------------------------------------------- 5. a file holding only ","


@pytest.mark.parametrize("text", [",", ",,,\r\n", "\n,\n ,\n"])
def test_a_file_of_empty_cells_has_no_header(runner: CliRunner, tmp_path: Path, text: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["batch", str(path), "--lang", "en"]), ExitCode.BAD_DATA)
    assert "no header: the input holds only empty cells" in err


# ------------------------------------------------------------------------------------- 6. huge amounts


def test_a_huge_amount_as_a_fact_names_the_field_and_the_range(runner: CliRunner, tmp_path: Path) -> None:
    path = scenario(tmp_path, PERSON + "monthly_rent = 1e400\n")
    err = clean_failure(runner.invoke(app, ["calc", path, "--lang", "en"]), ExitCode.BAD_CONFIG)
    assert "applicants[1] (A1) monthly_rent" in err
    assert "out of the allowed range (0 to 1,000,000,000,000), got 1E+400" in err


def test_a_huge_amount_in_a_batch_row_is_bad_input_not_a_defect(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,kind,monthly_rent\nH1,person,1e400\nH2,person,3000\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(path), "--rejects", "-", "-o", str(tmp_path / "o.csv"),
                                 "--as-of", "2021-01-01", "--lang", "en"])  # fmt: skip
    assert result.exit_code == ExitCode.ROWS_REJECTED, result.stderr
    assert "out of the allowed range (0 to 1,000,000,000,000), got 1e400" in result.stdout
    assert "internal error" not in result.stdout


@pytest.mark.parametrize("value", ["1e400", "1E+999999999%", "1e13"])
def test_a_huge_amount_in_set_names_the_parameter_and_the_range(runner: CliRunner, value: str) -> None:
    result = runner.invoke(
        app, ["calc", RENT, "--set", f"rent_subsidy.house_cap_monthly={value}", "--lang", "en"]
    )
    err = clean_failure(result, ExitCode.BAD_CONFIG)
    assert (
        f"--set rent_subsidy.house_cap_monthly={value}: out of the allowed range (0 to 1,000,000,000,000)"
        in err
    )


def test_a_huge_amount_in_a_reform_names_the_parameter_and_the_range(
    runner: CliRunner, tmp_path: Path
) -> None:
    reform = tmp_path / "r.toml"
    reform.write_text("[rent_subsidy.house_cap_monthly]\nvalues = { 2020-06-30 = 1e400 }\n", encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["calc", RENT, "--reform", str(reform), "--lang", "en"]), 78)
    assert "rent_subsidy.house_cap_monthly.values.2020-06-30: out of the allowed range" in err
    assert "(1E+400)" in err


def test_a_zero_denominator_is_a_bad_override_not_a_crash(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["calc", RENT, "--set", "flexible_insurance.graduate_share_denominator=0", "--lang", "en"]
    )
    err = clean_failure(result, ExitCode.BAD_CONFIG)
    assert (
        "flexible_insurance.graduate_share_denominator (from 2020-06-30) is a denominator and cannot be 0"
        in err
    )


# ------------------------------------------------------------------ 7. registration_date = 9999-12-31


def test_a_date_out_of_range_is_rejected_alike_by_calc_and_batch(runner: CliRunner, tmp_path: Path) -> None:
    path = scenario(tmp_path, PERSON + "registration_date = 9999-12-31\n")
    err = clean_failure(runner.invoke(app, ["calc", path, "--lang", "en"]), ExitCode.BAD_CONFIG)
    reason = "out of the allowed range (1900-01-01 to 2100-12-31), got 9999-12-31"
    assert f"applicants[1] (A1) registration_date: registration date: {reason}" in err
    rows = tmp_path / "in.csv"
    rows.write_text("id,kind,registration_date\nA1,person,9999-12-31\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(rows), "--rejects", "-", "-o", str(tmp_path / "o.csv"),
                                 "--as-of", "2021-01-01", "--lang", "en"])  # fmt: skip
    assert result.exit_code == ExitCode.ROWS_REJECTED, result.stderr
    assert reason in result.stdout


# --------------------------------------------------------- 8. a --policy file missing a needed parameter


def test_calc_with_a_policy_missing_a_parameter_exits_78_like_policy_check(
    runner: CliRunner, tmp_path: Path
) -> None:
    start = POLICY_TEXT.index("[rent_subsidy.house_cap_monthly]")
    end = POLICY_TEXT.index("\n[", start + 1)
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY_TEXT[:start] + POLICY_TEXT[end + 1 :], encoding="utf-8")
    for args in (["calc", RENT, "--policy", str(policy)], ["policy", "check", str(policy)]):
        err = clean_failure(runner.invoke(app, [*args, "--lang", "en"]), ExitCode.BAD_CONFIG)
        assert "parameters the rules need are missing: rent_subsidy.house_cap_monthly" in err


# --------------------------------------------------------------------------- 12. the 1E+999999999 hang


@pytest.mark.parametrize(
    "value", ['"1E+999999999"', "1e999999999", '"1E+999999999%"', f'"{"9" * 1_000_000}"']
)
def test_a_whole_number_fact_of_a_billion_digits_is_rejected_at_once(tmp_path: Path, value: str) -> None:
    """A hang detector, not a speed test: before the fix this ran for more than 10 minutes."""
    path = scenario(tmp_path, PERSON + f"jobs_created = {value}\n")
    done = subprocess.run(
        [sys.executable, "-m", "wenjiuye_cli", "calc", path, "--lang", "en"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == ExitCode.BAD_CONFIG, done.stderr
    assert done.stdout == ""
    assert "jobs created: out of the allowed range (0 to 10,000,000)" in done.stderr
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------------------------------- library


def test_structure_problem_names_the_first_bad_place() -> None:
    assert structure_problem({"applicants": [{"id": "a"}]}) is None
    deep: list[object] = []
    for _ in range(5000):  # deeper than any recursive walk could go
        deep = [deep]
    problem = structure_problem({"a": deep})
    assert problem is not None
    assert problem[0] == "a" + "[1]" * (MAX_DEPTH - 1)
    assert structure_problem({"k": ["ok", {"x\udc80": 1}]}) == (
        "k[2].x\\udc80",
        "含有无效字符（单独的代理码位 U+D800–U+DFFF，不是任何字符）",
        "holds an invalid character (a lone surrogate, U+D800-U+DFFF, is not a character)",
    )


def test_shown_values_are_short_and_writable() -> None:
    assert shown("abc") == "'abc'"
    assert len(shown("x" * 1_000_000)) == 60
    assert shown("\ud800") == "'\\ud800'"
    assert shown([[1]]) == "<list of 1>"
    assert json_int("12") == 12
    assert json_int(BIG) == Decimal(BIG)


def test_numbers_are_formatted_exactly_and_shown_briefly() -> None:
    assert fmt_number(Decimal("2500.00")) == "2500"
    assert fmt_number(Decimal("2.5E+3")) == "2500"
    assert fmt_number(Decimal("0.0550")) == "0.055"
    assert fmt_number(Decimal("1234567890123456789012345678901.5")) == "1234567890123456789012345678901.5"
    assert shown_number(Decimal("1e400")) == "1E+400"
    assert shown_number(Decimal("3000.50")) == "3000.5"
    assert shown_number(10**100).startswith("1.000000E+100")


# --------------------------------------------------------------------- sweep: the same bounds on ranges


@pytest.mark.parametrize(
    ("option", "spec"),
    [
        ("--vary", "jobs_created=1E+999999999,1"),
        ("--vary", "jobs_created=0..3:1E-999999999"),
        ("--vary", "loan_annual_rate=1E+999999999%"),
        ("--vary-param", "rent_subsidy.house_cap_monthly=0..1e400"),
        ("--vary-param", "rent_subsidy.house_cap_monthly=1..1E+999999999:1"),
    ],
)
def test_a_sweep_range_of_huge_numbers_is_a_usage_error_at_once(option: str, spec: str) -> None:
    """A hang detector, not a speed test: the first ran for minutes, the last two raised decimal errors."""
    done = subprocess.run(
        [sys.executable, "-m", "wenjiuye_cli", "sweep", RENT, "--id", "R-001", option, spec, "-f", "json",
         "--lang", "en"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == ExitCode.USAGE, done.stderr
    assert done.stdout == ""
    assert "is out of the allowed range (10^-15 to 10^15 in size)" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_header_of_1mb_cells_gives_a_short_message(runner: CliRunner, tmp_path: Path) -> None:
    """Found by the fuzz suite: the whole header was repeated in the message, and rendering it hung."""
    path = tmp_path / "in.csv"
    path.write_text("id,kind," + "界" * 400_000 + "\nA,person,x\n", encoding="utf-8")
    err = clean_failure(runner.invoke(app, ["batch", str(path), "--lang", "en"]), ExitCode.BAD_DATA)
    assert "unknown columns: '" + "界" * 59 + "…'" in err
    assert len(err) < 1000
    path.write_bytes(b"\xff\xfe\x00\x00" + ("id,kind," + "界" * 400_000 + "\n").encode("utf-8"))
    err = clean_failure(runner.invoke(app, ["batch", str(path), "--lang", "en"]), ExitCode.BAD_DATA)
    assert "the header has bytes that are not valid utf-32" in err
    assert len(err) < 1000
