"""``rules._hire``'s readings against ``measures._hire``: 本市高校毕业生 by ``general.tianjin_graduate_means``."""

from __future__ import annotations

import copy
from datetime import date

import polars as pl
import pytest

from wenjiuye_cli.engine.expr import Params
from wenjiuye_cli.engine.schema import EVALUATION_DATE
from wenjiuye_cli.policy import apply_override, load_policy
from wenjiuye_cli.rules._hire import hired_in_force_cond

VALUES = (True, False, None)


@pytest.mark.parametrize("flag", [True, False])
def test_hired_in_force_is_a_condition_only_when_the_reading_says_so(flag: bool) -> None:
    # general.hires_from_policy_start: "施行后" refers to the hire date (true) or to what is subsidised
    policy = copy.deepcopy(load_policy())
    apply_override(policy, f"general.hires_from_policy_start={str(flag).lower()}")
    step = hired_in_force_cond(Params(policy), pl.col("hire_date"))
    assert step.shown is not None
    hires = [date(2020, 6, 29), date(2020, 6, 30), None]
    frame = pl.DataFrame({"hire_date": hires, EVALUATION_DATE: [date(2021, 1, 1)] * 3})
    got = frame.select(step.result.alias("result"), step.shown.alias("shown"))
    assert got["result"].to_list() == [False, True, None]
    assert got["shown"].to_list() == [flag, flag, False]


def test_hired_in_force_under_a_reading_given_as_a_column() -> None:
    # the run of the other reading flips general.hires_from_policy_start row by row
    from wenjiuye_cli.rules._hire import hired_before_policy_start, hired_in_force_under

    params = Params(load_policy())
    frame = pl.DataFrame(
        {
            "hire_date": [date(2020, 6, 29), date(2020, 6, 30), None, date(2020, 6, 29)],
            "flag": [True, True, True, False],
            EVALUATION_DATE: [date(2021, 1, 1)] * 4,
        }
    )
    step = hired_in_force_under(params, pl.col("hire_date"), pl.col("flag"))
    assert step.shown is not None
    got = frame.select(
        step.result.alias("result"),
        step.shown.alias("shown"),
        hired_before_policy_start(params, pl.col("hire_date")).alias("before"),
    )
    assert got["result"].to_list() == [False, True, None, False]
    assert got["shown"].to_list() == [True, True, False, False]
    assert got["before"].to_list() == [True, False, False, True]


def test_the_insurance_helpers_are_the_hire_helpers() -> None:
    # one copy of each: the names employer_insurance first used stay importable from rules._insurance
    from wenjiuye_cli.rules import _hire, _insurance

    for name in ("hired_in_force", "other_tianjin_reading", "tianjin_graduate_as"):
        assert getattr(_insurance, name) is getattr(_hire, name), name
