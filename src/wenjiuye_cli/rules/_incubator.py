"""第十六条 支持创业孵化载体建设 — 附件1 序号38: the condition the three incubator subsidies share.

对我区创业孵化基地，给予建设费补贴、孵化补贴、带动就业补贴，……
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from wenjiuye_cli.engine.expr import fact
from wenjiuye_cli.engine.rule import Cond, cond
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.money import fmt_number

HEPING_INCUBATOR = fact_spec(
    "heping_incubator", "bool", ("是否本区创业孵化基地", "business incubator of Heping District"),
    ("经认定的和平区创业孵化基地", "a business incubator recognised by Heping District"), ("incubator",),
)  # fmt: skip
INCUBATED_FIRMS_COUNT = fact_spec(
    "incubated_firms_count", "int", ("在孵企业数", "incubated firms"),
    ("基地现有在孵企业户数", "firms currently incubated in the base"), ("incubator",),
)  # fmt: skip
STUDENT_FOUNDED_FIRMS_COUNT = fact_spec(
    "student_founded_firms_count", "int", ("大学生创办在孵企业数", "incubated firms founded by students"),
    ("在孵企业中由大学生创办的户数", "incubated firms founded by university students"), ("incubator",),
)  # fmt: skip
NEW_INCUBATED_FIRMS = fact_spec(
    "new_incubated_firms", "firms", ("新增孵化企业（经营月数/带动就业人数）", "new incubated firms (months/jobs)"),
    ("每户新增孵化企业的生产经营月数和带动就业人数，如 14/3; 12/1；没有填 无",
     "each new incubated firm's months of operation and jobs created, e.g. 14/3; 12/1; none if none"),
    ("incubator",),
)  # fmt: skip
NEW_JOBS_IN_INCUBATED_FIRMS = fact_spec(
    "new_jobs_in_incubated_firms", "int", ("在孵企业本年新增带动就业人数", "new jobs in incubated firms this year"),
    ("本年度在孵企业新增带动就业的人数", "jobs newly created this year by the incubated firms"), ("incubator",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "heping_incubator": ("我区创业孵化基地", "a Heping District business incubator"),
}


def pct(ratio: Decimal) -> str:
    """A ratio as a percentage for display: 0.5 → "50%"; 2/3 → "≈66.67%" (display only)."""
    exact = ratio * 100
    shown = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{fmt_number(shown)}%"
    return text if shown == exact else f"≈{text}"


def heping_incubator() -> Cond:
    """对我区创业孵化基地."""
    return cond("heping_incubator", fact("heping_incubator"), missing=["heping_incubator"])
