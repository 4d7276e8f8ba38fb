"""第二十八条 做好困难人员生活保障 — 一次性临时生活补助, 附件1 序号61 (责任部门：区人社局、区民政局、各街道)

  对我区登记失业的本市低收入救助家庭人员，给予一次性2000元临时生活补助，实施期限截至2020年12月31日。

A person registered unemployed in Heping who belongs to a Tianjin 低收入救助家庭 gets
``hardship_grant.amount`` once, if the application (or the evaluation date when no application date is
given) is on or before ``hardship_grant.end_date``. Whether families on the minimum subsistence allowance
count: ``hardship_grant.includes_subsistence_families``. Registered unemployment is read as in
``_unemployment`` (a registration date implies registration; "no" with a date is a contradiction).
"""

from __future__ import annotations

from datetime import date

from wenjiuye_cli.facts import (
    APPLICATION_DATE,
    REGISTERED_UNEMPLOYED,
    REGISTERED_UNEMPLOYED_SINCE,
    SUBSISTENCE_FAMILY,
    fact,
)
from wenjiuye_cli.measures._unemployment import MESSAGES as UNEMPLOYMENT_MESSAGES
from wenjiuye_cli.measures._unemployment import registration
from wenjiuye_cli.outcome import Evaluation, Measure, Message, Outcome, Status

LOW_INCOME_FAMILY = fact(
    "low_income_family", "bool", ("低收入救助家庭人员", "member of a low-income assistance family"),
    ("经本市民政部门认定的低收入（救助）家庭成员（不含低保家庭，低保另填 subsistence_allowance_family）",
     "member of a family certified as low-income by Tianjin civil affairs (families on the minimum subsistence "
     "allowance: see subsistence_allowance_family)"),
    ("person",),
)  # fmt: skip
UNEMPLOYMENT_REGISTERED_IN_HEPING = fact(
    "unemployment_registered_in_heping", "bool", ("是否在本区登记失业", "registered unemployed in Heping"),
    ("失业登记在和平区办理", "the unemployment registration is held in Heping District"), ("person",),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    **UNEMPLOYMENT_MESSAGES,
    "registered_unemployed": ("登记失业", "registered unemployed"),
    "registered_in_heping": ("在本区登记失业", "registered unemployed in Heping"),
    "low_income_family": (
        "本市低收入救助家庭人员{also}：{which}",
        "member of a low-income assistance family{also}: {which}",
    ),
    "low_income_family.also_subsistence": ("（含低保家庭）", " (including subsistence-allowance families)"),
    "low_income_family.only": ("", ""),
    "low_income_family.low_income": ("低收入救助家庭", "low-income assistance family"),
    "low_income_family.subsistence": ("低保家庭", "subsistence-allowance family"),
    "low_income_family.none": ("否", "no"),
    "low_income_family.unknown": ("无法确定", "cannot be determined"),
    "within_period": (
        "实施期限截至 {end}：申请日 {applied}",
        "the grant runs until {end}: applied {applied}",
    ),
    "arith.grant": ("一次性临时生活补助 {amount} 元", "one-off temporary living grant {amount} yuan"),
}


def _family(ev: Evaluation) -> tuple[bool | None, str, tuple[str, ...]]:
    low: bool | None = ev.facts.get("low_income_family")
    if low is True:
        return True, "low_income_family.low_income", ()
    if not ev.flag("hardship_grant.includes_subsistence_families"):
        return (None, "low_income_family.unknown", ("low_income_family",)) if low is None else (
            False, "low_income_family.none", ())  # fmt: skip
    subsistence: bool | None = ev.facts.get("subsistence_allowance_family")
    if subsistence is True:
        return True, "low_income_family.subsistence", ()
    if low is False and subsistence is False:
        return False, "low_income_family.none", ()
    names = [
        n for n, v in (("low_income_family", low), ("subsistence_allowance_family", subsistence)) if v is None
    ]
    return None, "low_income_family.unknown", tuple(names)


def evaluate(ev: Evaluation) -> Outcome:
    applied: date = ev.facts.get("application_date") or ev.on
    end = ev.day("hardship_grant.end_date")
    ev.check("within_period", applied <= end, end=end, applied=applied)
    reg = registration(ev.facts)
    if reg.contradiction:
        ev.check("unemployment.contradiction", None, since=reg.since)
    else:
        ev.check("registered_unemployed", reg.registered, missing=reg.missing)
    in_heping = ev.fact("unemployment_registered_in_heping")
    ev.check("registered_in_heping", in_heping, missing=("unemployment_registered_in_heping",))
    result, which, missing = _family(ev)
    also = (
        "low_income_family.also_subsistence"
        if ev.flag("hardship_grant.includes_subsistence_families")
        else "low_income_family.only"
    )
    ev.check("low_income_family", result, missing=missing, which=which, also=also)
    settled = ev.undecided_or_ineligible()
    if settled is not None:
        return settled
    amount = ev.dec("hardship_grant.amount")
    return ev.outcome(
        Status.ELIGIBLE,
        amount=amount,
        payee="applicant",
        arithmetic=[Message("arith.grant", {"amount": amount})],
    )


MEASURE = Measure(
    id="hardship_grant",
    name_zh="一次性临时生活补助",
    name_en="one-off temporary living grant",
    article="二十八",
    tasks=(61,),
    department="区人社局、区民政局、各街道",
    kinds=frozenset({"person"}),
    facts=(
        APPLICATION_DATE,
        REGISTERED_UNEMPLOYED,
        REGISTERED_UNEMPLOYED_SINCE,
        UNEMPLOYMENT_REGISTERED_IN_HEPING,
        LOW_INCOME_FAMILY,
        SUBSISTENCE_FAMILY,
    ),
    evaluate=evaluate,
    messages=MESSAGES,
)
