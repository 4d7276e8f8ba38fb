"""第一条 / 序号2 技能提升补贴 over columns: 1000 / 1500 / 2000 by the certificate's level (the city rule,
after 12 months of unemployment insurance) or by the credential (the literal reading), and the note saying
what the other reading gives — the same words as the scalar rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.engine.helpers import same_as_scalar as same
from tests.engine.helpers import scalar
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy

ON = date(2022, 3, 1)
LITERAL = ["skill_upgrade.reading=credential_type"]
EMPLOYEE: dict[str, Any] = {
    "in_service_employee": True,
    "skill_certificate_level": "intermediate",
    "employee_ui_insured_months": 12,
}


def same_as_scalar(sets: list[str] | None = None, **facts: Any) -> Outcome:
    got = same("skill_upgrade", "person", ON, sets, **facts)
    want = scalar("skill_upgrade", "person", ON, load_policy(overrides=sets or []), **facts)
    for lang in ("zh", "en"):
        assert outcome_dict(got, lang)["notes"] == outcome_dict(want, lang)["notes"]
    return got


def other(outcome: Outcome) -> Any:
    (note,) = [n for n in outcome.notes if n.code == "note.other_reading"]
    return note


@pytest.mark.parametrize(("level", "amount"), [("basic", 1000), ("intermediate", 1500), ("advanced", 2000)])
def test_city_rule_by_certificate_level(level: str, amount: int) -> None:
    outcome = same_as_scalar(**{**EMPLOYEE, "skill_certificate_level": level})
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(amount)
    # the literal reading: a skill certificate of a stated level is a 技能证书, 2000
    assert other(outcome).args["result"] == "other.amount"
    assert other(outcome).args["amount"] == Decimal(2000)


def test_city_rule_needs_twelve_insured_months_the_literal_reading_does_not() -> None:
    outcome = same_as_scalar(**{**EMPLOYEE, "employee_ui_insured_months": 11})
    assert outcome.status is Status.INELIGIBLE
    assert other(outcome).args["result"] == "other.amount"


@pytest.mark.parametrize(("credential", "amount"), [("degree", 1000), ("professional_title", 1500)])
def test_literal_reading_by_credential(credential: str, amount: int) -> None:
    outcome = same_as_scalar(LITERAL, in_service_employee=True, credential_type=credential)
    assert outcome.amount == Decimal(amount)
    # the city rule needs the certificate's level and the insured months, neither given
    assert other(outcome).args["result"] == "other.cannot_decide"
    assert other(outcome).args["missing"] == "skill_certificate_level、employee_ui_insured_months"


def test_no_credential_is_ineligible_under_either_reading() -> None:
    outcome = same_as_scalar(
        LITERAL, in_service_employee=True, credential_type="none", skill_certificate_level="none"
    )
    assert outcome.status is Status.INELIGIBLE
    assert other(outcome).args["result"] == "other.ineligible"


def test_not_an_employee_gets_no_other_reading_note() -> None:
    outcome = same_as_scalar(**{**EMPLOYEE, "in_service_employee": False})
    assert outcome.status is Status.INELIGIBLE
    assert [n.code for n in outcome.notes] == ["note.reading.certificate_level"]


@pytest.mark.parametrize("missing", sorted(EMPLOYEE))
def test_a_missing_fact_is_named(missing: str) -> None:
    outcome = same_as_scalar(**{k: v for k, v in EMPLOYEE.items() if k != missing})
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == [missing]
