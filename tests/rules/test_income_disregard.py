"""第二十八条 / 序号62 首次就业收入扣减 over columns: 600 a month left out of household income for 12 months
from the contract's month; not money paid (never in a total); months before the policy are not counted;
a value changed mid-way counts from its month; a dated policy start is read on each row's date — the same
words through evaluate_frame as through engine.evaluate."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.engine.helpers import columnar, frame, scalar
from tests.engine.helpers import same_as_scalar as same
from wenjiuye_cli.cli import app
from wenjiuye_cli.engine.query import evaluate_frame
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.output import outcome_dict
from wenjiuye_cli.policy import load_policy

ON = date(2021, 3, 1)
GRADUATE: dict[str, Any] = {
    "low_income_family": True,
    "school_graduate": True,
    "first_employment": True,
    "contract_signed_date": date(2020, 9, 15),
}


def same_as_scalar(sets: list[str] | None = None, on: date = ON, **facts: Any) -> Outcome:
    got = same("income_disregard", "person", on, sets, **facts)
    want = scalar("income_disregard", "person", on, load_policy(overrides=sets or []), **facts)
    for lang in ("zh", "en"):
        assert outcome_dict(got, lang)["notes"] == outcome_dict(want, lang)["notes"]
    assert got.counts_as_payment == want.counts_as_payment
    return got


def test_twelve_months_of_600_from_the_contract_month() -> None:
    outcome = same_as_scalar(**GRADUATE)
    assert outcome.status is Status.ELIGIBLE
    assert (outcome.months, outcome.amount) == (12, Decimal(7200))
    assert outcome.schedule[0].month == date(2020, 9, 1)
    assert outcome.schedule[-1].month == date(2021, 8, 1)
    assert not outcome.counts_as_payment


def test_not_money_paid_never_in_the_total() -> None:
    result = evaluate_frame(frame("person", ON, **GRADUATE), load_policy(), measures=["income_disregard"])
    assert result["income_disregard.amount"][0] == Decimal(7200)
    assert result["total"][0] == Decimal(0)


def test_months_before_the_policy_are_not_counted() -> None:
    # signed 2020-03: 2020-03 … 2021-02, of which 2020-06 … 2021-02 (June counts: the policy came into force
    # on 06-30, general.policy_start_month_counts), or 2020-07 … 2021-02 when June does not count
    signed = {**GRADUATE, "contract_signed_date": date(2020, 3, 10)}
    outcome = same_as_scalar(**signed)
    assert outcome.months == 9
    assert "note.before_policy_start" in [n.code for n in outcome.notes]
    assert same_as_scalar(["general.policy_start_month_counts=false"], **signed).months == 8


def test_all_months_before_the_policy_is_ineligible_and_says_why() -> None:
    outcome = same_as_scalar(**{**GRADUATE, "contract_signed_date": date(2019, 5, 1)})
    assert outcome.status is Status.INELIGIBLE
    assert [n.code for n in outcome.notes] == ["note.before_policy_start"]


def test_a_value_changed_mid_way_counts_from_its_month() -> None:
    outcome = same_as_scalar(["income_disregard.monthly_amount@2021-01-15=650"], **GRADUATE)
    # 2020-09 … 2021-01 at 600 (January is read on its first day), 2021-02 … 2021-08 at 650
    assert outcome.amount == Decimal(5 * 600 + 7 * 650)
    assert [line.amount for line in outcome.schedule].count(Decimal(650)) == 7


def test_runs_past_the_policy_by_default_or_stops_with_it() -> None:
    late = {**GRADUATE, "contract_signed_date": date(2025, 1, 10)}
    runs = same_as_scalar(on=date(2025, 6, 1), **late)
    assert runs.months == 12
    assert "note.runs_past_policy" in [n.code for n in runs.notes]
    stops = same_as_scalar(
        ["income_disregard.payments_end_with_policy=end_with_policy"], on=date(2025, 6, 1), **late
    )
    assert stops.months == 6  # 2025-01 … 2025-06


@pytest.mark.parametrize(
    ("facts", "which"),
    [
        ({"school_graduate": False, "jobless_before_job": False}, "person.none"),
        ({"school_graduate": False, "jobless_before_job": True, "first_employment": False}, "person.none"),
        ({"school_graduate": None, "jobless_before_job": None}, "person.unknown"),
    ],
)
def test_who_counts(facts: dict[str, Any], which: str) -> None:
    values = {k: v for k, v in {**GRADUATE, **facts}.items() if v is not None}
    outcome = same_as_scalar(**values)
    (person,) = [c for c in outcome.conditions if c.code == "person"]
    assert person.args["which"] == which


def test_first_job_for_graduates_only_lets_the_jobless_in_on_a_later_job() -> None:
    facts = {**GRADUATE, "school_graduate": False, "jobless_before_job": True, "first_employment": False}
    outcome = same_as_scalar(["income_disregard.first_job_applies_to=graduates_only"], **facts)
    assert outcome.status is Status.ELIGIBLE


# general.policy_start moved to 2020-09-20 from 2020-12-01 on, and the amount raised to 650 from 2020-09-10:
# a row is read with the start in force on its own evaluation date, as every dated parameter is.
MOVED_START = ["general.policy_start@2020-12-01=2020-09-20", "income_disregard.monthly_amount@2020-09-10=650"]
SIGNED_IN_MARCH = {**GRADUATE, "contract_signed_date": date(2020, 3, 15)}  # 2020-03 … 2021-02


def test_a_dated_policy_start_is_read_on_the_evaluation_date_before_it_changes() -> None:
    # on 2020-11-30 the policy is in force from 2020-06-30: 2020-06 … 2021-02 (9 months); June is read on
    # 06-30 and July … September on their first days (600), October … February at 650
    outcome = columnar("income_disregard", "person", date(2020, 11, 30), load_policy(overrides=MOVED_START),
                       **SIGNED_IN_MARCH)  # fmt: skip
    assert outcome.status is Status.ELIGIBLE
    assert outcome.months == 9
    assert outcome.schedule[0].month == date(2020, 6, 1)
    assert [line.amount for line in outcome.schedule] == [Decimal(600)] * 4 + [Decimal(650)] * 5
    assert outcome.amount == Decimal(4 * 600 + 5 * 650)
    (note,) = [n for n in outcome.notes if n.code == "note.before_policy_start"]
    assert note.args == {"start": date(2020, 6, 30), "first": "2020-06"}


def test_a_dated_policy_start_is_read_on_the_evaluation_date_after_it_changes() -> None:
    # on 2020-12-31 the policy is in force from 2020-09-20: 2020-09 … 2021-02 (6 months), September read
    # on 09-20 (650, not the 600 of its first day)
    outcome = columnar("income_disregard", "person", date(2020, 12, 31), load_policy(overrides=MOVED_START),
                       **SIGNED_IN_MARCH)  # fmt: skip
    assert outcome.months == 6
    assert [line.amount for line in outcome.schedule] == [Decimal(650)] * 6
    assert outcome.amount == Decimal(6 * 650)
    (note,) = [n for n in outcome.notes if n.code == "note.before_policy_start"]
    assert note.args == {"start": date(2020, 9, 20), "first": "2020-09"}


def test_calc_reads_a_dated_policy_start_on_each_applicants_date(tmp_path: Path) -> None:
    scenario = tmp_path / "disregard.toml"
    rows = [("before", "2020-11-30"), ("after", "2020-12-31")]
    scenario.write_text(
        "".join(
            f'[[applicants]]\nid = "{name}"\nkind = "person"\napplication_date = {on}\nlow_income_family = true\n'
            "school_graduate = true\nfirst_employment = true\ncontract_signed_date = 2020-03-15\n"
            for name, on in rows
        ),
        encoding="utf-8",
    )
    sets = [arg for s in MOVED_START for arg in ("--set", s)]
    args = ["calc", str(scenario), "-f", "json", "--measure", "income_disregard", *sets]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    got = {a["id"]: a["items"][0] for a in json.loads(result.stdout)["applicants"]}
    assert (got["before"]["amount"], got["before"]["months"]) == ("5650.00", 9)
    assert (got["after"]["amount"], got["after"]["months"]) == ("3900.00", 6)
