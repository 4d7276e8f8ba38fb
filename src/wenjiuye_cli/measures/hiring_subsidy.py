"""第十条（鼓励企业吸纳就业）一次性吸纳就业补贴 — 附件1 序号29 (责任部门：区人社局)

  企业吸纳登记失业半年以上人员就业的，中小微企业吸纳应届高校毕业生和毕业2年内离校未就业高校毕业生就业的，
  企业招用农村劳动力就业的，签订1年以上劳动合同并按规定缴纳社会保险费满3个月，按照每人1000元的标准，
  给予企业一次性吸纳就业补贴；对新招用困难村劳动力就业的，标准提高到每人2000元，参保缴费条件放宽至满1个月。

One applicant row is one hire (kind ``enterprise``). Readings:
- "登记失业半年以上": registered unemployed at least 6 months before the hire date (that day counts).
  Registered unemployment is read as in ``_unemployment`` (a registration date implies registration; "no"
  together with a date is a contradiction the measure reports instead of guessing).
- "应届高校毕业生和毕业2年内离校未就业高校毕业生": a university graduate hired no later than 2 years after
  graduation (a final-year student hired before graduating counts as 应届) in a first job since leaving
  school (``first_job_since_graduation``), by an SME (中小微企业).
- "1年以上" includes 12 months; an open-ended contract meets it. "满3个月"/"满1个月" include the number.
- A 困难村劳动力 hire meeting the relaxed conditions gets 2000 instead of 1000, never both: the subsidy
  is one per person, and the higher standard applies when the person is in several categories.
- "施行后" (``general.hires_from_policy_start``, one reading for 序号29 and 序号30): by default it refers to
  what is subsidised, not the hire. A hire made before the policy came into force brings the one-off
  subsidy when its contribution condition (满3个月 / 满1个月) is completed while the policy is in force
  (``required`` months after the hire date, on or after ``general.policy_start``), as 序号30 pays such a
  hire's months within the policy; with the flag set, both refuse hires made before it.
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.dates import add_months, add_years
from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.measures._hire import (
    CONTRACT_MONTHS,
    CONTRIBUTION_MONTHS,
    E_GRADUATION_DATE,
    E_POOR_VILLAGE_LABOUR,
    E_REGISTERED_UNEMPLOYED,
    E_REGISTERED_UNEMPLOYED_SINCE,
    E_RURAL_LABOUR,
    E_UNIVERSITY_GRADUATE,
    HIRE_DATE,
    OPEN_ENDED_CONTRACT,
    check_hired_in_force,
    contract_check,
    hire_date_check,
    names_label,
    with_hire_date_reading,
)
from wenjiuye_cli.measures._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.measures._logic import all3, any3
from wenjiuye_cli.measures._unemployment import MESSAGES as UNEMPLOYMENT_MESSAGES
from wenjiuye_cli.measures._unemployment import registration
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

SME = fact(
    "sme", "bool", ("是否中小微企业", "small, medium or micro enterprise (SME)"),
    ("按国家中小企业划型标准属于中型、小型或微型企业", "medium, small or micro by the national SME classification"),
    ("hire",),
)  # fmt: skip
FIRST_JOB_SINCE_GRADUATION = fact(
    "first_job_since_graduation", "bool", ("是否离校后首次就业", "first job since leaving university"),
    ("应届毕业生或离校后一直未就业的毕业生填 是", "yes for a final-year graduate or one not employed since leaving"),
    ("hire",),
)  # fmt: skip

# Placeholders are filled from the parameters (``_category_values``), never written in.
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "unemployed": ("登记失业{months}个月以上人员", "registered unemployed for at least {months} months"),
    "graduate": (
        "中小微企业吸纳的应届或毕业{years}年内离校未就业高校毕业生",
        "a new graduate, or one within {years} years of graduating not employed since, hired by an SME",
    ),
    "rural": ("农村劳动力", "rural labour"),
    "poor_village": ("困难村劳动力", "labour from a poor village"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **HIRE_MESSAGES,
    **UNEMPLOYMENT_MESSAGES,
    "entitled_in_force": (
        "施行前招用（{hired}），缴费满 {required} 个月之日 {met} 不早于施行日 {start}",
        "hired before the policy ({hired}): {required} months of contributions are reached on {met}, "
        "not before it came into force on {start}",
    ),
    "cat.none": (
        "不属于任何一类吸纳对象（{categories}：均不符合）",
        "in none of the qualifying categories ({categories}: none applies)",
    ),
    "cat.unknown": ("无法确定", "cannot be determined"),
    "hire_category": ("属于吸纳对象：{which}", "a qualifying hire: {which}"),
    "unemployed_half_year": (
        "登记失业半年以上：{since} 登记，满 {months} 个月之日 {threshold}，招用日 {hired}：{result}",
        "registered unemployed for half a year: registered {since}, {months} months on {threshold}, "
        "hired {hired}: {result}",
    ),
    "graduate_window": (
        "中小微企业招用毕业 {years} 年内的离校后首次就业的高校毕业生：{graduated} 毕业，截至 {until}，招用日 {hired}",
        "an SME hiring a graduate in a first job within {years} years of graduating ({graduated}, until {until}); "
        "hired {hired}",
    ),
    "contributions": (
        "按规定缴纳社会保险费满 {required} 个月：{paid}",
        "social insurance paid for at least {required} months: {paid}",
    ),
    "contributions.paid": ("已缴 {months} 个月", "{months} months paid"),
    "contributions.unknown": ("已缴月数未知", "months paid unknown"),
    "standard_known": (
        "是否困难村劳动力（决定补贴标准 {low} 或 {high} 元）",
        "whether the hire is poor-village labour (decides {low} or {high} yuan)",
    ),
    "arith.one_off": (
        "{which}：一次性补贴 {standard} 元/人 × 1 人 = {amount} 元",
        "{which}: one-off {standard} yuan × 1 person = {amount} yuan",
    ),
    "note.poor_village_instead": (
        "同一人同时属于多类吸纳对象（{which}），按困难村劳动力标准 {high} 元计，不再另给 {low} 元",
        "the hire is in several categories ({which}): the poor-village standard of {high} yuan applies, "
        "not {low} yuan on top",
    ),
    "note.once": (
        "同一人属于多类吸纳对象（{which}），一次性补贴只给一次",
        "the hire is in several categories ({which}); the one-off subsidy is paid once",
    ),
}


def _category_values(ev: Evaluation) -> dict[str, object]:
    """The numbers the category names show, from the parameters."""
    return {
        "months": ev.integer("hiring_subsidy.unemployed_min_months"),
        "years": ev.integer("hiring_subsidy.graduate_within_years"),
    }


def _unemployed(ev: Evaluation, hired: date | None, notes: list[Message], missing: list[str]) -> bool | None:
    reg = registration(ev.facts)
    if reg.registered is False:
        return False
    if reg.contradiction:
        return None  # reported as its own condition when it matters
    since = reg.since
    if since is None:
        missing.append("registered_unemployed" if reg.registered is None else "registered_unemployed_since")
        return None
    if hired is None:
        return None
    months = ev.integer("hiring_subsidy.unemployed_min_months")
    threshold = add_months(since, months)
    result = hired >= threshold
    notes.append(
        Message(
            "unemployed_half_year",
            {"since": since, "months": months, "threshold": threshold, "hired": hired, "result": result},
        )
    )
    return result


def _graduate(ev: Evaluation, hired: date | None, notes: list[Message], missing: list[str]) -> bool | None:
    sme = ev.facts.get("sme")
    graduate = ev.facts.get("university_graduate")
    if sme is False or graduate is False:
        return False
    graduated: date | None = ev.facts.get("graduation_date")
    first_job = ev.facts.get("first_job_since_graduation")
    if first_job is False:
        return False
    years = ev.integer("hiring_subsidy.graduate_within_years")
    in_window: bool | None = None
    if graduated is not None and hired is not None:
        until = add_years(graduated, years)
        in_window = hired <= until
        notes.append(
            Message(
                "graduate_window", {"years": years, "graduated": graduated, "until": until, "hired": hired}
            )
        )
    result = all3([sme, in_window, first_job])
    if result is None:
        for name, value in (
            ("sme", sme),
            ("graduation_date", graduated),
            ("first_job_since_graduation", first_job),
        ):
            if value is None:
                missing.append(name)
    return result


def _check_entitled_in_force(ev: Evaluation, hired: date | None, required: int) -> None:
    """A hire made before the policy (allowed unless ``general.hires_from_policy_start``) brings the
    subsidy only if its contribution condition is completed while the policy is in force: on the day
    ``required`` months after the hire (contributions taken to run from the hire), on or after
    ``general.policy_start``. A hire made once the policy is in force needs no such check."""
    if hired is None or ev.flag("general.hires_from_policy_start"):
        return
    start = ev.day("general.policy_start")
    if hired >= start:
        return
    met = add_months(hired, required)
    ev.check("entitled_in_force", met >= start, hired=hired, required=required, met=met, start=start)


def evaluate(ev: Evaluation) -> Outcome:
    hired = hire_date_check(ev)
    check_hired_in_force(ev, hired)
    details: list[Message] = []
    missing: list[str] = []
    branches: dict[str, bool | None] = {
        "unemployed": _unemployed(ev, hired, details, missing),
        "graduate": _graduate(ev, hired, details, missing),
        "rural": ev.facts.get("rural_labour"),
        "poor_village": ev.facts.get("poor_village_labour"),
    }
    met = [k for k, v in branches.items() if v is True]
    category = any3(branches.values())
    for name in ("rural_labour", "poor_village_labour"):
        if ev.facts.get(name) is None:
            missing.append(name)
    values = _category_values(ev)
    which = (
        names_label(CATEGORY_NAMES, met, **values)
        if met
        else ("cat.none" if category is False else "cat.unknown")
    )
    none = names_label(CATEGORY_NAMES, list(CATEGORY_NAMES), **values) if category is False else None
    ev.check("hire_category", category, missing=tuple(missing), which=which, categories=none)
    reg = registration(ev.facts)
    if category is None and reg.contradiction:
        ev.check("unemployment.contradiction", None, since=reg.since)

    contract_check(ev, "hiring_subsidy.min_contract_months")

    poor = branches["poor_village"]
    contributed: int | None = ev.facts.get("contribution_months")
    normal_min = ev.integer("hiring_subsidy.min_contribution_months")
    poor_min = ev.integer("hiring_subsidy.poor_village_min_contribution_months")
    required = poor_min if poor is True else normal_min
    contrib_ok: bool | None
    needed: tuple[str, ...] = ()
    if contributed is None:
        contrib_ok, needed = None, ("contribution_months",)
    elif poor is True or contributed >= normal_min:
        contrib_ok = contributed >= required
    elif poor is False or contributed < poor_min:
        contrib_ok = False
    else:  # between the two thresholds: the relaxed one applies only to poor-village labour
        contrib_ok, needed = None, ("poor_village_labour",)
    paid = "contributions.unknown" if contributed is None else "contributions.paid"
    ev.check("contributions", contrib_ok, missing=needed, required=required, paid=paid, months=contributed)
    _check_entitled_in_force(ev, hired, required)

    settled = ev.undecided_or_ineligible()
    if settled is not None:
        settled.notes.extend(details)
        return settled

    low = ev.dec("hiring_subsidy.standard_per_person")
    high = ev.dec("hiring_subsidy.poor_village_per_person")
    if poor is None:
        ev.check("standard_known", None, missing=("poor_village_labour",), low=low, high=high)
        outcome = ev.outcome(Status.CANNOT_DECIDE)
        outcome.notes.extend(details)
        return outcome
    standard = high if poor else low
    applied = "poor_village" if poor else next(k for k in met if k != "poor_village")
    amount = to_fen(standard)
    notes = list(details)
    if poor and len(met) > 1:
        notes.append(
            Message(
                "note.poor_village_instead",
                {"which": names_label(CATEGORY_NAMES, met, **values), "high": high, "low": low},
            )
        )
    elif len(met) > 1:
        notes.append(Message("note.once", {"which": names_label(CATEGORY_NAMES, met, **values)}))
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="enterprise",
        arithmetic=[
            Message(
                "arith.one_off",
                {
                    "which": names_label(CATEGORY_NAMES, [applied], **values),
                    "standard": standard,
                    "amount": amount,
                },
            )
        ],
        notes=notes,
        extra={"category": applied, "categories_met": met},
    )


MEASURE = Measure(
    id="hiring_subsidy",
    name_zh="一次性吸纳就业补贴",
    name_en="one-off hiring subsidy",
    article="十",
    tasks=(29,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(
        APPLICATION_DATE,
        HIRE_DATE,
        E_REGISTERED_UNEMPLOYED,
        E_REGISTERED_UNEMPLOYED_SINCE,
        SME,
        E_UNIVERSITY_GRADUATE,
        E_GRADUATION_DATE,
        FIRST_JOB_SINCE_GRADUATION,
        E_RURAL_LABOUR,
        E_POOR_VILLAGE_LABOUR,
        CONTRACT_MONTHS,
        OPEN_ENDED_CONTRACT,
        CONTRIBUTION_MONTHS,
    ),
    evaluate=with_hire_date_reading(evaluate),
    messages=MESSAGES,
)
