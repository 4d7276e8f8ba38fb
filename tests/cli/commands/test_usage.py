"""Usage errors in the user's language, option types as words, examples in every command's --help."""

from __future__ import annotations

import glob
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app
from wenjiuye_cli.cli.commands._usage import EXAMPLES, language_of
from wenjiuye_cli.exitcodes import ExitCode

ROOT = PROJECT_ROOT
RENT = str(ROOT / "examples" / "rent_subsidy.toml")
LIST = str(ROOT / "examples" / "batch" / "applicants.csv")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def usage_error(runner: CliRunner, args: list[str]) -> str:
    """Run a command line the parser rejects: exit 2, nothing on stdout, no English box on stderr."""
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.USAGE, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert "╭" not in result.stderr  # the plain lines below, not typer's box
    return result.stderr


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["calc", RENT, "--format", "xml"],
         "错误：--format 的取值 'xml' 无效，应为 table、json、ndjson、csv 之一",
         "error: invalid value 'xml' for --format; choose from table, json, ndjson, csv"),
        (["calc", RENT, "--formt", "json"],
         "错误：没有选项 --formt，是否想写 --format",
         "error: no such option: --formt (did you mean --format"),
        (["calc"], "错误：缺少参数 SCENARIO（情景文件", "error: missing argument SCENARIO"),
        (["calc", RENT, "--format"],
         "错误：选项 --format 后面缺少取值，可选：table、json、ndjson、csv",
         "error: option --format needs a value; choose from table, json, ndjson, csv"),
        (["batch", LIST, "--jobs", "two"], "错误：--jobs 应为整数，而不是 'two'",
         "error: --jobs must be a whole number, not 'two'"),
        (["batch", LIST, "--jobs", "-1"], "错误：--jobs 应不小于 0，而不是 -1", "error: --jobs must be at least 0, not -1"),
        (["schema", "person", "hire"], "错误：多余的参数：hire", "error: unexpected extra arguments: hire"),
        (["calc", RENT, "--no-color=yes"], "错误：选项 --no-color 是开关，不带值", "error: option --no-color is a flag"),
        (["policy", "check", str(ROOT)], f"错误：FILE：{ROOT} 是目录，应为文件", f"error: FILE: {ROOT} is a directory"),
        (["policy", "shwo"], "错误：没有命令 'shwo'，是否想写 show？（可用命令：show、check、diff）",
         "error: no such command 'shwo' (did you mean show?); commands: show, check, diff"),
    ],
)  # fmt: skip
def test_usage_errors_are_in_the_users_language(runner: CliRunner, args: list[str], zh: str, en: str) -> None:
    chinese = usage_error(runner, args)
    assert chinese.startswith(zh), chinese
    assert "Usage:" not in chinese
    assert "查看帮助：" in chinese
    english = usage_error(
        runner, [*args, "--lang", "en"] if args[-1] != "--format" else [*args[:1], "--lang", "en", *args[1:]]
    )
    assert english.startswith(en), english
    assert "usage: " in english


def test_no_such_command_names_the_commands(runner: CliRunner) -> None:
    err = usage_error(runner, ["clac", RENT])
    assert err.startswith("错误：没有命令 'clac'，是否想写 calc？")
    assert "可用命令：calc、measures、schema、batch、compare、sweep、policy" in err
    assert "[选项] 命令 [参数]..." in err.splitlines()[1]
    assert err.splitlines()[1].startswith("用法：")


def test_the_language_is_read_from_the_command_line_before_parsing() -> None:
    assert language_of(["calc", "x", "--lang", "en"]) == "en"
    assert language_of(["calc", "--lang=en", "x"]) == "en"
    assert language_of(["calc", "x"]) == "zh"
    assert language_of(["calc", "x", "--lang"]) == "zh"  # no value: the default
    assert language_of(["calc", "--", "--lang", "en"]) == "zh"  # after --, a file named --lang


def commands() -> Iterator[list[str]]:
    for path in EXAMPLES:
        yield path.split() if path else []


@pytest.mark.parametrize("path", list(commands()), ids=lambda p: " ".join(p) or "wenjiuye")
def test_every_help_has_examples_and_types_in_words(runner: CliRunner, path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "示例 / examples:" in result.stdout
    shown = [line for line in EXAMPLES[" ".join(path)] if line in result.stdout]
    assert 1 <= len(shown) <= 3
    assert len(shown) == len(EXAMPLES[" ".join(path)])
    assert not re.search(r"<(?:list\[|str>|bool>|int>|file>|Path>)", result.stdout), result.stdout


def test_every_command_has_two_or_three_examples() -> None:
    from typer.main import get_command

    root = get_command(app)
    names = {"", *root.commands, *(f"policy {n}" for n in root.commands["policy"].commands)}  # type: ignore[attr-defined]
    assert names == set(EXAMPLES)
    for name, lines in EXAMPLES.items():
        assert 1 <= len(lines) <= 3, name
        assert len(lines) >= 2 or name == "policy check", name


@pytest.mark.parametrize("line", sorted({line for lines in EXAMPLES.values() for line in lines}))
def test_every_help_example_runs_as_written(
    runner: CliRunner, line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a copy of the project's directory layout (examples/, policy.toml), so -o files land apart."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "policy.toml").symlink_to(ROOT / "policy.toml")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(line)
    assert words[0] == "wenjiuye"
    args = [match for word in words[1:] for match in (sorted(glob.glob(word)) if "*" in word else [word])]
    result = runner.invoke(app, args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, (line, result.stderr)
    assert result.stdout or result.stderr or len(list(tmp_path.iterdir())) > 2, line  # it shows something


def test_shell_completion_is_on(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert "--install-completion" in result.stdout
    completed = runner.invoke(
        app, [], env={"_WENJIUYE_COMPLETE": "complete_bash", "COMP_WORDS": "wenjiuye calc x --format ", "COMP_CWORD": "4"},
        prog_name="wenjiuye",
    )  # fmt: skip
    assert completed.stdout.split() == ["table", "json", "ndjson", "csv"]
