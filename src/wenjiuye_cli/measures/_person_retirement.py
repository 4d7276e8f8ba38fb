"""Reading a person's statutory retirement age inside a measure (part B measures: 第十一、十四、二十七条).

The rule itself is :mod:`wenjiuye_cli.retirement`; this only reads the facts (sex, birth date and, for
women, the original retirement age), records the condition ``retirement_age`` and lists missing facts.
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.facts import BIRTH_DATE, ORIGINAL_RETIREMENT_AGE, SEX, FactSpec
from wenjiuye_cli.outcome import Evaluation
from wenjiuye_cli.retirement import FEMALE, Retirement, retirement_with

RETIREMENT_FACTS: tuple[FactSpec, ...] = (SEX, BIRTH_DATE, ORIGINAL_RETIREMENT_AGE)

MESSAGES: dict[str, tuple[str, str]] = {
    "retirement_age": ("法定退休年龄：{which}", "statutory retirement age: {which}"),
    "retirement_age.known": (
        "{years}岁{months}个月，{date} 达到",
        "{years} years {months} months, reached on {date}",
    ),
    "retirement_age.unknown": (
        "无法确定（需要性别、出生日期，女性还需原法定退休年龄 50 或 55）{problem}",
        "cannot be determined (needs sex, date of birth and, for women, the original age 50 or 55){problem}",
    ),
}


def check_retirement(ev: Evaluation) -> Retirement | None:
    """The person's statutory retirement, or None (condition recorded as unknown with the facts needed)."""
    sex: str | None = ev.facts.get(SEX.name)
    birth: date | None = ev.facts.get(BIRTH_DATE.name)
    original: int | None = ev.facts.get(ORIGINAL_RETIREMENT_AGE.name)
    missing = [name for name, value in ((SEX.name, sex), (BIRTH_DATE.name, birth)) if value is None]
    if sex == FEMALE and original is None:
        missing.append(ORIGINAL_RETIREMENT_AGE.name)
    if missing or sex is None or birth is None:
        ev.check("retirement_age", None, missing=tuple(missing), which="retirement_age.unknown", problem="")
        return None
    try:
        retirement = retirement_with(sex, birth, original, ev.param)
    except ValueError as exc:
        # e.g. a woman's original age other than 50/55: the fact must be corrected.
        ev.check(
            "retirement_age",
            None,
            missing=(ORIGINAL_RETIREMENT_AGE.name,),
            which="retirement_age.unknown",
            problem=f" — {exc}",
        )
        return None
    ev.check(
        "retirement_age",
        True,
        which="retirement_age.known",
        years=retirement.age_years,
        months=retirement.age_months,
        date=retirement.date,
    )
    return retirement
