"""Statutory retirement age (法定退休年龄), used by "距法定退休年龄不足5年/1年" in 第十、十一、十二、二十七条.

  全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024年9月13日）：
  从2025年1月1日起，男职工和原法定退休年龄为五十五周岁的女职工，法定退休年龄每四个月延迟一个月，
  分别逐步延迟至六十三周岁和五十八周岁；原法定退休年龄为五十周岁的女职工，法定退休年龄每二个月
  延迟一个月，逐步延迟至五十五周岁。（附件《改革前后法定退休年龄对照表》）

The schedule is a pure function of the birth month: counting birth months from the group's first
reform month (January 1965 / January 1970 / January 1975), the age is raised by one month for every
``birth_months_per_added_month`` months of birth, the first month already counting (born January–April
1965: 60 years 1 month), up to ``max_added_months``. People born before the first month keep the
original age. All of these numbers are ``retirement.*`` parameters in policy.toml.

The reform parameters are read on the day the person reaches the original age: the decision applies
from 2025-01-01, so whoever reached the original age before then has no reform value in force and keeps
it (this coincides with the first birth months the schedule names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from wenjiuye_cli.dates import add_months, add_years
from wenjiuye_cli.policy import ParameterNotInForce, Policy, Value

Lookup = Callable[[str, date], Value]

MALE = "male"
FEMALE = "female"


class RetirementInputError(ValueError):
    """The facts cannot give a statutory retirement age under the 2024 decision's table.

    ``reason`` says which case: ``male_original_age`` (a man's original age other than the standard one,
    e.g. 55 for a special type of work — the decision keeps such early ages but its table does not
    cover them), ``female_original_age`` (a woman without a valid original age) or ``sex``. ``given``
    is the value given and ``allowed`` the accepted original ages. The message carries both languages.
    """

    def __init__(self, reason: str, given: object, allowed: tuple[int, ...], zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.reason = reason
        self.given = given
        self.allowed = allowed
        self.zh = zh
        self.en = en


@dataclass(frozen=True, slots=True)
class Retirement:
    """Statutory retirement age (years plus extra months) and the day it is reached."""

    age_years: int
    age_months: int
    date: date
    group: str = ""  # "men", "women55" or "women50": the parameter group used
    added_months: int = 0  # months added by the 2024 reform (0 = original age)

    @property
    def total_months(self) -> int:
        return self.age_years * 12 + self.age_months


def _int(lookup: Lookup, key: str, on: date) -> int:
    value = lookup(key, on)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{key} is not a whole number")
    return value


def _day(lookup: Lookup, key: str, on: date) -> date:
    value = lookup(key, on)
    if not isinstance(value, date):
        raise TypeError(f"{key} is not a date")
    return value


def parameter_group(sex: str, original_age: int | None, lookup: Lookup, birth: date) -> str:
    """The parameter group (``men``, ``women55``, ``women50``) for sex and original age;
    :class:`RetirementInputError` (a ValueError) if the facts do not fit the decision's table."""
    if sex == MALE:
        men_age = _base_age(lookup, "men", birth)
        if original_age is not None and original_age != men_age:
            raise RetirementInputError(
                "male_original_age",
                original_age,
                (men_age,),
                f"男性的原法定退休年龄只能按 {men_age} 周岁计算（或不填），填的是 {original_age} 周岁；"
                f"特殊工种等提前退休的年龄不在延迟退休对照表内，本工具无法计算",
                f"a man's original retirement age can only be {men_age} (or blank), not {original_age}; "
                f"early ages such as those for special types of work are outside the reform table and cannot be "
                f"computed here",
            )
        return "men"
    if sex == FEMALE:
        ages = {_base_age(lookup, group, birth): group for group in ("women50", "women55")}
        if original_age is None or original_age not in ages:
            allowed = " 或 ".join(str(a) for a in sorted(ages))
            allowed_en = " or ".join(str(a) for a in sorted(ages))
            given = "未填" if original_age is None else f"填的是 {original_age} 周岁"
            given_en = "none given" if original_age is None else f"got {original_age}"
            raise RetirementInputError(
                "female_original_age",
                original_age,
                tuple(sorted(ages)),
                f"女性需要原法定退休年龄（{allowed} 周岁），{given}",
                f"a woman needs her original retirement age ({allowed_en}), {given_en}",
            )
        return ages[original_age]
    raise RetirementInputError(
        "sex",
        sex,
        (),
        f"性别应为 male 或 female，而不是 {sex!r}",
        f"sex must be 'male' or 'female', got {sex!r}",
    )


def _base_age(lookup: Lookup, group: str, birth: date) -> int:
    # The original ages are in force from 1978; looked up on the 50th birthday, the earliest reached.
    return _int(lookup, f"retirement.{group}_base_age", add_years(birth, 50))


def added_months(group: str, birth: date, lookup: Lookup) -> int:
    """Months the 2024 reform adds for ``group`` and ``birth`` (0 for births before the first month)."""
    base = _base_age(lookup, group, birth)
    reached = add_years(birth, base)
    prefix = f"retirement.{group}_"
    try:
        first = _day(lookup, prefix + "reform_first_birth_month", reached)
        per = _int(lookup, prefix + "birth_months_per_added_month", reached)
        most = _int(lookup, prefix + "max_added_months", reached)
    except ParameterNotInForce:
        return 0  # original age reached before the reform took effect
    index = (birth.year - first.year) * 12 + (birth.month - first.month)
    if index < 0:
        return 0
    if per <= 0:
        raise ValueError(f"{prefix}birth_months_per_added_month must be positive, got {per}")
    return min(index // per + 1, most)


def retirement_with(sex: str, birth: date, original_age: int | None, lookup: Lookup) -> Retirement:
    """:func:`statutory_retirement` reading parameters through ``lookup(key, on)`` (e.g. ``ev.param``)."""
    group = parameter_group(sex, original_age, lookup, birth)
    base = _base_age(lookup, group, birth)
    extra = added_months(group, birth, lookup)
    total = base * 12 + extra
    return Retirement(
        age_years=total // 12,
        age_months=total % 12,
        date=add_months(birth, total),
        group=group,
        added_months=extra,
    )


def statutory_retirement(sex: str, birth: date, original_age: int | None, policy: Policy) -> Retirement:
    """Statutory retirement age and date for ``sex`` ("male"/"female"), birth date and, for women,
    the original retirement age (50 or 55). Raises :class:`RetirementInputError` (a ValueError) for a
    woman without a valid original age or a man with an original age other than 60."""
    return retirement_with(sex, birth, original_age, policy.value)


def retirement_parameter_keys(group: str) -> tuple[str, ...]:
    """The parameters that decide the retirement age of ``group`` (for an outcome's parameters_used)."""
    names = ("base_age", "reform_first_birth_month", "birth_months_per_added_month", "max_added_months")
    return tuple(f"retirement.{group}_{name}" for name in names)


def within_years_of_retirement(retirement_date: date, on: date, years: int) -> bool:
    """ "距法定退休年龄不足N年": strictly fewer than ``years`` years remain on ``on``.

    True when ``on`` is after the day ``years`` years before the retirement date (the anniversary
    itself is exactly N years away, not fewer). Also True on and after the retirement date itself;
    whether a person already past retirement age qualifies is for the measure to decide.
    """
    return on > add_years(retirement_date, -years)
