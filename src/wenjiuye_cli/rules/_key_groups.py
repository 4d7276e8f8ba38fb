"""附件2 名词解释 第2项 — 重点创业人群 (key entrepreneur groups), as expressions.

  2．重点创业人群：本市全日制高校在校生、毕业5年内的高校毕业生、落户5年内的“海河英才”

In the group if any one branch holds; out of it only when every branch is known to fail. Judged on a day
that may come before the policy (a business registered in 2019): the windows are then the policy's own,
read on the policy's first day. The message codes are ``wenjiuye_cli.measures._key_groups.MESSAGES``.
"""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.columnar.expr import NULL_BOOL, Params, add_months, fact
from wenjiuye_cli.columnar.rule import Cond, Scope, cond

GRADUATE = "key_group.graduate"


def key_group(p: Params, s: Scope, on: pl.Expr, shown: pl.Expr | None = None) -> Cond:
    """The condition ``key_group`` judged on ``on``."""
    student = fact("tianjin_fulltime_student")
    graduate, graduated = fact("university_graduate"), fact("graduation_date")
    haihe, settled = fact("haihe_talent"), fact("haihe_talent_settled_date")
    # the definition is the policy's, even for earlier days
    read_on = pl.max_horizontal(on, p.param("general.policy_start"))
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
    return cond(
        "key_group",
        pl.when(which == "key_group.unknown").then(NULL_BOOL).otherwise(which != "key_group.none"),
        args={
            "which": which,
            "graduated": graduated,
            "settled": settled,
            "years": pl.when(is_graduate).then(grad_years).otherwise(haihe_years),
            "until": pl.when(is_graduate).then(grad_until).otherwise(haihe_until),
        },
        missing=[
            ("tianjin_fulltime_student", student.is_null()),
            ("graduation_date", in_graduate.is_null()),
            ("haihe_talent", in_haihe.is_null() & haihe.is_null()),
            ("haihe_talent_settled_date", in_haihe.is_null() & haihe.is_not_null()),
        ],
        shown=shown,
    )
