"""``compare --plot`` and ``sweep --plot``: the picture beside the usual output (stdout still carries only the
data), its checks before the run, and the one-line message when the [plot] extra is missing."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli import plot
from wenjiuye_cli.cli import app
from wenjiuye_cli.exitcodes import ExitCode

ROOT = PROJECT_ROOT
EXAMPLES = ROOT / "examples"
APPLICANTS = str(EXAMPLES / "batch" / "applicants.csv")
REFUND = str(EXAMPLES / "stable_jobs_refund.toml")
RENT = str(EXAMPLES / "rent_subsidy.toml")
CAP = str(EXAMPLES / "reforms" / "raise_house_rent_cap.toml")
# The shipped list moves under this reform (第十五条: 700 a job, the house cap raised to 3000).
RICHER = ["--reform", CAP, "--set", "rent_subsidy.house_per_job_monthly=700"]
SVG = "{http://www.w3.org/2000/svg}"
INSTALL = "pip install 'wenjiuye[plot]'"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plot, "cjk_font", lambda: None)  # as on this machine and CI's, whatever is installed


def svg(path: Path) -> tuple[set[str], list[str]]:
    root = ET.parse(path).getroot()
    ids = {g.get("id", "") for g in root.iter(f"{SVG}g")}
    return ids, ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_compare_plot_draws_each_measures_budget_baseline_beside_the_reform(
    runner: CliRunner, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "预算.svg"
    result = runner.invoke(app, ["compare", APPLICANTS, *RICHER, "-f", "json", "--plot", str(target)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)  # stdout holds the data only
    assert f"图已写入 {target}" in result.stderr
    ids, texts = svg(target)
    moved = [m for m in doc["summary"]["by_measure"] if m["baseline"] != "0.00" or m["reform"] != "0.00"]
    assert moved  # the shipped list gets something
    assert sorted(i for i in ids if i.startswith("bar-")) == sorted(
        f"bar-{side}-{m['measure']}" for m in moved for side in (0, 1)
    )
    for m in moved:  # each bar's label is the summary's exact amount
        assert m["name"] in texts
        assert m["baseline"] in texts
        assert m["reform"] in texts
    rent = next(m for m in moved if m["measure"] == "rent_subsidy")
    assert rent["reform"] != rent["baseline"]


def test_compare_plot_png_from_scenarios_is_a_png(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "budget.png"
    result = runner.invoke(
        app, ["compare", RENT, *RICHER, "-f", "json", "--plot", str(target), "--lang", "en"]
    )
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"picture written to {target}" in result.stderr


def test_a_zh_png_without_a_chinese_font_says_its_texts_are_english(
    runner: CliRunner, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "budget.png"
    result = runner.invoke(app, ["compare", RENT, *RICHER, "-f", "json", "--plot", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "未找到中文字体" in result.stderr
    assert "Warning" not in result.stderr


def test_sweep_plot_marks_the_cliff(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    # S-002: 3 laid off of 25 is within a small firm's 20%; past 30 insured staff only 5.5% holds (第一条).
    target = tmp_path / "sweep.svg"
    args = ["sweep", REFUND, "--id", "S-002", "--vary", "insured_staff_count=20..40", "-f", "json"]
    result = runner.invoke(app, [*args, "--plot", str(target)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    drops = {c["drop"] for c in doc["cliffs"]}
    assert drops == {"7680.25"}  # the refund's cliff and the total's, at 30 → 31
    ids, texts = svg(target)
    assert {"total", "cliffs", "measure-stable_jobs_refund"} <= ids
    assert "−7680.25" in texts
    assert "断崖（1 处）" in texts


@pytest.mark.parametrize("command", ["compare", "sweep"])
def test_an_unknown_picture_extension_is_a_usage_error_before_any_work(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    args = (
        ["compare", APPLICANTS, *RICHER, "-f", "json"]
        if command == "compare"
        else ["sweep", REFUND, "--id", "S-002", "--vary", "insured_staff_count=20..40", "-f", "json"]
    )
    result = runner.invoke(app, [*args, "--plot", str(tmp_path / "budget.jpg")])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""  # nothing was computed
    assert "--plot budget.jpg：图片的扩展名应为 .png 或 .svg" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_matplotlib_one_line_says_how_to_install_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` raises ImportError
    target = tmp_path / "budget.png"
    result = runner.invoke(
        app, ["compare", APPLICANTS, *RICHER, "-f", "json", "--plot", str(target), "--lang", lang]
    )
    assert result.exit_code == ExitCode.UNAVAILABLE == 69
    assert result.stdout == ""  # said before anything is computed
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert INSTALL in lines[0]
    assert ("画图需要 matplotlib" if lang == "zh" else "needs matplotlib") in lines[0]
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_the_picture_cannot_be_one_of_the_runs_other_files(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    result = runner.invoke(app, ["compare", RENT, *RICHER, "-f", "json", "-o", str(out), "--plot", str(out)])
    assert result.exit_code == ExitCode.USAGE
    assert "同一个文件" in result.stderr
    assert not out.exists()


def test_an_unwritable_picture_is_an_io_error(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "missing-folder" / "budget.png"
    result = runner.invoke(
        app, ["compare", RENT, *RICHER, "-f", "json", "--plot", str(target), "--lang", "en"]
    )
    assert result.exit_code == ExitCode.IO_ERROR
    json.loads(result.stdout)  # the comparison itself was written
    assert "budget.png" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_list_sweep_plot_draws_the_budget_curve_with_the_baseline_and_the_funds(
    runner: CliRunner, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    founders = str(EXAMPLES / "sweep" / "founders.csv")
    target = tmp_path / "curve.svg"
    args = ["sweep", founders, "--vary-param", "rent_subsidy.house_cap_monthly=2500..4500", "--step", "500"]
    result = runner.invoke(app, [*args, "--budget", "480000", "-f", "json", "--plot", str(target), "-q"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc  # the data still goes to stdout; the picture beside it
    ids, texts = svg(target)
    assert {"budget", "baseline", "limit", "over-limit"} <= ids  # 4000 and 4500 cost more than the funds
    assert any("480000.00" in t for t in texts)


def test_a_list_sweep_plot_needs_a_single_parameter(runner: CliRunner, tmp_path: Path) -> None:
    args = ["sweep", APPLICANTS, "--vary-param", "rent_subsidy.house_cap_monthly=2500,3000"]
    args += ["--vary-param", "rent_subsidy.house_per_job_monthly=500,700", "-f", "json"]
    result = runner.invoke(app, [*args, "--plot", str(tmp_path / "curve.svg")])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "只给一个 --vary-param" in result.stderr
