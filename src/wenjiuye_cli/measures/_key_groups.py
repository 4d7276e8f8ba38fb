"""附件2 名词解释 第2项 — 重点创业人群 (key entrepreneur groups).

  2．重点创业人群：本市全日制高校在校生、毕业5年内的高校毕业生、落户5年内的“海河英才”

A person is in the group if any one branch holds; out of it only when every branch is known to fail.
Membership may be judged on a day before the policy came into force (e.g. a business registered in
2019): the windows are then the policy's own (the values in force on its first day), never "not in force".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wenjiuye_cli.dates import add_years
from wenjiuye_cli.outcome import Evaluation

MESSAGES: dict[str, tuple[str, str]] = {
    "key_group": ("{which}", "{which}"),
    "key_group.student": (
        "重点创业人群（附件2）：本市全日制高校在校生",
        "key entrepreneur group (附件2): full-time student at a Tianjin university",
    ),
    "key_group.graduate": (
        "重点创业人群（附件2）：毕业{years}年内的高校毕业生（{graduated} 毕业，截至 {until}）",
        "key entrepreneur group (附件2): graduated within {years} years ({graduated}, until {until})",
    ),
    "key_group.haihe": (
        "重点创业人群（附件2）：落户{years}年内的“海河英才”（{settled} 落户，截至 {until}）",
        "key entrepreneur group (附件2): Haihe Talent settled within {years} years ({settled}, until {until})",
    ),
    # Out of every branch: each branch's reason, with the dates and the windows.
    "key_group.none": (
        "{student_why}，{graduate_why}，{haihe_why}，不属于重点创业人群（附件2）",
        "{student_why}; {graduate_why}; {haihe_why}: not in a key entrepreneur group (附件2)",
    ),
    "key_group.not_student": ("不是本市全日制高校在校生", "not a full-time student at a Tianjin university"),
    "key_group.not_graduate": ("不是高校毕业生", "not a university graduate"),
    "key_group.graduated_later": (
        "毕业于 {graduated}，{event}（{on}）时尚未毕业",
        "graduated on {graduated}, not yet at {event} ({on})",
    ),
    "key_group.graduated_too_long": (
        "毕业于 {graduated}，{event}（{on}）时已毕业超过 {grad_years} 年",
        "graduated on {graduated}, more than {grad_years} years before {event} ({on})",
    ),
    "key_group.not_haihe": ("不是“海河英才”", "not Haihe Talent"),
    "key_group.settled_later": (
        "“海河英才”{settled} 落户，{event}（{on}）时尚未落户",
        "Haihe Talent settled on {settled}, not yet at {event} ({on})",
    ),
    "key_group.settled_too_long": (
        "“海河英才”{settled} 落户，{event}（{on}）时已落户超过 {haihe_years} 年",
        "Haihe Talent settled on {settled}, more than {haihe_years} years before {event} ({on})",
    ),
    "key_group.on.registration": ("注册", "registration"),
    "key_group.on.application": ("申请", "application"),
    "key_group.on.day": ("计算日", "the evaluation date"),
    "key_group.unknown": (
        "重点创业人群（附件2）：无法确定",
        "key entrepreneur group (附件2): cannot be determined",
    ),
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
    if which == "key_group.none":
        ev.check("key_group", False, **_reasons(ev, on, graduated, grad_years, settled, haihe_years))
        return False
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


def _reasons(
    ev: Evaluation, on: date, graduated: date | None, grad_years: int, settled: date | None, haihe_years: int
) -> dict[str, Any]:
    """Why each branch fails (every one does), as the arguments of ``key_group.none``: only the dates and
    windows a reason shows, so the text names each value and its limit."""
    facts = ev.facts
    if on == facts.get("registration_date"):
        event = "key_group.on.registration"
    elif on == facts.get("application_date"):
        event = "key_group.on.application"
    else:
        event = "key_group.on.day"
    args: dict[str, Any] = {"which": "key_group.none", "student_why": "key_group.not_student"}
    if graduated is None or facts.get("university_graduate") is False:
        args["graduate_why"] = "key_group.not_graduate"
    else:
        late = graduated > on
        args.update(graduate_why="key_group.graduated_later" if late else "key_group.graduated_too_long",
                    graduated=graduated, on=on, event=event)  # fmt: skip
        if not late:
            args["grad_years"] = grad_years
    if settled is None or facts.get("haihe_talent") is False:
        args["haihe_why"] = "key_group.not_haihe"
    else:
        late = settled > on
        args.update(haihe_why="key_group.settled_later" if late else "key_group.settled_too_long",
                    settled=settled, on=on, event=event)  # fmt: skip
        if not late:
            args["haihe_years"] = haihe_years
    return args
