"""第十五条 / 序号37 创业房租补贴 over columns: the clause's figures, rates changing mid-schedule, the end of
the policy, and the same words as the scalar rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.engine.helpers import frame
from tests.engine.helpers import same_as_scalar as same
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

ON = date(2021, 3, 10)
FOUNDER: dict[str, Any] = {
    "application_date": ON,
    "registration_date": date(2020, 9, 1),
    "tianjin_fulltime_student": True,
    "registered_in_heping": True,
    "rent_type": "house",
    "jobs_created": 2,
    "rent_months": 30,
    "monthly_rent": Decimal("1800.50"),
}


def same_as_scalar(sets: list[str], **facts: Any) -> Any:
    return same("rent_subsidy", "person", ON, sets, **facts)


def test_house_two_jobs_capped_by_rent_for_two_years() -> None:
    # 租赁房屋给予每月1000元的补贴，每带动就业1人，补贴标准增加500元 … 补贴期限最长2年
    outcome = same_as_scalar([], **FOUNDER)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 24
    assert outcome.monthly_amount == Decimal("1800.50")  # 2000 a month, limited to the rent paid
    assert outcome.amount == Decimal("43212.00")


def test_workstation_capped_at_600() -> None:
    # 租赁工位给予每月300元的补贴，每带动就业1人，补贴标准增加300元，每月最高600元
    outcome = same_as_scalar(
        [], **{**FOUNDER, "rent_type": "workstation", "jobs_created": 5, "rent_months": 3}
    )
    assert outcome.monthly_amount == Decimal(600)
    assert outcome.amount == Decimal(1800)


def test_a_rate_changed_mid_schedule_gives_two_periods() -> None:
    sets = ["rent_subsidy.house_base_monthly@2022-01-15=1200", "rent_subsidy.cap_binds_actual_rent=false"]
    outcome = same_as_scalar(sets, **FOUNDER)
    # 2021-03 … 2022-01 at 2000 (January is read on its first day), 2022-02 … 2023-02 at 2200
    assert [line.amount for line in outcome.schedule].count(Decimal(2000)) == 11
    assert [line.amount for line in outcome.schedule].count(Decimal(2200)) == 13
    assert outcome.amount == Decimal(11 * 2000 + 13 * 2200)
    assert outcome.monthly_amount is None
    assert any(m.code == "arith.periods_total" for m in outcome.arithmetic)


LATE = {**FOUNDER, "application_date": date(2024, 9, 1), "registration_date": date(2024, 1, 1)}


def test_a_subsidy_granted_in_force_runs_its_term_and_says_what_the_other_reading_gives() -> None:
    # 附则 “有效期5年” limits when one may apply, not how long a granted subsidy is paid (the default)
    runs_on = same_as_scalar([], **LATE)
    assert runs_on.months == 24  # 2024-09 … 2026-08
    (note,) = [m for m in runs_on.notes if m.code == "note.runs_past_policy"]
    assert note.args["last"] == "2026-08"
    assert note.args["key"] == "general.payments_end_with_policy"
    assert (note.args["within"], note.args["months"]) == (10, 24)  # 2024-09 … 2025-06


@pytest.mark.parametrize(
    ("sets", "months", "key"),
    [
        (["general.payments_end_with_policy=true"], 10, None),
        (["rent_subsidy.payments_end_with_policy=end_with_policy"], 10, None),
        # the measure's own reading wins over the general one
        (
            ["general.payments_end_with_policy=true", "rent_subsidy.payments_end_with_policy=run_term"],
            24,
            "rent_subsidy.payments_end_with_policy",
        ),
    ],
)
def test_payments_end_with_the_policy_by_the_measures_own_reading_or_the_general_one(
    sets: list[str], months: int, key: str | None
) -> None:
    outcome = same_as_scalar(sets, **LATE)
    assert outcome.months == months
    notes = {m.code: m for m in outcome.notes}
    assert ("note.policy_end" in notes) is (months == 10)
    if key is None:
        assert "note.runs_past_policy" not in notes
    else:
        assert notes["note.runs_past_policy"].args["key"] == key
        assert notes["note.runs_past_policy"].args["stop"] == "end_with_policy"


def test_an_application_after_the_policy_end_gets_only_the_months_up_to_it() -> None:
    # evaluated in force (--as-of) but applied for on 2025-08-01: no month is after 2025-06-29
    after = {**LATE, "application_date": date(2025, 8, 1), "registration_date": date(2025, 1, 1)}
    outcome = same("rent_subsidy", "person", date(2025, 6, 1), [], **after)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 0
    assert outcome.amount == Decimal(0)


def test_a_rate_not_in_force_on_the_application_day_cannot_be_decided() -> None:
    early = {**FOUNDER, "application_date": date(2020, 6, 1), "registration_date": date(2020, 5, 1)}
    outcome = same_as_scalar([], **early)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == []


@pytest.mark.parametrize(
    "missing", ["registration_date", "rent_type", "jobs_created", "rent_months", "monthly_rent"]
)
def test_a_missing_fact_is_named_never_guessed(missing: str) -> None:
    facts = {k: v for k, v in FOUNDER.items() if k != missing}
    outcome = same_as_scalar([], **facts)
    assert outcome.status is Status.CANNOT_DECIDE
    assert missing in outcome.missing_facts


def test_out_of_every_key_group_names_each_date_and_window() -> None:
    facts = {**FOUNDER, "tianjin_fulltime_student": False, "university_graduate": True}
    facts |= {"graduation_date": date(2014, 7, 1), "haihe_talent": True}
    facts |= {"haihe_talent_settled_date": date(2020, 10, 1)}
    outcome = same_as_scalar([], **facts)
    group = next(c for c in outcome.conditions if c.code == "key_group")
    assert group.result is Check.FAILED
    assert outcome.status is Status.INELIGIBLE


def test_key_group_unknown_is_not_none_under_kleene() -> None:
    # Kleene: not-student & not-graduate & not-haihe is null (not false) when studenthood is unknown, so the
    # group is unknown, not "none of the three"
    facts = {**FOUNDER, "tianjin_fulltime_student": None, "university_graduate": False, "haihe_talent": False}
    facts = {k: v for k, v in facts.items() if v is not None}
    outcome = same_as_scalar([], **facts)
    group = next(c for c in outcome.conditions if c.code == "key_group")
    assert group.result is Check.UNKNOWN
    assert group.missing == ("tianjin_fulltime_student",)


def test_without_the_months_claimed_no_month_is_counted() -> None:
    # rent_months unknown: min(claimed, 24) once skipped the null and counted 24 months, 43212.00 yuan, in
    # the columns an explanation is built from (and the schedule's lists); no months claimed, no figures
    m = "rent_subsidy"
    facts = {**FOUNDER, "rent_months": None}
    row = evaluate_frame(frame("person", ON, **facts), load_policy(), explain=True, measures=[m]).row(
        0, named=True
    )
    assert row[f"{m}.status"] == Status.CANNOT_DECIDE.value
    assert row[f"{m}.missing_facts"] == ["rent_months"]
    figures = {k: row[k] for k in (f"{m}.x.n", f"{m}.x.amount", f"{m}.x.house.1.count", f"{m}.e.end_date")}
    assert all(v is None or v == 0 for v in figures.values()), figures
