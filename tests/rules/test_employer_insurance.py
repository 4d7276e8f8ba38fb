"""第十条 / 序号30 over columns: the employer's five-insurance and post subsidies, held to the scalar rule.

Every case goes through ``same_as_scalar`` (figures, conditions, arithmetic and notes in zh and en, as the
scalar engine gives them) and then checks what a user reads of it: the months, the category, the facts
asked for, the notes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.engine.expr import Params
from wenjiuye_cli.engine.schema import EVALUATION_DATE, KIND, conform, frame_schema
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.rules.employer_insurance import declare

M = "employer_insurance"
ON = date(2021, 3, 1)
# A small firm hiring a Tianjin university's graduate of 2020: the "full" subsidy
GRADUATE: dict[str, Any] = {
    "application_date": ON,
    "hire_date": date(2021, 1, 10),
    "post_type": "ordinary",
    "small_micro_enterprise": True,
    "university_graduate": True,
    "graduation_date": date(2020, 7, 1),
    "tianjin_university": True,
    "sex": "male",
    "birth_date": date(1998, 4, 2),
}
# Any firm but an elder-care or housekeeping one hiring a 就业困难人员 under the age limits: "one_year"
DIFFICULTY: dict[str, Any] = {
    "application_date": ON,
    "hire_date": date(2021, 1, 10),
    "post_type": "ordinary",
    "small_micro_enterprise": False,
    "startup_tech_sme": False,
    "student_startup_enterprise": False,
    "care_firm_type": "neither",
    "university_graduate": False,
    "employment_difficulty": True,
    "zero_employment_family": False,
    "single_parent_family": False,
    "subsistence_allowance_family": False,
    "supports_seriously_ill_relative": False,
    "poor_village_labour": False,
    "poverty_registered_labour": False,
    "sex": "male",
    "birth_date": date(1991, 5, 1),  # 29 on the hire date
}


def category(outcome: Outcome) -> Any:
    (found,) = [c for c in outcome.conditions if c.code == "hire_category"]
    return found


def notes(outcome: Outcome, lang: str = "en") -> list[str]:
    return list(outcome_dict(outcome, lang)["notes"])


def test_full_subsidy_is_36_months_of_insurance_and_12_of_post_subsidy() -> None:
    outcome = same_as_scalar(M, "hire", ON, **GRADUATE)
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.months == 36
    assert outcome.amount is None
    assert outcome.maximum is None
    assert outcome.payee == "enterprise"
    lines = outcome_dict(outcome, "en")["arithmetic"]
    assert lines == [
        "five-insurance subsidy 2021-01 to 2023-12: 36 months, ending 2023-12-31 (duration limit)",
        "post subsidy 2021-01 to 2021-12: 12 months, ending 2021-12-31 (duration limit)",
    ]


def test_another_difficulty_person_brings_one_year_of_insurance_only() -> None:
    outcome = same_as_scalar(M, "hire", ON, **DIFFICULTY)
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.months == 12
    assert category(outcome).args["which"] == "category.one_year"
    assert len(outcome_dict(outcome, "zh")["arithmetic"]) == 1  # no post subsidy
    # at an elder-care firm the same hire brings the full subsidy instead
    care = same_as_scalar(M, "hire", ON, **{**DIFFICULTY, "care_firm_type": "elder_care"})
    assert care.months == 36


def test_one_subsidy_for_a_hire_in_several_routes() -> None:
    both = {**GRADUATE, "care_firm_type": "housekeeping", "employment_difficulty": True}
    outcome = same_as_scalar(M, "hire", ON, **both)
    assert outcome.months == 36
    assert any("one subsidy is given" in n for n in notes(outcome))
    # an older 就业困难人员 is also "another 就业困难人员": the longer subsidy, not both
    older = {**DIFFICULTY, "birth_date": date(1975, 1, 10)}  # 46
    outcome = same_as_scalar(M, "hire", ON, **older)
    assert outcome.months == 36
    assert any("not the 12-month one in addition" in n for n in notes(outcome))


def test_graduated_two_years_before_the_hire_day_still_counts_a_day_later_not() -> None:
    graduate = {
        **DIFFICULTY,
        "employment_difficulty": False,
        "small_micro_enterprise": True,
        "university_graduate": True,
        "tianjin_university": True,
        "graduation_date": date(2019, 1, 10),
    }
    assert same_as_scalar(M, "hire", ON, **graduate).months == 36
    late = same_as_scalar(M, "hire", ON, **{**graduate, "hire_date": date(2021, 1, 11)})
    assert late.status is Status.INELIGIBLE
    assert category(late).args["which"] == "category.none"


def test_a_woman_is_35_on_her_birthday() -> None:
    woman = {**DIFFICULTY, "sex": "female", "original_retirement_age": 55, "birth_date": date(1986, 1, 10)}
    assert same_as_scalar(M, "hire", ON, **woman).months == 36
    younger = same_as_scalar(M, "hire", ON, **{**woman, "birth_date": date(1986, 1, 11)})
    assert younger.months == 12


def test_fewer_than_five_years_from_retirement_runs_to_retirement() -> None:
    # born 1965-02-15: retires at 60 years 1 month on 2025-03-15, 51 months from the hire month
    near = {**DIFFICULTY, "birth_date": date(1965, 2, 15)}
    outcome = same_as_scalar(M, "hire", ON, **near)
    assert outcome.months == 51
    assert any("runs to retirement (2025-03-15)" in n for n in notes(outcome))
    # five years and more before retirement: the 36 months
    far = same_as_scalar(M, "hire", ON, **{**near, "birth_date": date(1966, 7, 1)})
    assert far.months == 36


def test_the_extension_of_the_one_year_subsidy_is_a_reading() -> None:
    wide = ["employer_insurance.extension_years_before_retirement=40"]
    outcome = same_as_scalar(M, "hire", ON, wide, **DIFFICULTY)
    assert outcome.months is not None
    assert outcome.months > 12
    narrow = [*wide, "employer_insurance.extension_for_one_year=false"]
    assert same_as_scalar(M, "hire", ON, narrow, **DIFFICULTY).months == 12


def test_a_dated_set_applies_from_its_day() -> None:
    sets = ["employer_insurance.full_insurance_max_months@2022-01-01=24"]
    assert same_as_scalar(M, "hire", ON, sets, **GRADUATE).months == 36
    later = date(2022, 3, 1)
    outcome = same_as_scalar(M, "hire", later, sets, **{**GRADUATE, "application_date": later})
    assert outcome.months == 24


def test_a_hire_before_the_policy_gets_the_months_in_force_and_the_other_reading() -> None:
    early = {**GRADUATE, "hire_date": date(2019, 7, 1), "graduation_date": date(2019, 6, 30)}
    outcome = same_as_scalar(M, "hire", ON, **early)
    assert outcome.months == 25  # 2020-06 … 2022-06
    said = notes(outcome)
    assert "the policy is in force from 2020-06-30: months before 2020-06 are not counted" in said
    assert said[-1].startswith("under the other reading")
    assert said[-1].endswith("not eligible")
    strict = same_as_scalar(M, "hire", ON, ["general.hires_from_policy_start=true"], **early)
    assert strict.status is Status.INELIGIBLE
    assert notes(strict)[-1].endswith("eligible, the amount set by another standard")


def test_whose_graduate_is_a_reading_and_the_outcome_says_what_the_other_gives() -> None:
    elsewhere = {**GRADUATE, "tianjin_university": False, "tianjin_origin": True}
    outcome = same_as_scalar(M, "hire", ON, **elsewhere)
    assert outcome.status is Status.CANNOT_DECIDE  # other routes are open
    facts = {**elsewhere, "care_firm_type": "neither", "employment_difficulty": False}
    facts |= {"poverty_registered_labour": False}
    outcome = same_as_scalar(M, "hire", ON, **facts)
    assert outcome.status is Status.INELIGIBLE
    assert notes(outcome)[-1].startswith(
        "under the other reading ('本市高校毕业生' means a graduate with a Tianjin"
    )
    origin = same_as_scalar(M, "hire", ON, ["general.tianjin_graduate_means=tianjin_origin"], **facts)
    assert origin.months == 36
    assert notes(origin)[-1].endswith("not eligible")


def test_a_public_welfare_post_is_article_12s() -> None:
    outcome = same_as_scalar(M, "hire", ON, **{**GRADUATE, "post_type": "public_welfare"})
    assert outcome.status is Status.INELIGIBLE
    assert outcome.conditions[1].code == "not_public_welfare_post"
    assert outcome.conditions[1].result is Check.FAILED
    fallback = same_as_scalar(M, "hire", ON, **{**GRADUATE, "post_type": "fallback"})
    assert any("fallback_placement" in n for n in notes(fallback))


def test_missing_facts_are_named_in_the_order_the_routes_ask_for_them() -> None:
    outcome = same_as_scalar(M, "hire", ON, application_date=ON)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts[:3] == ["hire_date", "post_type", "small_micro_enterprise"]
    # the small firm open: the graduate's facts come before the firm type…
    open_firm = {k: v for k, v in GRADUATE.items() if k not in ("small_micro_enterprise", "graduation_date")}
    first = same_as_scalar(M, "hire", ON, **open_firm)
    asked = first.missing_facts
    assert asked.index("graduation_date") < asked.index("care_firm_type")
    # …a firm known not to be small: the firm type first, then the graduate's facts (the care-firm route)
    not_small = {**open_firm, "small_micro_enterprise": False, "startup_tech_sme": False}
    second = same_as_scalar(M, "hire", ON, **{**not_small, "student_startup_enterprise": False})
    asked = second.missing_facts
    assert asked.index("care_firm_type") < asked.index("graduation_date")
    assert category(second).missing == tuple(asked)


def test_an_unknown_sex_leaves_the_age_limit_unknown_not_failed() -> None:
    # Kleene logic would read the man's limit (45) for a missing sex and call a 40-year-old "younger",
    # i.e. the one-year subsidy; the scalar rule cannot tell which limit applies and asks for the sex.
    unknown_sex = {k: v for k, v in DIFFICULTY.items() if k != "sex"} | {"birth_date": date(1980, 6, 1)}
    outcome = same_as_scalar(M, "hire", ON, **unknown_sex)
    assert outcome.status is Status.CANNOT_DECIDE
    assert category(outcome).result is Check.UNKNOWN
    assert category(outcome).missing == ("sex",)
    assert "sex" in outcome.missing_facts


def test_a_period_wholly_before_the_policy_has_zero_months_not_unknown() -> None:
    # counted like an empty list's sum: no month in force is 0 months, shown as 0, and the hire ineligible
    old = {**DIFFICULTY, "hire_date": date(2016, 1, 10)}
    outcome = same_as_scalar(M, "hire", ON, **old)
    assert outcome.status is Status.INELIGIBLE
    (months,) = [c for c in outcome.conditions if c.code == "subsidy_months"]
    assert months.result is Check.FAILED
    assert months.args["months"] == 0
    assert "0 个月" in outcome_dict(outcome, "zh")["conditions"][-1]["text"]


def test_the_firm_type_is_first_named_under_the_elder_care_route_whenever_named_at_all() -> None:
    # The rule names ``care_firm_type`` in one place only (the elder-care route, leaf 5), relying on this:
    # wherever the one-year route (leaf 15) names it, leaf 5 names it too. Checked on every combination of
    # the routes' parts being yes, no or unknown.
    values: dict[str, list[Any]] = {
        "small_micro_enterprise": [True, False, None],
        "tianjin_university": [True, False, None],  # the graduate: yes, no or unknown
        "employment_difficulty": [True, False, None],
        "poor_village_labour": [True, False, None],
        "zero_employment_family": [True, False, None],
        "birth_date": [date(1990, 1, 1), date(1970, 1, 1), None],  # younger, older, unknown
        "poverty_registered_labour": [True, False, None],
    }
    rows = [{}]
    for name, options in values.items():
        rows = [{**row, name: option} for row in rows for option in options]
    fixed = {"hire_date": date(2021, 1, 10), "graduation_date": date(2020, 7, 1), "sex": "male"}
    fixed |= {"startup_tech_sme": False, "student_startup_enterprise": False, "university_graduate": True}
    fixed |= dict.fromkeys(("single_parent_family", "subsistence_allowance_family"), False)
    fixed |= {"supports_seriously_ill_relative": False}
    schema = frame_schema(["hire"])
    frame = pl.DataFrame(
        [{KIND: "hire", EVALUATION_DATE: ON, **fixed, **row} for row in rows],
        schema={k: v for k, v in schema.items() if k in {KIND, EVALUATION_DATE, *fixed, *values}},
    )
    rule = declare(Params(load_policy()))
    lazy = conform(frame, ["hire"]).with_columns(pl.lit(True).alias("~in_force"))  # as the evaluator adds it
    for stage in rule.stages:
        lazy = lazy.with_columns(list(stage.values()))
    named = lazy.select(
        at_5=pl.col(f"~{M}.occ.5.care_firm_type"), at_15=pl.col(f"~{M}.occ.15.care_firm_type")
    ).collect()
    assert named["at_15"].sum() > 0  # the case arises
    assert named.filter(pl.col("at_15") & ~pl.col("at_5")).height == 0
