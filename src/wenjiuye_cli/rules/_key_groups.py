"""附件2 名词解释 第2项 — 重点创业人群 (key entrepreneur groups), as expressions.

  2．重点创业人群：本市全日制高校在校生、毕业5年内的高校毕业生、落户5年内的“海河英才”

In the group if any one branch holds; out of it only when every branch is known to fail. Judged on a day
that may come before the policy (a business registered in 2019): the windows are then the policy's own,
read on the policy's first day. The message codes are ``wenjiuye_cli.rules._key_groups.MESSAGES``.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine.expr import NULL_BOOL, Params, add_months, fact, floored
from wenjiuye_cli.engine.rule import Cond, Scope, cond

MESSAGES: dict[str, tuple[str, str]] = {
    "key_group": ("{which}", "{which}"),
    "key_group.student": (
        "重点创业人群（附件2）：本市全日制高校在校生",
        "key entrepreneur group (附件2): full-time student at a Tianjin university",
    ),
    "key_group.graduate": (
        "重点创业人群（附件2）：毕业{years}年内的高校毕业生（{graduated} 毕业，截至 {until}）",
        "key entrepreneur group (附件2): graduated within {years} years ({graduated}, until {until})",
    ),
    "key_group.haihe": (
        "重点创业人群（附件2）：落户{years}年内的“海河英才”（{settled} 落户，截至 {until}）",
        "key entrepreneur group (附件2): Haihe Talent settled within {years} years ({settled}, until {until})",
    ),
    # Out of every branch: each branch's reason, with the dates and the windows.
    "key_group.none": (
        "{student_why}，{graduate_why}，{haihe_why}，不属于重点创业人群（附件2）",
        "{student_why}; {graduate_why}; {haihe_why}: not in a key entrepreneur group (附件2)",
    ),
    "key_group.not_student": ("不是本市全日制高校在校生", "not a full-time student at a Tianjin university"),
    "key_group.not_graduate": ("不是高校毕业生", "not a university graduate"),
    "key_group.graduated_later": (
        "毕业于 {graduated}，{event}（{on}）时尚未毕业",
        "graduated on {graduated}, not yet at {event} ({on})",
    ),
    "key_group.graduated_too_long": (
        "毕业于 {graduated}，{event}（{on}）时已毕业超过 {grad_years} 年",
        "graduated on {graduated}, more than {grad_years} years before {event} ({on})",
    ),
    "key_group.not_haihe": ("不是“海河英才”", "not Haihe Talent"),
    "key_group.settled_later": (
        "“海河英才”{settled} 落户，{event}（{on}）时尚未落户",
        "Haihe Talent settled on {settled}, not yet at {event} ({on})",
    ),
    "key_group.settled_too_long": (
        "“海河英才”{settled} 落户，{event}（{on}）时已落户超过 {haihe_years} 年",
        "Haihe Talent settled on {settled}, more than {haihe_years} years before {event} ({on})",
    ),
    "key_group.on.registration": ("注册", "registration"),
    "key_group.on.application": ("申请", "application"),
    "key_group.on.day": ("计算日", "the evaluation date"),
    "key_group.unknown": (
        "重点创业人群（附件2）：无法确定",
        "key entrepreneur group (附件2): cannot be determined",
    ),
}


GRADUATE = "key_group.graduate"


def key_group(p: Params, s: Scope, on: pl.Expr, shown: pl.Expr | None = None) -> Cond:
    """The condition ``key_group`` judged on ``on``."""
    student = fact("tianjin_fulltime_student")
    graduate, graduated = fact("university_graduate"), fact("graduation_date")
    haihe, settled = fact("haihe_talent"), fact("haihe_talent_settled_date")
    # the definition is the policy's, even for earlier days (an unknown day reads no value)
    read_on = floored(on, p.param("general.policy_start"))
    staged = s.stage(
        kg_grad_years=p.param("key_groups.graduate_within_years", read_on, from_policy_start=False),
        kg_haihe_years=p.param("key_groups.haihe_settled_within_years", read_on, from_policy_start=False),
    )
    grad_years, haihe_years = staged["kg_grad_years"], staged["kg_haihe_years"]
    dates = s.stage(
        kg_grad_until=add_months(graduated, grad_years * 12),
        kg_haihe_until=add_months(settled, haihe_years * 12),
    )
    grad_until, haihe_until = dates["kg_grad_until"], dates["kg_haihe_until"]
    branches = s.stage(
        # 毕业5年内的高校毕业生: "no degree" settles it; else the graduation date decides
        kg_graduate=pl.when(graduate.eq_missing(False))
        .then(False)
        .otherwise(on.is_between(graduated, grad_until)),
        # 落户5年内的“海河英才”
        kg_haihe=pl.when(haihe.eq_missing(False)).then(False).otherwise(on.is_between(settled, haihe_until)),
    )
    in_graduate, in_haihe = branches["kg_graduate"], branches["kg_haihe"]
    which = s.stage(
        kg_which=pl.when(student)
        .then(pl.lit("key_group.student"))
        .when(in_graduate)
        .then(pl.lit(GRADUATE))
        .when(in_haihe)
        .then(pl.lit("key_group.haihe"))
        .when(student.not_() & in_graduate.not_() & in_haihe.not_())
        .then(pl.lit("key_group.none"))
        .otherwise(pl.lit("key_group.unknown"))
    )["kg_which"]
    is_graduate = which == GRADUATE
    # Out of every branch: each branch's reason, naming the dates and the windows (_key_groups._reasons)
    event = (
        pl.when(on == fact("registration_date"))
        .then(pl.lit("key_group.on.registration"))
        .when(on == fact("application_date"))
        .then(pl.lit("key_group.on.application"))
        .otherwise(pl.lit("key_group.on.day"))
    )
    not_graduate = graduated.is_null() | graduate.eq_missing(False)
    not_haihe = settled.is_null() | haihe.eq_missing(False)
    return cond(
        "key_group",
        pl.when(which == "key_group.unknown").then(NULL_BOOL).otherwise(which != "key_group.none"),
        args={
            "which": which,
            "graduated": graduated,
            "settled": settled,
            "years": pl.when(is_graduate).then(grad_years).otherwise(haihe_years),
            "until": pl.when(is_graduate).then(grad_until).otherwise(haihe_until),
            "student_why": pl.lit("key_group.not_student"),
            "graduate_why": pl.when(not_graduate)
            .then(pl.lit("key_group.not_graduate"))
            .when(graduated > on)
            .then(pl.lit("key_group.graduated_later"))
            .otherwise(pl.lit("key_group.graduated_too_long")),
            "haihe_why": pl.when(not_haihe)
            .then(pl.lit("key_group.not_haihe"))
            .when(settled > on)
            .then(pl.lit("key_group.settled_later"))
            .otherwise(pl.lit("key_group.settled_too_long")),
            "on": on,
            "event": event,
            "grad_years": grad_years,
            "haihe_years": haihe_years,
        },
        missing=[
            ("tianjin_fulltime_student", student.is_null()),
            # each named only when it is the fact missing (not when ``on`` is unknown: its caller names it)
            ("graduation_date", in_graduate.is_null() & graduated.is_null()),
            ("haihe_talent", in_haihe.is_null() & haihe.is_null() & settled.is_null()),
            ("haihe_talent_settled_date", in_haihe.is_null() & haihe.is_not_null() & settled.is_null()),
        ],
        shown=shown,
    )
