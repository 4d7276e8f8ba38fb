"""The articles' table of contents, and the departments (责任部门) as an English reader sees them."""

from __future__ import annotations

import re

from wenjiuye_cli.engine import registry
from wenjiuye_cli.policy.articles import ARTICLES, article_number, citation, department_label

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_department_named_anywhere_has_an_english_name_for_each_unit() -> None:
    named = {a.department for a in ARTICLES} | {m.department for m in registry()}
    for department in named:
        english = department_label(department, "en")
        assert not HAN.search(english), english  # a unit left in Chinese: add it to UNITS_EN
        assert english.count("; ") == department.count("、")  # one name per unit, none merged or lost


def test_chinese_readers_see_the_department_as_the_policy_writes_it() -> None:
    assert department_label("区人社局、区民政局、各街道", "zh") == "区人社局、区民政局、各街道"
    assert department_label("区人社局、区民政局、各街道", "en") == (
        "District Human Resources and Social Security Bureau; District Civil Affairs Bureau; "
        "the sub-district offices"
    )


def test_the_32_articles_and_their_task_numbers_are_all_there() -> None:
    assert len(ARTICLES) == 32
    tasks = [n for a in ARTICLES for n in a.tasks]
    assert sorted(tasks) == list(range(1, len(tasks) + 1))  # every 序号 once, none skipped


def test_articles_are_cited_in_the_readers_numerals() -> None:
    assert [article_number(a.number) for a in ARTICLES] == list(range(1, 33))
    assert citation("十五", (37,), "zh") == "第十五条/37"
    assert citation("十五", (37,), "en") == "art. 15/37"
    assert citation("三十二", (63, 64), "en") == "art. 32/63,64"
