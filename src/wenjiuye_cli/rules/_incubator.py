"""第十六条 支持创业孵化载体建设 — 附件1 序号38: the condition the three incubator subsidies share.

对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，……
"""

from __future__ import annotations

from wenjiuye_cli.columnar.expr import fact
from wenjiuye_cli.columnar.rule import Cond, cond


def heping_incubator() -> Cond:
    """对我区创业孵化基地."""
    return cond("heping_incubator", fact("heping_incubator"), missing=["heping_incubator"])
