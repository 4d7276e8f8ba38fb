"""第二十七条 / 序号60 失业保险金发放至法定退休年龄: "不足1年", the months continued, month by month."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, condition, run
from wenjiuye_cli.dates import add_years, month_start
from wenjiuye_cli.engine.applicants import PrecisionError
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.retirement import statutory_retirement

# A man born 1961-09-15 reaches 60 on 2021-09-15; his benefit ran out on 2021-03-31.
BASE: dict[str, Any] = {
    "application_date": date(2021, 4, 10),
    "ui_benefit_end_date": date(2021, 3, 31),
    "employed_since_benefit_end": False,
    "ui_monthly_benefit": Decimal("1615.50"),
    "sex": "male",
    "birth_date": date(1961, 9, 15),
}


def ui(policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run("ui_to_retirement", "person", policy=policy, **facts)


def test_paid_from_the_next_month_to_the_retirement_month() -> None:
    # 继续发放失业保险金至法定退休年龄
    outcome = ui()
    assert outcome.status is Status.ELIGIBLE
    assert [line.month for line in outcome.schedule] == [date(2021, m, 1) for m in range(4, 10)]
    assert outcome.months == 6
    assert outcome.amount == Decimal("9693.00")
    assert outcome.extra == {"end_date": date(2021, 9, 15), "end_reason": "retirement"}


def test_retirement_month_can_be_left_out() -> None:
    policy = load_policy(overrides=["ui_to_retirement.retirement_month_paid=false"])
    outcome = ui(policy)
    assert outcome.months == 5
    assert outcome.extra["end_date"] == date(2021, 8, 31)


@pytest.mark.parametrize(
    ("ended", "ok"),
    [(date(2020, 9, 15), False), (date(2020, 9, 16), True), (date(2021, 8, 14), True)],
)
def test_fewer_than_one_year_to_retirement(ended: date, ok: bool) -> None:
    # 距离法定退休年龄不足1年: exactly one year before is not "fewer"
    outcome = ui(ui_benefit_end_date=ended, application_date=max(ended, date(2020, 9, 20)))
    assert condition(outcome, "near_retirement") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_benefit_ending_at_retirement_is_not_continued() -> None:
    outcome = ui(ui_benefit_end_date=date(2021, 9, 15), application_date=date(2021, 9, 20))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "before_retirement") is Check.FAILED


def test_only_if_still_unemployed() -> None:
    # 期满仍未就业
    outcome = ui(employed_since_benefit_end=True)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "still_unemployed") is Check.FAILED


def test_no_month_left_is_ineligible() -> None:
    policy = load_policy(overrides=["ui_to_retirement.retirement_month_paid=false"])
    outcome = ui(policy, ui_benefit_end_date=date(2021, 8, 31), application_date=date(2021, 9, 1))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "months_to_pay") is Check.FAILED


def test_policy_end_stops_the_payments() -> None:
    outcome = ui(
        birth_date=date(1965, 1, 20), ui_benefit_end_date=date(2025, 3, 31), application_date=date(2025, 4, 2)
    )
    # born January 1965: 60 years 1 month, reached 2025-02-20, before the benefit ran out
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "before_retirement") is Check.FAILED
    later = ui(
        birth_date=date(1965, 9, 20), ui_benefit_end_date=date(2025, 3, 31), application_date=date(2025, 4, 2)
    )
    # born September 1965: 60 years 3 months, retirement 2025-12-20; the policy ends 2025-06-29 but the
    # benefit, paid from the unemployment-insurance fund, runs to retirement
    assert later.extra == {"end_date": date(2025, 12, 20), "end_reason": "retirement"}
    assert later.months == 9
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])  # the old reading
    cut = ui(stop, birth_date=date(1965, 9, 20), ui_benefit_end_date=date(2025, 3, 31),
             application_date=date(2025, 4, 2))  # fmt: skip
    assert cut.extra == {"end_date": date(2025, 6, 29), "end_reason": "policy_end"}
    assert cut.months == 3


def test_benefit_ended_2025_05_and_retiring_2025_08_gets_three_months() -> None:
    # Issue 10's example: born 1965-06-10, 60 y 2 m → retires 2025-08-10; benefit ran out 2025-05-31.
    facts = {"birth_date": date(1965, 6, 10), "ui_benefit_end_date": date(2025, 5, 31),
             "application_date": date(2025, 6, 5)}  # fmt: skip
    outcome = ui(**facts)
    assert [line.month for line in outcome.schedule] == [date(2025, m, 1) for m in (6, 7, 8)]
    assert outcome.amount == Decimal("1615.50") * 3
    [note] = [n for n in outcome.notes if n.code == "note.runs_past_policy"]
    assert (note.args["last"], note.args["within"]) == ("2025-08", 1)
    # Even when the district grants stop with the policy, this fund-paid benefit can run to retirement.
    mixed = load_policy(overrides=["general.payments_end_with_policy=true",
                                   "ui_to_retirement.payments_end_with_policy=run_term"])  # fmt: skip
    assert ui(mixed, **facts).months == 3
    assert ui(load_policy(overrides=["general.payments_end_with_policy=true"]), **facts).months == 1


def test_monthly_benefit_unknown_still_gives_months() -> None:
    outcome = ui(ui_monthly_benefit=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.amount is None
    assert outcome.months == 6
    assert outcome.missing_facts == ["ui_monthly_benefit"]


def test_women_need_their_original_retirement_age() -> None:
    outcome = ui(sex="female", birth_date=date(1966, 9, 15))
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["original_retirement_age"]
    # 55 originally: reached 2021-09-15 (before the 2025 reform)
    assert ui(sex="female", birth_date=date(1966, 9, 15), original_retirement_age=55).months == 6


def test_a_benefit_finer_than_the_fen_is_refused_not_rounded() -> None:
    # an amount is paid in fen: a third decimal is an input error named with its field, never cut or rounded
    with pytest.raises(PrecisionError, match=r"ui_monthly_benefit: an amount has at most two decimals"):
        ui(ui_monthly_benefit=Decimal("1000.005"))
    outcome = ui(ui_monthly_benefit=Decimal("1000.01"))
    assert {line.amount for line in outcome.schedule} == {Decimal("1000.01")}
    assert outcome.amount == Decimal("6000.06")


@given(
    birth=st.dates(date(1958, 1, 1), date(1968, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    original=st.sampled_from([50, 55]),
    days_before=st.integers(-30, 500),
    benefit=st.decimals(500, 3000, places=2),
)
def test_never_past_retirement_nor_more_than_a_year(
    birth: date, sex: str, original: int, days_before: int, benefit: Decimal
) -> None:
    orig = original if sex == "female" else None
    retirement = statutory_retirement(sex, birth, orig, POLICY)
    ended = retirement.date - timedelta(days=days_before)
    if not date(2020, 6, 30) <= ended <= date(2025, 6, 1):
        return
    outcome = ui(sex=sex, birth_date=birth, original_retirement_age=orig, ui_benefit_end_date=ended,
                 application_date=ended, ui_monthly_benefit=benefit)  # fmt: skip
    near = ended > add_years(retirement.date, -1) and ended < retirement.date
    assert (outcome.status is Status.ELIGIBLE) is (near and month_start(ended) < month_start(retirement.date))
    if outcome.status is Status.ELIGIBLE:
        assert outcome.months is not None
        assert 1 <= outcome.months <= 12
        assert all(line.month <= retirement.date for line in outcome.schedule)
        assert outcome.extra["end_date"] <= retirement.date
        assert outcome.amount == benefit * outcome.months
