"""第二十条 开展重点群体就业技能培训 — 一次性生活费补贴, 附件1 序号47 (责任部门：区人社局)

  就业困难人员、零就业家庭成员、农村未继续升学初高中毕业生和低保家庭学员，还可在一年内申请一次性1000元
  生活费补贴。

Applicant: a trainee of vocational skills training (序号46) in one of the four groups. "还可" — in
addition to any other training subsidy, including the poor-village labour allowance of 序号46.
The allowance belongs to the training: by ``key_group_training.one_off_requires_training_in_force`` the
training must have been completed on or after the policy's first day (``general.policy_start``).
"在一年内申请一次性" is read by ``key_group_training.one_off_reading``:

* ``within_year_of_training`` (default): applied for within ``key_group_training.one_off_window_months`` of
  completing the training ("一年内" includes the anniversary), once for that training — ineligible if the
  allowance was already paid on or after the day the training was completed;
* ``once_per_12_months``: at most once in 12 months — eligible if never received, or if the last payment
  was more than 12 months before the evaluation date.
"""

from __future__ import annotations

from datetime import date, timedelta

from wenjiuye_cli.dates import add_months
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    DIFFICULTY_PERSON,
    POOR_VILLAGE_LABOUR,
    SUBSISTENCE_FAMILY,
    ZERO_EMPLOYMENT_FAMILY,
    fact,
)
from wenjiuye_cli.measures._training import MESSAGES as TRAINING_MESSAGES
from wenjiuye_cli.measures._training import SKILLS_TRAINING_COMPLETED_DATE
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

RURAL_SCHOOL_LEAVER = fact(
    "rural_school_leaver", "bool", ("农村未继续升学初高中毕业生", "rural school leaver not continuing education"),
    ("农村户籍、初中或高中毕业后未继续升学", "rural junior/senior secondary graduate who did not go on to further "
     "education"),
    ("person",),
)  # fmt: skip
ALLOWANCE_RECEIVED = fact(
    "training_allowance_received", "bool", ("是否领取过一次性培训生活费补贴", "received the one-off training allowance"),
    ("此前是否领取过序号47的一次性生活费补贴；是 时需同时填上次领取日期",
     "whether the one-off allowance of task 47 was received before; if yes give the date"),
    ("person",),
)  # fmt: skip
ALLOWANCE_LAST_PAID = fact(
    "training_allowance_last_paid", "date", ("上次领取一次性培训生活费补贴日期", "one-off training allowance last paid"),
    ("上次领取序号47一次性生活费补贴的日期", "date the one-off allowance of task 47 was last paid"), ("person",),
)  # fmt: skip

GROUP_FACTS = (
    DIFFICULTY_PERSON.name,
    ZERO_EMPLOYMENT_FAMILY.name,
    RURAL_SCHOOL_LEAVER.name,
    SUBSISTENCE_FAMILY.name,
)

MESSAGES: dict[str, tuple[str, str]] = {
    **TRAINING_MESSAGES,
    "group": ("学员属于：{which}", "the trainee is: {which}"),
    "group.employment_difficulty": ("就业困难人员", "a person with employment difficulty"),
    "group.zero_employment_family": ("零就业家庭成员", "a member of a zero-employment family"),
    "group.rural_school_leaver": (
        "农村未继续升学初高中毕业生",
        "a rural school leaver not in further education",
    ),
    "group.subsistence_allowance_family": (
        "低保家庭学员",
        "from a family on the minimum subsistence allowance",
    ),
    "group.none": (
        "不属于四类人员中的任何一类（就业困难人员、零就业家庭成员、农村未继续升学初高中毕业生、低保家庭学员：均为否）",
        "in none of the four groups (employment difficulty, zero-employment family, rural school leaver, family "
        "on the minimum subsistence allowance: no to each)",
    ),
    "group.unknown": ("无法确定", "cannot be determined"),
    "once_per_year": ("{window} 个月内只领一次：{detail}", "once within {window} months: {detail}"),
    "once_per_year.never": ("此前未领取", "never received"),
    "once_per_year.last": (
        "上次 {last} 领取，{again} 起可再领（计算日 {on}）",
        "last paid {last}, payable again from {again} (evaluated {on})",
    ),
    "once_per_year.unknown": ("不知是否领取过或上次领取日期", "whether or when it was last paid is unknown"),
    "within_year": (
        "培训结业后 {window} 个月内申请：{completed} 结业，截止 {deadline}，计算日 {on}",
        "applied within {window} months of the training: completed {completed}, deadline {deadline}, "
        "evaluated {on}",
    ),
    "training_in_force": (
        "培训在政策施行期间结业（{start} 起）：{completed}",
        "training completed while the policy is in force (from {start}): {completed}",
    ),
    "once_for_training": ("本次培训只领一次：{detail}", "once for this training: {detail}"),
    "once_for_training.never": ("此前未领取", "never received"),
    "once_for_training.earlier": (
        "上次 {last} 领取，早于本次培训结业（{completed}），是以前培训的补贴",
        "last paid {last}, before this training was completed ({completed}): that was for an earlier training",
    ),
    "once_for_training.paid": (
        "已于 {last} 领取（本次培训 {completed} 结业后），不再发放",
        "already paid on {last}, after this training was completed ({completed})",
    ),
    "once_for_training.unknown": (
        "不知是否领取过或上次领取日期",
        "whether or when it was last paid is unknown",
    ),
    "arith.allowance": ("一次性生活费补贴 {amount} 元", "one-off living allowance {amount} yuan"),
    "note.also_poor_village": (
        "另可按序号46领取困难村劳动力生活费补贴（“还可”：两项都发，分别计算，不重复）",
        "the poor-village allowance of task 46 is paid as well ('还可': both are paid, each once)",
    ),
}


def _group(ev: Evaluation) -> tuple[bool | None, str, tuple[str, ...]]:
    missing = []
    for name in GROUP_FACTS:
        value = ev.facts.get(name)
        if value is True:
            return True, f"group.{name}", ()
        if value is None:
            missing.append(name)
    if missing:
        return None, "group.unknown", tuple(missing)
    return False, "group.none", ()


def _once_per_year(ev: Evaluation, window: int) -> None:
    received: bool | None = ev.facts.get("training_allowance_received")
    last: date | None = ev.facts.get("training_allowance_last_paid")
    if last is not None:
        again = add_months(last, window) + timedelta(days=1)
        ev.check(
            "once_per_year",
            again <= ev.on,
            window=window,
            detail="once_per_year.last",
            last=last,
            again=again,
            on=ev.on,
        )
    elif received is False:
        ev.check("once_per_year", True, window=window, detail="once_per_year.never")
    else:
        missing = ("training_allowance_received",) if received is None else ("training_allowance_last_paid",)
        ev.check("once_per_year", None, missing=missing, window=window, detail="once_per_year.unknown")


def _once_for_training(ev: Evaluation, completed: date) -> None:
    """ "一次性" for this training: not already paid on or after the day it was completed."""
    received: bool | None = ev.facts.get("training_allowance_received")
    last: date | None = ev.facts.get("training_allowance_last_paid")
    if last is not None:
        already = last >= completed
        detail = "once_for_training.paid" if already else "once_for_training.earlier"
        ev.check("once_for_training", not already, detail=detail, last=last, completed=completed)
    elif received is False:
        ev.check("once_for_training", True, detail="once_for_training.never")
    else:
        missing = ("training_allowance_received",) if received is None else ("training_allowance_last_paid",)
        ev.check("once_for_training", None, missing=missing, detail="once_for_training.unknown")


def evaluate(ev: Evaluation) -> Outcome:
    result, which, missing = _group(ev)
    ev.check("group", result, missing=missing, which=which)
    completed: date | None = ev.fact("skills_training_completed_date")
    ev.check("training_completed", None if completed is None else completed <= ev.on,
             missing=("skills_training_completed_date",), completed=completed, on=ev.on)  # fmt: skip
    if completed is not None and ev.flag("key_group_training.one_off_requires_training_in_force"):
        start = ev.day("general.policy_start")
        ev.check("training_in_force", completed >= start, start=start, completed=completed)
    window = ev.integer("key_group_training.one_off_window_months")
    if ev.choice("key_group_training.one_off_reading") == "once_per_12_months":
        _once_per_year(ev, window)
    elif completed is not None:
        deadline = add_months(completed, window)
        ev.check(
            "within_year", ev.on <= deadline, window=window, completed=completed, deadline=deadline, on=ev.on
        )
        _once_for_training(ev, completed)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    amount = ev.dec("key_group_training.one_off_living_allowance")
    notes = []
    if ev.facts.get("poor_village_labour") is True:
        notes.append(Message("note.also_poor_village", {}))
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[Message("arith.allowance", {"amount": amount})],
        notes=notes,
    )


MEASURE = Measure(
    id="training_living_allowance",
    name_zh="培训一次性生活费补贴",
    name_en="one-off training living allowance",
    article="二十",
    tasks=(47,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        DIFFICULTY_PERSON,
        ZERO_EMPLOYMENT_FAMILY,
        RURAL_SCHOOL_LEAVER,
        SUBSISTENCE_FAMILY,
        SKILLS_TRAINING_COMPLETED_DATE,
        ALLOWANCE_RECEIVED,
        ALLOWANCE_LAST_PAID,
        POOR_VILLAGE_LABOUR,
    ),
    evaluate=evaluate,
    messages=MESSAGES,
)
