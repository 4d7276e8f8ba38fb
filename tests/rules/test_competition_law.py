"""第十八条 / 序号42–43 创业大赛: awards and hosting subsidies are maxima, never counted in totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.outcome import Check, Status

ON = date(2022, 5, 1)


@pytest.mark.parametrize("kind", ["person", "enterprise"])
def test_winner_gets_at_most_300000(kind: str) -> None:
    # 对获奖选手和项目，给予最高30万元奖励
    outcome = run("competition_award", kind, application_date=ON, starting_business_in_heping=True,
                  haihe_competition_winner=True)  # fmt: skip
    assert outcome.status is Status.ELIGIBLE
    assert outcome.maximum == Decimal(300000)
    assert outcome.amount is None
    assert "note.priority" in [n.code for n in outcome.notes]


def test_award_not_in_total_but_in_maxima() -> None:
    person = applicant(
        "person", application_date=ON, starting_business_in_heping=True, haihe_competition_winner=True
    )
    result = evaluate(person, POLICY, only=["competition_award"])
    assert result.total == 0
    assert result.maxima_total == Decimal(300000)


def test_award_needs_a_win_and_heping() -> None:
    lost = run("competition_award", "person", application_date=ON, starting_business_in_heping=True,
               haihe_competition_winner=False)  # fmt: skip
    assert lost.status is Status.INELIGIBLE
    elsewhere = run("competition_award", "person", application_date=ON, starting_business_in_heping=False,
                    haihe_competition_winner=True)  # fmt: skip
    assert condition(elsewhere, "starting_business_in_heping") is Check.FAILED


def test_hosting_at_most_500000() -> None:
    # 支持我区各行业系统举办创业大赛，给予最高50万元补贴
    outcome = run("competition_hosting", "enterprise", application_date=ON, heping_sector_body=True,
                  hosted_startup_competition=True)  # fmt: skip
    assert outcome.status is Status.ELIGIBLE
    assert outcome.maximum == Decimal(500000)
    assert outcome.amount is None
    host = applicant(
        "enterprise", application_date=ON, heping_sector_body=True, hosted_startup_competition=True
    )
    assert evaluate(host, POLICY, only=["competition_hosting"]).total == 0


def test_hosting_missing_fact() -> None:
    outcome = run("competition_hosting", "enterprise", application_date=ON, heping_sector_body=True)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["hosted_startup_competition"]


@given(won=st.booleans(), heping=st.booleans(), hosted=st.booleans(), body=st.booleans())
def test_maxima_are_the_caps_and_never_amounts(won: bool, heping: bool, hosted: bool, body: bool) -> None:
    award = run("competition_award", "enterprise", application_date=ON, starting_business_in_heping=heping,
                haihe_competition_winner=won)  # fmt: skip
    hosting = run("competition_hosting", "enterprise", application_date=ON, heping_sector_body=body,
                  hosted_startup_competition=hosted)  # fmt: skip
    assert award.amount is None
    assert hosting.amount is None
    assert award.maximum == (Decimal(300000) if won and heping else None)
    assert hosting.maximum == (Decimal(500000) if hosted and body else None)
