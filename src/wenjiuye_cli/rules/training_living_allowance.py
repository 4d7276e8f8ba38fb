"""第二十条 开展重点群体就业技能培训 — 一次性生活费补贴, 附件1 序号47 (责任部门：区人社局)

  就业困难人员、零就业家庭成员、农村未继续升学初高中毕业生和低保家庭学员，还可在一年内申请一次性1000元
  生活费补贴。

A trainee of vocational skills training in one of the four groups. By
``key_group_training.one_off_requires_training_in_force`` the training must be completed from the policy's
first day. "在一年内申请一次性" by ``key_group_training.one_off_reading``: within the window of completing
the training and once for it (``within_year_of_training``), or at most once in 12 months
(``once_per_12_months``). See ``wenjiuye_cli.rules.training_living_allowance``.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import NULL_BOOL, ON, Params, add_months, fact
from wenjiuye_cli.engine.rule import Rule, Scope, Settle, cond, msg
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    DIFFICULTY_PERSON,
    POOR_VILLAGE_LABOUR,
    SUBSISTENCE_FAMILY,
    ZERO_EMPLOYMENT_FAMILY,
)
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._training import MESSAGES as TRAINING_MESSAGES
from wenjiuye_cli.rules._training import SKILLS_TRAINING_COMPLETED_DATE

RURAL_SCHOOL_LEAVER = fact_spec(
    "rural_school_leaver", "bool", ("农村未继续升学初高中毕业生", "rural school leaver not continuing education"),
    ("农村户籍、初中或高中毕业后未继续升学", "rural junior/senior secondary graduate who did not go on to further "
     "education"),
    ("person",),
)  # fmt: skip
ALLOWANCE_RECEIVED = fact_spec(
    "training_allowance_received", "bool", ("是否领取过一次性培训生活费补贴", "received the one-off training allowance"),
    ("此前是否领取过序号47的一次性生活费补贴；是 时需同时填上次领取日期",
     "whether the one-off allowance of task 47 was received before; if yes give the date"),
    ("person",),
)  # fmt: skip
ALLOWANCE_LAST_PAID = fact_spec(
    "training_allowance_last_paid", "date", ("上次领取一次性培训生活费补贴日期", "one-off training allowance last paid"),
    ("上次领取序号47一次性生活费补贴的日期", "date the one-off allowance of task 47 was last paid"), ("person",),
)  # fmt: skip

GROUP_FACTS = (
    DIFFICULTY_PERSON.name,
    ZERO_EMPLOYMENT_FAMILY.name,
    RURAL_SCHOOL_LEAVER.name,
    SUBSISTENCE_FAMILY.name,
)

MESSAGES: dict[str, tuple[str, str]] = {
    **TRAINING_MESSAGES,
    "group": ("学员属于：{which}", "the trainee is: {which}"),
    "group.employment_difficulty": ("就业困难人员", "a person with employment difficulty"),
    "group.zero_employment_family": ("零就业家庭成员", "a member of a zero-employment family"),
    "group.rural_school_leaver": (
        "农村未继续升学初高中毕业生",
        "a rural school leaver not in further education",
    ),
    "group.subsistence_allowance_family": (
        "低保家庭学员",
        "from a family on the minimum subsistence allowance",
    ),
    "group.none": (
        "不属于四类人员中的任何一类（就业困难人员、零就业家庭成员、农村未继续升学初高中毕业生、低保家庭学员：均为否）",
        "in none of the four groups (employment difficulty, zero-employment family, rural school leaver, family "
        "on the minimum subsistence allowance: no to each)",
    ),
    "group.unknown": ("无法确定", "cannot be determined"),
    "once_per_year": ("{window} 个月内只领一次：{detail}", "once within {window} months: {detail}"),
    "once_per_year.never": ("此前未领取", "never received"),
    "once_per_year.last": (
        "上次 {last} 领取，{again} 起可再领（计算日 {on}）",
        "last paid {last}, payable again from {again} (evaluated {on})",
    ),
    "once_per_year.unknown": ("不知是否领取过或上次领取日期", "whether or when it was last paid is unknown"),
    "within_year": (
        "培训结业后 {window} 个月内申请：{completed} 结业，截止 {deadline}，计算日 {on}",
        "applied within {window} months of the training: completed {completed}, deadline {deadline}, "
        "evaluated {on}",
    ),
    "training_in_force": (
        "培训在政策施行期间结业（{start} 起）：{completed}",
        "training completed while the policy is in force (from {start}): {completed}",
    ),
    "once_for_training": ("本次培训只领一次：{detail}", "once for this training: {detail}"),
    "once_for_training.never": ("此前未领取", "never received"),
    "once_for_training.earlier": (
        "上次 {last} 领取，早于本次培训结业（{completed}），是以前培训的补贴",
        "last paid {last}, before this training was completed ({completed}): that was for an earlier training",
    ),
    "once_for_training.paid": (
        "已于 {last} 领取（本次培训 {completed} 结业后），不再发放",
        "already paid on {last}, after this training was completed ({completed})",
    ),
    "once_for_training.unknown": (
        "不知是否领取过或上次领取日期",
        "whether or when it was last paid is unknown",
    ),
    "arith.allowance": ("一次性生活费补贴 {amount} 元", "one-off living allowance {amount} yuan"),
    "note.also_poor_village": (
        "另可按序号46领取困难村劳动力生活费补贴（“还可”：两项都发，分别计算，不重复）",
        "the poor-village allowance of task 46 is paid as well ('还可': both are paid, each once)",
    ),
}


MEASURE = Measure(
    id="training_living_allowance",
    name_zh="培训一次性生活费补贴",
    name_en="one-off training living allowance",
    article="二十",
    tasks=(47,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        DIFFICULTY_PERSON,
        ZERO_EMPLOYMENT_FAMILY,
        RURAL_SCHOOL_LEAVER,
        SUBSISTENCE_FAMILY,
        SKILLS_TRAINING_COMPLETED_DATE,
        ALLOWANCE_RECEIVED,
        ALLOWANCE_LAST_PAID,
        POOR_VILLAGE_LABOUR,
    ),
    messages=MESSAGES,
)


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
