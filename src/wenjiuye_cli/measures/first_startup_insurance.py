"""第十四条 给予首次创业补贴 — 首次创业社保补贴和岗位补贴, 附件1 序号35 (责任部门：区人社局)

  对重点创业人群、就业困难人员首次创办企业的，给予最长3年五项社保补贴和1年岗位补贴。

A founder in a key entrepreneur group (附件2, judged on the registration date, or on the policy's first
day for a business registered before it) or certified as 就业困难人员
whose first business (an enterprise; ``first_startup.sole_proprietorship_counts``) is registered in Heping
(``first_startup.insurance_requires_heping``) gets the five-insurance subsidy for at most
``first_startup.insurance_max_months`` and the post subsidy for ``first_startup.post_max_months``, both
counted from the month of registration. The monthly amounts follow city standards that the district text
does not state, so the status is ``amount_set_elsewhere``: the measure gives the months and end dates.
Each period ends at the earliest of its duration, the founder's statutory retirement
(``first_startup.retirement_month_covered``) and ``general.policy_end`` (only when payments end with
the policy: ``_schedule.payments_end``); months before the policy came into force are not counted
(``general.policy_start_month_counts``). Qualifying as both a key-group member and 就业困难人员 gives one subsidy, not two.
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.dates import month_start
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    DIFFICULTY_PERSON,
    GRADUATION_DATE,
    HAIHE_TALENT_SETTLED_DATE,
    IS_HAIHE_TALENT,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
    REGISTERED_IN_HEPING,
    REGISTRATION_DATE,
)
from wenjiuye_cli.measures._branches import MESSAGES as BRANCH_MESSAGES
from wenjiuye_cli.measures._branches import Branch, settle
from wenjiuye_cli.measures._founder import (
    BUSINESS_TYPE,
    FIRST_BUSINESS,
    check_business_type,
    with_sole_proprietorship_reading,
)
from wenjiuye_cli.measures._founder import MESSAGES as FOUNDER_MESSAGES
from wenjiuye_cli.measures._key_groups import MESSAGES as KEY_GROUP_MESSAGES
from wenjiuye_cli.measures._key_groups import check_key_group
from wenjiuye_cli.measures._person_retirement import MESSAGES as RETIREMENT_MESSAGES
from wenjiuye_cli.measures._person_retirement import RETIREMENT_FACTS, check_retirement
from wenjiuye_cli.measures._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.measures._schedule import (
    duration_end,
    earliest,
    first_policy_month,
    months_through,
    past_policy_note,
    payments_end,
    policy_start_note,
    retirement_limit,
    ym,
)
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

MESSAGES: dict[str, tuple[str, str]] = {
    **BRANCH_MESSAGES,
    **FOUNDER_MESSAGES,
    **KEY_GROUP_MESSAGES,
    **RETIREMENT_MESSAGES,
    **SCHEDULE_MESSAGES,
    "registered": (
        "企业注册日期 {registered}（计算日 {on}）",
        "business registered on {registered} (evaluated {on})",
    ),
    "founder.key_group": ("重点创业人群", "key entrepreneur group"),
    "founder.difficulty": ("就业困难人员", "person with employment difficulty"),
    "employment_difficulty": ("经认定的就业困难人员", "certified person with employment difficulty"),
    "insurance_months": (
        "社保补贴期内仍有月份：{months} 个月（至少 1 个月）",
        "months left in the insurance subsidy period: {months} (at least 1)",
    ),
    "arith.insurance": (
        "五项社保补贴：{first} 至 {last} 共 {months} 个月（最长 {limit} 个月，止于{reason}），每月金额按市级标准",
        "five-insurance subsidy: {first} to {last}, {months} months (at most {limit}; ended by {reason}); the "
        "monthly amount follows the city standard",
    ),
    "arith.post": (
        "岗位补贴：{first} 至 {last} 共 {months} 个月（{limit} 个月，止于{reason}），每月金额按市级标准",
        "post subsidy: {first} to {last}, {months} months ({limit}; ended by {reason}); the monthly amount follows "
        "the city standard",
    ),
    "arith.post_none": ("岗位补贴：已无剩余月份", "post subsidy: no months left"),
    "note.city_standard": (
        "五项社保补贴和岗位补贴的每月金额按天津市标准执行（本区文件未列明），这里只计算资格、月数和截止日期",
        "the monthly amounts of the insurance and post subsidies follow Tianjin standards not in the district "
        "text; eligibility, months and end dates are computed here",
    ),
}


def _months(
    ev: Evaluation, registered: date, limit: int, retirement_day: date
) -> tuple[list[date], date, str]:
    limits = {"duration": duration_end(registered, limit), "retirement": retirement_day}
    policy_end = payments_end(ev, registered)
    if policy_end is not None:
        limits["policy_end"] = policy_end
    reason, end = earliest(limits)
    from_month = first_policy_month(ev)
    months = [m for m in months_through(registered, end) if m >= from_month]
    return months, end, reason


def evaluate(ev: Evaluation) -> Outcome:
    registered: date | None = ev.fact("registration_date")
    ev.check("registered", None if registered is None else registered <= ev.on, missing=("registration_date",),
             registered=registered, on=ev.on)  # fmt: skip
    check_business_type(ev)
    first = ev.fact("first_business")
    ev.check("first_business", first, missing=("first_business",))
    if ev.flag("first_startup.insurance_requires_heping"):
        in_heping = ev.fact("registered_in_heping")
        ev.check("registered_in_heping", in_heping, missing=("registered_in_heping",))

    # 重点创业人群 (judged on the registration date) or 就业困难人员: either one, never both.
    # A business registered before the policy came into force is judged on the policy's first day.
    key_day = max(registered or ev.on, ev.day("general.policy_start"))
    key = Branch("founder.key_group")
    # The scratch evaluation below reads these; read here first so they count as this measure's own,
    # even when one has no value on the day (what-if re-evaluates the measure when they change).
    for name in ("key_groups.graduate_within_years", "key_groups.haihe_settled_within_years"):
        ev.param(name, key_day)
    scratch = Evaluation(ev.measure, ev.facts, ev.policy, ev.on)
    key_result = check_key_group(scratch, key_day)
    for condition in scratch.conditions:
        key.check(condition.code, key_result, missing=condition.missing, **condition.args)
    difficulty = Branch("founder.difficulty")
    certified = ev.facts.get("employment_difficulty")
    difficulty.check("employment_difficulty", certified, missing=("employment_difficulty",))
    _status, _chosen, notes = settle(ev, [key, difficulty])
    retirement = check_retirement(ev)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(notes)
        return settled
    assert registered is not None
    assert retirement is not None

    retire_day = retirement_limit(retirement.date, ev.flag("first_startup.retirement_month_covered"))
    ins_limit = ev.integer("first_startup.insurance_max_months")
    post_limit = ev.integer("first_startup.post_max_months")
    ins_months, ins_end, ins_reason = _months(ev, registered, ins_limit, retire_day)
    post_months, post_end, post_reason = _months(ev, registered, post_limit, retire_day)
    if month_start(registered) < first_policy_month(ev):
        notes.append(policy_start_note(ev))
    ev.check("insurance_months", len(ins_months) > 0, months=len(ins_months))
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(notes)
        return settled
    past = past_policy_note(ev, ins_months)
    if past is not None:
        notes.append(past)
    arithmetic = [
        Message("arith.insurance", {"first": ym(ins_months[0]), "last": ym(ins_months[-1]), "months": len(ins_months),
                                    "limit": ins_limit, "reason": f"end_reason.{ins_reason}"}),
        Message("arith.post", {"first": ym(post_months[0]), "last": ym(post_months[-1]), "months": len(post_months),
                               "limit": post_limit, "reason": f"end_reason.{post_reason}"})
        if post_months
        else Message("arith.post_none", {}),
    ]  # fmt: skip
    notes.append(Message("note.city_standard", {}))
    return ev.outcome(
        Status.AMOUNT_SET_ELSEWHERE,
        months=len(ins_months),
        payee="applicant",
        arithmetic=arithmetic,
        notes=notes,
        extra={
            "end_date": ins_end,
            "end_reason": ins_reason,
            "insurance_months": len(ins_months),
            "insurance_first_month": ym(ins_months[0]),
            "post_months": len(post_months),
            "post_end_date": post_end,
            "post_end_reason": post_reason,
            "retirement_date": retirement.date,
        },
    )


MEASURE = Measure(
    id="first_startup_insurance",
    name_zh="首次创业社保补贴和岗位补贴",
    name_en="insurance and post subsidies for first-time founders",
    article="十四",
    tasks=(35,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        REGISTRATION_DATE,
        BUSINESS_TYPE,
        FIRST_BUSINESS,
        REGISTERED_IN_HEPING,
        IS_TIANJIN_FULLTIME_STUDENT,
        IS_UNIVERSITY_GRADUATE,
        GRADUATION_DATE,
        IS_HAIHE_TALENT,
        HAIHE_TALENT_SETTLED_DATE,
        DIFFICULTY_PERSON,
        *RETIREMENT_FACTS,
    ),
    evaluate=with_sole_proprietorship_reading(evaluate),
    messages=MESSAGES,
)
