"""第十条 / 序号29 over columns: 1000 yuan once per qualifying hire, 2000 for poor-village labour, held to the
scalar rule (figures, conditions, arithmetic and notes in zh and en) at the clause's thresholds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import frame, same_as_scalar, scalar
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy

ON = date(2021, 6, 1)
# 企业招用农村劳动力就业的，签订1年以上劳动合同并按规定缴纳社会保险费满3个月
HIRE: dict[str, Any] = {
    "hire_date": date(2020, 9, 1),
    "rural_labour": True,
    "poor_village_labour": False,
    "registered_unemployed": False,
    "university_graduate": False,
    "contract_months": 12,
    "contribution_months": 3,
}


def hire(sets: list[str] | None = None, on: date = ON, **changes: Any) -> Outcome:
    return same_as_scalar("hiring_subsidy", "hire", on, sets, **{**HIRE, **changes})


def text(outcome: Outcome, part: str, lang: str = "zh") -> str:
    item = outcome_dict(outcome, lang)[part]
    return " | ".join(c["text"] if isinstance(c, dict) else c for c in item)


def result(outcome: Outcome, code: str) -> Check:
    (found,) = [c.result for c in outcome.conditions if c.code == code]
    return found


def test_a_rural_hire_with_a_year_and_three_months_gets_1000() -> None:
    outcome = hire()
    assert (outcome.status, outcome.amount, outcome.payee) == (Status.ELIGIBLE, Decimal("1000"), "enterprise")
    assert "农村劳动力：一次性补贴 1000 元/人 × 1 人 = 1000 元" in text(outcome, "arithmetic")


def test_poor_village_labour_2000_after_one_month_and_not_1000_on_top() -> None:
    outcome = hire(poor_village_labour=True, contribution_months=1)
    assert outcome.amount == Decimal("2000")
    assert "按困难村劳动力标准 2000 元计，不再另给 1000 元" in text(outcome, "notes")
    assert hire(contribution_months=2).status is Status.INELIGIBLE  # 满3个月 for the others
    assert hire(poor_village_labour=True, contribution_months=0).status is Status.INELIGIBLE


def test_half_a_year_of_registered_unemployment_includes_the_day() -> None:
    unemployed = {
        "rural_labour": False,
        "registered_unemployed": True,
        "registered_unemployed_since": date(2020, 3, 1),
    }
    assert hire(**unemployed).amount == Decimal("1000")  # 2020-03-01 + 6 months = 2020-09-01, the hire day
    late = hire(**{**unemployed, "registered_unemployed_since": date(2020, 3, 2)})
    assert late.status is Status.INELIGIBLE
    assert "满 6 个月之日 2020-09-02，招用日 2020-09-01：否" in text(late, "notes")
    assert "登记失业6个月以上人员" in text(late, "conditions")  # the category names show the parameter


def test_a_graduate_hired_by_an_sme_within_two_years_of_graduating() -> None:
    graduate = {
        "rural_labour": False,
        "university_graduate": True,
        "graduation_date": date(2018, 9, 1),
        "sme": True,
        "first_job_since_graduation": True,
    }
    assert hire(**graduate).amount == Decimal("1000")  # 2018-09-01 + 2 years = the hire day
    assert hire(**{**graduate, "graduation_date": date(2018, 8, 31)}).status is Status.INELIGIBLE
    assert hire(**{**graduate, "sme": False}).status is Status.INELIGIBLE
    assert hire(**{**graduate, "first_job_since_graduation": False}).status is Status.INELIGIBLE
    several = hire(**{**graduate, "rural_labour": True})
    assert several.amount == Decimal("1000")
    assert "一次性补贴只给一次" in text(several, "notes")


def test_a_contract_of_a_year_or_open_ended() -> None:
    assert hire(contract_months=11).status is Status.INELIGIBLE
    open_ended = hire(contract_months=None, open_ended_contract=True)
    assert open_ended.status is Status.ELIGIBLE
    assert "无固定期限" in text(open_ended, "conditions")
    unknown = hire(contract_months=None, open_ended_contract=False)
    assert (unknown.status, unknown.missing_facts) == (Status.CANNOT_DECIDE, ["contract_months"])


def test_missing_facts_are_named_in_the_scalar_order() -> None:
    nothing = same_as_scalar("hiring_subsidy", "hire", ON)
    assert nothing.missing_facts == [
        "hire_date",
        "registered_unemployed",
        "sme",
        "graduation_date",
        "first_job_since_graduation",
        "rural_labour",
        "poor_village_labour",
        "contract_months",
        "contribution_months",
    ]
    # poor_village_labour asked by the contribution condition comes after the contract it follows
    between = hire(poor_village_labour=None, contribution_months=2, contract_months=None)
    assert between.missing_facts == ["contract_months", "poor_village_labour"]
    # a qualifying hire whose standard (1000 or 2000) waits for poor_village_labour
    standard = hire(poor_village_labour=None)
    assert (standard.status, standard.missing_facts) == (Status.CANNOT_DECIDE, ["poor_village_labour"])
    assert result(standard, "standard_known") is Check.UNKNOWN


def test_an_unknown_category_is_shown_unknown_not_none() -> None:
    # Kleene: rural no, poor village unknown → the category is unknown (shown so), not "none applies"
    unknown = hire(rural_labour=False, poor_village_labour=None)
    assert unknown.status is Status.CANNOT_DECIDE
    assert "属于吸纳对象：无法确定" in text(unknown, "conditions")
    assert unknown.missing_facts == ["poor_village_labour"]
    # ... but an unknown SME with a graduation long ago is a failed graduate branch (unknown & false)
    old = {"rural_labour": False, "university_graduate": True, "graduation_date": date(2010, 1, 1)}
    none = hire(**old, sme=None, first_job_since_graduation=True)
    assert none.status is Status.INELIGIBLE
    assert "均不符合" in text(none, "conditions")
    # and the months paid, when not given, are "unknown", never a number
    assert "已缴月数未知" in text(hire(contribution_months=None), "conditions")


def test_a_contradictory_registration_is_reported_not_guessed() -> None:
    outcome = hire(
        rural_labour=False, registered_unemployed=False, registered_unemployed_since=date(2019, 1, 1)
    )
    assert (outcome.status, outcome.missing_facts) == (Status.CANNOT_DECIDE, [])
    assert result(outcome, "unemployment.contradiction") is Check.UNKNOWN


def test_a_hire_before_the_policy_counts_when_contributions_are_completed_in_force() -> None:
    # 2020-03-30 + 3 months = 2020-06-30, the policy's first day; a day earlier was the previous policy's
    assert hire(hire_date=date(2020, 3, 30)).amount == Decimal("1000")
    early = hire(hire_date=date(2020, 3, 29))
    assert result(early, "entitled_in_force") is Check.FAILED
    poor = hire(hire_date=date(2020, 5, 30), poor_village_labour=True, contribution_months=1)
    assert poor.amount == Decimal("2000")  # 满1个月 on 2020-06-30
    notes = text(poor, "notes", "en")
    assert "--set general.hires_from_policy_start=true" in notes
    assert "not eligible" in notes
    assert "other reading" not in text(hire(), "notes", "en")  # a hire made in force: nothing to tell


def test_the_other_reading_of_shi_xing_hou_set_and_told() -> None:
    sets = ["general.hires_from_policy_start=true"]
    refused = hire(sets, hire_date=date(2020, 5, 1))
    assert refused.status is Status.INELIGIBLE
    assert result(refused, "hired_in_force") is Check.FAILED
    assert "under the other reading" in text(refused, "notes", "en")
    assert "1000 yuan" in text(refused, "notes", "en")
    # the other reading undecided with no fact to name (a contradiction): "—", not an empty list or null
    odd = {
        "rural_labour": False,
        "registered_unemployed": False,
        "registered_unemployed_since": date(2019, 1, 1),
    }
    assert "cannot decide; also needs —" in text(hire(sets, hire_date=date(2020, 5, 1), **odd), "notes", "en")


def test_a_dated_set_of_the_standard_applies_from_its_day() -> None:
    sets = ["hiring_subsidy.standard_per_person@2022-01-01=1500"]
    assert hire(sets, on=date(2021, 12, 31)).amount == Decimal("1000")
    assert hire(sets, on=date(2022, 1, 1)).amount == Decimal("1500")
    months = ["hiring_subsidy.unemployed_min_months@2021-01-01=12"]
    unemployed = {
        "rural_labour": False,
        "registered_unemployed": None,
        "registered_unemployed_since": date(2019, 9, 1),
    }
    assert "登记失业12个月以上人员" in text(hire(months, on=date(2021, 1, 1), **unemployed), "arithmetic")


def test_outside_the_policys_life_nothing_is_paid() -> None:
    assert hire(on=date(2025, 6, 30)).status is Status.INELIGIBLE
    assert hire(on=date(2025, 6, 29)).amount == Decimal("1000")


def test_the_explained_row_carries_the_category_paid_and_every_category_met() -> None:
    # the scalar outcome's ``extra``: what the 2000 was paid for, and every category the hire is in
    facts = {**HIRE, "poor_village_labour": True, "contribution_months": 1}
    policy = load_policy()
    row = evaluate_frame(frame("hire", ON, **facts), policy, explain=True, measures=["hiring_subsidy"]).row(
        0, named=True
    )
    want = scalar("hiring_subsidy", "hire", ON, policy, **facts).extra
    assert want == {"category": "poor_village", "categories_met": ["rural", "poor_village"]}
    assert row["hiring_subsidy.x.category"] == want["category"]
    assert row["hiring_subsidy.x.categories_met"] == want["categories_met"]
