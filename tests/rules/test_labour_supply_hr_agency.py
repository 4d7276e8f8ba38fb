"""第二十四条 / 序号57 over columns: an HR agency sending 30+ people at once, at most 600 yuan per contract."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 4, 1)
AGENCY: dict[str, Any] = {"agency_in_heping": True, "to_key_shortage_enterprise": True}


def test_maximum_per_contracted_person() -> None:
    outcome = same_as_scalar("labour_supply_hr_agency", "hr_agency", ON, batch_sent_count=40,
                             batch_contracted_count=32, **AGENCY)  # fmt: skip
    assert outcome.maximum == Decimal(32 * 600)


def test_threshold_counts_those_qualifying_or_everyone() -> None:
    few = same_as_scalar("labour_supply_hr_agency", "hr_agency", ON, batch_sent_count=40,
                         batch_contracted_count=20, **AGENCY)  # fmt: skip
    assert few.status is Status.INELIGIBLE
    sent = same_as_scalar("labour_supply_hr_agency", "hr_agency", ON, ["labour_supply.threshold_counts=sent"],
                          batch_sent_count=40, batch_contracted_count=20, **AGENCY)  # fmt: skip
    assert sent.maximum == Decimal(20 * 600)
    unknown = same_as_scalar("labour_supply_hr_agency", "hr_agency", ON, ["labour_supply.threshold_counts=sent"],
                             batch_sent_count=40, **AGENCY)  # fmt: skip
    assert unknown.status is Status.CANNOT_DECIDE
    assert unknown.missing_facts == ["batch_contracted_count"]
