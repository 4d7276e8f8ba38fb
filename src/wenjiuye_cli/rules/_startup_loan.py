"""Shared by both parts of 第十七条 加大创业担保贷款支持力度 — 附件1 序号40–41 (责任部门：区人社局), as expressions.

  ……对带动就业效果明显的创业者和小微企业，可最多申请3次贷款。

The columnar form of ``wenjiuye_cli.rules._startup_loan``: the loan-count rule quoted above, the loan's
facts, the interest of the three repayment schedules, and the national 2021 formula both measures share.

The discount's *shape* changes with the contract date (``startup_loan.discount_rule``, read on that date):
each shape is a :class:`Formula` of its own (``formula_district_2020`` in each measure's rule, and
:func:`formula_lpr_minus_150bp` here, as OpenFisca writes ``formula_2021`` beside ``formula_2020``), and
:func:`choose` picks one per row by the rule read on the contract date — never an ``if`` on a date inside
one formula.

Interest is exact Decimal arithmetic at :data:`SCALE` (24 places), rounded to the fen only where a payment
is implied (the measure's discount). The month-by-month schedules are summed in closed form:

* interest only: ``P × c × k ÷ 12``;
* equal principal: ``c/12 × (k·P − P/n · k(k−1)/2) = c·P·(2nk − k(k−1)) ÷ 24n`` (one division);
* equal instalments at monthly rate ``i`` (``v = 1/(1+i)``): the balance after ``m`` months is
  ``P (1 − v^(n−m)) / (1 − v^n)``, so the first ``k`` months' interest at ``c/12`` is
  ``c/12 × P (k − v^(n−k) (1 − v^k) / i) / (1 − v^n)`` and the instalment is ``P i / (1 − v^n)``.
  The first month's interest (``P × c/12``) and a one-month instalment (``P (1 + i)``) are taken
  directly, so that they are exact (a text then shows no "≈").
  Powers of ``v`` (< 1, so never overflowing) are taken by squaring, one column per power, over the bits
  of the longest term a row can have.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import Params, chain, fact, months_between, to_fen
from wenjiuye_cli.engine.rule import (
    Arg,
    Cond,
    Exit,
    Extra,
    Msg,
    Read,
    Scope,
    Settle,
    Step,
    arg,
    cond,
    extra,
    msg,
)
from wenjiuye_cli.facts import FactSpec
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.money import FEN, fmt_number
from wenjiuye_cli.outcome import Cap, Label, Status

RULE_DISTRICT_2020 = "district_2020"
RULE_LPR_MINUS_150BP = "lpr_minus_150bp"

REPAYMENT_CHOICES: dict[str, tuple[str, str]] = {
    "interest_only": ("按月付息到期还本", "interest only, principal at maturity"),
    "equal_principal": ("等额本金", "equal principal"),
    "equal_installment": ("等额本息", "equal instalments"),
}

STARTING_BUSINESS_IN_HEPING = fact_spec(
    "starting_business_in_heping", "bool", ("是否在本区创业", "starting a business in Heping"),
    ("创业者或小微企业在和平区创业", "the founder or small/micro firm starts up in Heping District"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_AMOUNT = fact_spec(
    "loan_amount", "money", ("创业担保贷款金额", "guaranteed loan amount"),
    ("贷款合同金额（元）；超过最高额的部分不贴息", "loan principal in yuan; no discount above the maximum"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_TERM_MONTHS = fact_spec(
    "loan_term_months", "int", ("贷款期限（月）", "loan term (months)"),
    ("贷款合同期限，按月计；超过最长期限的部分不贴息", "loan term in months; no discount beyond the longest term"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_ANNUAL_RATE = fact_spec(
    "loan_annual_rate", "ratio", ("贷款年利率", "loan annual interest rate"),
    ("合同年利率，如 0.0435 或 4.35%", "annual rate in the contract, e.g. 0.0435 or 4.35%"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_CONTRACT_DATE = fact_spec(
    "loan_contract_date", "date", ("贷款合同签订日期", "loan contract date"),
    ("用于确定当日的一年期LPR", "fixes the one-year LPR that applies"), ("person", "enterprise"),
)  # fmt: skip
REPAYMENT = fact_spec(
    "repayment", "choice", ("还款方式", "repayment schedule"),
    ("interest_only（按月付息到期还本）、equal_principal（等额本金）、equal_installment（等额本息）；"
     "不填则按政策参数 startup_loan.repayment",
     "interest_only, equal_principal or equal_installment; blank = policy parameter startup_loan.repayment"),
    ("person", "enterprise"), choices=REPAYMENT_CHOICES,
)  # fmt: skip
PRIOR_GUARANTEED_LOANS = fact_spec(
    "prior_guaranteed_loans", "int", ("此前已获创业担保贷款次数", "earlier guaranteed loans"),
    ("本次之前已获得的创业担保贷款次数；首次申请填 0", "guaranteed loans obtained before this one; 0 if first"),
    ("person", "enterprise"),
)  # fmt: skip
NOTABLE_JOB_CREATION = fact_spec(
    "notable_job_creation", "bool", ("是否带动就业效果明显", "notable job-creation effect"),
    ("经认定带动就业效果明显（可最多申请3次贷款）", "recognised as creating many jobs (up to 3 loans)"),
    ("person", "enterprise"),
)  # fmt: skip

LOAN_FACTS: tuple[FactSpec, ...] = (
    LOAN_AMOUNT,
    LOAN_TERM_MONTHS,
    LOAN_ANNUAL_RATE,
    LOAN_CONTRACT_DATE,
    REPAYMENT,
    PRIOR_GUARANTEED_LOANS,
    NOTABLE_JOB_CREATION,
)

MESSAGES: dict[str, tuple[str, str]] = {
    "starting_business_in_heping": ("在我区创业", "starting a business in Heping District"),
    "loan_count": ("贷款次数：{which}", "number of loans: {which}"),
    "loans.within_default": (
        "本次为第 {number} 次（此前 {prior} 次），不超过 {max_default} 次",
        "this is loan {number} ({prior} before), within {max_default}",
    ),
    "loans.notable": (
        "本次为第 {number} 次，带动就业效果明显者最多 {max_notable} 次",
        "this is loan {number}; with a notable job-creation effect up to {max_notable} loans",
    ),
    "loans.not_notable": (
        "本次为第 {number} 次（此前 {prior} 次），超过 {max_default} 次，且带动就业效果不明显（明显者最多 "
        "{max_notable} 次）",
        "this is loan {number} ({prior} before), more than {max_default}, and the job-creation effect is not "
        "notable (notable: up to {max_notable})",
    ),
    "loans.too_many": (
        "本次为第 {number} 次（此前 {prior} 次），超过最多 {max_notable} 次（一般 {max_default} 次，带动就业效果明显者 "
        "{max_notable} 次）",
        "this is loan {number} ({prior} before), more than the {max_notable} allowed at most ({max_default} in "
        "general, {max_notable} with a notable job-creation effect)",
    ),
    "loans.notable_unknown": (
        "本次为第 {number} 次，超过 {max_default} 次；需知是否带动就业效果明显（明显者最多 {max_notable} 次）",
        "this is loan {number}, more than {max_default}: need to know whether the job-creation effect is "
        "notable (then up to {max_notable})",
    ),
    "loans.unknown": ("需知此前已获创业担保贷款次数", "need the number of earlier guaranteed loans"),
    "arith.principal": (
        "贴息本金 = min(贷款 {loan}, 最高 {max_loan}) = {principal} 元",
        "principal for the discount = min(loan {loan}, maximum {max_loan}) = {principal} yuan",
    ),
    "arith.term": (
        "贴息期限 = min(贷款期限 {term}, 最长 {max_term}) = {months} 个月",
        "discount period = min(term {term}, longest {max_term}) = {months} months",
    ),
    "arith.interest.interest_only": (
        "{what}：{principal} × {rate} × {months} ÷ 12 = {interest} 元（{repayment}）",
        "{what}: {principal} × {rate} × {months} ÷ 12 = {interest} yuan ({repayment})",
    ),
    "arith.interest.equal_principal": (
        "{what}：本金 {principal} 元分 {months} 期等额还本，逐月按剩余本金 × {rate} ÷ 12 计息，合计 {interest} 元（{repayment}）",
        "{what}: {principal} yuan repaid in {months} equal parts, monthly interest on the balance at "
        "{rate} ÷ 12, total {interest} yuan ({repayment})",
    ),
    "arith.interest.equal_installment": (
        "{what}：本金 {principal} 元、年利率 {rate}、{months} 期，月供 {payment} 元，逐月计息合计 {interest} 元（{repayment}）",
        "{what}: principal {principal} yuan at {rate} a year over {months} months, instalment {payment} "
        "yuan, monthly interest totals {interest} yuan ({repayment})",
    ),
    "arith.interest.equal_principal.part": (
        "{what}：本金 {principal} 元分 {months} 期等额还本，前 {counted} 个月逐月按剩余本金 × {rate} ÷ 12 计息，"
        "合计 {interest} 元（{repayment}）",
        "{what}: {principal} yuan repaid in {months} equal parts; interest of the first {counted} months on the "
        "balance at {rate} ÷ 12 totals {interest} yuan ({repayment})",
    ),
    "arith.interest.equal_installment.part": (
        "{what}：本金 {principal} 元、年利率 {rate}、{months} 期，月供 {payment} 元，前 {counted} 个月逐月计息合计 "
        "{interest} 元（{repayment}）",
        "{what}: principal {principal} yuan at {rate} a year over {months} months, instalment {payment} yuan; "
        "interest of the first {counted} months totals {interest} yuan ({repayment})",
    ),
    "loan_taken": (
        "贷款金额 {loan} 元、期限 {term} 个月，均大于 0（有贷款可贴息）",
        "a loan of {loan} yuan for {term} months: amount and term both above 0 (a loan to discount)",
    ),
    "signed_in_force": (
        "贷款合同于 {signed} 签订，不晚于政策有效期最后一日 {end}",
        "the loan contract was signed on {signed}, no later than the policy's last day {end}",
    ),
    "note.discount_policy_end": (
        "政策有效期至 {end}：{signed} 签订的贷款只有前 {counted} 个月（共 {months} 个月）在有效期内开始，"
        "只对这几个月贴息（startup_loan.discount_ends_with_policy）",
        "the policy ends on {end}: of the loan signed on {signed}, only the first {counted} of {months} months "
        "begin while it is in force, and only they are discounted (startup_loan.discount_ends_with_policy)",
    ),
    "rule.district_2020": (
        "{signed} 签订的贷款：{words}（startup_loan.discount_rule = district_2020）",
        "loan contracted on {signed}: {words} (startup_loan.discount_rule = district_2020)",
    ),
    "words.full_discount": (
        "按实施办法第十七条在规定利率内全额贴息",
        "the district text's full discount within the set rate",
    ),
    "words.half_lpr": (
        "按实施办法第十七条按贷款基础利率的50%贴息",
        "the district text's discount at 50% of the loan prime rate",
    ),
    "rule.lpr_minus_150bp": (
        "2021年起新发放贷款：LPR−{bp}BP 以下部分由借款人承担（{signed} 签订；财金〔2020〕21号，"
        "startup_loan.discount_rule = lpr_minus_150bp）",
        "loans contracted from 2021: the interest below LPR−{bp}BP is borne by the borrower (signed {signed}; "
        "财金〔2020〕21号, startup_loan.discount_rule = lpr_minus_150bp)",
    ),
    "rule.other_district_2020": (
        "按实施办法原文（{words}，不按2021年起的全国规则）可得 {amount} 元：--set startup_loan.discount_rule=district_2020",
        "under the district text as written ({words}, not the national rule from 2021) it would be {amount} yuan: "
        "--set startup_loan.discount_rule=district_2020",
    ),
    "rule.all_borne": (
        "计息利率 {used} 不高于借款人承担利率 {floor}：利息全部由借款人承担，贴息为 0",
        "the rate {used} is no higher than the borrower's rate {floor}: the borrower bears all the interest, "
        "no discount",
    ),
    "arith.rate_2021": (
        "计息利率 = min(合同利率 {rate}, {signed} 的一年期LPR {lpr} + {over} = {ceiling}) = {used}；"
        "借款人承担利率 = LPR {lpr} − {below} = {floor}",
        "rate = min(contract rate {rate}, one-year LPR on {signed} {lpr} + {over} = {ceiling}) = {used}; "
        "the borrower's rate = LPR {lpr} − {below} = {floor}",
    ),
    "what.interest_2021": ("按计息利率计算的利息", "interest at that rate"),
    "arith.borne_2021": (
        "借款人承担：同一还款计划按 {floor} 计息 {borne} 元",
        "borne by the borrower: the same schedule at {floor} comes to {borne} yuan",
    ),
    "arith.discount_2021": (
        "贴息 = max(0, {charged} − {borne}) = {amount} 元",
        "discount = max(0, {charged} − {borne}) = {amount} yuan",
    ),
    "note.loan_facts": (
        "可贷最高 {max_loan} 元、期限最长 {max_term} 个月；计算贴息还需贷款金额、期限、利率和合同签订日期",
        "loan up to {max_loan} yuan for at most {max_term} months; the discount needs the loan amount, term, "
        "rate and contract date",
    ),
}


def pct(ratio: Decimal, places: int = 4) -> str:
    """A ratio as a percentage for display: 0.02025 → "2.025%"; 1/3 → "≈33.3333%" (display only)."""
    exact = ratio * 100
    shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{fmt_number(shown)}%"
    return text if shown == exact else f"≈{text}"


def shown_money(value: Decimal) -> str:
    """An unrounded amount for display: exact if it is whole fen, else "≈" and the fen."""
    fen = value.quantize(FEN, rounding=ROUND_HALF_UP)
    return fmt_number(value) if fen == value else f"≈{fmt_number(fen)}"


def repayment_label(mode: str) -> Label:
    return Label(*REPAYMENT_CHOICES[mode])


SCALE = pl.Decimal(38, 24)  # interest and rates before the discount is rounded to the fen
MODES = tuple(REPAYMENT_CHOICES)
LOAN_FACT_NAMES = ("loan_amount", "loan_term_months", "loan_annual_rate", "loan_contract_date")


def wide(value: pl.Expr | int | Decimal) -> pl.Expr:
    """``value`` at :data:`SCALE` (cast before multiplying or dividing: a product keeps the wider
    operand's scale, a quotient the dividend's)."""
    expr = value if isinstance(value, pl.Expr) else pl.lit(value)
    return expr.cast(SCALE)


def safe(divisor: pl.Expr) -> pl.Expr:
    """``divisor``, or 1 where it is 0 (the rows where it is 0 take another branch; polars evaluates every
    branch, and a Decimal division by 0 raises)."""
    return pl.when(divisor == 0).then(wide(1)).otherwise(divisor)


def percent(expr: pl.Expr) -> Arg:
    return arg(expr, pct)


def approx_money(expr: pl.Expr) -> Arg:
    return arg(expr, shown_money)


def _label(mode: str) -> Label:
    return repayment_label(mode)


# ------------------------------------------------------------------------------------ conditions


def loan_count(p: Params) -> Cond:
    """“可最多申请3次贷款”: this loan's number (earlier loans + 1) within ``startup_loan.max_loans_default``,
    or ``startup_loan.max_loans_notable`` with a notable job-creation effect."""
    prior, notable = fact("prior_guaranteed_loans"), fact("notable_job_creation")
    number = prior + 1
    max_default = p.param("startup_loan.max_loans_default")
    max_notable = p.param("startup_loan.max_loans_notable")
    which = (
        pl.when(prior.is_null())
        .then(pl.lit("loans.unknown"))
        .when(number <= max_default)
        .then(pl.lit("loans.within_default"))
        .when(number > max_notable)
        .then(pl.lit("loans.too_many"))
        .when(notable.is_null())
        .then(pl.lit("loans.notable_unknown"))
        .when(notable)
        .then(pl.lit("loans.notable"))
        .otherwise(pl.lit("loans.not_notable"))
    )
    result = (
        pl.when(prior.is_null())
        .then(None)
        .when(number <= max_default)
        .then(True)
        .when(number > max_notable)
        .then(False)
        .otherwise(notable)
    )
    return cond(
        "loan_count",
        result,
        args={
            "which": which,
            "number": number,
            "prior": prior,
            "max_default": max_default,
            "max_notable": max_notable,
        },
        missing=[
            ("prior_guaranteed_loans", prior.is_null()),
            ("notable_job_creation", prior.is_not_null()),
        ],
    )


def loan_reads(need_rate: bool) -> tuple[Read, ...]:
    """The loan's facts, read (and named when missing) in the order shown."""
    names = [n for n in LOAN_FACT_NAMES if need_rate or n != "loan_annual_rate"]
    return tuple(Read(n) for n in names)


def loan_facts_missing(need_rate: bool) -> pl.Expr:
    names = [n for n in LOAN_FACT_NAMES if need_rate or n != "loan_annual_rate"]
    return pl.any_horizontal([fact(n).is_null() for n in names])


def loan_taken_and_signed(p: Params) -> tuple[Cond, Cond]:
    """A loan to discount (amount and term above 0), then — only if there is one — signed no later than the
    policy's last day."""
    loan, term, signed = fact("loan_amount"), fact("loan_term_months"), fact("loan_contract_date")
    taken = (loan > 0) & (term > 0)
    end = p.param("general.policy_end")
    return (
        cond("loan_taken", taken, args={"loan": loan, "term": term}),
        cond("signed_in_force", signed <= end, args={"signed": signed, "end": end}, shown=taken),
    )


def param_exit(keys: list[tuple[str, pl.Expr]], on: pl.Expr, when: pl.Expr | None = None) -> Exit:
    """Cannot decide when one of ``keys`` (read in this order, each with its value column) has no value in
    force on ``on`` (``ParameterNotInForce``): the note names the first."""
    gaps = [(value.is_null(), key) for key, value in keys]
    any_gap = pl.any_horizontal([g for g, _ in gaps])
    if when is not None:
        any_gap = when.fill_null(False) & any_gap
    note = msg("param_not_in_force", {"key": chain(gaps, pl.lit(None, dtype=pl.String)), "on": on})
    return Exit(any_gap, Status.CANNOT_DECIDE, note=note)


# ------------------------------------------------------------------------------------ the loan


@dataclass(frozen=True)
class Loan:
    """What a formula works on (columns): the discounted principal and months, the months that count,
    the schedule, the contract rate (may be null), the contract date, its LPR and its discount rule."""

    principal: pl.Expr
    months: pl.Expr
    counted: pl.Expr
    mode: pl.Expr
    rate: pl.Expr
    signed: pl.Expr
    lpr: pl.Expr
    rule: pl.Expr
    max_bits: int  # bits of the longest discounted term a row can have


def stage_loan(p: Params, s: Scope, max_loan: pl.Expr, max_term: pl.Expr, max_term_key: str) -> Loan:
    """Stage the loan's terms: min(loan, maximum), min(term, longest), the months that count
    (``startup_loan.discount_ends_with_policy``), the schedule (the ``repayment`` fact, else
    ``startup_loan.repayment``), and the LPR and discount rule in force on the contract date."""
    loan, term, signed = fact("loan_amount"), fact("loan_term_months"), fact("loan_contract_date")
    staged = s.stage(
        principal=pl.when(loan > max_loan).then(max_loan).otherwise(loan),
        # a null term never reaches a figure (loan_facts_missing exits first); a null ``max_term`` (no value
        # in force) would leave the term uncapped: the policy file gives it one from the policy's first day
        months=pl.min_horizontal(term, max_term),
        # the ``repayment`` fact, else the policy file's stated default schedule (an interpretation)
        mode=pl.coalesce(fact("repayment"), p.param("startup_loan.repayment")),
        lpr=p.param("external.lpr_1y", on=signed, from_policy_start=False),
        rule=p.param("startup_loan.discount_rule", on=signed, from_policy_start=False),
    )
    months = staged["months"]
    # a loan month k begins k months after the contract date; with the flag, only those on or before
    # the policy's last day count
    end = p.param("general.policy_end")
    begun = months_between(signed, end) + 1
    counted = s.stage(
        counted=pl.when(p.param("startup_loan.discount_ends_with_policy"))
        # (``begun`` is null only without a contract date, which exits before any figure)
        .then(pl.when(signed > end).then(0).otherwise(pl.min_horizontal(months, begun)))
        .otherwise(months)
    )["counted"]
    longest = max([int(v) for _a, _b, v in p.segments(max_term_key) if isinstance(v, int)] + [1])
    return Loan(
        principal=staged["principal"],
        months=months,
        counted=counted,
        mode=staged["mode"],
        rate=fact("loan_annual_rate"),
        signed=signed,
        lpr=staged["lpr"],
        rule=staged["rule"],
        max_bits=max(longest, 1).bit_length(),
    )


@dataclass(frozen=True)
class Schedule:
    """The powers of ``v = 1/(1 + rate/12)`` an equal-instalment schedule at ``rate`` needs, staged."""

    rate: pl.Expr
    i: pl.Expr
    vn: pl.Expr  # v^n
    vnk: pl.Expr  # v^(n − k)
    vk: pl.Expr  # v^k


def schedule(s: Scope, name: str, loan: Loan, rate: pl.Expr) -> Schedule:
    """Stage the schedule at annual ``rate`` (powers by squaring over the bits of the term)."""
    i = wide(rate) / wide(12)
    base = s.stage(**{f"{name}.i": i, f"{name}.v": wide(1) / (wide(1) + i)})
    i_col, v = base[f"{name}.i"], base[f"{name}.v"]
    n, k = loan.months, loan.counted
    exponents = {"vn": n, "vnk": n - k, "vk": k}
    powers = {key: wide(1) for key in exponents}
    square = v
    for bit in range(loan.max_bits):
        layer = {}
        for key, e in exponents.items():
            has = ((e // (1 << bit)) % 2) == 1
            layer[f"{name}.{key}.{bit}"] = pl.when(has).then(powers[key] * square).otherwise(powers[key])
        layer[f"{name}.sq.{bit}"] = square * square
        staged = s.stage(**layer)
        powers = {key: staged[f"{name}.{key}.{bit}"] for key in exponents}
        square = staged[f"{name}.sq.{bit}"]
    return Schedule(rate=rate, i=i_col, vn=powers["vn"], vnk=powers["vnk"], vk=powers["vk"])


def installment(loan: Loan, sch: Schedule) -> pl.Expr:
    """The monthly payment of the equal-instalment schedule (``_startup_loan.installment``)."""
    p, n = wide(loan.principal), loan.months
    return (
        pl.when(n == 0)
        .then(wide(0))
        .when(sch.i == 0)
        .then(p / safe(wide(n)))
        .when(n == 1)
        .then(p * (wide(1) + sch.i))  # P·i·(1+i)/i, exact (no division)
        .otherwise(p * sch.i / safe(wide(1) - sch.vn))
    )


def interest(loan: Loan, sch: Schedule, mode: str, charged_at: pl.Expr | None = None) -> pl.Expr:
    """Interest of the first ``counted`` months of the ``months``-month schedule at ``sch.rate``, charged at
    ``charged_at`` (default: the schedule's own rate), unrounded (``_startup_loan.interest``)."""
    p, n, k = wide(loan.principal), loan.months, loan.counted
    charge = wide(sch.rate if charged_at is None else charged_at)
    c = charge / wide(12)
    kk = wide(k)
    # c/12 × (k·P − P/n · k(k−1)/2), divided once at the end: exact whenever the sum terminates
    steps = wide(2 * n * k - k * (k - 1))
    equal_principal = charge * p * steps / safe(wide(24) * wide(n))
    if mode == "interest_only":
        value = p * charge * kk / wide(12)
    elif mode == "equal_principal":
        value = equal_principal
    else:
        annuity = c * p * (kk - sch.vnk * (wide(1) - sch.vk) / safe(sch.i)) / safe(wide(1) - sch.vn)
        # the first month is charged on the whole principal: exact
        value = pl.when(sch.i == 0).then(equal_principal).when(k == 1).then(p * c).otherwise(annuity)
    return pl.when((k == 0) | (p == 0) | (charge == 0)).then(wide(0)).otherwise(value)


def by_mode(loan: Loan, make: Callable[[str], pl.Expr]) -> pl.Expr:
    """The expression for the row's repayment schedule."""
    return chain([(loan.mode == m, make(m)) for m in MODES[:-1]], make(MODES[-1]))


def interest_messages(
    what: str, loan: Loan, rate: pl.Expr, amount: pl.Expr, payment: pl.Expr, shown: pl.Expr
) -> tuple[Msg, ...]:
    """``_startup_loan.interest_message`` for each schedule, each shown only for its own (the ``.part``
    wording when only the first months count)."""
    part = loan.counted < loan.months
    out: list[Msg] = []
    for mode in MODES:
        args: dict[str, pl.Expr | Arg] = {
            "what": pl.lit(what),
            "principal": loan.principal,
            "rate": percent(rate),
            "months": loan.counted if mode == "interest_only" else loan.months,
            "counted": loan.counted,
            "interest": approx_money(amount),
            "repayment": arg(pl.lit(mode), _label),
        }
        if mode == "equal_installment":
            args["payment"] = approx_money(payment)
        is_mode = shown & (loan.mode == mode)
        if mode == "interest_only":
            # the months shown are those counted when only some count, else all (the same number)
            out.append(msg(f"arith.interest.{mode}", args, shown=is_mode))
        else:
            out.append(msg(f"arith.interest.{mode}", args, shown=is_mode & ~part))
            out.append(msg(f"arith.interest.{mode}.part", args, shown=is_mode & part))
    return tuple(out)


# ------------------------------------------------------------------------------------ formulas


@dataclass(frozen=True)
class Formula:
    """One shape of the discount: its amount (to the fen), its arithmetic and notes, the parameters it
    reads on the contract date (key, value column), in reading order, and the columns its caps are told
    from (``explain``, for :func:`formula_caps`)."""

    rule: str
    amount: pl.Expr
    arithmetic: tuple[Msg, ...]
    notes: tuple[Msg, ...]
    reads: tuple[tuple[str, pl.Expr], ...] = ()
    explain: Mapping[str, pl.Expr] = field(default_factory=dict)


def _only(message: Msg, holds: pl.Expr) -> Msg:
    return replace(message, shown=holds if message.shown is None else holds & message.shown)


def choose(loan: Loan, formulas: Mapping[str, Formula]) -> tuple[pl.Expr, tuple[Msg, ...], tuple[Msg, ...]]:
    """The row's formula by ``startup_loan.discount_rule`` on the contract date: its amount, and each
    formula's arithmetic and notes shown only where it is the one chosen."""
    amount = chain([(loan.rule == name, f.amount) for name, f in formulas.items()], pl.lit(None))
    arithmetic = tuple(_only(m, loan.rule == name) for name, f in formulas.items() for m in f.arithmetic)
    notes = tuple(_only(m, loan.rule == name) for name, f in formulas.items() for m in f.notes)
    return amount, arithmetic, notes


def formula_lpr_minus_150bp(p: Params, s: Scope, loan: Loan) -> Formula:
    """财金〔2020〕21号, loans contracted from 2021-01-01 (individuals and small/micro firms alike): the
    interest at min(contract rate, LPR + ``startup_loan.rate_ceiling_over_lpr``) less the interest the
    borrower bears at LPR − ``startup_loan.borrower_rate_below_lpr`` on the same schedule, never below 0."""
    name = RULE_LPR_MINUS_150BP
    terms = s.stage(
        **{
            f"{name}.over": p.param(
                "startup_loan.rate_ceiling_over_lpr", loan.signed, from_policy_start=False
            ),
            f"{name}.below": p.param(
                "startup_loan.borrower_rate_below_lpr", loan.signed, from_policy_start=False
            ),
        }
    )
    over, below = terms[f"{name}.over"], terms[f"{name}.below"]
    ceiling = wide(loan.lpr) + wide(over)
    rates = s.stage(
        **{
            f"{name}.ceiling": ceiling,
            f"{name}.used": pl.when(wide(loan.rate) < ceiling).then(wide(loan.rate)).otherwise(ceiling),
            # (a null LPR or ``below`` exits first: param_exit)
            f"{name}.floor": pl.max_horizontal(wide(loan.lpr) - wide(below), wide(0)),
        }
    )
    ceiling, used, floor = rates[f"{name}.ceiling"], rates[f"{name}.used"], rates[f"{name}.floor"]
    sch = schedule(s, name, loan, used)
    borne_at = pl.when(floor < used).then(floor).otherwise(used)
    sums = s.stage(
        **{
            f"{name}.charged": by_mode(loan, lambda m: interest(loan, sch, m)),
            f"{name}.borne": by_mode(loan, lambda m: interest(loan, sch, m, charged_at=borne_at)),
            f"{name}.payment": installment(loan, sch),
        }
    )
    charged, borne = sums[f"{name}.charged"], sums[f"{name}.borne"]
    # (``charged`` and ``borne`` are null only on rows that exited for a missing fact or parameter)
    amount = s.stage(**{f"{name}.amount": to_fen(pl.max_horizontal(charged - borne, wide(0)))})[
        f"{name}.amount"
    ]
    every = pl.lit(True)
    arithmetic = (
        msg(
            "arith.rate_2021",
            {
                "rate": percent(loan.rate),
                "signed": loan.signed,
                "lpr": percent(loan.lpr),
                "over": percent(over),
                "ceiling": percent(ceiling),
                "used": percent(used),
                "below": percent(below),
                "floor": percent(floor),
            },
        ),
        *interest_messages("what.interest_2021", loan, used, charged, sums[f"{name}.payment"], every),
        msg("arith.borne_2021", {"floor": percent(floor), "borne": approx_money(borne)}),
        msg(
            "arith.discount_2021",
            {"charged": approx_money(charged), "borne": approx_money(borne), "amount": amount},
        ),
    )
    notes = (
        msg("rule.lpr_minus_150bp", {"bp": below * 10000, "signed": loan.signed}),
        msg("rule.all_borne", {"used": percent(used), "floor": percent(floor)}, shown=used <= floor),
    )
    reads = (("startup_loan.rate_ceiling_over_lpr", over), ("startup_loan.borrower_rate_below_lpr", below))
    return Formula(name, amount, arithmetic, notes, reads, ceiling_columns(name, loan, ceiling))


# ------------------------------------------------------------------------------------ caps


def limit_columns(loan: Loan, max_loan: pl.Expr, max_term: pl.Expr) -> dict[str, pl.Expr]:
    """The columns :func:`limit_caps` tells the maximum loan and term caps from."""
    return {
        "rule": loan.rule,
        "max_loan": max_loan,
        "loan": fact("loan_amount"),
        "max_term": max_term,
        "term": fact("loan_term_months"),
    }


def limit_caps(row: Mapping[str, Any], max_key: str, term_key: str) -> list[Cap]:
    """The loan rules' first two caps: min(loan, maximum) and min(term, longest)."""
    return [
        Cap(max_key, row["max_loan"], row["loan"], row["loan"] > row["max_loan"]),
        Cap(term_key, row["max_term"], row["term"], row["term"] > row["max_term"]),
    ]


def ceiling_columns(name: str, loan: Loan, ceiling: pl.Expr) -> dict[str, pl.Expr]:
    """The columns :func:`ceiling_cap` tells the rate ceiling (LPR + 50BP) cap from."""
    return {f"{name}.ceiling": ceiling, f"{name}.rate": loan.rate}


def ceiling_cap(row: Mapping[str, Any], name: str) -> Cap:
    """The contract rate within LPR + ``startup_loan.rate_ceiling_over_lpr`` (the formula ``name``'s)."""
    ceiling, rate = row[f"{name}.ceiling"], row[f"{name}.rate"]
    return Cap("startup_loan.rate_ceiling_over_lpr", ceiling, rate, rate > ceiling)


def formula_caps(
    row: Mapping[str, Any], caps: Mapping[str, Callable[[Mapping[str, Any]], list[Cap]]]
) -> list[Cap]:
    """The caps of the row's formula (``row["rule"]``), by ``caps`` (formula name → its caps)."""
    make = caps.get(row["rule"])
    return [] if make is None else make(row)


def other_reading(district: Formula, words: str, under: pl.Expr) -> Msg:
    """Under the 2021 rule, what the district text as written would give (``rule.other_district_2020``)."""
    return msg(
        "rule.other_district_2020",
        {"words": pl.lit(words), "amount": district.amount},
        shown=under == RULE_LPR_MINUS_150BP,
    )


DISTRICT = RULE_DISTRICT_2020


# ------------------------------------------------------------------------------------ extra


def loan_extra(
    s: Scope,
    steps: Sequence[Step],
    loan: Loan,
    max_loan: pl.Expr,
    max_loan_paid: pl.Expr,
    max_term: pl.Expr,
    district_rate: pl.Expr,
) -> dict[str, Extra]:
    """The outcome's ``extra`` for a loan discount: the limits (``max_loan``: null while the key
    group is unknown; ``max_loan_paid`` for a discount granted), this loan's number and the repayment,
    once the conditions before the first settle passed — not where a parameter has no value in force (the
    outcome then carries none) —; for a discount granted, the months it counts (when the policy's
    end cuts them), the LPR, the discount rule and its rates (``district_rate``: the district formula's)."""
    first = next(i for i, step in enumerate(steps) if isinstance(step, Settle))
    after = steps[first + 1]
    gaps = tuple(
        step
        for step in steps
        if isinstance(step, Exit) and step.note is not None and step.note.code == "param_not_in_force"
    )
    shown = (Status.ELIGIBLE, Status.INELIGIBLE, Status.CANNOT_DECIDE)
    eligible = (Status.ELIGIBLE,)
    national = loan.rule == RULE_LPR_MINUS_150BP
    used = pl.col(s.name(f"{RULE_LPR_MINUS_150BP}.used"))
    floor = pl.col(s.name(f"{RULE_LPR_MINUS_150BP}.floor"))
    paid = pl.when(s.status() == Status.ELIGIBLE.value).then(max_loan_paid).otherwise(max_loan)
    return {
        "max_loan": extra(paid, shown, after=after, unless=gaps),
        "max_term_months": extra(max_term, shown, after=after, unless=gaps),
        "loan_number": extra(fact("prior_guaranteed_loans") + 1, shown, after=after, unless=gaps),
        "repayment": extra(loan.mode, shown, after=after, unless=gaps),
        "discounted_months": extra(loan.counted, eligible, shown=loan.counted < loan.months),
        "lpr": extra(loan.lpr, eligible),
        "discount_rule": extra(loan.rule, eligible),
        "discount_rate": extra(
            # (an eligible row has both rates)
            pl.when(national).then(pl.max_horizontal(used - floor, wide(0))).otherwise(wide(district_rate)),
            eligible,
        ),
        "borrower_rate": extra(floor, eligible, shown=national),
    }
