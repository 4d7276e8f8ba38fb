"""第二十八条 / 序号61 over columns: 2000 yuan once for a registered-unemployed low-income family member,
applying by 2020-12-31."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2020, 11, 1)
PERSON: dict[str, Any] = {
    "application_date": ON,
    "registered_unemployed": True,
    "unemployment_registered_in_heping": True,
    "low_income_family": True,
}


def test_eligible_until_the_end_date() -> None:
    assert same_as_scalar("hardship_grant", "person", ON, **PERSON).amount == Decimal(2000)
    late = {**PERSON, "application_date": date(2021, 1, 1)}
    assert same_as_scalar("hardship_grant", "person", date(2021, 1, 1), **late).status is Status.INELIGIBLE


def test_a_contradictory_registration_names_no_missing_fact() -> None:
    facts = {**PERSON, "registered_unemployed": False, "registered_unemployed_since": date(2020, 5, 1)}
    outcome = same_as_scalar("hardship_grant", "person", ON, **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []


def test_subsistence_families_by_the_reading() -> None:
    # 低收入救助家庭 does not include 低保家庭 unless hardship_grant.includes_subsistence_families says so
    facts = {**PERSON, "low_income_family": False, "subsistence_allowance_family": True}
    assert same_as_scalar("hardship_grant", "person", ON, **facts).status is Status.INELIGIBLE
    sets = ["hardship_grant.includes_subsistence_families=true"]
    assert same_as_scalar("hardship_grant", "person", ON, sets, **facts).status is Status.ELIGIBLE
