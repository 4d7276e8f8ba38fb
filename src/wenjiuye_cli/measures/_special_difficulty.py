"""附件2 名词解释 第1项 — 特殊就业困难人员 (people with special employment difficulty).

  1．特殊就业困难人员：零就业家庭人员、单亲家庭人员、低保家庭人员、需赡养患重大疾病直系亲属人员

Used by 第十条 (序号30), 第十一条 (序号31) and 第十二条 (序号33). A 特殊就业困难人员 is a certified
就业困难人员 (fact ``employment_difficulty``) who is in at least one of the four categories. The person is
in the group if a category holds; out of it when every category is known to fail (or certification
is known to be absent); otherwise it cannot be decided and the unknown facts are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from wenjiuye_cli.facts import (
    DIFFICULTY_PERSON,
    SINGLE_PARENT_FAMILY,
    SUBSISTENCE_FAMILY,
    SUPPORTS_SERIOUSLY_ILL,
    ZERO_EMPLOYMENT_FAMILY,
    Facts,
    FactSpec,
)
from wenjiuye_cli.outcome import Evaluation

# The four categories of 附件2 第1项, in the order of the text.
CATEGORY_FACTS: tuple[FactSpec, ...] = (
    ZERO_EMPLOYMENT_FAMILY,
    SINGLE_PARENT_FAMILY,
    SUBSISTENCE_FAMILY,
    SUPPORTS_SERIOUSLY_ILL,
)
# Every fact the definition reads (for a measure's ``facts``).
SPECIAL_DIFFICULTY_FACTS: tuple[FactSpec, ...] = (DIFFICULTY_PERSON, *CATEGORY_FACTS)

MESSAGES: dict[str, tuple[str, str]] = {
    "special_difficulty": (
        "特殊就业困难人员（附件2）：{which}",
        "person with special employment difficulty (附件2): {which}",
    ),
    "special_difficulty.zero_employment_family": ("零就业家庭人员", "member of a zero-employment family"),
    "special_difficulty.single_parent_family": ("单亲家庭人员", "member of a single-parent family"),
    "special_difficulty.subsistence_allowance_family": (
        "低保家庭人员",
        "member of a family on the minimum subsistence allowance",
    ),
    "special_difficulty.supports_seriously_ill_relative": (
        "需赡养患重大疾病直系亲属人员",
        "supports a close relative with a serious illness",
    ),
    "special_difficulty.not_certified": (
        "未认定为就业困难人员",
        "not certified as a person with employment difficulty",
    ),
    "special_difficulty.none": ("不属于四类中的任何一类", "in none of the four categories"),
    "special_difficulty.unknown": ("无法确定", "cannot be determined"),
}


@dataclass(frozen=True, slots=True)
class SpecialDifficulty:
    """The answer: ``result`` (None = cannot decide), the message code saying why, the facts missing."""

    result: bool | None
    which: str
    missing: tuple[str, ...]


def in_category(facts: Facts) -> SpecialDifficulty:
    """Whether the person is in one of the four categories of 附件2 第1项 (certification not checked)."""
    missing: list[str] = []
    for spec in CATEGORY_FACTS:
        value = facts.get(spec.name)
        if value is True:
            return SpecialDifficulty(True, f"special_difficulty.{spec.name}", ())
        if value is None:
            missing.append(spec.name)
    if missing:
        return SpecialDifficulty(None, "special_difficulty.unknown", tuple(missing))
    return SpecialDifficulty(False, "special_difficulty.none", ())


def special_difficulty(facts: Facts) -> SpecialDifficulty:
    """Whether the person is a 特殊就业困难人员: certified 就业困难人员 and in one of the four categories."""
    certified = facts.get(DIFFICULTY_PERSON.name)
    if certified is False:
        return SpecialDifficulty(False, "special_difficulty.not_certified", ())
    category = in_category(facts)
    if category.result is False:
        return category
    if certified is None:
        return SpecialDifficulty(
            None, "special_difficulty.unknown", (DIFFICULTY_PERSON.name, *category.missing)
        )
    return category


def check_special_difficulty(ev: Evaluation, code: str = "special_difficulty") -> bool | None:
    """Record the condition ``code`` (rendered with the ``special_difficulty`` message) and return it.

    A measure that records it under its own ``code`` must have that code in its messages; the default
    code is in :data:`MESSAGES`.
    """
    answer = special_difficulty(ev.facts)
    return ev.check(code, answer.result, missing=answer.missing, which=answer.which)


# Names of the four category facts, in the order of the text.
CIRCUMSTANCES: tuple[str, ...] = tuple(spec.name for spec in CATEGORY_FACTS)
