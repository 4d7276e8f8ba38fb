"""附件2 名词解释 第2项 — 重点创业人群 (key entrepreneur groups).

  2．重点创业人群：本市全日制高校在校生、毕业5年内的高校毕业生、落户5年内的“海河英才”

A person is in the group if any one branch holds; out of it only when every branch is known to fail.
Membership may be judged on a day before the policy came into force (e.g. a business registered in
2019): the windows are then the policy's own (the values in force on its first day), never "not in force".
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.dates import add_years
from wenjiuye_cli.outcome import Evaluation

MESSAGES: dict[str, tuple[str, str]] = {
    "key_group": (
        "重点创业人群（附件2）：{which}",
        "key entrepreneur group (附件2): {which}",
    ),
    "key_group.student": ("本市全日制高校在校生", "full-time student at a Tianjin university"),
    "key_group.graduate": (
        "毕业{years}年内的高校毕业生（{graduated} 毕业，截至 {until}）",
        "graduated within {years} years ({graduated}, until {until})",
    ),
    "key_group.haihe": (
        "落户{years}年内的“海河英才”（{settled} 落户，截至 {until}）",
        "Haihe Talent settled within {years} years ({settled}, until {until})",
    ),
    "key_group.none": ("不属于任何一类", "none of the three groups"),
    "key_group.unknown": ("无法确定", "cannot be determined"),
}


def check_key_group(ev: Evaluation, on: date) -> bool | None:
    """Record and return whether the applicant is in a key entrepreneur group on ``on``."""
    facts = ev.facts
    read_on = max(on, ev.day("general.policy_start"))  # the definition is the policy's, even for earlier days
    missing: list[str] = []
    branches: list[bool | None] = []

    student = facts.get("tianjin_fulltime_student")
    branches.append(student)
    if student is None:
        missing.append("tianjin_fulltime_student")

    graduate = facts.get("university_graduate")
    graduated = facts.get("graduation_date")
    grad_years = ev.integer("key_groups.graduate_within_years", read_on)
    grad_until = add_years(graduated, grad_years) if graduated is not None else None
    if graduate is False:
        branches.append(False)
    elif graduated is not None:
        assert grad_until is not None
        branches.append(graduated <= on <= grad_until)
    else:
        branches.append(None)
        missing.append("graduation_date")

    haihe = facts.get("haihe_talent")
    settled = facts.get("haihe_talent_settled_date")
    haihe_years = ev.integer("key_groups.haihe_settled_within_years", read_on)
    haihe_until = add_years(settled, haihe_years) if settled is not None else None
    if haihe is False:
        branches.append(False)
    elif settled is not None:
        assert haihe_until is not None
        branches.append(settled <= on <= haihe_until)
    else:
        branches.append(None)
        missing.append("haihe_talent" if haihe is None else "haihe_talent_settled_date")

    if branches[0]:
        which = "key_group.student"
    elif branches[1]:
        which = "key_group.graduate"
    elif branches[2]:
        which = "key_group.haihe"
    elif all(b is False for b in branches):
        which = "key_group.none"
    else:
        which = "key_group.unknown"
    result = None if which == "key_group.unknown" else which != "key_group.none"
    ev.check(
        "key_group",
        result,
        missing=tuple(missing) if result is None else (),
        which=which,
        graduated=graduated,
        settled=settled,
        years=grad_years if which == "key_group.graduate" else haihe_years,
        until=grad_until if which == "key_group.graduate" else haihe_until,
    )
    return result
