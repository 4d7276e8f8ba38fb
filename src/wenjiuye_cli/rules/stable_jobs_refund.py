"""第一条（落实援企稳岗政策）稳岗返还 — 附件1 序号1 (责任部门：区人社局)

  对依法缴纳失业保险费满12个月，不裁员或裁员率低于我市调查失业率控制目标的企业，返还其上年度企业与职工
  实际缴纳失业保险费的50%，对参保职工30人及以下的小微企业，裁员率放宽至20%。

The readings are ``wenjiuye_cli.rules.stable_jobs_refund``'s, each a parameter: "满12个月" includes 12;
"不裁员" passes on its own; 裁员率 = 上年度裁员人数 ÷ 参保职工人数, compared exactly as
laid off vs limit × insured ("低于" strict, "放宽至20%" allows 20%, each by its ``*_comparison``); the target
is ``external.unemployment_rate_target`` of the layoffs' year (read on its 12-31) or of the evaluation date
(``stable_jobs_refund.target_read_on``), and the outcome says what the other day's target gives when it
differs; the relaxed 20% is for a small/micro firm of at most 30 insured staff. Refund = premiums × 50%.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import ON, Params, chain, fact, times, to_fen
from wenjiuye_cli.engine.rule import Exit, Read, Rule, Scope, Settle, arg, cond, msg
from wenjiuye_cli.facts import APPLICATION_DATE, IS_SMALL_MICRO
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.money import fmt_number
from wenjiuye_cli.outcome import Measure, Status

UI_CONTRIBUTION_MONTHS = fact_spec(
    "ui_contribution_months", "int", ("依法缴纳失业保险费月数", "months of unemployment-insurance contributions"),
    ("企业依法缴纳失业保险费的月数（满12个月方可返还）", "months the firm has paid unemployment insurance (12 needed)"),
    ("enterprise",),
)  # fmt: skip
INSURED_STAFF_COUNT = fact_spec(
    "insured_staff_count", "int", ("参保职工人数", "insured staff"),
    ("参加失业保险的职工人数（裁员率的分母）", "staff insured against unemployment (denominator of the layoff rate)"),
    ("enterprise",),
)  # fmt: skip
LAID_OFF_COUNT = fact_spec(
    "laid_off_count", "int", ("上年度裁员人数", "layoffs last year"),
    ("上年度裁减的职工人数；不裁员填 0", "staff laid off last year; 0 if none"), ("enterprise",),
)  # fmt: skip
UI_PREMIUMS_PAID_LAST_YEAR = fact_spec(
    "ui_premiums_paid_last_year", "money", ("上年度实际缴纳失业保险费", "unemployment-insurance premiums paid last year"),
    ("上年度企业与职工实际缴纳的失业保险费合计（元）", "premiums actually paid last year by the firm and its staff, yuan"),
    ("enterprise",),
)  # fmt: skip

_RATE_PREFIX_ZH = (
    "裁员率 {laid_off} ÷ {insured} = {rate} {target_op} {target}（我市 {target_year} 年调查失业率控制目标）"
)
_RATE_PREFIX_EN = (
    "layoff rate {laid_off} ÷ {insured} = {rate} {target_op} {target} (Tianjin unemployment target for "
    "{target_year})"
)
TARGET_KEY = "external.unemployment_rate_target"

MESSAGES: dict[str, tuple[str, str]] = {
    "ui_contribution_months": (
        "依法缴纳失业保险费满 {required} 个月：已缴 {months} 个月",
        "unemployment insurance paid for at least {required} months: {months} months paid",
    ),
    "layoff": ("不裁员或裁员率达标：{which}", "no layoffs or layoff rate within the limit: {which}"),
    "layoff.none": ("上年度未裁员", "no layoffs last year"),
    "layoff.target": (_RATE_PREFIX_ZH, _RATE_PREFIX_EN),
    "layoff.relaxed": (
        _RATE_PREFIX_ZH + "；参保职工 {insured} 人（{small_max}人及以下）的小微企业放宽至 {relaxed}："
        "{rate} {relaxed_op} {relaxed}",
        _RATE_PREFIX_EN
        + "; a small/micro firm with {insured} insured staff (at most {small_max}) is allowed "
        "{relaxed}: {rate} {relaxed_op} {relaxed}",
    ),
    "layoff.too_many_staff": (
        _RATE_PREFIX_ZH + "；参保职工 {insured} 人，超过 {small_max} 人，不适用小微企业放宽至 {relaxed}"
        "（{rate} {relaxed_op} {relaxed}）",
        _RATE_PREFIX_EN + "; {insured} insured staff is more than {small_max}, so the relaxed {relaxed} "
        "for small/micro firms ({rate} {relaxed_op} {relaxed}) does not apply",
    ),
    "layoff.not_small_micro": (
        _RATE_PREFIX_ZH
        + "；参保职工 {insured} 人，但不是小微企业，不适用 {small_max} 人及以下小微企业放宽至 "
        "{relaxed}（{rate} {relaxed_op} {relaxed}）",
        _RATE_PREFIX_EN
        + "; {insured} insured staff but not a small/micro firm, so the relaxed {relaxed} for "
        "small/micro firms of at most {small_max} ({rate} {relaxed_op} {relaxed}) does not apply",
    ),
    "layoff.small_micro_unknown": (
        _RATE_PREFIX_ZH
        + "；参保职工 {insured} 人，若为小微企业则放宽至 {relaxed}（{rate} {relaxed_op} {relaxed}），"
        "需知是否小微企业",
        _RATE_PREFIX_EN + "; with {insured} insured staff a small/micro firm is allowed {relaxed} "
        "({rate} {relaxed_op} {relaxed}): need to know whether it is small/micro",
    ),
    "layoff.no_staff": (
        "上年度裁员 {laid_off} 人，但参保职工人数填的是 0，两者矛盾，裁员率无法计算：请核对 laid_off_count 和 "
        "insured_staff_count",
        "{laid_off} laid off but insured_staff_count is 0: the two contradict each other and the layoff rate "
        "cannot be computed; check laid_off_count and insured_staff_count",
    ),
    "layoff.target_unknown": (
        "上年度裁员 {laid_off} 人、参保职工 {insured} 人：{target_on} 没有我市调查失业率控制目标的取值，无法比较；"
        "请补充该年度的控制目标（天津市公布的数值），例如 --set {key}@{year_start}=<value>",
        "{laid_off} laid off of {insured} insured staff: no Tianjin unemployment-rate target is on file for "
        "{target_on}, so the rate cannot be compared; supply that year's published target, e.g. "
        "--set {key}@{year_start}=<value>",
    ),
    "note.target_other_reading": (
        "若改按 {on} 读取控制目标（--set stable_jobs_refund.target_read_on={mode}）：{other}",
        "reading the target on {on} instead (--set stable_jobs_refund.target_read_on={mode}): {other}",
    ),
    "target.none": ("没有取值，无法判断", "no value on file: cannot decide"),
    "target.value": ("控制目标 {target}，{verdict}", "target {target}: {verdict}"),
    "verdict.passed": ("裁员率达标", "the layoff rate passes"),
    "verdict.failed": (
        "裁员率未达标（再看小微企业放宽）",
        "the layoff rate fails it (then the small-firm relaxation)",
    ),
    "layoff.unknown": (
        "需知上年度裁员人数和参保职工人数",
        "need last year's layoffs and the insured staff count",
    ),
    "arith.refund": (
        "上年度实际缴纳失业保险费 {premiums} 元 × {ratio} = {amount} 元",
        "premiums paid last year {premiums} yuan × {ratio} = {amount} yuan",
    ),
}

_PASS_SYMBOL = {"below": "<", "at_most": "≤"}
_FAIL_SYMBOL = {"below": "≥", "at_most": ">"}


def pct(ratio: Decimal) -> str:
    """A ratio as a percentage for display: 0.05 → "5%"; 1/3 → "≈33.33%" (display only)."""
    exact = ratio * 100
    shown = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{fmt_number(shown)}%"
    return text if shown == exact else f"≈{text}"


MEASURE = Measure(
    id="stable_jobs_refund",
    name_zh="稳岗返还",
    name_en="job-retention refund of unemployment-insurance premiums",
    article="一",
    tasks=(1,),
    department="区人社局",  # 附件1 序号1 names 区人社局 alone; the article adds 序号3's departments (fee cut)
    kinds=frozenset({"enterprise"}),
    facts=(
        APPLICATION_DATE,
        UI_CONTRIBUTION_MONTHS,
        LAID_OFF_COUNT,
        INSURED_STAFF_COUNT,
        IS_SMALL_MICRO,
        UI_PREMIUMS_PAID_LAST_YEAR,
    ),
    messages=MESSAGES,
)


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
    """The layoff rate as the outcome shows it (a Decimal quotient, display only)."""
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
