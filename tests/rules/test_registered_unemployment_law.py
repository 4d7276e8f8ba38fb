"""登记失业 read one way by every measure that asks for it (第十条 序号29, 第十四条 序号36, 第二十八条 序号61).

A registration date implies registration; "no" without a date means not registered; "no" together with a
date contradicts itself and is reported as such (cannot decide, naming both facts, none "missing")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers import run
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render
from wenjiuye_cli.outcome import Check, Outcome, Status

SINCE = date(2020, 7, 1)
# Each measure with facts under which registered unemployment since SINCE alone decides eligibility.
CASES: dict[str, tuple[str, dict[str, Any], Decimal]] = {
    "hiring_subsidy": (
        "hire",
        {
            "application_date": date(2021, 8, 1),
            "hire_date": date(2021, 3, 15),
            "sme": True,
            "university_graduate": False,
            "rural_labour": False,
            "poor_village_labour": False,
            "contract_months": 12,
            "contribution_months": 3,
        },
        Decimal(1000),
    ),
    "first_startup_grant": (
        "person",
        {
            "application_date": date(2022, 3, 10),
            "registration_date": date(2021, 3, 10),
            "business_type": "enterprise",
            "registered_in_heping": True,
            "operating_normally": True,
            "tianjin_hukou": True,
            "rural_labour": False,
            "first_business": True,
            "jobs_created": 1,
            "consecutive_contribution_months": 12,
            "poor_village_labour": False,
        },
        Decimal(3000),
    ),
    "hardship_grant": (
        "person",
        {
            "application_date": date(2020, 9, 1),
            "unemployment_registered_in_heping": True,
            "low_income_family": True,
        },
        Decimal(2000),
    ),
}


def evaluate(measure_id: str, **facts: Any) -> Outcome:
    kind, base, _amount = CASES[measure_id]
    return run(measure_id, kind, **{**base, **facts})


@pytest.mark.parametrize("measure_id", list(CASES))
def test_a_registration_date_implies_registration(measure_id: str) -> None:
    outcome = evaluate(measure_id, registered_unemployed_since=SINCE)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == CASES[measure_id][2]
    both = evaluate(measure_id, registered_unemployed=True, registered_unemployed_since=SINCE)
    assert (both.status, both.amount) == (outcome.status, outcome.amount)


@pytest.mark.parametrize("measure_id", list(CASES))
def test_no_without_a_date_means_not_registered(measure_id: str) -> None:
    assert evaluate(measure_id, registered_unemployed=False).status is Status.INELIGIBLE


@pytest.mark.parametrize("measure_id", list(CASES))
def test_no_with_a_date_is_a_contradiction_not_a_guess(measure_id: str) -> None:
    outcome = evaluate(measure_id, registered_unemployed=False, registered_unemployed_since=SINCE)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []  # both were given: nothing is missing, one of them is wrong
    found = [c for c in outcome.conditions if c.code == "unemployment.contradiction"]
    assert [c.result for c in found] == [Check.UNKNOWN]
    measure = measure_by_id(measure_id)
    for lang in ("zh", "en"):
        text = render(found[0].code, found[0].args, measure, lang)
        assert "registered_unemployed" in text
        assert "registered_unemployed_since" in text
        assert "2020-07-01" in text


def test_a_contradiction_that_does_not_matter_is_not_reported() -> None:
    # Rural labour qualifies for the hiring subsidy on its own: the unemployment facts do not matter.
    outcome = evaluate(
        "hiring_subsidy", rural_labour=True, registered_unemployed=False, registered_unemployed_since=SINCE
    )
    assert outcome.status is Status.ELIGIBLE
    assert "unemployment.contradiction" not in [c.code for c in outcome.conditions]
