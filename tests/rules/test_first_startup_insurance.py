"""第十四条 / 序号35 over columns: 对重点创业人群、就业困难人员首次创办企业的，给予最长3年五项社保补贴和1年岗位补贴.

Every outcome here is checked against the scalar engine (figures, conditions, arithmetic and notes in zh
and en) by ``same_as_scalar``; the asserts say what a user reads."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.engine.helpers import frame, same_as_scalar, scalar
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy

ID = "first_startup_insurance"
ON = date(2021, 3, 15)
FOUNDER: dict[str, Any] = {
    "application_date": ON,
    "registration_date": date(2021, 1, 5),
    "business_type": "enterprise",
    "first_business": True,
    "registered_in_heping": True,
    "tianjin_fulltime_student": False,
    "university_graduate": True,
    "graduation_date": date(2019, 7, 1),
    "haihe_talent": False,
    "employment_difficulty": False,
    "sex": "male",
    "birth_date": date(1996, 2, 1),
}


def founder(sets: list[str] | None = None, on: date = ON, **changes: Any) -> Outcome:
    """The columnar outcome, checked against the scalar one, notes included."""
    facts = {k: v for k, v in {**FOUNDER, **changes}.items() if v is not None}
    got = same_as_scalar(ID, "person", on, sets, **facts)
    want = scalar(ID, "person", on, load_policy(overrides=sets or []), **facts)
    for lang in ("zh", "en"):
        assert outcome_dict(got, lang)["notes"] == outcome_dict(want, lang)["notes"]
    return got


def text(outcome: Outcome, part: str, lang: str = "zh") -> str:
    return " | ".join(c["text"] if isinstance(c, dict) else c for c in outcome_dict(outcome, lang)[part])


def result(outcome: Outcome, code: str) -> Check:
    (found,) = [c.result for c in outcome.conditions if c.code == code]
    return found


def test_key_group_founder_gets_36_months_of_insurance_and_12_of_post_subsidy() -> None:
    outcome = founder()
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert (outcome.amount, outcome.maximum, outcome.months, outcome.payee) == (None, None, 36, "applicant")
    arithmetic = text(outcome, "arithmetic")
    assert "五项社保补贴：2021-01 至 2023-12 共 36 个月（最长 36 个月，止于期限届满）" in arithmetic
    assert "岗位补贴：2021-01 至 2021-12 共 12 个月（12 个月，止于期限届满）" in arithmetic
    assert "按天津市标准执行" in text(outcome, "notes")


def test_never_added_to_the_totals() -> None:
    lean = evaluate_frame(frame("person", ON, **FOUNDER), load_policy(), measures=[ID])
    assert lean[f"{ID}.status"][0] == Status.AMOUNT_SET_ELSEWHERE.value
    assert lean["total"][0] == 0
    assert lean["maxima_total"][0] == 0


def test_either_group_gives_one_subsidy() -> None:
    difficulty = founder(university_graduate=False, employment_difficulty=True)
    assert difficulty.status is Status.AMOUNT_SET_ELSEWHERE
    assert "适用：就业困难人员" in text(difficulty, "conditions")
    assert "key_group" not in [c.code for c in difficulty.conditions]  # the failed branch is not shown
    both = founder(employment_difficulty=True)
    assert both.months == 36
    assert "同时符合：就业困难人员（只补一次，不重复计算）" in text(both, "notes")
    neither = founder(university_graduate=False)
    assert neither.status is Status.INELIGIBLE
    assert result(neither, "key_group") is Check.FAILED
    assert result(neither, "employment_difficulty") is Check.FAILED


def test_key_group_judged_on_the_registration_day_five_years_included() -> None:
    # 毕业5年内: graduated 2016-01-05, registered 2021-01-05 — the fifth anniversary itself counts
    assert founder(graduation_date=date(2016, 1, 5)).status is Status.AMOUNT_SET_ELSEWHERE
    late = founder(graduation_date=date(2016, 1, 4))
    assert late.status is Status.INELIGIBLE
    assert "已毕业超过 5 年" in text(late, "conditions")


def test_a_business_registered_before_the_policy_counts_from_its_first_month() -> None:
    # registered 2019-03: 36 months to 2022-02, of which 2020-06 .. 2022-02 (21) are in the policy's life;
    # the key group is judged on the policy's first day (graduated 2019-07-01)
    outcome = founder(registration_date=date(2019, 3, 3))
    assert outcome.months == 21
    assert "2020-06 至 2022-02 共 21 个月" in text(outcome, "arithmetic")
    assert "岗位补贴：已无剩余月份" in text(outcome, "arithmetic")  # 2019-03 .. 2020-02, all before
    assert "政策自 2020-06-30 起施行，2020-06 以前的月份不计" in text(outcome, "notes")
    # the policy's first month not counted (it began on the 30th): one month fewer
    assert (
        founder(["general.policy_start_month_counts=false"], registration_date=date(2019, 3, 3)).months == 20
    )


def test_a_period_over_before_the_policy_is_ineligible_on_the_boundary_month() -> None:
    # registered 2017-06-30: the 36 months end 2020-05-31; registered 2017-07-01: they reach 2020-06
    over = founder(registration_date=date(2017, 6, 30), graduation_date=date(2016, 7, 1))
    assert over.status is Status.INELIGIBLE
    assert result(over, "insurance_months") is Check.FAILED
    assert "社保补贴期内仍有月份：0 个月" in text(over, "conditions")
    assert "政策自 2020-06-30 起施行" in text(over, "notes")
    last = founder(registration_date=date(2017, 7, 1), graduation_date=date(2016, 7, 1))
    assert last.months == 1
    assert "2020-06 至 2020-06 共 1 个月" in text(last, "arithmetic")


def test_statutory_retirement_ends_the_period_and_its_month_is_covered_by_default() -> None:
    # a man born 1962-03-15 reaches 60 on 2022-03-15 (before the 2025 reform)
    older = {"birth_date": date(1962, 3, 15)}
    outcome = founder(**older)
    assert outcome.months == 15  # 2021-01 .. 2022-03
    assert "止于达到法定退休年龄" in text(outcome, "arithmetic")
    assert founder(["first_startup.retirement_month_covered=false"], **older).months == 14


def test_extra_gives_the_periods_ends_and_why_for_a_retirement_limited_founder() -> None:
    # a man born 1962-03-10 reaches 60 on 2022-03-10: the insurance period stops there, the post one does not
    older = {"birth_date": date(1962, 3, 10)}
    outcome = founder(**older)
    assert outcome.extra == {
        "end_date": date(2022, 3, 10),
        "end_reason": "retirement",
        "insurance_months": 15,
        "insurance_first_month": "2021-01",
        "post_months": 12,
        "post_end_date": date(2021, 12, 31),
        "post_end_reason": "duration",
        "retirement_date": date(2022, 3, 10),
    }
    assert outcome.extra == scalar(ID, "person", ON, load_policy(), **{**FOUNDER, **older}).extra
    uncovered = founder(["first_startup.retirement_month_covered=false"], **older)
    assert (uncovered.extra["end_date"], uncovered.extra["insurance_months"]) == (date(2022, 2, 28), 14)
    assert outcome_dict(outcome, "en")["extra"]["end_date"] == "2022-03-10"
    assert founder(university_graduate=False).extra == {}  # ineligible: no period to describe


def test_a_dated_set_of_the_duration_applies_from_its_day() -> None:
    sets = ["first_startup.insurance_max_months@2022-01-01=24"]
    assert founder(sets, on=date(2021, 12, 31)).months == 36
    shorter = founder(sets, on=date(2022, 1, 1))
    assert shorter.months == 24
    assert "2021-01 至 2022-12 共 24 个月（最长 24 个月" in text(shorter, "arithmetic")


def test_a_term_past_the_policy_end_runs_unless_payments_end_with_it() -> None:
    late = {"registration_date": date(2024, 1, 20), "application_date": date(2024, 2, 1)}
    outcome = founder(on=date(2024, 2, 1), **late)
    assert outcome.months == 36  # 2024-01 .. 2026-12
    assert "只计至 2025-06（18 个月，而非 36 个月）" in text(outcome, "notes")
    cut = founder(
        ["first_startup.insurance_payments_end_with_policy=end_with_policy"], on=date(2024, 2, 1), **late
    )
    assert cut.months == 18
    assert "止于政策有效期届满" in text(cut, "arithmetic")
    assert "政策于" not in text(cut, "notes")


def test_a_sole_proprietor_is_told_the_other_reading() -> None:
    sole = founder(business_type="sole_proprietorship")
    assert sole.status is Status.AMOUNT_SET_ELSEWHERE
    assert "--set first_startup.sole_proprietorship_counts=false）：不符合" in text(sole, "notes")
    excluded = founder(
        ["first_startup.sole_proprietorship_counts=false"], business_type="sole_proprietorship"
    )
    assert excluded.status is Status.INELIGIBLE
    assert "符合，金额按其他标准" in text(excluded, "notes")
    assert "other reading" not in text(founder(), "notes", "en")  # an enterprise: no such note


def test_registration_in_heping_required_unless_set_otherwise() -> None:
    assert founder(registered_in_heping=False).status is Status.INELIGIBLE
    anywhere = founder(["first_startup.insurance_requires_heping=false"], registered_in_heping=False)
    assert anywhere.status is Status.AMOUNT_SET_ELSEWHERE
    assert "registered_in_heping" not in [c.code for c in anywhere.conditions]


def test_missing_facts_are_named_in_the_order_the_rule_reads_them() -> None:
    outcome = founder(
        registration_date=None,
        first_business=None,
        employment_difficulty=None,
        graduation_date=None,
        sex=None,
    )
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == [
        "registration_date",
        "first_business",
        "graduation_date",
        "employment_difficulty",
        "sex",
    ]
    assert outcome.months is None  # no period without a registration date: not 0 months
    woman = founder(sex="female")
    assert woman.missing_facts == ["original_retirement_age"]


def test_kleene_a_failed_condition_beats_an_unknown_one() -> None:
    # heping false and the groups unknown: ineligible (false & null = false), not "cannot decide"
    outcome = founder(registered_in_heping=False, university_graduate=None, graduation_date=None,
                      employment_difficulty=None)  # fmt: skip
    assert outcome.status is Status.INELIGIBLE
    assert outcome.missing_facts == []


def test_undecided_founder_gets_no_period_notes() -> None:
    # registered before the policy but the groups undecided: the outcome stops before the periods, so no
    # "months before the policy" note, and the failed branch is named
    outcome = founder(registration_date=date(2019, 3, 3), graduation_date=None, employment_difficulty=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["graduation_date", "employment_difficulty"]
    assert "政策自" not in text(outcome, "notes")
    assert outcome.months is None


def test_without_a_registration_date_the_key_group_is_not_judged_on_the_application_day() -> None:
    # 重点创业人群 is judged on the registration day. Graduated 2015-09-01: on the application day
    # (2021-03-15) that is more than 5 years, but a business registered before 2020-09-01 would be within
    # them. With the registration date unknown the outcome cannot be decided (it once said "ineligible",
    # judging the group on the evaluation date instead)
    outcome = founder(registration_date=None, graduation_date=date(2015, 9, 1))
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["registration_date"]  # the graduation date is given: not named
    assert result(outcome, "key_group") is Check.UNKNOWN
    # what does not depend on the day still decides: not a graduate, not 就业困难人员 → ineligible
    neither = founder(registration_date=None, university_graduate=False)
    assert neither.status is Status.INELIGIBLE
    assert result(neither, "key_group") is Check.FAILED
