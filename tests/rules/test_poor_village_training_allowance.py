"""第二十条 / 序号46 over columns: 500 yuan living allowance for a poor-village trainee who completed training."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 4, 1)


def test_completed_training_gets_500() -> None:
    outcome = same_as_scalar("poor_village_training_allowance", "person", ON, poor_village_labour=True,
                             skills_training_completed_date=date(2021, 3, 1))  # fmt: skip
    assert outcome.amount == Decimal(500)


def test_training_not_yet_completed() -> None:
    outcome = same_as_scalar("poor_village_training_allowance", "person", ON, poor_village_labour=True,
                             skills_training_completed_date=date(2021, 5, 1))  # fmt: skip
    assert outcome.status is Status.INELIGIBLE
