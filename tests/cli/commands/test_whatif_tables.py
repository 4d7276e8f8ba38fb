"""``compare`` at 80 columns: the per-applicant table (stdout) and the budget tables (stderr) fit, uncut."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app

EXAMPLES = PROJECT_ROOT / "examples"
ALL_EXAMPLES = [str(p) for p in sorted(EXAMPLES.glob("*.toml"))]
REFORM = ["--set", "rent_subsidy.house_cap_monthly=3000", "--set", "rent_subsidy.house_per_job_monthly=800"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"})


def too_wide_or_cut(text: str) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > 80 or "…" in line]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_fits_80_columns_with_nothing_cut(runner: CliRunner, lang: str) -> None:
    result = runner.invoke(app, ["compare", *ALL_EXAMPLES, *REFORM, "-f", "table", "--lang", lang])
    assert result.exit_code == 0, result.stderr
    assert too_wide_or_cut(result.stdout) == []
    assert too_wide_or_cut(result.stderr) == []
    # Both kinds of table are there, and the row that changed says what changed.
    assert t_(lang, "变化的措施", "measures that") in result.stdout
    assert t_(lang, "按措施", "by measure") in result.stderr
    assert t_(lang, "按责任部门", "by department") in result.stderr
    assert "60000.00→72000.00" in result.stdout


def test_the_applicant_reads_with_its_kind_in_the_users_language(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", str(EXAMPLES / "rent_subsidy.toml"), *REFORM, "-f", "table"])
    first_row = next(line for line in result.stdout.splitlines() if line.startswith("R-001"))
    assert first_row.split()[:5] == ["R-001（个人）", "60000.00", "72000.00", "+12000.00", "受益"]
    assert "Traceback" not in result.stderr


def t_(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en
