"""Shared by both parts of 第十七条 加大创业担保贷款支持力度 — 附件1 序号40–41 (责任部门：区人社局).

  ……对带动就业效果明显的创业者和小微企业，可最多申请3次贷款。

The individual loan (序号40, ``startup_loan``) and the small/micro firm loan (序号41,
``startup_loan_firm``) are two measures because a measure sees only facts, not the applicant's kind,
and their rules differ. This module holds their common facts, the loan-count rule quoted above and the
interest arithmetic for the three repayment schedules. Everything is Decimal; nothing is rounded here:
the measure rounds only the final discount to the fen.

The discount's *shape* changes with the contract date (``startup_loan.discount_rule``, read on that date):
loans contracted before 2021-01-01 follow the district text (each measure's ``formula_district_2020``);
loans contracted from then on follow the national rule of 财金〔2020〕21号, the same for individuals and
firms (:func:`formula_lpr_minus_150bp` here). The measure picks the formula by the rule, never by an ``if``
on a date inside one formula.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from wenjiuye_cli.dates import add_months
from wenjiuye_cli.facts import FactSpec, fact
from wenjiuye_cli.money import FEN, fmt_number, to_fen
from wenjiuye_cli.outcome import Cap, Evaluation, Label, Message

RULE_DISTRICT_2020 = "district_2020"
RULE_LPR_MINUS_150BP = "lpr_minus_150bp"

REPAYMENT_CHOICES: dict[str, tuple[str, str]] = {
    "interest_only": ("按月付息到期还本", "interest only, principal at maturity"),
    "equal_principal": ("等额本金", "equal principal"),
    "equal_installment": ("等额本息", "equal instalments"),
}

STARTING_BUSINESS_IN_HEPING = fact(
    "starting_business_in_heping", "bool", ("是否在本区创业", "starting a business in Heping"),
    ("创业者或小微企业在和平区创业", "the founder or small/micro firm starts up in Heping District"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_AMOUNT = fact(
    "loan_amount", "money", ("创业担保贷款金额", "guaranteed loan amount"),
    ("贷款合同金额（元）；超过最高额的部分不贴息", "loan principal in yuan; no discount above the maximum"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_TERM_MONTHS = fact(
    "loan_term_months", "int", ("贷款期限（月）", "loan term (months)"),
    ("贷款合同期限，按月计；超过最长期限的部分不贴息", "loan term in months; no discount beyond the longest term"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_ANNUAL_RATE = fact(
    "loan_annual_rate", "ratio", ("贷款年利率", "loan annual interest rate"),
    ("合同年利率，如 0.0435 或 4.35%", "annual rate in the contract, e.g. 0.0435 or 4.35%"),
    ("person", "enterprise"),
)  # fmt: skip
LOAN_CONTRACT_DATE = fact(
    "loan_contract_date", "date", ("贷款合同签订日期", "loan contract date"),
    ("用于确定当日的一年期LPR", "fixes the one-year LPR that applies"), ("person", "enterprise"),
)  # fmt: skip
REPAYMENT = fact(
    "repayment", "choice", ("还款方式", "repayment schedule"),
    ("interest_only（按月付息到期还本）、equal_principal（等额本金）、equal_installment（等额本息）；"
     "不填则按政策参数 startup_loan.repayment",
     "interest_only, equal_principal or equal_installment; blank = policy parameter startup_loan.repayment"),
    ("person", "enterprise"), choices=REPAYMENT_CHOICES,
)  # fmt: skip
PRIOR_GUARANTEED_LOANS = fact(
    "prior_guaranteed_loans", "int", ("此前已获创业担保贷款次数", "earlier guaranteed loans"),
    ("本次之前已获得的创业担保贷款次数；首次申请填 0", "guaranteed loans obtained before this one; 0 if first"),
    ("person", "enterprise"),
)  # fmt: skip
NOTABLE_JOB_CREATION = fact(
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


def repayment_mode(ev: Evaluation) -> str:
    """The applicant's repayment schedule if given, else the policy default."""
    given: str | None = ev.facts.get("repayment")
    return given if given is not None else ev.choice("startup_loan.repayment")


def repayment_label(mode: str) -> Label:
    return Label(*REPAYMENT_CHOICES[mode])


def installment(principal: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """Monthly payment of an equal-instalment (annuity) loan."""
    i = annual_rate / 12
    if months == 0:
        return Decimal(0)
    if i == 0:
        return principal / months
    factor = (1 + i) ** months
    return principal * i * factor / (factor - 1)


def interest(
    principal: Decimal,
    annual_rate: Decimal,
    months: int,
    mode: str,
    counted: int | None = None,
    charged_at: Decimal | None = None,
) -> Decimal:
    """Interest of the first ``counted`` months (all when None) of a ``months``-month repayment schedule
    at ``annual_rate``, month by month, unrounded. With ``charged_at``, the balances of that same schedule
    are charged at ``charged_at`` instead (the part of the interest a lower rate accounts for)."""
    if mode not in REPAYMENT_CHOICES:
        raise ValueError(f"unknown repayment schedule {mode!r}")
    counted = months if counted is None else max(0, min(counted, months))
    charge_rate = annual_rate if charged_at is None else charged_at
    if counted == 0 or principal == 0 or charge_rate == 0:
        return Decimal(0)
    c = charge_rate / 12
    if mode == "interest_only":
        return principal * charge_rate * counted / 12
    total = Decimal(0)
    if mode == "equal_principal":
        part = principal / months
        for k in range(counted):
            total += (principal - part * k) * c
        return total
    payment = installment(principal, annual_rate, months)  # equal_installment
    i = annual_rate / 12
    balance = principal
    for _ in range(counted):
        total += balance * c
        balance -= payment - balance * i
    return total


def check_loan_taken(ev: Evaluation, loan: Decimal, term: int) -> bool:
    """Record the condition that there is a loan to discount: an amount or a term of 0 is no loan (the
    discount would be 0.00, which would read as a payment decided at nothing rather than as no loan)."""
    return bool(ev.check("loan_taken", loan > 0 and term > 0, loan=loan, term=term))


def check_signed_in_force(ev: Evaluation, signed: date) -> bool:
    """Record the condition that the loan was signed by the policy's last day: a loan contracted after
    it falls under whatever applies then, not under this policy."""
    end = ev.day("general.policy_end")
    return bool(ev.check("signed_in_force", signed <= end, signed=signed, end=end))


def discounted_months(ev: Evaluation, signed: date, months: int) -> int:
    """How many of the loan's ``months`` carry the discount: all of them, or — when
    ``startup_loan.discount_ends_with_policy`` holds — those beginning on or before the policy's last day
    (a loan month is counted from the contract date: month k begins k months after it)."""
    if not ev.flag("startup_loan.discount_ends_with_policy"):
        return months
    end = ev.day("general.policy_end")
    return sum(1 for k in range(months) if add_months(signed, k) <= end)


def interest_message(
    what: str,
    principal: Decimal,
    rate: Decimal,
    months: int,
    mode: str,
    amount: Decimal,
    counted: int | None = None,
) -> Message:
    """The interest arithmetic in words; ``counted`` < ``months`` when only the first months count."""
    part = counted is not None and counted < months
    args: dict[str, Any] = {
        "what": what,
        "principal": principal,
        "rate": pct(rate),
        "months": counted if part and mode == "interest_only" else months,
        "counted": counted,
        "interest": shown_money(amount),
        "repayment": repayment_label(mode),
    }
    if mode == "equal_installment":
        args["payment"] = shown_money(installment(principal, rate, months))
    code = f"arith.interest.{mode}"
    return Message(f"{code}.part" if part and mode != "interest_only" else code, args)


def policy_end_note(ev: Evaluation, signed: date, months: int, counted: int) -> Message | None:
    """Say so when the policy's end cuts the discount short (``startup_loan.discount_ends_with_policy``)."""
    if counted >= months:
        return None
    end = ev.day("general.policy_end")
    return Message(
        "note.discount_policy_end", {"end": end, "signed": signed, "months": months, "counted": counted}
    )


def check_loan_count(ev: Evaluation) -> int | None:
    """Record the rule "可最多申请3次贷款" and return this loan's number (1 for a first loan)."""
    prior: int | None = ev.fact("prior_guaranteed_loans")
    if prior is None:
        ev.check("loan_count", None, missing=("prior_guaranteed_loans",), which="loans.unknown")
        return None
    number = prior + 1
    max_default = ev.integer("startup_loan.max_loans_default")
    max_notable = ev.integer("startup_loan.max_loans_notable")
    args: dict[str, Any] = {
        "number": number,
        "prior": prior,
        "max_default": max_default,
        "max_notable": max_notable,
    }
    if number <= max_default:
        ev.check("loan_count", True, which="loans.within_default", **args)
    elif number > max_notable:
        ev.check("loan_count", False, which="loans.too_many", **args)
    else:
        notable: bool | None = ev.fact("notable_job_creation")
        if notable is None:
            ev.check(
                "loan_count", None, missing=("notable_job_creation",), which="loans.notable_unknown", **args
            )
        else:
            ev.check("loan_count", notable, which="loans.notable" if notable else "loans.not_notable", **args)
    return number


def loan_facts(ev: Evaluation, need_rate: bool) -> tuple[Decimal, int, Decimal | None, date] | None:
    """The loan's amount, term, rate (only when ``need_rate``) and contract date; None if one is missing."""
    amount: Decimal | None = ev.fact("loan_amount")
    term: int | None = ev.fact("loan_term_months")
    rate: Decimal | None = ev.fact("loan_annual_rate") if need_rate else None
    signed: date | None = ev.fact("loan_contract_date")
    if amount is None or term is None or signed is None or (need_rate and rate is None):
        return None
    return amount, term, rate, signed


@dataclass(frozen=True, slots=True)
class LoanTerms:
    """What a discount formula works on: the discounted principal and months, the months that count, the
    schedule, the contract rate (None when the formula does not need it), the contract date and its LPR."""

    principal: Decimal
    months: int
    counted: int
    mode: str
    rate: Decimal | None
    signed: date
    lpr: Decimal


@dataclass(slots=True)
class Discount:
    """A formula's result: the discount (to the fen), its caps, arithmetic, notes and ``extra`` entries."""

    amount: Decimal
    caps: list[Cap] = field(default_factory=list)
    arithmetic: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


Formula = Callable[[Evaluation, LoanTerms], Discount]


def discount_rule(ev: Evaluation, signed: date) -> str:
    """Which formula a loan contracted on ``signed`` falls under (``startup_loan.discount_rule``)."""
    return ev.choice("startup_loan.discount_rule", on=signed)


def formula_lpr_minus_150bp(ev: Evaluation, loan: LoanTerms) -> Discount:
    """财金〔2020〕21号, loans contracted from 2021-01-01 (individuals and small/micro firms alike): the
    interest at min(contract rate, LPR + ``startup_loan.rate_ceiling_over_lpr``) less the interest the
    borrower bears at LPR − ``startup_loan.borrower_rate_below_lpr`` on the same schedule, never below 0
    (a borrower's rate below 0, possible only by ``--set``, counts as 0)."""
    assert loan.rate is not None
    over = ev.dec("startup_loan.rate_ceiling_over_lpr", on=loan.signed)
    below = ev.dec("startup_loan.borrower_rate_below_lpr", on=loan.signed)
    ceiling = loan.lpr + over
    used = min(loan.rate, ceiling)
    floor = max(loan.lpr - below, Decimal(0))
    charged = interest(loan.principal, used, loan.months, loan.mode, loan.counted)
    borne = interest(loan.principal, used, loan.months, loan.mode, loan.counted, charged_at=min(floor, used))
    amount = to_fen(max(Decimal(0), charged - borne))
    bp = below * 10000
    notes = [
        Message(
            "rule.lpr_minus_150bp",
            {"bp": int(bp) if bp == bp.to_integral_value() else bp, "signed": loan.signed},
        )
    ]
    if used <= floor:
        notes.append(Message("rule.all_borne", {"used": pct(used), "floor": pct(floor)}))
    arithmetic = [
        Message(
            "arith.rate_2021",
            {
                "rate": pct(loan.rate),
                "signed": loan.signed,
                "lpr": pct(loan.lpr),
                "over": pct(over),
                "ceiling": pct(ceiling),
                "used": pct(used),
                "below": pct(below),
                "floor": pct(floor),
            },
        ),
        interest_message(
            "what.interest_2021", loan.principal, used, loan.months, loan.mode, charged, loan.counted
        ),
        Message("arith.borne_2021", {"floor": pct(floor), "borne": shown_money(borne)}),
        Message(
            "arith.discount_2021",
            {"charged": shown_money(charged), "borne": shown_money(borne), "amount": amount},
        ),
    ]
    return Discount(
        amount,
        caps=[Cap("startup_loan.rate_ceiling_over_lpr", ceiling, loan.rate, loan.rate > ceiling)],
        arithmetic=arithmetic,
        notes=notes,
        extra={
            "discount_rule": RULE_LPR_MINUS_150BP,
            "discount_rate": max(Decimal(0), used - floor),
            "borrower_rate": floor,
        },
    )


def other_reading_note(
    ev: Evaluation, rule: str, loan: LoanTerms, district: Formula, words: str
) -> Message | None:
    """Under the 2021 rule, what the district text as written would give (the other reading of 附则's
    deferral to the national standard); None under the district rule itself."""
    if rule != RULE_LPR_MINUS_150BP:
        return None
    return Message("rule.other_district_2020", {"words": words, "amount": district(ev, loan).amount})
