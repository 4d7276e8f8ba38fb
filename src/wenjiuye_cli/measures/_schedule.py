"""Month-by-month periods for the part B measures paid (or counted) monthly: 第十一、十四、二十七、二十八条.

A period starts in a month and ends on the earliest of its limits — the duration, statutory retirement,
the policy's last day (``general.policy_end``, only while ``general.payments_end_with_policy`` holds: see
:func:`payments_end`) — named in ``end_reason``. A month is in the period when its first day is on or before
the end date. Months before the policy came into force are not paid (:func:`first_policy_month`); the
duration still counts from the period's own first month.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from wenjiuye_cli.dates import add_months, month_start
from wenjiuye_cli.outcome import Evaluation, Message

# Order decides ties: when two limits fall on the same day, the first named here is reported.
END_REASONS = ("duration", "retirement", "policy_end")

MESSAGES: dict[str, tuple[str, str]] = {
    "end_reason.duration": ("期限届满", "the duration limit"),
    "end_reason.retirement": ("达到法定退休年龄", "statutory retirement age"),
    "end_reason.policy_end": ("政策有效期届满", "the end of the policy"),
    "note.end": (
        "期间 {first} 至 {end}（{months} 个月），止于{reason}",
        "period {first} to {end} ({months} months), ended by {reason}",
    ),
    "note.before_policy_start": (
        "政策自 {start} 起施行，{first} 以前的月份不计",
        "the policy is in force from {start}: months before {first} are not counted",
    ),
    "note.runs_past_policy": (
        "政策有效期至 {end}，此后的月份仍按原定期限计算（general.payments_end_with_policy=否）",
        "the policy ends on {end}; later months are still counted up to the original limit "
        "(general.payments_end_with_policy = no)",
    ),
}


def payments_end(ev: Evaluation) -> date | None:
    """The last day a monthly payment may cover: ``general.policy_end`` when
    ``general.payments_end_with_policy`` holds, else None (a subsidy granted while the policy is in force
    runs its full duration)."""
    if ev.flag("general.payments_end_with_policy"):
        return ev.day("general.policy_end")
    return None


def first_policy_month(ev: Evaluation) -> date:
    """First day of the first month a monthly payment may cover: the month the policy came into force when
    ``general.policy_start_month_counts`` holds (or the policy started on the 1st), else the next month."""
    start = ev.day("general.policy_start")
    first = month_start(start)
    if first == start or ev.flag("general.policy_start_month_counts"):
        return first
    return add_months(first, 1)


def past_policy_note(ev: Evaluation, last_month: date | None) -> Message | None:
    """When payments do not end with the policy and ``last_month`` is after its last day: the note saying
    the months after it are still counted; else None."""
    end = ev.day("general.policy_end")
    if last_month is None or last_month <= end or payments_end(ev) is not None:
        return None
    return Message("note.runs_past_policy", {"end": end})


def policy_start_note(ev: Evaluation) -> Message:
    """The note saying which months were left out because they come before the policy."""
    return Message(
        "note.before_policy_start",
        {"start": ev.day("general.policy_start"), "first": ym(first_policy_month(ev))},
    )


def last_day_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def duration_end(first_month: date, months: int) -> date:
    """Last day of a period of ``months`` whole months starting with ``first_month``."""
    return add_months(month_start(first_month), months) - timedelta(days=1)


def earliest(limits: dict[str, date]) -> tuple[str, date]:
    """The earliest limit and its reason; on a tie, the reason named first in :data:`END_REASONS`."""
    reason = min(limits, key=lambda r: (limits[r], END_REASONS.index(r)))
    return reason, limits[reason]


def months_through(first_month: date, end: date) -> list[date]:
    """First days of the months from ``first_month`` whose first day is on or before ``end``."""
    out: list[date] = []
    month = month_start(first_month)
    while month <= end:
        out.append(month)
        month = add_months(month, 1)
    return out


def retirement_limit(retirement_date: date, month_covered: bool) -> date:
    """Last day the period can reach given the retirement date.

    With ``month_covered`` the month in which the age is reached is still in the period (the limit is
    the retirement date itself); otherwise the period stops at the end of the month before.
    """
    if month_covered:
        return retirement_date
    return month_start(retirement_date) - timedelta(days=1)


def ym(month: date) -> str:
    """A month as users write it: ``2022-07``."""
    return month.isoformat()[:7]
