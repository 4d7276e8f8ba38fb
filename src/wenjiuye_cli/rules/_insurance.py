"""Pieces of 第十条 序号30 (the employer's five-insurance and post subsidies) over columns that do not belong
to one expression: ages on a day, a tri-state tree's missing facts in the routes' order, and the note saying
what the other reading of a word gives. "本市高校毕业生" and "hired once the policy was in force" under a
reading given as an expression are ``rules._hire``'s (:func:`~wenjiuye_cli.rules._hire.tianjin_graduate_as`,
:func:`~wenjiuye_cli.rules._hire.hired_in_force`), still importable from here.

The rule (``wenjiuye_cli.rules.employer_insurance``) notes what two other readings give
(``rules._readings``): for "施行后" (``general.hires_from_policy_start``) and for
"本市高校毕业生" (``general.tianjin_graduate_means``). The other reading is the same rule built
again with that one parameter read otherwise (:mod:`wenjiuye_cli.engine.readings`), so every reading-
dependent helper here takes the parameter's value as an expression rather than reading it itself.

Missing facts of a tree of tri-state results (all of / any of its children). An unknown node
names the facts its unknown children name, in order, each once; so a leaf's facts are named exactly when
every node from the root down to it is unknown, and the facts come in the order of the leaves, each where
it is first named. A fact under several leaves (``employment_difficulty`` is under four) is therefore named
at a place that depends on the row: :class:`Leaf` and :func:`first_named` say where.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from wenjiuye_cli.engine.readings import other_outcome
from wenjiuye_cli.engine.rule import Cond, Msg, Rule, Step

# The hire's pieces have one home, ``rules._hire`` (and the statuses ``rules._periods``); the names imported
# ``as`` themselves stay importable from here.
from wenjiuye_cli.rules._hire import hired_in_force as hired_in_force
from wenjiuye_cli.rules._hire import other_reading_note
from wenjiuye_cli.rules._hire import other_tianjin_reading as other_tianjin_reading
from wenjiuye_cli.rules._hire import tianjin_graduate_as as tianjin_graduate_as
from wenjiuye_cli.rules._periods import ALL_STATUSES as ALL_STATUSES


def age_on(birth: pl.Expr, on: pl.Expr) -> pl.Expr:
    """``dates.age_on``: completed years on ``on``; an age is reached on the birthday itself ("年满")."""
    day_of_year = on.dt.month().cast(pl.Int32) * 100 + on.dt.day().cast(pl.Int32)
    birthday = birth.dt.month().cast(pl.Int32) * 100 + birth.dt.day().cast(pl.Int32)
    years = on.dt.year().cast(pl.Int32) - birth.dt.year().cast(pl.Int32)
    return years - (day_of_year < birthday).cast(pl.Int32)


@dataclass(frozen=True)
class Leaf:
    """A leaf of a tri-state tree: the facts it names when unknown (each with the test saying it is
    unknown here: the fact is missing, and the reading uses it) and the nodes from the root down to it."""

    names: tuple[tuple[str, pl.Expr], ...]
    path: tuple[pl.Expr, ...]

    def named(self, name: str) -> pl.Expr | None:
        """Where this leaf names ``name`` (every node on its path unknown and the fact's own test); None
        when it never does."""
        for own, test in self.names:
            if own == name:
                return pl.all_horizontal([*(node.is_null() for node in self.path), test])
        return None


def fact_names(leaves: Sequence[Leaf]) -> list[str]:
    """Every fact the leaves may name, in the order it first appears."""
    out: list[str] = []
    for leaf in leaves:
        out += [name for name, _ in leaf.names if name not in out]
    return out


def occurrences(leaves: Sequence[Leaf]) -> dict[str, pl.Expr]:
    """Where each leaf names each of its facts, keyed ``occ.<leaf>.<fact>``: to stage as columns, which
    :func:`tree_entries`, :func:`named_anywhere` and :func:`first_named` then read."""
    out: dict[str, pl.Expr] = {}
    for i, leaf in enumerate(leaves):
        for name, _ in leaf.names:
            test = leaf.named(name)
            assert test is not None
            out[f"occ.{i}.{name}"] = test
    return out


def tree_entries(leaves: Sequence[Leaf], occ: Mapping[str, pl.Expr]) -> list[tuple[str, pl.Expr]]:
    """(fact, where this leaf names it) for every leaf's facts, in the leaves' order (a fact may recur)."""
    return [(name, occ[f"occ.{i}.{name}"]) for i, leaf in enumerate(leaves) for name, _ in leaf.names]


def named_anywhere(leaves: Sequence[Leaf], occ: Mapping[str, pl.Expr], name: str) -> pl.Expr:
    """Where some leaf names ``name``."""
    return pl.any_horizontal([test for fact_name, test in tree_entries(leaves, occ) if fact_name == name])


def first_named(leaves: Sequence[Leaf], occ: Mapping[str, pl.Expr], name: str) -> pl.Expr:
    """The index of the first leaf naming ``name`` (null where none does)."""
    out: pl.Expr = pl.lit(None, dtype=pl.Int32)
    for i in reversed(range(len(leaves))):
        key = f"occ.{i}.{name}"
        if key in occ:
            out = pl.when(occ[key]).then(pl.lit(i, dtype=pl.Int32)).otherwise(out)
    return out


def names_in_order(entries: Sequence[tuple[str, pl.Expr]]) -> pl.Expr:
    """The names whose test holds, in order, each once where it first holds (a list of strings)."""
    empty = pl.lit([], dtype=pl.List(pl.String))
    if not entries:
        return empty
    # joined as text, then split (concat_list of literals is slow in polars 2.1); names hold no comma
    joined = pl.concat_str([pl.when(t).then(pl.lit(n)) for n, t in entries], separator=",", ignore_nulls=True)
    return pl.when(joined == "").then(empty).otherwise(joined.str.split(",").list.unique(maintain_order=True))


def step_entries(
    steps: Sequence[Step], code: str, entries: Sequence[tuple[str, pl.Expr]]
) -> list[tuple[str, pl.Expr]]:
    """(fact, where it is named) for the undecided conditions of ``steps``, in step order — where the
    conditions ``code`` (one condition shown in several orders) come, ``entries`` instead, once."""
    out: list[tuple[str, pl.Expr]] = []
    placed = False
    for step in steps:
        if not isinstance(step, Cond):
            continue
        if step.code == code:
            if not placed:
                out += entries
                placed = True
            continue
        recorded = pl.lit(True) if step.shown is None else step.shown.fill_null(False)
        undecided = recorded & step.result.is_null()
        out += [
            (m.name, undecided if m.when is None else undecided & m.when.fill_null(False))
            for m in step.missing
        ]
    return out


def order_for(leaves: Sequence[Leaf], first: dict[str, int]) -> list[str]:
    """The order in which the facts are named when each fact of ``first`` is first named at that leaf
    (the others where they first appear): by leaf, then by place within the leaf."""
    place: dict[str, tuple[int, int]] = {}
    for i, leaf in enumerate(leaves):
        for j, (name, _) in enumerate(leaf.names):
            if name not in place and first.get(name, i) == i:
                place[name] = (i, j)
    return sorted(place, key=lambda n: place[n])


def reading_note(
    other: Rule | None,
    key: str,
    value: pl.Expr,
    reading: pl.Expr,
    shown: pl.Expr,
    otherwise: str = "other.ineligible",
) -> Msg:
    """:func:`wenjiuye_cli.rules._hire.other_reading_note` ("按另一种理解（reading；--set key=value）：…")
    from ``other`` — the rule with ``key`` read as ``value`` (a text), its outcome columns there once its
    stages ran (:func:`wenjiuye_cli.engine.readings.outcome_stages`). ``other`` None: the outcome is
    known to be ``otherwise`` wherever the note is shown."""
    got = None if other is None else other_outcome(other)
    return other_reading_note(key, value, reading, got, shown, otherwise)
