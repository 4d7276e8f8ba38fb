"""Fuzz the scenario readers (TOML, JSON, stdin) through ``calc`` and every calc writer.

Promises: the run ends with 0 (computed, data on stdout) or 78 (a bad scenario, said on stderr with
no data on stdout) — never a traceback, never a hang; what a writer writes is valid UTF-8 and parses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import fuzz_settings, tried
from tests.fuzz.hostile import (
    applicant_tables,
    assert_guarded_csv,
    invoke,
    mutated,
    ndjson_lines,
    scenario_json,
    scenario_toml,
)
from wenjiuye_cli.exitcodes import ExitCode

EXEMPT = {"amount", "maximum", "monthly_amount", "months"}  # numeric columns: never guarded


def _calc_csv_guards_ids(tmp: Path) -> bool:
    path = tmp / "formula.json"
    path.write_text('{"applicants": [{"id": "=1+1", "kind": "person"}]}', encoding="utf-8")
    out = invoke(["calc", str(path), "-f", "csv"]).stdout
    return "=1+1" not in out.replace("'=1+1", "")


WRITERS = st.sampled_from(["json", "ndjson", "csv", "table"])
AS_OF = st.sampled_from([[], ["--as-of", "2021-03-15"]])


def check_calc(path: str, fmt: str, as_of: list[str], stdin: bytes | None = None) -> int:
    result = invoke(["calc", path, "-f", fmt, "--lang", "en", "--no-color", *as_of], stdin)
    assert result.exit_code in {ExitCode.OK, ExitCode.BAD_CONFIG}, (result.exit_code, result.stderr[-500:])
    if result.exit_code != ExitCode.OK:
        assert result.stdout == ""
        assert result.stderr.strip(), "a bad scenario must say why"
        return result.exit_code
    out = result.stdout_bytes.decode("utf-8")  # strict: the writer wrote valid UTF-8
    if fmt == "json":
        assert isinstance(json.loads(out)["applicants"], list)
    elif fmt == "ndjson":
        assert all(isinstance(json.loads(line), dict) for line in ndjson_lines(out))
    elif fmt == "csv":
        assert out.startswith("id,kind,")
        assert_guarded_csv(out, "calc -f csv", lambda column: column in EXEMPT)  # every text cell guarded
    return result.exit_code


# calc -f csv guards formula ids (issue 11 item 13), like batch and compare.
def test_calc_csv_guards_formula_ids(tmp_path: Path) -> None:
    assert _calc_csv_guards_ids(tmp_path)


@fuzz_settings(examples=70)
@given(
    st.lists(applicant_tables(), min_size=1, max_size=3),
    st.data(),
    WRITERS,
    AS_OF,
    st.sampled_from(["toml", "json"]),
)
def test_a_scenario_file_is_computed_or_rejected_cleanly(
    tmp_path_factory: Any,
    applicants: list[dict[str, Any]],
    data: st.DataObject,
    fmt: str,
    as_of: list[str],
    ext: str,
) -> None:
    text = scenario_toml(applicants) if ext == "toml" else scenario_json(applicants)
    raw = data.draw(mutated(text.encode("utf-8", "surrogatepass")))
    path = tmp_path_factory.mktemp("scenario") / f"s.{ext}"
    path.write_bytes(raw)
    tried(f"scenario {ext} → calc -f {fmt}")
    check_calc(str(path), fmt, as_of)


@fuzz_settings(examples=30)
@given(
    st.binary(max_size=300) | st.sampled_from([b"[", b"{", b"[[applicants]]", b"[" * 3000, b"\xff\xfe[\x00"]),
    WRITERS,
)
def test_stdin_of_any_bytes_is_sniffed_and_computed_or_rejected(raw: bytes, fmt: str) -> None:
    tried(f"scenario stdin bytes → calc -f {fmt}")
    check_calc("-", fmt, [], stdin=raw)


def test_the_issue_examples_are_rejected_naming_the_field(tmp_path: Path) -> None:
    """The hostile values of issue 11 each as a fact of a JSON and a TOML scenario, through every writer."""
    person = '{"id": "A1", "kind": "person", "application_date": "2021-03-15", '
    for value in [
        "9" * 5000,
        "[" * 2000 + "]" * 2000,
        '"\\ud800"',
        "1e400",
        '"1E+999999999"',
        '"9999-12-31"',
    ]:
        for fmt in ["json", "ndjson", "csv", "table"]:
            path = tmp_path / "s.json"
            path.write_text(
                '{"applicants": [' + person + '"jobs_created": ' + value + "}]}", encoding="utf-8"
            )
            tried(f"scenario json → calc -f {fmt}")
            assert check_calc(str(path), fmt, []) == ExitCode.BAD_CONFIG
