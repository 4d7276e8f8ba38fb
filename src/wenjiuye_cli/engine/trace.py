"""Which policy parameters an explained columnar outcome depended on: ``Outcome.parameters_used``.

A rule reads its parameters once, when it is declared, into expressions; which keys an outcome depended on
is found in the declarations:

* the rule is declared a second time, for this policy, with :class:`Tracing` parameters, whose
  ``param(key)`` is the same expression marked with an alias ``§key`` (this copy is only looked at, never
  evaluated), and whose Python-level reads (``value``, ``segments``, ``const``, ``change_days``,
  ``entries``, and ``start``/``end``: ``general.policy_start``/``general.policy_end``) are noted in order;
* each step's keys are the marks in its expressions (a condition's ``shown``, result, arguments and the
  facts it names; a read's ``when``; an exit's test), plus those of every staged intermediate they refer
  to, through the stages (a stage column's keys are its expression's marks and its own references');
* likewise for the outcome's parts: amounts, maximum, monthly amount, months, schedule, explanation
  columns, arithmetic (and the Python-level reads, which go to amounts and schedules — and to every
  exit step, where a rate without a value in force is found); and for each note and ``extra`` entry.

``parameters_used`` of a row's outcome (:func:`parameters_used`) is then, each key once, where first met:
the keys of every step the walk of the steps **reached** (a condition not shown included), in the
steps' order; then, for a granted outcome (or a cannot-decide one whose months
are shown), those of the outcome's parts; then those of each note and ``extra`` entry shown, and of the
note of the exit taken. Within a step the keys come in the
order they appear in its expressions. It is a function of the policy, the measure and which steps were
reached: the reading order is the declaration's. Outside the policy's life it is empty.

Each key is listed once. A step's expressions hold every branch of it (each sex's retirement parameters,
each rent type's rates, the later conditions of a group that settles on an unknown), so the list may hold
keys one applicant's path did not need, and a what-if that re-evaluates a measure only when a key it lists
changes misses no change that matters — bar the few keys a rule reads where its declaration has no step
that reads them, recorded with why as ``NOT_TRACED`` in ``tests/engine/test_trace.py``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from wenjiuye_cli import rules as _rules_pkg
from wenjiuye_cli.engine.expr import Params
from wenjiuye_cli.engine.rule import Arg, Cond, Exit, Msg, Read, Rule, Step
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.policy import Policy, Value

MARK = "§"
_MARKED = re.compile(r'alias\("' + MARK + r'([^"]+)"\)')
_CACHE = "columnar.trace"
_GRANTED = (Status.ELIGIBLE, Status.AMOUNT_SET_ELSEWHERE)


class Tracing(Params):
    """:class:`Params` whose ``param`` marks each parameter's expression with its key, and which notes the
    keys read in Python (for a declaration that is looked at, never evaluated)."""

    def __init__(self, policy: Policy) -> None:
        super().__init__(policy)
        self.python_reads: list[str] = []
        self._inside = 0

    def _note(self, key: str) -> None:
        if not self._inside:
            self.python_reads.append(key)

    @property
    def start(self) -> date:
        self._note("general.policy_start")
        return self._start

    @start.setter
    def start(self, value: date) -> None:
        self._start = value

    @property
    def end(self) -> date:
        self._note("general.policy_end")
        return self._end

    @end.setter
    def end(self, value: date) -> None:
        self._end = value

    def entries(self, key: str) -> list[tuple[date, date | None, Value]]:
        self._note(key)
        return super().entries(key)

    def segments(self, key: str) -> list[tuple[date, date | None, Value | None]]:
        self._note(key)
        self._inside += 1
        try:
            return super().segments(key)
        finally:
            self._inside -= 1

    def change_days(self, *keys: str) -> list[date]:
        for key in keys:
            self._note(key)
        self._inside += 1
        try:
            return super().change_days(*keys)
        finally:
            self._inside -= 1

    def value(self, key: str, on: date) -> Value | None:
        self._note(key)
        self._inside += 1
        try:
            return super().value(key, on)
        finally:
            self._inside -= 1

    def const(self, key: str) -> Value:
        self._note(key)
        self._inside += 1
        try:
            return super().const(key)
        finally:
            self._inside -= 1

    def param(self, key: str, on: pl.Expr | None = None, from_policy_start: bool = True) -> pl.Expr:
        self._inside += 1
        try:
            expr = super().param(key, on, from_policy_start)
        finally:
            self._inside -= 1
        return expr.alias(MARK + key)


@dataclass(frozen=True)
class Reads:
    """The keys a rule's declaration reads: per step (by index), for the outcome's parts, per note."""

    steps: Mapping[int, tuple[str, ...]]  # read where the step is reached
    outcome: tuple[str, ...]
    notes: tuple[tuple[str, ...], ...]  # the rule's notes, by index
    extra: Mapping[str, tuple[str, ...]]  # each ``extra`` entry's, by name
    exit_notes: Mapping[int, tuple[str, ...]]  # an exit's note, by the exit's step index
    python: tuple[str, ...] = ()  # read in Python (no mark): also where an exit step is reached


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


class _Keys:
    """The marks in expressions, through the stages' columns."""

    def __init__(self, rule: Rule) -> None:
        self.columns: dict[str, pl.Expr] = {}
        for stage in rule.stages:
            self.columns.update(stage)
        self.memo: dict[str, tuple[str, ...]] = {}

    def of_column(self, name: str) -> tuple[str, ...]:
        hit = self.memo.get(name)
        if hit is None:
            self.memo[name] = ()  # (no stage refers to itself; guards a cycle all the same)
            expr = self.columns.get(name)
            hit = self.memo[name] = () if expr is None else self.of(expr)
        return hit

    def of(self, *exprs: pl.Expr | Arg | None) -> tuple[str, ...]:
        out: list[str] = []
        for item in exprs:
            if item is None:
                continue
            expr = item.expr if isinstance(item, Arg) else item
            for name in expr.meta.root_names():
                out += self.of_column(name)
            out += _MARKED.findall(str(expr))
        return _unique(out)

    def of_msg(self, message: Msg | None) -> tuple[str, ...]:
        if message is None:
            return ()
        return self.of(message.shown, *message.args.values())

    def of_step(self, step: Step) -> tuple[str, ...]:
        if isinstance(step, Cond):
            return self.of(step.shown, step.result, *step.args.values(), *(m.when for m in step.missing))
        if isinstance(step, Read):
            return self.of(step.when)
        if isinstance(step, Exit):
            return self.of(step.when)
        return ()


def reads_of(rule: Rule, python_reads: Sequence[str] = ()) -> Reads:
    """The keys a (traced) declaration reads (see the module doc)."""
    keys = _Keys(rule)
    steps = {i: keys.of_step(step) for i, step in enumerate(rule.steps)}
    parts: list[str] = []
    parts += keys.of(rule.amount, rule.maximum, rule.monthly_amount, rule.months, rule.months_shown)
    for test, _status in rule.final_when:
        parts += keys.of(test)
    parts += keys.of(rule.schedule, *rule.explain_columns.values())
    for message in rule.arithmetic:
        parts += keys.of_msg(message)
    parts += python_reads
    notes = tuple(keys.of_msg(message) for message in rule.notes)
    exit_notes = {i: keys.of_msg(step.note) for i, step in enumerate(rule.steps) if isinstance(step, Exit)}
    extra = {name: keys.of(entry.expr, entry.shown) for name, entry in rule.extra.items()}
    return Reads(steps, _unique(parts), notes, extra, exit_notes, _unique(python_reads))


def reads_for(policy: Policy, measure_id: str) -> Reads:
    """The measure's :class:`Reads` under ``policy`` (declared once per state of its parameters)."""
    cache = policy.derived(_CACHE)
    hit = cache.get(measure_id)
    if not isinstance(hit, Reads):
        params = Tracing(policy)
        traced = importlib.import_module(f"{_rules_pkg.__name__}.{measure_id}").declare(params)
        hit = cache[measure_id] = reads_of(traced, params.python_reads)
    return hit


def parameters_used(row: Mapping[str, Any], rule: Rule, policy: Policy, status: Status) -> list[str]:
    """The keys the outcome of an explained row depended on (see the module doc)."""
    mid = rule.measure.id
    reads = reads_for(policy, mid)
    out: list[str] = []
    for i, _step in enumerate(rule.steps):
        keys = reads.steps.get(i, ())
        if keys and row.get(f"{mid}.t{i}.reached"):
            out += keys
    if reads.python and any(
        isinstance(step, Exit) and row.get(f"{mid}.t{i}.reached") for i, step in enumerate(rule.steps)
    ):
        out += reads.python
    months_shown = rule.months_shown is not None and row.get(f"{mid}.months") is not None
    if status in _GRANTED or months_shown:
        out += reads.outcome
    for j, keys in enumerate(reads.notes):
        if keys and row.get(f"{mid}.n{j}.shown"):
            out += keys
    for name, keys in reads.extra.items():
        if keys and row.get(f"{mid}.e.{name}.shown"):
            out += keys
    for i, keys in reads.exit_notes.items():
        if keys and row.get(f"{mid}.x{i}.taken"):
            out += keys
    return list(_unique(out))
