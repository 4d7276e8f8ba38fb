"""第十三条（加大创业培训力度）创业培训补贴 — 附件1 序号34 (责任部门：区人社局)

  对参加创业培训并取得结业证书的，按照每人500元的标准，给予创业培训机构培训费补贴。对参加培训后半年内
  成功创业的，按照每人1000元的标准，再给予创业培训机构创业成功补贴。对已成功创业人员参加改善和扩大企业
  培训并取得培训结业证书的，按照每人1500元的标准，给予创业培训机构培训费补贴。

Paid to the training provider from three head counts, as ``wenjiuye_cli.measures.startup_training`` reads
them: "再给予" adds the success subsidy on top of the training fee; by
``startup_training.success_requires_certificate`` only a certified trainee's success counts (at most as
many successes as certificates are paid). The half-year window is the count's own (the applicant's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from wenjiuye_cli.columnar.expr import NULL_BOOL, Params, fact, times, to_fen
from wenjiuye_cli.columnar.rule import Rule, Scope, Settle, cond, extra, msg
from wenjiuye_cli.measures.startup_training import MEASURE
from wenjiuye_cli.outcome import Cap, Status

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
        # the certificates as a limit on the paid successes, while the reading holds (as the scalar rule)
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
