"""Hypothesis strategies for hostile inputs, and the checks every fuzzed run must pass.

Hostile values: those of issue 11 (integers of 5,000 digits, 2,000 levels of nesting, lone surrogates,
``1e400``, ``1E+999999999``, 9999-12-31, a file of only ``,``), plus random bytes, truncated multibyte
sequences, NUL, right-to-left marks, 1 MB cells, wrong column counts and unclosed quotes — mixed with
plausible values, so that some rows get past validation and reach the rules and the writers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from tests.fuzz.conftest import bounded_time
from wenjiuye_cli.cli import app
from wenjiuye_cli.engine import facts_for_kind
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.facts import KINDS, FactSpec

# Every documented exit code but a defect's (70, EX_SOFTWARE): for an input, a defect is a bug found.
DOCUMENTED = frozenset(int(code) for code in ExitCode) - {70}
ONE_MB = "界" * 350_000  # a 1 MB cell (3 bytes a character in UTF-8)
DEEP = "[" * 2000 + "]" * 2000

HOSTILE_ATOMS: tuple[str, ...] = (
    "", " ", "\x00", "a\x00b", "\u202e", "\u200f\u202bRTL\u202c", "\ufeff", "\u2028", "\r", "\n", "\r\n",
    '"', '"unclosed', 'a"b', "'", ",", ";", "\t", "\\", "\\u0000",
    "=1+1", '=HYPERLINK("http://x","y")', "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=", "-", "+", "@",
    "-5", "+3.5", "0", "1", "12", "-1", "1e400", "-1e400", "1E+999999999", "1E-999999999", "1e999999999",
    "NaN", "sNaN", "Infinity", "-0", "0x10", "1_000", "１２，０００．５０元", "50%", "1E+999999999%",
    "9" * 5000, "9" * 4301, "1.10101E+17", "12000.505", "3,000", "¥2500",
    "9999-12-31", "0001-01-01", "2020-02-30", "2020-13-01", "2020年7月1日", "2021/3/15", "2021-03-15",
    "是", "否", "y", "true", "无", "14/3; 12/1", "14/", "/", "male", "女",
    "\ud800", "\udc80", "a\udfffb", "刘䶮", "䶮" * 10, "\U0001f600", "é", "ｅ", "٣",
)  # fmt: skip

GOOD_DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2026, 12, 31))
HOSTILE_TEXT = st.one_of(
    st.sampled_from(HOSTILE_ATOMS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6).map(lambda s: "=" + s),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE_ATOMS), st.sampled_from(HOSTILE_ATOMS)),
    st.just(ONE_MB),
)


def plausible_text(spec: FactSpec) -> st.SearchStrategy[str]:
    """A cell a person might type for ``spec`` (most pass validation)."""
    if spec.type == "bool":
        return st.sampled_from(["是", "否", "true", "no", "Y", "有"])
    if spec.type == "int":
        return st.integers(0, 60).map(str)
    if spec.type == "money":
        return st.decimals(0, 100_000, places=2).map(str)
    if spec.type == "ratio":
        return st.sampled_from(["0.5", "5%", "0.0435", "1"])
    if spec.type == "date":
        return GOOD_DATES.map(date.isoformat)
    if spec.type == "choice":
        return st.sampled_from([*spec.choices, *(zh for zh, _en in spec.choices.values())])
    if spec.type == "firms":
        return st.sampled_from(["14/3; 12/1", "无", "13/2"])
    return st.text(max_size=8)


def cell_for(spec: FactSpec) -> st.SearchStrategy[str]:
    return st.one_of(plausible_text(spec), plausible_text(spec), HOSTILE_TEXT)


KIND_NAMES = st.sampled_from(sorted(KINDS))


def specs_of(kind: str) -> list[FactSpec]:
    return list(facts_for_kind(kind).values())


# ------------------------------------------------------------------------------------- JSON-ish values

_RAW_NUMBERS = ("1e400", "9" * 5000, "1E+999999999", "-0", "1E-999999999", "123456789012345678901234567890")


class Raw(str):
    """A token written into a document as it is (a number too big for Python, deep brackets)."""


SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**15),
    GOOD_DATES,
    HOSTILE_TEXT,
    st.sampled_from(_RAW_NUMBERS).map(Raw),
    st.just(Raw(DEEP)),
)
VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["operating_months", "jobs_created", "x"]), inner, max_size=3),
    ),
    max_leaves=6,
)


@st.composite
def applicant_tables(draw: st.DrawFn) -> dict[str, Any]:
    """One applicant: an id and kind (usually good), some of its kind's facts with plausible or hostile
    values, and now and then a key that is no fact."""
    kind = draw(st.one_of(KIND_NAMES, KIND_NAMES, KIND_NAMES, HOSTILE_TEXT))
    table: dict[str, Any] = {
        "id": draw(
            st.one_of(st.sampled_from(["A1", "=cmd|' /C calc'!A0", "-1", "刘䶮"]), HOSTILE_TEXT, VALUES)
        ),
        "kind": kind,
    }
    specs = specs_of(kind) if kind in KINDS else specs_of("person")
    for spec in draw(st.lists(st.sampled_from(specs), max_size=8, unique_by=lambda s: s.name)):
        table[spec.name] = draw(st.one_of(plausible_value(spec), plausible_value(spec), VALUES))
    if draw(st.integers(0, 9)) == 0:
        table[draw(HOSTILE_TEXT)] = draw(VALUES)
    return table


def plausible_value(spec: FactSpec) -> st.SearchStrategy[Any]:
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "int":
        return st.integers(0, 60)
    if spec.type == "money":
        return st.decimals(0, 100_000, places=2)
    if spec.type == "date":
        return GOOD_DATES
    if spec.type == "firms":
        return st.just([{"operating_months": 14, "jobs_created": 3}])
    return plausible_text(spec)


def to_json(value: Any) -> str:
    """JSON text of ``value``; :class:`Raw` tokens as they are, lone surrogates as ``\\udXXX`` escapes."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{to_json(str(k))}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(to_json, value)) + "]"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    return json.dumps(value)


def to_toml_value(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(map(to_toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {to_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)  # a TOML basic string (a lone surrogate's escape is a TOML error)


def toml_key(key: Any) -> str:
    text = str(key)
    return (
        text if text and all(c.isascii() and (c.isalnum() or c in "_-") for c in text) else json.dumps(text)
    )


def scenario_toml(applicants: list[dict[str, Any]]) -> str:
    parts = ['description = "fuzz"\n']
    for table in applicants:
        parts.append("[[applicants]]\n")
        parts.extend(f"{toml_key(k)} = {to_toml_value(v)}\n" for k, v in table.items())
    return "".join(parts)


def scenario_json(applicants: list[dict[str, Any]]) -> str:
    return to_json({"applicants": applicants})


# ------------------------------------------------------------------------------------ byte mutations


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` unchanged (most often), cut anywhere (a truncated multibyte sequence), with random bytes
    put in, with a BOM in front, or replaced by random bytes."""
    how = draw(st.sampled_from(["keep", "keep", "keep", "cut", "insert", "bom", "random"]))
    if how == "cut" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if how == "bom":
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])) + data
    if how == "random":
        return draw(st.binary(max_size=200))
    return data


# ------------------------------------------------------------------------------------------ running

_RUNNER = CliRunner()


def invoke(args: list[str], stdin: bytes | None = None) -> Result:
    """Run the CLI in-process under the hang detector; the run must end with a documented exit code and
    no exception (a traceback) of any kind."""
    with bounded_time():
        result = _RUNNER.invoke(app, args, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args[:1]} raised {type(result.exception).__name__}") from result.exception
    assert result.exit_code in DOCUMENTED, (result.exit_code, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return result


_SIGNED_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def unguarded(cell: str) -> bool:
    """A text cell Excel would run as a formula: it begins with = + - @, a tab or a CR, and is not a plain
    signed number (the guard prefixes ``'``, so a guarded cell begins with ``'``)."""
    return bool(cell) and cell[0] in "=+-@\t\r" and not _SIGNED_NUMBER.fullmatch(cell)


def assert_guarded_csv(
    text: str, where: str, columns_exempt: Callable[[str], bool] = lambda c: False
) -> list[dict[str, str]]:
    """Every cell of a CSV text is formula-guarded; returns its rows."""
    csv.field_size_limit(max(csv.field_size_limit(), 64 << 20))  # 1 MB cells are written back
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    header = rows[0] if rows else []
    for number, row in enumerate(rows, start=1):
        for index, cell in enumerate(row):
            name = header[index] if index < len(header) else ""
            assert columns_exempt(name) or not unguarded(cell), (
                f"{where} row {number} column {name!r}: {cell[:40]!r}"
            )
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")  # strict: every writer writes UTF-8


def ndjson_lines(text: str) -> list[str]:
    """The lines of NDJSON: split on \\n only (a string may hold U+2028, which ``splitlines`` splits on)."""
    assert text == "" or text.endswith("\n"), "NDJSON ends each line with \\n"
    return text.split("\n")[:-1] if text else []
