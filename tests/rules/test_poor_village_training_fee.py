"""第二十条 / 序号46 over columns: 120% of the course standard per qualified poor-village trainee."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 4, 1)


def test_120_percent_of_the_standard() -> None:
    outcome = same_as_scalar("poor_village_training_fee", "training_provider", ON, poor_village_trainees=3,
                             course_subsidy_standard=Decimal("1333.33"))  # fmt: skip
    # 3 × 1333.33 × 1.2 = 4799.988 → 4799.99
    assert outcome.amount == Decimal("4799.99")


def test_unknown_standard_is_named() -> None:
    outcome = same_as_scalar("poor_village_training_fee", "training_provider", ON, poor_village_trainees=3)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["course_subsidy_standard"]
