"""Registered unemployment (登记失业), read as ``wenjiuye_cli.rules._unemployment`` reads it.

A registration date means registered; "no" without a date, not registered; "yes" without a date,
registered since an unknown day; "no" together with a date contradicts itself (cannot decide, and neither
fact is named missing: both were given).
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import NULL_BOOL, fact
from wenjiuye_cli.engine.rule import Cond, cond

REGISTERED = "registered_unemployed"
SINCE = "registered_unemployed_since"

MESSAGES: dict[str, tuple[str, str]] = {
    "unemployment.contradiction": (
        "登记失业信息矛盾：registered_unemployed（是否登记失业）填“否”，registered_unemployed_since（登记失业日期）"
        "却填了 {since}；请更正其中一项",
        "registered unemployment is contradictory: registered_unemployed is 'no' but registered_unemployed_since "
        "gives {since}; correct one of them",
    ),
}


def registered_unemployed(code: str = "registered_unemployed") -> tuple[Cond, Cond]:
    """The condition ``code`` (or the contradiction in its place)."""
    flag, since = fact("registered_unemployed"), fact("registered_unemployed_since")
    contradiction = since.is_not_null() & flag.eq_missing(False)
    return (
        cond("unemployment.contradiction", NULL_BOOL, args={"since": since}, shown=contradiction),
        cond(
            code,
            pl.when(since.is_not_null()).then(True).otherwise(flag),
            missing=["registered_unemployed"],
            shown=~contradiction,
        ),
    )
