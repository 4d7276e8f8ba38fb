"""The engine: the registry of measures and the evaluation of one applicant against all that apply.

``calc``, ``compare`` and ``sweep`` of a scenario file evaluate through the columnar engine
(:mod:`wenjiuye_cli.columnar.applicants`); :func:`evaluate`, the scalar evaluation, still serves ``batch``'s
rows, list comparisons, and that module's migration scaffold (the measures not yet in ``rules/``).

Each measure lives in its own module under ``wenjiuye_cli.measures`` and exposes ``MEASURE``; the
registry discovers them, so adding a measure never means editing a shared list.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from wenjiuye_cli import measures as _measures_pkg
from wenjiuye_cli.facts import COMMON_FACTS, KINDS, Facts, FactSpec
from wenjiuye_cli.outcome import (
    Check,
    Condition,
    Evaluation,
    LeanEvaluation,
    Measure,
    Message,
    MinimalEvaluation,
    Outcome,
    Settled,
    Status,
)
from wenjiuye_cli.policy import ParameterNotInForce, Policy

ENGINE_MESSAGES: dict[str, tuple[str, str]] = {
    "policy_in_force": (
        "政策有效期 {start} 至 {end}，计算日期 {on}",
        "the policy is in force from {start} to {end}; evaluation date {on}",
    ),
    "param_not_in_force": (
        "参数 {key} 在 {on} 没有生效的取值，无法计算",
        "parameter {key} has no value in force on {on}; cannot compute",
    ),
}


@dataclass(frozen=True, slots=True)
class Applicant:
    id: str
    kind: str
    facts: Facts
    source: str = ""  # file (and row) it came from, for messages


@dataclass(slots=True)
class ApplicantResult:
    applicant: Applicant
    as_of: date
    as_of_source: str  # "application_date", "--as-of" or "today"
    outcomes: list[Outcome]
    total: Decimal = Decimal(0)
    maxima_total: Decimal = Decimal(0)
    extra: dict[str, object] = field(default_factory=dict)


@cache
def registry() -> tuple[Measure, ...]:
    """All measures, in the order of the policy text (article, then task)."""
    found: list[Measure] = []
    for module in pkgutil.iter_modules(_measures_pkg.__path__):
        if module.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{_measures_pkg.__name__}.{module.name}")
        measure = getattr(mod, "MEASURE", None)
        if isinstance(measure, Measure):
            found.append(measure)
    found.sort(key=lambda m: (m.tasks[0] if m.tasks else 999, m.order, m.id))
    ids = [m.id for m in found]
    if len(set(ids)) != len(ids):
        raise RuntimeError(f"duplicate measure ids: {ids}")
    return tuple(found)


@cache
def _measures_by_id() -> dict[str, Measure]:
    return {measure.id: measure for measure in registry()}


def measure_by_id(measure_id: str) -> Measure:
    try:
        return _measures_by_id()[measure_id]  # a dict: output looks a measure up for every item
    except KeyError:
        raise KeyError(measure_id) from None


@cache
def measures_for_kind(kind: str) -> tuple[Measure, ...]:
    return tuple(m for m in registry() if kind in m.kinds)


@cache
def facts_for_kind(kind: str) -> dict[str, FactSpec]:
    """Every fact an applicant of ``kind`` may carry: the shared ones and those its measures read."""
    if kind not in KINDS:
        raise KeyError(kind)
    specs: dict[str, FactSpec] = {}
    for spec in (*COMMON_FACTS, *(f for m in measures_for_kind(kind) for f in m.facts)):
        if kind not in spec.kinds:
            continue
        known = specs.get(spec.name)
        if known is not None and known != spec:
            raise RuntimeError(f"fact {spec.name!r} is declared twice with different definitions")
        specs[spec.name] = spec
    return specs


@cache
def all_facts() -> dict[str, FactSpec]:
    out: dict[str, FactSpec] = {}
    for kind in KINDS:
        out.update(facts_for_kind(kind))
    return out


def messages_for(measure: Measure | None) -> dict[str, tuple[str, str]]:
    return {**ENGINE_MESSAGES, **(measure.messages if measure else {})}


def evaluation_date(applicant: Applicant, as_of: date | None, today: date) -> tuple[date, str]:
    if as_of is not None:
        return as_of, "--as-of"
    applied = applicant.facts.get("application_date")
    if isinstance(applied, date):
        return applied, "application_date"
    return today, "today"


# Enum members read through the class cost a Python-level attribute hook (EnumType.__getattr__) on
# Python 3.11; these run for every row of a batch.
_ELIGIBLE = Status.ELIGIBLE
_AMOUNT_SET_ELSEWHERE = Status.AMOUNT_SET_ELSEWHERE
_INELIGIBLE = Status.INELIGIBLE


def evaluate(
    applicant: Applicant,
    policy: Policy,
    as_of: date | None = None,
    today: date | None = None,
    only: Iterable[str] | None = None,
    lean: bool = False,
    parameters_used: bool = True,
) -> ApplicantResult:
    """Evaluate every measure that applies to the applicant's kind on the evaluation date.

    ``lean``: only what a batch without ``--detail`` or a comparison writes is wanted — status, amounts,
    months, payee, missing facts (see :class:`LeanEvaluation`); the outcomes carry no conditions, an
    ineligible one nothing but its status and the parameters read up to the condition that failed.
    ``parameters_used=False`` (with ``lean``): not even those (:class:`MinimalEvaluation`)."""
    on, source = evaluation_date(applicant, as_of, today or date.today())
    wanted = set(only) if only is not None else None
    outcomes: list[Outcome] = []
    in_force = _policy_in_force(policy, on)
    facts = applicant.facts
    for measure in measures_for_kind(applicant.kind):
        if wanted is not None and measure.id not in wanted:
            continue
        if in_force is not None:
            outcomes.append(Outcome(measure.id, _INELIGIBLE, conditions=[in_force]))
            continue
        outcomes.append(evaluate_measure(measure, facts, policy, on, lean, parameters_used))
    total = Decimal(0)
    maxima = Decimal(0)
    for outcome in outcomes:
        if not outcome.counts_as_payment:
            continue
        status = outcome.status
        if status is _ELIGIBLE and outcome.amount is not None:
            total += outcome.amount
        elif (status is _ELIGIBLE or status is _AMOUNT_SET_ELSEWHERE) and outcome.maximum is not None:
            maxima += outcome.maximum
    return ApplicantResult(applicant, on, source, outcomes, total, maxima)


def evaluate_measure(
    measure: Measure,
    facts: Facts,
    policy: Policy,
    on: date,
    lean: bool = False,
    parameters_used: bool = True,
) -> Outcome:
    kind = (LeanEvaluation if parameters_used else MinimalEvaluation) if lean else Evaluation
    ev = kind(measure, facts, policy, on)
    try:
        return measure.evaluate(ev)
    except Settled:
        return ev.outcome(_INELIGIBLE)
    except ParameterNotInForce as exc:
        # A condition that already failed decides: the measure is ineligible whatever the missing value
        # would have given (and a lean evaluation, which stops at that condition, says the same).
        outcome = ev.outcome(_INELIGIBLE if ev.verdict() is _INELIGIBLE else Status.CANNOT_DECIDE)
        outcome.notes.append(Message("param_not_in_force", {"key": exc.key, "on": exc.on}))
        return outcome


def _policy_in_force(policy: Policy, on: date) -> Condition | None:
    """None when the policy is in force on ``on``; otherwise the failed condition to report."""
    cache = policy.derived("engine.validity")
    bounds = cache.get(None)
    if bounds is None:
        start = policy.value("general.policy_start", on=date.max)
        end = policy.value("general.policy_end", on=date.max)
        assert isinstance(start, date)
        assert isinstance(end, date)
        bounds = cache[None] = (start, end)
    start, end = bounds
    if start <= on <= end:
        return None
    return Condition("policy_in_force", Check.FAILED, {"start": start, "end": end, "on": on})
