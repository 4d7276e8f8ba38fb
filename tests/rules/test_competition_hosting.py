"""第十八条 / 序号43 over columns: a Heping sector body hosting a competition gets at most 500,000 yuan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2022, 5, 1)


def test_host_gets_at_most_500000_and_a_set_changes_it() -> None:
    outcome = same_as_scalar("competition_hosting", "enterprise", ON, heping_sector_body=True,
                             hosted_startup_competition=True)  # fmt: skip
    assert outcome.maximum == Decimal(500000)
    raised = same_as_scalar("competition_hosting", "enterprise", ON, ["competition.hosting_max@2022-01-01=600000"],
                            heping_sector_body=True, hosted_startup_competition=True)  # fmt: skip
    assert raised.maximum == Decimal(600000)


def test_not_a_sector_body() -> None:
    outcome = same_as_scalar("competition_hosting", "enterprise", ON, heping_sector_body=False)
    assert outcome.status is Status.INELIGIBLE
