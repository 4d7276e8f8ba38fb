"""Examples that show something: each shipped reform changes the shipped list's budget, as its file says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import PROJECT_ROOT
from wenjiuye_cli.cli import app

EXAMPLES = PROJECT_ROOT / "examples"
LIST = str(EXAMPLES / "batch" / "applicants.csv")
REFORMS = sorted((EXAMPLES / "reforms").glob("*.toml"))

# reform → (budget difference, the applicants whose totals change): the figures the reform files and
# examples/batch/README.md quote.
MOVES = {
    "double_incubation_bonus.toml": ("40000.00", {"I-001": "20000.00", "I-002": "20000.00"}),
    "extend_policy_two_years.toml": ("24000.00", {"R-005": "24000.00"}),
    "lower_small_firm_layoff_rate.toml": ("-7680.25", {"S-002": "-7680.25"}),
    "raise_house_rent_cap.toml": ("12000.00", {"R-004": "12000.00"}),
}


def test_every_shipped_reform_is_listed() -> None:
    assert {p.name for p in REFORMS} == set(MOVES)


@pytest.mark.parametrize("reform", REFORMS, ids=lambda p: p.name)
def test_each_shipped_reform_moves_the_shipped_lists_budget(reform: Path) -> None:
    result = CliRunner().invoke(app, ["compare", LIST, "--reform", str(reform), "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    difference, movers = MOVES[reform.name]
    assert doc["summary"]["total"]["difference"] == difference
    assert {a["id"]: a["difference"] for a in doc["applicants"] if a["difference"] != "0.00"} == movers
    text = reform.read_text(encoding="utf-8")
    assert f"wenjiuye compare examples/batch/applicants.csv --reform examples/reforms/{reform.name}" in text
    shown = difference if difference.startswith("-") else f"+{difference}"
    assert shown.replace("-", "−") in text  # the file says what it does to the list
    readme = " ".join((EXAMPLES / "batch" / "README.md").read_text(encoding="utf-8").split())
    assert f"`{reform.name}` {shown.replace('-', '−')}" in readme
