"""第十七条 加大创业担保贷款支持力度：小微企业创业担保贷款贴息 — 附件1 序号41 (责任部门：区人社局)

  在我区创业的各小微企业当年新招用符合创业担保贷款申请条件的人数达到企业现有在职职工人数20%
  （100人以上企业达到10%)，可申请最高300万元贷款，贷款期限最长2年，按贷款基础利率的50%给予贴息。
  对带动就业效果明显的创业者和小微企业，可最多申请3次贷款。

The loan itself is not money the government pays: the outcome's amount is the interest discount (贴息), with
the loan limits in ``extra`` (max_loan, max_term_months, loan_number, repayment).

Readings:
- "达到" and "100人以上" include the number: hires ≥ 20% × staff, or ≥ 10% × staff when staff ≥ 100
  (``startup_loan.firm_hire_ratio``, ``…_ratio_large``, ``…_large_staff_threshold``); at least
  ``startup_loan.firm_min_new_hires`` (1) new hire is needed, so a firm with no staff and no hires does not
  "reach" 20%.
- "贷款基础利率" is the one-year LPR (``external.lpr_1y``) on the contract date. The discount is on
  min(loan, 300万) for min(term, 24) months, in the shape ``startup_loan.discount_rule`` gives on the
  contract date: before 2021-01-01 the district text (:func:`formula_district_2020`), the interest at
  50% × LPR (``startup_loan.firm_discount_share_of_lpr``), never more than the interest actually charged at
  the contract rate when ``startup_loan.firm_discount_capped_by_actual_interest`` (then, and only then, the
  contract rate is needed); from 2021-01-01 财金〔2020〕21号 as for individuals
  (:func:`formula_lpr_minus_150bp`: the interest at the contract rate within LPR + 50BP less the part below
  LPR − 150BP, which the firm bears; the contract rate is always needed). Under the 2021 rule the outcome also
  says what the text as written would give.
- Repayment schedule, loan count, the contract signed by the policy's last day and a loan still running
  when the policy ends (``startup_loan.discount_ends_with_policy``) as for individuals (see
  ``startup_loan``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wenjiuye_cli.facts import APPLICATION_DATE, IS_SMALL_MICRO, fact
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

QUALIFYING_NEW_HIRES = fact(
    "qualifying_new_hires_this_year", "int", ("当年新招用符合创业担保贷款申请条件人数", "qualifying new hires this year"),
    ("当年新招用的、符合创业担保贷款申请条件的人数", "people hired this year who meet the guaranteed-loan conditions"),
    ("enterprise",),
)  # fmt: skip
STAFF_COUNT = fact(
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


def _check_hires(ev: Evaluation) -> None:
    hires: int | None = ev.fact("qualifying_new_hires_this_year")
    staff: int | None = ev.fact("staff_count")
    min_hires = ev.integer("startup_loan.firm_min_new_hires")
    if hires is not None and hires < min_hires:
        ev.check("new_hires", False, which="hires.too_few", hires=hires, min_hires=min_hires)
        return
    if hires is None or staff is None:
        missing = tuple(
            n for n, v in (("qualifying_new_hires_this_year", hires), ("staff_count", staff)) if v is None
        )
        ev.check("new_hires", None, missing=missing, which="hires.unknown")
        return
    if staff == 0 and hires > 0:
        # Both counts were given: a contradiction to correct, not a missing fact.
        ev.check("new_hires", None, which="hires.no_staff", hires=hires)
        return
    large = ev.integer("startup_loan.firm_large_staff_threshold")
    is_large = staff >= large
    required = ev.dec("startup_loan.firm_hire_ratio_large" if is_large else "startup_loan.firm_hire_ratio")
    ok = Decimal(hires) >= required * staff  # 达到 (inclusive), compared exactly
    ev.check(
        "new_hires",
        ok,
        which="hires.ratio_large" if is_large else "hires.ratio_small",
        hires=hires,
        staff=staff,
        share=pct(Decimal(hires) / Decimal(staff), places=2) if staff else "—",
        op="≥" if ok else "<",
        required=pct(required),
        large=large,
    )


def evaluate(ev: Evaluation) -> Outcome:
    in_heping = ev.fact("starting_business_in_heping")
    ev.check("starting_business_in_heping", in_heping, missing=("starting_business_in_heping",))
    small_micro = ev.fact("small_micro_enterprise")
    ev.check("small_micro_enterprise", small_micro, missing=("small_micro_enterprise",))
    _check_hires(ev)
    number = check_loan_count(ev)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled

    max_loan = ev.dec("startup_loan.firm_max")
    max_term = ev.integer("startup_loan.firm_max_term_months")
    mode = repayment_mode(ev)
    extra: dict[str, Any] = {
        "max_loan": max_loan,
        "max_term_months": max_term,
        "loan_number": number,
        "repayment": mode,
    }
    facts = loan_facts(ev, need_rate=False)
    if facts is None:
        note = Message("note.loan_facts", {"max_loan": max_loan, "max_term": max_term})
        return ev.outcome(Status.CANNOT_DECIDE, notes=[note], extra=extra)
    loan, term, _, signed = facts
    if not (check_loan_taken(ev, loan, term) and check_signed_in_force(ev, signed)):
        return ev.outcome(Status.INELIGIBLE, extra=extra)

    lpr = ev.dec("external.lpr_1y", on=signed)
    rule = discount_rule(ev, signed)
    # The contract rate is needed by the 2021 rule, and by the district rule only when the discount is
    # capped by the interest actually charged.
    needs_rate = rule != RULE_DISTRICT_2020 or ev.flag("startup_loan.firm_discount_capped_by_actual_interest")
    rate: Decimal | None = ev.fact("loan_annual_rate") if needs_rate else None
    if needs_rate and rate is None:
        note = Message("note.loan_facts", {"max_loan": max_loan, "max_term": max_term})
        return ev.outcome(Status.CANNOT_DECIDE, notes=[note], extra=extra)
    principal = min(loan, max_loan)
    months = min(term, max_term)
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
        Cap("startup_loan.firm_max", max_loan, loan, loan > max_loan),
        Cap("startup_loan.firm_max_term_months", max_term, term, term > max_term),
        *result.caps,
    ]
    arithmetic = [
        Message("arith.principal", {"loan": loan, "max_loan": max_loan, "principal": principal}),
        Message("arith.term", {"term": term, "max_term": max_term, "months": months}),
        *result.arithmetic,
    ]
    notes = list(result.notes)
    other = other_reading_note(ev, rule, terms, formula_district_2020, "words.half_lpr")
    if other is not None:
        notes.append(other)
    cut = policy_end_note(ev, signed, months, terms.counted)
    if cut is not None:
        notes.append(cut)
        extra["discounted_months"] = terms.counted
    extra |= {"lpr": lpr, **result.extra}
    return ev.outcome(
        Status.ELIGIBLE, amount=result.amount, caps=caps, arithmetic=arithmetic, notes=notes, extra=extra
    )


def formula_district_2020(ev: Evaluation, loan: LoanTerms) -> Discount:
    """The district text, for loans contracted before 2021-01-01: the interest at
    ``startup_loan.firm_discount_share_of_lpr`` (50%) × LPR, no more than the interest charged at the
    contract rate when ``startup_loan.firm_discount_capped_by_actual_interest`` (then ``loan.rate`` is
    given)."""
    share = ev.dec("startup_loan.firm_discount_share_of_lpr")
    discount_rate = loan.lpr * share
    p, n, mode, counted = loan.principal, loan.months, loan.mode, loan.counted
    discount = interest(p, discount_rate, n, mode, counted)
    caps: list[Cap] = []
    arithmetic = [
        Message(
            "arith.rate_firm",
            {"signed": loan.signed, "lpr": pct(loan.lpr), "share": pct(share), "rate": pct(discount_rate)},
        ),
        interest_message("what.discount_firm", p, discount_rate, n, mode, discount, counted),
    ]
    capped = ev.flag("startup_loan.firm_discount_capped_by_actual_interest")
    if capped and loan.rate is not None:  # capped by the interest actually charged
        actual = interest(p, loan.rate, n, mode, counted)
        amount = to_fen(min(discount, actual))
        caps.append(
            Cap(
                "startup_loan.firm_discount_capped_by_actual_interest",
                to_fen(actual),
                to_fen(discount),
                actual < discount,
            )
        )
        arithmetic.append(interest_message("what.actual_interest", p, loan.rate, n, mode, actual, counted))
        arithmetic.append(
            Message(
                "arith.discount_firm_capped",
                {"discount": shown_money(discount), "actual": shown_money(actual), "amount": amount},
            )
        )
    else:
        amount = to_fen(discount)
        arithmetic.append(
            Message("arith.discount_firm", {"discount": shown_money(discount), "amount": amount})
        )
    note = Message("rule.district_2020", {"signed": loan.signed, "words": "words.half_lpr"})
    return Discount(
        amount,
        caps=caps,
        arithmetic=arithmetic,
        notes=[note],
        extra={"discount_rule": RULE_DISTRICT_2020, "discount_rate": discount_rate},
    )


FORMULAS: dict[str, Formula] = {
    RULE_DISTRICT_2020: formula_district_2020,
    RULE_LPR_MINUS_150BP: formula_lpr_minus_150bp,
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
    evaluate=evaluate,
    messages=MESSAGES,
)
