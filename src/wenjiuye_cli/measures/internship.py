"""第九条（鼓励青年群体基层就业）就业见习补贴 — 附件1 序号27 (责任部门：区人社局)

  对我区管辖的大学生就业见习基地，见习人员范围扩大至中等职业学校、技工院校毕业学年学生，给予见习生活费、
  带教费、意外伤害险补贴和留用奖励。见习生活费补贴提高至本市最低工资标准的80%，单位留用奖励标准提高至
  每人3000元。

One applicant row is one intern at one internship base (kind ``enterprise``). Items, all paid to the base:
- living allowance: 80% of the Tianjin monthly minimum wage IN FORCE IN EACH MONTH of the internship
  (``external.minimum_wage_monthly``), month by month, each month rounded to the fen;
- mentoring fee and accident-insurance subsidy: city standards per intern per month (200 and 10 yuan
  under 津人社规字〔2020〕3号; certainty external — the district text names the items, not the amounts);
- retention reward: 3000 per intern kept on, if the intern completed at least 3 months (city rule).
Months are calendar months in which the intern served at least ``internship.min_days_in_month`` days
within the internship and within the policy's validity, at most ``internship.max_months`` of them. Days
after the policy's last day count unless payments end with the policy (``internship.payments_end_with_policy``,
else ``general.payments_end_with_policy``; by default they do not: an internship subsidy applied for while
the policy is in force is paid to the internship's end, at most ``internship.max_months``).
Interns: university students/graduates (the base's original scope) and, since this article,
final-year students of secondary vocational and technical schools; and, as in the Tianjin internship
rules, 16–24岁失业青年 (Tianjin hukou, registered unemployed) while ``internship.unemployed_youth_counts``
holds (default; the outcome of such an intern also shows what the other reading gives).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from wenjiuye_cli.dates import add_months, month_start, whole_months_between
from wenjiuye_cli.facts import APPLICATION_DATE, fact
from wenjiuye_cli.measures._readings import MESSAGES as READING_MESSAGES
from wenjiuye_cli.measures._readings import flipped, with_other_reading
from wenjiuye_cli.measures._schedule import MESSAGES as SCHEDULE_MESSAGES
from wenjiuye_cli.measures._schedule import past_policy_note, payments_end
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.outcome import Cap, Evaluation, Label, Measure, Message, Outcome, ScheduleLine, Status

BASE_IN_HEPING = fact(
    "internship_base_in_heping", "bool", ("是否我区管辖的就业见习基地", "internship base administered by Heping"),
    ("申请单位是否为和平区管辖的（大学生）就业见习基地", "whether the applicant is an internship base under Heping"),
    ("intern",),
)  # fmt: skip
INTERN_CATEGORY = fact(
    "intern_category", "choice", ("见习人员类别", "intern category"),
    ("高校学生或毕业生；中等职业学校毕业学年学生；技工院校毕业学年学生；16至24岁失业青年（本市户籍、已失业登记，"
     "见习开始时年满16未满25周岁）；其他", "university student or graduate; final-year secondary-vocational "
     "student; final-year technical-school student; unemployed youth aged 16-24 (Tianjin hukou, registered "
     "unemployed, aged 16 to 24 when the internship starts); other"),
    ("intern",),
    choices={
        "university": ("高校学生或毕业生", "university student or graduate"),
        "secondary_vocational": ("中等职业学校毕业学年学生", "final-year secondary-vocational student"),
        "technical_school": ("技工院校毕业学年学生", "final-year technical-school student"),
        "unemployed_youth": ("16至24岁失业青年", "unemployed youth aged 16-24"),
        "other": ("其他", "other"),
    },
)  # fmt: skip
INTERNSHIP_START = fact(
    "internship_start", "date", ("见习开始日期", "internship start"), ("见习协议约定的开始日期", "first day"),
    ("intern",),
)  # fmt: skip
INTERNSHIP_END = fact(
    "internship_end", "date", ("见习结束日期", "internship end"),
    ("见习的最后一日（含）", "last day of the internship (inclusive)"), ("intern",),
)  # fmt: skip
INTERN_RETAINED = fact(
    "intern_retained", "bool", ("是否留用", "intern kept on"),
    ("见习结束后留用并签订劳动合同（按市规定：30日内签1年以上合同并缴纳社保满3个月）",
     "kept on after the internship (city rule: contract of 1 year+ within 30 days, 3 months of contributions)"),
    ("intern",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **SCHEDULE_MESSAGES,
    **READING_MESSAGES,
    "reading.youth.false": (
        "第九条只把见习人员范围扩大至中职、技工院校毕业学年学生，16至24岁失业青年不在其内",
        "article 9 widens the scope only to final-year vocational students: unemployed youth are not in it",
    ),
    "reading.youth.true": (
        "按天津市就业见习规定，本市户籍失业登记的16至24岁失业青年也可参加见习",
        "as in the Tianjin internship rules, registered unemployed youth aged 16-24 may also intern",
    ),
    "base_in_heping": (
        "我区管辖的就业见习基地：{value}",
        "an internship base administered by Heping: {value}",
    ),
    "intern_category": (
        "见习人员范围（高校学生或毕业生、中等职业学校或技工院校毕业学年学生）：{category}",
        "intern within the scope (university student or graduate, final-year secondary-vocational or "
        "technical-school student): {category}",
    ),
    "dates_valid": ("见习期间 {start} 至 {end}", "internship from {start} to {end}"),
    "paid_months": (
        "计补贴月份（当月见习满 {min_days} 日）：{months} 个月",
        "months counted (at least {min_days} days in the month): {months}",
    ),
    "arith.month": (
        "{month}：生活费 {wage} × {ratio} = {allowance}，带教费 {fee}，意外伤害险 {insurance}，合计 {total} 元",
        "{month}: allowance {wage} × {ratio} = {allowance}, mentoring {fee}, insurance {insurance}, total {total} yuan",
    ),
    "arith.items": (
        "生活费 {allowance} + 带教费 {fees} + 意外伤害险 {insurance} + 留用奖励 {reward} = {amount} 元",
        "allowance {allowance} + mentoring {fees} + insurance {insurance} + retention {reward} = {amount} yuan",
    ),
    "retention": (
        "留用奖励：留用 {retained}，见习满 {required} 个月（已见习 {served} 个月）：{due}",
        "retention reward: kept on {retained}, at least {required} months served ({served} served): {due}",
    ),
    "note.months_capped": (
        "符合条件的见习月份 {counted} 个，补贴最多 {limit} 个月",
        "{counted} qualifying months; at most {limit} are subsidised",
    ),
    "note.outside_policy": (
        "政策有效期（{start} 至 {end}）以外的见习天数不计",
        "days outside the policy period ({start} to {end}) are not counted",
    ),
    "note.before_policy": (
        "政策自 {start} 起施行，此前的见习天数不计",
        "the policy is in force from {start}: internship days before it are not counted",
    ),
    "note.city_standards": (
        "带教费、意外伤害险补贴标准为市级标准（津人社规字〔2020〕3号），本区文件未规定金额",
        "the mentoring and insurance amounts are city standards (津人社规字〔2020〕3号), not in the district text",
    ),
}


def _days_in(month: date, first: date, last: date) -> int:
    """Days of ``month`` between ``first`` and ``last`` (inclusive)."""
    start = max(month, first)
    end = min(add_months(month, 1) - timedelta(days=1), last)
    return max(0, (end - start).days + 1)


def counted_months(ev: Evaluation, start: date, end: date) -> tuple[list[date], date, date | None]:
    """Calendar months with enough internship days inside the policy; the policy's first day and the last
    day payments may cover (None when they do not end with the policy)."""
    policy_start = ev.day("general.policy_start")
    policy_end = payments_end(ev, start)
    return _months_in(ev, start, end, policy_end), policy_start, policy_end


def _months_in(ev: Evaluation, start: date, end: date, policy_end: date | None) -> list[date]:
    """Calendar months with enough internship days from the policy's first day to ``policy_end`` (None:
    to the internship's end)."""
    first = max(start, ev.day("general.policy_start"))
    last = end if policy_end is None else min(end, policy_end)
    min_days = ev.integer("internship.min_days_in_month")
    months: list[date] = []
    month = month_start(first)
    while month <= last:
        if _days_in(month, first, last) >= min_days:
            months.append(month)
        month = add_months(month, 1)
    return months


def evaluate(ev: Evaluation) -> Outcome:
    in_heping = ev.fact("internship_base_in_heping")
    ev.check("base_in_heping", in_heping, missing=("internship_base_in_heping",), value=in_heping)
    category: str | None = ev.fact("intern_category")
    label = Label(*INTERN_CATEGORY.choices[category]) if category is not None else None
    in_scope: bool | None = None
    if category is not None:
        in_scope = category != "other" and (
            category != "unemployed_youth" or ev.flag("internship.unemployed_youth_counts")
        )
    ev.check("intern_category", in_scope, missing=("intern_category",), category=label)
    start: date | None = ev.fact("internship_start")
    end: date | None = ev.fact("internship_end")
    if start is None or end is None:
        # only the date not given is missing (a given one is never asked for again)
        missing = tuple(n for n, v in (("internship_start", start), ("internship_end", end)) if v is None)
        ev.check("dates_valid", None, missing=missing, start=start, end=end)
    else:
        ev.check("dates_valid", start <= end, start=start, end=end)
    retained = ev.fact("intern_retained")
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    assert start is not None
    assert end is not None

    months, policy_start, policy_end = counted_months(ev, start, end)
    max_months = ev.integer("internship.max_months")
    paid = months[:max_months]
    min_days = ev.integer("internship.min_days_in_month")
    served = whole_months_between(start, end + timedelta(days=1))
    required = ev.integer("internship.retention_min_months")
    reward_due: bool | None = None if retained is None else (retained and served >= required)
    retention_args = {"retained": retained, "required": required, "served": served, "due": reward_due}
    if retained is None:
        ev.check("retention", None, missing=("intern_retained",), **retention_args)
    ev.check("paid_months", len(paid) > 0 or reward_due is True, min_days=min_days, months=len(paid))
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled

    schedule: list[ScheduleLine] = []
    arithmetic: list[Message] = []
    totals = {"allowance": Decimal(0), "fees": Decimal(0), "insurance": Decimal(0)}
    first_day = max(start, policy_start)
    for month in paid:
        day = max(month, first_day)  # the standards in force in that month (from its first counted day)
        wage = ev.dec("external.minimum_wage_monthly", day)
        ratio = ev.dec("internship.living_allowance_ratio", day)
        allowance = to_fen(wage * ratio)
        fee = ev.dec("internship.mentoring_fee_monthly", day)
        insurance = ev.dec("internship.accident_insurance_monthly", day)
        total = allowance + fee + insurance
        totals["allowance"] += allowance
        totals["fees"] += fee
        totals["insurance"] += insurance
        schedule.append(ScheduleLine(month, total))
        arithmetic.append(
            Message(
                "arith.month",
                {
                    "month": f"{month:%Y-%m}",
                    "wage": wage,
                    "ratio": ratio,
                    "allowance": allowance,
                    "fee": fee,
                    "insurance": insurance,
                    "total": total,
                },
            )
        )
    reward = ev.dec("internship.retention_reward_per_person") if reward_due else Decimal(0)
    amount = to_fen(totals["allowance"] + totals["fees"] + totals["insurance"] + reward)
    arithmetic.append(Message("arith.items", {**totals, "reward": reward, "amount": amount}))

    notes = [Message("retention", retention_args), Message("note.city_standards", {})]
    caps = [Cap("internship.max_months", max_months, len(months), len(months) > max_months)]
    if len(months) > max_months:
        notes.append(Message("note.months_capped", {"counted": len(months), "limit": max_months}))
    if policy_end is not None and (start < policy_start or end > policy_end):
        notes.append(Message("note.outside_policy", {"start": policy_start, "end": policy_end}))
    elif start < policy_start:  # the days after the policy's end count: only the earlier ones are left out
        notes.append(Message("note.before_policy", {"start": policy_start}))
    # Under the other reading only the days up to the policy's last day count.
    within = len(_months_in(ev, start, end, ev.day("general.policy_end"))[:max_months])
    past = past_policy_note(ev, paid, within)
    if past is not None:
        notes.append(past)
    end_date, end_reason = _end(paid, months, max_months, end, policy_end)
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        months=len(paid),
        payee="enterprise",
        caps=caps,
        schedule=schedule,
        arithmetic=arithmetic,
        notes=notes,
        extra={
            "living_allowance": totals["allowance"],
            "mentoring_fee": totals["fees"],
            "accident_insurance": totals["insurance"],
            "retention_reward": reward,
            "end_date": end_date,
            "end_reason": end_reason,
        },
    )


def _end(
    paid: list[date], months: list[date], max_months: int, end: date, policy_end: date | None
) -> tuple[date, str]:
    if len(months) > max_months:
        return add_months(paid[-1], 1) - timedelta(days=1), "duration"
    if policy_end is not None and policy_end < end:
        return policy_end, "policy_end"
    return end, "period_end"


MEASURE = Measure(
    id="internship",
    name_zh="就业见习补贴",
    name_en="internship subsidies",
    article="九",
    tasks=(27,),
    department="区人社局",
    kinds=frozenset({"intern"}),
    facts=(
        APPLICATION_DATE,
        BASE_IN_HEPING,
        INTERN_CATEGORY,
        INTERNSHIP_START,
        INTERNSHIP_END,
        INTERN_RETAINED,
    ),
    evaluate=with_other_reading(
        evaluate,
        "internship.unemployed_youth_counts",
        matters=lambda ev: ev.facts.get("intern_category") == "unemployed_youth",
        other=flipped,
        reading=lambda other: f"reading.youth.{str(other).lower()}",
    ),
    messages=MESSAGES,
)
