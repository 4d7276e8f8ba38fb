"""Shared test helpers: build an applicant from plain values and evaluate one measure."""

from __future__ import annotations

import signal
from datetime import date
from typing import Any

from wenjiuye_cli.engine import Applicant, evaluate_measure, measure_by_id
from wenjiuye_cli.outcome import Check, Outcome
from wenjiuye_cli.policy import Policy, load_policy
from wenjiuye_cli.scenario import build_applicant

POLICY = load_policy()


def applicant(kind: str, **facts: Any) -> Applicant:
    return build_applicant({"id": "T", "kind": kind, **facts}, "test")


def run(
    measure_id: str, kind: str, on: date | None = None, policy: Policy | None = None, **facts: Any
) -> Outcome:
    """Evaluate one measure for an applicant; ``on`` defaults to the application date."""
    person = applicant(kind, **facts)
    day = on or person.facts.get("application_date")
    assert day is not None, "give application_date or on="
    return evaluate_measure(measure_by_id(measure_id), person.facts, policy or POLICY, day)


def condition(outcome: Outcome, code: str) -> Check:
    found = [c.result for c in outcome.conditions if c.code == code]
    assert found, f"condition {code} not checked; have {[c.code for c in outcome.conditions]}"
    return found[0]


def sigint_as_at_a_terminal() -> None:
    """``Popen(preexec_fn=...)`` for tests that press Ctrl-C: a suite started in the background by a shell
    without job control runs with SIGINT ignored, and a child inherits that (a program rightly keeps
    ignoring it then); a person running the command at a terminal has the default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
