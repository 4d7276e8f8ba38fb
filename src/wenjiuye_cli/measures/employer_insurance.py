"""第十条（鼓励企业吸纳就业）企业吸纳就业社保补贴和岗位补贴 — 附件1 序号30 (责任部门：区人社局)

  小微企业、初创期科技型中小企业、大学生创业企业吸纳毕业2年内的本市高校毕业生，养老服务企业（含民办非企业
  单位）、员工制家政服务企业吸纳毕业2年内本市高校毕业生、就业困难人员、困难村劳动力，各类企业吸纳特殊就业
  困难人员、其他女年满35周岁男年满45周岁就业困难人员及建档立卡贫困劳动力的，给予企业最长3年五项社保补贴和
  1年岗位补贴；各类企业（养老服务企业、员工制家政服务企业除外）吸纳其他就业困难人员，给予最长1年五项社保
  补贴。社保补贴期限一般不超过3年，距法定退休年龄不足5年的可延长至退休。

One applicant row is one hire (kind ``enterprise``). The rule decides WHICH subsidy the hire brings:
- "full": up to 36 months of 五项社保补贴 plus 12 months of 岗位补贴, through any of three routes
  (small firm + Tianjin graduate; elder-care/housekeeping firm + graduate, 就业困难人员 or 困难村劳动力;
  any firm + 特殊就业困难人员, older 就业困难人员 or 建档立卡贫困劳动力);
- "one_year": up to 12 months of 五项社保补贴, for other 就业困难人员 hired by firms other than elder-care
  and housekeeping firms (an elder-care or housekeeping firm gets "full" for any 就业困难人员 instead).
A hire in several routes brings one subsidy, the "full" one; nothing is counted twice.

Durations are calendar months from the hire (see ``_hire.subsidy_period``) and end at the earliest of the
limit, the statutory retirement date and — only when payments end with the policy (``_schedule.payments_end``)
— the policy's last day.
Months before the policy came into force are not subsidised: a hire made before 2020-06-30 gets the
months of its period from then on, and is ineligible when none is left. When the person is fewer than 5 years
from statutory retirement age (assessed by ``employer_insurance.extension_assessed_at``), the insurance
subsidy runs to retirement instead of the limit. The monthly amounts are city standards the district
text does not give: the status is ``amount_set_elsewhere`` with the months and end dates computed.
A hire on a public-welfare post (公益性岗位) is subsidised under 第十二条 (``public_welfare_post``) instead.
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.dates import add_years, age_on
from wenjiuye_cli.facts import APPLICATION_DATE, IS_SMALL_MICRO, fact
from wenjiuye_cli.measures._hire import (
    E_GRADUATION_DATE,
    E_POOR_VILLAGE_LABOUR,
    E_POVERTY_REGISTERED,
    E_UNIVERSITY_GRADUATE,
    HIRE_DATE,
    POST_TYPE,
    RETIREMENT_FACTS,
    SPECIAL_DIFFICULTY_FACTS,
    TIANJIN_ORIGIN,
    TIANJIN_UNIVERSITY,
    check_hired_in_force,
    check_subsidy_months,
    extend_to_retirement,
    hire_date_check,
    names_label,
    period_message,
    retirement_of,
    subsidy_period,
    tianjin_graduate,
    with_hire_date_reading,
    with_tianjin_graduate_reading,
)
from wenjiuye_cli.measures._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.measures._logic import Tri, tri_all, tri_any
from wenjiuye_cli.measures._special_difficulty import MESSAGES as SPECIAL_MESSAGES
from wenjiuye_cli.measures._special_difficulty import special_difficulty
from wenjiuye_cli.outcome import Evaluation, Label, Measure, Message, Outcome, Status

STARTUP_TECH_SME = fact(
    "startup_tech_sme", "bool", ("是否初创期科技型中小企业", "start-up technology SME"),
    ("经认定的初创期科技型中小企业", "a recognised start-up technology-based SME"), ("hire",),
)  # fmt: skip
STUDENT_STARTUP = fact(
    "student_startup_enterprise", "bool", ("是否大学生创业企业", "enterprise founded by a university student"),
    ("由大学生（含毕业生）创办的企业", "a firm founded by a university student or graduate"), ("hire",),
)  # fmt: skip
CARE_FIRM_TYPE = fact(
    "care_firm_type", "choice", ("养老/家政企业类型", "elder-care or housekeeping firm"),
    ("养老服务企业（含民办非企业单位）、员工制家政服务企业，或都不是", "elder-care firm (incl. private non-enterprise "
     "units), employee-based housekeeping firm, or neither"),
    ("hire",),
    choices={
        "elder_care": ("养老服务企业", "elder care"),
        "housekeeping": ("员工制家政服务企业", "housekeeping"),
        "neither": ("都不是", "neither"),
    },
)  # fmt: skip

# Placeholders are filled from the parameters (see ``_route_values``), never written in.
ROUTE_NAMES: dict[str, tuple[str, str]] = {
    "small_firm_graduate": (
        "小微企业、初创期科技型中小企业或大学生创业企业吸纳毕业{years}年内的本市高校毕业生",
        "a small, start-up tech or student-founded firm hiring a Tianjin graduate within {years} years",
    ),
    "care_firm": (
        "养老服务企业或员工制家政服务企业吸纳毕业{years}年内本市高校毕业生、就业困难人员或困难村劳动力",
        "an elder-care or housekeeping firm hiring a Tianjin graduate within {years} years, a 就业困难人员 or "
        "poor-village labour",
    ),
    "any_firm": (
        "各类企业吸纳特殊就业困难人员、女年满{female}周岁男年满{male}周岁就业困难人员或建档立卡贫困劳动力",
        "any firm hiring a 特殊就业困难人员, an older 就业困难人员 (women {female}+, men {male}+) or registered "
        "poor labour",
    ),
    "other_difficulty": (
        "养老、家政以外的企业吸纳其他就业困难人员",
        "a firm other than elder-care/housekeeping hiring another 就业困难人员",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **HIRE_MESSAGES,
    **SPECIAL_MESSAGES,
    "not_public_welfare_post": (
        "不是公益性岗位（公益性岗位按第十二条补贴）：{post}",
        "not a public-welfare post (those are subsidised under art. 12): {post}",
    ),
    "hire_category": ("补贴类别：{which}", "subsidy category: {which}"),
    "category.full": (
        "最长 {insurance} 个月五项社保补贴 + {post} 个月岗位补贴（{routes}）",
        "up to {insurance} months of five-insurance subsidy + {post} months of post subsidy ({routes})",
    ),
    "category.one_year": (
        "最长 {insurance} 个月五项社保补贴（{routes}）",
        "up to {insurance} months of five-insurance subsidy ({routes})",
    ),
    "category.full_short": ("五项社保补贴 + 岗位补贴", "five-insurance subsidy + post subsidy"),
    "category.none": (
        "不属于任何一类（{routes}：均不符合）",
        "in none of the categories ({routes}: none applies)",
    ),
    "category.unknown": ("无法确定", "cannot be determined"),
    "note.amount_elsewhere": (
        "每月补贴金额按市级标准（五项社保补贴按单位缴费部分、岗位补贴按市定标准）核定，本区文件未规定",
        "the monthly amounts follow city standards (employer contributions; the city post-subsidy rate) "
        "not stated in the district text",
    ),
    "note.routes": (
        "同一人符合多项情形（{routes}），只给予一份补贴：{applied}",
        "the hire meets several descriptions ({routes}); one subsidy is given: {applied}",
    ),
    "note.full_over_one_year": (
        "同时属于“其他就业困难人员”，按期限更长的 {insurance} 个月社保补贴 + 岗位补贴计，不另给 {one_year} 个月社保补贴",
        "also 'another 就业困难人员': the longer {insurance}-month subsidy plus post subsidy applies, not the "
        "{one_year}-month one in addition",
    ),
    "note.fallback_post": (
        "托底安置岗位：另可享受第十二条每岗每月补助（fallback_placement）",
        "fallback placement post: the art. 12 monthly post allowance applies on top (fallback_placement)",
    ),
}


def _route_values(ev: Evaluation) -> dict[str, object]:
    """The numbers the route names show, from the parameters in force on the evaluation date."""
    return {
        "years": ev.integer("employer_insurance.graduate_within_years"),
        "female": ev.integer("employer_insurance.female_min_age"),
        "male": ev.integer("employer_insurance.male_min_age"),
    }


def _graduate(ev: Evaluation, hired: date | None) -> Tri:
    """毕业2年内的本市高校毕业生 on the hire date (a final-year student hired before graduating counts)."""
    facts = ev.facts
    if facts.get("university_graduate") is False:
        return Tri(False)
    graduated: date | None = facts.get("graduation_date")
    years = ev.integer("employer_insurance.graduate_within_years")
    if graduated is None or hired is None:
        window = Tri(
            None, tuple(n for n, v in (("graduation_date", graduated), ("hire_date", hired)) if v is None)
        )
    else:
        window = Tri(hired <= add_years(graduated, years))
    return tri_all(window, Tri(*tianjin_graduate(ev)))  # 本市: general.tianjin_graduate_means


def _older_difficulty(ev: Evaluation, hired: date | None) -> Tri:
    """其他女年满35周岁男年满45周岁就业困难人员: age on the hire date, reached on the birthday."""
    facts = ev.facts
    sex: str | None = facts.get("sex")
    birth: date | None = facts.get("birth_date")
    if sex is None or birth is None or hired is None:
        names = (("sex", sex), ("birth_date", birth), ("hire_date", hired))
        aged = Tri(None, tuple(n for n, v in names if v is None))
    else:
        key = "female_min_age" if sex == "female" else "male_min_age"
        aged = Tri(age_on(birth, hired) >= ev.integer(f"employer_insurance.{key}"))
    return tri_all(Tri.of(facts, "employment_difficulty"), aged)


def _care_firm(ev: Evaluation) -> Tri:
    kind: str | None = ev.facts.get("care_firm_type")
    return Tri(None, ("care_firm_type",)) if kind is None else Tri(kind != "neither")


def routes(ev: Evaluation, hired: date | None) -> tuple[dict[str, Tri], Tri, Tri]:
    """Each route's result, then "full" (any of the first three) and "one_year" (the fourth)."""
    facts = ev.facts
    graduate = _graduate(ev, hired)
    difficulty = Tri.of(facts, "employment_difficulty")
    answer = special_difficulty(facts)
    special = Tri(answer.result, answer.missing)
    small_firm = tri_any(
        Tri.of(facts, "small_micro_enterprise"),
        Tri.of(facts, "startup_tech_sme"),
        Tri.of(facts, "student_startup_enterprise"),
    )
    care = _care_firm(ev)
    found = {
        "small_firm_graduate": tri_all(small_firm, graduate),
        "care_firm": tri_all(care, tri_any(graduate, difficulty, Tri.of(facts, "poor_village_labour"))),
        "any_firm": tri_any(
            special, _older_difficulty(ev, hired), Tri.of(facts, "poverty_registered_labour")
        ),
        "other_difficulty": tri_all(~care, difficulty),
    }
    full = tri_any(found["small_firm_graduate"], found["care_firm"], found["any_firm"])
    return found, full, found["other_difficulty"]


def evaluate(ev: Evaluation) -> Outcome:
    hired = hire_date_check(ev)
    check_hired_in_force(ev, hired)  # only under general.hires_from_policy_start (one reading with 序号29)
    post: str | None = ev.fact("post_type")
    post_label = Label(*POST_TYPE.choices[post]) if post is not None else None
    ev.check(
        "not_public_welfare_post",
        None if post is None else post != "public_welfare",
        missing=("post_type",),
        post=post_label,
    )

    found, full, one_year = routes(ev, hired)
    full_max = ev.integer("employer_insurance.full_insurance_max_months")
    post_max = ev.integer("employer_insurance.post_subsidy_max_months")
    one_max = ev.integer("employer_insurance.one_year_insurance_max_months")
    met = [k for k, v in found.items() if v.value is True]
    full_routes = [k for k in met if k != "other_difficulty"]
    category: str | None
    which: str
    if full.value is True:
        category = "full"
        which = "category.full"
        result: bool | None = True
        missing: tuple[str, ...] = ()
    elif full.value is False and one_year.value is not None:
        category = "one_year" if one_year.value else None
        which = "category.one_year" if one_year.value else "category.none"
        result, missing = one_year.value, ()
    else:
        category, which, result = None, "category.unknown", None
        missing = full.missing + tuple(n for n in one_year.missing if n not in full.missing)
    values = _route_values(ev)
    routes_label = (
        names_label(ROUTE_NAMES, full_routes if category == "full" else met, **values) if met else None
    )
    none = which == "category.none"  # then the text names every category, and no months
    ev.check(
        "hire_category",
        result,
        missing=missing,
        which=which,
        insurance=None if none else full_max if category == "full" else one_max,
        post=None if none else post_max,
        routes=names_label(ROUTE_NAMES, list(ROUTE_NAMES), **values) if none else routes_label,
    )

    retirement = retirement_of(ev, hired)

    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert hired is not None
    assert retirement is not None
    assert category is not None

    limit = full_max if category == "full" else one_max
    standard = subsidy_period(ev, hired, limit, retirement)
    notes: list[Message] = []
    may_extend = category == "full" or ev.flag("employer_insurance.extension_for_one_year")
    insurance, extended = (
        extend_to_retirement(ev, "employer_insurance", retirement, hired, standard, notes)
        if may_extend
        else (standard, False)
    )
    if not check_subsidy_months(ev, insurance, notes):
        return ev.outcome(Status.INELIGIBLE, notes=notes)
    arithmetic = [period_message(insurance)]
    extra: dict[str, object] = {
        "category": category,
        "routes": met,
        "retirement_date": retirement.date,
        "extended_to_retirement": extended,
        "insurance_months": len(insurance.months),
        "end_date": insurance.end_date,
        "end_reason": insurance.end_reason.removeprefix("end."),
    }
    if category == "full":
        post_period = subsidy_period(ev, hired, post_max, retirement)
        arithmetic.append(period_message(post_period, "what.post"))
        extra["post_subsidy_months"] = len(post_period.months)
        extra["post_subsidy_end_date"] = post_period.end_date
        extra["post_subsidy_end_reason"] = post_period.end_reason.removeprefix("end.")
        if len(full_routes) > 1:
            notes.append(
                Message(
                    "note.routes",
                    {
                        "routes": names_label(ROUTE_NAMES, full_routes, **values),
                        "applied": "category.full_short",
                    },
                )
            )
        if "other_difficulty" in met:
            notes.append(Message("note.full_over_one_year", {"insurance": full_max, "one_year": one_max}))
    if post == "fallback":
        notes.append(Message("note.fallback_post", {}))
    notes.append(Message("note.amount_elsewhere", {}))
    return ev.outcome(
        Status.AMOUNT_SET_ELSEWHERE,
        months=len(insurance.months),
        payee="enterprise",
        arithmetic=arithmetic,
        notes=notes,
        extra=extra,
    )


MEASURE = Measure(
    id="employer_insurance",
    name_zh="企业吸纳就业社保补贴和岗位补贴",
    name_en="employer social-insurance and post subsidies",
    article="十",
    tasks=(30,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(
        APPLICATION_DATE,
        HIRE_DATE,
        POST_TYPE,
        IS_SMALL_MICRO,
        STARTUP_TECH_SME,
        STUDENT_STARTUP,
        CARE_FIRM_TYPE,
        E_UNIVERSITY_GRADUATE,
        E_GRADUATION_DATE,
        TIANJIN_UNIVERSITY,
        TIANJIN_ORIGIN,
        *SPECIAL_DIFFICULTY_FACTS,
        E_POOR_VILLAGE_LABOUR,
        E_POVERTY_REGISTERED,
        *RETIREMENT_FACTS,
    ),
    evaluate=with_tianjin_graduate_reading(with_hire_date_reading(evaluate)),
    messages=MESSAGES,
)
