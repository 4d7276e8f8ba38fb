"""第十一条 支持劳动者灵活就业 — 灵活就业社保补贴, 附件1 序号31 (责任部门：区人社局)

  对毕业2年内的本市高校毕业生从事个体经营或灵活就业的，给予最长2年三项社保补贴（养老、医疗、失业保险），
  补贴标准为最低缴费标准的2/3。对就业困难人员从事个体经营或灵活就业的，给予最长3年三项社保补贴，其中特殊
  就业困难人员补贴标准为最低缴费标准的3/4；其他女年满40周岁、男年满50周岁的，补贴标准为最低缴费标准的1/2。
  对距法定退休年龄不足5年的可延长至退休。灵活就业保险补贴享受期满，符合享受最低生活保障条件，且需赡养患
  重大疾病直系亲属或单亲家庭人员的，可以重新认定就业困难人员继续申请享受社保补贴。

As ``wenjiuye_cli.rules.flexible_insurance``. Three categories, each a set of conditions (a branch):
``graduate`` (24 months at 2/3), ``difficulty`` (36 months at 3/4 for 特殊就业困难人员, at 1/2 for women aged
40+ / men aged 50+) and ``requalified`` (a new 36-month period at 3/4). The one giving the most
(share × months, then months; ties to the first in the text) is applied, never two; an undecided category
that could give more leaves the amount undecided. Months already received count against the limit; fewer
than ``extension_years_to_retirement`` years from retirement there is no month limit. The period starts in
the evaluation month and ends at the earliest of its duration, retirement and (where payments end with the
policy) the policy's last day.

Each month is paid to_fen(minimum base × (pension + medical + unemployment rates) × share), with the values
in force on the month's first day. That figure depends on the policy only: it is tabulated once per run of
months with constant parameters (:func:`month_runs`), and a row's amount is Σ months in run × the run's
figure — no list is built but the shown schedule. Months of a run with a parameter missing cannot be
computed: the outcome is then ``cannot_decide`` and names the ``--set …@YYYY-MM-DD=<value>`` to paste.

What an outcome shows follows ``_branches``: the common conditions, then only the explaining categories'
conditions (the chosen one; the better undecided ones; the undecided ones; or all), staged as "explains"
columns; the other reading of "本市高校毕业生" (``general.tianjin_graduate_means``) is the rule declared a second
time with it flipped, whose outcome the note reports (``columnar.readings``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import partial

import polars as pl

from wenjiuye_cli.engine.expr import (
    ON,
    Params,
    add_months,
    chain,
    fact,
    known_if,
    month_from_index,
    month_index,
    month_index_of,
)
from wenjiuye_cli.engine.readings import other_outcome, outcome_stages
from wenjiuye_cli.engine.rule import Cond, Exit, Msg, Rule, Scope, Settle, arg, cond, extra, msg
from wenjiuye_cli.engine.schema import MONEY
from wenjiuye_cli.facts import APPLICATION_DATE, DIFFICULTY_PERSON, GRADUATION_DATE, IS_UNIVERSITY_GRADUATE
from wenjiuye_cli.facts import fact as fact_spec
from wenjiuye_cli.money import fmt_money, fmt_number, fmt_percent, to_fen
from wenjiuye_cli.outcome import Label, Measure, Status
from wenjiuye_cli.rules._branches import MESSAGES as BRANCH_MESSAGES
from wenjiuye_cli.rules._branches import Branch, missing_in_order
from wenjiuye_cli.rules._founder import renamed
from wenjiuye_cli.rules._hire import TIANJIN_ORIGIN, TIANJIN_READING_MESSAGES, TIANJIN_UNIVERSITY
from wenjiuye_cli.rules._periods import period, retirement_limit
from wenjiuye_cli.rules._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.rules._person_retirement import RETIREMENT_FACTS
from wenjiuye_cli.rules._retirement import retirement_condition, stage_retirement, within_years_of_retirement
from wenjiuye_cli.rules._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.rules._schedule import first_policy_month, payments_end, runs_past_policy, ym
from wenjiuye_cli.rules._special_difficulty import CATEGORY_FACTS
from wenjiuye_cli.rules._special_difficulty import MESSAGES as SPECIAL_MESSAGES

FLEXIBLE_SINCE = fact_spec(
    "flexible_employment_since", "date", ("从事个体经营或灵活就业起始日期", "self-employed or flexibly employed since"),
    ("以个体经营或灵活就业人员身份就业（参保）的起始日期", "date the person began self-employment or flexible work"),
    ("person",),
)  # fmt: skip
MONTHS_RECEIVED = fact_spec(
    "flexible_subsidy_months_received", "int", ("已享受灵活就业社保补贴月数", "months of the subsidy already received"),
    ("此前已享受的灵活就业社保补贴月数；从未享受填 0", "months of flexible-employment insurance subsidy already "
     "received; 0 if none"),
    ("person",),
)  # fmt: skip
SUBSIDY_EXPIRED = fact_spec(
    "flexible_subsidy_expired", "bool", ("灵活就业社保补贴是否已享受期满", "earlier subsidy period has run out"),
    ("此前的灵活就业社保补贴享受期已满（用于重新认定就业困难人员）", "the earlier flexible-employment insurance "
     "subsidy period has run out (for re-certification)"),
    ("person",),
)  # fmt: skip

RATE_KEYS = (
    "flexible_insurance.pension_rate",
    "flexible_insurance.medical_rate",
    "flexible_insurance.unemployment_rate",
)

MESSAGES: dict[str, tuple[str, str]] = {
    **BRANCH_MESSAGES,
    **TIANJIN_READING_MESSAGES,
    **RETIREMENT_MESSAGES,
    **SCHEDULE_MESSAGES,
    **SPECIAL_MESSAGES,
    "flexible_employed": (
        "从事个体经营或灵活就业：{since} 起（计算日 {on}）",
        "self-employed or flexibly employed since {since} (evaluated {on})",
    ),
    "months_received_known": ("此前已享受 {received} 个月", "{received} months received before"),
    "not_retired": (
        "计算日尚未达到法定退休年龄（{on} < {retirement}）",
        "statutory retirement age not yet reached on the evaluation date ({on} < {retirement})",
    ),
    # Category names carry no numbers: the window, month limit and share are shown by the conditions
    # and the arithmetic, from the parameters.
    "category.graduate": ("本市高校毕业生（毕业年限内）", "recent Tianjin university graduate"),
    "category.difficulty": ("就业困难人员", "person with employment difficulty"),
    "category.requalified": (
        "期满后重新认定为就业困难人员",
        "re-certified as a person with employment difficulty after the period ran out",
    ),
    "university_graduate": ("高校毕业生", "university graduate"),
    "tianjin_university": ("本市高校毕业", "graduated from a Tianjin university"),
    "graduated_within": (
        "毕业 {years} 年内：{graduated} 毕业，截至 {until}，计算日 {on}",
        "graduated within {years} years: {graduated}, until {until}, evaluated {on}",
    ),
    "employment_difficulty": ("经认定的就业困难人员", "certified person with employment difficulty"),
    "difficulty_rate": ("补贴标准：{which}", "subsidy rate: {which}"),
    "rate.special": (
        "特殊就业困难人员（附件2：{category}），最低缴费标准的 {special_share}",
        "special employment difficulty (附件2: {category}), {special_share} of the minimum contribution",
    ),
    "rate.older": (
        "{sex}年满 {threshold} 周岁（{birth} 出生，计算日 {age} 岁），最低缴费标准的 {older_share}",
        "{sex} aged {threshold} or over (born {birth}, {age} on the evaluation date), {older_share} of the "
        "minimum contribution",
    ),
    "rate.none": (
        "不是特殊就业困难人员，也未达年龄（女年满 {women_age}、男年满 {men_age} 周岁，本人需年满 {threshold} 周岁；"
        "{birth} 出生，计算日 {age} 岁）"
        "——原文只给特殊就业困难人员（{special_share}）和达龄人员（{older_share}）的标准",
        "neither special difficulty nor old enough (women {women_age}, men {men_age}, so {threshold} here; born "
        "{birth}, {age} on the evaluation date) — the text sets rates only for special difficulty ({special_share}) and for age "
        "({older_share})",
    ),
    "rate.unknown": ("无法确定", "cannot be determined"),
    "sex.female": ("女", "woman"),
    "sex.male": ("男", "man"),
    "subsidy_expired": ("此前的补贴享受期已满", "the earlier subsidy period has run out"),
    "subsistence_allowance_family": (
        "符合享受最低生活保障条件（低保家庭）",
        "qualifies for the minimum subsistence allowance (低保 family)",
    ),
    "ill_relative_or_single_parent": (
        "需赡养患重大疾病直系亲属或单亲家庭人员",
        "supports a seriously ill close relative or is in a single-parent family",
    ),
    "months_left": ("补贴期限：{which}", "duration: {which}"),
    "months_left.limit": (
        "已享受 {received} 个月，最长 {limit} 个月，剩余 {left} 个月",
        "{received} months received of at most {limit}; {left} left",
    ),
    "months_left.extended": (
        "距法定退休年龄不足 {years} 年（{on} 晚于 {threshold}），延长至退休，不受月数限制",
        "fewer than {years} years to retirement ({on} is after {threshold}): extended to retirement, no month limit",
    ),
    "period_months": ("补贴月数 {months}", "{months} months in the period"),
    "arith.segment": (
        "{first}–{last}：{base} × ({rates}) = {contribution} 元 × {share} = {monthly} 元/月 × {months} 个月 = {amount} 元",
        "{first}–{last}: {base} × ({rates}) = {contribution} yuan × {share} = {monthly} yuan/month × {months} "
        "months = {amount} yuan",
    ),
    "arith.total": ("合计 {amount} 元", "total {amount} yuan"),  # amount pre-formatted to the fen
    "note.chosen": (
        "同时符合 {others}；按补贴总额较高的“{chosen}”计算，不重复享受",
        "also qualifies as {others}; the category giving more, '{chosen}', is applied — never both",
    ),
    "note.better_unknown": (
        "按“{holding}”可享受，但“{unknown}”是否符合无法判断，且可能更高：需要补充事实后才能确定金额",
        "'{holding}' applies, but whether '{unknown}' applies cannot be decided and it could give more: "
        "the amount needs the missing facts",
    ),
    "note.uncomputable": (
        "{first} 至 {last} 共 {months} 个月参数 {key} 没有生效取值（{first_key} 已列出的取值期间：{listed}），无法计算；"
        "请补充这些月份的取值（天津市公布的数值，不可估计），例如 {commands}（各缴费年度取值不同时，按各自的起始日期分别 --set），"
        "或在政策文件、改革文件中补充",
        "{months} months from {first} to {last} cannot be computed: {key} has no value in force then ({first_key} "
        "is listed for {listed}); supply the published Tianjin values for those months (never an estimate), e.g. "
        "{commands} (one --set per contribution year from its first day where they differ), or add them in a "
        "policy or reform file",
    ),
    "note.contribution_based": (
        "按每月最低缴费标准（最低缴费基数 × 养老、医疗、失业三项费率）计算，各月按当月有效的参数",
        "based on the minimum monthly contribution (minimum base × pension, medical and unemployment rates), "
        "each month with the parameters in force that month",
    ),
}


MEASURE = Measure(
    id="flexible_insurance",
    name_zh="灵活就业社保补贴",
    name_en="social-insurance subsidy for flexible employment",
    article="十一",
    tasks=(31,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        FLEXIBLE_SINCE,
        MONTHS_RECEIVED,
        IS_UNIVERSITY_GRADUATE,
        GRADUATION_DATE,
        TIANJIN_UNIVERSITY,
        TIANJIN_ORIGIN,
        DIFFICULTY_PERSON,
        *CATEGORY_FACTS,
        *RETIREMENT_FACTS,
        SUBSIDY_EXPIRED,
    ),
    messages=MESSAGES,
)


FI = "flexible_insurance."
BASE_KEY = FI + "min_base_monthly"
READING_KEY = "general.tianjin_graduate_means"
ALL = (Status.ELIGIBLE, Status.INELIGIBLE, Status.CANNOT_DECIDE, Status.AMOUNT_SET_ELSEWHERE)
SHARES = ("graduate", "special", "older")
CATEGORIES = ("graduate", "difficulty", "requalified")
PAID = (Status.ELIGIBLE, Status.CANNOT_DECIDE)  # cannot_decide: paid but for months not computable
FAR = 10**6  # a month index beyond any date


# ------------------------------------------------------------------------- the months, per policy


@dataclass(frozen=True)
class MonthRun:
    """Months ``lo`` ≤ index < ``hi`` whose first days share every parameter of the monthly subsidy; per
    share name, (base, rates, share, contribution, monthly) or None when a parameter has no value then,
    and the base/rate keys without a value (what the outcome asks to ``--set``)."""

    lo: int
    hi: int
    figures: dict[str, tuple[Decimal, tuple[Decimal, ...], Fraction, Decimal, Decimal] | None]
    absent: tuple[str, ...]


def _ceil_month(day: date | None, default: int) -> int:
    """Index of the first month whose first day is on or after ``day``."""
    if day is None:
        return default
    return month_index_of(day) + (0 if day.day == 1 else 1)


def _share_keys(name: str) -> tuple[str, str]:
    return FI + f"{name}_share_numerator", FI + f"{name}_share_denominator"


def month_runs(p: Params) -> list[MonthRun]:
    """The runs of months of constant parameters (each month's figures computed once per run, in
    Decimal, so to the fen), in time order."""
    keys = (BASE_KEY, *RATE_KEYS, *(k for name in SHARES for k in _share_keys(name)))
    days: list[date | None] = [None, *p.change_days(*keys)]
    out: list[MonthRun] = []
    for i, start in enumerate(days):
        after = days[i + 1] if i + 1 < len(days) else None
        lo, hi = _ceil_month(start, -FAR), _ceil_month(after, FAR)
        if lo >= hi:
            continue  # no month starts in it
        on = start or date.min
        base = p.value(BASE_KEY, on)
        rates = [p.value(k, on) for k in RATE_KEYS]
        absent = tuple(k for k, v in zip((BASE_KEY, *RATE_KEYS), (base, *rates), strict=True) if v is None)
        figures: dict[str, tuple[Decimal, tuple[Decimal, ...], Fraction, Decimal, Decimal] | None] = {}
        for name in SHARES:
            num, den = (p.value(k, on) for k in _share_keys(name))
            if absent or not isinstance(num, int) or not isinstance(den, int):
                figures[name] = None
                continue
            assert isinstance(base, Decimal)
            decimals = tuple(r for r in rates if isinstance(r, Decimal))
            share = Fraction(num, den)
            contribution = base * sum(decimals, Decimal(0))
            monthly = to_fen(contribution * share.numerator / share.denominator)
            figures[name] = (base, decimals, share, contribution, monthly)
        out.append(MonthRun(lo, hi, figures, absent))
    return out


def _groups(runs: Sequence[MonthRun], name: str, computable: bool) -> list[tuple[int, list[int]]]:
    """Consecutive runs shown as one line: computable ones with equal (base, rates, share),
    or uncomputable ones missing the same keys; (index of the first run, the runs' indices)."""
    out: list[tuple[int, list[int]]] = []
    previous: object = None
    for k, run in enumerate(runs):
        figures = run.figures[name]
        if (figures is not None) != computable:
            previous = None
            continue
        same_as = run.absent if figures is None else figures[:3]
        if out and previous == same_as and runs[out[-1][1][-1]].hi == run.lo:
            out[-1][1].append(k)
        else:
            out.append((k, [k]))
        previous = same_as
    return out


def _listed(p: Params, key: str) -> Label:
    """The periods for which ``key`` has values."""
    spans: list[tuple[date, date | None]] = []
    for start, until, _value in p.entries(key):
        previous_end = spans[-1][1] if spans else None
        if spans and (previous_end is None or previous_end + timedelta(days=1) == start):
            spans[-1] = (spans[-1][0], until)
        else:
            spans.append((start, until))
    zh = "；".join(
        f"{s.isoformat()} 起" if u is None else f"{s.isoformat()} 至 {u.isoformat()}" for s, u in spans
    )
    en = "; ".join(
        f"from {s.isoformat()}" if u is None else f"{s.isoformat()} to {u.isoformat()}" for s, u in spans
    )
    return Label(zh, en)


# ------------------------------------------------------------------------------ shares, on a day


def share_on(p: Params, name: str) -> dict[str, pl.Expr]:
    """The share of the minimum contribution for ``name`` in force on the evaluation date, reduced as a
    ``Fraction`` is: numerator, denominator and its text ``n/d``."""
    keys = _share_keys(name)
    days = p.change_days(*keys)
    branches: dict[str, list[tuple[pl.Expr, object]]] = {"num": [], "den": [], "text": []}
    for i, day in enumerate(days):
        after = days[i + 1] if i + 1 < len(days) else None
        num, den = (p.value(k, day) for k in keys)
        if not isinstance(num, int) or not isinstance(den, int):
            continue
        share = Fraction(num, den)
        test = (
            ON >= pl.lit(day) if after is None else ON.is_between(pl.lit(day), pl.lit(after), closed="left")
        )
        branches["num"].append((test, pl.lit(share.numerator, dtype=pl.Int64)))
        branches["den"].append((test, pl.lit(share.denominator, dtype=pl.Int64)))
        branches["text"].append((test, pl.lit(f"{share.numerator}/{share.denominator}")))
    # known only where both keys have a value on the day (as the chains are); said through ``param`` so
    # the keys count as read (``engine.trace``) wherever the share is, every category's share before
    # its conditions settle
    in_force = [p.param(k) for k in keys]
    return {
        "num": known_if(chain(branches["num"], pl.lit(None, dtype=pl.Int64)), *in_force),
        "den": known_if(chain(branches["den"], pl.lit(None, dtype=pl.Int64)), *in_force),
        "text": known_if(chain(branches["text"], pl.lit(None, dtype=pl.String)), *in_force),
    }


# ------------------------------------------------------------------------------------- the rule


def _label(value: str) -> Label:
    return Label(value, value)


def _fixed(label: Label, _value: object) -> Label:
    """A label fixed by the policy, shown whatever the column holds."""
    return label


def _times_money(monthly: Decimal, months: int) -> str:
    """A line's amount, ``monthly × months``, to the fen (``fmt_money``)."""
    return fmt_money(monthly * months)


class _Scope(Scope):
    """A scope that refuses a name staged twice (a second stage of the same name would replace the first
    column for every later reader)."""

    def stage(self, **exprs: pl.Expr) -> dict[str, pl.Expr]:
        taken = {name for stage in self.stages for name in stage}
        again = [k for k in exprs if self.name(k) in taken]
        assert not again, f"staged twice: {again}"
        return super().stage(**exprs)


def tianjin_graduate(reading: pl.Expr) -> tuple[pl.Expr, list[tuple[str, pl.Expr]]]:
    """``_hire.tianjin_graduate`` with the reading given as an expression (the other reading flips it)."""
    university, origin = fact("tianjin_university"), fact("tianjin_origin")
    result = (
        pl.when(reading == "tianjin_university")
        .then(university)
        .when(reading == "tianjin_origin")
        .then(origin)
        .otherwise(university | origin)
    )
    missing = [
        ("tianjin_university", (reading != "tianjin_origin") & university.is_null()),
        ("tianjin_origin", (reading != "tianjin_university") & origin.is_null()),
    ]
    return result, missing


def _other_reading(current: pl.Expr) -> pl.Expr:
    """``_hire._other_tianjin_reading``: origin for the university reading, else the university one."""
    return (
        pl.when(current == "tianjin_university")
        .then(pl.lit("tianjin_origin"))
        .otherwise(pl.lit("tianjin_university"))
    )


def build(p: Params, reading: pl.Expr, measure_id: str) -> Rule:
    """The rule with "本市高校毕业生" read as ``reading``, under the id ``measure_id``."""
    s = _Scope(measure_id)
    ret = stage_retirement(p, s)
    retired_on, ret_known = ret["date"], ret["known"]
    since, received = fact("flexible_employment_since"), fact("flexible_subsidy_months_received")
    sex, birth = fact("sex"), fact("birth_date")

    # 附件2 第1项: the four categories (certification is its own condition here)
    categories = [fact(spec.name) for spec in CATEGORY_FACTS]
    which_category = chain(
        [
            (c, pl.lit(f"special_difficulty.{spec.name}"))
            for c, spec in zip(categories, CATEGORY_FACTS, strict=True)
        ]
        + [(pl.any_horizontal([c.is_null() for c in categories]), pl.lit("special_difficulty.unknown"))],
        pl.lit("special_difficulty.none"),
    )
    # 女年满40周岁、男年满50周岁 ("年满": from the birthday itself)
    women_age, men_age = p.param(FI + "older_women_age"), p.param(FI + "older_men_age")
    threshold = pl.when(sex == "female").then(women_age).otherwise(men_age)
    before_birthday = (ON.dt.month().cast(pl.Int32) * 100 + ON.dt.day().cast(pl.Int32)) < (
        birth.dt.month().cast(pl.Int32) * 100 + birth.dt.day().cast(pl.Int32)
    )
    age = ON.dt.year().cast(pl.Int32) - birth.dt.year().cast(pl.Int32) - before_birthday.cast(pl.Int32)
    tianjin, tianjin_missing = tianjin_graduate(reading)
    person = s.stage(
        special=pl.any_horizontal(categories),
        which_category=which_category,
        older_threshold=known_if(threshold, sex, birth),
        age=known_if(age, sex, birth),
        tianjin=tianjin,
    )
    special, age, threshold = person["special"], person["age"], person["older_threshold"]
    older = known_if(age >= threshold, age)
    shares = {name: share_on(p, name) for name in SHARES}

    # The common conditions
    common_conds = (
        cond(
            "flexible_employed",
            since <= ON,
            args={"since": since, "on": ON},
            missing=["flexible_employment_since"],
        ),
        cond(
            "months_received_known",
            pl.when(received.is_not_null()).then(True),
            args={"received": received},
            missing=["flexible_subsidy_months_received"],
        ),
        retirement_condition(ret),
        cond(
            "not_retired",
            ON < retired_on,
            args={"on": ON, "retirement": retired_on},
            shown=ret_known.fill_null(False),
        ),
    )

    # 对毕业2年内的本市高校毕业生
    graduate, graduated = fact("university_graduate"), fact("graduation_date")
    years = p.param(FI + "graduate_within_years")
    until = add_months(graduated, 12 * years)
    not_graduate = (graduate == False).fill_null(False)  # noqa: E712 (a column, not a Python bool)
    graduate_conds = (
        cond("university_graduate", pl.lit(False), shown=not_graduate),
        cond(
            "graduated_within",
            (graduated <= ON) & (ON <= until),
            args={"years": years, "graduated": graduated, "until": until, "on": ON},
            missing=["graduation_date"],
            shown=~not_graduate,
        ),
        cond("tianjin_university", person["tianjin"], missing=tianjin_missing),
    )
    # 对就业困难人员: 特殊 at 3/4, else 女年满40周岁、男年满50周岁 at 1/2
    rate_ok = pl.when(special).then(True).when(special.not_() & older.is_not_null()).then(older)
    rate_which = (
        pl.when(special)
        .then(pl.lit("rate.special"))
        .when(special.not_() & older.is_not_null())
        .then(pl.when(older).then(pl.lit("rate.older")).otherwise(pl.lit("rate.none")))
        .otherwise(pl.lit("rate.unknown"))
    )
    difficulty_conds = (
        cond("employment_difficulty", fact("employment_difficulty"), missing=["employment_difficulty"]),
        cond(
            "difficulty_rate",
            rate_ok,
            args={
                "which": rate_which,
                "category": person["which_category"],
                "birth": birth,
                "sex": pl.concat_str([pl.lit("sex."), sex]),
                "special_share": shares["special"]["text"],
                "older_share": shares["older"]["text"],
                "women_age": women_age,
                "men_age": men_age,
                "threshold": threshold,
                "age": age,
            },
            missing=[
                (spec.name, special.is_null() & c.is_null())
                for c, spec in zip(categories, CATEGORY_FACTS, strict=True)
            ]
            + [("sex", older.is_null() & sex.is_null()), ("birth_date", older.is_null() & birth.is_null())],
        ),
    )
    # 享受期满，符合享受最低生活保障条件，且需赡养患重大疾病直系亲属或单亲家庭人员的，可以重新认定
    ill, single = fact("supports_seriously_ill_relative"), fact("single_parent_family")
    requalified_conds = (
        cond(
            "subsidy_expired",
            pl.when(received == 0).then(False).otherwise(fact("flexible_subsidy_expired")),
            missing=["flexible_subsidy_expired"],
        ),
        cond(
            "subsistence_allowance_family",
            fact("subsistence_allowance_family"),
            missing=["subsistence_allowance_family"],
        ),
        cond(
            "ill_relative_or_single_parent",
            ill | single,
            missing=[
                ("supports_seriously_ill_relative", ill.is_null()),
                ("single_parent_family", single.is_null()),
            ],
        ),
    )
    own = {
        "graduate": Branch("category.graduate", graduate_conds),
        "difficulty": Branch("category.difficulty", difficulty_conds),
        "requalified": Branch("category.requalified", requalified_conds),
    }

    # The period of each category: from the evaluation month (never before the policy's), its month limit
    # (less the months received) or, fewer than N years from retirement, to retirement
    ext_years = p.param(FI + "extension_years_to_retirement")
    applies_all = p.param(FI + "extension_applies_to") == "all"
    first = pl.max_horizontal(month_index(ON), first_policy_month(p))
    limits = {
        "graduate": p.param(FI + "graduate_max_months"),
        "difficulty": p.param(FI + "difficulty_max_months"),
        "requalified": p.param(FI + "difficulty_max_months"),
    }
    lefts = {
        c: limits[c] if c == "requalified" else (limits[c] - received).clip(lower_bound=0) for c in CATEGORIES
    }
    near = within_years_of_retirement(retired_on, ON, ext_years)
    starts = s.stage(
        first=first,
        near=near,
        by_retirement=retirement_limit(retired_on, p.param(FI + "retirement_month_covered")),
        by_policy=payments_end(p, MEASURE.id, ON),
        extension_from=add_months(retired_on, -12 * ext_years),
        **{f"left.{c}": lefts[c] for c in CATEGORIES},
        **{f"pre.{c}": own[c].verdict() for c in CATEGORIES},
        common=pl.all_horizontal(
            [
                c.result if c.shown is None else pl.when(c.shown).then(c.result).otherwise(True)
                for c in common_conds
            ]
        ),
    )
    first = starts["first"]
    periods: dict[str, dict[str, pl.Expr]] = {}
    for c in CATEGORIES:
        extended = starts["near"] & (applies_all | pl.lit(c != "graduate"))
        by_duration = pl.when(~extended).then(
            month_from_index(first + starts[f"left.{c}"]) - pl.duration(days=1)
        )
        span = period(
            first,
            [
                ("duration", by_duration),
                ("retirement", starts["by_retirement"]),
                ("policy_end", starts["by_policy"]),
            ],
            first,
        )
        staged = s.stage(
            **{
                f"{c}.extended": extended,
                f"{c}.end": span["end"],
                f"{c}.reason": span["reason"],
                f"{c}.n": span["n"],
            }
        )
        periods[c] = {k.split(".", 1)[1]: v for k, v in staged.items()}

    def period_conds(c: str) -> tuple[Cond, Cond]:
        extended, left = periods[c]["extended"], starts[f"left.{c}"]
        n = periods[c]["n"]
        return (
            cond(
                "months_left",
                pl.when(extended).then(True).otherwise(left > 0),
                args={
                    "which": pl.when(extended)
                    .then(pl.lit("months_left.extended"))
                    .otherwise(pl.lit("months_left.limit")),
                    "years": ext_years,
                    "on": ON,
                    "threshold": starts["extension_from"],
                    "received": received,
                    "limit": limits[c],
                    "left": left,
                },
            ),
            cond("period_months", n > 0, args={"months": n}, shown=extended | (left > 0)),
        )

    post = {c: period_conds(c) for c in CATEGORIES}
    common = starts["common"]
    common_passed = common.fill_null(False)
    verdicts = s.stage(
        **{
            c: starts[f"pre.{c}"]
            & post[c][0].result
            & pl.when(periods[c]["extended"] | (starts[f"left.{c}"] > 0))
            .then(post[c][1].result)
            .otherwise(True)
            for c in CATEGORIES
        }
    )

    # The category giving the most: share × months, then months; ties to the first in the text. Shares
    # compare exactly over a common denominator (integers).
    g, sp, o = shares["graduate"], shares["special"], shares["older"]
    common_den = g["den"] * sp["den"] * o["den"]

    def scaled(share: dict[str, pl.Expr]) -> pl.Expr:
        return share["num"] * (common_den // share["den"])

    difficulty_share = (
        pl.when(special)
        .then(scaled(sp))
        .when(special.not_() & older.fill_null(False))
        .then(scaled(o))
        .otherwise(0)
    )
    difficulty_best = (
        pl.when(special.not_()).then(pl.when(older.not_()).then(0).otherwise(scaled(o))).otherwise(scaled(sp))
    )
    share_now = {"graduate": scaled(g), "difficulty": difficulty_share, "requalified": scaled(sp)}
    share_best = {"graduate": scaled(g), "difficulty": difficulty_best, "requalified": scaled(sp)}
    scores = s.stage(
        **{f"score.{c}": share_now[c] * periods[c]["n"] for c in CATEGORIES},
        **{f"best_score.{c}": share_best[c] * periods[c]["n"] for c in CATEGORIES},
        **{f"holds.{c}": common_passed & verdicts[c].fill_null(False) for c in CATEGORIES},
        **{f"open.{c}": common_passed & verdicts[c].is_null() for c in CATEGORIES},
    )

    def beats(a: str, b: str) -> pl.Expr:
        """``a`` gives strictly more than ``b`` (score, then months)."""
        sa, sb = scores[f"score.{a}"], scores[f"score.{b}"]
        return (sa > sb) | ((sa == sb) & (periods[a]["n"] > periods[b]["n"]))

    holds = {c: scores[f"holds.{c}"] for c in CATEGORIES}
    g_best = (
        holds["graduate"]
        & ~(holds["difficulty"] & beats("difficulty", "graduate"))
        & ~(holds["requalified"] & beats("requalified", "graduate"))
    )
    d_best = holds["difficulty"] & ~g_best & ~(holds["requalified"] & beats("requalified", "difficulty"))
    chosen = s.stage(
        **{
            "best.graduate": g_best,
            "best.difficulty": d_best,
            "best.requalified": holds["requalified"] & ~g_best & ~d_best,
        }
    )
    best = {c: chosen[f"best.{c}"] for c in CATEGORIES}

    def of_best(pick: dict[str, pl.Expr]) -> pl.Expr:
        return chain([(best[c], pick[c]) for c in CATEGORIES], pl.lit(None))

    some_holds = pl.any_horizontal([holds[c] for c in CATEGORIES])
    best_score = of_best({c: scores[f"score.{c}"] for c in CATEGORIES})
    better = {
        c: scores[f"open.{c}"] & some_holds & (scores[f"best_score.{c}"] > best_score) for c in CATEGORIES
    }
    settled = s.stage(
        some_holds=some_holds,
        some_open=pl.any_horizontal([scores[f"open.{c}"] for c in CATEGORIES]),
        **{f"better.{c}": better[c] for c in CATEGORIES},
        best_code=of_best({c: pl.lit(own[c].code) for c in CATEGORIES}),
        n=of_best({c: periods[c]["n"] for c in CATEGORIES}),
        end=of_best({c: periods[c]["end"] for c in CATEGORIES}),
        reason=of_best({c: periods[c]["reason"] for c in CATEGORIES}),
        share_name=chain(
            [
                (best["graduate"], pl.lit("graduate")),
                (best["difficulty"] & special.fill_null(False), pl.lit("special")),
                (best["difficulty"], pl.lit("older")),
                (best["requalified"], pl.lit("special")),
            ],
            pl.lit(None, dtype=pl.String),
        ),
    )
    any_better = pl.any_horizontal([settled[f"better.{c}"] for c in CATEGORIES])
    paying = s.stage(paying=settled["some_holds"] & ~any_better)["paying"]

    # Which categories explain the outcome (``_branches.settle``, with the best-of rule)
    pre_open = [starts[f"pre.{c}"].is_null() | starts[f"pre.{c}"] for c in CATEGORIES]
    any_pre_open = pl.any_horizontal([x.fill_null(True) for x in pre_open])
    unknown_common = common.is_null()
    explains: dict[str, pl.Expr] = {}
    for i, c in enumerate(CATEGORIES):
        when_passed = (
            pl.when(paying)
            .then(best[c])
            .when(settled["some_holds"])
            .then(settled[f"better.{c}"])
            .when(settled["some_open"])
            .then(scores[f"open.{c}"])
            .otherwise(True)
        )
        when_unknown = pl.when(any_pre_open).then(pre_open[i].fill_null(True)).otherwise(True)
        explains[c] = (
            pl.when(common_passed).then(when_passed).when(unknown_common).then(when_unknown).otherwise(False)
        )
    shown = s.stage(**{f"explains.{c}": explains[c] for c in CATEGORIES})

    steps: list[Cond | Settle | Exit] = list(common_conds)
    for c in CATEGORIES:
        explained = shown[f"explains.{c}"]
        steps += [
            replace(k, shown=explained if k.shown is None else explained & k.shown) for k in own[c].conditions
        ]
        with_period = explained & common_passed & starts[f"pre.{c}"].fill_null(True)
        steps += [
            replace(k, shown=with_period if k.shown is None else with_period & k.shown) for k in post[c]
        ]
    steps.append(cond("branch", pl.lit(True), args={"which": settled["best_code"]}, shown=paying))

    # The months paid, run by run of constant parameters
    runs = month_runs(p)
    n, share_name = settled["n"], settled["share_name"]
    last = first + n - 1
    # ``clip`` keeps a null ``first`` or ``n`` null (``min_horizontal`` would skip it and count the whole run:
    # a million months for a row that never reached its period); no period, no months
    counts = s.stage(
        **{f"run{k}": ((last + 1).clip(upper_bound=r.hi) - first.clip(lower_bound=r.lo)).clip(lower_bound=0).fill_null(0)
           for k, r in enumerate(runs)},
    )  # fmt: skip

    def figure(run: MonthRun, pick: int) -> pl.Expr:
        branches: list[tuple[pl.Expr, object]] = []
        for name in SHARES:
            figures = run.figures[name]
            if figures is not None:
                branches.append((share_name == name, pl.lit(figures[pick], dtype=MONEY)))
        return chain(branches, pl.lit(None, dtype=MONEY))

    monthly = s.stage(**{f"monthly{k}": figure(r, 4) for k, r in enumerate(runs)})
    count = [counts[f"run{k}"] for k in range(len(runs))]
    paid = [monthly[f"monthly{k}"] for k in range(len(runs))]
    amount = pl.sum_horizontal(
        [pl.when(p_.is_not_null()).then(c_ * p_).otherwise(0) for c_, p_ in zip(count, paid, strict=True)]
    )
    uncomputable = pl.sum_horizontal(
        [pl.when(p_.is_null()).then(c_).otherwise(0) for c_, p_ in zip(count, paid, strict=True)]
    )
    totals = s.stage(amount=amount.cast(MONEY), uncomputable=uncomputable)
    # the first run with a month's figure (coalesce: the first that is not null, as intended)
    first_paid = pl.coalesce([pl.when(c_ > 0).then(p_) for c_, p_ in zip(count, paid, strict=True)])
    single = pl.when(
        pl.all_horizontal(
            [(c_ == 0) | p_.is_null() | (p_ == first_paid) for c_, p_ in zip(count, paid, strict=True)]
        )
    ).then(first_paid)

    def month_indices(computable: bool) -> pl.Expr:
        """The month indices of the runs with (or without) a month's figure, in time order. ``first`` is
        never null (it is read from the evaluation date); a row without a period has counts 0: no months."""
        return pl.concat_list(
            [
                pl.when(p_.is_not_null() if computable else p_.is_null())
                .then(
                    pl.int_ranges(
                        pl.max_horizontal(first, pl.lit(r.lo)),
                        pl.max_horizontal(first, pl.lit(r.lo)) + c_,
                        dtype=pl.Int32,
                    )
                )
                .otherwise(pl.lit([], dtype=pl.List(pl.Int32)))
                for c_, p_, r in zip(count, paid, runs, strict=True)
            ]
        )

    months = month_indices(computable=True).list.eval(month_from_index(pl.element()))
    amounts = pl.concat_list(
        [
            pl.when(p_.is_not_null()).then(p_.repeat_by(c_)).otherwise(pl.lit([], dtype=pl.List(MONEY)))
            for c_, p_ in zip(count, paid, strict=True)
        ]
    )
    part_paid = paying & (totals["uncomputable"] > 0)
    uncomputable_months = month_indices(computable=False).list.eval(ym(pl.element()))

    steps += [Settle(), Exit(totals["uncomputable"] > 0, Status.CANNOT_DECIDE)]

    # Arithmetic: one line per run of equal parameters, then the total
    arithmetic: list[Msg] = []
    notes_uncomputable: list[Msg] = []
    for name in SHARES:
        for k0, group in _groups(runs, name, computable=True):
            figures = runs[k0].figures[name]
            assert figures is not None
            base, rates, share, contribution, per_month = figures
            lo, hi = runs[group[0]].lo, runs[group[-1]].hi
            # (a null ``last`` skipped here only where no category pays: ``shown`` needs ``paying``)
            a = pl.max_horizontal(first, pl.lit(lo))
            b = pl.min_horizontal(last, pl.lit(hi - 1))
            k_months = (b - a + 1).clip(lower_bound=0)
            arithmetic.append(
                msg(
                    "arith.segment",
                    {
                        "first": ym(a),
                        "last": ym(b),
                        "base": pl.lit(fmt_number(base)),
                        "rates": pl.lit(" + ".join(fmt_percent(r) for r in rates)),
                        "contribution": pl.lit(fmt_number(contribution)),
                        "share": pl.lit(f"{share.numerator}/{share.denominator}"),
                        "monthly": pl.lit(fmt_money(per_month)),
                        "months": k_months,
                        "amount": arg(k_months, partial(_times_money, per_month)),
                    },
                    shown=paying & (share_name == name) & (k_months > 0),
                    statuses=(Status.ELIGIBLE, Status.CANNOT_DECIDE),
                )
            )
        for k0, group in _groups(runs, name, computable=False):
            keys = runs[k0].absent or _share_keys(name)
            lo, hi = runs[group[0]].lo, runs[group[-1]].hi
            a = pl.max_horizontal(first, pl.lit(lo))
            b = pl.min_horizontal(last, pl.lit(hi - 1))
            k_months = (b - a + 1).clip(lower_bound=0)
            day = month_from_index(a).dt.strftime("%Y-%m-%d")
            pieces: list[pl.Expr] = []
            for j, key in enumerate(keys):
                pieces += [pl.lit(("" if j == 0 else " ") + f"--set {key}@"), day, pl.lit("=<value>")]
            key_label = Label("、".join(keys), ", ".join(keys))
            listed = _listed(p, keys[0])
            notes_uncomputable.append(
                msg(
                    "note.uncomputable",
                    {
                        "first": ym(a),
                        "last": ym(b),
                        "months": k_months,
                        "key": arg(pl.lit(True), partial(_fixed, key_label)),
                        "first_key": pl.lit(keys[0]),
                        "listed": arg(pl.lit(True), partial(_fixed, listed)),
                        "commands": pl.concat_str(pieces),
                    },
                    shown=paying & (share_name == name) & (k_months > 0),
                    statuses=ALL,
                )
            )
    arithmetic.append(msg("arith.total", {"amount": arg(totals["amount"], fmt_money)}))

    # Notes, in the order the outcome lists them
    notes: list[Msg] = [
        msg(
            "note.branch_failed",
            {"which": pl.lit(own[c].code)},
            shown=common_passed
            & ~settled["some_holds"]
            & settled["some_open"]
            & verdicts[c].not_().fill_null(False),
            statuses=ALL,
        )
        for c in CATEGORIES
    ]
    first_better = chain([(settled[f"better.{c}"], pl.lit(own[c].code)) for c in CATEGORIES], pl.lit(None))
    notes.append(
        msg(
            "note.better_unknown",
            {"holding": settled["best_code"], "unknown": first_better},
            shown=settled["some_holds"] & any_better,
            statuses=ALL,
        )
    )
    first_other = chain([(holds[c] & ~best[c], pl.lit(own[c].code)) for c in CATEGORIES], pl.lit(None))
    notes.append(
        msg(
            "note.chosen",
            {"others": first_other, "chosen": settled["best_code"]},
            shown=paying & first_other.is_not_null(),
            statuses=ALL,
        )
    )
    notes += notes_uncomputable
    notes.append(msg("note.contribution_based", {}, shown=paying, statuses=ALL))
    notes.append(
        msg(
            "note.end",
            {
                "first": ym(first),
                "end": settled["end"],
                "months": n,
                "reason": pl.concat_str([pl.lit("end_reason."), settled["reason"]]),
            },
            shown=paying,
            statuses=ALL,
        )
    )
    past = runs_past_policy(p, MEASURE.id, first, n)
    notes.append(replace(past, shown=paying & past.shown, statuses=ALL))  # type: ignore[operator]

    return Rule(
        renamed(MEASURE, measure_id),
        stages=tuple(s.stages),
        steps=tuple(steps),
        final=Status.ELIGIBLE,
        amount=totals["amount"],
        monthly_amount=single,
        months=n,
        months_shown=part_paid,
        partial_shown=part_paid,
        payee="applicant",
        payee_statuses=(Status.ELIGIBLE,),
        schedule=pl.struct(month=months, amount=amounts),
        arithmetic=tuple(arithmetic),
        notes=tuple(notes),
        missing_facts=missing_in_order(steps),
        extra={  # the best category's, wherever it is paid (or partly)
            "end_date": extra(settled["end"], PAID, paying),
            "end_reason": extra(settled["reason"], PAID, paying),
            "category": extra(of_best({c: pl.lit(c) for c in CATEGORIES}), PAID, paying),
            "share": extra(
                chain(
                    [(share_name == name, shares[name]["text"]) for name in SHARES], pl.lit(None, pl.String)
                ),
                PAID,
                paying,
            ),
            "extended_to_retirement": extra(
                of_best({c: periods[c]["extended"] for c in CATEGORIES}), PAID, paying
            ),
            "retirement_date": extra(retired_on, PAID, paying),
            "uncomputable_months": extra(uncomputable_months, (Status.CANNOT_DECIDE,), part_paid),
        },
    )


def declare(p: Params) -> Rule:
    current = p.param(READING_KEY)
    rule = build(p, current, MEASURE.id)
    # 本市高校毕业生 read the other way: what it gives, for a graduate the reading matters to
    other_value = _other_reading(current)
    other = build(p, other_value, f"{MEASURE.id}~other")
    got = other_outcome(other)
    status, amount, missing = got["status"], got["amount"], got["missing_facts"]
    now, _ = tianjin_graduate(current)
    then, _ = tianjin_graduate(other_value)
    graduate = fact("university_graduate")
    matters = (
        (graduate.is_null() | graduate) & ~now.eq_missing(then) & ~(now.fill_null(False) & then.is_null())
    )
    result = (
        pl.when((status == Status.ELIGIBLE.value) & amount.is_not_null())
        .then(pl.lit("other.amount"))
        .when(status == Status.INELIGIBLE.value)
        .then(pl.lit("other.ineligible"))
        .otherwise(pl.lit("other.cannot_decide"))
    )
    joined = missing.list.join("、")
    note = msg(
        "note.other_reading",
        {
            "reading": pl.concat_str([pl.lit("reading.tianjin."), other_value]),
            "key": arg(pl.lit(READING_KEY), _label),
            "value": arg(other_value, _label),
            "result": result,
            "amount": amount,
            "missing": arg(pl.when(joined == "").then(pl.lit("—")).otherwise(joined), _label),
        },
        shown=matters,
        statuses=ALL,
    )
    return replace(
        rule, stages=_side_by_side(outcome_stages(other), rule.stages), notes=(*rule.notes, note), memo={}
    )


def _side_by_side(
    first: Sequence[Mapping[str, pl.Expr]], second: Sequence[Mapping[str, pl.Expr]]
) -> tuple[dict[str, pl.Expr], ...]:
    """Two independent chains of stages run together: layer k of both in one step (each layer reads only
    earlier layers of its own chain), so the other reading adds expressions, not steps."""
    depth = max(len(first), len(second))
    return tuple(
        {**(first[k] if k < len(first) else {}), **(second[k] if k < len(second) else {})}
        for k in range(depth)
    )
