"""Fuzz the batch readers (CSV in every supported encoding, NDJSON) and the batch writers (csv, ndjson,
json, the rejects CSV, the summary).

Promises: exit 0 (every row computed), 1 (some rejected) or 65 (the input cannot be read as a list: its
header, its encoding, its CSV structure), 2 for a usage error — never a traceback or a hang. When rows
were read: rows read = computed + rejected, the output holds the computed rows and the rejects file the
rejected ones, exit 0 exactly when none was rejected, and every CSV cell written is formula-guarded.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests import PROJECT_ROOT
from tests.fuzz.conftest import fuzz_settings, tried
from tests.fuzz.hostile import (
    HOSTILE_TEXT,
    KIND_NAMES,
    VALUES,
    assert_guarded_csv,
    cell_for,
    invoke,
    mutated,
    ndjson_lines,
    read_text,
    specs_of,
    to_json,
)
from wenjiuye_cli.batch import zh_labels
from wenjiuye_cli.exitcodes import ExitCode

# (name for the counts, codec that writes the file, --encoding given or None)
ENCODINGS = [
    ("utf-8", "utf-8", None),
    ("utf-8 BOM", "utf-8-sig", None),
    ("gb18030", "gb18030", None),
    ("gb18030 --encoding gbk", "gb18030", "gbk"),
    ("utf-16 BOM", "utf-16", None),
    ("utf-16-le no BOM --encoding utf-16", "utf-16-le", "utf-16"),
    ("utf-16-be no BOM --encoding utf-16", "utf-16-be", "utf-16"),
    ("utf-32 BOM", "utf-32", None),
    ("utf-8 --encoding utf-8", "utf-8", "utf-8"),
]
OUTPUTS = st.sampled_from(["csv", "ndjson", "json"])
READ_OK = {ExitCode.OK, ExitCode.ROWS_REJECTED}
BATCH_CODES = {ExitCode.OK, ExitCode.ROWS_REJECTED, ExitCode.BAD_DATA, ExitCode.USAGE}


@st.composite
def csv_lists(draw: st.DrawFn) -> tuple[str, list[str]]:
    """CSV text: a header of known columns (English names or Chinese labels), sometimes an unknown or
    blank one, then rows of plausible and hostile cells — some too short or too long, some with an
    unclosed quote, blank lines, CR, CRLF or LF line ends. Returns (text, extra batch options)."""
    kind = draw(KIND_NAMES)
    specs = draw(st.lists(st.sampled_from(specs_of(kind)), max_size=7, unique_by=lambda s: s.name))
    labels = zh_labels()
    names = ["id", *(["kind"] if draw(st.booleans()) else []), *(s.name for s in specs)]
    header = [labels.get(n, n) if draw(st.integers(0, 3)) == 0 else n for n in names]
    if draw(st.integers(0, 7)) == 0:
        header.append(draw(st.sampled_from(["", "unknown_column", "备注", "=x"])))
    options = [] if "kind" in names else ["--kind", kind]
    if draw(st.booleans()):
        options.append("--ignore-extra-columns")
    rows = [header]
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(st.sampled_from(["R1", "刘䶮", "=1+1", "-3", ""]) | HOSTILE_TEXT)]
        if "kind" in names:
            row.append(draw(st.sampled_from([kind, kind, kind, "person", "个人"]) | HOSTILE_TEXT))
        row.extend(draw(cell_for(s)) for s in specs)
        shape = draw(st.integers(0, 9))
        if shape == 0:
            row = row[: draw(st.integers(0, len(row)))]
        elif shape == 1:
            row.extend(draw(st.lists(HOSTILE_TEXT, min_size=1, max_size=3)))
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])))
    for row in rows:
        writer.writerow(row)
        if draw(st.integers(0, 9)) == 0:
            out.write(draw(st.sampled_from(["\n", '"unclosed,quote\n', ",,,\n", "\x00\n"])))
    return out.getvalue(), options


def run_batch(tmp: Path, data: bytes, name: str, options: list[str], fmt: str) -> None:
    source = tmp / name
    source.write_bytes(data)
    out, rejects, summary = tmp / f"out.{fmt}", tmp / "rejects.csv", tmp / "summary.json"
    args = ["batch", str(source), "-o", str(out), "--rejects", str(rejects), "--summary-file", str(summary),
            "--jobs", "1", "--quiet", "--lang", "en", *options]  # fmt: skip
    result = invoke(args)
    assert result.exit_code in BATCH_CODES, (result.exit_code, result.stderr[-500:])
    assert result.stdout == ""  # every output went to a file
    if result.exit_code not in READ_OK:
        assert result.stderr.strip(), "an unreadable input must say why"
        assert not out.exists(), "no output from a run that stopped"
        assert not summary.exists(), "no summary from a run that stopped"
        return
    rows = json.loads(summary.read_text(encoding="utf-8"))["rows"]
    assert rows["read"] == rows["computed"] + rows["rejected"], rows
    assert rows["internal_errors"] == 0, "a rule raised: a defect"
    assert (result.exit_code == ExitCode.OK) == (rows["rejected"] == 0), (result.exit_code, rows)
    text = read_text(out)
    if fmt == "csv":
        assert len(assert_guarded_csv(text, "output")) == rows["computed"]
    elif fmt == "ndjson":
        assert len([json.loads(line) for line in ndjson_lines(text)]) == rows["computed"]
    else:
        assert len(json.loads(text)["applicants"]) == rows["computed"]
    # A rejects file named with --rejects is written even when empty (its header only).
    rejected = assert_guarded_csv(read_text(rejects), "rejects") if rejects.exists() else []
    assert len(rejected) == rows["rejected"]


@fuzz_settings(examples=80)
@given(csv_lists(), st.sampled_from(ENCODINGS), OUTPUTS, st.data())
def test_a_csv_list_in_any_encoding_is_read_row_by_row(
    tmp_path_factory: Any,
    listing: tuple[str, list[str]],
    encoding: tuple[str, str, str | None],
    fmt: str,
    data: st.DataObject,
) -> None:
    text, options = listing
    label, codec, asked = encoding
    errors = "surrogatepass" if codec.startswith("utf") else "replace"
    raw = data.draw(mutated(text.encode(codec, errors)))
    tried(f"batch csv {label} → batch -f {fmt}")
    run_batch(
        tmp_path_factory.mktemp("batch"),
        raw,
        "in.csv",
        [*options, *(["--encoding", asked] if asked else [])],
        fmt,
    )


@st.composite
def ndjson_lists(draw: st.DrawFn) -> str:
    """NDJSON: objects with plausible and hostile values (deep nesting, huge numbers, lone surrogates
    as escapes), blank lines, and lines that are not objects or not JSON."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(KIND_NAMES)
        obj: dict[str, Any] = {
            "id": draw(st.sampled_from(["N1", "=cmd", "刘䶮"]) | HOSTILE_TEXT),
            "kind": kind,
        }
        for spec in draw(st.lists(st.sampled_from(specs_of(kind)), max_size=6, unique_by=lambda s: s.name)):
            obj[spec.name] = draw(cell_for(spec) | VALUES)
        line = to_json(obj)
        shape = draw(st.integers(0, 11))
        if shape == 0:
            line = line[: draw(st.integers(0, len(line)))]
        elif shape == 1:
            line = draw(st.sampled_from(["", "[]", "1", "null", '"x"', "{", "{}", "\ufeff{}"]))
        lines.append(line)
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines) + draw(st.sampled_from(["", "\n"]))


@fuzz_settings(examples=60)
@given(ndjson_lists(), OUTPUTS, st.booleans(), st.data())
def test_an_ndjson_list_is_read_line_by_line(
    tmp_path_factory: Any, text: str, fmt: str, ignore_extra: bool, data: st.DataObject
) -> None:
    raw = data.draw(mutated(text.encode("utf-8", "surrogatepass")))
    options = ["--ignore-extra-columns"] if ignore_extra else []
    tried(f"batch ndjson → batch -f {fmt}")
    run_batch(tmp_path_factory.mktemp("batch"), raw, "in.ndjson", options, fmt)


@fuzz_settings(examples=30)
@given(st.binary(max_size=400), st.sampled_from(["in.csv", "in.ndjson", "in.txt"]), OUTPUTS)
def test_random_bytes_as_a_list(tmp_path_factory: Any, raw: bytes, name: str, fmt: str) -> None:
    tried(f"batch random bytes ({name.split('.')[1]}) → batch -f {fmt}")
    run_batch(
        tmp_path_factory.mktemp("batch"), raw, name, ["--kind", "person", "--ignore-extra-columns"], fmt
    )


def test_the_issue_lists_are_read_or_refused_cleanly(tmp_path: Path) -> None:
    """Issue 11's lists: only ``,``; UTF-16 without a BOM; a 1 MB cell; a row of 5,000 digits."""
    cases: list[tuple[bytes, str, list[str]]] = [
        (b",", "in.csv", []),
        ("id,kind\nA,person\n".encode("utf-16-le"), "in.csv", ["--encoding", "utf-16"]),
        (("id,kind,sex\nA,person," + "界" * 350_000 + "\n").encode(), "in.csv", []),
        (('{"id": "A", "kind": "person", "jobs_created": ' + "9" * 5000 + "}\n").encode(), "in.ndjson", []),
        ((b'{"id": "A", "kind": "person", "jobs_created": "1E+999999999"}\n'), "in.ndjson", []),
    ]
    for index, (raw, name, options) in enumerate(cases):
        for fmt in ["csv", "ndjson", "json"]:
            tmp = tmp_path / f"{index}-{fmt}"
            tmp.mkdir()
            tried(f"batch issue list → batch -f {fmt}")
            run_batch(tmp, raw, name, options, fmt)


REFORM = str(PROJECT_ROOT / "examples" / "reforms" / "raise_house_rent_cap.toml")


@fuzz_settings(examples=20)
@given(csv_lists(), st.sampled_from(["csv", "ndjson"]), st.data())
def test_compare_reads_a_hostile_list_like_batch(
    tmp_path_factory: Any, listing: tuple[str, list[str]], fmt: str, data: st.DataObject
) -> None:
    """compare reads lists with batch's reader and writes its own CSV: the same promises."""
    text, options = listing
    tmp = tmp_path_factory.mktemp("compare")
    source = tmp / "in.csv"
    source.write_bytes(data.draw(mutated(text.encode("utf-8", "surrogatepass"))))
    out, rejects, summary = tmp / f"out.{fmt}", tmp / "rejects.csv", tmp / "summary.json"
    tried(f"compare csv → compare -f {fmt}")
    result = invoke(["compare", str(source), "--reform", REFORM, "-f", fmt, "-o", str(out), "--rejects", str(rejects),
                     "--summary-file", str(summary), "-q", "--lang", "en", *options])  # fmt: skip
    assert result.exit_code in BATCH_CODES, (result.exit_code, result.stderr[-500:])
    if result.exit_code not in READ_OK:
        assert result.stderr.strip(), "an unreadable input must say why"
        assert not out.exists(), "no output from a run that stopped"
        return
    rows = json.loads(summary.read_text(encoding="utf-8"))["summary"]["rows"]
    assert rows["read"] == rows["computed"] + rows["rejected"], rows
    assert (result.exit_code == ExitCode.OK) == (rows["rejected"] == 0), (result.exit_code, rows)
    written = read_text(out)
    if fmt == "csv":
        assert len(assert_guarded_csv(written, "compare output")) == rows["computed"]
    else:
        assert len(ndjson_lines(written)) == rows["computed"]
    rejected = assert_guarded_csv(read_text(rejects), "compare rejects") if rejects.exists() else []
    assert len(rejected) == rows["rejected"]
