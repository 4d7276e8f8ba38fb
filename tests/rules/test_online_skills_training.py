"""第十九条 / 序号45 over columns: 600 yuan for each person the enterprise trained online."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 4, 1)


def test_per_person() -> None:
    outcome = same_as_scalar("online_skills_training", "enterprise", ON, online_trained_persons=7)
    assert outcome.amount == Decimal(4200)


def test_nobody_trained_or_unknown() -> None:
    assert (
        same_as_scalar("online_skills_training", "enterprise", ON, online_trained_persons=0).status
        is Status.INELIGIBLE
    )
    unknown = same_as_scalar("online_skills_training", "enterprise", ON)
    assert unknown.missing_facts == ["online_trained_persons"]


def test_half_fen_rate_rounds_half_up() -> None:
    # a --set rate of 0.05 yuan for 1 person is 0.05; for 3 people 0.15 — exact; 600.005 is refused as money,
    # so the product of whole fen is whole fen
    outcome = same_as_scalar("online_skills_training", "enterprise", ON, ["online_training.per_person=0.05"],
                             online_trained_persons=3)  # fmt: skip
    assert outcome.amount == Decimal("0.15")
