"""第十五条 给予创业房租补贴 — 附件1 序号37 (责任部门：区人社局)

  我区重点创业人群创办企业或个体工商户，注册1年内可申请享受创业房租补贴。租赁房屋给予每月1000元的补贴，
  每带动就业1人，补贴标准增加500元，每月最高2500元；租赁工位给予每月300元的补贴，每带动就业1人，
  补贴标准增加300元，每月最高600元，补贴期限最长2年。

Reading: the monthly amount is base + jobs × step, capped; when ``rent_subsidy.cap_binds_actual_rent``
holds it is also limited to the rent actually paid. The subsidy runs for the months claimed, at most
``rent_subsidy.max_months``. House and workstation are alternatives: the applicant states which is rented.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wenjiuye_cli.dates import add_months
from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    GRADUATION_DATE,
    HAIHE_TALENT_SETTLED_DATE,
    IS_HAIHE_TALENT,
    IS_TIANJIN_FULLTIME_STUDENT,
    IS_UNIVERSITY_GRADUATE,
    JOBS_CREATED,
    REGISTERED_IN_HEPING,
    REGISTRATION_DATE,
    fact,
)
from wenjiuye_cli.measures._key_groups import MESSAGES as KEY_GROUP_MESSAGES
from wenjiuye_cli.measures._key_groups import check_key_group
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Cap, Evaluation, Label, Measure, Message, Outcome, Status

RENT_TYPE = fact(
    "rent_type", "choice", ("租赁类型", "rented space"),
    ("租赁房屋（house）或工位（workstation）", "premises (house) or a workstation"),
    ("person",), choices={"house": ("房屋", "house"), "workstation": ("工位", "workstation")},
)  # fmt: skip
MONTHLY_RENT = fact(
    "monthly_rent", "money", ("实际月租金", "monthly rent paid"),
    ("实际支付的月租金（元/月）", "rent actually paid, yuan per month"), ("person",),
)  # fmt: skip
RENT_MONTHS = fact(
    "rent_months", "int", ("申请补贴月数", "months claimed"),
    ("租赁并申请补贴的月数（超过最长期限的部分不补）", "months of rent claimed; months beyond the limit are not paid"),
    ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **KEY_GROUP_MESSAGES,
    "registered_in_heping": ("创办的企业或个体工商户在本区注册", "the business is registered in Heping"),
    "applied_within_window": (
        "注册1年内申请：{registered} 注册，{applied} 申请，截止 {deadline}",
        "applied within one year of registration: registered {registered}, applied {applied}, "
        "deadline {deadline}",
    ),
    "rent_type_known": ("租赁类型：{rent_type}", "rented space: {rent_type}"),
    "arith.monthly": (
        "每月 {base} + {jobs} × {step} = {raw} 元",
        "monthly {base} + {jobs} × {step} = {raw} yuan",
    ),
    "arith.cap": ("不超过每月最高 {cap} 元：{value} 元", "capped at {cap} yuan a month: {value} yuan"),
    "arith.rent": (
        "不超过实际月租金 {rent} 元：{value} 元",
        "limited to the rent paid, {rent} yuan: {value} yuan",
    ),
    "arith.total": (
        "{monthly} 元/月 × {months} 个月 = {amount} 元",
        "{monthly} yuan/month × {months} months = {amount} yuan",
    ),
    "note.months_capped": (
        "申请 {claimed} 个月，补贴期限最长 {limit} 个月",
        "{claimed} months claimed; the subsidy runs at most {limit} months",
    ),
    "note.alternative": (
        "房屋与工位补贴二选一：按申请人所填的 {rent_type} 计算",
        "house and workstation subsidies are alternatives: computed for the {rent_type} stated",
    ),
}


def evaluate(ev: Evaluation) -> Outcome:
    registered: date | None = ev.fact("registration_date")
    applied: date = ev.facts.get("application_date") or ev.on

    check_key_group(ev, ev.on)
    in_heping = ev.fact("registered_in_heping")
    ev.check("registered_in_heping", in_heping, missing=("registered_in_heping",))
    window = ev.integer("rent_subsidy.application_window_months")
    if registered is None:
        ev.check("applied_within_window", None, missing=("registration_date",), applied=applied)
    else:
        deadline = add_months(registered, window)
        ev.check(
            "applied_within_window",
            registered <= applied <= deadline,
            registered=registered,
            applied=applied,
            deadline=deadline,
        )
    rent_type: str | None = ev.fact("rent_type")
    label = Label(*RENT_TYPE.choices[rent_type]) if rent_type is not None else None
    ev.check("rent_type_known", None if rent_type is None else True, missing=("rent_type",), rent_type=label)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert rent_type is not None

    jobs: int | None = ev.fact("jobs_created")
    months: int | None = ev.fact("rent_months")
    binds_rent = ev.flag("rent_subsidy.cap_binds_actual_rent")
    rent: Decimal | None = ev.fact("monthly_rent") if binds_rent else None
    if jobs is None or months is None or (binds_rent and rent is None):
        return ev.outcome(Status.CANNOT_DECIDE)

    base = ev.dec(f"rent_subsidy.{rent_type}_base_monthly")
    step = ev.dec(f"rent_subsidy.{rent_type}_per_job_monthly")
    cap_key = f"rent_subsidy.{rent_type}_cap_monthly"
    cap = ev.dec(cap_key)
    max_months = ev.integer("rent_subsidy.max_months")

    raw = base + jobs * step
    monthly = min(raw, cap)
    caps = [Cap(cap_key, cap, raw, raw > cap)]
    arithmetic = [
        Message("arith.monthly", {"base": base, "jobs": jobs, "step": step, "raw": raw}),
        Message("arith.cap", {"cap": cap, "value": monthly}),
    ]
    if rent is not None:
        caps.append(Cap("rent_subsidy.cap_binds_actual_rent", rent, monthly, rent < monthly))
        monthly = min(monthly, rent)
        arithmetic.append(Message("arith.rent", {"rent": rent, "value": monthly}))
    paid_months = min(months, max_months)
    caps.append(Cap("rent_subsidy.max_months", max_months, months, months > max_months))
    amount = to_fen(monthly * paid_months)
    arithmetic.append(Message("arith.total", {"monthly": monthly, "months": paid_months, "amount": amount}))
    notes = [Message("note.alternative", {"rent_type": label})]
    if months > max_months:
        notes.append(Message("note.months_capped", {"claimed": months, "limit": max_months}))
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        monthly_amount=monthly,
        months=paid_months,
        payee="applicant",
        caps=caps,
        arithmetic=arithmetic,
        notes=notes,
    )


MEASURE = Measure(
    id="rent_subsidy",
    name_zh="创业房租补贴",
    name_en="start-up rent subsidy",
    article="十五",
    tasks=(37,),
    department="区人社局",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        IS_TIANJIN_FULLTIME_STUDENT,
        IS_UNIVERSITY_GRADUATE,
        GRADUATION_DATE,
        IS_HAIHE_TALENT,
        HAIHE_TALENT_SETTLED_DATE,
        REGISTRATION_DATE,
        REGISTERED_IN_HEPING,
        RENT_TYPE,
        JOBS_CREATED,
        MONTHLY_RENT,
        RENT_MONTHS,
    ),
    evaluate=evaluate,
    messages=MESSAGES,
)
