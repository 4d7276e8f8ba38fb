"""第十四条 给予首次创业补贴 — 一次性创业补贴, 附件1 序号36 (责任部门：区人社局)

  对登记失业半年以上的本市户籍人员、农村劳动力首次创办企业并在本区注册经营，正常经营满1年，带动1人以上
  就业并连续缴纳12个月社会保险费的；对本市困难村劳动力新创办企业并在本区注册经营3个月以上的，给予3000元
  一次性创业补贴。

Two alternative sets of conditions; either gives the one-off 3000 yuan once (never twice):

* A — a Tianjin resident registered unemployed for half a year or more when the business was registered,
  or rural labour (``first_startup.hukou_applies_to_rural_labour``), founding a first business registered
  in Heping, operating normally for a full year (registration date + 12 months ≤ evaluation date), with at
  least one job created and 12 consecutive months of social-insurance contributions;
* B — labour from a Tianjin 困难村 with a newly founded business registered and operating in Heping for
  three months or more.

"以上/满" include the number. Whether a sole proprietorship counts as 企业: ``first_startup.sole_proprietorship_counts``.
Registered unemployment is read as in ``_unemployment``: the registration date is what counts (it implies
registration); "no" together with a date is reported as a contradiction, never resolved by guessing.
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.dates import add_months
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    JOBS_CREATED,
    POOR_VILLAGE_LABOUR,
    REGISTERED_IN_HEPING,
    REGISTERED_UNEMPLOYED,
    REGISTERED_UNEMPLOYED_SINCE,
    REGISTRATION_DATE,
    RURAL_LABOUR,
    TIANJIN_HUKOU,
    fact,
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
from wenjiuye_cli.measures._unemployment import MESSAGES as UNEMPLOYMENT_MESSAGES
from wenjiuye_cli.measures._unemployment import registration
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

OPERATING_NORMALLY = fact(
    "operating_normally", "bool", ("是否正常经营", "operating normally"),
    ("创办的企业目前正常经营（未注销、未停业）", "the business is operating (not closed or suspended)"), ("person",),
)  # fmt: skip
CONSECUTIVE_CONTRIBUTION_MONTHS = fact(
    "consecutive_contribution_months", "int", ("连续缴纳社会保险费月数", "consecutive months of social insurance"),
    ("创业后连续缴纳社会保险费的月数", "consecutive months of social-insurance contributions since founding"),
    ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **BRANCH_MESSAGES,
    **FOUNDER_MESSAGES,
    **UNEMPLOYMENT_MESSAGES,
    "branch_a": (
        "登记失业的本市户籍人员或农村劳动力首次创业（序号36前半句）",
        "first business of a registered unemployed Tianjin resident or of rural labour (task 36, first clause)",
    ),
    "branch_b": (
        "本市困难村劳动力新创办企业（序号36后半句）",
        "new business of labour from a Tianjin poor village (task 36, second clause)",
    ),
    "registered": ("企业注册日期 {registered}", "business registered on {registered}"),
    "group_a": ("申请人：{which}", "applicant: {which}"),
    "group_a.unemployed": (
        "本市户籍，{since} 起登记失业，至注册日已满 {months} 个月（截至 {needed}）",
        "Tianjin resident registered unemployed since {since}, {months} months by registration (by {needed})",
    ),
    "group_a.rural": ("农村劳动力", "rural labour"),
    "group_a.none": (
        "既不是登记失业 {months} 个月以上的本市户籍人员（{unemployed_why}），也不是农村劳动力（{rural_why}）",
        "neither a Tianjin resident registered unemployed for {months} months or more ({unemployed_why}), nor "
        "rural labour ({rural_why})",
    ),
    "group_a.not_hukou": ("无本市户籍", "no Tianjin hukou"),
    "group_a.not_registered": ("未登记失业", "not registered unemployed"),
    "group_a.too_short": (
        "{since} 起登记失业，满 {months} 个月要到 {needed}，晚于注册日 {registered}",
        "registered unemployed since {since}: {months} months only on {needed}, after registering on {registered}",
    ),
    "group_a.not_rural": ("不是农村劳动力", "not rural labour"),
    "group_a.rural_not_hukou": ("农村劳动力，但无本市户籍", "rural labour, but no Tianjin hukou"),
    "group_a.unknown": ("无法确定", "cannot be determined"),
    "poor_village_labour": ("本市困难村劳动力", "labour from a Tianjin poor village"),
    "operating_since": (
        "正常经营满 {months} 个月：{registered} 注册，{needed} 满，计算日 {on}",
        "operating for {months} months: registered {registered}, reached {needed}, evaluated {on}",
    ),
    "operating_normally": ("正常经营", "operating normally"),
    "jobs_created": (
        "带动就业 {jobs} 人，至少 {minimum} 人",
        "{jobs} jobs created; at least {minimum} needed",
    ),
    "contributions": (
        "连续缴纳社会保险费 {months} 个月，至少 {minimum} 个月",
        "{months} consecutive months of social insurance; at least {minimum} needed",
    ),
    "arith.grant": ("一次性创业补贴 {amount} 元", "one-off start-up grant {amount} yuan"),
}


def _group_a(ev: Evaluation, registered: date) -> tuple[bool | None, str, tuple[str, ...], dict[str, object]]:
    """登记失业半年以上的本市户籍人员 or 农村劳动力: (result, message code, missing facts, message args)."""
    facts = ev.facts
    hukou: bool | None = facts.get("tianjin_hukou")
    reg = registration(facts)
    since = reg.since
    rural: bool | None = facts.get("rural_labour")
    months = ev.integer("first_startup.grant_min_unemployed_months")
    hukou_for_rural = ev.flag("first_startup.hukou_applies_to_rural_labour")

    needed = add_months(since, months) if since is not None else None
    long_enough: bool | None
    if reg.contradiction:
        long_enough = None
    elif needed is not None:
        long_enough = needed <= registered
    elif reg.registered is False:
        long_enough = False
    else:
        long_enough = None
    unemployed_branch = _and(hukou, long_enough)
    rural_branch = _and(rural, hukou) if hukou_for_rural else rural
    args: dict[str, object] = {"since": since, "months": months, "needed": needed}
    if unemployed_branch:
        return True, "group_a.unemployed", (), args
    if rural_branch:
        return True, "group_a.rural", (), args
    if unemployed_branch is False and rural_branch is False:
        # Each branch's reason, with only the dates it shows.
        why: dict[str, object] = {"months": months}
        if hukou is False:
            why["unemployed_why"] = "group_a.not_hukou"
        elif long_enough is False and since is not None:
            why.update(unemployed_why="group_a.too_short", since=since, needed=needed, registered=registered)
        else:
            why["unemployed_why"] = "group_a.not_registered"
        why["rural_why"] = "group_a.rural_not_hukou" if rural else "group_a.not_rural"
        return False, "group_a.none", (), why
    missing: list[str] = []
    if unemployed_branch is None:
        if hukou is None:
            missing.append("tianjin_hukou")
        if long_enough is None and not reg.contradiction:
            missing.append("registered_unemployed_since")
    if rural_branch is None:
        if rural is None:
            missing.append("rural_labour")
        if hukou_for_rural and hukou is None and "tianjin_hukou" not in missing:
            missing.append("tianjin_hukou")
    return None, "group_a.unknown", tuple(missing), args


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def evaluate(ev: Evaluation) -> Outcome:
    registered: date | None = ev.fact("registration_date")
    ev.check(
        "registered",
        None if registered is None else registered <= ev.on,
        missing=("registration_date",),
        registered=registered,
    )
    check_business_type(ev)
    in_heping = ev.fact("registered_in_heping")
    ev.check("registered_in_heping", in_heping, missing=("registered_in_heping",))
    if registered is None:
        undecided = ev.undecided_or_ineligible()
        assert undecided is not None
        return undecided
    operating: bool | None = ev.facts.get("operating_normally")

    a = Branch("branch_a")
    result, which, missing, args = _group_a(ev, registered)
    a.check("group_a", result, missing=missing, which=which, **args)
    reg = registration(ev.facts)
    if result is None and reg.contradiction:
        a.check("unemployment.contradiction", None, since=reg.since)
    first = ev.facts.get("first_business")
    a.check("first_business", first, missing=("first_business",))
    a_months = ev.integer("first_startup.grant_min_operating_months")
    a_needed = add_months(registered, a_months)
    a.check(
        "operating_since",
        a_needed <= ev.on,
        months=a_months,
        registered=registered,
        needed=a_needed,
        on=ev.on,
    )
    a.check("operating_normally", operating, missing=("operating_normally",))
    jobs: int | None = ev.facts.get("jobs_created")
    min_jobs = ev.integer("first_startup.grant_min_jobs")
    a.check(
        "jobs_created",
        None if jobs is None else jobs >= min_jobs,
        missing=("jobs_created",),
        jobs=jobs,
        minimum=min_jobs,
    )
    paid: int | None = ev.facts.get("consecutive_contribution_months")
    min_paid = ev.integer("first_startup.grant_min_consecutive_contribution_months")
    a.check(
        "contributions",
        None if paid is None else paid >= min_paid,
        missing=("consecutive_contribution_months",),
        months=paid,
        minimum=min_paid,
    )

    b = Branch("branch_b")
    poor = ev.facts.get("poor_village_labour")
    b.check("poor_village_labour", poor, missing=("poor_village_labour",))
    b_months = ev.integer("first_startup.grant_poor_village_min_operating_months")
    b_needed = add_months(registered, b_months)
    b.check(
        "operating_since",
        b_needed <= ev.on,
        months=b_months,
        registered=registered,
        needed=b_needed,
        on=ev.on,
    )
    b.check("operating_normally", operating, missing=("operating_normally",))

    _status, _chosen, notes = settle(ev, [a, b])
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(notes)
        return settled
    amount = ev.dec("first_startup.grant_amount")
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[Message("arith.grant", {"amount": amount})],
        notes=notes,
    )


MEASURE = Measure(
    id="first_startup_grant",
    name_zh="一次性创业补贴",
    name_en="one-off start-up grant",
    article="十四",
    tasks=(36,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        REGISTRATION_DATE,
        BUSINESS_TYPE,
        REGISTERED_IN_HEPING,
        OPERATING_NORMALLY,
        TIANJIN_HUKOU,
        REGISTERED_UNEMPLOYED,
        REGISTERED_UNEMPLOYED_SINCE,
        RURAL_LABOUR,
        FIRST_BUSINESS,
        JOBS_CREATED,
        CONSECUTIVE_CONTRIBUTION_MONTHS,
        POOR_VILLAGE_LABOUR,
    ),
    evaluate=with_sole_proprietorship_reading(evaluate),
    messages=MESSAGES,
)
