"""第一条 / 序号2 技能提升补贴: both readings of "学历、职称、技能证书 … 1000、1500、2000 … 分别"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, condition, run
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

BASE: dict[str, Any] = {
    "application_date": date(2021, 5, 10),
    "in_service_employee": True,
    "skill_certificate_level": "intermediate",
    "employee_ui_insured_months": 24,
}
LITERAL = load_policy(overrides=["skill_upgrade.reading=credential_type"])


def skill(policy: Any = None, **changes: Any) -> Any:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run("skill_upgrade", "person", policy=policy, **facts)


@pytest.mark.parametrize(("level", "amount"), [("basic", 1000), ("intermediate", 1500), ("advanced", 2000)])
def test_city_reading_pays_by_certificate_level(level: str, amount: int) -> None:
    outcome = skill(skill_certificate_level=level)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(amount)


def test_chinese_level_names_are_accepted() -> None:
    assert skill(skill_certificate_level="高级").amount == Decimal(2000)


def test_no_certificate_is_ineligible() -> None:
    outcome = skill(skill_certificate_level="none")
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "certificate_level") is Check.FAILED


def test_only_employees_in_service() -> None:
    # 对在职职工
    outcome = skill(in_service_employee=False)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "in_service_employee") is Check.FAILED


@pytest.mark.parametrize(("months", "ok"), [(11, False), (12, True), (13, True)])
def test_city_rule_needs_a_year_of_unemployment_insurance(months: int, ok: bool) -> None:
    outcome = skill(employee_ui_insured_months=months)
    assert condition(outcome, "insured_months") is (Check.PASSED if ok else Check.FAILED)
    assert (outcome.status is Status.ELIGIBLE) is ok


@pytest.mark.parametrize(
    ("credential", "amount"), [("degree", 1000), ("professional_title", 1500), ("skill_certificate", 2000)]
)
def test_literal_reading_pays_by_credential_type(credential: str, amount: int) -> None:
    # 学历、职称、技能证书 … 按照1000元、1500元、2000元 … 分别
    outcome = skill(
        LITERAL, credential_type=credential, skill_certificate_level=None, employee_ui_insured_months=None
    )
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(amount)
    assert outcome.missing_facts == []


def test_literal_reading_without_credential_is_ineligible() -> None:
    assert skill(LITERAL, credential_type="none").status is Status.INELIGIBLE


def test_reading_is_named_in_a_note() -> None:
    assert [n.code for n in skill().notes] == ["note.reading.certificate_level", "note.other_reading"]
    assert [n.code for n in skill(LITERAL, credential_type="degree").notes] == [
        "note.reading.credential_type",
        "note.other_reading",
    ]


def test_missing_facts_are_listed_not_guessed() -> None:
    outcome = skill(skill_certificate_level=None, employee_ui_insured_months=None)
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.amount is None
    assert outcome.missing_facts == ["skill_certificate_level", "employee_ui_insured_months"]
    literal = skill(LITERAL, skill_certificate_level=None)
    assert literal.status is Status.CANNOT_DECIDE
    assert literal.missing_facts == ["credential_type"]
    # a skill certificate of a stated level is a 技能证书: deduced, not guessed
    assert skill(LITERAL).amount == Decimal(2000)


def test_set_changes_an_amount() -> None:
    policy = load_policy(overrides=["skill_upgrade.tier3_amount=2500"])
    assert skill(policy, skill_certificate_level="advanced").amount == Decimal(2500)


LEVELS = ["none", "basic", "intermediate", "advanced"]


@given(level=st.sampled_from(LEVELS), months=st.integers(0, 600), literal=st.booleans())
def test_amount_is_one_of_the_three_tiers_and_grows_with_level(
    level: str, months: int, literal: bool
) -> None:
    top = POLICY.value("skill_upgrade.tier3_amount", date(2021, 5, 10))
    outcome = skill(LITERAL if literal else None, skill_certificate_level=level, employee_ui_insured_months=months,
                    credential_type="skill_certificate")  # fmt: skip
    if outcome.status is Status.ELIGIBLE:
        assert outcome.amount in {Decimal(1000), Decimal(1500), Decimal(2000)}
        assert outcome.amount is not None
        assert outcome.amount <= top
    else:
        assert outcome.amount is None
    if not literal and level != "advanced":
        higher = skill(
            skill_certificate_level=LEVELS[LEVELS.index(level) + 1], employee_ui_insured_months=months
        )
        assert (higher.amount or 0) >= (outcome.amount or 0)


def test_literal_reading_note_shows_the_amounts_in_force() -> None:
    policy = load_policy(
        overrides=["skill_upgrade.reading=credential_type", "skill_upgrade.tier2_amount=1800"]
    )
    outcome = skill(
        policy, credential_type="degree", skill_certificate_level=None, employee_ui_insured_months=None
    )
    note = outcome.notes[0]
    measure = measure_by_id("skill_upgrade")
    assert "学历 1000 元、职称 1800 元、技能证书 2000 元" in render_message(note, measure, "zh")
    assert "professional title 1800" in render_message(note, measure, "en")


def shown_notes(outcome: Any, lang: str = "zh") -> list[str]:
    measure = measure_by_id("skill_upgrade")
    return [render_message(n, measure, lang) for n in outcome.notes]


@pytest.mark.parametrize(("months", "city", "literal"), [(11, None, 2000), (12, 2000, 2000)])
def test_the_city_reading_stays_the_default_and_the_literal_one_is_shown(
    months: int, city: int | None, literal: int
) -> None:
    # 天津：累计缴纳失业保险费满12个月的职工，在职期间取得初级/中级/高级证书的，分别给予1000、1500、2000元.
    # An advanced certificate after 11 months of insurance: refused by the city rule, 2000 literally (技能证书).
    outcome = skill(skill_certificate_level="advanced", employee_ui_insured_months=months)
    assert outcome.amount == (None if city is None else Decimal(city))
    assert (
        "按另一种理解（按字面：学历、职称、技能证书分别1000、1500、2000元，不要求参保月数；"
        f"--set skill_upgrade.reading=credential_type）：可得 {literal} 元"
    ) in shown_notes(outcome)
    # and the other way round: the literal reading notes what the city rule gives
    other = skill(LITERAL, skill_certificate_level="advanced", employee_ui_insured_months=months)
    assert other.amount == Decimal(literal)
    expected = "不符合" if city is None else f"可得 {city} 元"
    assert any(
        n.startswith("按另一种理解（按市级技能提升补贴") and n.endswith(expected) for n in shown_notes(other)
    )


def test_no_other_reading_for_someone_not_employed() -> None:
    # 对在职职工: both readings need an employee, so the second reading adds nothing
    assert [n.code for n in skill(in_service_employee=False).notes] == ["note.reading.certificate_level"]
