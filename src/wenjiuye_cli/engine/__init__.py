"""The engine: the registry of measures and the evaluation of one applicant against all that apply.

Each measure lives in its own module under ``wenjiuye_cli.rules``: it exposes ``MEASURE`` (its
citation, kinds, facts and messages) and ``declare`` (its rule, as expressions over columns). The
registry discovers them, so adding a measure never means editing a shared list. Evaluation is the
columnar engine's (:mod:`wenjiuye_cli.engine`); :func:`evaluate` is its one-applicant form.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from wenjiuye_cli import rules as _measures_pkg
from wenjiuye_cli.facts import COMMON_FACTS, KINDS, Facts, FactSpec
from wenjiuye_cli.outcome import Measure, Outcome
from wenjiuye_cli.policy import Policy

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


def evaluate(
    applicant: Applicant,
    policy: Policy,
    as_of: date | None = None,
    today: date | None = None,
    only: Iterable[str] | None = None,
    lean: bool = False,
) -> ApplicantResult:
    """Evaluate every measure that applies to the applicant's kind on the evaluation date.

    One applicant through the columnar engine (:func:`wenjiuye_cli.engine.applicants.evaluate_applicants`,
    which evaluates many at once: prefer it for more than one). ``lean``: the figures only (status,
    amounts, months, payee, missing facts), without conditions, texts or schedule."""
    from wenjiuye_cli.engine.applicants import evaluate_applicants

    return evaluate_applicants([applicant], policy, as_of, today, only, explain=not lean)[0]


def evaluate_measure(
    measure: Measure,
    facts: Facts,
    policy: Policy,
    on: date,
    lean: bool = False,
    kind: str | None = None,
) -> Outcome:
    """One measure's outcome for an applicant of ``kind`` (default: the measure's only kind) with
    ``facts``, evaluated on ``on``."""
    if kind is None:
        if len(measure.kinds) != 1:
            raise ValueError(f"{measure.id} is for {sorted(measure.kinds)}: say which kind")
        (kind,) = measure.kinds
    result = evaluate(Applicant("", kind, facts), policy, as_of=on, only=[measure.id], lean=lean)
    (outcome,) = result.outcomes
    return outcome
