"""第二十条 / 序号47 over columns: 1000 yuan once, within a year of the training, for the four groups."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 6, 1)
TRAINEE: dict[str, Any] = {
    "employment_difficulty": True,
    "skills_training_completed_date": date(2021, 3, 1),
    "training_allowance_received": False,
}


def test_within_a_year_of_training() -> None:
    assert same_as_scalar("training_living_allowance", "person", ON, **TRAINEE).amount == Decimal(1000)
    late = date(2022, 3, 2)
    assert same_as_scalar("training_living_allowance", "person", late, **TRAINEE).status is Status.INELIGIBLE


def test_once_for_the_training_or_once_in_12_months() -> None:
    paid = {**TRAINEE, "training_allowance_received": True, "training_allowance_last_paid": date(2021, 4, 1)}
    assert same_as_scalar("training_living_allowance", "person", ON, **paid).status is Status.INELIGIBLE
    sets = ["key_group_training.one_off_reading=once_per_12_months"]
    earlier = {**paid, "training_allowance_last_paid": date(2020, 5, 31)}
    assert (
        same_as_scalar("training_living_allowance", "person", ON, sets, **earlier).status is Status.ELIGIBLE
    )


def test_group_unknown_names_every_unknown_group_fact() -> None:
    facts = {k: v for k, v in TRAINEE.items() if k != "employment_difficulty"}
    outcome = same_as_scalar("training_living_allowance", "person", ON, zero_employment_family=False, **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == [
        "employment_difficulty",
        "rural_school_leaver",
        "subsistence_allowance_family",
    ]
