"""Alternative sets of conditions ("…的；对…的，给予…") over columns: the first set that holds decides.

The columnar form of ``wenjiuye_cli.rules._branches``. An outcome shows only the conditions that explain
it, as ``_branches.settle`` records them:

* some branch holds → the first holding branch's conditions (all passed), then the ``branch`` condition
  naming it, and a ``note.branch_also`` for each other branch that holds;
* none holds but some cannot be decided → the undecided branches' conditions, and a ``note.branch_failed``
  for each branch that failed;
* all fail → every branch's conditions.

How this is written over columns. Each branch's conditions are declared once (:class:`Branch`); its
*verdict* is their Kleene conjunction (false if one failed, null if one is unknown), staged as a column.
:func:`settle` stages, per branch, whether it *explains* the row (the three cases above, from the staged
verdicts only), and returns the branches' conditions with ``shown`` narrowed to that column. The evaluator
already counts a condition that is not shown as passed and neither records it nor names its facts, so
the status comes out as the law's alternatives give it: a hidden failed branch cannot make a holding one ineligible,
and an undecided branch's unknowns give "cannot decide" only when no branch holds.

Missing facts. A fact two branches ask for (``operating_normally``, say) is named where the *explaining*
branch names it, so the order of the missing facts depends on the row: :func:`missing_in_order` builds
that list from the shown conditions, in step order, keeping each fact's first naming (``Rule.missing_facts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import polars as pl

from wenjiuye_cli.engine.rule import Cond, Msg, Scope, Step, cond, msg
from wenjiuye_cli.outcome import Status

MESSAGES: dict[str, tuple[str, str]] = {
    "branch": ("适用：{which}", "applies: {which}"),
    "note.branch_failed": ("不符合：{which}", "not met: {which}"),
    "note.branch_also": (
        "同时符合：{which}（只补一次，不重复计算）",
        "also met: {which} (paid once, not counted twice)",
    ),
}


ALL_STATUSES = (Status.ELIGIBLE, Status.INELIGIBLE, Status.CANNOT_DECIDE)


@dataclass(frozen=True)
class Branch:
    """One set of conditions; ``code`` is the message code naming it."""

    code: str
    conditions: tuple[Cond, ...]

    def verdict(self) -> pl.Expr:
        """False if a condition failed, null if one is unknown, true if all passed (Kleene ``and``). A
        condition with its own ``shown`` counts only where it is shown."""
        results = [
            c.result if c.shown is None else pl.when(c.shown.fill_null(False)).then(c.result).otherwise(True)
            for c in self.conditions
        ]
        return pl.all_horizontal(results)


@dataclass(frozen=True)
class Settled:
    """What :func:`settle` gives: the conditions to declare (in order), the notes, and the staged
    verdicts and "explains" flags (for rules that need them)."""

    steps: tuple[Cond, ...]
    notes: tuple[Msg, ...]
    holds: pl.Expr  # some branch holds
    verdicts: tuple[pl.Expr, ...]
    explains: tuple[pl.Expr, ...]


def settle(s: Scope, branches: Sequence[Branch], evaluated: pl.Expr) -> Settled:
    """The branches' conditions shown only where their branch explains the row (see the module doc), then
    the ``branch`` condition; ``evaluated``: where the branches are looked at at all."""
    verdicts = s.stage(**{f"verdict.{b.code}": b.verdict() for b in branches})
    v = [verdicts[f"verdict.{b.code}"] for b in branches]
    holds = [x.fill_null(False) for x in v]
    some_holds = pl.any_horizontal(holds)
    some_undecided = pl.any_horizontal([x.is_null() for x in v])
    first = [holds[i] & ~pl.any_horizontal(holds[:i]) if i else holds[0] for i in range(len(branches))]
    explains = s.stage(
        **{
            f"explains.{b.code}": evaluated.fill_null(False)
            & pl.when(some_holds).then(first[i]).when(some_undecided).then(v[i].is_null()).otherwise(True)
            for i, b in enumerate(branches)
        }
    )
    e = [explains[f"explains.{b.code}"] for b in branches]
    steps: list[Cond] = []
    for branch, shown in zip(branches, e, strict=True):
        steps += [replace(c, shown=shown if c.shown is None else shown & c.shown) for c in branch.conditions]
    chosen: pl.Expr = pl.lit(None, dtype=pl.String)
    for branch, is_first in reversed(list(zip(branches, first, strict=True))):
        chosen = pl.when(is_first).then(pl.lit(branch.code)).otherwise(chosen)
    steps.append(
        cond("branch", pl.lit(True), args={"which": chosen}, shown=evaluated.fill_null(False) & some_holds)
    )
    seen = evaluated.fill_null(False)
    notes = [
        msg(
            "note.branch_also",
            {"which": pl.lit(b.code)},
            shown=seen & holds[i] & ~first[i],
            statuses=ALL_STATUSES,
        )
        for i, b in enumerate(branches)
    ]
    notes += [
        msg(
            "note.branch_failed",
            {"which": pl.lit(b.code)},
            shown=seen & ~some_holds & some_undecided & v[i].not_().fill_null(False),
            statuses=ALL_STATUSES,
        )
        for i, b in enumerate(branches)
    ]
    return Settled(tuple(steps), tuple(notes), some_holds, tuple(v), tuple(e))


def missing_in_order(steps: Sequence[Step]) -> pl.Expr:
    """The facts the shown, undecided conditions name, in step order, each once (where first named): the
    explaining branch's order when alternative branches name the same fact (see the module doc)."""
    entries: list[pl.Expr] = []
    for step in steps:
        if not isinstance(step, Cond):
            continue
        recorded = pl.lit(True) if step.shown is None else step.shown.fill_null(False)
        undecided = recorded & step.result.is_null()
        for m in step.missing:
            listed = undecided if m.when is None else undecided & m.when.fill_null(False)
            entries.append(pl.when(listed).then(pl.lit(m.name)))
    empty = pl.lit([], dtype=pl.List(pl.String))
    if not entries:
        return empty
    # joined as text, then split (concat_list of literals is slow in polars 2.1); names hold no comma
    joined = pl.concat_str(entries, separator=",", ignore_nulls=True)
    return pl.when(joined == "").then(empty).otherwise(joined.str.split(",").list.unique(maintain_order=True))
