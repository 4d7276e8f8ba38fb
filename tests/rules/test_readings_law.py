"""The other reading of a parameter (columnar/readings.py): reported as a note only, never a second answer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.helpers import POLICY, applicant
from wenjiuye_cli.engine import evaluate_measure, measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.facts import Facts
from wenjiuye_cli.policy import load_policy

# A sole proprietor (个体工商户), poor-village labour, three months after registering: 序号36 pays 3000.
SOLE = applicant(
    "person",
    application_date=date(2021, 6, 10),
    registration_date=date(2021, 3, 10),
    business_type="sole_proprietorship",
    registered_in_heping=True,
    operating_normally=True,
    poor_village_labour=True,
)
GRANT = measure_by_id("first_startup_grant")


def test_the_other_reading_is_a_note_not_a_second_answer() -> None:
    full = evaluate_measure(GRANT, SOLE.facts, POLICY, date(2021, 6, 10))
    lean = evaluate_measure(GRANT, SOLE.facts, POLICY, date(2021, 6, 10), lean=True)
    assert (full.status, full.amount) == (lean.status, lean.amount)
    assert full.amount == Decimal(3000)
    notes = [render_message(n, GRANT, "en") for n in full.notes if n.code == "note.other_reading"]
    assert notes == [
        "under the other reading (article 14 says 'founds an enterprise' only: a sole proprietorship does "
        "not count; --set first_startup.sole_proprietorship_counts=false): not eligible"
    ]
    assert all(n.code != "note.other_reading" for n in lean.notes)  # lean output shows no notes
    # the policy itself is untouched
    assert POLICY.value("first_startup.sole_proprietorship_counts", date(2021, 6, 10)) is True


def test_a_missing_fact_is_named_even_when_its_name_is_a_message_code() -> None:
    # jobs_created is both a fact and a condition's message code: the note names the fact, it does not
    # render the condition's words ("? jobs created; at least ? needed")
    policy = load_policy(overrides=["first_startup.sole_proprietorship_counts=false"])
    facts = {**SOLE.facts.values, "poor_village_labour": False, "tianjin_hukou": True, "rural_labour": False}
    facts |= {"registered_unemployed_since": date(2019, 1, 1), "first_business": True}
    facts |= {"consecutive_contribution_months": 12, "registration_date": date(2020, 3, 10)}
    full = evaluate_measure(GRANT, Facts(facts), policy, date(2021, 6, 10))
    notes = [render_message(n, GRANT, "en") for n in full.notes if n.code == "note.other_reading"]
    assert notes == [
        "under the other reading (as the national and city rules, 'a first small business or "
        "self-employment': a sole proprietorship counts; --set first_startup.sole_proprietorship_counts=true): "
        "cannot decide; also needs jobs_created"
    ]
