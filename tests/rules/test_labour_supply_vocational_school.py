"""第二十四条 / 序号57 over columns: a vocational school sending 30+ at once, at most 1000 yuan per stayer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Status

ON = date(2021, 4, 1)


def test_maximum_per_person_who_stayed() -> None:
    outcome = same_as_scalar("labour_supply_vocational_school", "vocational_school", ON,
                             to_key_shortage_enterprise=True, batch_sent_count=35, batch_stayed_count=30)  # fmt: skip
    assert outcome.maximum == Decimal(30000)


def test_key_enterprise_only_when_required() -> None:
    required = same_as_scalar("labour_supply_vocational_school", "vocational_school", ON,
                              to_key_shortage_enterprise=False, batch_sent_count=35, batch_stayed_count=30)  # fmt: skip
    assert required.status is Status.INELIGIBLE
    sets = ["labour_supply.school_requires_key_enterprise=false"]
    free = same_as_scalar("labour_supply_vocational_school", "vocational_school", ON, sets,
                          to_key_shortage_enterprise=False, batch_sent_count=35, batch_stayed_count=30)  # fmt: skip
    assert free.status is Status.ELIGIBLE
