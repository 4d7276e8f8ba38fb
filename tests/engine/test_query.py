"""The evaluator: kinds, totals, lean and explained frames, Arrow input, a picklable policy, --set."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from wenjiuye_cli.engine.query import evaluate_frame, migrated
from wenjiuye_cli.engine.schema import frame_schema
from wenjiuye_cli.policy import apply_override, load_policy

ON = date(2021, 3, 1)


def applicants() -> pl.DataFrame:
    rows = [
        {"id": "P1", "kind": "person", "evaluation_date": ON, "application_date": ON,
         "registration_date": date(2020, 9, 1), "tianjin_fulltime_student": True, "registered_in_heping": True,
         "rent_type": "house", "jobs_created": 2, "rent_months": 6, "monthly_rent": Decimal("3000.00"),
         "starting_business_in_heping": True, "haihe_competition_winner": True},
        {"id": "E1", "kind": "enterprise", "evaluation_date": ON, "online_trained_persons": 3},
        {"id": "I1", "kind": "incubator", "evaluation_date": ON, "heping_incubator": True,
         "new_jobs_in_incubated_firms": 4},
        {"id": "P2", "kind": "person", "evaluation_date": date(2026, 1, 1)},
    ]  # fmt: skip
    kinds = ["person", "enterprise", "incubator"]
    schema = frame_schema(kinds)
    return pl.DataFrame(rows, schema={k: v for k, v in schema.items() if any(k in r for r in rows)})


def test_each_row_gets_only_its_kinds_measures_and_totals_add_up() -> None:
    out = evaluate_frame(applicants(), load_policy())
    assert out["id"].to_list() == ["P1", "E1", "I1", "P2"]
    assert out["rent_subsidy.status"].to_list() == ["eligible", None, None, "ineligible"]
    assert out["online_skills_training.status"].to_list() == [None, "eligible", None, None]
    # house, 2 jobs: 1000 + 2 × 500 = 2000 a month for the 6 months claimed
    assert out["rent_subsidy.amount"][0] == Decimal("12000.00")
    assert out["rent_subsidy.monthly_amount"][0] == Decimal("2000.00")
    assert out["rent_subsidy.months"][0] == 6
    assert out["online_skills_training.amount"][1] == Decimal("1800.00")
    assert out["incubator_jobs.amount"][2] == Decimal("12000.00")
    # the competition award is a maximum: never in the total, in the maxima
    assert out["total"].to_list() == [
        Decimal("12000.00"),
        Decimal("1800.00"),
        Decimal("12000.00"),
        Decimal(0),
    ]
    assert out["maxima_total"][0] == Decimal("300000.00")
    # outside the policy's life: ineligible, nothing missing
    assert out["rent_subsidy.missing_facts"][3].to_list() == []


def test_lean_output_is_the_figures_only() -> None:
    out = evaluate_frame(applicants(), load_policy())
    assert not [c for c in out.columns if ".c0." in c or c.startswith("~")]
    explained = evaluate_frame(applicants(), load_policy(), explain=True)
    assert "rent_subsidy.c1.recorded" in explained.columns  # step 0 is a fact read, 1 a condition
    assert explained.select(out.columns).equals(out)


def test_arrow_table_and_pickled_policy_give_the_same_frame() -> None:
    policy = load_policy()
    expected = evaluate_frame(applicants(), policy)  # also fills the policy's cache of declarations
    copied = pickle.loads(pickle.dumps(policy))
    assert evaluate_frame(applicants().to_arrow(), copied).equals(expected)


def test_a_set_after_a_first_evaluation_is_seen() -> None:
    policy = load_policy()
    assert evaluate_frame(applicants(), policy)["rent_subsidy.amount"][0] == Decimal("12000.00")
    apply_override(policy, "rent_subsidy.house_base_monthly@2021-05-01=1200")
    # March and April at 2000, May to August at 2200
    assert evaluate_frame(applicants(), policy)["rent_subsidy.amount"][0] == Decimal("12800.00")


def test_only_the_measures_asked_for() -> None:
    out = evaluate_frame(applicants(), load_policy(), measures=["incubator_jobs"])
    assert [c for c in out.columns if c.endswith(".status")] == ["incubator_jobs.status"]
    assert "incubator_jobs" in migrated()


def test_a_frame_of_one_kind_has_every_measures_columns_typed() -> None:
    persons = applicants().filter(pl.col("kind") == "person")
    out = evaluate_frame(persons, load_policy())
    full = evaluate_frame(applicants(), load_policy())
    assert out.columns == full.columns
    assert out.schema == full.schema
    assert out["online_skills_training.status"].to_list() == [None, None]
    assert out["rent_subsidy.amount"][0] == Decimal("12000.00")


def test_a_row_without_its_evaluation_date_is_refused_never_judged() -> None:
    frame = applicants().with_columns(
        pl.when(pl.col("id") == "P1").then(None).otherwise(pl.col("evaluation_date")).alias("evaluation_date")
    )
    with pytest.raises(ValueError, match="evaluation_date"):
        evaluate_frame(frame, load_policy())
    lazy = evaluate_frame(frame.lazy(), load_policy())
    assert lazy["rent_subsidy.status"][0] == "ineligible"
