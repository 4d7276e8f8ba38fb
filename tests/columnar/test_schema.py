"""The typed-frame contract readers target."""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.columnar.schema import FACT_DTYPES, MONEY, conform, fact_schema, frame_schema
from wenjiuye_cli.engine import facts_for_kind
from wenjiuye_cli.facts import KINDS


def test_every_fact_of_every_kind_has_a_column_type() -> None:
    for kind in KINDS:
        schema = fact_schema(kind)
        assert set(schema) == set(facts_for_kind(kind))
        for name, spec in facts_for_kind(kind).items():
            assert schema[name] == FACT_DTYPES[spec.type]


def test_money_is_decimal_at_the_fen_and_choices_are_codes() -> None:
    schema = frame_schema(["person"])
    assert schema["monthly_rent"] == MONEY == pl.Decimal(38, 2)
    assert schema["rent_type"] == pl.String
    assert schema["rent_months"] == pl.Int64
    assert schema["registered_in_heping"] == pl.Boolean
    assert schema["registration_date"] == pl.Date
    assert schema["evaluation_date"] == pl.Date


def test_conform_adds_absent_facts_as_missing() -> None:
    frame = pl.DataFrame(
        {"kind": ["person"], "jobs_created": [2]}, schema={"kind": pl.String, "jobs_created": pl.Int32}
    )
    out = conform(frame, ["person"]).collect()
    assert out["jobs_created"].dtype == pl.Int64
    assert out["monthly_rent"].dtype == MONEY
    assert out["monthly_rent"].to_list() == [None]
