"""第十二条（加强托底安置就业）公益性岗位补贴 — 附件1 序号33 (责任部门：区人社局)

  按照市人社局统一安排，增加公益性岗位，优先安置距离法定退休年龄不足5年的特殊就业困难人员，给予用人单位
  最长3年五项社保补贴和岗位补贴，距法定退休年龄不足5年的，补贴期限可延长至退休。

As ``wenjiuye_cli.rules.public_welfare_post``: a hire on a public-welfare post (of a 就业困难人员, by
``public_welfare_post.requires_employment_difficulty``), hired before statutory retirement. Both subsidies
run at most ``public_welfare_post.max_months`` months from the first subsidy month, to retirement when the
person is fewer than ``extension_years_before_retirement`` years from it (assessed by
``extension_assessed_at``; the post subsidy too by ``extension_covers_post_subsidy``), never past
retirement nor, where payments end with the policy, its last day. The monthly amounts are city standards:
``amount_set_elsewhere``. The priority group (特殊就业困难人员 near retirement) is a note, not a condition.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import Params, fact
from wenjiuye_cli.engine.rule import Rule, Scope, Settle, arg, cond, extra, msg
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._hire import (
    E_DIFFICULTY,
    HIRE_DATE,
    POST_TYPE,
    RETIREMENT_FACTS,
    SPECIAL_DIFFICULTY_FACTS,
    before_retirement_cond,
    duration_end,
    extended,
    extended_period_notes,
    first_subsidy_month,
    hire_date_cond,
    period_messages,
    post_label,
    special_difficulty,
)
from wenjiuye_cli.rules._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.rules._periods import (
    Ending,
    first_policy_month,
    period,
    ym,
)
from wenjiuye_cli.rules._retirement import retirement_condition, stage_retirement
from wenjiuye_cli.rules._special_difficulty import MESSAGES as SPECIAL_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    **HIRE_MESSAGES,
    **SPECIAL_MESSAGES,
    "public_welfare_post": ("公益性岗位：{post}", "public-welfare post: {post}"),
    "difficulty": ("安置对象为就业困难人员：{value}", "the person placed is a 就业困难人员: {value}"),
    "note.priority": (
        "优先安置对象（距法定退休年龄不足 {years} 年的特殊就业困难人员）：{value}",
        "priority group (特殊就业困难人员 fewer than {years} years from retirement age): {value}",
    ),
    "note.amount_elsewhere": (
        "每月补贴金额按市级标准（五项社保补贴按单位缴费部分、岗位补贴按市定标准）核定，本区文件未规定",
        "the monthly amounts follow city standards (employer contributions; the city post-subsidy rate) "
        "not stated in the district text",
    ),
    "note.not_under_art10": (
        "该人员的社保补贴和岗位补贴按本条计算，不再按第十条重复给予",
        "this person's insurance and post subsidies are computed here, not again under art. 10",
    ),
}


MEASURE = Measure(
    id="public_welfare_post",
    name_zh="公益性岗位社保补贴和岗位补贴",
    name_en="public-welfare post insurance and post subsidies",
    article="十二",
    tasks=(33,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(
        APPLICATION_DATE,
        HIRE_DATE,
        POST_TYPE,
        E_DIFFICULTY,
        *SPECIAL_DIFFICULTY_FACTS,
        *RETIREMENT_FACTS,
    ),
    messages=MESSAGES,
)


G = "public_welfare_post."


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    hired, post = fact("hire_date"), fact("post_type")
    ret = stage_retirement(p, s)
    retired_on = ret["date"]
    needs_difficulty = p.param(G + "requires_employment_difficulty")
    difficulty = fact("employment_difficulty")

    qualifies = (
        hired.is_not_null()
        & (post == "public_welfare")
        & (difficulty | needs_difficulty.not_())
        & ret["known"]
        & (hired < retired_on)
    ).fill_null(False)

    # 最长3年: the standard period; 距法定退休年龄不足5年的，可延长至退休
    ending = Ending(p, MEASURE.id)
    policy_limit = ending.limit(hired)
    counted_from = first_policy_month(p)
    first = first_subsidy_month(p, hired)
    max_months = p.param(G + "max_months")
    starts = s.stage(first=first, counted_from=counted_from, duration_end=duration_end(first, max_months))
    first, counted_from, by_duration = starts["first"], starts["counted_from"], starts["duration_end"]
    standard = s.stage(
        **{
            f"standard.{k}": v
            for k, v in period(
                first,
                [
                    ("end.duration", by_duration),
                    ("end.retirement", retired_on),
                    ("end.policy_end", policy_limit),
                ],
                counted_from,
            ).items()
        }
    )
    standard = {k.removeprefix("standard."): v for k, v in standard.items()}
    years = p.param(G + "extension_years_before_retirement")
    assessed_on = (
        pl.when(p.param(G + "extension_assessed_at") == "subsidy_start")
        .then(hired)
        # (a null ``retired_on`` makes ``within`` null below anyway, and the notes need a known retirement)
        .otherwise(pl.min_horizontal(by_duration, retired_on))
    )
    to_retirement = period(
        first, [("end.retirement", retired_on), ("end.policy_end", policy_limit)], counted_from
    )
    within = extended(retired_on, assessed_on, years)
    is_extended = within & (standard["reason"] == "end.duration")
    extension = s.stage(on=assessed_on, within=within, extended=is_extended.fill_null(False))
    chosen = s.stage(
        **{
            f"insurance.{k}": pl.when(extension["extended"]).then(to_retirement[k]).otherwise(standard[k])
            for k in standard
        }
    )
    insurance = {k.removeprefix("insurance."): v for k, v in chosen.items()}
    covers = p.param(G + "extension_covers_post_subsidy")
    post_period = {k: pl.when(covers).then(insurance[k]).otherwise(standard[k]) for k in standard}
    n = insurance["n"]
    reached = s.stage(reached=qualifies)["reached"]
    first_shown = pl.when(n > 0).then(insurance["first_paid"]).otherwise(first)

    special = special_difficulty()
    near = extended(retired_on, hired, years)
    priority = pl.when(special.is_not_null()).then(special & near)

    steps = (
        hire_date_cond(hired),
        cond(
            "public_welfare_post",
            post == "public_welfare",
            args={"post": arg(post, post_label)},
            missing=["post_type"],
        ),
        cond(
            "difficulty",
            difficulty,
            args={"value": difficulty},
            missing=["employment_difficulty"],
            shown=needs_difficulty,
        ),
        retirement_condition(ret),
        before_retirement_cond(hired, ret),
        Settle(),
        cond(
            "subsidy_months",
            n > 0,
            args={"months": n, "first": ym(first_shown), "end": insurance["end"]},
        ),
        Settle(),
    )
    granted = (Status.AMOUNT_SET_ELSEWHERE,)
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=steps,
        final=Status.AMOUNT_SET_ELSEWHERE,
        months=n,
        payee="enterprise",
        arithmetic=(
            *period_messages("what.insurance", insurance),
            *period_messages("what.post", post_period),
        ),
        notes=(
            *extended_period_notes(
                p,
                ending,
                insurance,
                reached,
                on=extension["on"],
                retirement=retired_on,
                years=years,
                within=extension["within"],
                limit=standard["n"],
                extended=extension["extended"],
                assessed=reached,
            ),
            msg("note.priority", {"years": years, "value": priority}, statuses=granted),
            msg("note.not_under_art10", {}, statuses=granted),
            msg("note.amount_elsewhere", {}, statuses=granted),
        ),
        extra={
            "retirement_date": extra(retired_on),
            "extended_to_retirement": extra(extension["extended"]),
            "insurance_months": extra(n),
            "end_date": extra(insurance["end"]),
            "end_reason": extra(insurance["reason"].str.strip_prefix("end.")),
            "post_subsidy_months": extra(post_period["n"]),
            "post_subsidy_end_date": extra(post_period["end"]),
            "post_subsidy_end_reason": extra(post_period["reason"].str.strip_prefix("end.")),
            "priority_group": extra(priority),
        },
    )
