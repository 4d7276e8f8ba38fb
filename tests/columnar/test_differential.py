"""The columnar engine against today's scalar measures, on random applicants, dates and ``--set``s.

For every migrated measure: status, amount, maximum, monthly amount, months, payee, schedule, missing facts,
the ``extra`` details (values and types, and as JSON prints them), the parameters used (every key the
scalar outcome lists is listed, bar the documented :data:`NOT_TRACED`),
each condition's code and result, the caps applied, and the rendered condition, arithmetic and note texts in zh
and en must be
those of
``wenjiuye_cli.engine`` (which runs ``evaluate_measure`` when the policy is in force). The lean frame must
give the same figures as the explained one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from tests.columnar.strategies import applicants, policies, scalar_facts, to_frame
from wenjiuye_cli.columnar.evaluate import evaluate_frame, migrated, rules_for
from wenjiuye_cli.columnar.render import outcome_of
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.output import outcome_dict

ROWS = 12

# Keys the scalar rule reads on a path where the columnar declaration has nothing that reads them, so
# they are not in the columnar ``parameters_used`` (``columnar.trace``), with why. Every other key the
# scalar outcome lists must be listed.
NOT_TRACED: dict[str, dict[str, str]] = {
    "labour_supply_hr_agency": {
        "labour_supply.hr_min_contract_months": "read by the scalar rule for its arithmetic before the "
        "conditions settle; the columnar rule reads it for the arithmetic of a granted outcome only",
    },
    "labour_supply_vocational_school": {
        "labour_supply.school_min_months": "likewise (the arithmetic's condition line)",
    },
    "stable_jobs_refund": {
        "stable_jobs_refund.layoff_rate_denominator": "a choice with one allowed value, asserted by the "
        "scalar rule; the columnar rule has no other reading to read it for",
    },
    "rent_subsidy": {"rent_subsidy.first_month": "likewise (one allowed value: the application month)"},
    "incubator_construction": dict.fromkeys(
        (
            "incubator.construction_max",
            "incubator.student_share_threshold",
            "incubator.student_uplift",
            "incubator.uplift_raises_maximum",
        ),
        "read by the scalar rule before its cannot-decide exits; the columnar rule reads it for "
        "a granted maximum and the note of missing counts only",
    ),
    "internship": {"general.policy_start": "read in Python (Params.start) into a literal: no mark"},
    "income_disregard": {"general.policy_start": "likewise"},
    "flexible_insurance": {
        "general.policy_start": "likewise (``rules._schedule.first_policy_month``, for the periods' first "
        "month): listed where an amount or an exit is reached, not where the rule stops at a category's "
        "months-left condition",
    },
    "startup_loan": dict.fromkeys(
        (
            "startup_loan.key_group_max",
            "startup_loan.individual_max_term_months",
            "startup_loan.discount_ends_with_policy",
            "startup_loan.repayment",
        ),
        "read by the scalar rule before a parameter found without a value (cannot decide); the "
        "columnar rule reads it for the loan's figures, listed for the outcomes that show them",
    ),
    "startup_loan_firm": dict.fromkeys(
        (
            "startup_loan.firm_max",
            "startup_loan.firm_max_term_months",
            "startup_loan.discount_ends_with_policy",
            "startup_loan.repayment",
        ),
        "likewise (the firm's loan figures)",
    ),
    "first_startup_insurance": {
        "first_startup.post_max_months": "read by the scalar rule for the post subsidy's period before the "
        "months-of-insurance condition settles; the columnar rule reads it for the arithmetic of a "
        "reached outcome only",
    },
}
FIGURES = ("status", "amount", "maximum", "monthly_amount", "months", "payee", "missing_facts")


def _texts(item: dict[str, Any]) -> tuple[Any, ...]:
    conditions = [(c["code"], c["result"], c["text"], c["missing"]) for c in item["conditions"]]
    return conditions, item["arithmetic"], item["notes"], item["caps"]


def shown(value: Any) -> Any:
    """Money as every output shows it, to the fen (a maximum such as 0.01 × 1.5 is exact in the scalar
    outcome, 0.015, and written 0.02 everywhere; the columnar outcome carries it at the fen)."""
    return to_fen(value) if isinstance(value, Decimal) else value


def test_every_migrated_measure_is_a_real_measure() -> None:
    assert "rent_subsidy" in migrated()
    assert len(migrated()) >= 2


@pytest.mark.parametrize("measure_id", migrated())
@settings(max_examples=30)
@given(data=st.data())
def test_columnar_equals_scalar(measure_id: str, data: st.DataObject) -> None:
    policy = data.draw(policies(measure_id), label="policy")
    assume(policy is not None)
    assert policy is not None
    drawn = data.draw(applicants(measure_id, ROWS), label="applicants")
    frame = to_frame(drawn)
    explained = evaluate_frame(frame, policy, explain=True, measures=[measure_id])
    lean = evaluate_frame(frame, policy, measures=[measure_id])
    (rule,) = rules_for(policy, [measure_id])
    for i, (applicant, as_of, today) in enumerate(drawn):
        expected = evaluate(scalar_facts(applicant), policy, as_of=as_of, today=today, only=[measure_id])
        (scalar,) = expected.outcomes
        event(f"{measure_id}: {scalar.status.value}")
        row = explained.row(i, named=True)
        got = outcome_of(row, rule, policy)
        assert got is not None
        where = f"{applicant} as_of={as_of} today={today} sets={policy.overrides}"
        for figure in FIGURES:
            want = shown(getattr(scalar, figure))
            assert getattr(got, figure) == want, f"{figure}: {where}"
            if figure not in ("missing_facts", "payee"):
                assert lean[f"{measure_id}.{figure}"][i] == want, f"lean {figure}: {where}"
        assert list(lean[f"{measure_id}.missing_facts"][i]) == scalar.missing_facts, where
        assert lean[f"{measure_id}.payee"][i] == scalar.payee, where
        assert got.schedule == scalar.schedule, where
        assert got.extra == scalar.extra, f"extra: {where}"
        # every key the scalar outcome depended on (bar the documented NOT_TRACED), possibly more: the
        # columnar walk lists what each reached step's declaration reads, every branch of it
        untraced = set(scalar.parameters_used) - set(got.parameters_used)
        assert untraced <= set(NOT_TRACED.get(measure_id, {})), f"parameters_used {untraced}: {where}"
        assert len(got.parameters_used) == len(set(got.parameters_used)), where
        same = set(got.parameters_used) == set(scalar.parameters_used)
        event(f"{measure_id}: parameters_used {'the same set' if same else 'more'}")
        assert outcome_dict(got, "en").get("extra") == outcome_dict(scalar, "en").get("extra"), where
        assert [(c.code, c.result) for c in got.conditions] == [
            (c.code, c.result) for c in scalar.conditions
        ], where
        assert lean["total"][i] == to_fen(expected.total), where
        assert lean["maxima_total"][i] == to_fen(expected.maxima_total), where
        for lang in ("zh", "en"):
            assert _texts(outcome_dict(got, lang)) == _texts(outcome_dict(scalar, lang)), f"{lang}: {where}"
