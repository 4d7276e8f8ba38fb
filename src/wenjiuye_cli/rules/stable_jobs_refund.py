"""第一条（落实援企稳岗政策）稳岗返还 — 附件1 序号1 (责任部门：区人社局)

  对依法缴纳失业保险费满12个月，不裁员或裁员率低于我市调查失业率控制目标的企业，返还其上年度企业与职工
  实际缴纳失业保险费的50%，对参保职工30人及以下的小微企业，裁员率放宽至20%。

The readings are ``wenjiuye_cli.measures.stable_jobs_refund``'s, each a parameter: "满12个月" includes 12;
"不裁员" passes on its own; 裁员率 = 上年度裁员人数 ÷ 参保职工人数, compared exactly as
laid off vs limit × insured ("低于" strict, "放宽至20%" allows 20%, each by its ``*_comparison``); the target
is ``external.unemployment_rate_target`` of the layoffs' year (read on its 12-31) or of the evaluation date
(``stable_jobs_refund.target_read_on``), and the outcome says what the other day's target gives when it
differs; the relaxed 20% is for a small/micro firm of at most 30 insured staff. Refund = premiums × 50%.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.columnar.expr import ON, Params, chain, fact, times, to_fen
from wenjiuye_cli.columnar.rule import Exit, Read, Rule, Scope, Settle, arg, cond, msg
from wenjiuye_cli.measures.stable_jobs_refund import MEASURE, TARGET_KEY, pct
from wenjiuye_cli.outcome import Status

PASS_SYMBOL = {"below": "<", "at_most": "≤"}
FAIL_SYMBOL = {"below": "≥", "at_most": ">"}


def _compared(value: pl.Expr, limit: pl.Expr, mode: pl.Expr) -> pl.Expr:
    """``outcome.compare`` by the reading in force: "below" is <, "at_most" is ≤."""
    return pl.when(mode == "below").then(value < limit).when(mode == "at_most").then(value <= limit)


def _symbol(ok: pl.Expr, mode: pl.Expr) -> pl.Expr:
    branches: list[tuple[pl.Expr, object]] = []
    for name in PASS_SYMBOL:
        branches.append((ok & (mode == name), PASS_SYMBOL[name]))
        branches.append((~ok & (mode == name), FAIL_SYMBOL[name]))
    return chain(branches, pl.lit(None, dtype=pl.String))


def _rate(counts: dict[str, Any]) -> str:
    """The layoff rate as the scalar rule shows it (a Decimal quotient, display only)."""
    return pct(Decimal(counts["laid_off"]) / Decimal(counts["insured"]))


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    required = p.param("stable_jobs_refund.min_contribution_months")  # 满12个月
    months = fact("ui_contribution_months")
    laid_off, insured = fact("laid_off_count"), fact("insured_staff_count")
    small_micro, premiums = fact("small_micro_enterprise"), fact("ui_premiums_paid_last_year")
    mode = p.param("stable_jobs_refund.layoff_rate_comparison")  # 低于
    relaxed_mode = p.param("stable_jobs_refund.relaxed_rate_comparison")  # 放宽至

    # 上年度 … 我市调查失业率控制目标: read on the layoffs' year's last day, or on the evaluation date
    by_year = p.param("stable_jobs_refund.target_read_on") == "layoff_year"
    year_end = pl.date(ON.dt.year() - 1, 12, 31)
    days = s.stage(
        target_on=pl.when(by_year).then(year_end).otherwise(ON),
        other_on=pl.when(by_year).then(ON).otherwise(year_end),
    )
    target_on, other_on = days["target_on"], days["other_on"]
    targets = s.stage(
        target=p.param(TARGET_KEY, target_on, from_policy_start=False),
        other=p.param(TARGET_KEY, other_on, from_policy_start=False),
    )
    target, other = targets["target"], targets["other"]
    small_max = p.param("stable_jobs_refund.small_firm_max_insured_staff")
    relaxed = p.param("stable_jobs_refund.small_firm_layoff_rate_limit")  # 放宽至20%
    checks = s.stage(
        target_ok=_compared(laid_off.cast(pl.Decimal(38, 10)), times(target, insured), mode),
        other_ok=_compared(laid_off.cast(pl.Decimal(38, 10)), times(other, insured), mode),
        relaxed_ok=_compared(laid_off.cast(pl.Decimal(38, 10)), times(relaxed, insured), relaxed_mode),
    )
    target_ok, other_ok, relaxed_ok = checks["target_ok"], checks["other_ok"], checks["relaxed_ok"]
    which = s.stage(
        which=chain(
            [
                (laid_off == 0, "layoff.none"),  # 不裁员
                (laid_off.is_null() | insured.is_null(), "layoff.unknown"),
                (insured == 0, "layoff.no_staff"),
                (target.is_null(), "layoff.target_unknown"),
                (target_ok, "layoff.target"),  # 裁员率低于我市调查失业率控制目标
                (insured > small_max, "layoff.too_many_staff"),  # 参保职工30人及以下
                (small_micro.is_null() & relaxed_ok, "layoff.small_micro_unknown"),
                (small_micro.is_null(), "layoff.relaxed"),
                (~small_micro, "layoff.not_small_micro"),
            ],
            pl.lit("layoff.relaxed"),
        )
    )["which"]
    layoff = chain(
        [
            (which.is_in(["layoff.none", "layoff.target"]), True),
            (which.is_in(["layoff.unknown", "layoff.no_staff", "layoff.target_unknown"]), None),
            (which == "layoff.small_micro_unknown", None),
            (which.is_in(["layoff.too_many_staff", "layoff.not_small_micro"]), False),
        ],
        relaxed_ok,
        pl.Boolean(),
    )
    # the rate's figures exist once both counts are known and there is a denominator
    rated = laid_off.is_not_null() & (laid_off != 0) & insured.is_not_null() & (insured != 0)
    counts = pl.when(rated).then(pl.struct(laid_off=laid_off, insured=insured))
    compared = rated & target.is_not_null()
    # What the other reading of the target gives, where the two days' values differ
    other_differs = rated & target.ne_missing(other)
    ratio = p.param("stable_jobs_refund.refund_ratio")  # 返还 … 50%
    amount = to_fen(times(premiums, ratio))
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            cond(
                "ui_contribution_months",
                months >= required,
                args={"required": required, "months": months},
                missing=["ui_contribution_months"],
            ),
            cond(
                "layoff",
                layoff,
                args={
                    "which": which,
                    "laid_off": laid_off,
                    "insured": insured,
                    "target_on": target_on,
                    "key": pl.lit(TARGET_KEY),
                    "year_start": pl.date(target_on.dt.year(), 1, 1),
                    "rate": arg(counts, _rate),
                    "target": arg(pl.when(compared).then(target), pct),
                    "target_op": pl.when(compared).then(_symbol(target_ok, mode)),
                    "target_year": target_on.dt.year(),
                    "small_max": small_max,
                    "relaxed": arg(relaxed, pct),
                    "relaxed_op": pl.when(compared).then(_symbol(relaxed_ok, relaxed_mode)),
                },
                missing=[
                    ("laid_off_count", laid_off.is_null()),
                    ("insured_staff_count", insured.is_null()),
                    ("small_micro_enterprise", which == "layoff.small_micro_unknown"),
                ],
            ),
            Read("insured_staff_count", when=laid_off.ne_missing(0)),
            Read("small_micro_enterprise", when=compared & ~target_ok & (insured <= small_max)),
            Read("ui_premiums_paid_last_year"),
            Settle(),
            Exit(premiums.is_null(), Status.CANNOT_DECIDE),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(msg("arith.refund", {"premiums": premiums, "ratio": arg(ratio, pct), "amount": amount}),),
        notes=(
            msg(
                "note.target_other_reading",
                {
                    "on": other_on,
                    "mode": pl.when(by_year).then(pl.lit("evaluation_date")).otherwise(pl.lit("layoff_year")),
                    "other": pl.when(other.is_null())
                    .then(pl.lit("target.none"))
                    .otherwise(pl.lit("target.value")),
                    "target": arg(other, pct),
                    "verdict": pl.when(other_ok.fill_null(False))
                    .then(pl.lit("verdict.passed"))
                    .otherwise(pl.lit("verdict.failed")),
                },
                shown=other_differs,
                statuses=tuple(Status),
            ),
        ),
        payee="applicant",
    )
