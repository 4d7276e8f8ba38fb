"""wenjiuye_cli.engine.scale.evaluate_table: the typed frame of wenjiuye_cli.io in, the batch's results out.

The differential test holds it (the columnar rules and the scalar scaffold together) to the scalar engine on
random typed rows of every kind, random evaluation dates and ``--set``s; the pickle tests are what Dask,
Spark and Ray need of the policy."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.strategies import BASE, fact_value, life_dates, near, policies
from wenjiuye_cli.engine import Applicant, evaluate, facts_for_kind, registry
from wenjiuye_cli.engine.query import migrated
from wenjiuye_cli.engine.scale import evaluate_table, result_schema
from wenjiuye_cli.facts import KINDS, Facts, IncubatedFirm
from wenjiuye_cli.io.schema import typed_schema
from wenjiuye_cli.money import to_fen
from wenjiuye_cli.policy import Policy, load_policy

SETS = ["rent_subsidy.house_cap_monthly@2022-01-01=1200", "general.policy_end=2026-06-29"]


@st.composite
def typed_rows(draw: st.DrawFn, kind: str, n: int) -> list[tuple[dict[str, Any], Applicant]]:
    """``n`` applicants of ``kind``: each as a typed row and as the scalar engine's applicant."""
    out = []
    for i in range(n):
        anchor = draw(life_dates)
        row: dict[str, Any] = {"row": i + 2, "id": f"A{i}", "kind": kind}
        values: dict[str, Any] = {}
        for name, spec in facts_for_kind(kind).items():
            if draw(st.integers(0, 5)) == 0:  # missing one time in six
                continue
            value = draw(fact_value(spec, anchor))
            if spec.type == "firms":
                row[name] = [{"operating_months": m, "jobs_created": j} for m, j in value]
                values[name] = tuple(IncubatedFirm(m, j) for m, j in value)
            else:
                row[name] = values[name] = value
        out.append((row, Applicant(f"A{i}", kind, Facts(values))))
    return out


def typed_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=typed_schema())


def shown(value: Decimal | None) -> Decimal | None:
    return None if value is None else to_fen(value)


def test_the_policy_pickles_with_its_sets_and_gives_the_same_results() -> None:
    policy = load_policy(overrides=SETS)
    copy = pickle.loads(pickle.dumps(policy))
    assert isinstance(copy, Policy)
    assert copy.stamp() == policy.stamp()
    assert copy.parameters == policy.parameters
    on = date(2022, 6, 1)
    assert copy.value("rent_subsidy.house_cap_monthly", on) == policy.value(
        "rent_subsidy.house_cap_monthly", on
    )
    assert copy.value("rent_subsidy.house_cap_monthly", on) != BASE.value(
        "rent_subsidy.house_cap_monthly", on
    )
    # after an evaluation too (its caches hold polars expressions, which do not pickle)
    frame = typed_frame([{"row": 2, "id": "E1", "kind": "enterprise"}])
    first = evaluate_table(frame, policy, as_of=on)
    again = pickle.loads(pickle.dumps(policy))
    assert evaluate_table(frame, again, as_of=on).equals(first)


def test_arrow_in_arrow_out_polars_in_polars_out_with_the_batch_columns() -> None:
    frame = typed_frame(
        [{"row": 2, "id": "P1", "kind": "person"}, {"row": 3, "id": "E1", "kind": "enterprise"}]
    )
    polars_out = evaluate_table(frame, BASE, as_of=date(2021, 3, 1))
    arrow_out = evaluate_table(frame.to_arrow(), BASE, as_of=date(2021, 3, 1))
    assert isinstance(polars_out, pl.DataFrame)
    assert isinstance(arrow_out, pa.Table)
    assert pl.from_arrow(arrow_out).equals(polars_out)  # type: ignore[union-attr]
    assert polars_out.schema == result_schema(with_row=True)
    assert polars_out["id"].to_list() == ["P1", "E1"]
    # measures for enterprises only (one migrated, one not yet): no status for the person, as the batch
    # leaves the cell empty; the enterprise without facts cannot be decided
    for mid in ("competition_hosting", "stable_jobs_refund"):
        assert polars_out[f"{mid}.status"].to_list() == [None, "cannot_decide"], mid
    assert polars_out["skill_upgrade.status"].to_list()[1] is None


def test_an_empty_table_gives_an_empty_result_with_every_column() -> None:
    out = evaluate_table(typed_frame([]), BASE)
    assert out.height == 0
    assert out.schema == result_schema(with_row=True)


def test_without_as_of_the_application_date_then_today_is_the_evaluation_date() -> None:
    frame = typed_frame(
        [
            {"row": 2, "id": "P1", "kind": "person", "application_date": date(2021, 5, 6)},
            {"row": 3, "id": "P2", "kind": "person"},
        ]
    )
    out = evaluate_table(frame, BASE, today=date(2023, 1, 2))
    assert out["as_of"].to_list() == [date(2021, 5, 6), date(2023, 1, 2)]


@settings(max_examples=40, deadline=None)
@given(data=st.data(), kind=st.sampled_from(sorted(KINDS)))
def test_evaluate_table_equals_the_scalar_engine_for_every_kind(data: st.DataObject, kind: str) -> None:
    measures = [m for m in registry() if kind in m.kinds]
    if not measures:
        return
    policy = data.draw(policies(data.draw(st.sampled_from([m.id for m in measures]))), label="policy")
    policy = policy or BASE
    drawn = data.draw(typed_rows(kind, 6), label="rows")
    as_of = data.draw(st.one_of(st.none(), life_dates), label="as_of")
    today = data.draw(near(date(2022, 3, 1)), label="today")
    out = evaluate_table(typed_frame([r for r, _a in drawn]), policy, as_of=as_of, today=today)
    assert out.height == len(drawn)
    for got, (_row, applicant) in zip(out.iter_rows(named=True), drawn, strict=True):
        want = evaluate(applicant, policy, as_of=as_of, today=today)
        assert got["id"] == applicant.id
        assert got["as_of"] == want.as_of
        by_id = {o.measure_id: o for o in want.outcomes}
        for measure in registry():
            outcome = by_id.get(measure.id)
            where = (measure.id, "columnar" if measure.id in migrated() else "scaffold")
            if outcome is None:
                assert got[f"{measure.id}.status"] is None, where
                continue
            assert got[f"{measure.id}.status"] == outcome.status.value, where
            assert got[f"{measure.id}.amount"] == shown(outcome.amount), where
            assert got[f"{measure.id}.maximum"] == shown(outcome.maximum), where
        assert got["total"] == to_fen(want.total)
        assert got["maxima_total"] == to_fen(want.maxima_total)
