"""Every wenjiuye command in the READMEs runs as written, and exits as the README says.

The command lines are taken from the ``sh`` blocks of README.md and examples/batch/README.md (a
``wenjiuye`` line, the ``wenjiuye`` part of a set-up line joined with ``&&``, or ``cat FILE | wenjiuye``),
globs expanded as a shell would, and run from a directory laid out like the project (``examples/``,
``policy.toml``). ``big.csv`` is made the way the README says, with fewer rows.
"""

from __future__ import annotations

import glob
import importlib.util
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode

ROOT = PROJECT_ROOT
READMES = (ROOT / "README.md", ROOT / "examples" / "batch" / "README.md")
BIG_ROWS = 300  # the README makes big.csv with 100,000 rows; the same generator, fewer rows, here


def readme_commands() -> list[tuple[str, str]]:
    """(README, command line with its comment) for every wenjiuye command in an sh block."""
    found = []
    for readme in READMES:
        block = False
        for line in readme.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                block = line.strip() == "```sh"
                continue
            if block:
                for part in line.split("&&"):
                    if re.match(r"\s*(wenjiuye |cat \S+ \| wenjiuye )", part):
                        found.append((readme.relative_to(ROOT).as_posix(), part.strip()))
    return found


COMMANDS = readme_commands()


def test_the_readmes_have_commands_to_run() -> None:
    assert len(COMMANDS) >= 20
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "big.csv" in readme
    make_big = re.search(r"python benchmarks/generate\.py (\d[\d_]*) -o big\.csv", readme)
    assert make_big is not None, "the README says how to make big.csv"


def make_big_csv(where: Path) -> None:
    """big.csv as the README makes it (the same generator and options), with BIG_ROWS rows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"python benchmarks/generate\.py (.*?)\s*(?:#|$)", readme, re.MULTILINE)
    assert line is not None
    args = shlex.split(line.group(1))
    assert args[0].isdigit()
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(where)
        assert generate.main([str(BIG_ROWS), *args[1:]]) == 0
    assert (where / "big.csv").exists()


@pytest.mark.parametrize(("readme", "line"), COMMANDS, ids=[line for _, line in COMMANDS])
def test_every_readme_command_runs_as_written(
    readme: str, line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "policy.toml").symlink_to(ROOT / "policy.toml")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(line, comments=True)
    comment = line.split("#", 1)[1] if "#" in line else ""
    stdin = None
    if words[0] == "cat":
        stdin = Path(words[1]).read_bytes()
        words = words[3:]
    assert words[0] == "wenjiuye"
    assert not any(w.startswith("/") for w in words), "a README command writes outside its directory"
    if "big.csv" in words:
        make_big_csv(tmp_path)
    args = [match for word in words[1:] for match in (sorted(glob.glob(word)) if "*" in word else [word])]
    result = CliRunner().invoke(app, args, input=stdin, env={"COLUMNS": "100"})
    expected = ExitCode.ROWS_REJECTED if re.search(r"exit( code)? 1\b", comment) else ExitCode.OK
    assert result.exit_code == expected, (readme, line, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    written = [p for p in tmp_path.iterdir() if p.name not in ("examples", "policy.toml", "big.csv")]
    assert result.stdout or written, "the command shows or writes something"
    for path in re.findall(r"-o (\S+)", line):  # each file the command names is written
        assert (tmp_path / path).stat().st_size > 0, path
