"""Reading a person's statutory retirement age inside a measure (part B measures: 第十一、十四、二十七条).

The rule itself is :mod:`wenjiuye_cli.retirement`; this only reads the facts (sex, birth date and, for
women, the original retirement age), records the condition ``retirement_age`` and lists missing facts.
A fact that was given but does not fit the reform table (a man's original age other than 60, a woman's
other than 50/55) is not "missing": the condition is undecided, says what was given and why it cannot be
used, and lists no missing fact.
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.facts import BIRTH_DATE, ORIGINAL_RETIREMENT_AGE, SEX, FactSpec
from wenjiuye_cli.outcome import Evaluation, Label
from wenjiuye_cli.retirement import FEMALE, Retirement, RetirementInputError, retirement_with

RETIREMENT_FACTS: tuple[FactSpec, ...] = (SEX, BIRTH_DATE, ORIGINAL_RETIREMENT_AGE)

MESSAGES: dict[str, tuple[str, str]] = {
    "retirement_age": ("法定退休年龄：{which}", "statutory retirement age: {which}"),
    "retirement_age.known": (
        "{years}岁{months}个月，{date} 达到",
        "{years} years {months} months, reached on {date}",
    ),
    "retirement_age.unknown": (
        "无法确定（需要性别、出生日期，女性还需原法定退休年龄）",
        "cannot be determined (needs sex, date of birth and, for women, the original retirement age)",
    ),
    "retirement_age.unusable": (
        "无法确定：{problem}",
        "cannot be determined: {problem}",
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
        ev.check("retirement_age", None, missing=tuple(missing), which="retirement_age.unknown")
        return None
    try:
        retirement = retirement_with(sex, birth, original, ev.param)
    except RetirementInputError as exc:
        # Given, but unusable (e.g. a man's 55 for a special type of work): say so; nothing is missing.
        ev.check("retirement_age", None, which="retirement_age.unusable", problem=Label(exc.zh, exc.en))
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
