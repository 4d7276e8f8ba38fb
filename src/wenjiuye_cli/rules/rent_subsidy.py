"""第十五条 给予创业房租补贴 — 附件1 序号37 (责任部门：区人社局)

  我区重点创业人群创办企业或个体工商户，注册1年内可申请享受创业房租补贴。租赁房屋给予每月1000元的补贴，
  每带动就业1人，补贴标准增加500元，每月最高2500元；租赁工位给予每月300元的补贴，每带动就业1人，
  补贴标准增加300元，每月最高600元，补贴期限最长2年。

Readings (each a parameter in policy.toml, as in ``wenjiuye_cli.rules.rent_subsidy``): the monthly amount
is base + jobs × step, capped, and limited to the rent paid when ``rent_subsidy.cap_binds_actual_rent``
holds. Paid month by month from the application month for the months claimed, at most
``rent_subsidy.max_months``, each month at the rates in force then (the first month on the application
day), and not past the policy's end when payments end with the policy (``rent_subsidy.payments_end_with_policy``,
else ``general.payments_end_with_policy``; by default a subsidy applied for in force runs its term, and the
outcome says so when it runs past the policy's end) or the application comes after that end.

The schedule is summed by segments: the days on which one of the three rates changes cut time into
segments of constant rates (adjacent equal ones merged); a row's months fall into consecutive segments, and
its amount is Σ months in segment × the amount paid at that segment's rates. Exact whatever the dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from wenjiuye_cli.engine.expr import (
    NULL_BOOL,
    ON,
    Params,
    add_months,
    capped,
    chain,
    fact,
    floored,
    money,
    month_from_index,
    month_index,
    month_index_of,
    to_fen,
)
from wenjiuye_cli.engine.rule import Exit, Read, Rule, Scope, Settle, arg, cond, extra, msg
from wenjiuye_cli.engine.schema import MONEY
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    GRADUATION_DATE,
    HAIHE_TALENT_SETTLED_DATE,
    IS_HAIHE_TALENT,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
    JOBS_CREATED,
    REGISTERED_IN_HEPING,
    REGISTRATION_DATE,
)
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.outcome import Cap, Label, Measure, Message, Status
from wenjiuye_cli.rules._key_groups import MESSAGES as KEY_GROUP_MESSAGES
from wenjiuye_cli.rules._key_groups import key_group
from wenjiuye_cli.rules._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.rules._schedule import payments_end, runs_past_policy

RENT_TYPE = fact_spec(
    "rent_type", "choice", ("租赁类型", "rented space"),
    ("租赁房屋（house）或工位（workstation）", "premises (house) or a workstation"),
    ("person",), choices={"house": ("房屋", "house"), "workstation": ("工位", "workstation")},
)  # fmt: skip
MONTHLY_RENT = fact_spec(
    "monthly_rent", "money", ("实际月租金", "monthly rent paid"),
    ("实际支付的月租金（元/月）", "rent actually paid, yuan per month"), ("person",),
)  # fmt: skip
RENT_MONTHS = fact_spec(
    "rent_months", "int", ("申请补贴月数", "months claimed"),
    ("租赁并申请补贴的月数（超过最长期限的部分不补）", "months of rent claimed; months beyond the limit are not paid"),
    ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **KEY_GROUP_MESSAGES,
    "note.runs_past_policy": SCHEDULE_MESSAGES["note.runs_past_policy"],
    "registered_in_heping": ("创办的企业或个体工商户在本区注册", "the business is registered in Heping"),
    "applied_within_window": (
        "注册1年内申请：{registered} 注册，{applied} 申请，截止 {deadline}",
        "applied within one year of registration: registered {registered}, applied {applied}, "
        "deadline {deadline}",
    ),
    "applied_after_registration": (
        "注册后申请：{applied} 申请，而注册日期是 {registered}（申请早于注册，请核对两个日期）",
        "applied after registering: applied {applied}, but registered {registered} (the application comes "
        "first: check both dates)",
    ),
    "rent_type_known": ("租赁类型：{rent_type}", "rented space: {rent_type}"),
    "arith.monthly": (
        "每月 {base} + {jobs} × {step} = {raw} 元",
        "monthly {base} + {jobs} × {step} = {raw} yuan",
    ),
    "arith.cap": ("不超过每月最高 {cap} 元：{value} 元", "capped at {cap} yuan a month: {value} yuan"),
    "arith.rent": (
        "不超过实际月租金 {rent} 元：{value} 元",
        "limited to the rent paid, {rent} yuan: {value} yuan",
    ),
    "arith.total": (
        "{monthly} 元/月 × {months} 个月 = {amount} 元",
        "{monthly} yuan/month × {months} months = {amount} yuan",
    ),
    "arith.sum": (
        "按月明细合计 {months} 个月 = {amount} 元",
        "sum of {months} monthly amounts = {amount} yuan",
    ),
    "arith.period": (
        "{start} 至 {end}（{months} 个月），按当时的标准：",
        "{start} to {end} ({months} months), at the rates then in force:",
    ),
    "arith.periods_total": ("{parts} = {amount} 元", "{parts} = {amount} yuan"),
    "note.policy_end": (
        "政策有效期至 {end}，只补贴此前的 {months} 个月（payments_end_with_policy）",
        "the policy ends on {end}: only the {months} months up to then are paid (payments_end_with_policy)",
    ),
    "note.months_capped": (
        "申请 {claimed} 个月，补贴期限最长 {limit} 个月",
        "{claimed} months claimed; the subsidy runs at most {limit} months",
    ),
    "note.alternative": (
        "房屋与工位补贴二选一：按申请人所填的 {rent_type} 计算",
        "house and workstation subsidies are alternatives: computed for the {rent_type} stated",
    ),
}


MEASURE = Measure(
    id="rent_subsidy",
    name_zh="创业房租补贴",
    name_en="start-up rent subsidy",
    article="十五",
    tasks=(37,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        IS_TIANJIN_FULLTIME_STUDENT,
        IS_UNIVERSITY_GRADUATE,
        GRADUATION_DATE,
        IS_HAIHE_TALENT,
        HAIHE_TALENT_SETTLED_DATE,
        REGISTRATION_DATE,
        REGISTERED_IN_HEPING,
        RENT_TYPE,
        JOBS_CREATED,
        MONTHLY_RENT,
        RENT_MONTHS,
    ),
    messages=MESSAGES,
)


RENT_TYPES = tuple(RENT_TYPE.choices)
FAR = 10**6  # a month index beyond any date
Rates = tuple[Decimal, Decimal, Decimal] | None  # (base, per job, cap); None: not all in force


def _label(code: str) -> Label:
    return Label(*RENT_TYPE.choices[code])


def segments(p: Params, rent_type: str) -> list[tuple[int, int, date | None, date | None, Rates]]:
    """(first month counted, first month not counted, first day, day after the last, rates), in time
    order. A month is in the segment when the day its rates are read on is; the first month is read on
    the application day, the others on their first day."""
    keys = rate_keys(rent_type)
    days = p.change_days(*keys)
    cuts: list[tuple[date | None, Rates]] = [(None, None)]
    for day in days:
        values = [p.value(k, day) for k in keys]
        rates: Rates = None
        if all(isinstance(v, Decimal) for v in values):
            base, step, cap = values
            assert isinstance(base, Decimal)
            assert isinstance(step, Decimal)
            assert isinstance(cap, Decimal)
            rates = (base, step, cap)
        if rates != cuts[-1][1]:
            cuts.append((day, rates))
    out = []
    for i, (first, rates) in enumerate(cuts):
        after = cuts[i + 1][0] if i + 1 < len(cuts) else None
        out.append((_ceil_month(first, -FAR), _ceil_month(after, FAR), first, after, rates))
    return out


def rate_keys(rent_type: str) -> list[str]:
    return [f"rent_subsidy.{rent_type}_{k}" for k in ("base_monthly", "per_job_monthly", "cap_monthly")]


def _ceil_month(day: date | None, default: int) -> int:
    """Index of the first month whose first day is on or after ``day``."""
    if day is None:
        return default
    return month_index_of(day) + (0 if day.day == 1 else 1)


def declare(p: Params) -> Rule:
    s = Scope(MEASURE.id)
    registered, rent_type = fact("registration_date"), fact("rent_type")
    # no application date: the evaluation date is the day applied on (what the evaluation date means)
    applied = s.stage(applied=pl.coalesce(fact("application_date"), ON))["applied"]

    # 我区重点创业人群: judged on the registration day (or the application day, by the parameter)
    by_registration = p.param("rent_subsidy.key_group_assessed_on") == "registration"
    unregistered = by_registration & registered.is_null()
    group_on = pl.when(by_registration).then(registered).otherwise(applied)
    # 注册1年内可申请
    window = p.param("rent_subsidy.application_window_months")
    deadline = add_months(registered, window)
    too_early = applied < registered

    jobs, claimed = fact("jobs_created"), fact("rent_months")
    rent = fact("monthly_rent")
    binds = p.param("rent_subsidy.cap_binds_actual_rent")

    # 补贴期限最长2年, from the application month; not past the policy's end when payments end with it
    first = month_index(applied)
    max_months, policy_end = p.param("rent_subsidy.max_months"), p.param("general.policy_end")
    # unknown if the months claimed are (``pl.min_horizontal`` would skip them and count the 24)
    months = capped(claimed, max_months)
    # (rent_subsidy.payments_end_with_policy, else general.payments_end_with_policy; and never past the
    # policy's end for an application after it)
    stops = payments_end(p, MEASURE.id, applied)
    within_policy = (month_index(stops) - first + 1).clip(lower_bound=0)
    paid_months = s.stage(
        first=first,
        n=pl.when(stops.is_not_null()).then(capped(months, within_policy)).otherwise(months),
        cut_by_policy=stops.is_not_null() & (within_policy < months),
    )
    first, n = paid_months["first"], paid_months["n"]
    cut_by_policy = paid_months["cut_by_policy"]

    # Per segment of constant rates: the months in it and what each is paid
    per_type: dict[str, list[dict[str, pl.Expr]]] = {}
    holds: dict[str, list[pl.Expr]] = {kind: [] for kind in RENT_TYPES}
    limit = pl.when(binds).then(rent)
    for kind in RENT_TYPES:
        per_type[kind] = []
        for lo, hi, start, after, rates in segments(p, kind):
            holds_first = applied >= pl.lit(start) if start is not None else pl.lit(True)
            if after is not None:
                holds_first = holds_first & (applied < pl.lit(after))
            # (null with ``n``: no months, so no count)
            later = (capped(first + n, pl.lit(hi)) - floored(first + 1, pl.lit(lo))).clip(lower_bound=0)
            count = pl.when(n >= 1).then(holds_first.cast(pl.Int32) + later).otherwise(0)
            shown = (count > 0) | ((n == 0) & holds_first)
            columns: dict[str, pl.Expr] = {"count": count, "shown": shown}
            holds[kind].append(holds_first)
            if rates is not None:
                base, step, cap = rates
                raw = money(pl.lit(base, MONEY) + jobs * pl.lit(step, MONEY))
                monthly = capped(raw, pl.lit(cap, MONEY))
                paid = money(pl.when(binds).then(capped(monthly, rent)).otherwise(monthly))
                columns |= {"raw": raw, "monthly": monthly, "paid": paid}
            per_type[kind].append(columns)

    staged: dict[str, pl.Expr] = {}
    for kind, segs in per_type.items():
        for k, columns in enumerate(segs):
            for name, expr in columns.items():
                staged[f"{kind}.{k}.{name}"] = expr
    seg = s.stage(**staged)

    def over(kind: str, pick: str) -> list[pl.Expr]:
        return [seg[f"{kind}.{k}.{pick}"] for k, c in enumerate(per_type[kind]) if pick in c]

    def by_type(make: Any) -> pl.Expr:
        return pl.when(rent_type == RENT_TYPES[0]).then(make(RENT_TYPES[0])).otherwise(make(RENT_TYPES[1]))

    def not_in_force(kind: str) -> pl.Expr:
        gaps = [seg[f"{kind}.{k}.shown"] for k, c in enumerate(per_type[kind]) if "paid" not in c]
        return pl.any_horizontal(gaps) if gaps else pl.lit(False)

    def gap(kind: str, pick: str) -> pl.Expr:
        """The first rate without a value in force on a month paid, and the day it is read on."""
        branches: list[tuple[pl.Expr, object]] = []
        for k, (_lo, _hi, start, _after, rates) in enumerate(segments(p, kind)):
            if rates is not None:
                continue
            earlier = [seg[f"{kind}.{j}.count"] for j in range(k)]
            month = month_from_index(first + (pl.sum_horizontal(earlier) if earlier else 0))
            on = pl.when(holds[kind][k]).then(applied).otherwise(month)
            key = next(key for key in rate_keys(kind) if start is None or p.value(key, start) is None)
            branches.append((seg[f"{kind}.{k}.shown"], pl.lit(key) if pick == "key" else on))
        return chain(branches, pl.lit(None))

    def total(kind: str) -> pl.Expr:
        parts = [
            seg[f"{kind}.{k}.count"] * seg[f"{kind}.{k}.paid"]
            for k, c in enumerate(per_type[kind])
            if "paid" in c
        ]
        return to_fen(pl.sum_horizontal(parts))

    def single(kind: str) -> pl.Expr:
        """The one amount every month paid (or, with none paid, the first month) gets; else null."""
        paying = [
            (seg[f"{kind}.{k}.shown"], seg[f"{kind}.{k}.paid"])
            for k, c in enumerate(per_type[kind])
            if "paid" in c
        ]
        first_paid = pl.coalesce([pl.when(shown).then(paid) for shown, paid in paying])
        same = pl.all_horizontal([~shown | (paid == first_paid) for shown, paid in paying])
        return pl.when(same).then(first_paid)

    def schedule(kind: str) -> pl.Expr:
        parts = [
            (seg[f"{kind}.{k}.count"], seg[f"{kind}.{k}.paid"])
            for k, c in enumerate(per_type[kind])
            if "paid" in c
        ]
        index = pl.int_ranges(first, first + n, dtype=pl.Int32).list.eval(month_from_index(pl.element()))
        amounts = pl.concat_list([paid.repeat_by(count) for count, paid in parts])
        return pl.struct(month=index, amount=amounts)

    amount, single_amount = by_type(total), by_type(single)
    explain_columns = {"first": first, "n": n, "jobs": jobs, "rent": limit, "type": rent_type}
    explain_columns |= {"claimed": claimed, "max_months": max_months}
    explain_columns |= {"amount": amount, "single": single_amount}
    for kind, segs in per_type.items():
        for k, columns in enumerate(segs):
            for name in columns:
                explain_columns[f"{kind}.{k}.{name}"] = seg[f"{kind}.{k}.{name}"]
    static = {kind: segments(p, kind) for kind in RENT_TYPES}

    steps = (
        Read("registration_date"),
        cond(
            "key_group",
            NULL_BOOL,
            args={"which": pl.lit("key_group.unknown")},
            missing=["registration_date"],
            shown=unregistered,
        ),
        key_group(p, s, group_on, shown=~unregistered),
        cond("registered_in_heping", fact("registered_in_heping"), missing=["registered_in_heping"]),
        cond(
            "applied_after_registration",
            pl.lit(False),
            args={"registered": registered, "applied": applied},
            shown=too_early.fill_null(False),
        ),
        cond(
            "applied_within_window",
            applied <= deadline,
            args={"registered": registered, "applied": applied, "deadline": deadline},
            missing=["registration_date"],
            shown=~too_early.fill_null(False),
        ),
        cond(
            "rent_type_known",
            pl.when(rent_type.is_not_null()).then(True),
            args={"rent_type": arg(rent_type, _label)},
            missing=["rent_type"],
        ),
        Settle(),
        Read("jobs_created"),
        Read("rent_months"),
        Read("monthly_rent", when=binds),
        Exit(jobs.is_null() | claimed.is_null() | (binds & rent.is_null()), Status.CANNOT_DECIDE),
        # a rate with no value in force on a month paid (ParameterNotInForce)
        Exit(
            by_type(not_in_force),
            Status.CANNOT_DECIDE,
            note=msg(
                "param_not_in_force",
                {"key": by_type(lambda t: gap(t, "key")), "on": by_type(lambda t: gap(t, "on"))},
            ),
        ),
    )
    return Rule(
        MEASURE,
        stages=tuple(s.stages),
        steps=steps,
        final=Status.ELIGIBLE,
        amount=amount,
        monthly_amount=single_amount,
        months=n,
        schedule=by_type(schedule),
        explain_columns=explain_columns,
        explain_messages=lambda row: _arithmetic(row, static),
        explain_caps=lambda row: _caps(row, static),
        payee="applicant",
        extra={
            "first_month": extra(month_from_index(first)),
            "end_date": extra(pl.when(n > 0).then(month_from_index(first + n - 1).dt.month_end())),
            "end_reason": extra(
                pl.when(cut_by_policy).then(pl.lit("policy_end")).otherwise(pl.lit("duration"))
            ),
        },
        notes=(
            msg("note.alternative", {"rent_type": arg(rent_type, _label)}),
            msg("note.months_capped", {"claimed": claimed, "limit": max_months}, shown=claimed > max_months),
            msg("note.policy_end", {"end": policy_end, "months": n}, shown=cut_by_policy),
            runs_past_policy(p, MEASURE.id, first, n),
        ),
    )


def _arithmetic(row: Mapping[str, Any], static: Mapping[str, list[Any]]) -> list[Message]:
    """The arithmetic in words from one row's per-segment figures."""
    kind = row["type"]
    jobs, rent, n = row["jobs"], row["rent"], row["n"]
    month = row["first"]
    periods = []
    for k, (_lo, _hi, _start, _after, rates) in enumerate(static[kind]):
        if not row[f"{kind}.{k}.shown"]:
            continue
        count = row[f"{kind}.{k}.count"]
        periods.append(
            (month, count, rates, row[f"{kind}.{k}.raw"], row[f"{kind}.{k}.monthly"], row[f"{kind}.{k}.paid"])
        )
        month += count
    out: list[Message] = []
    for start, count, rates, raw, monthly, _paid in periods:
        base, step, cap = rates
        if len(periods) > 1:
            end = start + max(count, 1) - 1
            out.append(Message("arith.period", {"start": _ym(start), "end": _ym(end), "months": count}))
        out.append(Message("arith.monthly", {"base": base, "jobs": jobs, "step": step, "raw": raw}))
        out.append(Message("arith.cap", {"cap": cap, "value": monthly}))
        if rent is not None:
            out.append(Message("arith.rent", {"rent": rent, "value": _paid}))
    amount, single = row["amount"], row["single"]
    if single is not None:
        out.append(Message("arith.total", {"monthly": single, "months": n, "amount": amount}))
    elif len(periods) > 1:
        parts = " + ".join(f"{p[1]} × {_as_written(p, jobs, rent)}" for p in periods)
        out.append(Message("arith.periods_total", {"parts": parts, "amount": amount}))
    else:
        out.append(Message("arith.sum", {"months": n, "amount": amount}))
    return out


def _caps(row: Mapping[str, Any], static: Mapping[str, list[Any]]) -> list[Cap]:
    """The caps applied, period by period, then the duration."""
    kind, rent = row["type"], row["rent"]
    out = []
    for k, (_lo, _hi, _start, _after, rates) in enumerate(static[kind]):
        if not row[f"{kind}.{k}.shown"]:
            continue
        raw, monthly = row[f"{kind}.{k}.raw"], row[f"{kind}.{k}.monthly"]
        out.append(Cap(f"rent_subsidy.{kind}_cap_monthly", rates[2], raw, raw > rates[2]))
        if rent is not None:
            out.append(Cap("rent_subsidy.cap_binds_actual_rent", rent, monthly, rent < monthly))
    claimed, limit = row["claimed"], row["max_months"]
    out.append(Cap("rent_subsidy.max_months", limit, claimed, claimed > limit))
    return out


def _ym(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _as_written(period: tuple[Any, ...], jobs: int, rent: Decimal | None) -> str:
    """The paid amount written as ``str()`` writes the Decimal ``min(rent, base + jobs × step, cap)``: its
    digits follow the operand that won the ``min``."""
    _start, _count, (base, step, cap), raw, monthly, paid = period
    if rent is not None and rent < monthly:
        return str(rent)
    if raw <= cap:
        places = min(_exponent(base), _exponent(step))
    else:
        places = _exponent(cap)
    return str(paid.quantize(Decimal(1).scaleb(places)))


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent
