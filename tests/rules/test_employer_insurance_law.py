"""第十条 / 序号30 企业社保补贴和岗位补贴: which hire brings what, for how long, and when it ends."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, condition, run
from wenjiuye_cli.dates import add_years
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.retirement import statutory_retirement

HIRED = date(2021, 7, 10)
# A young hire in no category at an ordinary firm: every fact known, everything False.
PLAIN: dict[str, Any] = {
    "application_date": date(2021, 9, 1),
    "hire_date": HIRED,
    "post_type": "ordinary",
    "small_micro_enterprise": False,
    "startup_tech_sme": False,
    "student_startup_enterprise": False,
    "care_firm_type": "neither",
    "university_graduate": False,
    "employment_difficulty": False,
    "zero_employment_family": False,
    "single_parent_family": False,
    "subsistence_allowance_family": False,
    "supports_seriously_ill_relative": False,
    "poor_village_labour": False,
    "poverty_registered_labour": False,
    "sex": "male",
    "birth_date": date(1990, 5, 1),
}
GRADUATE = {"university_graduate": True, "graduation_date": date(2020, 7, 1), "tianjin_university": True}


def hire(**changes: Any) -> Any:
    return run("employer_insurance", "hire", **{**PLAIN, **changes})


def test_no_category_is_ineligible() -> None:
    outcome = hire()
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "hire_category") is Check.FAILED


@pytest.mark.parametrize("firm", ["small_micro_enterprise", "startup_tech_sme", "student_startup_enterprise"])
def test_small_firms_hiring_tianjin_graduates_get_three_years_plus_post(firm: str) -> None:
    outcome = hire(**GRADUATE, **{firm: True})
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.amount is None
    assert outcome.extra["category"] == "full"
    assert outcome.months == 36
    assert outcome.extra["end_date"] == date(2024, 6, 30)
    assert outcome.extra["end_reason"] == "duration"
    assert outcome.extra["post_subsidy_months"] == 12
    assert outcome.extra["post_subsidy_end_date"] == date(2022, 6, 30)


@pytest.mark.parametrize(
    ("changes", "ok"),
    [
        ({"tianjin_university": False}, False),  # 本市高校 only
        ({"graduation_date": date(2019, 7, 10)}, True),  # 毕业2年内: exactly two years
        ({"graduation_date": date(2019, 7, 9)}, False),
    ],
)
def test_graduate_conditions(changes: dict[str, Any], ok: bool) -> None:
    outcome = hire(**{**GRADUATE, **changes, "small_micro_enterprise": True})
    assert (outcome.status is Status.AMOUNT_SET_ELSEWHERE) is ok


@pytest.mark.parametrize("care", ["elder_care", "housekeeping"])
@pytest.mark.parametrize("person", [GRADUATE, {"employment_difficulty": True}, {"poor_village_labour": True}])
def test_care_firms_get_full_subsidy_for_graduates_difficulty_and_poor_village(
    care: str, person: dict[str, Any]
) -> None:
    outcome = hire(care_firm_type=care, **person)
    assert outcome.extra["category"] == "full"


def test_ordinary_firm_graduate_or_poor_village_brings_nothing() -> None:
    assert hire(**GRADUATE).status is Status.INELIGIBLE
    assert hire(poor_village_labour=True).status is Status.INELIGIBLE


@pytest.mark.parametrize(
    "person",
    [
        {"employment_difficulty": True, "zero_employment_family": True},  # 特殊就业困难人员
        {
            "employment_difficulty": True,
            "sex": "female",
            "birth_date": date(1986, 7, 10),
            "original_retirement_age": 50,
        },
        {"employment_difficulty": True, "sex": "male", "birth_date": date(1976, 7, 10)},  # 男年满45周岁 today
        {"poverty_registered_labour": True},  # 建档立卡贫困劳动力
    ],
)
def test_any_firm_hiring_the_listed_groups_gets_full(person: dict[str, Any]) -> None:
    outcome = hire(**person)
    assert outcome.extra["category"] == "full"
    assert outcome.extra["post_subsidy_months"] == 12


@pytest.mark.parametrize(("sex", "birth"), [("female", date(1986, 7, 11)), ("male", date(1976, 7, 11))])
def test_other_difficulty_one_day_before_the_birthday_gets_one_year(sex: str, birth: date) -> None:
    # 女年满35周岁 / 男年满45周岁 are reached on the birthday itself (see the test above)
    outcome = hire(
        employment_difficulty=True,
        sex=sex,
        birth_date=birth,
        original_retirement_age=55 if sex == "female" else None,
    )
    assert outcome.extra["category"] == "one_year"
    assert outcome.months == 12
    assert "post_subsidy_months" not in outcome.extra  # no 岗位补贴 for this group
    assert outcome.extra["end_date"] == date(2022, 6, 30)


def test_care_firms_excluded_from_one_year_rule_get_full_instead() -> None:
    # 各类企业（养老服务企业、员工制家政服务企业除外）吸纳其他就业困难人员 → 1 year; a care firm gets 3 years + post
    ordinary = hire(employment_difficulty=True)
    care = hire(employment_difficulty=True, care_firm_type="elder_care")
    assert ordinary.extra["category"] == "one_year"
    assert care.extra["category"] == "full"
    assert "other_difficulty" not in care.extra["routes"]
    older = hire(employment_difficulty=True, birth_date=date(1970, 1, 1))  # older difficulty: full, not both
    assert older.extra["routes"] == ["any_firm", "other_difficulty"]
    assert older.extra["category"] == "full"
    assert any(n.code == "note.full_over_one_year" for n in older.notes)


def test_same_hire_under_several_routes_brings_one_subsidy() -> None:
    outcome = hire(
        **GRADUATE, small_micro_enterprise=True, care_firm_type="elder_care", poverty_registered_labour=True
    )
    assert outcome.extra["category"] == "full"
    assert outcome.extra["routes"] == ["small_firm_graduate", "care_firm", "any_firm"]
    assert any(n.code == "note.routes" for n in outcome.notes)
    assert outcome.months == 36


def test_extension_to_retirement_when_fewer_than_five_years_away() -> None:
    # man born 1964-03-10 retires at 60 on 2024-03-10; hired 2020-07-01 (3 y 8 m before): runs to retirement
    outcome = hire(hire_date=date(2020, 7, 1), birth_date=date(1964, 3, 10), poverty_registered_labour=True)
    assert outcome.extra["extended_to_retirement"] is True
    assert outcome.months == 45  # 2020-07 .. 2024-03
    assert outcome.extra["end_date"] == date(2024, 3, 10)
    assert outcome.extra["end_reason"] == "retirement"
    # retirement within the 36 months: nothing to extend, the subsidy stops at retirement
    early = hire(hire_date=date(2020, 7, 1), birth_date=date(1962, 3, 10), poverty_registered_labour=True)
    assert early.extra["extended_to_retirement"] is False
    assert early.months == 21
    assert early.extra["end_reason"] == "retirement"
    assert early.extra["post_subsidy_months"] == 12
    # born 1966-03-10: 60 y 4 m → 2026-07-10; hired 2021-07-11 is fewer than 5 years before
    near = hire(hire_date=date(2021, 7, 11), birth_date=date(1966, 3, 10), poverty_registered_labour=True)
    assert near.extra["extended_to_retirement"] is True
    assert near.months == 61  # 2021-07 .. 2026-07, beyond 36 and past the policy's end (granted in force)
    assert near.extra["end_date"] == date(2026, 7, 10)
    assert near.extra["end_reason"] == "retirement"
    # hired exactly five years before retirement: not "不足5年"
    exact = hire(hire_date=date(2021, 7, 10), birth_date=date(1966, 3, 10), poverty_registered_labour=True)
    assert exact.extra["extended_to_retirement"] is False
    assert exact.months == 36


def test_extension_runs_to_retirement_not_beyond() -> None:
    policy = load_policy(overrides=["general.policy_end=2030-12-31"])
    facts = {
        **PLAIN,
        "hire_date": date(2021, 1, 5),
        "birth_date": date(1965, 5, 20),
        "poverty_registered_labour": True,
    }
    outcome = run("employer_insurance", "hire", policy=policy, **facts)
    # 60 y 2 m → 2025-07-20
    assert outcome.extra["retirement_date"] == date(2025, 7, 20)
    assert outcome.extra["extended_to_retirement"] is True
    assert outcome.extra["end_date"] == date(2025, 7, 20)
    assert outcome.extra["end_reason"] == "retirement"
    assert outcome.months == 55  # 2021-01 .. 2025-07


def test_one_year_subsidy_extension_is_an_interpretation() -> None:
    # With the stated ages every difficulty hire near retirement is 45+ and gets the full subsidy, so the
    # one-year group near retirement only exists when the age limits are changed.
    ages = "employer_insurance.male_min_age=70"
    facts = {
        **PLAIN,
        "employment_difficulty": True,
        "hire_date": date(2021, 7, 11),
        "birth_date": date(1966, 3, 10),
    }
    lenient = run("employer_insurance", "hire", policy=load_policy(overrides=[ages]), **facts)
    assert lenient.extra["category"] == "one_year"
    assert lenient.extra["extended_to_retirement"] is True
    assert lenient.months == 61  # 2021-07 .. 2026-07 (retirement)
    strict = load_policy(overrides=[ages, "employer_insurance.extension_for_one_year=false"])
    outcome = run("employer_insurance", "hire", policy=strict, **facts)
    assert outcome.months == 12


def test_public_welfare_posts_are_subsidised_under_article_12() -> None:
    outcome = hire(post_type="public_welfare", poverty_registered_labour=True)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "not_public_welfare_post") is Check.FAILED


def test_hire_at_or_after_retirement_is_ineligible() -> None:
    outcome = hire(poverty_registered_labour=True, birth_date=date(1961, 7, 10))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "before_retirement") is Check.FAILED


def test_missing_person_facts_cannot_decide() -> None:
    facts = {k: v for k, v in PLAIN.items() if k != "sex"}
    no_sex = run("employer_insurance", "hire", **{**facts, "poverty_registered_labour": True})
    assert no_sex.status is Status.CANNOT_DECIDE
    assert "sex" in no_sex.missing_facts
    woman = hire(sex="female", poverty_registered_labour=True)
    assert woman.status is Status.CANNOT_DECIDE
    assert woman.missing_facts == ["original_retirement_age"]


def test_monthly_amounts_are_set_elsewhere() -> None:
    outcome = hire(poverty_registered_labour=True)
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert any(n.code == "note.amount_elsewhere" for n in outcome.notes)


births = st.dates(min_value=date(1955, 1, 1), max_value=date(2000, 1, 1))
hires = st.dates(min_value=date(2020, 6, 30), max_value=date(2025, 6, 29))


@given(
    birth=births, hired=hires, sex=st.sampled_from(["male", "female"]), route=st.sampled_from(["full", "one"])
)
def test_periods_never_exceed_limits_or_retirement(birth: date, hired: date, sex: str, route: str) -> None:
    person = {"poverty_registered_labour": True} if route == "full" else {"employment_difficulty": True}
    if route == "one":
        person["birth_date"] = birth
    outcome = hire(
        hire_date=hired,
        sex=sex,
        birth_date=birth,
        original_retirement_age=50 if sex == "female" else None,
        **{k: v for k, v in person.items() if k != "birth_date"},
    )
    retirement = statutory_retirement(sex, birth, 50 if sex == "female" else None, POLICY)
    if hired >= retirement.date:
        assert outcome.status is Status.INELIGIBLE
        return
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.extra["end_date"] <= retirement.date
    assert outcome.extra["end_reason"] != "policy_end"  # granted in force: runs its own term
    assert outcome.months is not None
    if not outcome.extra["extended_to_retirement"]:
        assert outcome.months <= (36 if outcome.extra["category"] == "full" else 12)
    if "post_subsidy_months" in outcome.extra:
        assert outcome.extra["post_subsidy_months"] <= 12
        assert outcome.extra["post_subsidy_end_date"] <= retirement.date


@given(hired=hires, sex=st.sampled_from(["male", "female"]), offset=st.sampled_from([0, 1]))
def test_age_thresholds_exactly_at_birthdays(hired: date, sex: str, offset: int) -> None:
    # 女年满35周岁 / 男年满45周岁 on the hire date: the birthday itself counts, the day after birth+N years does not
    years = 35 if sex == "female" else 45
    birth = add_years(hired, -years)
    birth = date.fromordinal(birth.toordinal() + offset)
    if (birth.month, birth.day) == (2, 29) or (offset and (hired.month, hired.day) == (2, 28)):
        return  # leap-day birthdays are reached on 1 March in common years
    original = 55 if sex == "female" else None
    outcome = hire(
        hire_date=hired,
        sex=sex,
        birth_date=birth,
        employment_difficulty=True,
        original_retirement_age=original,
    )
    assert outcome.extra["category"] == ("full" if offset == 0 else "one_year")


def test_hire_before_the_policy_gets_the_months_within_it() -> None:
    # Hired 2019-01-10: 36 months of insurance run to 2021-12 and the 12 post-subsidy months ended in 2019.
    # Months before the policy (2020-06-30) are not subsidised; nothing is "undecidable" about it.
    outcome = hire(**{**GRADUATE, "graduation_date": date(2018, 7, 1)}, small_micro_enterprise=True,
                   hire_date=date(2019, 1, 10), application_date=date(2020, 9, 1))  # fmt: skip
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.missing_facts == []
    assert outcome.months == 19  # 2020-06 .. 2021-12
    assert outcome.extra["end_date"] == date(2021, 12, 31)
    assert outcome.extra["post_subsidy_months"] == 0
    assert [m.code for m in outcome.arithmetic] == ["arith.months", "arith.months_none"]
    assert "note.before_policy_start" in [n.code for n in outcome.notes]


def test_hire_whose_subsidy_ended_before_the_policy_is_ineligible() -> None:
    outcome = hire(
        poverty_registered_labour=True, hire_date=date(2016, 3, 1), application_date=date(2020, 9, 1)
    )
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "subsidy_months") is Check.FAILED


def test_subsidy_runs_its_full_duration_past_the_policy_end() -> None:
    late = {
        "hire_date": date(2024, 1, 10),
        "application_date": date(2024, 2, 1),
        "poverty_registered_labour": True,
    }
    full = hire(**late)
    assert full.months == 36  # 2024-01 .. 2026-12
    assert full.extra["end_date"] == date(2026, 12, 31)
    assert full.extra["post_subsidy_months"] == 12
    assert "note.runs_past_policy" in [n.code for n in full.notes]
    policy = load_policy(overrides=["general.payments_end_with_policy=true"])  # the old reading
    cut = run("employer_insurance", "hire", policy=policy, **{**PLAIN, **late})
    assert cut.months == 18  # 2024-01 .. 2025-06
    assert cut.extra["end_reason"] == "policy_end"


def test_man_with_another_original_retirement_age_is_told_why() -> None:
    # e.g. 55 for a special type of work: given, so never reported as missing; the text says why.
    outcome = hire(poverty_registered_labour=True, original_retirement_age=55)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []
    assert condition(outcome, "retirement_age") is Check.UNKNOWN
    text = next(c for c in outcome.conditions if c.code == "retirement_age")
    measure = measure_by_id("employer_insurance")
    zh = render(text.code, text.args, measure, "zh")
    en = render(text.code, text.args, measure, "en")
    assert "60" in zh
    assert "55" in zh
    assert "60" in en
    assert "55" in en
    assert "special types of work" in en


def test_route_names_follow_the_parameters() -> None:
    policy = load_policy(
        overrides=["employer_insurance.graduate_within_years=3", "employer_insurance.male_min_age=40"]
    )
    facts = {**PLAIN, **GRADUATE, "small_micro_enterprise": True, "poverty_registered_labour": True}
    outcome = run("employer_insurance", "hire", policy=policy, **facts)
    measure = measure_by_id("employer_insurance")
    category = next(c for c in outcome.conditions if c.code == "hire_category")
    zh = render(category.code, category.args, measure, "zh")
    en = render(category.code, category.args, measure, "en")
    assert "毕业3年内" in zh
    assert "男年满40周岁" in zh
    assert "2年" not in zh
    assert "45" not in zh
    assert "within 3 years" in en
    assert "men 40+" in en
    assert "、" not in en  # English lists are joined with ", "
    assert ", any firm" in en


def test_a_hire_after_the_policy_s_end_is_not_granted_under_it() -> None:
    # Applied while in force but for a hire that starts after 2025-06-29: the entitlement does not start
    # while the policy is in force, so no month is paid (a hire on the last day runs its term). (A hire on
    # 2025-06-30 still gets June, the month of the policy's last day, under either reading.)
    after = hire(
        poverty_registered_labour=True, hire_date=date(2025, 7, 1), application_date=date(2025, 6, 20)
    )
    assert after.status is Status.INELIGIBLE
    assert condition(after, "subsidy_months") is Check.FAILED
    on_the_day = hire(
        poverty_registered_labour=True, hire_date=date(2025, 6, 29), application_date=date(2025, 6, 29)
    )
    assert on_the_day.status is Status.AMOUNT_SET_ELSEWHERE
    assert on_the_day.months == 36  # 2025-06 .. 2028-05


@pytest.mark.parametrize(("hired", "before"), [(date(2020, 6, 29), True), (date(2020, 6, 30), False)])
def test_one_reading_of_once_in_force_with_the_one_off_subsidy(hired: date, before: bool) -> None:
    # general.hires_from_policy_start (序号29 and 序号30 alike): by default a hire made the day before the
    # policy still gets the months of its period within the policy; read strictly, neither measure covers it.
    facts = {**GRADUATE, "graduation_date": date(2019, 7, 1), "small_micro_enterprise": True,
             "hire_date": hired, "application_date": date(2020, 9, 1)}  # fmt: skip
    outcome = hire(**facts)
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.months is not None
    assert outcome.months > 0
    measure = measure_by_id("employer_insurance")
    notes = [render(n.code, n.args, measure, "zh") for n in outcome.notes]
    other = [n for n in notes if n.startswith("按另一种理解")]
    assert other == (
        [
            "按另一种理解（“施行后”指招用日期：政策施行前招用的人员不适用；--set general.hires_from_policy_start=true）：不符合"
        ]
        if before
        else []
    )
    strict = load_policy(overrides=["general.hires_from_policy_start=true"])
    refused = run("employer_insurance", "hire", policy=strict, **{**PLAIN, **facts})
    assert (refused.status is Status.INELIGIBLE) is before
    assert condition(refused, "hired_in_force") is (Check.FAILED if before else Check.PASSED)
