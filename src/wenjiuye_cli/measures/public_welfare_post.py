"""第十二条（加强托底安置就业）公益性岗位补贴 — 附件1 序号33 (责任部门：区人社局)

  按照市人社局统一安排，增加公益性岗位，优先安置距离法定退休年龄不足5年的特殊就业困难人员，给予用人单位
  最长3年五项社保补贴和岗位补贴，距法定退休年龄不足5年的，补贴期限可延长至退休。

One applicant row is one person on a public-welfare post (kind ``enterprise``, the employing unit;
``post_type = public_welfare``). Readings:
- Public-welfare posts place 就业困难人员 (``public_welfare_post.requires_employment_difficulty``);
  "优先安置…特殊就业困难人员" is a priority, not a condition: the outcome says whether the person has it.
- Both subsidies run at most 36 calendar months from the placement; when the person is fewer than 5 years
  from statutory retirement age both run to retirement (``public_welfare_post.extension_covers_post_subsidy``
  decides whether the post subsidy is extended too). Every period stops at retirement and at the policy's
  last day (only when payments end with the policy: ``_schedule.payments_end``); months before the policy
  came into force are not subsidised. The monthly amounts are city standards: status ``amount_set_elsewhere``.
- The same person's subsidies are not also given under 第十条 (``employer_insurance`` declines public-welfare
  posts), so nothing is counted twice.
"""

from __future__ import annotations

from wenjiuye_cli.facts import APPLICATION_DATE
from wenjiuye_cli.measures._hire import (
    E_DIFFICULTY,
    HIRE_DATE,
    POST_TYPE,
    RETIREMENT_FACTS,
    SPECIAL_DIFFICULTY_FACTS,
    check_subsidy_months,
    extend_to_retirement,
    hire_date_check,
    period_message,
    retirement_of,
    subsidy_period,
)
from wenjiuye_cli.measures._hire import MESSAGES as HIRE_MESSAGES
from wenjiuye_cli.measures._special_difficulty import MESSAGES as SPECIAL_MESSAGES
from wenjiuye_cli.measures._special_difficulty import special_difficulty
from wenjiuye_cli.outcome import Evaluation, Label, Measure, Message, Outcome, Status
from wenjiuye_cli.retirement import within_years_of_retirement

MESSAGES: dict[str, tuple[str, str]] = {
    **HIRE_MESSAGES,
    **SPECIAL_MESSAGES,
    "public_welfare_post": ("公益性岗位：{post}", "public-welfare post: {post}"),
    "difficulty": ("安置对象为就业困难人员：{value}", "the person placed is a 就业困难人员: {value}"),
    "note.priority": (
        "优先安置对象（距法定退休年龄不足 {years} 年的特殊就业困难人员）：{value}",
        "priority group (特殊就业困难人员 fewer than {years} years from retirement age): {value}",
    ),
    "note.amount_elsewhere": (
        "每月补贴金额按市级标准（五项社保补贴按单位缴费部分、岗位补贴按市定标准）核定，本区文件未规定",
        "the monthly amounts follow city standards (employer contributions; the city post-subsidy rate) "
        "not stated in the district text",
    ),
    "note.not_under_art10": (
        "该人员的社保补贴和岗位补贴按本条计算，不再按第十条重复给予",
        "this person's insurance and post subsidies are computed here, not again under art. 10",
    ),
}


def evaluate(ev: Evaluation) -> Outcome:
    hired = hire_date_check(ev)
    post: str | None = ev.fact("post_type")
    post_label = Label(*POST_TYPE.choices[post]) if post is not None else None
    is_post = None if post is None else post == "public_welfare"
    ev.check("public_welfare_post", is_post, missing=("post_type",), post=post_label)
    if ev.flag("public_welfare_post.requires_employment_difficulty"):
        difficulty = ev.fact("employment_difficulty")
        ev.check("difficulty", difficulty, missing=("employment_difficulty",), value=difficulty)
    retirement = retirement_of(ev, hired)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert hired is not None
    assert retirement is not None

    notes: list[Message] = []
    max_months = ev.integer("public_welfare_post.max_months")
    standard = subsidy_period(ev, hired, max_months, retirement)
    insurance, extended = extend_to_retirement(ev, "public_welfare_post", retirement, hired, standard, notes)
    if not check_subsidy_months(ev, insurance, notes):
        return ev.outcome(Status.INELIGIBLE, notes=notes)
    post_period = insurance if ev.flag("public_welfare_post.extension_covers_post_subsidy") else standard

    years = ev.integer("public_welfare_post.extension_years_before_retirement")
    special = special_difficulty(ev.facts).result
    near = within_years_of_retirement(retirement.date, hired, years)
    priority = None if special is None else (special and near)
    notes.append(Message("note.priority", {"years": years, "value": priority}))
    notes.append(Message("note.not_under_art10", {}))
    notes.append(Message("note.amount_elsewhere", {}))
    return ev.outcome(
        Status.AMOUNT_SET_ELSEWHERE,
        months=len(insurance.months),
        payee="enterprise",
        arithmetic=[
            period_message(insurance),
            period_message(post_period, "what.post"),
        ],
        notes=notes,
        extra={
            "retirement_date": retirement.date,
            "extended_to_retirement": extended,
            "insurance_months": len(insurance.months),
            "end_date": insurance.end_date,
            "end_reason": insurance.end_reason.removeprefix("end."),
            "post_subsidy_months": len(post_period.months),
            "post_subsidy_end_date": post_period.end_date,
            "post_subsidy_end_reason": post_period.end_reason.removeprefix("end."),
            "priority_group": priority,
        },
    )


MEASURE = Measure(
    id="public_welfare_post",
    name_zh="公益性岗位社保补贴和岗位补贴",
    name_en="public-welfare post insurance and post subsidies",
    article="十二",
    tasks=(33,),
    department="区人社局",
    kinds=frozenset({"hire"}),
    facts=(
        APPLICATION_DATE,
        HIRE_DATE,
        POST_TYPE,
        E_DIFFICULTY,
        *SPECIAL_DIFFICULTY_FACTS,
        *RETIREMENT_FACTS,
    ),
    evaluate=evaluate,
    messages=MESSAGES,
)
