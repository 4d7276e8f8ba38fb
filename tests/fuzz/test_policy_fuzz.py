"""Fuzz the policy reader (``--policy``, ``policy check``), the reform reader (``--reform``) and ``--set``.

Promises: the run computes (0) or refuses the policy (78; 66 for a file that cannot be read; 2 for a
usage error), saying why on stderr with no data on stdout — never a traceback or a hang; a policy that
was accepted gives amounts that every writer can write.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests import PROJECT_ROOT
from tests.fuzz.conftest import fuzz_settings, tried
from tests.fuzz.hostile import (
    DEEP,
    HOSTILE_ATOMS,
    HOSTILE_TEXT,
    VALUES,
    Raw,
    invoke,
    mutated,
    to_toml_value,
    toml_key,
)
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.policy import load_policy

ROOT = PROJECT_ROOT
SCENARIO = str(ROOT / "examples" / "rent_subsidy.toml")
POLICY_TEXT = (ROOT / "policy.toml").read_text(encoding="utf-8")
PARAMETERS = load_policy().parameters
KEYS = sorted(PARAMETERS)
POLICY_CODES = {ExitCode.OK, ExitCode.BAD_CONFIG, ExitCode.NO_INPUT, ExitCode.USAGE}
WRITERS = st.sampled_from(["json", "ndjson", "csv", "table"])
NUMBERS = st.sampled_from(
    ["0", "1", "12", "1.5", "0.055", "3000.50", "3000.505", "-1", "1e400", "1E+999999999", "1E+999999999%",
     "50%", "NaN", "Infinity", "9" * 5000, "1e13", "1200", "1201", "100", "1000000"]
)  # fmt: skip
DATES = st.sampled_from(
    ["2020-06-30", "2021-01-01", "9999-12-31", "0001-01-01", "2020-02-30", "2020-6-1", "x"]
)


def check(args: list[str]) -> None:
    result = invoke([*args, "--lang", "en"])
    assert result.exit_code in POLICY_CODES, (result.exit_code, result.stderr[-500:])
    if result.exit_code != ExitCode.OK:
        assert result.stdout == ""
        assert result.stderr.strip(), "a refused policy must say why"
    elif "-f" in args and args[args.index("-f") + 1] == "json":
        doc = json.loads(result.stdout)
        assert doc["applicants"] if args[0] == "calc" else doc


@fuzz_settings(examples=60)
@given(
    st.sampled_from(KEYS) | HOSTILE_TEXT,
    st.none() | DATES,
    NUMBERS | DATES | st.sampled_from(["true", "否", "below", "hire_month", ""]) | HOSTILE_TEXT,
    WRITERS,
)
def test_set_of_any_value_is_applied_or_refused(key: str, day: str | None, value: str, fmt: str) -> None:
    assignment = f"{key}{'' if day is None else '@' + day}={value}"
    tried(f"--set → calc -f {fmt}")
    check(["calc", SCENARIO, "-f", fmt, "--set", assignment])


@st.composite
def reform_files(draw: st.DrawFn) -> str:
    """A reform file: known parameters (now and then an unknown one or a [reform] table) with values of
    the right or a wrong type, dated or not, with until, unit or other fields."""
    parts = []
    if draw(st.integers(0, 4)) == 0:
        parts.append(f"[reform]\ntitle = {to_toml_value(draw(HOSTILE_TEXT))}\n")
    for key in draw(
        st.lists(
            st.sampled_from(KEYS) | HOSTILE_TEXT.map(lambda t: f"rent_subsidy.{t}"), min_size=1, max_size=3
        )
    ):
        group, _, name = key.partition(".")
        parts.append(f"[{toml_key(group)}.{toml_key(name)}]\n")
        values = []
        for _ in range(draw(st.integers(0, 3))):
            start = draw(DATES)
            value = draw(NUMBERS.map(Raw) | VALUES | st.just(Raw(DEEP)))
            entry = to_toml_value(value)
            if draw(st.integers(0, 3)) == 0:
                entry = f"{{ value = {entry}, until = {draw(DATES)} }}"
            values.append(f"{start} = {entry}")
        parts.append(f"values = {{ {', '.join(values)} }}\n")
        if draw(st.integers(0, 4)) == 0:
            field = draw(st.sampled_from(["unit", "source", "interpretation", "description", "article", "x"]))
            parts.append(f"{field} = {to_toml_value(draw(HOSTILE_TEXT | VALUES))}\n")
    return "".join(parts)


@fuzz_settings(examples=50)
@given(reform_files(), st.data(), WRITERS, st.booleans())
def test_a_reform_file_is_applied_or_refused(
    tmp_path_factory: Any, text: str, data: st.DataObject, fmt: str, with_set: bool
) -> None:
    path = tmp_path_factory.mktemp("reform") / "r.toml"
    path.write_bytes(data.draw(mutated(text.encode("utf-8", "surrogatepass"))))
    extra = ["--set", "rent_subsidy.max_months=12"] if with_set else []
    tried(f"reform file → calc -f {fmt}")
    check(["calc", SCENARIO, "-f", fmt, "--reform", str(path), *extra])


_VALUE_LINE = re.compile(r"^values = \{ (\d{4}-\d{2}-\d{2}) = ([^,}]+)", re.MULTILINE)


@st.composite
def policy_files(draw: st.DrawFn) -> bytes:
    """The shipped policy.toml with one change: a value replaced by a hostile one, a table dropped or
    added, deep nesting, a huge integer — then perhaps cut, salted with bytes or given a BOM."""
    text = POLICY_TEXT
    how = draw(st.sampled_from(["value", "value", "drop", "add", "meta", "none"]))
    matches = list(_VALUE_LINE.finditer(text))
    if how == "value":
        match = draw(st.sampled_from(matches))
        new = draw(
            st.sampled_from(HOSTILE_ATOMS).map(lambda a: to_toml_value(a)) | NUMBERS | st.just(DEEP) | DATES
        )
        text = text[: match.start(2)] + new + text[match.end(2) :]
    elif how == "drop":
        tables = [m.start() for m in re.finditer(r"^\[[a-z_]+\.[a-z_0-9]+\]$", text, re.MULTILINE)]
        start = draw(st.sampled_from(tables))
        end = text.find("\n[", start + 1)
        text = text[:start] + (text[end + 1 :] if end != -1 else "")
    elif how == "add":
        text += f"\n[{toml_key(draw(HOSTILE_TEXT))}.x]\nvalues = {to_toml_value(draw(VALUES))}\n"
    elif how == "meta":
        text = text.replace("schema_version = 1", f"schema_version = {draw(NUMBERS)}", 1)
    return draw(mutated(text.encode("utf-8", "surrogatepass")))


@fuzz_settings(examples=30)
@given(policy_files(), st.sampled_from(["calc", "check"]))
def test_a_policy_file_is_used_or_refused(tmp_path_factory: Any, raw: bytes, command: str) -> None:
    path = tmp_path_factory.mktemp("policy") / "policy.toml"
    path.write_bytes(raw)
    tried(f"policy file → {'calc' if command == 'calc' else 'policy check'}")
    check(
        ["calc", SCENARIO, "-f", "json", "--policy", str(path)]
        if command == "calc"
        else ["policy", "check", str(path)]
    )


SWEEP_FACTS = st.sampled_from(
    ["jobs_created", "monthly_rent", "rent_months", "registration_date", "rent_type", "x"]
)
SWEEP_PARAMS = st.sampled_from(
    ["rent_subsidy.house_cap_monthly", "rent_subsidy.max_months", "general.policy_end"]
)
BOUNDS = NUMBERS | DATES | st.sampled_from(["", "a", "1E-999999999", "0.001"])


@fuzz_settings(examples=15)
@given(
    st.booleans(),
    SWEEP_FACTS,
    SWEEP_PARAMS,
    BOUNDS,
    BOUNDS,
    st.none() | BOUNDS | st.sampled_from(["1m", "7d", "0"]),
    st.sampled_from(["json", "csv", "table"]),
)
def test_sweep_of_any_range_is_run_or_refused(
    fact: bool, name: str, key: str, start: str, stop: str, step: str | None, fmt: str
) -> None:
    """sweep reads a range of facts or parameters (the facts' and parameters' ranges apply to each point)."""
    spec = f"{name if fact else key}={start}..{stop}" + ("" if step is None else f":{step}")
    tried(f"sweep {'--vary' if fact else '--vary-param'} → sweep -f {fmt}")
    check(["sweep", SCENARIO, "--id", "R-001", "--vary" if fact else "--vary-param", spec, "-f", fmt])
