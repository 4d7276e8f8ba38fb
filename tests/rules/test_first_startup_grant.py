"""第十四条 / 序号36 over columns: 3000 yuan once, by either of two sets of conditions; the outcome shows only the
explaining branch's conditions, as the scalar ``_branches.settle`` does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import same_as_scalar, scalar
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy

ON = date(2022, 6, 1)
FOUNDER: dict[str, Any] = {
    "registration_date": date(2021, 1, 1),
    "business_type": "enterprise",
    "registered_in_heping": True,
    "operating_normally": True,
    "tianjin_hukou": True,
    "registered_unemployed_since": date(2020, 7, 1),
    "first_business": True,
    "jobs_created": 1,
    "consecutive_contribution_months": 12,
    "poor_village_labour": False,
}


def grant(sets: list[str] | None = None, on: date = ON, **changes: Any) -> Any:
    """The columnar outcome, checked against the scalar one (figures, conditions, arithmetic and notes)."""
    facts = {**FOUNDER, **changes}
    got = same_as_scalar("first_startup_grant", "person", on, sets, **facts)
    want = scalar("first_startup_grant", "person", on, load_policy(overrides=sets or []), **facts)
    for lang in ("zh", "en"):
        assert outcome_dict(got, lang)["notes"] == outcome_dict(want, lang)["notes"]
    return got


def codes(outcome: Any) -> list[str]:
    return [c.code for c in outcome.conditions]


def notes(outcome: Any, lang: str = "zh") -> str:
    return " | ".join(outcome_dict(outcome, lang)["notes"])


def test_branch_a_gives_3000_and_shows_only_its_conditions() -> None:
    outcome = grant()
    assert outcome.amount == Decimal("3000")
    assert "poor_village_labour" not in codes(outcome)  # branch B failed, and is not shown
    assert codes(outcome)[-1] == "branch"
    assert all(c.result is Check.PASSED for c in outcome.conditions)


def test_half_a_year_of_unemployment_by_the_registration_day_includes_the_day() -> None:
    assert grant(registered_unemployed_since=date(2020, 7, 1), rural_labour=False).status is Status.ELIGIBLE
    short = grant(registered_unemployed_since=date(2020, 7, 2), rural_labour=False)
    assert short.status is Status.INELIGIBLE
    text = " ".join(c["text"] for c in outcome_dict(short, "zh")["conditions"])
    assert "满 6 个月要到 2021-01-02，晚于注册日 2021-01-01" in text


def test_branch_b_three_months_for_poor_village_labour() -> None:
    facts = {"tianjin_hukou": False, "poor_village_labour": True, "registration_date": date(2022, 3, 1)}
    assert grant(**facts).status is Status.ELIGIBLE  # 2022-03-01 + 3 months = 2022-06-01
    assert grant(on=date(2022, 5, 31), **facts).status is Status.INELIGIBLE


def test_both_branches_hold_paid_once_with_a_note() -> None:
    outcome = grant(poor_village_labour=True)
    assert outcome.amount == Decimal("3000")
    assert "只补一次" in notes(outcome)


def test_undecided_branch_b_explains_and_names_its_facts_in_its_order() -> None:
    # A fails (no job), B cannot be decided: B's facts, in B's order, though A asks for operating_normally first
    outcome = grant(jobs_created=0, poor_village_labour=None, operating_normally=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["poor_village_labour", "operating_normally"]
    assert "jobs_created" not in codes(outcome)
    assert "不符合" in notes(outcome)  # branch A is named as not met


def test_the_rural_branchs_hukou_is_named_after_rural_labour() -> None:
    sets = ["first_startup.hukou_applies_to_rural_labour=true"]
    facts = {"registered_unemployed_since": date(2020, 11, 1), "tianjin_hukou": None, "rural_labour": None}
    assert grant(sets, **facts).missing_facts == ["rural_labour", "tianjin_hukou"]
    assert grant(**facts).missing_facts == ["rural_labour"]


def test_a_common_failure_makes_a_holding_branch_ineligible() -> None:
    outcome = grant(registered_in_heping=False)
    assert outcome.status is Status.INELIGIBLE
    assert "branch" in codes(outcome)


def test_no_registration_date_looks_at_no_branch() -> None:
    outcome = grant(registration_date=None)
    assert outcome.missing_facts == ["registration_date"]
    assert codes(outcome) == ["registered", "business_type", "registered_in_heping"]


def test_a_sole_proprietor_is_told_the_other_reading() -> None:
    outcome = grant(business_type="sole_proprietorship")
    assert outcome.status is Status.ELIGIBLE
    text = notes(outcome, "en")
    assert "first_startup.sole_proprietorship_counts=false" in text
    assert "not eligible" in text
    flipped = grant(["first_startup.sole_proprietorship_counts=false"], business_type="sole_proprietorship")
    assert flipped.status is Status.INELIGIBLE
    assert "3000 yuan" in notes(flipped, "en")
    # the other reading of a missing fact says which facts it would need
    excluded = ["first_startup.sole_proprietorship_counts=false"]
    unknown = grant(excluded, business_type="sole_proprietorship", jobs_created=None)
    assert "cannot decide; also needs jobs_created" in notes(unknown, "en")
    assert "other reading" not in notes(grant(), "en")
