"""``rules._hire``'s readings against ``measures._hire``: 本市高校毕业生 by ``general.tianjin_graduate_means``."""

from __future__ import annotations

import copy
import itertools
from datetime import date

import polars as pl
import pytest

from wenjiuye_cli.columnar.expr import Params
from wenjiuye_cli.columnar.schema import EVALUATION_DATE
from wenjiuye_cli.facts import Facts
from wenjiuye_cli.policy import apply_override, load_policy
from wenjiuye_cli.rules._hire import _tianjin_answer, hired_in_force_cond, tianjin_graduate

VALUES = (True, False, None)


@pytest.mark.parametrize("reading", ["tianjin_university", "tianjin_origin", "either"])
def test_every_answer_and_missing_fact_as_the_scalar_reading(reading: str) -> None:
    policy = copy.deepcopy(load_policy())
    apply_override(policy, f"general.tianjin_graduate_means={reading}")
    result, missing = tianjin_graduate(Params(policy))
    rows = list(itertools.product(VALUES, VALUES))
    frame = pl.DataFrame(
        rows, schema={"tianjin_university": pl.Boolean, "tianjin_origin": pl.Boolean}, orient="row"
    ).with_columns(pl.lit(date(2021, 1, 1)).alias(EVALUATION_DATE))
    got = frame.select(result.alias("result"), *(when.fill_null(False).alias(name) for name, when in missing))
    for i, (university, origin) in enumerate(rows):
        given = (("tianjin_university", university), ("tianjin_origin", origin))
        facts = Facts({k: v for k, v in given if v is not None})
        want, names = _tianjin_answer(facts, reading)
        row = got.row(i, named=True)
        assert row["result"] is want, (reading, university, origin)
        listed = tuple(
            n for n in ("tianjin_university", "tianjin_origin") if row["result"] is None and row[n]
        )
        assert listed == names, (reading, university, origin)


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


@pytest.mark.parametrize("required", [12, 6])
def test_the_contract_condition_as_the_scalar_contract_check(required: int) -> None:
    # 签订1年以上劳动合同: an open-ended contract meets it whatever the months; otherwise the months decide
    from wenjiuye_cli.outcome import Check, Evaluation
    from wenjiuye_cli.rules._hire import contract_check, contract_cond
    from wenjiuye_cli.rules.hiring_subsidy import MEASURE

    policy = copy.deepcopy(load_policy())
    apply_override(policy, f"hiring_subsidy.min_contract_months={required}")
    step = contract_cond(Params(policy), "hiring_subsidy.min_contract_months")
    rows = list(itertools.product((True, False, None), (None, 0, 5, 6, 11, 12, 36)))
    frame = pl.DataFrame(
        rows, schema={"open_ended_contract": pl.Boolean, "contract_months": pl.Int64}, orient="row"
    ).with_columns(pl.lit(date(2021, 1, 1)).alias(EVALUATION_DATE))
    got = frame.select(step.result.alias("result"), step.args["term"].expr.alias("term"))
    for i, (open_ended, months) in enumerate(rows):
        given = (("open_ended_contract", open_ended), ("contract_months", months))
        ev = Evaluation(MEASURE, Facts({k: v for k, v in given if v is not None}), policy, date(2021, 1, 1))
        want = contract_check(ev, "hiring_subsidy.min_contract_months")
        (condition,) = ev.conditions
        row = got.row(i, named=True)
        assert row["result"] is want, (open_ended, months)
        assert row["term"] == condition.args["term"], (open_ended, months)
        assert (condition.result is Check.UNKNOWN) == (want is None)
        assert condition.missing == (("contract_months",) if want is None else ())


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


def test_the_other_reading_note_says_what_the_scalar_result_label_says() -> None:
    # "按另一种理解（…）：可得 / 最高 … 元、不符合、符合，金额按其他标准、无法判断，还需 …"
    from decimal import Decimal

    from wenjiuye_cli.outcome import Outcome, Status
    from wenjiuye_cli.rules._hire import other_reading_note
    from wenjiuye_cli.rules._readings import result_label

    cases = [
        (Status.ELIGIBLE, Decimal("1000.00"), None, []),
        (Status.ELIGIBLE, None, Decimal("2000.00"), []),
        (Status.INELIGIBLE, None, None, []),
        (Status.AMOUNT_SET_ELSEWHERE, None, None, []),
        (Status.CANNOT_DECIDE, None, None, ["hire_date", "sex"]),
    ]
    money = pl.Decimal(38, 2)
    frame = pl.DataFrame(
        [(s.value, a, m, f) for s, a, m, f in cases],
        schema={"status": pl.String, "amount": money, "maximum": money, "missing_facts": pl.List(pl.String)},
        orient="row",
    )
    got = {name: pl.col(name) for name in frame.columns}
    note = other_reading_note("k", pl.lit(True), pl.lit("r"), got, pl.lit(True))
    out = frame.select(**{name: note.args[name].expr for name in ("result", "amount", "missing")})
    for i, (status, amount, maximum, missing) in enumerate(cases):
        code, args = result_label(Outcome("m", status, amount=amount, maximum=maximum, missing_facts=missing))
        row = out.row(i, named=True)
        assert row["result"] == code, status
        assert row["amount"] == args.get("amount"), status
        if "missing" in args:
            assert row["missing"] == str(args["missing"].zh), status
    # the other run not needed: what it gives is known, and said without its columns
    known = other_reading_note("k", pl.lit(True), pl.lit("r"), None, pl.lit(True))
    given = frame.with_columns(**{name: known.args[name].expr for name in ("result", "amount", "missing")})
    assert given["result"].to_list() == ["other.ineligible"] * len(cases)
    assert given["amount"].to_list() == [None] * len(cases)
