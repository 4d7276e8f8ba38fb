"""第一条（落实援企稳岗政策）稳岗返还 — 附件1 序号1 (责任部门：区人社局)

  对依法缴纳失业保险费满12个月，不裁员或裁员率低于我市调查失业率控制目标的企业，返还其上年度企业与职工
  实际缴纳失业保险费的50%，对参保职工30人及以下的小微企业，裁员率放宽至20%。

Readings (each is a parameter in policy.toml, overridable with --set):
- "满12个月" includes 12 (``stable_jobs_refund.min_contribution_months``).
- "不裁员" (0 layoffs last year) passes on its own: the rate, and so the staff count, is not needed.
- 裁员率 = 上年度裁员人数 ÷ 参保职工人数 (``stable_jobs_refund.layoff_rate_denominator``).
- Two comparisons, each an interpretation: "低于控制目标" is strict, rate < target
  (``stable_jobs_refund.layoff_rate_comparison``); "放宽至20%" raises the allowed rate to 20% and allows
  20% itself, rate ≤ 20% (``stable_jobs_refund.relaxed_rate_comparison``).
- The target is ``external.unemployment_rate_target`` of the year the layoffs happened (上年度: the calendar
  year before the evaluation date, read on its last day), by ``stable_jobs_refund.target_read_on``; with no
  value in force then the measure cannot decide and names the ``--set`` to supply. The outcome shows what
  the other reading (the target in force on the evaluation date) gives when it differs.
- The relaxed 20% is for a small/micro firm with at most 30 insured staff; whether the firm is small/micro
  is asked only when the target test fails and the staff count is within 30.
- Refund = last year's premiums actually paid (firm and staff together) × 50%, rounded to the fen.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from wenjiuye_cli.facts import APPLICATION_DATE, IS_SMALL_MICRO, fact
from wenjiuye_cli.money import fmt_number, to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status, compare
from wenjiuye_cli.policy import ParameterNotInForce

UI_CONTRIBUTION_MONTHS = fact(
    "ui_contribution_months", "int", ("依法缴纳失业保险费月数", "months of unemployment-insurance contributions"),
    ("企业依法缴纳失业保险费的月数（满12个月方可返还）", "months the firm has paid unemployment insurance (12 needed)"),
    ("enterprise",),
)  # fmt: skip
INSURED_STAFF_COUNT = fact(
    "insured_staff_count", "int", ("参保职工人数", "insured staff"),
    ("参加失业保险的职工人数（裁员率的分母）", "staff insured against unemployment (denominator of the layoff rate)"),
    ("enterprise",),
)  # fmt: skip
LAID_OFF_COUNT = fact(
    "laid_off_count", "int", ("上年度裁员人数", "layoffs last year"),
    ("上年度裁减的职工人数；不裁员填 0", "staff laid off last year; 0 if none"), ("enterprise",),
)  # fmt: skip
UI_PREMIUMS_PAID_LAST_YEAR = fact(
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


def target_date(ev: Evaluation) -> date:
    """The day ``external.unemployment_rate_target`` is read on: the last day of the layoffs' year (上年度,
    the calendar year before the evaluation date) or, by the other reading, the evaluation date."""
    if ev.choice("stable_jobs_refund.target_read_on") == "layoff_year":
        return date(ev.on.year - 1, 12, 31)
    return ev.on


def _target(ev: Evaluation, on: date) -> Decimal | None:
    try:
        return ev.dec(TARGET_KEY, on)
    except ParameterNotInForce:
        return None


def _check_layoffs(ev: Evaluation) -> list[Message]:
    """Record condition ``layoff``; returns the notes to add (what the other reading of the target gives)."""
    notes: list[Message] = []
    laid_off: int | None = ev.fact("laid_off_count")
    if laid_off == 0:
        ev.check("layoff", True, which="layoff.none")
        return notes
    insured: int | None = ev.fact("insured_staff_count")
    if laid_off is None or insured is None:
        missing = tuple(
            n for n, v in (("laid_off_count", laid_off), ("insured_staff_count", insured)) if v is None
        )
        ev.check("layoff", None, missing=missing, which="layoff.unknown")
        return notes
    if insured == 0:
        # Both counts were given: a contradiction to correct, not a missing fact.
        ev.check("layoff", None, which="layoff.no_staff", laid_off=laid_off)
        return notes

    denominator = ev.choice("stable_jobs_refund.layoff_rate_denominator")
    assert denominator == "insured_staff", denominator  # the only reading policy.toml allows
    mode = ev.choice("stable_jobs_refund.layoff_rate_comparison")
    relaxed_mode = ev.choice("stable_jobs_refund.relaxed_rate_comparison")
    target_on = target_date(ev)
    target = _target(ev, target_on)
    other_on = ev.on if target_on != ev.on else date(ev.on.year - 1, 12, 31)
    other = _target(ev, other_on)
    if other != target:
        # What the other reading of “上年度 … 控制目标” gives (the reading's own value is in the condition).
        passed = other is not None and compare(Decimal(laid_off), other * insured, mode)
        notes.append(
            Message(
                "note.target_other_reading",
                {"on": other_on,
                    "mode": "evaluation_date" if other_on == ev.on else "layoff_year", "other": "target.none" if other is None else "target.value",
                 "target": None if other is None else pct(other), "verdict": f"verdict.{'passed' if passed else 'failed'}"},
            )
        )  # fmt: skip
    if target is None:
        ev.check("layoff", None, which="layoff.target_unknown", laid_off=laid_off, insured=insured,
                 target_on=target_on, key=TARGET_KEY, year_start=date(target_on.year, 1, 1))  # fmt: skip
        return notes
    rate = Decimal(laid_off) / Decimal(insured)
    # Compare laid_off with limit × insured: exact, whatever the quotient's expansion.
    target_ok = compare(Decimal(laid_off), target * insured, mode)
    args: dict[str, Any] = {
        "laid_off": laid_off,
        "insured": insured,
        "rate": pct(rate),
        "target": pct(target),
        "target_op": (_PASS_SYMBOL if target_ok else _FAIL_SYMBOL)[mode],
        "target_year": target_on.year,
    }
    if target_ok:
        ev.check("layoff", True, which="layoff.target", **args)
        return notes

    small_max = ev.integer("stable_jobs_refund.small_firm_max_insured_staff")
    relaxed = ev.dec("stable_jobs_refund.small_firm_layoff_rate_limit")
    relaxed_ok = compare(Decimal(laid_off), relaxed * insured, relaxed_mode)
    args |= {
        "small_max": small_max,
        "relaxed": pct(relaxed),
        "relaxed_op": (_PASS_SYMBOL if relaxed_ok else _FAIL_SYMBOL)[relaxed_mode],
    }
    if insured > small_max:
        ev.check("layoff", False, which="layoff.too_many_staff", **args)
        return notes
    small_micro: bool | None = ev.fact("small_micro_enterprise")
    if small_micro is None:
        if relaxed_ok:
            ev.check(
                "layoff",
                None,
                missing=("small_micro_enterprise",),
                which="layoff.small_micro_unknown",
                **args,
            )
        else:  # fails the relaxed limit too: whether it is small/micro does not matter
            ev.check("layoff", False, which="layoff.relaxed", **args)
        return notes
    if not small_micro:
        ev.check("layoff", False, which="layoff.not_small_micro", **args)
        return notes
    ev.check("layoff", relaxed_ok, which="layoff.relaxed", **args)
    return notes


def evaluate(ev: Evaluation) -> Outcome:
    required = ev.integer("stable_jobs_refund.min_contribution_months")
    months: int | None = ev.fact("ui_contribution_months")
    ev.check(
        "ui_contribution_months",
        None if months is None else months >= required,
        missing=("ui_contribution_months",),
        required=required,
        months=months,
    )
    notes = _check_layoffs(ev)
    premiums: Decimal | None = ev.fact("ui_premiums_paid_last_year")
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(notes)
        return settled
    if premiums is None:
        return ev.outcome(Status.CANNOT_DECIDE, notes=notes)

    ratio = ev.dec("stable_jobs_refund.refund_ratio")
    amount = to_fen(premiums * ratio)
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[Message("arith.refund", {"premiums": premiums, "ratio": pct(ratio), "amount": amount})],
        notes=notes,
    )


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
    evaluate=evaluate,
    messages=MESSAGES,
)
