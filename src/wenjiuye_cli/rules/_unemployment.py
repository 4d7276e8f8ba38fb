"""Registered unemployment (登记失业), read as ``wenjiuye_cli.measures._unemployment`` reads it.

A registration date means registered; "no" without a date, not registered; "yes" without a date,
registered since an unknown day; "no" together with a date contradicts itself (cannot decide, and neither
fact is named missing: both were given).
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.columnar.expr import NULL_BOOL, fact
from wenjiuye_cli.columnar.rule import Cond, cond


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
