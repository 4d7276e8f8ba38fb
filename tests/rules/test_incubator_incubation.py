"""第十六条 / 序号38 孵化补贴 over columns: 10,000 yuan per new firm operating 12 months with 2 jobs or more."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar
from wenjiuye_cli.outcome import Check, Status

ON = date(2021, 4, 1)


def firms(*pairs: tuple[int, int]) -> list[dict[str, int]]:
    return [{"operating_months": m, "jobs_created": j} for m, j in pairs]


def test_each_firm_judged_on_its_own() -> None:
    outcome = same_as_scalar("incubator_incubation", "incubator", ON, heping_incubator=True,
                             new_incubated_firms=firms((14, 3), (12, 2), (11, 5), (20, 1)))  # fmt: skip
    assert outcome.amount == Decimal(20000)


def test_no_firm_listed_is_not_no_firm_given() -> None:
    # the sum of a null list is null, not 0: "none given" cannot be decided, "none" is ineligible
    none = same_as_scalar(
        "incubator_incubation", "incubator", ON, heping_incubator=True, new_incubated_firms=[]
    )
    assert none.status is Status.INELIGIBLE
    assert [c.result for c in none.conditions if c.code == "qualifying_firms"] == [Check.FAILED]
    unknown = same_as_scalar("incubator_incubation", "incubator", ON, heping_incubator=True)
    assert unknown.status is Status.CANNOT_DECIDE
    assert unknown.missing_facts == ["new_incubated_firms"]


def test_a_dated_threshold() -> None:
    sets = ["incubator.incubation_min_jobs@2021-01-01=3"]
    outcome = same_as_scalar("incubator_incubation", "incubator", ON, sets, heping_incubator=True,
                             new_incubated_firms=firms((14, 3), (12, 2)))  # fmt: skip
    assert outcome.amount == Decimal(10000)
