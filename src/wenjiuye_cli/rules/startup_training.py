"""第十三条（加大创业培训力度）创业培训补贴 — 附件1 序号34 (责任部门：区人社局)

  对参加创业培训并取得结业证书的，按照每人500元的标准，给予创业培训机构培训费补贴。对参加培训后半年内
  成功创业的，按照每人1000元的标准，再给予创业培训机构创业成功补贴。对已成功创业人员参加改善和扩大企业
  培训并取得培训结业证书的，按照每人1500元的标准，给予创业培训机构培训费补贴。

Paid to the training provider from three head counts, as ``wenjiuye_cli.rules.startup_training`` reads
them: "再给予" adds the success subsidy on top of the training fee; by
``startup_training.success_requires_certificate`` only a certified trainee's success counts (at most as
many successes as certificates are paid). The half-year window is the count's own (the applicant's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import NULL_BOOL, Params, fact, times, to_fen
from wenjiuye_cli.engine.rule import Rule, Scope, Settle, cond, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Cap, Measure, Status

CERTIFIED = fact_spec(
    "startup_training_certified", "int", ("创业培训取得结业证书人数", "start-up trainees certified"),
    ("参加创业培训并取得结业证书的人数", "trainees who completed start-up training with a certificate"),
    ("training_provider",),
)  # fmt: skip
SUCCEEDED = fact_spec(
    "startup_training_succeeded", "int", ("培训后半年内成功创业人数", "trainees who started a business within half a year"),
    ("参加创业培训后半年内成功创业的人数：只计培训结业后半年内成功创业（注册企业或个体工商户）的学员，"
     "由申请方按各学员的结业日期和创业日期核实后填写——本工具只有人数，不核对日期",
     "trainees who started a business (registered a firm or sole proprietorship) within half a year of the "
     "training: count only those, checked against each trainee's completion and start-up dates — the tool has "
     "the count only and cannot check the dates"),
    ("training_provider",),
)  # fmt: skip
IMPROVEMENT_CERTIFIED = fact_spec(
    "improvement_training_certified", "int", ("改善和扩大企业培训结业人数", "business-improvement trainees certified"),
    ("已成功创业人员参加改善和扩大企业培训并取得结业证书的人数", "existing founders certified in the "
     "improve-and-expand-your-business course"),
    ("training_provider",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "counts_known": ("培训人数", "trainee counts"),
    "has_trainees": (
        "有可补贴的学员：创业培训结业 {certified} 人，计补贴的创业成功 {succeeded} 人，改善和扩大企业培训结业 {improvement} 人",
        "some trainees to pay for: {certified} certified in start-up training, {succeeded} successes counted, "
        "{improvement} certified in business improvement",
    ),
    "arith.certified": (
        "创业培训费补贴 {certified} 人 × {rate} 元 = {amount} 元",
        "start-up training fee {certified} × {rate} yuan = {amount} yuan",
    ),
    "arith.success": (
        "创业成功补贴（培训后半年内成功创业，按申请方核实的人数）{succeeded} 人 × {rate} 元 = {amount} 元",
        "start-up success subsidy (started within half a year of training, as counted by the applicant) "
        "{succeeded} × {rate} yuan = {amount} yuan",
    ),
    "arith.improvement": (
        "改善和扩大企业培训费补贴 {improvement} 人 × {rate} 元 = {amount} 元",
        "business-improvement training fee {improvement} × {rate} yuan = {amount} yuan",
    ),
    "arith.total": ("合计 {amount} 元", "total {amount} yuan"),
    "note.success_capped": (
        "成功创业 {succeeded} 人多于取得结业证书的 {certified} 人：创业成功补贴只计取得证书的学员",
        "{succeeded} successes but {certified} certificates: the success subsidy counts certified trainees only",
    ),
}


MEASURE = Measure(
    id="startup_training",
    name_zh="创业培训补贴",
    name_en="start-up training subsidies",
    article="十三",
    tasks=(34,),
    department="区人社局",
    kinds=frozenset({"training_provider"}),
    facts=(APPLICATION_DATE, CERTIFIED, SUCCEEDED, IMPROVEMENT_CERTIFIED),
    messages=MESSAGES,
)


READING = "startup_training.success_requires_certificate"
COUNTS = ("startup_training_certified", "startup_training_succeeded", "improvement_training_certified")


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    certified, succeeded = fact("startup_training_certified"), fact("startup_training_succeeded")
    improvement = fact("improvement_training_certified")
    any_missing = pl.any_horizontal([fact(n).is_null() for n in COUNTS])
    # 对参加培训后半年内成功创业的 … 再给予: only a certified trainee's success, by the reading
    requires = p.param(READING)
    capped = s.stage(capped=requires & (succeeded > certified))["capped"]
    paid_successes = s.stage(paid_successes=pl.when(capped).then(certified).otherwise(succeeded))[
        "paid_successes"
    ]
    rate = p.param("startup_training.certified_per_person")  # 每人500元
    success_rate = p.param("startup_training.success_per_person")  # 每人1000元
    improvement_rate = p.param("startup_training.improvement_per_person")  # 每人1500元
    parts = s.stage(
        fee=times(certified, rate),
        success=times(paid_successes, success_rate),
        improvement=times(improvement, improvement_rate),
    )
    amount = to_fen(parts["fee"] + parts["success"] + parts["improvement"])
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            cond(
                "counts_known",
                NULL_BOOL,
                missing=[(n, fact(n).is_null()) for n in COUNTS],
                shown=any_missing,
            ),
            Settle(),
            cond(
                "has_trainees",
                certified + paid_successes + improvement > 0,
                args={"certified": certified, "succeeded": paid_successes, "improvement": improvement},
            ),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        # the certificates as a limit on the paid successes, while the reading holds
        explain_columns={"requires": requires, "certified": certified, "succeeded": succeeded},
        explain_caps=_caps,
        arithmetic=(
            msg("arith.certified", {"certified": certified, "rate": rate, "amount": parts["fee"]}),
            msg(
                "arith.success",
                {"succeeded": paid_successes, "rate": success_rate, "amount": parts["success"]},
            ),
            msg(
                "arith.improvement",
                {"improvement": improvement, "rate": improvement_rate, "amount": parts["improvement"]},
            ),
            msg("arith.total", {"amount": amount}),
        ),
        notes=(
            msg(
                "note.success_capped",
                {"succeeded": succeeded, "certified": certified},
                shown=capped,
                statuses=(Status.ELIGIBLE, Status.INELIGIBLE),
            ),
        ),
        payee="training_provider",
        extra={
            "training_fee": extra(parts["fee"]),
            "success_subsidy": extra(parts["success"]),
            "improvement_fee": extra(parts["improvement"]),
        },
    )


def _caps(row: Mapping[str, Any]) -> list[Cap]:
    """The certificates against the successes, while the reading holds (``startup_training.evaluate``)."""
    if not row["requires"]:
        return []
    certified, succeeded = row["certified"], row["succeeded"]
    return [Cap(READING, certified, succeeded, succeeded > certified)]
