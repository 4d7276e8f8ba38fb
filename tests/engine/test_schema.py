"""The typed-frame contract readers target."""

from __future__ import annotations

import polars as pl

from wenjiuye_cli.engine import facts_for_kind
from wenjiuye_cli.engine.schema import FACT_DTYPES, MONEY, conform, fact_schema, frame_schema
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


def test_a_rate_with_more_places_than_the_contract_is_refused_not_truncated() -> None:
    # The readers type ratios with 10 places; the evaluator keeps 6. A rate that fits is kept exactly,
    # one that does not is an error naming the column, never a silently different rate.
    from decimal import Decimal

    import polars as pl
    import pytest

    from wenjiuye_cli.engine.schema import conform

    def frame(rate: str) -> pl.DataFrame:
        return pl.DataFrame(
            {"kind": ["person"], "loan_annual_rate": [Decimal(rate)]},
            schema={"kind": pl.String, "loan_annual_rate": pl.Decimal(38, 10)},
        )

    assert conform(frame("0.0435")).collect()["loan_annual_rate"][0] == Decimal("0.0435")
    with pytest.raises(ValueError, match="loan_annual_rate"):
        conform(frame("0.04351234")).collect()
