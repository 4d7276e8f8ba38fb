"""附件2 第1项 特殊就业困难人员: certified 就业困难人员 in one of the four categories."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wenjiuye_cli.facts import Facts
from wenjiuye_cli.measures._special_difficulty import CIRCUMSTANCES, in_category, special_difficulty

NONE = dict.fromkeys(CIRCUMSTANCES, False)


def special(**facts: Any) -> Any:
    return special_difficulty(Facts({k: v for k, v in facts.items() if v is not None}))


def test_the_four_categories_in_text_order() -> None:
    assert CIRCUMSTANCES == (
        "zero_employment_family",
        "single_parent_family",
        "subsistence_allowance_family",
        "supports_seriously_ill_relative",
    )


@pytest.mark.parametrize("category", CIRCUMSTANCES)
def test_each_category_makes_a_certified_person_special(category: str) -> None:
    answer = special(employment_difficulty=True, **{**NONE, category: True})
    assert answer.result is True
    assert answer.which == f"special_difficulty.{category}"


def test_not_certified_is_not_special() -> None:
    assert special(employment_difficulty=False, zero_employment_family=True).result is False


def test_none_of_the_categories() -> None:
    assert special(employment_difficulty=True, **NONE).result is False


def test_unknown_lists_what_is_missing() -> None:
    answer = special(employment_difficulty=True, zero_employment_family=False)
    assert answer.result is None
    assert answer.missing == (
        "single_parent_family",
        "subsistence_allowance_family",
        "supports_seriously_ill_relative",
    )
    uncertified = special(single_parent_family=True)
    assert uncertified.result is None
    assert uncertified.missing == ("employment_difficulty",)


@given(values=st.lists(st.sampled_from([True, False, None]), min_size=5, max_size=5))
def test_three_valued_logic(values: list[bool | None]) -> None:
    certified, *categories = values
    facts = dict(zip(CIRCUMSTANCES, categories, strict=True))
    answer = special(employment_difficulty=certified, **facts)
    category = in_category(Facts({k: v for k, v in facts.items() if v is not None})).result
    if certified is False or category is False:
        assert answer.result is False
    elif certified is True and category is True:
        assert answer.result is True
    else:
        assert answer.result is None
        assert answer.missing
