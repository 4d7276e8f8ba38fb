"""Reading a person's statutory retirement age inside a measure (part B measures: 第十一、十四、二十七条).

The rule itself is :mod:`wenjiuye_cli.retirement`; this only reads the facts (sex, birth date and, for
women, the original retirement age), records the condition ``retirement_age`` and lists missing facts.
A fact that was given but does not fit the reform table (a man's original age other than 60, a woman's
other than 50/55) is not "missing": the condition is undecided, says what was given and why it cannot be
used, and lists no missing fact.
"""

from __future__ import annotations

from wenjiuye_cli.facts import BIRTH_DATE, ORIGINAL_RETIREMENT_AGE, SEX, FactSpec

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
