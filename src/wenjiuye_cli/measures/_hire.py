"""Shared pieces of the employer measures 第十条 (序号29–30) and 第十二条 (序号32–33): one hire per row.

An employer applies per person hired, so a ``hire`` row carries the facts of ONE hire: the person's own
facts (sex, birth date, registered unemployment, 就业困难人员, …) under the same names as for a ``person``
row, the hire's own facts (hire date, contract, contributions, post type) and the facts about the employer
that the rules read (small/micro, elder-care or housekeeping firm, …). Firm-level measures (稳岗返还,
enterprise loans, …) stay on ``enterprise`` rows, so a hire row never triggers them.

Subsidy months are calendar months: the first is the month of the hire (or the next one, by
``hire_months.first_month``), and the period ends at the earliest of the duration limit, the statutory
retirement date and the last day of the policy (``general.policy_end``, only when payments end with the
policy: ``_schedule.payments_end``; by default a subsidy granted in force runs its term). Months before the policy came into force are not subsidised
(``general.policy_start_month_counts`` decides the month it came into force); the duration still counts
from the hire, so a hire made before the policy gets the months of its period that fall within it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from wenjiuye_cli.dates import add_months, month_start
from wenjiuye_cli.facts import (
    BIRTH_DATE,
    DIFFICULTY_PERSON,
    GRADUATION_DATE,
    IS_UNIVERSITY_GRADUATE,
    ORIGINAL_RETIREMENT_AGE,
    POOR_VILLAGE_LABOUR,
    POVERTY_REGISTERED,
    REGISTERED_UNEMPLOYED,
    REGISTERED_UNEMPLOYED_SINCE,
    RURAL_LABOUR,
    SEX,
    SINGLE_PARENT_FAMILY,
    SUBSISTENCE_FAMILY,
    SUPPORTS_SERIOUSLY_ILL,
    ZERO_EMPLOYMENT_FAMILY,
    Facts,
    FactSpec,
    fact,
)
from wenjiuye_cli.measures._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.measures._person_retirement import check_retirement
from wenjiuye_cli.measures._readings import MESSAGES as READING_MESSAGES
from wenjiuye_cli.measures._readings import Rule, flipped, with_other_reading
from wenjiuye_cli.measures._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.measures._schedule import (
    first_policy_month,
    past_policy_note,
    payments_end,
    policy_start_note,
)
from wenjiuye_cli.money import fmt_number
from wenjiuye_cli.outcome import Evaluation, Label, LazyLabel, Message
from wenjiuye_cli.policy import Value
from wenjiuye_cli.retirement import Retirement, within_years_of_retirement

E_SEX = SEX
E_BIRTH_DATE = BIRTH_DATE
E_ORIGINAL_RETIREMENT_AGE = ORIGINAL_RETIREMENT_AGE
E_REGISTERED_UNEMPLOYED = REGISTERED_UNEMPLOYED
E_REGISTERED_UNEMPLOYED_SINCE = REGISTERED_UNEMPLOYED_SINCE
E_UNIVERSITY_GRADUATE = IS_UNIVERSITY_GRADUATE
E_GRADUATION_DATE = GRADUATION_DATE
E_RURAL_LABOUR = RURAL_LABOUR
E_POOR_VILLAGE_LABOUR = POOR_VILLAGE_LABOUR
E_POVERTY_REGISTERED = POVERTY_REGISTERED
E_DIFFICULTY = DIFFICULTY_PERSON
E_ZERO_EMPLOYMENT = ZERO_EMPLOYMENT_FAMILY
E_SINGLE_PARENT = SINGLE_PARENT_FAMILY
E_SUBSISTENCE = SUBSISTENCE_FAMILY
E_SUPPORTS_ILL = SUPPORTS_SERIOUSLY_ILL

RETIREMENT_FACTS: tuple[FactSpec, ...] = (E_SEX, E_BIRTH_DATE, E_ORIGINAL_RETIREMENT_AGE)
SPECIAL_DIFFICULTY_FACTS: tuple[FactSpec, ...] = (
    E_DIFFICULTY,
    E_ZERO_EMPLOYMENT,
    E_SINGLE_PARENT,
    E_SUBSISTENCE,
    E_SUPPORTS_ILL,
)

HIRE_DATE = fact(
    "hire_date", "date", ("招用日期", "hire date"),
    ("企业招用该人员（开始用工）的日期；补贴按月从该月起计", "day the person was hired; subsidy months count from that month"),
    ("hire",),
)  # fmt: skip
CONTRACT_MONTHS = fact(
    "contract_months", "int", ("劳动合同期限（月）", "labour-contract term (months)"),
    ("签订的劳动合同期限，按月计；无固定期限合同请填 open_ended_contract=是", "contract term in months; "
     "for an open-ended contract set open_ended_contract=yes"),
    ("hire",),
)  # fmt: skip
OPEN_ENDED_CONTRACT = fact(
    "open_ended_contract", "bool", ("是否无固定期限劳动合同", "open-ended labour contract"),
    ("是 表示签订无固定期限劳动合同（视为满足“1年以上”）", "yes = open-ended contract (meets 'one year or more')"),
    ("hire",),
)  # fmt: skip
CONTRIBUTION_MONTHS = fact(
    "contribution_months", "int", ("已缴纳社会保险费月数", "months of social-insurance contributions"),
    ("企业为该人员按规定缴纳社会保险费的月数", "months the firm has paid social insurance for the person"),
    ("hire",),
)  # fmt: skip
TIANJIN_UNIVERSITY = fact(
    "tianjin_university", "bool", ("是否本市高校毕业", "graduated from a Tianjin university"),
    ("“本市高校毕业生”：毕业于天津市的高校", "graduated from a university in Tianjin ('本市高校毕业生')"),
    ("person", "hire", "intern"),
)  # fmt: skip
TIANJIN_ORIGIN = fact(
    "tianjin_origin", "bool", ("是否天津户籍或生源", "Tianjin hukou or from Tianjin (生源地)"),
    ("户籍或生源地为天津（“本市高校毕业生”的另一种理解，general.tianjin_graduate_means=tianjin_origin 或 either 时使用）",
     "hukou or student origin in Tianjin (the other reading of '本市高校毕业生', used when "
     "general.tianjin_graduate_means is tianjin_origin or either)"),
    ("person", "hire", "intern"),
)  # fmt: skip
TIANJIN_GRADUATE_FACTS = {
    "tianjin_university": ("tianjin_university",),
    "tianjin_origin": ("tianjin_origin",),
    "either": ("tianjin_university", "tianjin_origin"),
}
POST_TYPE = fact(
    "post_type", "choice", ("岗位类型", "type of post"),
    ("普通岗位、托底安置岗位（第十二条，经遴选的服务型岗位）或公益性岗位", "ordinary post, fallback placement "
     "post (art. 12, a selected service post) or public-welfare post"),
    ("hire",),
    choices={
        "ordinary": ("普通岗位", "ordinary"),
        "fallback": ("托底安置岗位", "fallback placement"),
        "public_welfare": ("公益性岗位", "public welfare"),
    },
)  # fmt: skip

TIANJIN_READING_MESSAGES: dict[str, tuple[str, str]] = {
    **READING_MESSAGES,
    "reading.tianjin.tianjin_origin": (
        "“本市高校毕业生”指户籍或生源地为天津的高校毕业生",
        "'本市高校毕业生' means a graduate with a Tianjin hukou or student origin",
    ),
    "reading.tianjin.tianjin_university": (
        "“本市高校毕业生”指天津市高校的毕业生",
        "'本市高校毕业生' means a graduate of a Tianjin university",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **READING_MESSAGES,
    **RETIREMENT_MESSAGES,
    **SCHEDULE_MESSAGES,
    "before_retirement": (
        "开始时未达到法定退休年龄：{start} 早于 {retirement}",
        "below statutory retirement age at the start: {start} is before {retirement}",
    ),
    "end.duration": ("期限届满", "duration limit"),
    "end.retirement": ("达到法定退休年龄", "statutory retirement age reached"),
    "end.policy_end": ("政策有效期届满", "policy expiry"),
    "contract": (
        "签订 {required} 个月以上劳动合同：{term}",
        "labour contract of at least {required} months: {term}",
    ),
    "contract.open": ("无固定期限", "open-ended"),
    "contract.months": ("{months} 个月", "{months} months"),
    "contract.unknown": ("合同期限未知", "contract term unknown"),
    "subsidy_months": (
        "补贴期内仍有政策施行期间的月份：{months} 个月（自 {first} 起，期间截止 {end}）",
        "months of the subsidy period while the policy is in force: {months} (from {first}; the period ends {end})",
    ),
    "hire_date_known": ("招用日期：{hired}", "hire date: {hired}"),
    "hired_in_force": (
        "政策施行后招用：{hired} 招用，施行日 {start}（general.hires_from_policy_start）",
        "hired once the policy was in force: hired {hired}, in force from {start} (general.hires_from_policy_start)",
    ),
    **TIANJIN_READING_MESSAGES,
    "reading.hires.true": (
        "“施行后”指招用日期：政策施行前招用的人员不适用",
        "'once in force' refers to the hire date: hires made before the policy came into force do not count",
    ),
    "reading.hires.false": (
        "“施行后”指补贴所依据的情形：施行前招用的，施行后满足缴费条件或在施行期间的月份也补贴",
        "'once in force' refers to what is subsidised: a hire made before the policy counts for what happens "
        "while it is in force",
    ),
    "extension": (
        "{on} 距法定退休日期 {retirement} 不足 {years} 年：{result}",
        "on {on}, fewer than {years} years before statutory retirement on {retirement}: {result}",
    ),
    "note.extended": (
        "距法定退休年龄不足 {years} 年，补贴延长至退休（{retirement}），不受 {limit} 个月限制",
        "fewer than {years} years from retirement age: the subsidy runs to retirement ({retirement}) "
        "instead of {limit} months",
    ),
    "arith.months": (
        "{what} {first} 至 {last}，共 {months} 个月，截止 {end}（{reason}）",
        "{what} {first} to {last}: {months} months, ending {end} ({reason})",
    ),
    "arith.months_none": (
        "{what}：政策施行期间没有补贴月份（期限 {end} 届满）",
        "{what}: no month of the period falls while the policy is in force (it ended {end})",
    ),
    "what.insurance": ("五项社保补贴", "five-insurance subsidy"),
    "what.post": ("岗位补贴", "post subsidy"),
    "what.allowance": ("托底安置补助", "fallback placement allowance"),
}


def names_label(names: dict[str, tuple[str, str]], keys: Sequence[str], **values: object) -> LazyLabel:
    """The names of ``keys`` joined in each language (、 in Chinese, ", " in English), e.g.
    农村劳动力、困难村劳动力. ``values`` fill placeholders such as ``{years}`` with parameter values.
    The texts are made only if the label is shown (a batch without ``--detail`` never shows it)."""
    return LazyLabel(_names_label, names, tuple(keys), values)


def _names_label(
    names: dict[str, tuple[str, str]], keys: tuple[str, ...], values: dict[str, object]
) -> Label:
    shown = {k: fmt_number(v) if isinstance(v, Decimal | int) and not isinstance(v, bool) else v
             for k, v in values.items()}  # fmt: skip
    return Label(
        "、".join(names[k][0].format(**shown) for k in keys),
        ", ".join(names[k][1].format(**shown) for k in keys),
    )


def contract_check(ev: Evaluation, required_key: str) -> bool | None:
    """Record condition ``contract``: a contract of at least ``required_key`` months, or open-ended."""
    required = ev.integer(required_key)
    months: int | None = ev.facts.get("contract_months")
    open_ended = ev.facts.get("open_ended_contract")
    if open_ended is True:
        return ev.check("contract", True, required=required, term="contract.open")
    if months is None:
        return ev.check(
            "contract", None, missing=("contract_months",), required=required, term="contract.unknown"
        )
    return ev.check("contract", months >= required, required=required, term="contract.months", months=months)


def _tianjin_answer(facts: Facts, reading: Value) -> tuple[bool | None, tuple[str, ...]]:
    names = TIANJIN_GRADUATE_FACTS[str(reading)]
    values = [facts.get(n) for n in names]
    if any(v is True for v in values):
        return True, ()
    if all(v is False for v in values):
        return False, ()
    return None, tuple(n for n, v in zip(names, values, strict=True) if v is None)


def tianjin_graduate(ev: Evaluation) -> tuple[bool | None, tuple[str, ...]]:
    """Whether the person is a "本市高校毕业生" as ``general.tianjin_graduate_means`` reads it: graduated
    from a Tianjin university, with a Tianjin hukou / student origin, or either. Unknown names the facts
    that would settle it."""
    return _tianjin_answer(ev.facts, ev.choice("general.tianjin_graduate_means"))


def _tianjin_reading_matters(ev: Evaluation) -> bool:
    """For a graduate (or one not known not to be): the other reading answers differently, except when the
    chosen reading already says yes and the other one is merely unknown (nothing to gain by asking)."""
    if ev.facts.get("university_graduate") is False:
        return False
    current = ev.policy.value("general.tianjin_graduate_means", ev.on)
    now, _ = _tianjin_answer(ev.facts, current)
    other, _ = _tianjin_answer(ev.facts, _other_tianjin_reading(current))
    return now is not other and not (now is True and other is None)


def _other_tianjin_reading(current: Value) -> Value:
    return "tianjin_origin" if current == "tianjin_university" else "tianjin_university"


def with_tianjin_graduate_reading(rule: Rule) -> Rule:
    """``rule``, noting for a graduate whose university and origin disagree (or one is unknown) what the
    other reading of "本市高校毕业生" (``general.tianjin_graduate_means``) gives."""
    return with_other_reading(
        rule,
        "general.tianjin_graduate_means",
        matters=_tianjin_reading_matters,
        other=_other_tianjin_reading,
        reading=lambda other: f"reading.tianjin.{other}",
    )


def hired_before_policy(ev: Evaluation) -> bool:
    """Whether the hire date is given and falls before the policy came into force (the other reading of
    ``general.hires_from_policy_start`` can then change the outcome)."""
    hired: date | None = ev.facts.get("hire_date")
    start = ev.policy.value("general.policy_start", ev.on)
    return hired is not None and isinstance(start, date) and hired < start


def with_hire_date_reading(rule: Rule) -> Rule:
    """``rule``, noting for a hire made before the policy what the other reading of "施行后"
    (``general.hires_from_policy_start``) gives."""
    return with_other_reading(
        rule,
        "general.hires_from_policy_start",
        matters=hired_before_policy,
        other=flipped,
        reading=lambda other: f"reading.hires.{str(other).lower()}",
    )


def check_hired_in_force(ev: Evaluation, hired: date | None) -> bool | None:
    """When ``general.hires_from_policy_start`` holds: record that the hire was made on or after the
    policy's first day (condition ``hired_in_force``). Otherwise nothing is recorded and None returned."""
    if hired is None or not ev.flag("general.hires_from_policy_start"):
        return None
    start = ev.day("general.policy_start")
    return ev.check("hired_in_force", hired >= start, hired=hired, start=start)


def hire_date_check(ev: Evaluation) -> date | None:
    """Record condition ``hire_date_known`` and return the hire date (None when missing)."""
    hired: date | None = ev.fact("hire_date")
    ev.check("hire_date_known", None if hired is None else True, missing=("hire_date",), hired=hired)
    return hired


def retirement_of(ev: Evaluation, hired: date | None) -> Retirement | None:
    """The hire's statutory retirement; records condition ``retirement_age`` (unknown names the facts needed)
    and, with the hire date known, ``before_retirement``: hired before reaching it."""
    retirement = check_retirement(ev)
    if retirement is not None and hired is not None:
        ev.check("before_retirement", hired < retirement.date, start=hired, retirement=retirement.date)
    return retirement


@dataclass(frozen=True, slots=True)
class MonthPeriod:
    """Calendar months of a monthly subsidy, and when and why it ends."""

    months: tuple[date, ...]  # first day of each month paid
    end_date: date
    end_reason: str  # "end.duration", "end.retirement", "end.policy_end"
    duration_end: date  # where the duration limit alone would end it
    first_month: date  # first month of the period, before months outside the policy are dropped
    before_policy: int = 0  # months of the period before the policy came into force (not paid)


def first_subsidy_month(ev: Evaluation, start: date) -> date:
    # Read on the hire date, or on the policy's first day for a hire made before it (no value earlier).
    on = max(start, ev.day("general.policy_start"))
    rule = ev.choice("hire_months.first_month", on)
    first = month_start(start)
    return add_months(first, 1) if rule == "next_month" else first


def subsidy_period(
    ev: Evaluation,
    start: date,
    max_months: int | None,
    retirement: Retirement | None,
) -> MonthPeriod:
    """Months from the first subsidy month for at most ``max_months`` (None: until retirement),
    stopping at the retirement date and, when payments end with the policy (``_schedule.payments_end``), at
    the policy's last day, whichever comes first. Months before the policy came into force are left out
    (counted in ``before_policy``); the duration still runs from the first subsidy month.

    A month counts when its first day is on or before the end date; the end date is the last day of
    the last month for the duration limit, or the retirement / policy end date itself.
    """
    first = first_subsidy_month(ev, start)
    candidates: list[tuple[date, str]] = []
    if max_months is not None:
        duration_end = add_months(first, max_months) - timedelta(days=1)
        candidates.append((duration_end, "end.duration"))
    else:
        duration_end = date.max
    if retirement is not None:
        candidates.append((retirement.date, "end.retirement"))
    policy_end = payments_end(ev, start)
    if policy_end is not None:
        candidates.append((policy_end, "end.policy_end"))
    if not candidates:
        raise ValueError("a subsidy period needs a duration, a retirement date or the policy's end")
    end, reason = min(candidates, key=lambda c: c[0])  # ties: the first listed (duration, retirement)
    from_month = first_policy_month(ev)
    months: list[date] = []
    before = 0
    month = first
    while month <= end:
        if month < from_month:
            before += 1
        else:
            months.append(month)
        month = add_months(month, 1)
    return MonthPeriod(tuple(months), end, reason, duration_end, first, before)


def check_subsidy_months(ev: Evaluation, period: MonthPeriod, notes: list[Message]) -> bool:
    """Record condition ``subsidy_months`` (some month of the period is paid) and, when months before the
    policy were left out, add the note saying so. Returns whether any month is left."""
    if period.before_policy:
        notes.append(policy_start_note(ev))
    past = past_policy_note(ev, period.months)
    if past is not None:
        notes.append(past)
    first = period.months[0] if period.months else period.first_month
    result = ev.check(
        "subsidy_months", len(period.months) > 0, months=len(period.months), first=f"{first:%Y-%m}",
        end=period.end_date,
    )  # fmt: skip
    return bool(result)


def period_message(period: MonthPeriod, what: str = "what.insurance") -> Message:
    """The arithmetic line of ``period``: its months and end, or that none is left."""
    if not period.months:
        return Message("arith.months_none", {"what": what, "end": period.end_date})
    return Message("arith.months", period_args(period, what))


def period_args(period: MonthPeriod, what: str = "what.insurance") -> dict[str, object]:
    """Arguments of the ``arith.months`` message for ``period``."""
    return {
        "what": what,
        "first": f"{period.months[0]:%Y-%m}" if period.months else None,
        "last": f"{period.months[-1]:%Y-%m}" if period.months else None,
        "months": len(period.months),
        "end": period.end_date,
        "reason": period.end_reason,
    }


def extend_to_retirement(
    ev: Evaluation,
    group: str,
    retirement: Retirement,
    start: date,
    standard: MonthPeriod,
    notes: list[Message],
) -> tuple[MonthPeriod, bool]:
    """ "距法定退休年龄不足N年的，可延长至退休": the period to use and whether it was extended.

    Reads ``{group}.extension_years_before_retirement`` and ``{group}.extension_assessed_at``
    (``subsidy_start``: on the start date; ``standard_end``: on the day the limit alone would end it).
    Extending changes the period only when the duration limit, not retirement or the policy's end,
    would end it; the extended period still stops at retirement and at the policy's end.
    """
    years = ev.integer(f"{group}.extension_years_before_retirement")
    at = ev.choice(f"{group}.extension_assessed_at")
    on = start if at == "subsidy_start" else min(standard.duration_end, retirement.date)
    within = within_years_of_retirement(retirement.date, on, years)
    notes.append(
        Message("extension", {"on": on, "retirement": retirement.date, "years": years, "result": within})
    )
    if not within or standard.end_reason != "end.duration":
        return standard, False
    limit = len(standard.months)
    notes.append(Message("note.extended", {"years": years, "retirement": retirement.date, "limit": limit}))
    return subsidy_period(ev, start, None, retirement), True
