"""第二十条 开展重点群体就业技能培训 — 一次性生活费补贴, 附件1 序号47 (责任部门：区人社局)

  就业困难人员、零就业家庭成员、农村未继续升学初高中毕业生和低保家庭学员，还可在一年内申请一次性1000元
  生活费补贴。

A trainee of vocational skills training in one of the four groups. By
``key_group_training.one_off_requires_training_in_force`` the training must be completed from the policy's
first day. "在一年内申请一次性" by ``key_group_training.one_off_reading``: within the window of completing
the training and once for it (``within_year_of_training``), or at most once in 12 months
(``once_per_12_months``). See ``wenjiuye_cli.measures.training_living_allowance``.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.columnar.expr import NULL_BOOL, ON, Params, add_months, fact
from wenjiuye_cli.columnar.rule import Rule, Scope, Settle, cond, msg
from wenjiuye_cli.measures.training_living_allowance import GROUP_FACTS, MEASURE
from wenjiuye_cli.outcome import Status


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    completed = fact("skills_training_completed_date")
    received, last = fact("training_allowance_received"), fact("training_allowance_last_paid")
    window = p.param("key_group_training.one_off_window_months")
    per_year = p.param("key_group_training.one_off_reading") == "once_per_12_months"
    start = p.param("general.policy_start")

    # 就业困难人员、零就业家庭成员、农村未继续升学初高中毕业生和低保家庭学员: the first that holds
    which: pl.Expr = pl.lit("group.unknown")
    which = (
        pl.when(pl.all_horizontal([fact(n).eq_missing(False) for n in GROUP_FACTS]))
        .then(pl.lit("group.none"))
        .otherwise(which)
    )
    for name in reversed(GROUP_FACTS):
        which = pl.when(fact(name)).then(pl.lit(f"group.{name}")).otherwise(which)
    staged = s.stage(
        which=which,
        again=add_months(last, window).dt.offset_by("1d"),
        deadline=add_months(completed, window),
    )
    which, again, deadline = staged["which"], staged["again"], staged["deadline"]
    unknown_payment = [
        ("training_allowance_received", received.is_null()),
        ("training_allowance_last_paid", received.is_not_null()),
    ]

    def detail(prefix: str, paid: pl.Expr, earlier: str | None = None) -> pl.Expr:
        out = pl.when(last.is_not_null())
        then = (
            out.then(pl.lit(f"{prefix}.last"))
            if earlier is None
            else out.then(pl.when(paid).then(pl.lit(f"{prefix}.paid")).otherwise(pl.lit(earlier)))
        )
        return (
            then.when(received.eq_missing(False))
            .then(pl.lit(f"{prefix}.never"))
            .otherwise(pl.lit(f"{prefix}.unknown"))
        )

    already = last >= completed  # paid on or after the day this training was completed
    by_training = ~per_year & completed.is_not_null()
    amount = p.param("key_group_training.one_off_living_allowance")
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            cond(
                "group",
                pl.when(which == "group.unknown").then(NULL_BOOL).otherwise(which != "group.none"),
                args={"which": which},
                missing=[(n, fact(n).is_null()) for n in GROUP_FACTS],
            ),
            cond(
                "training_completed",
                completed <= ON,
                args={"completed": completed, "on": ON},
                missing=["skills_training_completed_date"],
            ),
            cond(
                "training_in_force",
                completed >= start,
                args={"start": start, "completed": completed},
                shown=completed.is_not_null()
                & p.param("key_group_training.one_off_requires_training_in_force"),
            ),
            # 一年内只领一次
            cond(
                "once_per_year",
                pl.when(last.is_not_null()).then(again <= ON).when(received.eq_missing(False)).then(True),
                args={
                    "window": window,
                    "detail": detail("once_per_year", NULL_BOOL),
                    "last": last,
                    "again": again,
                    "on": ON,
                },
                missing=unknown_payment,
                shown=per_year,
            ),
            # 在一年内申请 … 一次性, for this training
            cond(
                "within_year",
                ON <= deadline,
                args={"window": window, "completed": completed, "deadline": deadline, "on": ON},
                shown=by_training,
            ),
            cond(
                "once_for_training",
                pl.when(last.is_not_null()).then(~already).when(received.eq_missing(False)).then(True),
                args={
                    "detail": detail("once_for_training", already, "once_for_training.earlier"),
                    "last": last,
                    "completed": completed,
                },
                missing=unknown_payment,
                shown=by_training,
            ),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        arithmetic=(msg("arith.allowance", {"amount": amount}),),
        notes=(msg("note.also_poor_village", shown=fact("poor_village_labour").eq_missing(True)),),
        payee="applicant",
    )
