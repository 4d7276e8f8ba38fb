"""第十七条 加大创业担保贷款支持力度：个人创业担保贷款贴息 — 附件1 序号40 (及序号41 末句) (责任部门：区人社局)

  在我区创业的各类人员，可申请最高30万元创业担保贷款，重点创业人群可申请最高50万元贷款，贷款期限最长3年，
  在规定的贷款额度、利率和贴息期限内给予全额贴息。……对带动就业效果明显的创业者和小微企业，可最多申请3次贷款。

The readings are those of ``wenjiuye_cli.rules.startup_loan`` (each a parameter in policy.toml):

* belonging to a key entrepreneur group (附件2) only raises the maximum loan (30万 → 50万): it is no
  condition, it is said in a note, and it is asked for only when it matters (a loan above 30万);
* the discount is on min(loan, maximum) for min(term, 36) months at min(contract rate, LPR on the contract
  date + 50BP), in the shape ``startup_loan.discount_rule`` gives on the contract date:
  :func:`formula_district_2020` (全额: × ``startup_loan.individual_discount_share``) or
  ``_startup_loan.formula_lpr_minus_150bp`` (财金〔2020〕21号), chosen per row; under the 2021 rule a note says
  what the text as written would give.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import ON, Params, fact, to_fen
from wenjiuye_cli.engine.rule import Arg, Exit, Read, Rule, Scope, Settle, Step, cond, msg
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    GRADUATION_DATE,
    HAIHE_TALENT_SETTLED_DATE,
    IS_HAIHE_TALENT,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
)
from wenjiuye_cli.outcome import Cap, Measure, Status
from wenjiuye_cli.rules._key_groups import MESSAGES as KEY_GROUP_MESSAGES
from wenjiuye_cli.rules._key_groups import key_group
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
    ceiling_columns,
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
    percent,
    schedule,
    stage_loan,
    wide,
)
from wenjiuye_cli.rules._startup_loan import MESSAGES as LOAN_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    **KEY_GROUP_MESSAGES,
    **LOAN_MESSAGES,
    "note.max_by_group": (
        "重点创业人群（附件2）：{which}；贷款最高 {max_loan} 元",
        "key entrepreneur group (附件2): {which}; loan up to {max_loan} yuan",
    ),
    "note.max_unknown": (
        "重点创业人群（附件2）：{which}；贷款最高 {base} 元，属于重点创业人群则最高 {raised} 元",
        "key entrepreneur group (附件2): {which}; loan up to {base} yuan, {raised} yuan for a key entrepreneur",
    ),
    "note.max_irrelevant": (
        "贷款 {loan} 元不超过 {base} 元，是否属于重点创业人群不影响贴息",
        "the loan of {loan} yuan is within {base} yuan: the key-group question does not change the discount",
    ),
    "arith.rate_individual": (
        "贴息利率 = min(合同利率 {rate}, {signed} 的一年期LPR {lpr} + {over} = {ceiling}) = {used}",
        "discount rate = min(contract rate {rate}, one-year LPR on {signed} {lpr} + {over} = {ceiling}) = {used}",
    ),
    "what.interest_individual": ("可贴息利息", "interest eligible for the discount"),
    "arith.discount_individual": (
        "贴息 {interest} × {share} = {amount} 元",
        "discount {interest} × {share} = {amount} yuan",
    ),
}


MEASURE = Measure(
    id="startup_loan",
    name_zh="个人创业担保贷款贴息",
    name_en="interest discount on an individual's guaranteed start-up loan",
    article="十七",
    tasks=(40,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        STARTING_BUSINESS_IN_HEPING,
        IS_TIANJIN_FULLTIME_STUDENT,
        IS_UNIVERSITY_GRADUATE,
        GRADUATION_DATE,
        IS_HAIHE_TALENT,
        HAIHE_TALENT_SETTLED_DATE,
        *LOAN_FACTS,
    ),
    messages=MESSAGES,
)


SHOWN_AFTER_SETTLE = (Status.ELIGIBLE, Status.INELIGIBLE, Status.CANNOT_DECIDE)


def formula_district_2020(p: Params, s: Scope, loan: Loan) -> Formula:
    """The district text, for loans contracted before 2021-01-01: the interest at min(contract rate,
    LPR + ``startup_loan.rate_ceiling_over_lpr``) × ``startup_loan.individual_discount_share`` (全额)."""
    name = DISTRICT
    over = s.stage(
        **{
            f"{name}.over": p.param(
                "startup_loan.rate_ceiling_over_lpr", loan.signed, from_policy_start=False
            )
        }
    )[f"{name}.over"]
    share = p.param("startup_loan.individual_discount_share")
    ceiling = wide(loan.lpr) + wide(over)
    rates = s.stage(
        **{
            f"{name}.ceiling": ceiling,
            f"{name}.used": pl.when(wide(loan.rate) < ceiling).then(wide(loan.rate)).otherwise(ceiling),
        }
    )
    ceiling, used = rates[f"{name}.ceiling"], rates[f"{name}.used"]
    sch = schedule(s, name, loan, used)
    sums = s.stage(
        **{
            f"{name}.charged": by_mode(loan, lambda m: interest(loan, sch, m)),
            f"{name}.payment": installment(loan, sch),
        }
    )
    charged = sums[f"{name}.charged"]
    amount = s.stage(**{f"{name}.amount": to_fen(charged * wide(share))})[f"{name}.amount"]
    arithmetic = (
        msg(
            "arith.rate_individual",
            {
                "rate": percent(loan.rate),
                "signed": loan.signed,
                "lpr": percent(loan.lpr),
                "over": percent(over),
                "ceiling": percent(ceiling),
                "used": percent(used),
            },
        ),
        *interest_messages(
            "what.interest_individual", loan, used, charged, sums[f"{name}.payment"], pl.lit(True)
        ),
        msg(
            "arith.discount_individual",
            {"interest": approx_money(charged), "share": percent(share), "amount": amount},
        ),
    )
    notes = (msg("rule.district_2020", {"signed": loan.signed, "words": pl.lit("words.full_discount")}),)
    reads = (("startup_loan.rate_ceiling_over_lpr", over),)
    return Formula(name, amount, arithmetic, notes, reads, ceiling_columns(name, loan, ceiling))


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    in_heping = fact("starting_business_in_heping")
    count = loan_count(p)
    # 重点创业人群 raises the maximum; it is not a condition (its facts are named when it is unknown)
    group = key_group(p, s, ON)
    in_group = s.stage(in_group=group.result)["in_group"]
    unknown = in_group.is_null()
    base, raised = p.param("startup_loan.individual_max"), p.param("startup_loan.key_group_max")
    max_loan = pl.when(in_group).then(raised).when(~in_group).then(base)
    max_term = p.param("startup_loan.individual_max_term_months")
    loan_amount = fact("loan_amount")
    over_base = unknown & (loan_amount > base)
    used_max = pl.coalesce(max_loan, base)  # within 30万 the group does not matter
    loan = stage_loan(p, s, used_max, max_term, "startup_loan.individual_max_term_months")
    district = formula_district_2020(p, s, loan)
    national = formula_lpr_minus_150bp(p, s, loan)
    amount, arithmetic, notes = choose(loan, {DISTRICT: district, RULE_LPR_MINUS_150BP: national})

    taken, signed_in_force = loan_taken_and_signed(p)
    reads_lpr = [
        ("external.lpr_1y", loan.lpr),
        ("startup_loan.discount_rule", loan.rule),
        ("startup_loan.rate_ceiling_over_lpr", district.reads[0][1]),
    ]
    below = national.reads[1]
    # The group's note is shown once the first conditions pass, except where a parameter is not in force
    # (the outcome then reports only that)
    first_passed = in_heping.fill_null(False) & count.result.fill_null(False)
    gap = pl.any_horizontal([v.is_null() for _k, v in reads_lpr]) | (
        (loan.rule == RULE_LPR_MINUS_150BP) & below[1].is_null()
    )
    at_parameters = (
        ~loan_facts_missing(need_rate=True)
        & taken.result.fill_null(False)
        & signed_in_force.result.fill_null(False)
        & ~over_base.fill_null(False)
    )
    group_shown = first_passed & ~(at_parameters & gap.fill_null(False))
    # the key_group condition's own arguments, "none" reasons included: the notes quote the group's words
    group_args: dict[str, pl.Expr | Arg] = {**group.args}
    group_notes = (
        msg(
            "note.max_unknown",
            {**group_args, **_args(base=base, raised=raised)},
            shown=group_shown & unknown,
            statuses=SHOWN_AFTER_SETTLE,
        ),
        msg(
            "note.max_by_group",
            {**group_args, **_args(max_loan=max_loan)},
            shown=group_shown & ~unknown,
            statuses=SHOWN_AFTER_SETTLE,
        ),
    )
    steps: tuple[Step, ...] = (
        cond(
            "starting_business_in_heping",
            in_heping,
            missing=["starting_business_in_heping"],
        ),
        count,
        *(
            Read(m.name, when=unknown & (m.when if m.when is not None else pl.lit(True)))
            for m in group.missing
        ),
        Settle(),
        *loan_reads(need_rate=True),
        Exit(
            loan_facts_missing(need_rate=True),
            Status.CANNOT_DECIDE,
            note=msg("note.loan_facts", {"max_loan": max_loan, "max_term": max_term}),
        ),
        taken,
        signed_in_force,
        Settle(),
        # the maximum matters and the group is unknown (its facts are named missing)
        Exit(over_base, Status.CANNOT_DECIDE),
        param_exit(reads_lpr, loan.signed),
        param_exit([below], loan.signed, when=loan.rule == RULE_LPR_MINUS_150BP),
    )
    # the caps in the order shown: the maximum loan (by the group; within 30万 the base one),
    # the longest term, then the chosen formula's rate ceiling
    explain_columns = {
        **limit_columns(loan, used_max, max_term),
        "in_group": in_group,
        **district.explain,
        **national.explain,
    }
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=steps,
        final=Status.ELIGIBLE,
        amount=amount,
        explain_columns=explain_columns,
        explain_caps=_caps,
        extra=loan_extra(s, steps, loan, max_loan, used_max, max_term, pl.col(s.name(f"{DISTRICT}.used"))),
        arithmetic=(
            msg("arith.principal", {"loan": loan_amount, "max_loan": used_max, "principal": loan.principal}),
            msg(
                "arith.term", {"term": fact("loan_term_months"), "max_term": max_term, "months": loan.months}
            ),
            *arithmetic,
        ),
        notes=(
            *group_notes,
            msg("note.max_irrelevant", {"loan": loan_amount, "base": base}, shown=unknown),
            *notes,
            other_reading(district, "words.full_discount", loan.rule),
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


def _caps(row: Mapping[str, Any]) -> list[Cap]:
    max_key = "startup_loan.key_group_max" if row["in_group"] else "startup_loan.individual_max"
    return [
        *limit_caps(row, max_key, "startup_loan.individual_max_term_months"),
        *formula_caps(
            row,
            {
                DISTRICT: lambda r: [ceiling_cap(r, DISTRICT)],
                RULE_LPR_MINUS_150BP: lambda r: [ceiling_cap(r, RULE_LPR_MINUS_150BP)],
            },
        ),
    ]


def _args(**exprs: pl.Expr) -> dict[str, pl.Expr]:
    return exprs
