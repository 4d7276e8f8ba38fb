"""第十三条 / 序号34 创业培训补贴 over columns: 500 per certificate, 1000 more per success, 1500 per
business-improvement certificate, paid to the provider; a success counts only for a certified trainee."""

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

ON = date(2021, 5, 6)
COUNTS = {
    "startup_training_certified": 4,
    "startup_training_succeeded": 2,
    "improvement_training_certified": 1,
}


def same_as_scalar(sets: list[str] | None = None, **facts: Any) -> Outcome:
    got = same("startup_training", "training_provider", ON, sets, **facts)
    want = scalar("startup_training", "training_provider", ON, load_policy(overrides=sets or []), **facts)
    for lang in ("zh", "en"):
        assert outcome_dict(got, lang)["notes"] == outcome_dict(want, lang)["notes"]
        assert outcome_dict(got, lang)["payee"] == outcome_dict(want, lang)["payee"]
    return got


def test_the_three_subsidies_add_up() -> None:
    # 4 × 500 + 2 × 1000 (再给予) + 1 × 1500
    outcome = same_as_scalar(**COUNTS)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(5500)
    assert outcome.payee == "training_provider"


def test_a_success_counts_only_for_a_certified_trainee() -> None:
    facts = {**COUNTS, "startup_training_succeeded": 6}
    outcome = same_as_scalar(**facts)
    assert outcome.amount == Decimal(4 * 500 + 4 * 1000 + 1500)
    assert [n.code for n in outcome.notes] == ["note.success_capped"]
    # the other reading: every success counts
    loose = same_as_scalar(["startup_training.success_requires_certificate=false"], **facts)
    assert loose.amount == Decimal(4 * 500 + 6 * 1000 + 1500)
    assert loose.notes == []


def test_successes_without_certificates_pay_nothing_but_say_why() -> None:
    facts = {
        "startup_training_certified": 0,
        "startup_training_succeeded": 3,
        "improvement_training_certified": 0,
    }
    outcome = same_as_scalar(**facts)
    assert outcome.status is Status.INELIGIBLE
    assert [n.code for n in outcome.notes] == ["note.success_capped"]


@pytest.mark.parametrize("missing", sorted(COUNTS))
def test_a_missing_count_is_named_never_zero(missing: str) -> None:
    outcome = same_as_scalar(**{k: v for k, v in COUNTS.items() if k != missing})
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == [missing]
    assert outcome.notes == []


def test_after_the_policy_not_in_force() -> None:
    outcome = same("startup_training", "training_provider", date(2025, 6, 30), None, **COUNTS)
    assert outcome.status is Status.INELIGIBLE
