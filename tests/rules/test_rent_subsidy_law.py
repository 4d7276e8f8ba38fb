"""第十五条 / 序号37 创业房租补贴: one test per rule sentence, with the boundaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.engine import evaluate, measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

BASE: dict[str, Any] = {
    "application_date": date(2021, 3, 15),
    "tianjin_fulltime_student": False,
    "university_graduate": True,
    "graduation_date": date(2018, 7, 1),
    "haihe_talent": False,
    "registration_date": date(2020, 10, 8),
    "registered_in_heping": True,
    "rent_type": "house",
    "jobs_created": 3,
    "monthly_rent": Decimal(4000),
    "rent_months": 24,
}


def rent(**changes: Any) -> Any:
    return run("rent_subsidy", "person", **{**BASE, **changes})


@pytest.mark.parametrize(
    ("rent_type", "jobs", "monthly"),
    [
        ("house", 0, "1000"),  # 租赁房屋给予每月1000元的补贴
        ("house", 1, "1500"),  # 每带动就业1人，补贴标准增加500元
        ("house", 3, "2500"),  # 每月最高2500元: exactly hit
        ("house", 4, "2500"),  # exceeded: capped
        ("workstation", 0, "300"),  # 租赁工位给予每月300元的补贴
        ("workstation", 1, "600"),  # 每带动就业1人，补贴标准增加300元; 每月最高600元 exactly hit
        ("workstation", 2, "600"),  # exceeded
    ],
)
def test_monthly_standard_and_caps(rent_type: str, jobs: int, monthly: str) -> None:
    outcome = rent(rent_type=rent_type, jobs_created=jobs, rent_months=1)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.monthly_amount == Decimal(monthly)
    assert outcome.amount == Decimal(monthly)


def test_cap_reported_as_binding_only_when_exceeded() -> None:
    hit = rent(jobs_created=3)
    exceeded = rent(jobs_created=4)
    assert [c.bound for c in hit.caps if c.parameter == "rent_subsidy.house_cap_monthly"] == [False]
    assert [c.bound for c in exceeded.caps if c.parameter == "rent_subsidy.house_cap_monthly"] == [True]


@pytest.mark.parametrize(("claimed", "paid"), [(23, 23), (24, 24), (25, 24), (36, 24)])
def test_at_most_24_months(claimed: int, paid: int) -> None:
    # 补贴期限最长2年
    outcome = rent(rent_months=claimed)
    assert outcome.months == paid
    assert outcome.amount == Decimal(2500) * paid


@pytest.mark.parametrize(
    ("applied", "ok", "code"),
    [
        (date(2021, 10, 8), True, "applied_within_window"),
        (date(2021, 10, 9), False, "applied_within_window"),
        (date(2020, 10, 8), True, "applied_within_window"),
        (date(2020, 10, 7), False, "applied_after_registration"),  # the day before registering
    ],
)
def test_apply_within_one_year_of_registration(applied: date, ok: bool, code: str) -> None:
    # 注册1年内可申请: the anniversary itself is still within one year
    outcome = rent(application_date=applied)
    assert condition(outcome, code) is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


def test_only_key_entrepreneur_groups() -> None:
    # 附件2: graduated more than 5 years before, not a student, not Haihe talent
    outcome = rent(graduation_date=date(2015, 6, 30))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "key_group") is Check.FAILED


@pytest.mark.parametrize(("graduated", "ok"), [(date(2015, 10, 8), True), (date(2015, 10, 7), False)])
def test_graduated_within_five_years_of_registration_boundary(graduated: date, ok: bool) -> None:
    # 附件2 毕业5年内, judged when the business is registered (2020-10-08)
    assert (rent(graduation_date=graduated).status is Status.ELIGIBLE) is ok


def test_key_group_judged_at_registration_unless_overridden() -> None:
    # Graduated 2016-01-01, registered 2020-12-31 (inside 5 years), applied 2021-06-01 (outside 5 years).
    facts = {
        "graduation_date": date(2016, 1, 1),
        "registration_date": date(2020, 12, 31),
        "application_date": date(2021, 6, 1),
    }
    assert rent(**facts).status is Status.ELIGIBLE
    strict = load_policy(overrides=["rent_subsidy.key_group_assessed_on=application"])
    assert run("rent_subsidy", "person", policy=strict, **{**BASE, **facts}).status is Status.INELIGIBLE


def test_paid_month_by_month_for_its_term_past_the_policy_end() -> None:
    # 附则 “有效期5年” bounds when one may apply, not the term of a subsidy granted in force (issue 10).
    facts = {"application_date": date(2024, 1, 15), "registration_date": date(2023, 6, 1)}
    late = rent(**facts)
    assert late.months == 24  # 2024-01 .. 2025-12, past the policy's last day 2025-06-29
    assert late.amount == Decimal(2500 * 24)
    assert late.schedule[-1].month == date(2025, 12, 1)
    assert late.extra["end_reason"] == "duration"
    [note] = [n for n in late.notes if n.code == "note.runs_past_policy"]
    zh = render_message(note, measure_by_id("rent_subsidy"), "zh")
    assert zh.startswith("政策于 2025-06-29 到期；本补贴于有效期内获批，按期限发放至 2025-12")
    assert "--set general.payments_end_with_policy=true" in zh
    assert "18 个月，而非 24 个月" in zh
    en = render_message(note, measure_by_id("rent_subsidy"), "en")
    assert en.startswith("the policy expired on 2025-06-29; this subsidy was granted while it was in force")
    # The old reading: payments stop with the policy.
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])
    cut = run("rent_subsidy", "person", policy=stop, **{**BASE, **facts})
    assert (cut.months, cut.amount, cut.extra["end_reason"]) == (18, Decimal(2500 * 18), "policy_end")
    assert cut.schedule[-1].month == date(2025, 6, 1)
    # Only this measure stops with the policy.
    own = load_policy(overrides=["rent_subsidy.payments_end_with_policy=end_with_policy"])
    assert run("rent_subsidy", "person", policy=own, **{**BASE, **facts}).months == 18


def test_founder_applying_in_2025_gets_the_full_two_years() -> None:
    # Issue 10's example: applied 2025-01-10 within the window: 24 × 2500 = 60000, not 6 × 2500 = 15000.
    facts = {"application_date": date(2025, 1, 10), "registration_date": date(2024, 9, 1),
             "graduation_date": date(2022, 7, 1)}  # fmt: skip
    outcome = rent(**facts)
    assert (outcome.status, outcome.amount, outcome.months) == (Status.ELIGIBLE, Decimal(60000), 24)
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])
    assert run("rent_subsidy", "person", policy=stop, **{**BASE, **facts}).amount == Decimal(15000)


LATE_FOUNDER = {"registration_date": date(2025, 1, 2), "graduation_date": date(2022, 7, 1)}


@pytest.mark.parametrize(
    ("applied", "status", "amount"),
    [
        (date(2025, 6, 29), Status.ELIGIBLE, Decimal(60000)),  # the policy's last day: the full term
        (date(2025, 6, 30), Status.INELIGIBLE, None),  # the day after: not under this policy
    ],
)
def test_applied_on_the_policy_s_last_day_and_the_day_after(
    applied: date, status: Status, amount: Decimal | None
) -> None:
    person = applicant("person", **{**BASE, **LATE_FOUNDER, "application_date": applied})
    [outcome] = evaluate(person, POLICY, only=["rent_subsidy"]).outcomes
    assert (outcome.status, outcome.amount) == (status, amount)
    if status is Status.ELIGIBLE:
        assert outcome.schedule[-1].month == date(2027, 5, 1)  # 2025-06 .. 2027-05
    else:
        assert [c.code for c in outcome.conditions] == ["policy_in_force"]


def test_a_dated_change_applies_from_its_month() -> None:
    policy = load_policy(overrides=["rent_subsidy.house_cap_monthly@2022-01-01=2000"])
    outcome = run("rent_subsidy", "person", policy=policy, **BASE)  # months 2021-03 .. 2023-02
    assert outcome.months == 24
    assert outcome.amount == Decimal(2500 * 10 + 2000 * 14)
    assert outcome.monthly_amount is None  # it varies: see the schedule
    # Each period explains itself: its months, its cap (as bound then), and the sum adds them up.
    lines = [render_message(m, measure_by_id("rent_subsidy"), "zh") for m in outcome.arithmetic]
    assert lines[0] == "2021-03 至 2021-12（10 个月），按当时的标准："
    assert "不超过每月最高 2000 元：2000 元" in lines
    assert "2022-01 至 2023-02（14 个月），按当时的标准：" in lines
    assert lines[-1] == "10 × 2500 + 14 × 2000 = 53000 元"
    cap_limits = [c.limit for c in outcome.caps if c.parameter == "rent_subsidy.house_cap_monthly"]
    assert cap_limits == [Decimal(2500), Decimal(2000)]
    assert (
        run("rent_subsidy", "person", **BASE).arithmetic[0].code == "arith.monthly"
    )  # one period: as before


def test_student_or_haihe_talent_qualifies_alone() -> None:
    assert rent(tianjin_fulltime_student=True, graduation_date=date(2000, 1, 1)).status is Status.ELIGIBLE
    haihe = rent(
        graduation_date=date(2000, 1, 1), haihe_talent=True, haihe_talent_settled_date=date(2019, 1, 1)
    )
    assert haihe.status is Status.ELIGIBLE


def test_missing_facts_are_not_zero() -> None:
    facts = {k: v for k, v in BASE.items() if k not in ("jobs_created", "tianjin_fulltime_student")}
    facts["graduation_date"] = date(2000, 1, 1)
    outcome = run("rent_subsidy", "person", **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.amount is None
    assert "tianjin_fulltime_student" in outcome.missing_facts
    only_jobs_missing = run(
        "rent_subsidy", "person", **{k: v for k, v in BASE.items() if k != "jobs_created"}
    )
    assert only_jobs_missing.status is Status.CANNOT_DECIDE
    assert only_jobs_missing.missing_facts == ["jobs_created"]


def test_subsidy_limited_to_actual_rent_and_overridable() -> None:
    assert rent(monthly_rent=Decimal("1800.50")).monthly_amount == Decimal("1800.50")
    lenient = load_policy(overrides=["rent_subsidy.cap_binds_actual_rent=false"])
    outcome = run("rent_subsidy", "person", policy=lenient, **{**BASE, "monthly_rent": Decimal(1800)})
    assert outcome.monthly_amount == Decimal(2500)


def test_set_changes_cap() -> None:
    policy = load_policy(overrides=["rent_subsidy.house_cap_monthly=3000"])
    outcome = run("rent_subsidy", "person", policy=policy, **{**BASE, "jobs_created": 8})
    assert outcome.monthly_amount == Decimal(3000)


@given(
    rent_type=st.sampled_from(["house", "workstation"]),
    jobs=st.integers(0, 60),
    months=st.integers(0, 120),
    rent_paid=st.decimals(0, 20000, places=2),
)
def test_never_above_caps_and_monotone_in_jobs(
    rent_type: str, jobs: int, months: int, rent_paid: Decimal
) -> None:
    cap = POLICY.value(f"rent_subsidy.{rent_type}_cap_monthly", date(2021, 1, 1))
    facts = {"rent_type": rent_type, "rent_months": months, "monthly_rent": rent_paid}
    now = rent(jobs_created=jobs, **facts)
    more = rent(jobs_created=jobs + 1, **facts)
    assert now.monthly_amount is not None
    assert now.amount is not None
    assert more.amount is not None
    assert now.monthly_amount <= cap
    assert now.monthly_amount <= rent_paid
    assert now.months is not None
    assert now.months <= 24
    assert now.amount <= cap * 24
    assert more.amount >= now.amount


def test_an_application_before_registration_is_said_to_be_so_not_shown_as_in_time() -> None:
    outcome = rent(registration_date=date(2021, 10, 8), application_date=date(2021, 3, 15))
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "applied_after_registration") is Check.FAILED
    text = render_message(
        next(c for c in outcome.conditions if c.code == "applied_after_registration"),
        measure_by_id("rent_subsidy"),
        "zh",
    )
    assert "申请早于注册" in text
