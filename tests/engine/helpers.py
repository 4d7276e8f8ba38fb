"""Evaluate a few typed applicants with the columnar engine and read back one measure's outcome."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from wenjiuye_cli.engine import Applicant, evaluate
from wenjiuye_cli.engine.query import evaluate_frame, rules_for
from wenjiuye_cli.engine.render import outcome_of
from wenjiuye_cli.engine.schema import EVALUATION_DATE, KIND, frame_schema
from wenjiuye_cli.facts import Facts, IncubatedFirm
from wenjiuye_cli.outcome import Outcome
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import Policy, load_policy


def frame(kind: str, on: date, **facts: Any) -> pl.DataFrame:
    schema = frame_schema([kind])
    row = {KIND: kind, EVALUATION_DATE: on, **facts}
    return pl.DataFrame([row], schema={k: v for k, v in schema.items() if k in row})


def columnar(measure_id: str, kind: str, on: date, policy: Policy | None = None, **facts: Any) -> Outcome:
    """The measure's explained outcome from the columnar engine."""
    policy = policy or load_policy()
    result = evaluate_frame(frame(kind, on, **facts), policy, explain=True, measures=[measure_id])
    (rule,) = rules_for(policy, [measure_id])
    outcome = outcome_of(result.row(0, named=True), rule, policy)
    assert outcome is not None
    return outcome


def scalar(measure_id: str, kind: str, on: date, policy: Policy | None = None, **facts: Any) -> Outcome:
    """The same applicant alone through ``engine.evaluate``, the path ``calc`` takes (evaluated on ``on``)."""
    values = {
        k: tuple(IncubatedFirm(f["operating_months"], f["jobs_created"]) for f in v)
        if isinstance(v, list)
        else v
        for k, v in facts.items()
    }
    applicant = Applicant("x", kind, Facts(values))
    (outcome,) = evaluate(applicant, policy or load_policy(), as_of=on, only=[measure_id]).outcomes
    return outcome


VISIBLE = (
    "status",
    "amount",
    "maximum",
    "monthly_amount",
    "months",
    "missing_facts",
    "conditions",
    "arithmetic",
    "payee",
    "notes",
    "caps",
)


def same_as_scalar(
    measure_id: str, kind: str, on: date, sets: list[str] | None = None, **facts: Any
) -> Outcome:
    """The columnar outcome, after checking that what ``calc`` shows of it (figures, conditions and
    arithmetic in zh and en, schedule) is what ``engine.evaluate`` gives for the applicant alone."""
    policy = load_policy(overrides=sets or [])
    got = columnar(measure_id, kind, on, policy, **facts)
    want = scalar(measure_id, kind, on, policy, **facts)
    for lang in ("zh", "en"):
        a, b = outcome_dict(got, lang), outcome_dict(want, lang)
        for key in VISIBLE:
            assert a[key] == b[key], (lang, key)
        assert a.get("schedule") == b.get("schedule")
    return got
