"""附件2 名词解释 第1项 — 特殊就业困难人员 (people with special employment difficulty).

  1．特殊就业困难人员：零就业家庭人员、单亲家庭人员、低保家庭人员、需赡养患重大疾病直系亲属人员

Used by 第十条 (序号30), 第十一条 (序号31) and 第十二条 (序号33). A 特殊就业困难人员 is a certified
就业困难人员 (fact ``employment_difficulty``) who is in at least one of the four categories. The person is
in the group if a category holds; out of it when every category is known to fail (or certification
is known to be absent); otherwise it cannot be decided and the unknown facts are listed.
"""

from __future__ import annotations

from wenjiuye_cli.facts import (
    DIFFICULTY_PERSON,
    SINGLE_PARENT_FAMILY,
    SUBSISTENCE_FAMILY,
    SUPPORTS_SERIOUSLY_ILL,
    ZERO_EMPLOYMENT_FAMILY,
    FactSpec,
)

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


# Names of the four category facts, in the order of the text.
CIRCUMSTANCES: tuple[str, ...] = tuple(spec.name for spec in CATEGORY_FACTS)
