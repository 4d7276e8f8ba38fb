"""measures/_hire.py: "本市高校毕业生" (序号30 企业社保补贴, 序号31 灵活就业社保补贴) as a parameter, and the
note giving what its other reading would give."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.helpers import condition, run
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.money import fmt_number
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.policy import load_policy

ORIGIN = load_policy(overrides=["general.tianjin_graduate_means=tianjin_origin"])
EITHER = load_policy(overrides=["general.tianjin_graduate_means=either"])
# Born and registered in Tianjin (生源地), graduated from a university elsewhere.
ELSEWHERE = {"university_graduate": True, "tianjin_university": False, "tianjin_origin": True}
FLEX: dict[str, Any] = {
    "application_date": date(2023, 3, 15),
    "flexible_employment_since": date(2023, 1, 1),
    "flexible_subsidy_months_received": 0,
    "sex": "male",
    "birth_date": date(1998, 5, 1),
    "employment_difficulty": False,
    **ELSEWHERE,
}
HIRE: dict[str, Any] = {
    "application_date": date(2021, 9, 1),
    "hire_date": date(2021, 7, 10),
    "post_type": "ordinary",
    "small_micro_enterprise": True,
    "startup_tech_sme": False,
    "student_startup_enterprise": False,
    "care_firm_type": "neither",
    "employment_difficulty": False,
    "zero_employment_family": False,
    "single_parent_family": False,
    "subsistence_allowance_family": False,
    "supports_seriously_ill_relative": False,
    "poor_village_labour": False,
    "poverty_registered_labour": False,
    "sex": "male",
    "birth_date": date(1997, 5, 1),
    **ELSEWHERE,
}
OTHER = "按另一种理解（“本市高校毕业生”指户籍或生源地为天津的高校毕业生；--set general.tianjin_graduate_means=tianjin_origin）："


def notes(outcome: Outcome) -> list[str]:
    measure = measure_by_id(outcome.measure_id)
    return [render_message(n, measure, "zh") for n in outcome.notes]


@pytest.mark.parametrize(("graduated", "ok"), [(date(2021, 3, 15), True), (date(2021, 3, 14), False)])
def test_flexible_graduate_from_elsewhere_with_tianjin_origin(graduated: date, ok: bool) -> None:
    # 序号31 对毕业2年内的本市高校毕业生: refused by default (a university elsewhere); under the origin reading
    # the 2-year window still decides, to the day (2023-03-15 is the second anniversary of 2021-03-15).
    outcome = run("flexible_insurance", "person", **{**FLEX, "graduation_date": graduated})
    assert outcome.status is Status.INELIGIBLE
    other = run("flexible_insurance", "person", policy=ORIGIN, **{**FLEX, "graduation_date": graduated})
    assert (other.status is not Status.INELIGIBLE) is ok
    if ok:
        assert condition(other, "tianjin_university") is Check.PASSED
    assert (other.amount is not None) is ok
    expected = f"可得 {fmt_number(other.amount)} 元" if other.amount is not None else "不符合"
    assert any(n.startswith(OTHER + expected) for n in notes(outcome))
    either = run("flexible_insurance", "person", policy=EITHER, **{**FLEX, "graduation_date": graduated})
    assert (either.status, either.amount) == (other.status, other.amount)


@pytest.mark.parametrize(("graduated", "ok"), [(date(2019, 7, 10), True), (date(2019, 7, 9), False)])
def test_employer_hiring_a_graduate_from_elsewhere_with_tianjin_origin(graduated: date, ok: bool) -> None:
    # 序号30 小微企业吸纳毕业2年内的本市高校毕业生 (hired 2021-07-10: two years after 2019-07-10 is within).
    facts = {**HIRE, "graduation_date": graduated}
    outcome = run("employer_insurance", "hire", **facts)
    assert outcome.status is Status.INELIGIBLE
    other = run("employer_insurance", "hire", policy=ORIGIN, **facts)
    assert (other.status is Status.AMOUNT_SET_ELSEWHERE) is ok
    assert (OTHER + ("符合，金额按其他标准" if ok else "不符合")) in notes(outcome)
    # the default reading's own fact decides alone: a Tianjin university graduate needs no origin
    tianjin = run(
        "employer_insurance", "hire", **{**facts, "tianjin_university": True, "tianjin_origin": None}
    )
    assert (tianjin.status is Status.AMOUNT_SET_ELSEWHERE) is ok
    assert not [n for n in notes(tianjin) if n.startswith("按另一种理解（“本市")]
