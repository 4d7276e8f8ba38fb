"""Scenario applicants through the columnar engine: what calc, compare and sweep print, and that it is that engine.

The columnar results must be the scalar engine's, item for item in zh and en, for every shipped example (on
its own dates and outside the policy's life); calc, compare and sweep must keep working with the scalar
rules of the migrated measures made to fail, and evaluate all their applicants (or points) in one query.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from wenjiuye_cli import engine
from wenjiuye_cli.cli import app
from wenjiuye_cli.columnar import applicants as columnar_applicants
from wenjiuye_cli.columnar.applicants import evaluate_applicants
from wenjiuye_cli.columnar.evaluate import evaluate_frame, migrated, rules_for
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.exitcodes import ExitCode
from wenjiuye_cli.outcome import Measure, Outcome, Status
from wenjiuye_cli.output import result_dict
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.scenario import read_scenario
from wenjiuye_cli.whatif import Comparer, comparison_dict, fact_axis, parameter_axis, sweep

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RENT = EXAMPLES / "rent_subsidy.toml"
POLICY = load_policy()
TODAY = date(2025, 6, 1)
# The scalar loop divides the rate by 12 once a month and so misses 9943.75 by a hair ("≈9943.75"); the
# rule's closed form is exact. A difference in one text of L-002, for the rule's owner to settle.
KNOWN = {"startup_loan.toml": "borrower's interest shown exact by the rule, ≈ by the scalar loop"}


def _examples() -> list[Any]:
    return [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN[p.name])) if p.name in KNOWN else p
        for p in sorted(EXAMPLES.glob("*.toml"))
    ]


def _people(path: Path = RENT) -> list[engine.Applicant]:
    return read_scenario(path.read_bytes(), str(path))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_every_example_gives_the_scalar_engines_items_in_both_languages(path: Path) -> None:
    people = _people(path)
    for as_of in (None, date(2026, 1, 1)):  # its own dates; a day after the policy's life
        got = evaluate_applicants(people, POLICY, as_of=as_of, today=TODAY)
        for person, result in zip(people, got, strict=True):
            want = evaluate(person, POLICY, as_of, today=TODAY)
            for lang in ("zh", "en"):
                assert result_dict(result, lang) == result_dict(want, lang), (person.id, as_of, lang)


def test_only_keeps_the_chosen_measures_and_the_totals_are_theirs() -> None:
    people = _people()
    got = evaluate_applicants(people, POLICY, only=["rent_subsidy", "hardship_grant"], today=TODAY)
    for person, result in zip(people, got, strict=True):
        want = evaluate(person, POLICY, only=["rent_subsidy", "hardship_grant"], today=TODAY)
        assert [o.measure_id for o in result.outcomes] == ["rent_subsidy", "hardship_grant"]
        assert result_dict(result, "zh") == result_dict(want, "zh")
    assert str(got[0].total) == "60000.00"


def test_lean_outcomes_carry_the_figures_only() -> None:
    (lean,) = evaluate_applicants(_people()[:1], POLICY, explain=False, only=["rent_subsidy"])
    (outcome,) = lean.outcomes
    assert (outcome.status, str(outcome.amount), outcome.months) == (Status.ELIGIBLE, "60000.00", 24)
    assert outcome.conditions == []
    assert outcome.arithmetic == []
    assert outcome.schedule == []


# ------------------------------------------------------------------ it is the columnar engine that answers


def _scalar_rules(monkeypatch: pytest.MonkeyPatch, make: Callable[[Measure], Outcome]) -> None:
    """The scalar rules of the migrated measures replaced by ``make`` (the unmigrated ones still run)."""
    real = engine.evaluate_measure

    def fake(measure: Measure, *args: Any, **kwargs: Any) -> Outcome:
        if measure.id in migrated():
            return make(measure)
        return real(measure, *args, **kwargs)

    monkeypatch.setattr(engine, "evaluate_measure", fake)
    monkeypatch.setattr(columnar_applicants, "evaluate_measure", fake)


def _refuse(measure: Measure) -> Outcome:
    raise AssertionError(f"the scalar rule of {measure.id} ran")


def _wrong(measure: Measure) -> Outcome:
    return Outcome(
        measure.id, Status.CANNOT_DECIDE, amount=None, parameters_used=["scaffold.key"], extra={"x": 1}
    )


def _count_queries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = columnar_applicants.evaluate_frame

    def counted(frame: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(frame.height)
        return real(frame, *args, **kwargs)

    monkeypatch.setattr(columnar_applicants, "evaluate_frame", counted)
    return calls


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_calc_needs_no_scalar_rule_of_a_migrated_measure(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    _scalar_rules(monkeypatch, _refuse)
    calls = _count_queries(monkeypatch)
    both = [str(RENT), str(EXAMPLES / "incubator.toml")]  # two files, several kinds: one query
    result = CliRunner().invoke(app, ["calc", *both, "-f", fmt, "--measure", "rent_subsidy,incubator_jobs"])
    assert result.exit_code == 0, result.stderr
    if fmt == "table":
        assert result.stderr == ""
    else:  # CSV has no place for the stamp: it goes to stderr
        assert json.loads(result.stderr)["policy"]["sha256"]
    assert "60000.00" in result.stdout  # R-001's rent subsidy
    assert len(calls) == 1
    assert calls[0] == len(_people()) + len(_people(EXAMPLES / "incubator.toml"))


def test_calc_json_takes_only_parameters_used_and_extra_from_the_scalar_scaffold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _scalar_rules(monkeypatch, _wrong)
    result = CliRunner().invoke(app, ["calc", str(RENT), "-f", "json", "--measure", "rent_subsidy"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    first = json.loads(result.stdout)["applicants"][0]
    (item,) = first["items"]
    assert (item["status"], item["amount"], first["total"]) == ("eligible", "60000.00", "60000.00")
    assert "1000 + 3 × 500 = 2500" in " ".join(item["arithmetic"])
    assert item["parameters_used"] == ["scaffold.key"]
    assert item["extra"] == {"x": 1}


def test_compare_and_sweep_need_no_scalar_rule_of_a_migrated_measure(monkeypatch: pytest.MonkeyPatch) -> None:
    _scalar_rules(monkeypatch, _refuse)
    calls = _count_queries(monkeypatch)
    reform = load_policy(overrides=["rent_subsidy.house_cap_monthly=2000"])
    people = _people()
    comparisons = list(Comparer(POLICY, reform, today=TODAY).compare_scenarios(people))
    assert len(calls) == 2  # one query a side, every applicant in it
    rent = next(i for i in comparisons[0].items if i.measure.id == "rent_subsidy")
    assert (str(rent.baseline_paid), str(rent.reform_paid)) == ("60000.00", "48000.00")

    calls.clear()
    points = sweep(people[0], POLICY, fact_axis("jobs_created=0..4", "person"), today=TODAY)
    assert calls == [5]  # the points are the rows of one frame
    amounts = [next(o for o in p.result.outcomes if o.measure_id == "rent_subsidy").amount for p in points]
    # 1000 + jobs × 500 a month for 24 months, capped at 2500 a month
    assert [str(a) for a in amounts] == ["24000.00", "36000.00", "48000.00", "60000.00", "60000.00"]

    calls.clear()
    axis = parameter_axis("rent_subsidy.house_cap_monthly=2000..3000:500", POLICY)
    points = sweep(people[0], POLICY, axis, today=TODAY)
    assert calls == [1, 1, 1]  # a policy per point, one query each
    assert [str(p.result.total) for p in points] == ["48000.00", "60000.00", "60000.00"]


REFORM = load_policy(
    overrides=[
        "general.policy_end=2026-06-29",  # the engine's own parameter: the scalar side re-evaluates all
        "rent_subsidy.house_cap_monthly=2000",
        "startup_loan.max_loans_default=1",
    ]
)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_compare_scenarios_gives_the_scalar_comparison(path: Path) -> None:
    people = _people(path)
    for reform in (REFORM, load_policy(overrides=["rent_subsidy.house_cap_monthly=2000"])):  # + shortcut
        comparer = Comparer(POLICY, reform, today=TODAY)
        got = list(comparer.compare_scenarios(people))
        for comparison, person in zip(got, people, strict=True):
            want = comparer.compare(person)
            for lang in ("zh", "en"):
                assert comparison_dict(comparison, lang) == comparison_dict(want, lang), (person.id, lang)


def test_a_money_fact_finer_than_the_fen_is_refused_not_cut(tmp_path: Path) -> None:
    scenario = tmp_path / "fine.toml"
    scenario.write_text(
        '[[applicants]]\nid = "A"\nkind = "person"\napplication_date = 2021-03-15\nmonthly_rent = 4000.555\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["calc", str(scenario), "-f", "json", "--lang", "en"])
    assert result.exit_code == ExitCode.BAD_CONFIG
    assert result.stdout == ""
    assert "monthly_rent: an amount has at most two decimals (fen), got 4000.555" in result.stderr


def test_declarations_are_built_per_measure_once_and_come_in_the_engines_order() -> None:
    policy = load_policy(overrides=["rent_subsidy.house_cap_monthly=2400"])  # a state of its own
    (rent,) = rules_for(policy, ["rent_subsidy"])
    every = rules_for(policy)
    assert [r.measure.id for r in every] == list(migrated())
    assert every[list(migrated()).index("rent_subsidy")] is rent  # not declared twice
    (result,) = evaluate_applicants(_people()[:1], policy, only=["rent_subsidy"])
    assert str(result.total) == "57600.00"  # 2400 a month (the --set seen) × 24


def test_an_untraced_outcome_is_the_traced_one_without_parameters_used() -> None:
    """calc's table asks for no trace: the same outcomes, but for ``parameters_used``, which it never shows."""
    people = _people()
    traced = evaluate_applicants(people, POLICY, today=TODAY)
    untraced = evaluate_applicants(people, POLICY, today=TODAY, trace=False)
    assert any(o.parameters_used for r in traced for o in r.outcomes)
    for with_trace, without in zip(traced, untraced, strict=True):
        assert [replace(o, parameters_used=[]) for o in with_trace.outcomes] == without.outcomes
        assert (with_trace.total, with_trace.maxima_total) == (without.total, without.maxima_total)


def test_an_explained_row_lists_no_months_it_does_not_show() -> None:
    """The months of flexible insurance that cannot be computed are shown only where part is paid; for the
    rent example's founders (undecided for want of facts) the list is empty, where it once ran to the last
    run of parameters' end, ~975,000 months a row, and made a calc of this file take seconds."""
    people = _people()
    frame = columnar_applicants.applicants_frame(people, [a.facts.values["application_date"] for a in people])
    out = evaluate_frame(frame.collect(), POLICY, explain=True, measures=["flexible_insurance"])
    assert set(out["flexible_insurance.status"].to_list()) == {Status.CANNOT_DECIDE.value}
    assert not any(out["flexible_insurance.e.uncomputable_months.shown"].to_list())
    assert out["flexible_insurance.e.uncomputable_months"].list.len().max() == 0
