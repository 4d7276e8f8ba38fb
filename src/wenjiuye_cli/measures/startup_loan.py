"""第十七条 加大创业担保贷款支持力度：个人创业担保贷款贴息 — 附件1 序号40 (及序号41 末句) (责任部门：区人社局)

  在我区创业的各类人员，可申请最高30万元创业担保贷款，重点创业人群可申请最高50万元贷款，贷款期限最长3年，
  在规定的贷款额度、利率和贴息期限内给予全额贴息。……对带动就业效果明显的创业者和小微企业，可最多申请3次贷款。

The loan itself is not money the government pays: the outcome's amount is the interest discount (贴息), with
the loan limits in ``extra`` (max_loan, max_term_months, loan_number, repayment).

Readings:
- Belonging to a key entrepreneur group (附件2) only raises the maximum loan (30万 → 50万); it is not a
  condition. It is asked only when it matters: a loan within 30万 is discounted the same either way.
- "规定的贷款额度、利率和贴息期限": the discount is on min(loan, maximum) for min(term, 36) months at
  min(contract rate, one-year LPR on the contract date + ``startup_loan.rate_ceiling_over_lpr``). Its shape
  follows ``startup_loan.discount_rule`` on the contract date (附则: "均遵照市级相关部门文件标准执行"):
  before 2021-01-01 the district text, that interest × ``startup_loan.individual_discount_share``
  (全额 = 100%, :func:`formula_district_2020`); from 2021-01-01 财金〔2020〕21号, that interest less the part
  below LPR − ``startup_loan.borrower_rate_below_lpr`` (150BP), which the borrower bears
  (:func:`formula_lpr_minus_150bp`). Under the 2021 rule the outcome also says what the text as written
  would give.
- The repayment schedule is the applicant's ``repayment`` fact, else ``startup_loan.repayment``
  (interest_only: P × r × n ÷ 12; equal_principal / equal_installment: month by month).
- "最多申请3次": this loan's number (earlier loans + 1) must not exceed ``startup_loan.max_loans_default``
  (1), or ``startup_loan.max_loans_notable`` (3) with a notable job-creation effect.
- The loan must be signed no later than ``general.policy_end`` (a later one is not under this policy).
  One still running when the policy ends (有效期5年) keeps its discount for its term unless
  ``startup_loan.discount_ends_with_policy`` holds; then only the loan months that begin on or before
  ``general.policy_end`` are discounted (the interest of those first months of the full schedule).
- Only the final discount is rounded to the fen.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    GRADUATION_DATE,
    HAIHE_TALENT_SETTLED_DATE,
    IS_HAIHE_TALENT,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
)
from wenjiuye_cli.measures._key_groups import MESSAGES as KEY_GROUP_MESSAGES
from wenjiuye_cli.measures._key_groups import check_key_group
from wenjiuye_cli.measures._startup_loan import (
    LOAN_FACTS,
    RULE_DISTRICT_2020,
    RULE_LPR_MINUS_150BP,
    STARTING_BUSINESS_IN_HEPING,
    Discount,
    Formula,
    LoanTerms,
    check_loan_count,
    check_loan_taken,
    check_signed_in_force,
    discount_rule,
    discounted_months,
    formula_lpr_minus_150bp,
    interest,
    interest_message,
    loan_facts,
    other_reading_note,
    pct,
    policy_end_note,
    repayment_mode,
    shown_money,
)
from wenjiuye_cli.measures._startup_loan import MESSAGES as LOAN_MESSAGES
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Cap, Evaluation, Measure, Message, Outcome, Status

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


def evaluate(ev: Evaluation) -> Outcome:
    in_heping = ev.fact("starting_business_in_heping")
    ev.check("starting_business_in_heping", in_heping, missing=("starting_business_in_heping",))
    number = check_loan_count(ev)
    # The key group decides the maximum loan, not eligibility: take its condition out of the list
    # (a "not in the group" must not make the applicant ineligible) and report it as a note. It is asked
    # in a scratch evaluation, whose facts and parameters still count as read.
    scratch = Evaluation(ev.measure, ev.facts, ev.policy, ev.on)
    try:
        in_group = check_key_group(scratch, ev.on)
    finally:  # also when a parameter it reads has no value on the day
        ev.absorb_reads(scratch)
    group = scratch.conditions.pop()
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled

    base = ev.dec("startup_loan.individual_max")
    raised = ev.dec("startup_loan.key_group_max")
    max_key: str | None = None
    max_loan: Decimal | None = None
    if in_group is not None:
        max_key = "startup_loan.key_group_max" if in_group else "startup_loan.individual_max"
        max_loan = raised if in_group else base
    max_term = ev.integer("startup_loan.individual_max_term_months")
    mode = repayment_mode(ev)
    extra: dict[str, Any] = {
        "max_loan": max_loan,
        "max_term_months": max_term,
        "loan_number": number,
        "repayment": mode,
    }
    group_args = dict(group.args)
    if max_loan is None:
        notes = [Message("note.max_unknown", {**group_args, "base": base, "raised": raised})]
    else:
        notes = [Message("note.max_by_group", {**group_args, "max_loan": max_loan})]

    facts = loan_facts(ev, need_rate=True)
    if facts is None:
        notes.append(Message("note.loan_facts", {"max_loan": max_loan, "max_term": max_term}))
        return ev.outcome(Status.CANNOT_DECIDE, notes=notes, extra=extra)
    loan, term, rate, signed = facts
    assert rate is not None
    if not (check_loan_taken(ev, loan, term) and check_signed_in_force(ev, signed)):
        return ev.outcome(Status.INELIGIBLE, notes=notes, extra=extra)
    if max_loan is None:
        if loan > base:  # the maximum matters and the key group is unknown (its facts are listed as missing)
            return ev.outcome(Status.CANNOT_DECIDE, notes=notes, extra=extra)
        max_key, max_loan = "startup_loan.individual_max", base
        notes.append(Message("note.max_irrelevant", {"loan": loan, "base": base}))
    assert max_key is not None

    lpr = ev.dec("external.lpr_1y", on=signed)
    rule = discount_rule(ev, signed)
    months = min(term, max_term)
    principal = min(loan, max_loan)
    terms = LoanTerms(
        principal=principal,
        months=months,
        counted=discounted_months(ev, signed, months),
        mode=mode,
        rate=rate,
        signed=signed,
        lpr=lpr,
    )
    result = FORMULAS[rule](ev, terms)
    caps = [
        Cap(max_key, max_loan, loan, loan > max_loan),
        Cap("startup_loan.individual_max_term_months", max_term, term, term > max_term),
        *result.caps,
    ]
    arithmetic = [
        Message("arith.principal", {"loan": loan, "max_loan": max_loan, "principal": principal}),
        Message("arith.term", {"term": term, "max_term": max_term, "months": months}),
        *result.arithmetic,
    ]
    notes.extend(result.notes)
    other = other_reading_note(ev, rule, terms, formula_district_2020, "words.full_discount")
    if other is not None:
        notes.append(other)
    cut = policy_end_note(ev, signed, months, terms.counted)
    if cut is not None:
        notes.append(cut)
        extra["discounted_months"] = terms.counted
    extra |= {"max_loan": max_loan, "lpr": lpr, **result.extra}
    return ev.outcome(
        Status.ELIGIBLE, amount=result.amount, caps=caps, arithmetic=arithmetic, notes=notes, extra=extra
    )


def formula_district_2020(ev: Evaluation, loan: LoanTerms) -> Discount:
    """The district text, for loans contracted before 2021-01-01: the interest at min(contract rate,
    LPR + ``startup_loan.rate_ceiling_over_lpr``) × ``startup_loan.individual_discount_share`` (全额)."""
    assert loan.rate is not None
    over = ev.dec("startup_loan.rate_ceiling_over_lpr", on=loan.signed)
    share = ev.dec("startup_loan.individual_discount_share")
    ceiling = loan.lpr + over
    used = min(loan.rate, ceiling)
    charged = interest(loan.principal, used, loan.months, loan.mode, loan.counted)
    amount = to_fen(charged * share)
    arithmetic = [
        Message(
            "arith.rate_individual",
            {
                "rate": pct(loan.rate),
                "signed": loan.signed,
                "lpr": pct(loan.lpr),
                "over": pct(over),
                "ceiling": pct(ceiling),
                "used": pct(used),
            },
        ),
        interest_message(
            "what.interest_individual", loan.principal, used, loan.months, loan.mode, charged, loan.counted
        ),
        Message(
            "arith.discount_individual",
            {"interest": shown_money(charged), "share": pct(share), "amount": amount},
        ),
    ]
    note = Message("rule.district_2020", {"signed": loan.signed, "words": "words.full_discount"})
    return Discount(
        amount,
        caps=[Cap("startup_loan.rate_ceiling_over_lpr", ceiling, loan.rate, loan.rate > ceiling)],
        arithmetic=arithmetic,
        notes=[note],
        extra={"discount_rule": RULE_DISTRICT_2020, "discount_rate": used},
    )


FORMULAS: dict[str, Formula] = {
    RULE_DISTRICT_2020: formula_district_2020,
    RULE_LPR_MINUS_150BP: formula_lpr_minus_150bp,
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
    evaluate=evaluate,
    messages=MESSAGES,
)
