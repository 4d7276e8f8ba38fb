"""The shipped examples run, and every computed measure has an example a user can learn from."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenjiuye_cli.engine import evaluate, registry
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.scenario import read_scenario

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.toml"))
POLICY = load_policy()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(path: Path) -> None:
    applicants = read_scenario(path.read_bytes(), str(path))
    assert applicants
    for applicant in applicants:
        result = evaluate(applicant, POLICY)
        assert result.outcomes, applicant.id


def test_every_measure_has_an_eligible_ineligible_and_undecided_example() -> None:
    seen: dict[str, set[Status]] = {}
    for path in EXAMPLES:
        for applicant in read_scenario(path.read_bytes(), str(path)):
            for outcome in evaluate(applicant, POLICY).outcomes:
                seen.setdefault(outcome.measure_id, set()).add(outcome.status)
    for measure in registry():
        statuses = seen.get(measure.id, set())
        assert statuses & {Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE}, f"{measure.id}: no eligible example"
        assert Status.INELIGIBLE in statuses, f"{measure.id}: no ineligible example"
        assert Status.CANNOT_DECIDE in statuses, f"{measure.id}: no cannot-decide example"
