"""第十六条 / 序号38 建设费补贴 over columns: at most 500,000 yuan, raised 50% when students founded half
the incubated firms; the amount is set elsewhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.engine.helpers import same_as_scalar, scalar
from wenjiuye_cli.outcome import Status
from wenjiuye_cli.policy import load_policy

ON = date(2021, 4, 1)


def test_half_student_founded_raises_the_maximum() -> None:
    outcome = same_as_scalar("incubator_construction", "incubator", ON, heping_incubator=True,
                             incubated_firms_count=10, student_founded_firms_count=5)  # fmt: skip
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.maximum == Decimal(750000)


def test_below_half_or_no_firms() -> None:
    below = same_as_scalar("incubator_construction", "incubator", ON, heping_incubator=True,
                           incubated_firms_count=3, student_founded_firms_count=1)  # fmt: skip
    assert below.maximum == Decimal(500000)
    none = same_as_scalar("incubator_construction", "incubator", ON, heping_incubator=True,
                          incubated_firms_count=0, student_founded_firms_count=0)  # fmt: skip
    assert none.maximum == Decimal(500000)


def test_uplift_without_raising_the_maximum_and_inconsistent_counts() -> None:
    kept = same_as_scalar("incubator_construction", "incubator", ON, ["incubator.uplift_raises_maximum=false"],
                          heping_incubator=True, incubated_firms_count=2, student_founded_firms_count=2)  # fmt: skip
    assert kept.maximum == Decimal(500000)
    odd = same_as_scalar("incubator_construction", "incubator", ON, heping_incubator=True,
                         incubated_firms_count=2, student_founded_firms_count=3)  # fmt: skip
    assert odd.status is Status.CANNOT_DECIDE


def test_an_uplift_in_thousandths_is_shown_exactly() -> None:
    outcome = same_as_scalar("incubator_construction", "incubator", ON, ["incubator.construction_max=1234.56",
                             "incubator.student_uplift=0.15"], heping_incubator=True, incubated_firms_count=2,
                             student_founded_firms_count=2)  # fmt: skip
    # 1234.56 × 1.15 = 1419.744, shown as it is, a fen at most in the figures
    assert outcome.maximum == Decimal("1419.74")


def test_an_uplifted_maximum_is_a_sum_of_money_at_the_fen() -> None:
    # a --set maximum of 0.01 yuan raised by 50% is 0.015: the figure (and the maxima total) is 0.02 in both
    # engines, half up; the arithmetic shows the exact product
    outcome = same_as_scalar("incubator_construction", "incubator", ON, ["incubator.construction_max=0.01"],
                             heping_incubator=True, incubated_firms_count=1, student_founded_firms_count=1)  # fmt: skip
    assert outcome.maximum == Decimal("0.02")
    assert scalar("incubator_construction", "incubator", ON, load_policy(overrides=["incubator.construction_max=0.01"]),
                  heping_incubator=True, incubated_firms_count=1, student_founded_firms_count=1).maximum == Decimal("0.02")  # fmt: skip
