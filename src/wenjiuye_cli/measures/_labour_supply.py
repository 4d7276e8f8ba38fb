"""Shared facts and rule of 第二十四条（落实重点企业用工输送奖励政策）— 附件1 序号57.

  对我区人力资源服务机构向重点缺工企业一次性输送30人以上且签订1年以上劳动合同的，根据输送人数和稳定
  就业时间，按照每人最高600元的标准给予补贴；对职业院校一次性输送毕业生或实习学生30人以上且就业或实习
  3个月以上的，按照每人最高1000元的标准给予补贴。

Both halves have the same shape: one batch sent at once, a minimum head count, a condition each person
must meet (contract of 1 year+ / employed or interning 3 months+), and a per-person MAXIMUM (the exact
amount depends on stable-employment time under city rules). ``labour_supply.threshold_counts`` decides
whether the 30 counts the people meeting the condition (default) or everyone sent; the maximum is per
person meeting the condition either way.
"""

from __future__ import annotations

from decimal import Decimal

from wenjiuye_cli.facts import fact
from wenjiuye_cli.outcome import Cap, Evaluation, Message, Outcome, Status

TO_KEY_ENTERPRISE = fact(
    "to_key_shortage_enterprise", "bool", ("是否输送至重点缺工企业", "sent to a key labour-short enterprise"),
    ("本批人员输送到经认定的重点缺工企业", "the batch went to a recognised key enterprise short of labour"),
    ("hr_agency", "vocational_school"),
)  # fmt: skip
BATCH_SENT = fact(
    "batch_sent_count", "int", ("一次性输送人数", "people sent in one batch"),
    ("一次性（同一批次）输送的人数", "people sent at once (one batch)"), ("hr_agency", "vocational_school"),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "key_enterprise": ("输送至重点缺工企业：{value}", "sent to a key labour-short enterprise: {value}"),
    "counts_consistent": (
        "符合条件人数 {qualifying} 不多于一次性输送人数 {sent}",
        "qualifying people ({qualifying}) are no more than those sent ({sent})",
    ),
    "batch_size": (
        "一次性输送 {minimum} 人以上（{which}）：{count} 人",
        "at least {minimum} people in one batch ({which}): {count}",
    ),
    "which.qualifying": ("按符合条件的人数计", "counting those meeting the condition"),
    "which.sent": ("按输送人数计", "counting everyone sent"),
    "arith.maximum": (
        "{qualifying} 人 × 每人最高 {rate} 元 = 最高 {maximum} 元",
        "{qualifying} people × at most {rate} yuan = at most {maximum} yuan",
    ),
    "note.maximum": (
        "“每人最高”：具体金额根据输送人数和稳定就业时间按市级标准核定",
        "'at most per person': the actual amount depends on numbers and stable-employment time (city rules)",
    ),
}


def evaluate_batch(
    ev: Evaluation, qualifying_fact: str, min_key: str, rate_key: str, condition: Message, payee: str
) -> Outcome:
    """The common rule: batch size, people meeting ``condition``, maximum per person, paid to ``payee``
    (named unless the outcome is ineligible: then nobody is paid)."""
    sent: int | None = ev.fact("batch_sent_count")
    qualifying: int | None = ev.fact(qualifying_fact)
    if sent is not None and qualifying is not None:
        ev.check("counts_consistent", qualifying <= sent, qualifying=qualifying, sent=sent)
    minimum = ev.integer(min_key)
    which = ev.choice("labour_supply.threshold_counts")
    count = qualifying if which == "qualifying" else sent
    missing = (qualifying_fact,) if which == "qualifying" else ("batch_sent_count",)
    ev.check("batch_size", None if count is None else count >= minimum, missing=missing, minimum=minimum,
             which=f"which.{which}", count=count)  # fmt: skip
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        if settled.status is Status.CANNOT_DECIDE:
            settled.payee = payee
        return settled
    if qualifying is None:  # counting everyone sent, but the maximum needs those who qualify
        return ev.outcome(Status.CANNOT_DECIDE, payee=payee)
    rate = ev.dec(rate_key)
    maximum = rate * qualifying
    return ev.outcome(
        Status.ELIGIBLE,
        payee=payee,
        maximum=maximum,
        monthly_amount=None,
        caps=[Cap(rate_key, rate, rate, False)],
        arithmetic=[
            condition,
            Message("arith.maximum", {"qualifying": qualifying, "rate": rate, "maximum": maximum}),
        ],
        notes=[Message("note.maximum", {})],
        extra={
            "qualifying_people": qualifying,
            "maximum_per_person": rate,
            "total_maximum": Decimal(maximum),
        },
    )
