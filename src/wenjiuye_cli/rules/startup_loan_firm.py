"""第十七条 加大创业担保贷款支持力度：小微企业创业担保贷款贴息 — 附件1 序号41 (责任部门：区人社局)

  在我区创业的各小微企业当年新招用符合创业担保贷款申请条件的人数达到企业现有在职职工人数20%
  （100人以上企业达到10%)，可申请最高300万元贷款，贷款期限最长2年，按贷款基础利率的50%给予贴息。
  对带动就业效果明显的创业者和小微企业，可最多申请3次贷款。

The readings are those of ``wenjiuye_cli.rules.startup_loan_firm`` (each a parameter in policy.toml):
hires ≥ 20% × staff (10% from 100 staff), at least ``startup_loan.firm_min_new_hires``; the discount on
min(loan, 300万) for min(term, 24) months, in the shape ``startup_loan.discount_rule`` gives on the contract
date — :func:`formula_district_2020` (50% × LPR, capped by the interest actually charged) or
``_startup_loan.formula_lpr_minus_150bp`` (财金〔2020〕21号) — chosen per row, never an ``if`` inside one.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import Params, fact, to_fen
from wenjiuye_cli.engine.rule import Cond, Exit, Read, Rule, Scope, Settle, Step, arg, cond, msg
from wenjiuye_cli.engine.schema import RATIO
from wenjiuye_cli.facts import APPLICATION_DATE, IS_SMALL_MICRO
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Cap, Measure, Status
from wenjiuye_cli.rules._startup_loan import (
    DISTRICT,
    LOAN_FACTS,
    RULE_LPR_MINUS_150BP,
    STARTING_BUSINESS_IN_HEPING,
    Formula,
    Loan,
    approx_money,
    by_mode,
    ceiling_cap,
    choose,
    formula_caps,
    formula_lpr_minus_150bp,
    installment,
    interest,
    interest_messages,
    limit_caps,
    limit_columns,
    loan_count,
    loan_extra,
    loan_facts_missing,
    loan_reads,
    loan_taken_and_signed,
    other_reading,
    param_exit,
    pct,
    percent,
    schedule,
    stage_loan,
    wide,
)
from wenjiuye_cli.rules._startup_loan import MESSAGES as LOAN_MESSAGES

QUALIFYING_NEW_HIRES = fact_spec(
    "qualifying_new_hires_this_year", "int", ("当年新招用符合创业担保贷款申请条件人数", "qualifying new hires this year"),
    ("当年新招用的、符合创业担保贷款申请条件的人数", "people hired this year who meet the guaranteed-loan conditions"),
    ("enterprise",),
)  # fmt: skip
STAFF_COUNT = fact_spec(
    "staff_count", "int", ("现有在职职工人数", "current staff"),
    ("企业现有在职职工人数", "people currently employed by the firm"), ("enterprise",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **LOAN_MESSAGES,
    "small_micro_enterprise": ("小微企业", "a small or micro enterprise"),
    "new_hires": ("新招用人数：{which}", "new hires: {which}"),
    "hires.ratio_small": (
        "当年新招用符合条件 {hires} 人 ÷ 现有在职职工 {staff} 人 = {share} {op} {required}（不足 {large} 人的企业）",
        "{hires} qualifying hires this year ÷ {staff} current staff = {share} {op} {required} "
        "(firm with fewer than {large} staff)",
    ),
    "hires.ratio_large": (
        "当年新招用符合条件 {hires} 人 ÷ 现有在职职工 {staff} 人 = {share} {op} {required}（{large}人以上企业）",
        "{hires} qualifying hires this year ÷ {staff} current staff = {share} {op} {required} "
        "(firm with {large} or more staff)",
    ),
    "hires.too_few": (
        "当年新招用符合条件 {hires} 人，少于 {min_hires} 人",
        "{hires} qualifying hires this year, fewer than {min_hires}",
    ),
    "hires.no_staff": (
        "现有在职职工人数填的是 0，但当年新招用 {hires} 人，两者矛盾：请核对 staff_count 和 "
        "qualifying_new_hires_this_year",
        "staff_count is 0 but {hires} were hired this year: the two contradict each other; check staff_count "
        "and qualifying_new_hires_this_year",
    ),
    "hires.unknown": (
        "需知当年新招用符合条件人数和现有在职职工人数",
        "need this year's qualifying hires and the current staff count",
    ),
    "arith.rate_firm": (
        "贴息利率 = {signed} 的一年期LPR {lpr} × {share} = {rate}",
        "discount rate = one-year LPR on {signed} {lpr} × {share} = {rate}",
    ),
    "what.discount_firm": ("按贴息利率计算的贴息", "discount at the discount rate"),
    "what.actual_interest": ("按合同利率计算的实际利息", "interest actually charged at the contract rate"),
    "arith.discount_firm_capped": (
        "贴息 = min({discount}, 实际利息 {actual}) = {amount} 元",
        "discount = min({discount}, actual interest {actual}) = {amount} yuan",
    ),
    "arith.discount_firm": ("贴息 {discount} = {amount} 元", "discount {discount} = {amount} yuan"),
}


MEASURE = Measure(
    id="startup_loan_firm",
    name_zh="小微企业创业担保贷款贴息",
    name_en="interest discount on a small/micro firm's guaranteed start-up loan",
    article="十七",
    tasks=(41,),
    department="区人社局",
    kinds=frozenset({"enterprise"}),
    facts=(
        APPLICATION_DATE,
        STARTING_BUSINESS_IN_HEPING,
        IS_SMALL_MICRO,
        QUALIFYING_NEW_HIRES,
        STAFF_COUNT,
        *LOAN_FACTS,
    ),
    messages=MESSAGES,
)


def _share(value: dict[str, int | None]) -> str | None:
    hires, staff = value["hires"], value["staff"]
    if hires is None or staff is None:
        return None
    return pct(Decimal(hires) / Decimal(staff), places=2) if staff else "—"


def new_hires(p: Params) -> Cond:
    """当年新招用符合创业担保贷款申请条件的人数达到企业现有在职职工人数20%（100人以上企业达到10%）."""
    hires, staff = fact("qualifying_new_hires_this_year"), fact("staff_count")
    min_hires = p.param("startup_loan.firm_min_new_hires")
    large = p.param("startup_loan.firm_large_staff_threshold")
    is_large = staff >= large
    required = (
        pl.when(is_large)
        .then(p.param("startup_loan.firm_hire_ratio_large"))
        .otherwise(p.param("startup_loan.firm_hire_ratio"))
    )
    ok = wide(hires) >= wide(required) * wide(staff)  # 达到 (inclusive), compared exactly
    too_few = (hires < min_hires).fill_null(False)
    unknown = hires.is_null() | staff.is_null()
    no_staff = (staff == 0) & (hires > 0)
    which = (
        pl.when(too_few)
        .then(pl.lit("hires.too_few"))
        .when(unknown)
        .then(pl.lit("hires.unknown"))
        .when(no_staff)
        .then(pl.lit("hires.no_staff"))
        .when(is_large)
        .then(pl.lit("hires.ratio_large"))
        .otherwise(pl.lit("hires.ratio_small"))
    )
    result = pl.when(too_few).then(False).when(unknown | no_staff).then(None).otherwise(ok)
    return cond(
        "new_hires",
        result,
        args={
            "which": which,
            "hires": hires,
            "min_hires": min_hires,
            "staff": staff,
            "share": arg(pl.struct(hires=hires, staff=staff), _share),
            "op": pl.when(ok).then(pl.lit("≥")).otherwise(pl.lit("<")),
            "required": percent(required.cast(RATIO)),
            "large": large,
        },
        missing=[
            ("qualifying_new_hires_this_year", hires.is_null()),
            ("staff_count", staff.is_null()),
        ],
    )


def formula_district_2020(p: Params, s: Scope, loan: Loan) -> Formula:
    """The district text, for loans contracted before 2021-01-01: the interest at
    ``startup_loan.firm_discount_share_of_lpr`` (50%) × LPR, no more than the interest charged at the
    contract rate when ``startup_loan.firm_discount_capped_by_actual_interest`` (and the rate is given)."""
    name = DISTRICT
    share = p.param("startup_loan.firm_discount_share_of_lpr")
    rate = s.stage(**{f"{name}.rate": wide(loan.lpr) * wide(share)})[f"{name}.rate"]
    at_discount = schedule(s, f"{name}.d", loan, rate)
    at_contract = schedule(s, f"{name}.c", loan, loan.rate)
    sums = s.stage(
        **{
            f"{name}.discount": by_mode(loan, lambda m: interest(loan, at_discount, m)),
            f"{name}.actual": by_mode(loan, lambda m: interest(loan, at_contract, m)),
            f"{name}.payment_d": installment(loan, at_discount),
            f"{name}.payment_c": installment(loan, at_contract),
        }
    )
    discount, actual = sums[f"{name}.discount"], sums[f"{name}.actual"]
    capped = p.param("startup_loan.firm_discount_capped_by_actual_interest") & loan.rate.is_not_null()
    amount = s.stage(
        **{
            f"{name}.amount": pl.when(capped)
            .then(to_fen(pl.when(actual < discount).then(actual).otherwise(discount)))
            .otherwise(to_fen(discount))
        }
    )[f"{name}.amount"]
    every = pl.lit(True)
    arithmetic = (
        msg(
            "arith.rate_firm",
            {"signed": loan.signed, "lpr": percent(loan.lpr), "share": percent(share), "rate": percent(rate)},
        ),
        *interest_messages("what.discount_firm", loan, rate, discount, sums[f"{name}.payment_d"], every),
        *interest_messages(
            "what.actual_interest", loan, loan.rate, actual, sums[f"{name}.payment_c"], capped
        ),
        msg(
            "arith.discount_firm_capped",
            {"discount": approx_money(discount), "actual": approx_money(actual), "amount": amount},
            shown=capped,
        ),
        msg("arith.discount_firm", {"discount": approx_money(discount), "amount": amount}, shown=~capped),
    )
    notes = (msg("rule.district_2020", {"signed": loan.signed, "words": pl.lit("words.half_lpr")}),)
    # capped by the interest actually charged: both to the fen, bound when the actual one is less
    explain = {
        f"{name}.capped": capped,
        f"{name}.actual": to_fen(actual),
        f"{name}.discount": to_fen(discount),
        f"{name}.bound": actual < discount,
    }
    return Formula(name, amount, arithmetic, notes, explain=explain)


def _district_caps(row: Mapping[str, Any]) -> list[Cap]:
    name = DISTRICT
    if not row[f"{name}.capped"]:
        return []
    key = "startup_loan.firm_discount_capped_by_actual_interest"
    return [Cap(key, row[f"{name}.actual"], row[f"{name}.discount"], bool(row[f"{name}.bound"]))]


def _caps(row: Mapping[str, Any]) -> list[Cap]:
    return [
        *limit_caps(row, "startup_loan.firm_max", "startup_loan.firm_max_term_months"),
        *formula_caps(
            row,
            {
                DISTRICT: _district_caps,
                RULE_LPR_MINUS_150BP: lambda r: [ceiling_cap(r, RULE_LPR_MINUS_150BP)],
            },
        ),
    ]


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    max_loan = p.param("startup_loan.firm_max")
    max_term = p.param("startup_loan.firm_max_term_months")
    loan = stage_loan(p, s, max_loan, max_term, "startup_loan.firm_max_term_months")
    district = formula_district_2020(p, s, loan)
    national = formula_lpr_minus_150bp(p, s, loan)
    amount, arithmetic, notes = choose(loan, {DISTRICT: district, RULE_LPR_MINUS_150BP: national})
    loan_facts_note = msg("note.loan_facts", {"max_loan": max_loan, "max_term": max_term})
    # The contract rate: always under the 2021 rule; under the district rule only to cap the discount
    needs_rate = (loan.rule != DISTRICT) | p.param("startup_loan.firm_discount_capped_by_actual_interest")
    taken, signed_in_force = loan_taken_and_signed(p)
    steps: tuple[Step, ...] = (
        cond(
            "starting_business_in_heping",
            fact("starting_business_in_heping"),
            missing=["starting_business_in_heping"],
        ),
        cond("small_micro_enterprise", fact("small_micro_enterprise"), missing=["small_micro_enterprise"]),
        new_hires(p),
        loan_count(p),
        Settle(),
        *loan_reads(need_rate=False),
        Exit(loan_facts_missing(need_rate=False), Status.CANNOT_DECIDE, note=loan_facts_note),
        taken,
        signed_in_force,
        Settle(),
        param_exit([("external.lpr_1y", loan.lpr), ("startup_loan.discount_rule", loan.rule)], loan.signed),
        Read("loan_annual_rate", when=needs_rate),
        Exit(needs_rate & loan.rate.is_null(), Status.CANNOT_DECIDE, note=loan_facts_note),
        param_exit(list(national.reads), loan.signed, when=loan.rule == RULE_LPR_MINUS_150BP),
    )
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=steps,
        final=Status.ELIGIBLE,
        amount=amount,
        # the caps in the order shown: the maximum loan, the longest term, then the formula's
        explain_columns={**limit_columns(loan, max_loan, max_term), **district.explain, **national.explain},
        explain_caps=_caps,
        extra=loan_extra(s, steps, loan, max_loan, max_loan, max_term, pl.col(s.name(f"{DISTRICT}.rate"))),
        arithmetic=(
            msg(
                "arith.principal",
                {"loan": fact("loan_amount"), "max_loan": max_loan, "principal": loan.principal},
            ),
            msg(
                "arith.term", {"term": fact("loan_term_months"), "max_term": max_term, "months": loan.months}
            ),
            *arithmetic,
        ),
        notes=(
            *notes,
            other_reading(district, "words.half_lpr", loan.rule),
            msg(
                "note.discount_policy_end",
                {
                    "end": p.param("general.policy_end"),
                    "signed": loan.signed,
                    "months": loan.months,
                    "counted": loan.counted,
                },
                shown=loan.counted < loan.months,
            ),
        ),
    )
