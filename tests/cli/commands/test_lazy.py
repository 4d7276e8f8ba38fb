"""The commands kept in their own modules load when they are resolved: ``--help`` lists them as it always did,
without importing polars, pydantic or the rules (issue 12). A behaviour check, not a timing test."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import _REGISTERED, _PolicyGroup, _Root, app, commands, policy_app
from wenjiuye_cli.cli.commands._lazy import Placeholder

SRC = PROJECT_ROOT / "src"
HEAVY = (
    "polars",
    "pydantic",
    "numpy",
    "pyarrow",
    "wenjiuye_cli.rules",
    "wenjiuye_cli.policy",
    "wenjiuye_cli.engine",
)

# Run as the console script runs (wenjiuye_cli.__main__.main), then say which heavy modules were loaded.
PROBE = """
import json, sys
argv, out = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["wenjiuye", *argv]
from wenjiuye_cli.__main__ import main
try:
    main()
except SystemExit as exc:
    code = exc.code
with open(out, "w") as f:
    json.dump({"code": code, "modules": sorted(sys.modules)}, f)
"""


def _probe(argv: list[str], tmp_path: Path) -> tuple[int, list[str], str]:
    out = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = json.loads(out.read_text())
    return found["code"], [m for m in HEAVY if m in found["modules"]], done.stdout


@pytest.mark.parametrize("argv", [["--help"], [], ["--version"]])
def test_help_imports_neither_polars_nor_pydantic_nor_the_rules(argv: list[str], tmp_path: Path) -> None:
    code, heavy, stdout = _probe(argv, tmp_path)
    assert code in (0, None, 2), stdout  # no arguments: the help, with Click's usage exit code
    assert heavy == []
    assert "wenjiuye" in stdout
    assert argv == ["--version"] or "batch" in stdout  # the lazy commands are listed


@pytest.mark.parametrize(
    "argv",
    [
        ["calc", "--help"],
        ["measures", "--help"],
        ["schema", "--help"],
        ["policy", "--help"],
        ["policy", "show", "--help"],
        ["policy", "check", "--help"],
    ],
)
def test_a_commands_help_imports_neither_polars_nor_the_rules(argv: list[str], tmp_path: Path) -> None:
    """pydantic is typer's own here: it coerces the root's completion options (None) through a pydantic
    TypeAdapter before any sub-command runs, so every sub-command loads it; our policy (pydantic models)
    still does not load."""
    code, heavy, stdout = _probe(argv, tmp_path)
    assert code == 0, stdout
    assert [m for m in heavy if m != "pydantic"] == []
    assert f"wenjiuye {' '.join(argv[:-1])}" in stdout


def test_a_lazy_command_runs_and_its_help_loads_it(tmp_path: Path) -> None:
    code, heavy, stdout = _probe(["batch", "--help"], tmp_path)
    assert code == 0
    assert "--summary" in stdout  # batch's own options: the real command, not its placeholder
    assert "polars" in heavy


def test_the_listing_says_what_the_commands_themselves_say() -> None:
    """Each lazy entry names the module that registers the command, and its help line is the first
    paragraph of that command's help; every command module is either listed or registered at import."""
    for group, typer_app in ((_Root, app), (_PolicyGroup, policy_app)):
        for name, entry in group.lazy.items():
            loaded = group(name="probe").load(name)
            assert not isinstance(loaded, Placeholder)
            assert loaded.name == name
            assert (loaded.help or "").split("\n\n")[0] == entry.help, name
            registered = {info.name for info in typer_app.registered_commands}
            assert name in registered
    modules = {m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")}
    lazy = {entry.module for group in (_Root, _PolicyGroup) for entry in group.lazy.values()}
    assert lazy <= modules
    assert modules - lazy <= _REGISTERED  # a module no entry names is registered when the CLI loads


def test_help_is_the_same_before_and_after_the_commands_load(tmp_path: Path) -> None:
    """A fresh process lists placeholders; once loaded (in this process) the real commands: same text."""
    runner = CliRunner()
    for group, _ in ((_Root, app), (_PolicyGroup, policy_app)):
        for name in group.lazy:
            group(name="probe").load(name)  # the real commands, registered on the app
    root = get_command(app)
    assert not any(isinstance(c, Placeholder) for c in root.commands.values())  # type: ignore[attr-defined]
    for argv in (["--help"], ["policy", "--help"]):
        _, _, fresh = _probe(argv, tmp_path)
        loaded = runner.invoke(app, argv, env={"COLUMNS": "100"})
        assert loaded.exit_code == 0
        assert loaded.stdout == fresh
    names = list(root.commands)  # type: ignore[attr-defined]
    assert names == ["calc", "measures", "schema", "batch", "compare", "sweep", "policy"]
