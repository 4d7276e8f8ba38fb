"""Scenario syntax errors carry a hint at the usual mistake (zh and en), through the CLI: stderr only."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode


def calc(tmp_path: Path, name: str, text: str, lang: str = "zh") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["calc", str(path), "--lang", lang])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == ""
    return result.stderr


TOML = '[[applicants]]\nid = "R-1"\nkind = "person"\napplication_date = {date}\n'


def test_a_toml_date_as_people_write_it_gets_the_form_toml_needs(tmp_path: Path) -> None:
    said = calc(tmp_path, "s.toml", TOML.format(date="2021-3-15"))
    assert "（第 4 行的日期 2021-3-15 应写作 2021-03-15：TOML 日期的月、日各两位，用 - 分隔）" in said
    said = calc(tmp_path, "s.toml", TOML.format(date="2021/3/5"), "en")
    assert "(the date 2021/3/5 on line 4 must be written 2021-03-05" in said
    assert "应写作" not in calc(tmp_path, "s.toml", TOML.format(date="2021-03-15 junk"))  # another mistake


def test_a_trailing_comma_in_json_is_pointed_at(tmp_path: Path) -> None:
    text = '{"applicants": [\n  {"id": "R-1", "kind": "person",}\n]}\n'
    said = calc(tmp_path, "s.json", text)
    assert "第 2 行末尾的逗号后面没有下一项：JSON 中最后一项后不能有逗号，删去它" in said
    english = calc(tmp_path, "s.json", '{"applicants": [\n  {"id": "R-1", "kind": "person"},\n]}\n', "en")
    assert "the comma at the end of line 2 has no item after it" in english
    assert "逗号" not in calc(tmp_path, "s.json", '{"applicants": [\n  {"id": "R-1" "kind": "person"}\n]}\n')
