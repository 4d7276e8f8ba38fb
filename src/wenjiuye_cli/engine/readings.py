"""The other reading of an ambiguous word, over columns (``wenjiuye_cli.rules._readings``).

A measure with an ambiguous word notes what it gives with one parameter read otherwise
("按另一种理解（…）：可得 … 元"). That second run is a second :class:`Rule` — the same declarations built
with the other value, under another id (``<measure>~other``) — whose status, amount and missing facts are
computed as stages of the first rule, so the note is one more message over columns.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.query import (
    _condition_columns,
    _outcome_columns,
    _status_columns,
    _walk,
)
from wenjiuye_cli.engine.rule import Rule


def outcome_stages(rule: Rule) -> tuple[dict[str, pl.Expr], ...]:
    """Stages that evaluate ``rule`` — its own stages, its conditions, the walk, its status and outcome
    columns (``<id>.status``, ``<id>.amount``, ``<id>.missing_facts``, …) — for use inside another rule."""
    walk = _walk(rule)
    layers = [
        _condition_columns(rule),
        walk.verdicts,
        walk.reached_columns,
        _status_columns(rule),
        _outcome_columns(rule),
    ]
    named = [{e.meta.output_name(): e for e in layer} for layer in layers if layer]
    return (*(dict(stage) for stage in rule.stages), *named)


def other_outcome(rule: Rule) -> dict[str, pl.Expr]:
    """References to ``rule``'s outcome columns once :func:`outcome_stages` ran: status, amount,
    missing facts."""
    mid = rule.measure.id
    return {name: pl.col(f"{mid}.{name}") for name in ("status", "amount", "maximum", "missing_facts")}
