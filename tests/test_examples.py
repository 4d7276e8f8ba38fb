"""The shipped examples run, and every computed measure has an example a user can learn from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import PROJECT_ROOT
from wenjiuye_cli.engine import evaluate, registry
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.scenario import read_scenario

EXAMPLES = sorted((PROJECT_ROOT / "examples").glob("*.toml"))
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


def test_granted_in_force_example_runs_its_term_and_the_old_reading_cuts_it() -> None:
    # examples/granted_in_force.toml: issue 10's two applicants, under the default and the old reading.
    path = PROJECT_ROOT / "examples" / "granted_in_force.toml"
    people = {a.id: a for a in read_scenario(path.read_bytes(), str(path))}
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])

    def amount(applicant_id: str, measure_id: str, policy: object = POLICY) -> object:
        assert isinstance(policy, type(POLICY))
        result = evaluate(people[applicant_id], policy, only=[measure_id])
        return result.outcomes[0].amount

    assert str(amount("G-001", "rent_subsidy")) == "60000.00"  # 24 × 2500 to 2026-12
    assert str(amount("G-001", "rent_subsidy", stop)) == "15000.00"  # 6 × 2500 to 2025-06
    assert str(amount("G-002", "ui_to_retirement")) == "4846.50"  # 2025-06 .. 2025-08
    assert str(amount("G-002", "ui_to_retirement", stop)) == "1615.50"  # 2025-06 only
