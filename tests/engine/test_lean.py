"""A lean evaluation (batch output without ``--detail``) gives exactly what the full evaluation gives.

The lean evaluation keeps no condition records, no list of the parameters used, and stops at the first
failed condition. Whatever the applicant, everything a batch writes without ``--detail`` — status, amount,
maximum, monthly amount, months, payee, whether it counts as a payment, the missing facts and the totals —
must be the same as the full evaluation's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import PROJECT_ROOT
from tests.helpers import POLICY, applicant
from wenjiuye_cli.engine import Applicant, evaluate, evaluate_measure, facts_for_kind, measure_by_id
from wenjiuye_cli.facts import KINDS, Facts, FactSpec, IncubatedFirm
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.output import result_dict
from wenjiuye_cli.policy import ParameterNotInForce, load_policy
from wenjiuye_cli.scenario import read_scenario

EXAMPLES = sorted((PROJECT_ROOT / "examples").glob("*.toml"))
TODAY = date(2026, 11, 26)


def _value(spec: FactSpec) -> st.SearchStrategy[Any]:
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "int":
        return st.integers(0, 60)
    if spec.type == "money":
        return st.decimals(0, 200_000, places=2)
    if spec.type == "ratio":
        return st.decimals(0, 1, places=4)
    if spec.type == "date":
        # Around the policy's years, with birth dates reaching back to people near retirement.
        return st.dates(date(1955, 1, 1), date(2027, 12, 31))
    if spec.type == "choice":
        return st.sampled_from(sorted(spec.choices))
    if spec.type == "firms":
        firm = st.builds(IncubatedFirm, st.integers(0, 48), st.integers(0, 12))
        return st.lists(firm, max_size=4)
    return st.text(max_size=4)


@st.composite
def applicants(draw: st.DrawFn) -> Applicant:
    kind = draw(st.sampled_from(sorted(KINDS)))
    values: dict[str, Any] = {}
    for name, spec in facts_for_kind(kind).items():
        # Mostly filled, like real lists: an empty fact is common but not the rule.
        if draw(st.integers(0, 9)) < 8:
            values[name] = draw(_value(spec))
    return Applicant("H", kind, Facts(values))


def _written(result_applicant: Applicant, as_of: date | None, lean: bool) -> dict[str, Any]:
    result = evaluate(result_applicant, POLICY, as_of=as_of, today=TODAY, lean=lean)
    return result_dict(result, "zh", detail=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants(), st.none() | st.dates(date(2020, 1, 1), date(2026, 12, 31)))
def test_lean_writes_what_the_full_evaluation_writes(person: Applicant, as_of: date | None) -> None:
    full = _written(person, as_of, lean=False)
    assert _written(person, as_of, lean=True) == full
    assert _written(person, as_of, lean=True) == full  # what batch runs


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_lean_matches_on_every_example(path: Path) -> None:
    for person in read_scenario(path.read_bytes(), str(path)):
        full = _written(person, None, lean=False)
        assert _written(person, None, lean=True) == full, person.id
        assert _written(person, None, lean=True) == full, person.id


def test_a_failed_condition_decides_even_when_a_later_parameter_has_no_value() -> None:
    # The unemployment-rate target, read after the failed contribution-months condition, has no value on
    # this date: the firm is still ineligible (not "cannot decide"), in both evaluations.
    policy = load_policy()
    day = date(2026, 3, 1)  # the target is recorded up to 2025-12-31 only
    with pytest.raises(ParameterNotInForce):
        policy.value("external.unemployment_rate_target", day)
    firm = applicant(
        "enterprise", application_date=day.isoformat(), ui_contribution_months=2, laid_off_count=3,
        insured_staff_count=10, ui_premiums_paid_last_year=Decimal(10000),
    )  # fmt: skip
    measure = measure_by_id("stable_jobs_refund")
    full = evaluate_measure(measure, firm.facts, policy, day)
    lean = evaluate_measure(measure, firm.facts, policy, day, lean=True)
    assert full.status is Status.INELIGIBLE
    assert lean.status is Status.INELIGIBLE
