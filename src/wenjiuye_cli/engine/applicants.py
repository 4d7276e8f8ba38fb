"""Applicants of a scenario file through the columnar engine: what ``calc``, ``compare`` and ``sweep`` run.

:func:`evaluate_applicants` takes a list of :class:`~wenjiuye_cli.engine.Applicant` (validated facts, as a
scenario file gives them) and returns one :class:`~wenjiuye_cli.engine.ApplicantResult` each, as
``engine.evaluate`` does, with the same evaluation dates (``engine.evaluation_date``), the same order of
outcomes, ``only=``, totals and ``counts_as_payment``. All the applicants become one typed frame
(:mod:`wenjiuye_cli.engine.schema`) and the measures of their kinds are evaluated in **one** query
(:func:`~wenjiuye_cli.engine.query.evaluate_frame`): with ``explain=True`` (calc) each outcome is
:func:`~wenjiuye_cli.engine.render.outcome_of` of its row, so today's renderers give today's words; lean
(compare, sweep) it carries the figures only: status, amounts, months, payee, missing facts.

Plain Python over polars: no typer, no rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.engine import (
    Applicant,
    ApplicantResult,
    evaluation_date,
    facts_for_kind,
    measures_for_kind,
)
from wenjiuye_cli.engine.query import evaluate_frame, rules_for
from wenjiuye_cli.engine.render import lean_outcome_of, outcome_of
from wenjiuye_cli.engine.rule import Rule
from wenjiuye_cli.engine.schema import EVALUATION_DATE, ID, KIND, MONEY, RATIO, conform
from wenjiuye_cli.errors import UserError
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.policy import Policy

_ELIGIBLE = Status.ELIGIBLE
_GRANTED = (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE)


def evaluate_applicants(
    applicants: Sequence[Applicant],
    policy: Policy,
    as_of: date | None = None,
    today: date | None = None,
    only: Iterable[str] | None = None,
    explain: bool = True,
    trace: bool = True,
) -> list[ApplicantResult]:
    """Every applicant against its kind's measures on its evaluation date, in one columnar query.

    The same results as ``[engine.evaluate(a, policy, as_of, today, only, lean=not explain) for a in
    applicants]``; a lean outcome (``explain=False``) has no conditions, texts or schedule.
    ``trace=False``: explained outcomes without ``parameters_used`` (what calc's table shows)."""
    day = today or date.today()
    dated = [evaluation_date(a, as_of, day) for a in applicants]
    wanted = set(only) if only is not None else None
    kinds = {a.kind for a in applicants}
    chosen = [
        m.id for kind in sorted(kinds) for m in measures_for_kind(kind) if wanted is None or m.id in wanted
    ]
    ids = list(dict.fromkeys(chosen))
    rules = {r.measure.id: r for r in rules_for(policy, ids)} if ids else {}
    rows = _columnar_rows(applicants, dated, policy, rules, explain)
    results: list[ApplicantResult] = []
    for i, applicant in enumerate(applicants):
        outcomes: list[Outcome] = []
        for measure in measures_for_kind(applicant.kind):
            if wanted is not None and measure.id not in wanted:
                continue
            rule = rules[measure.id]
            outcome = outcome_of(rows[i], rule, policy, trace) if explain else lean_outcome_of(rows[i], rule)
            assert outcome is not None  # the measure is for the row's kind
            outcomes.append(outcome)
        on, source = dated[i]
        total, maxima = totals(outcomes)
        results.append(ApplicantResult(applicant, on, source, outcomes, total, maxima))
    return results


def totals(outcomes: Iterable[Outcome]) -> tuple[Decimal, Decimal]:
    """``engine.evaluate``'s sums: eligible amounts that are payments; maxima of the granted ones without."""
    total = Decimal(0)
    maxima = Decimal(0)
    for outcome in outcomes:
        if not outcome.counts_as_payment:
            continue
        if outcome.status is _ELIGIBLE and outcome.amount is not None:
            total += outcome.amount
        elif outcome.status in _GRANTED and outcome.maximum is not None:
            maxima += outcome.maximum
    return total, maxima


def applicants_frame(applicants: Sequence[Applicant], dates: Sequence[date]) -> pl.LazyFrame:
    """The applicants as the typed frame of :mod:`wenjiuye_cli.engine.schema` (one row each, in order).

    Each fact column is built from its values with the type they hold and then cast to the contract's
    dtype by :func:`~wenjiuye_cli.engine.schema.conform`, which refuses a decimal with more places than
    the contract keeps (a frame built straight to ``Decimal(38, 2)`` would cut ``1.005`` to ``1.00``)."""
    kinds = sorted({a.kind for a in applicants})
    specs: dict[str, str] = {}
    for kind in kinds:
        specs.update({name: spec.type for name, spec in facts_for_kind(kind).items()})
    columns: dict[str, pl.Series] = {
        ID: pl.Series(ID, [a.id for a in applicants], dtype=pl.String),
        KIND: pl.Series(KIND, [a.kind for a in applicants], dtype=pl.String),
        EVALUATION_DATE: pl.Series(EVALUATION_DATE, list(dates), dtype=pl.Date),
    }
    given = {name for a in applicants for name in a.facts.values}
    for name, type_ in specs.items():
        if name in given and type_ in _SCALES:
            for applicant in applicants:
                _check_places(applicant, name, type_)
    for name, type_ in specs.items():
        if name not in given:
            continue  # conform adds it, all null
        values = [a.facts.values.get(name) for a in applicants]
        if type_ == "firms":
            values = [
                None
                if v is None
                else [{"operating_months": f.operating_months, "jobs_created": f.jobs_created} for f in v]
                for v in values
            ]
        columns[name] = pl.Series(name, values, strict=False)
    return conform(pl.DataFrame(columns), kinds)


_SCALES = {"money": MONEY.scale or 0, "ratio": RATIO.scale or 0}


class PrecisionError(UserError, ValueError):
    """A money or ratio fact with more decimal places than the engine keeps (never cut in silence)."""


def _check_places(applicant: Applicant, name: str, type_: str) -> None:
    value = applicant.facts.values.get(name)
    if not isinstance(value, Decimal):
        return
    places = _SCALES[type_]
    if value == value.quantize(Decimal(1).scaleb(-places)):
        return
    where = applicant.source or "?"  # the place in the file: the id may be a personal ID number
    if type_ == "money":
        raise PrecisionError(
            f"{where}: {name}: 金额最多两位小数（到分），而不是 {value}",
            f"{where}: {name}: an amount has at most two decimals (fen), got {value}",
        )
    raise PrecisionError(
        f"{where}: {name}: 比例最多 {places} 位小数，而不是 {value}",
        f"{where}: {name}: a ratio has at most {places} decimals, got {value}",
    )


def _columnar_rows(
    applicants: Sequence[Applicant],
    dated: Sequence[tuple[date, str]],
    policy: Policy,
    rules: Mapping[str, Rule],
    explain: bool,
) -> list[dict[str, Any]]:
    if not rules or not applicants:
        return [{} for _ in applicants]
    frame = applicants_frame(applicants, [on for on, _source in dated]).collect()
    out = evaluate_frame(frame, policy, explain=explain, measures=list(rules))
    return list(out.iter_rows(named=True))


def policy_in_force(policy: Policy, on: date) -> bool:
    start = policy.value("general.policy_start", on=date.max)
    end = policy.value("general.policy_end", on=date.max)
    assert isinstance(start, date)
    assert isinstance(end, date)
    return start <= on <= end
