"""第十一条 支持劳动者灵活就业 — 灵活就业社保补贴, 附件1 序号31 (责任部门：区人社局)

  对毕业2年内的本市高校毕业生从事个体经营或灵活就业的，给予最长2年三项社保补贴（养老、医疗、失业保险），
  补贴标准为最低缴费标准的2/3。对就业困难人员从事个体经营或灵活就业的，给予最长3年三项社保补贴，其中特殊
  就业困难人员补贴标准为最低缴费标准的3/4；其他女年满40周岁、男年满50周岁的，补贴标准为最低缴费标准的1/2。
  对距法定退休年龄不足5年的可延长至退休。灵活就业保险补贴享受期满，符合享受最低生活保障条件，且需赡养患
  重大疾病直系亲属或单亲家庭人员的，可以重新认定就业困难人员继续申请享受社保补贴。

Categories (each a set of conditions; the one giving the most is applied, never two at once):

* ``graduate`` — graduated from a Tianjin university within ``flexible_insurance.graduate_within_years``
  (evaluation date ≤ graduation + 2 years): up to 24 months at 2/3;
* ``difficulty`` — certified 就业困难人员: up to 36 months at 3/4 for 特殊就业困难人员 (附件2, see
  ``_special_difficulty``), else at 1/2 for women aged 40+ / men aged 50+ ("年满": from the birthday itself);
  other 就业困难人员 have no rate in the text and are not eligible;
* ``requalified`` — the earlier subsidy period has run out, the household qualifies for the minimum
  subsistence allowance (read as fact ``subsistence_allowance_family``) and the person supports a seriously
  ill close relative or is in a single-parent family: re-certified as 就业困难人员 (and, being 低保家庭人员,
  特殊), a new period of up to 36 months at 3/4.

Months already received (fact) count against the 24/36; a person fewer than
``flexible_insurance.extension_years_to_retirement`` years from statutory retirement age on the evaluation
date has no month limit: the subsidy runs to retirement (``flexible_insurance.extension_applies_to``,
``flexible_insurance.retirement_month_covered``). The period starts in the month of the evaluation
(application) date and ends at the earliest of duration, retirement and ``general.policy_end`` (the last
only when payments end with the policy: ``_schedule.payments_end``; by default they run their term).

Each month's subsidy uses the parameters in force in that month: minimum contribution = minimum base ×
(pension + medical + unemployment rates), times the category's share, rounded to the fen. Months for which
a parameter has no value (the minimum base is known only from 2022-07) cannot be computed: the outcome is
then ``cannot_decide`` with the computable months in the schedule and the others listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from wenjiuye_cli.dates import add_months, add_years, age_on, month_start
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    DIFFICULTY_PERSON,
    GRADUATION_DATE,
    IS_UNIVERSITY_GRADUATE,
    fact,
)
from wenjiuye_cli.measures._branches import MESSAGES as BRANCH_MESSAGES
from wenjiuye_cli.measures._branches import Branch
from wenjiuye_cli.measures._hire import (
    TIANJIN_ORIGIN,
    TIANJIN_READING_MESSAGES,
    TIANJIN_UNIVERSITY,
    tianjin_graduate,
    with_tianjin_graduate_reading,
)
from wenjiuye_cli.measures._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.measures._person_retirement import RETIREMENT_FACTS, check_retirement
from wenjiuye_cli.measures._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.measures._schedule import (
    duration_end,
    earliest,
    first_policy_month,
    months_through,
    past_policy_note,
    payments_end,
    retirement_limit,
    ym,
)
from wenjiuye_cli.measures._special_difficulty import CATEGORY_FACTS, in_category
from wenjiuye_cli.measures._special_difficulty import MESSAGES as SPECIAL_MESSAGES
from wenjiuye_cli.money import fmt_money, fmt_percent, to_fen
from wenjiuye_cli.outcome import Evaluation, Label, Measure, Message, Outcome, ScheduleLine, Status
from wenjiuye_cli.policy import ParameterNotInForce
from wenjiuye_cli.retirement import Retirement, within_years_of_retirement

FLEXIBLE_SINCE = fact(
    "flexible_employment_since", "date", ("从事个体经营或灵活就业起始日期", "self-employed or flexibly employed since"),
    ("以个体经营或灵活就业人员身份就业（参保）的起始日期", "date the person began self-employment or flexible work"),
    ("person",),
)  # fmt: skip
MONTHS_RECEIVED = fact(
    "flexible_subsidy_months_received", "int", ("已享受灵活就业社保补贴月数", "months of the subsidy already received"),
    ("此前已享受的灵活就业社保补贴月数；从未享受填 0", "months of flexible-employment insurance subsidy already "
     "received; 0 if none"),
    ("person",),
)  # fmt: skip
SUBSIDY_EXPIRED = fact(
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


@dataclass
class Candidate:
    """A category the person may be in: its conditions, share of the minimum contribution and period."""

    category: str
    branch: Branch
    share_name: str | None = None  # "graduate" / "special" / "older"; None while the rate is undecided
    share: Fraction = Fraction(0)  # the share applied (0 while undecided)
    best_share: Fraction = Fraction(0)  # the most the category could give, to compare with an undecided rate
    months: list[date] = field(default_factory=list)
    end: date | None = None
    reason: str = ""
    extended: bool = False

    def score(self) -> Fraction:
        """Share × months: proportional to the total, since every category uses the same monthly base."""
        return self.share * len(self.months)

    def best_score(self) -> Fraction:
        return self.best_share * len(self.months)


def _fraction(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


def _share(ev: Evaluation, name: str, on: date | None = None) -> Fraction:
    return Fraction(
        ev.integer(f"flexible_insurance.{name}_share_numerator", on),
        ev.integer(f"flexible_insurance.{name}_share_denominator", on),
    )


def _graduate(ev: Evaluation) -> Candidate:
    branch = Branch("category.graduate")
    graduate: bool | None = ev.facts.get("university_graduate")
    graduated: date | None = ev.facts.get("graduation_date")
    tianjin, tianjin_missing = tianjin_graduate(ev)  # 本市高校毕业生: general.tianjin_graduate_means
    years = ev.integer("flexible_insurance.graduate_within_years")
    if graduate is False:
        branch.check("university_graduate", False)
    else:
        until = add_years(graduated, years) if graduated is not None else None
        branch.check(
            "graduated_within",
            None if graduated is None or until is None else graduated <= ev.on <= until,
            missing=("graduation_date",),
            years=years,
            graduated=graduated,
            until=until,
            on=ev.on,
        )
    branch.check("tianjin_university", tianjin, missing=tianjin_missing)
    share = _share(ev, "graduate")
    return Candidate("graduate", branch, share_name="graduate", share=share, best_share=share)


def _difficulty(ev: Evaluation) -> Candidate:
    branch = Branch("category.difficulty")
    certified: bool | None = ev.facts.get("employment_difficulty")
    branch.check("employment_difficulty", certified, missing=("employment_difficulty",))
    special = in_category(ev.facts)
    special_share = _share(ev, "special")
    older_share = _share(ev, "older")
    sex: str | None = ev.facts.get("sex")
    birth: date | None = ev.facts.get("birth_date")
    args: dict[str, Any] = {
        "category": special.which,
        "birth": birth,
        "sex": f"sex.{sex}",
        "special_share": _fraction(special_share),
        "older_share": _fraction(older_share),
        "women_age": ev.integer("flexible_insurance.older_women_age"),
        "men_age": ev.integer("flexible_insurance.older_men_age"),
    }
    older: bool | None = None
    if sex is not None and birth is not None:
        threshold = ev.integer(f"flexible_insurance.older_{'women' if sex == 'female' else 'men'}_age")
        age = age_on(birth, ev.on)
        older = age >= threshold
        args |= {"threshold": threshold, "age": age}
    age_missing = tuple(n for n, v in (("sex", sex), ("birth_date", birth)) if v is None)
    cand = Candidate("difficulty", branch)
    if special.result is True:
        cand.share_name, cand.share = "special", special_share
        branch.check("difficulty_rate", True, which="rate.special", **args)
    elif special.result is False and older is not None:
        if older:
            cand.share_name, cand.share = "older", older_share
        branch.check("difficulty_rate", older, which="rate.older" if older else "rate.none", **args)
    else:
        # 3/4, 1/2 or nothing: it depends on the missing facts.
        missing = special.missing if older is not None else (*special.missing, *age_missing)
        branch.check("difficulty_rate", None, missing=missing, which="rate.unknown", **args)
    if special.result is not False:
        cand.best_share = special_share
    elif older is not False:
        cand.best_share = older_share
    return cand


def _requalified(ev: Evaluation, received: int | None) -> Candidate:
    branch = Branch("category.requalified")
    expired: bool | None = ev.facts.get("flexible_subsidy_expired")
    if received == 0:
        branch.check("subsidy_expired", False)
    else:
        branch.check("subsidy_expired", expired, missing=("flexible_subsidy_expired",))
    subsistence: bool | None = ev.facts.get("subsistence_allowance_family")
    branch.check("subsistence_allowance_family", subsistence, missing=("subsistence_allowance_family",))
    ill: bool | None = ev.facts.get("supports_seriously_ill_relative")
    single: bool | None = ev.facts.get("single_parent_family")
    either = True if (ill or single) else (False if ill is False and single is False else None)
    missing = tuple(
        n
        for n, v in (("supports_seriously_ill_relative", ill), ("single_parent_family", single))
        if v is None
    )
    branch.check("ill_relative_or_single_parent", either, missing=missing)
    share = _share(ev, "special")
    return Candidate("requalified", branch, share_name="special", share=share, best_share=share)


def _period(ev: Evaluation, cand: Candidate, retirement: Retirement, received: int) -> None:
    """Fill in the candidate's months and end, and record its month-limit condition."""
    first = max(month_start(ev.on), first_policy_month(ev))
    limit_key = "graduate_max_months" if cand.category == "graduate" else "difficulty_max_months"
    limit = ev.integer(f"flexible_insurance.{limit_key}")
    left = limit if cand.category == "requalified" else max(limit - received, 0)
    limits = {
        "retirement": retirement_limit(
            retirement.date, ev.flag("flexible_insurance.retirement_month_covered")
        )
    }
    policy_end = payments_end(ev, ev.on)
    if policy_end is not None:
        limits["policy_end"] = policy_end
    years = ev.integer("flexible_insurance.extension_years_to_retirement")
    applies_to = ev.choice("flexible_insurance.extension_applies_to")
    near = within_years_of_retirement(retirement.date, ev.on, years)
    cand.extended = near and (applies_to == "all" or cand.category != "graduate")
    if cand.extended:
        threshold = add_years(retirement.date, -years)
        cand.branch.check(
            "months_left", True, which="months_left.extended", years=years, on=ev.on, threshold=threshold
        )
    else:
        limits["duration"] = duration_end(first, left)
        cand.branch.check(
            "months_left", left > 0, which="months_left.limit", received=received, limit=limit, left=left
        )
    cand.reason, cand.end = earliest(limits)
    cand.months = months_through(first, cand.end) if left > 0 or cand.extended else []
    if left > 0 or cand.extended:
        cand.branch.check("period_months", len(cand.months) > 0, months=len(cand.months))


def _record_all(ev: Evaluation, cands: list[Candidate]) -> None:
    for cand in cands:
        cand.branch.record(ev)


def _schedule(
    ev: Evaluation, months: list[date], share_name: str
) -> tuple[list[ScheduleLine], list[Message], list[Message], list[date]]:
    """Amounts month by month, the arithmetic by run of equal parameters, and the months not computable."""
    schedule: list[ScheduleLine] = []
    arithmetic: list[Message] = []
    notes: list[Message] = []
    uncomputable: list[date] = []
    runs: list[list[object]] = []  # [first, last, count, keys] of months that cannot be computed
    segment: dict[str, object] | None = None
    for month in months:
        try:
            base, rates, share, contribution, monthly = _month(ev, share_name, month)
        except ParameterNotInForce:
            uncomputable.append(month)
            absent = _missing_keys(ev, month)
            if runs and runs[-1][3] == absent and runs[-1][1] == add_months(month, -1):
                runs[-1][1] = month
                runs[-1][2] = int(str(runs[-1][2])) + 1
            else:
                runs.append([month, month, 1, absent])
            continue
        schedule.append(ScheduleLine(month, monthly))
        same = segment is not None and segment["params"] == (base, rates, share)
        if segment is not None and same and segment["last"] == add_months(month, -1):
            segment["last"] = month
            segment["months"] = int(str(segment["months"])) + 1
            continue
        if segment is not None:
            arithmetic.append(_segment_message(segment))
        segment = {
            "params": (base, rates, share),
            "first": month,
            "last": month,
            "months": 1,
            "base": base,
            "rates": " + ".join(fmt_percent(r) for r in rates),
            "contribution": contribution,
            "share": _fraction(share),
            "monthly": monthly,
        }
    if segment is not None:
        arithmetic.append(_segment_message(segment))
    for first, last, count, keys in runs:
        assert isinstance(first, date)
        assert isinstance(last, date)
        assert isinstance(keys, tuple)
        # A command per missing parameter, from the run's first month: what the user can paste.
        commands = " ".join(f"--set {key}@{first.isoformat()}=<value>" for key in keys)
        notes.append(
            Message(
                "note.uncomputable",
                {
                    "first": ym(first),
                    "last": ym(last),
                    "months": count,
                    "key": Label("、".join(keys), ", ".join(keys)),
                    "first_key": keys[0],
                    "listed": _listed(ev, keys[0]),
                    "commands": commands,
                },
            )
        )
    return schedule, arithmetic, notes, uncomputable


def _month(
    ev: Evaluation, share_name: str, month: date
) -> tuple[Decimal, tuple[Decimal, ...], Fraction, Decimal, Decimal]:
    """One month's minimum base, rates, share, minimum contribution and subsidy (to the fen), from the
    parameters in force in that month; the same for every applicant, so computed once per policy."""

    def compute() -> tuple[Decimal, tuple[Decimal, ...], Fraction, Decimal, Decimal]:
        base = ev.dec("flexible_insurance.min_base_monthly", on=month)
        rates = tuple(ev.dec(key, on=month) for key in RATE_KEYS)
        share = _share(ev, share_name, on=month)
        contribution = base * sum(rates, Decimal(0))
        return base, rates, share, contribution, to_fen(contribution * share.numerator / share.denominator)

    return ev.cached("flexible_insurance.month", (share_name, month), compute)


def _missing_keys(ev: Evaluation, month: date) -> tuple[str, ...]:
    """The parameters of a month's subsidy (base and rates) that have no value in force that month."""
    missing: list[str] = []
    for key in ("flexible_insurance.min_base_monthly", *RATE_KEYS):
        try:
            ev.dec(key, on=month)
        except ParameterNotInForce:
            missing.append(key)
    return tuple(missing)


def _listed(ev: Evaluation, key: str) -> Label:
    """The periods for which ``key`` has values, e.g. 2022-07-01 至 2025-07-31 (from the policy file)."""
    spans: list[tuple[date, date | None]] = []
    for start, until, _value in ev.policy.parameter(key).entries():
        previous_end = spans[-1][1] if spans else None
        if spans and (previous_end is None or previous_end + timedelta(days=1) == start):
            spans[-1] = (spans[-1][0], until)  # runs on into this value
        else:
            spans.append((start, until))
    zh = "；".join(
        f"{s.isoformat()} 起" if u is None else f"{s.isoformat()} 至 {u.isoformat()}" for s, u in spans
    )
    en = "; ".join(
        f"from {s.isoformat()}" if u is None else f"{s.isoformat()} to {u.isoformat()}" for s, u in spans
    )
    return Label(zh, en)


def _segment_message(segment: dict[str, object]) -> Message:
    monthly, months = segment["monthly"], segment["months"]
    first, last = segment["first"], segment["last"]
    assert isinstance(monthly, Decimal)
    assert isinstance(months, int)
    assert isinstance(first, date)
    assert isinstance(last, date)
    args = {k: segment[k] for k in ("base", "rates", "contribution", "share")}
    # Money paid is shown to the fen (22440.20, not 22440.2).
    return Message(
        "arith.segment",
        {**args, "first": ym(first), "last": ym(last), "monthly": fmt_money(monthly), "months": months,
         "amount": fmt_money(monthly * months)},
    )  # fmt: skip


def evaluate(ev: Evaluation) -> Outcome:
    since: date | None = ev.fact("flexible_employment_since")
    ev.check("flexible_employed", None if since is None else since <= ev.on,
             missing=("flexible_employment_since",), since=since, on=ev.on)  # fmt: skip
    received: int | None = ev.fact("flexible_subsidy_months_received")
    ev.check("months_received_known", None if received is None else True,
             missing=("flexible_subsidy_months_received",), received=received)  # fmt: skip
    retirement = check_retirement(ev)
    if retirement is not None:
        ev.check("not_retired", ev.on < retirement.date, on=ev.on, retirement=retirement.date)
    cands = [_graduate(ev), _difficulty(ev), _requalified(ev, received)]

    common = ev.verdict()
    if common is Status.INELIGIBLE:
        return ev.outcome(Status.INELIGIBLE)
    if common is Status.CANNOT_DECIDE:
        open_cands = [c for c in cands if c.branch.verdict() is not False]
        _record_all(ev, open_cands or cands)
        return ev.outcome(Status.INELIGIBLE if not open_cands else Status.CANNOT_DECIDE)
    assert retirement is not None
    assert received is not None

    for cand in cands:
        if cand.branch.verdict() is not False:
            _period(ev, cand, retirement, received)
    holding = [c for c in cands if c.branch.verdict() is True]
    undecided = [c for c in cands if c.branch.verdict() is None]
    if not holding:
        if undecided:
            _record_all(ev, undecided)
            failed = [
                Message("note.branch_failed", {"which": c.branch.code}) for c in cands if c not in undecided
            ]
            return ev.outcome(Status.CANNOT_DECIDE, notes=failed)
        _record_all(ev, cands)
        return ev.outcome(Status.INELIGIBLE)
    best = max(holding, key=lambda c: (c.score(), len(c.months)))
    better = [c for c in undecided if c.best_score() > best.score()]
    if better:
        _record_all(ev, better)
        note = Message("note.better_unknown", {"holding": best.branch.code, "unknown": better[0].branch.code})
        return ev.outcome(Status.CANNOT_DECIDE, notes=[note])
    best.branch.record(ev)
    ev.check("branch", True, which=best.branch.code)
    notes: list[Message] = []
    others = [c for c in holding if c is not best]
    if others:
        notes.append(Message("note.chosen", {"others": others[0].branch.code, "chosen": best.branch.code}))

    assert best.share_name is not None
    assert best.end is not None
    schedule, arithmetic, uncomputable_notes, uncomputable = _schedule(ev, best.months, best.share_name)
    notes.extend(uncomputable_notes)
    notes.append(Message("note.contribution_based", {}))
    notes.append(Message("note.end", {"first": ym(best.months[0]), "end": best.end, "months": len(best.months),
                                      "reason": f"end_reason.{best.reason}"}))  # fmt: skip
    past = past_policy_note(ev, best.months)
    if past is not None:
        notes.append(past)
    extra: dict[str, object] = {
        "end_date": best.end,
        "end_reason": best.reason,
        "category": best.category,
        "share": _fraction(best.share),
        "extended_to_retirement": best.extended,
        "retirement_date": retirement.date,
    }
    amounts = {line.amount for line in schedule}
    monthly = next(iter(amounts)) if len(amounts) == 1 else None
    if uncomputable:
        extra["uncomputable_months"] = [ym(m) for m in uncomputable]
        return ev.outcome(Status.CANNOT_DECIDE, months=len(best.months), monthly_amount=monthly, payee="applicant",
                          arithmetic=arithmetic, notes=notes, schedule=schedule, extra=extra)  # fmt: skip
    amount = sum((line.amount for line in schedule), Decimal(0))
    arithmetic.append(Message("arith.total", {"amount": fmt_money(amount)}))
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        monthly_amount=monthly,
        months=len(best.months),
        payee="applicant",
        arithmetic=arithmetic,
        notes=notes,
        schedule=schedule,
        extra=extra,
    )


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
    evaluate=with_tianjin_graduate_reading(evaluate),
    messages=MESSAGES,
)
