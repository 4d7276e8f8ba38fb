"""第十八条 / 序号42 over columns: a winner starting up in Heping gets at most 300,000 yuan, never a total."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2022, 5, 1)


def test_winner_gets_at_most_300000() -> None:
    outcome = same_as_scalar("competition_award", "person", ON, starting_business_in_heping=True,
                             haihe_competition_winner=True)  # fmt: skip
    assert outcome.status is Status.ELIGIBLE
    assert outcome.maximum == Decimal(300000)
    assert outcome.amount is None


def test_a_loss_is_ineligible_and_an_unknown_result_is_named() -> None:
    lost = same_as_scalar("competition_award", "enterprise", ON, starting_business_in_heping=True,
                          haihe_competition_winner=False)  # fmt: skip
    assert lost.status is Status.INELIGIBLE
    unknown = same_as_scalar("competition_award", "person", ON, starting_business_in_heping=True)
    assert unknown.status is Status.CANNOT_DECIDE
    assert unknown.missing_facts == ["haihe_competition_winner"]
