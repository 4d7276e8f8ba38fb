"""The peers' four-rule benchmark (benchmarks/peers/): the converter to the project's batch input and back,
the implementations and the comparison agree row for row on generated applicants, and the runner runs end
to end. Nothing here is timed, installs anything or reaches the network; pandas and OpenFisca are tried only
where they are installed (they are not dependencies of the project: the runner installs them into its own
virtual environment)."""

from __future__ import annotations

import csv
import importlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from tests import PROJECT_ROOT

ROOT = PROJECT_ROOT
PEERS = ROOT / "benchmarks" / "peers"
if str(PEERS.parent) not in sys.path:
    sys.path.insert(0, str(PEERS.parent))  # the package ``peers``, as run.py imports it


def peer(name: str) -> ModuleType:
    return importlib.import_module(f"peers.{name}")


compare_outputs = peer("compare_outputs")
edge_cases = peer("edge_cases")
from_wenjiuye = peer("from_wenjiuye")
make_applicants = peer("make_applicants")
plain_python_impl = peer("plain_python_impl")
polars_impl = peer("polars_impl")
to_wenjiuye = peer("to_wenjiuye")

ROWS = 200


def batch(inp: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``wenjiuye batch`` as run.py runs it: machine codes, the peers' reading of the four rules."""
    sets = [a for s in to_wenjiuye.PEERS_READING for a in ("--set", s)]
    args = [
        sys.executable,
        "-m",
        "wenjiuye_cli",
        "batch",
        str(inp),
        "-o",
        str(out),
        "--codes",
        "--quiet",
        *sets,
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)


def project_output(applicants: Path, tmp_path: Path) -> tuple[Path, dict[tuple[str, str], int]]:
    """The project's results for ``applicants`` in the peers' six columns, and its status counts."""
    converted, wide, folded = tmp_path / "in.wenjiuye.csv", tmp_path / "wide.csv", tmp_path / "folded.csv"
    to_wenjiuye.main(str(applicants), str(converted))
    done = batch(converted, wide)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return folded, dict(from_wenjiuye.fold(str(wide), str(folded)))


def rows(path: Path) -> list[list[str]]:
    with open(path, newline="") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """200 generated applicants and plain Python's results for them (the reference)."""
    where = tmp_path_factory.mktemp("peers")
    applicants, reference = where / "applicants.csv", where / "plain_python.csv"
    make_applicants.make(ROWS, str(applicants))
    plain_python_impl.main(str(applicants), str(reference))
    return applicants, reference


def test_the_generator_is_seeded_and_writes_the_four_rules_inputs(
    tmp_path: Path, generated: tuple[Path, Path]
) -> None:
    applicants, reference = generated
    again = tmp_path / "again.csv"
    make_applicants.make(ROWS, str(again))
    assert again.read_bytes() == applicants.read_bytes()
    table = rows(applicants)
    assert table[0] == make_applicants.COLUMNS
    assert [r[0] for r in table[1:]] == [str(i) for i in range(1, ROWS + 1)]
    # every rule pays someone and refuses someone in these 200 rows, so agreement below means something
    results = rows(reference)[1:]
    for column in range(1, 5):
        amounts = [Decimal(r[column]) for r in results]
        assert any(a > 0 for a in amounts), column
        assert any(a == 0 for a in amounts), column


def test_polars_agrees_with_plain_python_on_every_row(tmp_path: Path, generated: tuple[Path, Path]) -> None:
    applicants, reference = generated
    out = tmp_path / "polars.csv"
    polars_impl.main(str(applicants), str(out))
    result = compare_outputs.compare(str(reference), str(out))
    assert result.ok, result.shown or result.error
    assert (result.rows, result.mismatches, result.undecided) == (ROWS, 0, 0)


@pytest.mark.parametrize(
    ("module", "script"), [("pandas", "pandas_impl.py"), ("openfisca_core", "openfisca_impl.py")]
)
def test_pandas_and_openfisca_agree_where_installed(
    tmp_path: Path, generated: tuple[Path, Path], module: str, script: str
) -> None:
    pytest.importorskip(module)
    applicants, reference = generated
    out = tmp_path / "out.csv"
    done = subprocess.run([sys.executable, str(PEERS / script), str(applicants), str(out)], check=False)
    assert done.returncode == 0
    result = compare_outputs.compare(str(reference), str(out))
    assert result.ok, result.shown or result.error
    assert result.rows == ROWS


def test_the_project_converted_both_ways_agrees_with_plain_python(
    tmp_path: Path, generated: tuple[Path, Path]
) -> None:
    applicants, reference = generated
    converted = tmp_path / "converted.csv"
    to_wenjiuye.main(str(applicants), str(converted))
    project_rows = rows(converted)
    assert project_rows[0] == to_wenjiuye.COLS
    assert len(project_rows) == 1 + 3 * ROWS  # a person, a hire and an enterprise for each applicant
    assert [r[1] for r in project_rows[1:4]] == ["person", "hire", "enterprise"]

    folded, statuses = project_output(applicants, tmp_path)
    result = compare_outputs.compare(str(reference), str(folded))
    assert result.ok, result.shown or result.error
    assert result.rows == ROWS
    for measure in ("rent_subsidy", "startup_loan", "hiring_subsidy", "stable_jobs_refund"):
        assert statuses.get((measure, "eligible"), 0) > 0, measure
        assert statuses.get((measure, "eligible"), 0) + statuses.get((measure, "ineligible"), 0) > 0
    # the only undecided results: a key founder's rent subsidy without premises (the peers' "none")
    undecided = {k: v for k, v in statuses.items() if k[1] not in ("eligible", "ineligible")}
    assert set(undecided) <= {("rent_subsidy", "cannot_decide")}
    assert result.undecided == sum(undecided.values())
    premises = {r[0]: r[3] for r in rows(generated[0])[1:]}
    for row in rows(folded)[1:]:
        if row[1] == "":
            assert premises[row[0]] == "none"


def test_without_the_peers_reading_the_project_differs_and_the_check_says_so(
    tmp_path: Path, generated: tuple[Path, Path]
) -> None:
    applicants, reference = generated
    converted, wide, folded = tmp_path / "in.csv", tmp_path / "wide.csv", tmp_path / "folded.csv"
    to_wenjiuye.main(str(applicants), str(converted))
    args = [
        sys.executable,
        "-m",
        "wenjiuye_cli",
        "batch",
        str(converted),
        "-o",
        str(wide),
        "--codes",
        "--quiet",
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    from_wenjiuye.fold(str(wide), str(folded))
    result = compare_outputs.compare(str(reference), str(folded), max_print=3)
    assert not result.ok
    assert result.mismatches > 0
    assert len(result.shown) == 3
    assert result.line(str(reference)).startswith("FAIL")


def test_the_comparison_finds_one_cent_and_an_undecided_payment(
    tmp_path: Path, generated: tuple[Path, Path]
) -> None:
    _, reference = generated
    table = rows(reference)
    paid = next(i for i, r in enumerate(table) if i and Decimal(r[3]) > 0)
    changed = [list(r) for r in table]
    changed[paid][3] = str(Decimal(changed[paid][3]) + Decimal("0.01"))
    off = tmp_path / "off.csv"
    with open(off, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(changed)
    result = compare_outputs.compare(str(reference), str(off))
    assert (result.ok, result.mismatches) == (False, 1)
    assert f"row {paid}:" in result.shown[0]

    changed[paid][3] = ""  # undecided where the reference pays something: a difference, not a pass
    with open(off, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(changed)
    result = compare_outputs.compare(str(reference), str(off))
    assert (result.ok, result.mismatches, result.undecided) == (False, 1, 0)

    short = tmp_path / "short.csv"
    with open(short, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table[:-1])
    result = compare_outputs.compare(str(reference), str(short))
    assert not result.ok
    assert result.error is not None


def test_the_edge_cases_pass_in_plain_python_polars_and_the_project(tmp_path: Path) -> None:
    inp = tmp_path / "edge.csv"
    edge_cases.write_input(str(inp))
    outputs = {"plain": tmp_path / "plain.csv", "polars": tmp_path / "polars.csv"}
    plain_python_impl.main(str(inp), str(outputs["plain"]))
    polars_impl.main(str(inp), str(outputs["polars"]))
    outputs["project"], _ = project_output(inp, tmp_path)
    for name, out in outputs.items():
        assert edge_cases.check(str(out)) == [], name
    # and the check fails a wrong answer: the first case's rent, one yuan less
    table = rows(outputs["plain"])
    table[1][1] = str(Decimal(table[1][1]) - 1)
    wrong = tmp_path / "wrong.csv"
    with open(wrong, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)
    failures = edge_cases.check(str(wrong))
    assert len(failures) == 1
    assert "id 1 " in failures[0]


def test_the_runner_runs_what_is_installed_and_checks_it(tmp_path: Path) -> None:
    """run.py --skip-install with no peers' venv: the peers run in this interpreter, those it lacks are
    skipped and said so, and every run's output is checked."""
    work = tmp_path / "work"
    args = [sys.executable, str(PEERS / "run.py"), "--skip-install", "--venv", str(tmp_path / "no-venv")]
    args += ["--sizes", "40", "--repeat", "1", "--work", str(work)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every implementation agrees with plain Python on every row" in done.stdout
    report = (work / "results.md").read_text(encoding="utf-8")
    names = ("passthrough", "plain_python", "polars", "`wenjiuye batch`", "`wenjiuye engine, 4 measures`")
    for name in (*names, "`wenjiuye engine, every measure`"):
        assert f"| {name} | 40 |" in report, name
    installed = 0
    for module, name in (("pandas", "pandas"), ("openfisca_core", "openfisca")):
        try:
            importlib.import_module(module)
            installed += 1
        except ImportError:
            assert f"skipped {name}" in done.stdout
    # checked against plain Python: polars, batch, the engine twice, and pandas and OpenFisca where installed
    assert report.count("40 rows, 0 differ") == 4 + installed


def test_the_timer_reports_the_exit_code_and_keeps_stderr(tmp_path: Path) -> None:
    err = tmp_path / "err.txt"
    child = [sys.executable, "-c", "import sys; print('out'); sys.stderr.write('why'); sys.exit(3)"]
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(PEERS / "launch.py"), str(err), *child],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout)  # the child's own stdout went to /dev/null
    assert figures["code"] == 3
    assert set(figures) == {"wall", "cpu", "rss_mb", "code"}
    assert figures["rss_mb"] > 1  # a Python process: megabytes, not kilobytes
    assert err.read_text() == "why"

    missing = [
        sys.executable,
        "-I",
        "-S",
        str(PEERS / "launch.py"),
        str(err),
        str(tmp_path / "no-such-command"),
    ]
    figures = json.loads(subprocess.run(missing, capture_output=True, text=True, check=True).stdout)
    assert figures["code"] == 127
    assert "cannot run" in err.read_text()
