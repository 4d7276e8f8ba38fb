"""Month-by-month periods for the part B measures paid (or counted) monthly: 第十一、十四、二十七、二十八条.

A period starts in a month and ends on the earliest of its limits — the duration, statutory retirement,
the policy's last day (``general.policy_end``, only when payments end with the policy: see
:func:`payments_end`) — named in ``end_reason``. By default they do not: a subsidy applied for while the
policy is in force (the engine refuses an application date outside it) runs its own term, and the outcome
says so when it runs past the policy's end (:func:`past_policy_note`). A month is in the period when its first day is on or before
the end date. Months before the policy came into force are not paid (:func:`first_policy_month`); the
duration still counts from the period's own first month.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
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
        "政策于 {end} 到期；本补贴于有效期内获批，按期限发放至 {last}。若政策到期即停发（--set {key}={stop}），"
        "只计至 {end_month}（{within} 个月，而非 {months} 个月）",
        "the policy expired on {end}; this subsidy was granted while it was in force and is paid for its term, "
        "to {last}. If payments stopped with the policy (--set {key}={stop}), only the months to {end_month} "
        "would count ({within}, not {months})",
    ),
}


# The measures with their own reading of 附则 “有效期5年”: a value other than "general" wins over
# ``general.payments_end_with_policy`` for that measure (see each parameter's interpretation).
OWN_KEYS: dict[str, str] = {
    "employer_insurance": "employer_insurance.payments_end_with_policy",
    "fallback_placement": "fallback_placement.payments_end_with_policy",
    "public_welfare_post": "public_welfare_post.payments_end_with_policy",
    "first_startup_insurance": "first_startup.insurance_payments_end_with_policy",
    "flexible_insurance": "flexible_insurance.payments_end_with_policy",
    "rent_subsidy": "rent_subsidy.payments_end_with_policy",
    "internship": "internship.payments_end_with_policy",
    "income_disregard": "income_disregard.payments_end_with_policy",
    "ui_to_retirement": "ui_to_retirement.payments_end_with_policy",
}
GENERAL_KEY = "general.payments_end_with_policy"


def _deciding_key(ev: Evaluation) -> tuple[str, bool]:
    """The parameter that decides whether this measure's payments end with the policy, and its answer:
    the measure's own (:data:`OWN_KEYS`) unless it says ``general``, else the general one."""
    own = OWN_KEYS.get(ev.measure.id)
    if own is not None:
        choice = ev.choice(own)
        if choice != "general":
            return own, choice == "end_with_policy"
    return GENERAL_KEY, ev.flag(GENERAL_KEY)


def payments_end(ev: Evaluation, start: date) -> date | None:
    """The last day a monthly payment may cover: ``general.policy_end`` when this measure's payments end
    with the policy (:func:`_deciding_key`), else None (a subsidy granted while the policy is in force runs
    its full duration). An entitlement that starts (``start``: the hire, the internship's first day, …)
    after the policy's last day is not one granted under it: then too the policy's last day, so no month of
    it is paid."""
    ends = _deciding_key(ev)[1]
    end = ev.day("general.policy_end")
    if ends or start > end:
        return end
    return None


def first_policy_month(ev: Evaluation) -> date:
    """First day of the first month a monthly payment may cover: the month the policy came into force when
    ``general.policy_start_month_counts`` holds (or the policy started on the 1st), else the next month."""
    start = ev.day("general.policy_start")
    first = month_start(start)
    if first == start or ev.flag("general.policy_start_month_counts"):
        return first
    return add_months(first, 1)


def past_policy_note(ev: Evaluation, months: Sequence[date], within: int | None = None) -> Message | None:
    """When payments do not end with the policy and the last of ``months`` (the months paid, in order) is
    after its last day: the note saying the subsidy runs its term, and how many months the other reading
    (payments end with the policy) would give — ``within``, or by default the months on or before the
    policy's last day; else None."""
    end = ev.day("general.policy_end")
    if not months or months[-1] <= end:
        return None
    key, ends = _deciding_key(ev)
    if ends:
        return None
    counted = sum(1 for month in months if month <= end) if within is None else within
    return Message(
        "note.runs_past_policy",
        {
            "end": end,
            "last": ym(months[-1]),
            "key": key,
            "stop": "true" if key == GENERAL_KEY else "end_with_policy",
            "end_month": ym(end),
            "within": counted,
            "months": len(months),
        },
    )


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
