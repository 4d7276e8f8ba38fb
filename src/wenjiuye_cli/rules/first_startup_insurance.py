"""第十四条 给予首次创业补贴 — 首次创业社保补贴和岗位补贴, 附件1 序号35 (责任部门：区人社局)

  对重点创业人群、就业困难人员首次创办企业的，给予最长3年五项社保补贴和1年岗位补贴。

With the readings of ``wenjiuye_cli.rules.first_startup_insurance``: a founder in a key entrepreneur
group (附件2, ``rules._key_groups``, judged on the registration date, or on the policy's first day for a
business registered before it) or certified as 就业困难人员 — two alternative sets of conditions
(``rules._branches``), one subsidy however many hold — whose first business counts as 企业
(``first_startup.sole_proprietorship_counts``, whose other reading a sole proprietor is told) and is
registered in Heping (``first_startup.insurance_requires_heping``).

Both periods count from the month of registration: the five-insurance subsidy for at most
``first_startup.insurance_max_months``, the post subsidy for ``first_startup.post_max_months``, each ending
at the earliest of its duration, statutory retirement (``first_startup.retirement_month_covered``) and,
where payments end with the policy, ``general.policy_end``; months before the policy came into force are
not counted. The monthly amounts follow city standards the district text does not state: the status is
``amount_set_elsewhere``, with the months and the end dates.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from wenjiuye_cli.engine.expr import ON, Params, fact, floored, known_if, month_index
from wenjiuye_cli.engine.rule import Cond, Msg, Rule, Scope, Settle, Step, cond, extra, msg
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    DIFFICULTY_PERSON,
    GRADUATION_DATE,
    HAIHE_TALENT_SETTLED_DATE,
    IS_HAIHE_TALENT,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
    REGISTERED_IN_HEPING,
    REGISTRATION_DATE,
)
from wenjiuye_cli.outcome import Measure, Status
from wenjiuye_cli.rules._branches import MESSAGES as BRANCH_MESSAGES
from wenjiuye_cli.rules._branches import Branch, settle
from wenjiuye_cli.rules._founder import (
    BUSINESS_TYPE,
    FIRST_BUSINESS,
    SOLE_KEY,
    business_type,
    renamed,
    sole_proprietorship_reading,
)
from wenjiuye_cli.rules._founder import MESSAGES as FOUNDER_MESSAGES
from wenjiuye_cli.rules._hire import duration_end
from wenjiuye_cli.rules._key_groups import MESSAGES as KEY_GROUP_MESSAGES
from wenjiuye_cli.rules._key_groups import key_group
from wenjiuye_cli.rules._periods import (
    ALL_STATUSES,
    Ending,
    first_policy_month,
    months_within,
    past_policy_note,
    period,
    policy_start_note,
    retirement_limit,
    ym,
)
from wenjiuye_cli.rules._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.rules._person_retirement import RETIREMENT_FACTS
from wenjiuye_cli.rules._retirement import retirement_condition, stage_retirement
from wenjiuye_cli.rules._schedule import MESSAGES as SCHEDULE_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    **BRANCH_MESSAGES,
    **FOUNDER_MESSAGES,
    **KEY_GROUP_MESSAGES,
    **RETIREMENT_MESSAGES,
    **SCHEDULE_MESSAGES,
    "registered": (
        "企业注册日期 {registered}（计算日 {on}）",
        "business registered on {registered} (evaluated {on})",
    ),
    "founder.key_group": ("重点创业人群", "key entrepreneur group"),
    "founder.difficulty": ("就业困难人员", "person with employment difficulty"),
    "employment_difficulty": ("经认定的就业困难人员", "certified person with employment difficulty"),
    "insurance_months": (
        "社保补贴期内仍有月份：{months} 个月（至少 1 个月）",
        "months left in the insurance subsidy period: {months} (at least 1)",
    ),
    "arith.insurance": (
        "五项社保补贴：{first} 至 {last} 共 {months} 个月（最长 {limit} 个月，止于{reason}），每月金额按市级标准",
        "five-insurance subsidy: {first} to {last}, {months} months (at most {limit}; ended by {reason}); the "
        "monthly amount follows the city standard",
    ),
    "arith.post": (
        "岗位补贴：{first} 至 {last} 共 {months} 个月（{limit} 个月，止于{reason}），每月金额按市级标准",
        "post subsidy: {first} to {last}, {months} months ({limit}; ended by {reason}); the monthly amount follows "
        "the city standard",
    ),
    "arith.post_none": ("岗位补贴：已无剩余月份", "post subsidy: no months left"),
    "note.city_standard": (
        "五项社保补贴和岗位补贴的每月金额按天津市标准执行（本区文件未列明），这里只计算资格、月数和截止日期",
        "the monthly amounts of the insurance and post subsidies follow Tianjin standards not in the district "
        "text; eligibility, months and end dates are computed here",
    ),
}


MEASURE = Measure(
    id="first_startup_insurance",
    name_zh="首次创业社保补贴和岗位补贴",
    name_en="insurance and post subsidies for first-time founders",
    article="十四",
    tasks=(35,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        REGISTRATION_DATE,
        BUSINESS_TYPE,
        FIRST_BUSINESS,
        REGISTERED_IN_HEPING,
        IS_TIANJIN_FULLTIME_STUDENT,
        IS_UNIVERSITY_GRADUATE,
        GRADUATION_DATE,
        IS_HAIHE_TALENT,
        HAIHE_TALENT_SETTLED_DATE,
        DIFFICULTY_PERSON,
        *RETIREMENT_FACTS,
    ),
    messages=MESSAGES,
)


K = "first_startup."


def subsidy_period(
    s: Scope, name: str, first: pl.Expr, months: pl.Expr, retire_day: pl.Expr, policy_limit: pl.Expr,
    counted_from: pl.Expr,
) -> dict[str, pl.Expr]:  # fmt: skip
    """The months of one subsidy (``first_startup_insurance._months``), staged as ``<name>.*``: from the
    registration month ``first`` through the earliest of ``months`` whole months, retirement and the
    policy's end (ties to the one named first), months before ``counted_from`` left out."""
    limits = [
        ("end_reason.duration", duration_end(first, months)),
        ("end_reason.retirement", retire_day),
        ("end_reason.policy_end", policy_limit),
    ]
    staged = s.stage(**{f"{name}.{k}": v for k, v in period(first, limits, counted_from).items()})
    return {k.removeprefix(f"{name}."): v for k, v in staged.items()}


def build(p: Params, sole_counts: pl.Expr, measure_id: str) -> Rule:
    """The rule with ``first_startup.sole_proprietorship_counts`` read as ``sole_counts``."""
    s = Scope(measure_id)
    registered = fact("registration_date")
    requires_heping = p.param(K + "insurance_requires_heping")

    # 重点创业人群 judged on the registration day (the policy's first day for an earlier business); no
    # registration date, no day: the group is unknown unless its facts settle it whatever the day
    days = s.stage(key_day=floored(registered, p.param("general.policy_start")))
    key = Branch("founder.key_group", (key_group(p, s, days["key_day"]),))
    difficulty = Branch(
        "founder.difficulty",
        (cond("employment_difficulty", fact("employment_difficulty"), missing=["employment_difficulty"]),),
    )
    founder = settle(s, [key, difficulty], evaluated=pl.lit(True))
    ret = stage_retirement(p, s)

    conditions: tuple[Cond, ...] = (
        cond(
            "registered",
            known_if(registered <= ON, registered),
            args={"registered": registered, "on": ON},
            missing=["registration_date"],
        ),
        business_type(sole_counts),
        cond("first_business", fact("first_business"), missing=["first_business"]),
        cond(
            "registered_in_heping",
            fact("registered_in_heping"),
            missing=["registered_in_heping"],
            shown=requires_heping,
        ),
        *founder.steps,
        retirement_condition(ret),
    )
    # every condition above passed: the periods are looked at
    reached = s.stage(
        reached=pl.all_horizontal(
            [
                c.result if c.shown is None else pl.when(c.shown).then(c.result).otherwise(True)
                for c in conditions
            ]
        ).fill_null(False)
    )["reached"]

    # 最长3年五项社保补贴和1年岗位补贴, from the month of registration
    ending = Ending(p, MEASURE.id)
    starts = s.stage(
        first=month_index(registered),
        counted_from=first_policy_month(p),
        retire_day=retirement_limit(ret["date"], p.param(K + "retirement_month_covered")),
        policy_limit=ending.limit(registered),
    )
    first, counted_from = starts["first"], starts["counted_from"]
    ins_limit, post_limit = p.param(K + "insurance_max_months"), p.param(K + "post_max_months")
    limits = (starts["retire_day"], starts["policy_limit"], counted_from)
    insurance = subsidy_period(s, "insurance", first, ins_limit, *limits)
    post = subsidy_period(s, "post", first, post_limit, *limits)
    n = insurance["n"]

    steps: tuple[Step, ...] = (
        *conditions,
        Settle(),
        cond("insurance_months", n > 0, args={"months": n}),
        Settle(),
    )
    branch_notes = tuple(replace(note, statuses=(*ALL_STATUSES,)) for note in founder.notes)
    return Rule(
        renamed(MEASURE, measure_id),
        stages=tuple(s.stages),
        steps=steps,
        final=Status.AMOUNT_SET_ELSEWHERE,
        months=n,
        payee="applicant",
        arithmetic=(
            period_message("arith.insurance", insurance, ins_limit),
            period_message("arith.post", post, post_limit, shown=post["n"] > 0),
            msg("arith.post_none", {}, shown=post["n"] == 0),
        ),
        notes=(
            *branch_notes,
            policy_start_note(p, reached & (first < counted_from)),
            past_policy_note(
                ending,
                insurance["last"],
                n,
                months_within(insurance["first_paid"], insurance["last"], ending.policy_end),
                reached,
            ),
            msg("note.city_standard", {}),
        ),
        extra={  # amount_set_elsewhere only
            "end_date": extra(insurance["end"]),
            "end_reason": extra(insurance["reason"].str.strip_prefix("end_reason.")),
            "insurance_months": extra(n),
            "insurance_first_month": extra(ym(insurance["first_paid"])),
            "post_months": extra(post["n"]),
            "post_end_date": extra(post["end"]),
            "post_end_reason": extra(post["reason"].str.strip_prefix("end_reason.")),
            "retirement_date": extra(ret["date"]),
        },
    )


def period_message(
    code: str, months: dict[str, pl.Expr], limit: pl.Expr, shown: pl.Expr | None = None
) -> Msg:
    """ "…：{first} 至 {last} 共 {months} 个月（最长 {limit} 个月，止于{reason}）"."""
    return msg(
        code,
        {
            "first": ym(months["first_paid"]),
            "last": ym(months["last"]),
            "months": months["n"],
            "limit": limit,
            "reason": months["reason"],
        },
        shown=shown,
    )


def declare(p: Params) -> Rule:
    rule = build(p, p.param(SOLE_KEY), MEASURE.id)
    stages, note = sole_proprietorship_reading(p, MEASURE, build)
    return replace(rule, stages=(*stages, *rule.stages), notes=(*rule.notes, note))
