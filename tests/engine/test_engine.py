"""The engine: validity dates, evaluation date, totals, cannot-decide, registry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant
from wenjiuye_cli.engine import evaluate, facts_for_kind, measures_for_kind, registry
from wenjiuye_cli.facts import KINDS
from wenjiuye_cli.outcome import Check, Status
from wenjiuye_cli.policy import load_policy

FOUNDER: dict[str, Any] = {
    "application_date": date(2021, 3, 15),
    "tianjin_fulltime_student": True,
    "registration_date": date(2020, 10, 8),
    "registered_in_heping": True,
    "rent_type": "house",
    "jobs_created": 2,
    "monthly_rent": Decimal(3000),
    "rent_months": 12,
}


def rent_item(result: Any) -> Any:
    return next(o for o in result.outcomes if o.measure_id == "rent_subsidy")


def test_every_measure_is_cited_and_has_a_kind() -> None:
    assert registry(), "no measures registered"
    for measure in registry():
        assert measure.article, measure.id
        assert measure.tasks, measure.id
        assert measure.department, measure.id
        assert measure.kinds <= set(KINDS), measure.id
        assert measure.name_zh
        assert measure.name_en


def test_every_fact_is_declared_once_per_kind() -> None:
    for kind in KINDS:
        specs = facts_for_kind(kind)
        assert all(spec.name == name for name, spec in specs.items())


def test_evaluation_date_is_the_application_date_unless_overridden() -> None:
    person = applicant("person", **FOUNDER)
    assert evaluate(person, POLICY).as_of == date(2021, 3, 15)
    overridden = evaluate(person, POLICY, as_of=date(2021, 4, 1))
    assert (overridden.as_of, overridden.as_of_source) == (date(2021, 4, 1), "--as-of")


def test_outside_the_policy_validity_every_measure_says_so_with_the_dates() -> None:
    person = applicant("person", **FOUNDER)
    for on in (date(2020, 6, 29), date(2025, 6, 30)):
        result = evaluate(person, POLICY, as_of=on)
        assert result.outcomes
        for outcome in result.outcomes:
            assert outcome.status is Status.INELIGIBLE
            (cond,) = outcome.conditions
            assert cond.code == "policy_in_force"
            assert cond.result is Check.FAILED
            assert cond.args["start"] == date(2020, 6, 30)
            assert cond.args["end"] == date(2025, 6, 29)
        assert result.total == 0
    assert (
        rent_item(evaluate(person, POLICY, as_of=date(2025, 6, 29))).conditions[0].code != "policy_in_force"
    )


def test_extending_the_policy_with_set_reopens_it() -> None:
    extended = load_policy(overrides=["general.policy_end=2027-06-29"])
    late = {**FOUNDER, "application_date": date(2026, 3, 1), "registration_date": date(2025, 12, 1)}
    assert rent_item(evaluate(applicant("person", **late), extended)).status is Status.ELIGIBLE


def test_total_is_the_sum_of_eligible_exact_amounts() -> None:
    result = evaluate(applicant("person", **FOUNDER), POLICY)
    exact = [o.amount for o in result.outcomes if o.status is Status.ELIGIBLE and o.amount is not None]
    assert result.total == sum(exact, Decimal(0))
    assert rent_item(result).amount == Decimal(2000 * 12)


def test_missing_facts_make_cannot_decide_not_zero() -> None:
    result = evaluate(applicant("person", application_date=date(2021, 1, 1)), POLICY)
    item = rent_item(result)
    assert item.status is Status.CANNOT_DECIDE
    assert item.amount is None
    assert {"registration_date", "rent_type"} <= set(item.missing_facts)


@given(jobs=st.integers(0, 10), months=st.integers(0, 40))
def test_total_equals_sum_of_items_to_the_fen(jobs: int, months: int) -> None:
    result = evaluate(applicant("person", **{**FOUNDER, "jobs_created": jobs, "rent_months": months}), POLICY)
    total = sum(
        (
            o.amount
            for o in result.outcomes
            if o.status is Status.ELIGIBLE and o.amount is not None and o.counts_as_payment
        ),
        Decimal(0),
    )
    assert result.total == total


def test_measures_for_kind_only_lists_applicable_measures() -> None:
    for kind in KINDS:
        assert all(kind in m.kinds for m in measures_for_kind(kind))
