"""第二十四条（落实重点企业用工输送奖励政策）— 附件1 序号57: the rule both halves share.

  对我区人力资源服务机构向重点缺工企业一次性输送30人以上且签订1年以上劳动合同的，根据输送人数和稳定
  就业时间，按照每人最高600元的标准给予补贴；对职业院校一次性输送毕业生或实习学生30人以上且就业或实习
  3个月以上的，按照每人最高1000元的标准给予补贴。

One batch, a minimum head count (of those meeting the condition, or of everyone sent, by
``labour_supply.threshold_counts``), and a maximum per person meeting the condition.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import Params, fact, times
from wenjiuye_cli.engine.rule import Exit, Msg, Read, Rule, Settle, Step, cond, extra, msg
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Cap, Measure, Status

TO_KEY_ENTERPRISE = fact_spec(
    "to_key_shortage_enterprise", "bool", ("是否输送至重点缺工企业", "sent to a key labour-short enterprise"),
    ("本批人员输送到经认定的重点缺工企业", "the batch went to a recognised key enterprise short of labour"),
    ("hr_agency", "vocational_school"),
)  # fmt: skip
BATCH_SENT = fact_spec(
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


def key_enterprise(shown: pl.Expr | None = None) -> Step:
    """向重点缺工企业."""
    key = fact("to_key_shortage_enterprise")
    return cond(
        "key_enterprise", key, args={"value": key}, missing=["to_key_shortage_enterprise"], shown=shown
    )


def batch_rule(
    p: Params,
    measure: Measure,
    first: tuple[Step, ...],
    qualifying_fact: str,
    min_key: str,
    rate_key: str,
    condition: Msg,
    payee: str,
) -> Rule:
    """The common rule after the measure's own conditions ``first``: batch size, the people meeting the
    condition, at most ``rate_key`` per person."""
    sent, qualifying = fact("batch_sent_count"), fact(qualifying_fact)
    minimum = p.param(min_key)
    which = p.param("labour_supply.threshold_counts")
    by_qualifying = which == "qualifying"
    count = pl.when(by_qualifying).then(qualifying).otherwise(sent)
    rate = p.param(rate_key)
    maximum = times(rate, qualifying)  # 每人最高 × 人数
    return Rule(
        measure,
        steps=(
            *first,
            Read("batch_sent_count"),
            Read(qualifying_fact),
            cond(
                "counts_consistent",
                qualifying <= sent,
                args={"qualifying": qualifying, "sent": sent},
                shown=sent.is_not_null() & qualifying.is_not_null(),
            ),
            cond(
                "batch_size",
                count >= minimum,
                args={"minimum": minimum, "which": pl.format("which.{}", which), "count": count},
                missing=[(qualifying_fact, by_qualifying), ("batch_sent_count", ~by_qualifying)],
            ),
            Settle(),
            # counting everyone sent, but the maximum needs those who qualify
            Exit(qualifying.is_null(), Status.CANNOT_DECIDE),
        ),
        final=Status.ELIGIBLE,
        maximum=maximum,
        arithmetic=(
            condition,
            msg("arith.maximum", {"qualifying": qualifying, "rate": rate, "maximum": maximum}),
        ),
        notes=(msg("note.maximum"),),
        explain_columns={"rate": rate},
        explain_caps=lambda row: [Cap(rate_key, row["rate"], row["rate"], False)],
        payee=payee,
        payee_statuses=(Status.ELIGIBLE, Status.CANNOT_DECIDE),
        extra={
            "qualifying_people": extra(qualifying),
            "maximum_per_person": extra(rate),
            "total_maximum": extra(maximum),
        },
    )
