"""第一条 / 序号1 稳岗返还 over columns: 12 months of contributions, no layoffs or a layoff rate below the
city's target (20% for a small/micro firm of at most 30 insured staff), 50% of last year's premiums — the
same words as the scalar rule, the note on the other day's target included."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.engine.helpers import same_as_scalar as same
from tests.engine.helpers import scalar
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy

ON = date(2022, 4, 1)
FIRM: dict[str, Any] = {
    "ui_contribution_months": 12,
    "laid_off_count": 1,
    "insured_staff_count": 40,
    "ui_premiums_paid_last_year": Decimal("12345.67"),
}


def same_as_scalar(sets: list[str] | None = None, on: date = ON, **facts: Any) -> Outcome:
    got = same("stable_jobs_refund", "enterprise", on, sets, **facts)
    want = scalar("stable_jobs_refund", "enterprise", on, load_policy(overrides=sets or []), **facts)
    for lang in ("zh", "en"):
        assert outcome_dict(got, lang)["notes"] == outcome_dict(want, lang)["notes"]
    return got


def layoff(outcome: Outcome) -> Any:
    return next(c for c in outcome.conditions if c.code == "layoff")


def test_half_of_the_premiums_rounded_half_up() -> None:
    # 1 of 40 = 2.5% < 5.5%; 12345.67 × 50% = 6172.835 → 6172.84
    outcome = same_as_scalar(**FIRM)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal("6172.84")
    assert layoff(outcome).args["which"] == "layoff.target"


def test_no_layoffs_needs_no_staff_count() -> None:
    facts = {k: v for k, v in FIRM.items() if k != "insured_staff_count"} | {"laid_off_count": 0}
    assert same_as_scalar(**facts).status is Status.ELIGIBLE


@pytest.mark.parametrize(
    ("facts", "which", "status"),
    [
        (
            {"laid_off_count": 6, "insured_staff_count": 30, "small_micro_enterprise": True},
            "layoff.relaxed",
            "eligible",
        ),
        # 11 of 200 is 5.5%: not below the target (低于 is strict), and 200 staff is no small firm
        ({"laid_off_count": 11, "insured_staff_count": 200}, "layoff.too_many_staff", "ineligible"),
        (
            {"laid_off_count": 7, "insured_staff_count": 30, "small_micro_enterprise": True},
            "layoff.relaxed",
            "ineligible",
        ),
        (
            {"laid_off_count": 6, "insured_staff_count": 31, "small_micro_enterprise": True},
            "layoff.too_many_staff",
            "ineligible",
        ),
        (
            {"laid_off_count": 6, "insured_staff_count": 30, "small_micro_enterprise": False},
            "layoff.not_small_micro",
            "ineligible",
        ),
        ({"laid_off_count": 6, "insured_staff_count": 30}, "layoff.small_micro_unknown", "cannot_decide"),
        ({"laid_off_count": 2, "insured_staff_count": 0}, "layoff.no_staff", "cannot_decide"),
    ],
)
def test_the_small_firm_relaxation(facts: dict[str, Any], which: str, status: str) -> None:
    outcome = same_as_scalar(**{**FIRM, **facts})
    assert layoff(outcome).args["which"] == which
    assert outcome.status is Status(status)


def test_a_2020_refund_with_layoffs_has_no_2019_target_and_shows_the_other_reading() -> None:
    outcome = same_as_scalar(on=date(2020, 9, 1), **FIRM)
    assert outcome.status is Status.CANNOT_DECIDE
    assert layoff(outcome).result is Check.UNKNOWN
    assert outcome.missing_facts == []
    (note,) = outcome.notes
    assert note.args["other"] == "target.value"
    assert note.args["verdict"] == "verdict.passed"


def test_premiums_missing_is_named() -> None:
    outcome = same_as_scalar(**{k: v for k, v in FIRM.items() if k != "ui_premiums_paid_last_year"})
    assert outcome.status is Status.CANNOT_DECIDE
    assert outcome.missing_facts == ["ui_premiums_paid_last_year"]
    assert [c.code for c in outcome.conditions] == ["ui_contribution_months", "layoff"]


def test_eleven_months_is_not_twelve() -> None:
    assert same_as_scalar(**{**FIRM, "ui_contribution_months": 11}).status is Status.INELIGIBLE
