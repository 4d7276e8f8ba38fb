"""Which parameters each columnar rule reads: the keys its ``declare`` asks :class:`Params` for.

A rule reads the policy only through the :class:`Params` handed to ``declare`` (``param``, ``const``,
``value``, ``segments``, ``entries``, ``change_days``). :class:`RecordingParams` is that object with a note of
every key asked for; :func:`reads_for` builds every migrated rule's declaration once with it and returns,
per measure, the keys it read. A what-if comparison re-evaluates under a reform only the measures whose
keys include a changed one: a declaration that reads no changed key is built from the same values, takes
the same branches in Python and so is the same expression (a key read only on a branch the reform opens
is read first on the branch that decides it, and that key changed). The engine's own validity keys
(``general.policy_start``/``policy_end``) are read by :class:`Params` itself for every rule.

Additive to the core: nothing in :mod:`wenjiuye_cli.engine.query` changes.
"""

from __future__ import annotations

import importlib
from datetime import date

import polars as pl

from wenjiuye_cli import rules as _rules_pkg
from wenjiuye_cli.engine.expr import Params
from wenjiuye_cli.engine.query import migrated
from wenjiuye_cli.policy import Policy, Value

_CACHE = "columnar.reads"
ENGINE_KEYS = frozenset({"general.policy_start", "general.policy_end"})


class RecordingParams(Params):
    """:class:`Params` that notes each key asked for, in ``keys``."""

    def __init__(self, policy: Policy) -> None:
        self.keys: set[str] = set(ENGINE_KEYS)
        super().__init__(policy)

    def entries(self, key: str) -> list[tuple[date, date | None, Value]]:
        self.keys.add(key)
        return super().entries(key)

    def segments(self, key: str) -> list[tuple[date, date | None, Value | None]]:
        self.keys.add(key)
        return super().segments(key)

    def value(self, key: str, on: date) -> Value | None:
        self.keys.add(key)
        return super().value(key, on)

    def param(self, key: str, on: pl.Expr | None = None, from_policy_start: bool = True) -> pl.Expr:
        self.keys.add(key)
        return super().param(key, on, from_policy_start)

    def const(self, key: str) -> Value:
        self.keys.add(key)
        return super().const(key)

    def change_days(self, *keys: str) -> list[date]:
        self.keys.update(keys)
        return super().change_days(*keys)


def reads_of(policy: Policy, measure_id: str) -> frozenset[str]:
    """The keys the rule of ``measure_id`` reads while it is declared for ``policy``."""
    params = RecordingParams(policy)
    importlib.import_module(f"{_rules_pkg.__name__}.{measure_id}").declare(params)
    return frozenset(params.keys)


def reads_for(policy: Policy) -> dict[str, frozenset[str]]:
    """Every migrated measure's keys (:func:`reads_of`), built once per state of ``policy``'s parameters."""
    cache = policy.derived(_CACHE)
    found = cache.get(None)
    if not isinstance(found, dict):
        found = cache[None] = {mid: reads_of(policy, mid) for mid in migrated()}
    return dict(found)


def touched_by(policy: Policy, changed: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The migrated measures (in the engine's order) whose declaration reads one of ``changed``."""
    reads = reads_for(policy)
    return tuple(mid for mid in migrated() if not reads[mid].isdisjoint(changed))
