"""第十六条 / 序号38 带动就业补贴 over columns: 3000 yuan for each new job in the incubated firms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 4, 1)


def test_per_new_job() -> None:
    outcome = same_as_scalar(
        "incubator_jobs", "incubator", ON, heping_incubator=True, new_jobs_in_incubated_firms=5
    )
    assert outcome.amount == Decimal(15000)


def test_not_a_heping_incubator() -> None:
    outcome = same_as_scalar(
        "incubator_jobs", "incubator", ON, heping_incubator=False, new_jobs_in_incubated_firms=5
    )
    assert outcome.status is Status.INELIGIBLE
