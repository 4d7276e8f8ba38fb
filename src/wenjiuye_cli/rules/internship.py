"""第九条（鼓励青年群体基层就业）就业见习补贴 — 附件1 序号27 (责任部门：区人社局)

  对我区管辖的大学生就业见习基地，见习人员范围扩大至中等职业学校、技工院校毕业学年学生，给予见习生活费、
  带教费、意外伤害险补贴和留用奖励。见习生活费补贴提高至本市最低工资标准的80%，单位留用奖励标准提高至
  每人3000元。

As ``wenjiuye_cli.rules.internship`` reads it, one row being one intern at one base: each calendar month
with at least ``internship.min_days_in_month`` internship days inside the policy (days after its end count
unless payments end with it) is counted, at most ``internship.max_months`` paid; each paid month gets 80% of
the minimum wage in force then (rounded to the fen) plus the city's mentoring fee and accident insurance in
force then; 3000 per intern kept on after at least 3 months. 16–24岁失业青年 are interns while
``internship.unemployed_youth_counts`` holds, and their outcome says what the other reading gives.

The months are a list per row (the month's days decide, so February may fail a threshold the others pass):
day counts by list arithmetic against the row's first and last day, the counted months filtered, the paid
ones the list's head; each paid month's rates are read on its first counted day inside ``list.eval``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import (
    NULL_BOOL,
    Params,
    fact,
    month_from_index,
    month_index,
    months_between,
    times,
    to_fen,
)
from wenjiuye_cli.engine.rule import Read, Rule, Scope, Settle, arg, cond, extra, msg
from wenjiuye_cli.engine.schema import MONEY
from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Cap, Label, Measure, Message, Status
from wenjiuye_cli.rules._readings import MESSAGES as READING_MESSAGES
from wenjiuye_cli.rules._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.rules._schedule import payments_end, runs_past_policy

BASE_IN_HEPING = fact_spec(
    "internship_base_in_heping", "bool", ("是否我区管辖的就业见习基地", "internship base administered by Heping"),
    ("申请单位是否为和平区管辖的（大学生）就业见习基地", "whether the applicant is an internship base under Heping"),
    ("intern",),
)  # fmt: skip
INTERN_CATEGORY = fact_spec(
    "intern_category", "choice", ("见习人员类别", "intern category"),
    ("高校学生或毕业生；中等职业学校毕业学年学生；技工院校毕业学年学生；16至24岁失业青年（本市户籍、已失业登记，"
     "见习开始时年满16未满25周岁）；其他", "university student or graduate; final-year secondary-vocational "
     "student; final-year technical-school student; unemployed youth aged 16-24 (Tianjin hukou, registered "
     "unemployed, aged 16 to 24 when the internship starts); other"),
    ("intern",),
    choices={
        "university": ("高校学生或毕业生", "university student or graduate"),
        "secondary_vocational": ("中等职业学校毕业学年学生", "final-year secondary-vocational student"),
        "technical_school": ("技工院校毕业学年学生", "final-year technical-school student"),
        "unemployed_youth": ("16至24岁失业青年", "unemployed youth aged 16-24"),
        "other": ("其他", "other"),
    },
)  # fmt: skip
INTERNSHIP_START = fact_spec(
    "internship_start", "date", ("见习开始日期", "internship start"), ("见习协议约定的开始日期", "first day"),
    ("intern",),
)  # fmt: skip
INTERNSHIP_END = fact_spec(
    "internship_end", "date", ("见习结束日期", "internship end"),
    ("见习的最后一日（含）", "last day of the internship (inclusive)"), ("intern",),
)  # fmt: skip
INTERN_RETAINED = fact_spec(
    "intern_retained", "bool", ("是否留用", "intern kept on"),
    ("见习结束后留用并签订劳动合同（按市规定：30日内签1年以上合同并缴纳社保满3个月）",
     "kept on after the internship (city rule: contract of 1 year+ within 30 days, 3 months of contributions)"),
    ("intern",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **SCHEDULE_MESSAGES,
    **READING_MESSAGES,
    "reading.youth.false": (
        "第九条只把见习人员范围扩大至中职、技工院校毕业学年学生，16至24岁失业青年不在其内",
        "article 9 widens the scope only to final-year vocational students: unemployed youth are not in it",
    ),
    "reading.youth.true": (
        "按天津市就业见习规定，本市户籍失业登记的16至24岁失业青年也可参加见习",
        "as in the Tianjin internship rules, registered unemployed youth aged 16-24 may also intern",
    ),
    "base_in_heping": (
        "我区管辖的就业见习基地：{value}",
        "an internship base administered by Heping: {value}",
    ),
    "intern_category": (
        "见习人员范围（高校学生或毕业生、中等职业学校或技工院校毕业学年学生）：{category}",
        "intern within the scope (university student or graduate, final-year secondary-vocational or "
        "technical-school student): {category}",
    ),
    "dates_valid": ("见习期间 {start} 至 {end}", "internship from {start} to {end}"),
    "paid_months": (
        "计补贴月份（当月见习满 {min_days} 日）：{months} 个月",
        "months counted (at least {min_days} days in the month): {months}",
    ),
    "arith.month": (
        "{month}：生活费 {wage} × {ratio} = {allowance}，带教费 {fee}，意外伤害险 {insurance}，合计 {total} 元",
        "{month}: allowance {wage} × {ratio} = {allowance}, mentoring {fee}, insurance {insurance}, total {total} yuan",
    ),
    "arith.items": (
        "生活费 {allowance} + 带教费 {fees} + 意外伤害险 {insurance} + 留用奖励 {reward} = {amount} 元",
        "allowance {allowance} + mentoring {fees} + insurance {insurance} + retention {reward} = {amount} yuan",
    ),
    "retention": (
        "留用奖励：留用 {retained}，见习满 {required} 个月（已见习 {served} 个月）：{due}",
        "retention reward: kept on {retained}, at least {required} months served ({served} served): {due}",
    ),
    "note.months_capped": (
        "符合条件的见习月份 {counted} 个，补贴最多 {limit} 个月",
        "{counted} qualifying months; at most {limit} are subsidised",
    ),
    "note.outside_policy": (
        "政策有效期（{start} 至 {end}）以外的见习天数不计",
        "days outside the policy period ({start} to {end}) are not counted",
    ),
    "note.before_policy": (
        "政策自 {start} 起施行，此前的见习天数不计",
        "the policy is in force from {start}: internship days before it are not counted",
    ),
    "note.city_standards": (
        "带教费、意外伤害险补贴标准为市级标准（津人社规字〔2020〕3号），本区文件未规定金额",
        "the mentoring and insurance amounts are city standards (津人社规字〔2020〕3号), not in the district text",
    ),
}


MEASURE = Measure(
    id="internship",
    name_zh="就业见习补贴",
    name_en="internship subsidies",
    article="九",
    tasks=(27,),
    department="区人社局",
    kinds=frozenset({"intern"}),
    facts=(
        APPLICATION_DATE,
        BASE_IN_HEPING,
        INTERN_CATEGORY,
        INTERNSHIP_START,
        INTERNSHIP_END,
        INTERN_RETAINED,
    ),
    messages=MESSAGES,
)


YOUTH = "internship.unemployed_youth_counts"
RATES = {
    "wage": "external.minimum_wage_monthly",
    "ratio": "internship.living_allowance_ratio",
    "fee": "internship.mentoring_fee_monthly",
    "insurance": "internship.accident_insurance_monthly",
}


def _label(code: str) -> Label:
    return Label(*INTERN_CATEGORY.choices[code])


def _literal(value: str) -> Label:
    return Label(value, value)


def _days(day: pl.Expr) -> pl.Expr:
    return day.cast(pl.Int32)


def counted(first: pl.Expr, last: pl.Expr, min_days: pl.Expr) -> pl.Expr:
    """Month indices from ``first``'s month to ``last``'s with at least ``min_days`` days in
    [``first``, ``last``] (``internship._months_in``)."""
    index = pl.int_ranges(month_index(first), month_index(last) + 1, dtype=pl.Int32)
    starts = index.list.eval(_days(month_from_index(pl.element())))
    ends = index.list.eval(_days(month_from_index(pl.element()).dt.month_end()))
    lo, hi = _days(first), _days(last)
    from_day = lo + (starts - lo).list.eval(pl.element().clip(lower_bound=0))  # max(month start, first)
    to_day = hi - (hi - ends).list.eval(pl.element().clip(lower_bound=0))  # min(month end, last)
    days = (to_day - from_day + 1).list.eval(pl.element().clip(lower_bound=0))
    enough = (days - min_days).list.eval((pl.element() >= 0).cast(pl.Int32))
    return ((index + 1) * enough - 1).list.eval(pl.element().filter(pl.element() >= 0))


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    in_heping, category = fact("internship_base_in_heping"), fact("intern_category")
    start, end, retained = fact("internship_start"), fact("internship_end"), fact("intern_retained")
    youth_counts = p.param(YOUTH)
    # 见习人员范围扩大至中等职业学校、技工院校毕业学年学生 (and 16–24岁失业青年, by the reading)
    in_scope = pl.when(category.is_not_null()).then(
        (category != "other") & ((category != "unemployed_youth") | youth_counts)
    )

    policy_start = p.param("general.policy_start")  # in force on the evaluation date
    stops = payments_end(p, MEASURE.id, start)
    min_days, max_months = p.param("internship.min_days_in_month"), p.param("internship.max_months")
    first = pl.max_horizontal(start, policy_start)
    bounds = s.stage(
        first=first,
        last=pl.when(stops.is_null()).then(end).otherwise(pl.min_horizontal(end, stops)),
        # under the other reading of 有效期 only the days to the policy's last day count
        last_within=pl.min_horizontal(end, p.param("general.policy_end")),
    )
    lists = s.stage(
        counted=counted(bounds["first"], bounds["last"], min_days),
        counted_within=counted(bounds["first"], bounds["last_within"], min_days),
    )
    paid = s.stage(
        paid=lists["counted"].list.head(max_months),
        n_counted=lists["counted"].list.len(),
        within=pl.min_horizontal(lists["counted_within"].list.len(), max_months),
    )
    n = s.stage(n=paid["paid"].list.len())["n"]
    # the standards in force in each paid month, from its first counted day
    lo = _days(bounds["first"])
    day = s.stage(
        day=(
            lo
            + (paid["paid"].list.eval(_days(month_from_index(pl.element()))) - lo).list.eval(
                pl.element().clip(lower_bound=0)
            )
        ).list.eval(pl.element().cast(pl.Date))
    )["day"]
    rates = s.stage(
        **{k: day.list.eval(p.param(key, pl.element(), from_policy_start=False)) for k, key in RATES.items()}
    )

    def on_day(key: str) -> pl.Expr:
        return p.param(RATES[key], pl.element(), from_policy_start=False)

    # 见习生活费补贴提高至本市最低工资标准的80%, each month rounded to the fen; 带教费、意外伤害险补贴
    month_allowance = to_fen(times(on_day("wage"), on_day("ratio")))
    per_month = s.stage(
        allowance=day.list.eval(month_allowance),
        total=day.list.eval((month_allowance + on_day("fee") + on_day("insurance")).cast(MONEY)),
    )
    allowance = per_month["allowance"]
    sums = s.stage(
        s_allowance=allowance.list.sum().fill_null(0).cast(MONEY),
        s_fees=rates["fee"].list.sum().fill_null(0).cast(MONEY),
        s_insurance=rates["insurance"].list.sum().fill_null(0).cast(MONEY),
    )
    sums = {**sums, "total": per_month["total"]}
    # 单位留用奖励 … 每人3000元, after the city's minimum months
    served = months_between(start, end + pl.duration(days=1))
    required = p.param("internship.retention_min_months")
    due = s.stage(due=pl.when(retained.is_not_null()).then(retained & (served >= required)))["due"]
    reward = (
        pl.when(due).then(p.param("internship.retention_reward_per_person")).otherwise(pl.lit(0, dtype=MONEY))
    )
    amount = to_fen(sums["s_allowance"] + sums["s_fees"] + sums["s_insurance"] + reward)
    paid_ok = (n > 0) | due.eq_missing(True)
    retention_args = {"retained": retained, "required": required, "served": served, "due": due}

    # What the other reading of 16–24岁失业青年 gives (for such an intern): with them out, not eligible;
    # with them in, the outcome the other conditions give
    dates_ok = start <= end
    group = in_heping & dates_ok
    other_result = (
        pl.when(youth_counts)
        .then(pl.lit("other.ineligible"))
        .when(group.not_())
        .then(pl.lit("other.ineligible"))
        .when(group.is_null())
        .then(pl.lit("other.cannot_decide"))
        .when(paid_ok.not_())
        .then(pl.lit("other.ineligible"))
        .when(retained.is_null())
        .then(pl.lit("other.cannot_decide"))
        .otherwise(pl.lit("other.amount"))
    )
    names = [
        ("internship_base_in_heping", in_heping),
        ("internship_start", start),
        ("internship_end", end),
        ("intern_retained", retained),
    ]
    first_group_missing = pl.concat_str(
        [pl.when(v.is_null()).then(pl.lit(k)) for k, v in names], separator="、", ignore_nulls=True
    )
    other_missing = pl.when(group.is_null()).then(first_group_missing).otherwise(pl.lit("intern_retained"))
    outside = stops.is_not_null() & ((start < policy_start) | (end > stops))
    paid_last = paid["paid"].list.last()
    # where the months paid end: at the months' limit, the policy's end (payments ending with it), or the
    # internship's last day (``internship._end``)
    by_limit = paid["n_counted"] > max_months
    by_policy = stops.is_not_null() & (stops < end)
    ended = {
        "date": pl.when(by_limit)
        .then(month_from_index(paid_last).dt.month_end())
        .when(by_policy)
        .then(stops)
        .otherwise(end),
        "reason": pl.when(by_limit)
        .then(pl.lit("duration"))
        .when(by_policy)
        .then(pl.lit("policy_end"))
        .otherwise(pl.lit("period_end")),
    }
    explain_columns: dict[str, pl.Expr] = {
        "months": paid["paid"],
        "allowance": allowance,
        "total": sums["total"],
    }
    explain_columns |= {k: rates[k] for k in RATES}
    explain_columns |= {"s_allowance": sums["s_allowance"], "s_fees": sums["s_fees"]}
    explain_columns |= {"s_insurance": sums["s_insurance"], "reward": reward, "amount": amount}
    explain_columns |= {"max_months": max_months, "n_counted": paid["n_counted"]}
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=(
            cond(
                "base_in_heping", in_heping, args={"value": in_heping}, missing=["internship_base_in_heping"]
            ),
            cond(
                "intern_category",
                in_scope,
                args={"category": arg(category, _label)},
                missing=["intern_category"],
            ),
            cond(
                "dates_valid",
                dates_ok,
                args={"start": start, "end": end},
                missing=[("internship_start", start.is_null()), ("internship_end", end.is_null())],
            ),
            Read("intern_retained"),
            Settle(),
            cond(
                "retention",
                NULL_BOOL,
                args=retention_args,
                missing=["intern_retained"],
                shown=retained.is_null(),
            ),
            cond("paid_months", paid_ok, args={"min_days": min_days, "months": n}),
            Settle(),
        ),
        final=Status.ELIGIBLE,
        amount=amount,
        months=n,
        schedule=pl.struct(
            month=paid["paid"].list.eval(month_from_index(pl.element())), amount=sums["total"]
        ),
        explain_columns=explain_columns,
        explain_messages=_arithmetic,
        # 最长 max_months months: the qualifying months against the limit
        explain_caps=_caps,
        payee="enterprise",
        notes=(
            msg("retention", retention_args),
            msg("note.city_standards"),
            msg(
                "note.months_capped",
                {"counted": paid["n_counted"], "limit": max_months},
                shown=paid["n_counted"] > max_months,
            ),
            msg("note.outside_policy", {"start": policy_start, "end": stops}, shown=outside),
            msg("note.before_policy", {"start": policy_start}, shown=~outside & (start < policy_start)),
            runs_past_policy(
                p, MEASURE.id, paid["paid"].list.first(), n, within=paid["within"], last=paid_last
            ),
            msg(
                "note.other_reading",
                {
                    "reading": pl.when(youth_counts)
                    .then(pl.lit("reading.youth.false"))
                    .otherwise(pl.lit("reading.youth.true")),
                    "key": arg(pl.lit(YOUTH), _literal),
                    "value": arg(
                        pl.when(youth_counts).then(pl.lit("false")).otherwise(pl.lit("true")), _literal
                    ),
                    "result": other_result,
                    "amount": amount,
                    "missing": pl.when(other_missing == "").then(pl.lit("—")).otherwise(other_missing),
                },
                shown=category == "unemployed_youth",
                statuses=tuple(Status),
            ),
        ),
        extra={
            "living_allowance": extra(sums["s_allowance"]),
            "mentoring_fee": extra(sums["s_fees"]),
            "accident_insurance": extra(sums["s_insurance"]),
            "retention_reward": extra(reward),
            "end_date": extra(ended["date"]),
            "end_reason": extra(ended["reason"]),
        },
    )


def _caps(row: Mapping[str, Any]) -> list[Cap]:
    """``internship.max_months`` against the qualifying months (``internship.evaluate``'s caps)."""
    limit, counted = row["max_months"], row["n_counted"]
    return [Cap("internship.max_months", limit, counted, counted > limit)]


def _arithmetic(row: Mapping[str, Any]) -> list[Message]:
    """Each paid month's figures, then the items' sum (``internship.evaluate``'s arithmetic)."""
    out: list[Message] = []
    for j, month in enumerate(row["months"]):
        out.append(
            Message(
                "arith.month",
                {
                    "month": f"{month // 12:04d}-{month % 12 + 1:02d}",
                    "wage": row["wage"][j],
                    "ratio": row["ratio"][j],
                    "allowance": row["allowance"][j],
                    "fee": row["fee"][j],
                    "insurance": row["insurance"][j],
                    "total": row["total"][j],
                },
            )
        )
    totals = {"allowance": row["s_allowance"], "fees": row["s_fees"], "insurance": row["s_insurance"]}
    out.append(Message("arith.items", {**totals, "reward": row["reward"], "amount": row["amount"]}))
    return out
