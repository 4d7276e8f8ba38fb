"""rules/_branches.py: which branch explains a row, and the missing facts in the explaining branches' order."""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.rule import Cond, Scope, cond
from wenjiuye_cli.rules._branches import Branch, missing_in_order, settle

# a: x and shared; b: y and shared (shared is asked by both branches, as operating_normally is)
ROWS = {
    "x": [True, True, False, None, False, False],
    "y": [False, True, None, None, False, True],
    "shared": [True, True, None, None, True, None],
}


def _frame() -> tuple[pl.DataFrame, list[Cond], list[pl.Expr]]:
    s = Scope("t")
    shared = cond("shared", pl.col("shared"), missing=["shared"])
    a = Branch("branch_a", (cond("x", pl.col("x"), missing=["x"]), shared))
    b = Branch("branch_b", (cond("y", pl.col("y"), missing=["y"]), shared))
    settled = settle(s, [a, b], evaluated=pl.lit(True))
    frame = pl.DataFrame(ROWS, schema=dict.fromkeys(ROWS, pl.Boolean))
    for stage in s.stages:
        frame = frame.with_columns(list(stage.values()))
    return frame, list(settled.steps), list(settled.explains)


def test_the_first_holding_branch_explains_else_the_undecided_else_all() -> None:
    frame, _steps, explains = _frame()
    got = frame.select(a=explains[0], b=explains[1]).rows()
    assert got == [
        (True, False),  # a holds: a alone
        (True, False),  # both hold: the first
        (False, True),  # a failed, b undecided: b
        (True, True),  # both undecided: both
        (True, True),  # both failed: all
        (False, True),  # a failed, b undecided on the shared fact
    ]


def test_missing_facts_follow_the_explaining_branches() -> None:
    frame, steps, _explains = _frame()
    names = frame.select(missing_in_order(steps).alias("m"))["m"].to_list()
    assert names[2] == ["y", "shared"]  # b's order, though a names shared before b's y
    assert names[3] == ["x", "shared", "y"]  # both explain: a's facts, then b's new one
    assert names[5] == ["shared"]
    assert names[0] == []
