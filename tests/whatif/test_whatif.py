"""Compare and sweep engines: baseline versus reform per applicant, the budget view, and cliffs."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import PROJECT_ROOT
from tests.engine.test_lean import applicants
from tests.helpers import EXAMPLE_LIST_IDS
from wenjiuye_cli.batch import ApplicantReader, BatchOptions, RejectSink
from wenjiuye_cli.engine import Applicant, evaluate, evaluate_measure, measure_by_id
from wenjiuye_cli.engine.applicants import evaluate_applicants
from wenjiuye_cli.engine.reads import touched_by
from wenjiuye_cli.money import fmt_money
from wenjiuye_cli.outcome import Outcome, Status
from wenjiuye_cli.output import result_dict
from wenjiuye_cli.policy import Policy, load_policy
from wenjiuye_cli.policy.reform import apply_reform_data, apply_reform_file
from wenjiuye_cli.scenario import build_applicant, read_scenario
from wenjiuye_cli.whatif import (
    BudgetImpact,
    Change,
    Comparer,
    Comparison,
    Direction,
    SweepError,
    budget_position,
    compare_all,
    compare_applicant,
    compare_rows,
    fact_axis,
    find_cliffs,
    is_batch_input,
    parameter_axis,
    parse_values,
    peek_head,
    rows_summary,
    sweep,
)

ROOT = PROJECT_ROOT
EXAMPLES = ROOT / "examples"
BASE = load_policy()
TODAY = date(2026, 1, 15)


def _examples() -> list[Applicant]:
    out: list[Applicant] = []
    for path in sorted(EXAMPLES.glob("*.toml")):
        out.extend(read_scenario(path.read_bytes(), path.name))
    return out


APPLICANTS = _examples()

FOUNDER: dict[str, Any] = {
    "id": "F",
    "kind": "person",
    "application_date": date(2021, 3, 15),
    "tianjin_fulltime_student": False,
    "university_graduate": True,
    "graduation_date": date(2018, 7, 1),
    "haihe_talent": False,
    "registration_date": date(2020, 10, 8),
    "registered_in_heping": True,
    "rent_type": "house",
    "jobs_created": 4,
    "monthly_rent": Decimal(4000),
    "rent_months": 24,
}


def founder(**changes: Any) -> Applicant:
    return build_applicant({**FOUNDER, **changes}, "test")


def reform_of(key: str, value: object, start: str | None = None) -> Policy:
    group, name = key.split(".")
    first = start or min(BASE.parameters[key].values).isoformat()
    return apply_reform_data(BASE, {group: {name: {"values": {first: value}}}}, f"test:{key}")


def signature(outcome: Outcome) -> tuple[object, ...]:
    return (
        outcome.measure_id,
        outcome.status,
        outcome.amount,
        outcome.maximum,
        outcome.monthly_amount,
        outcome.months,
        tuple(outcome.missing_facts),
        tuple(outcome.parameters_used),
    )


def test_the_examples_cover_several_kinds_of_applicant() -> None:
    assert len({a.kind for a in APPLICANTS}) >= 3
    assert len(APPLICANTS) >= 10


# ------------------------------------------------------------------------------------------- one person


def test_raising_the_house_cap_pays_the_difference_for_each_month() -> None:
    # 第十五条: 1000 + 4 × 500 = 3000, capped at 2500 today; at 3000 under the reform. 24 months: +12000.
    comparison = compare_applicant(
        founder(), BASE, reform_of("rent_subsidy.house_cap_monthly", 3000), today=TODAY
    )
    item = next(i for i in comparison.items if i.measure.id == "rent_subsidy")
    assert item.baseline.amount == Decimal(60000)
    assert item.reform.amount == Decimal(72000)
    assert item.difference == Decimal(12000)
    assert item.change is Change.INCREASED
    assert comparison.difference == Decimal(12000)
    assert comparison.direction is Direction.BETTER_OFF
    assert not comparison.newly_eligible


def test_a_cap_that_does_not_bind_changes_nothing() -> None:
    comparison = compare_applicant(
        founder(jobs_created=2), BASE, reform_of("rent_subsidy.house_cap_monthly", 3000), today=TODAY
    )
    assert comparison.difference == 0
    assert comparison.direction is Direction.UNCHANGED
    assert not comparison.changed


def test_extending_the_policy_makes_a_late_applicant_newly_eligible() -> None:
    late = founder(
        application_date=date(2026, 3, 1),
        registration_date=date(2025, 9, 1),
        graduation_date=date(2022, 7, 1),
    )
    comparison = compare_applicant(
        late,
        BASE,
        apply_reform_file(BASE, EXAMPLES / "reforms" / "extend_policy_two_years.toml"),
        today=TODAY,
    )
    rent = next(i for i in comparison.items if i.measure.id == "rent_subsidy")
    assert rent.baseline.status is Status.INELIGIBLE  # the policy ended on 2025-06-29
    assert rent.reform.status is Status.ELIGIBLE
    assert rent.change is Change.NEWLY_ELIGIBLE
    assert comparison.newly_eligible
    # Other measures move from ineligible (the policy had ended) to cannot-decide: unknown amounts, but
    # never negative ones, so the gain is certain whatever they turn out to be.
    assert any(i.change is Change.BECAME_UNDECIDED and not i.baseline_paid for i in comparison.items)
    assert comparison.direction is Direction.BETTER_OFF


def test_a_shorter_window_makes_an_applicant_no_longer_eligible() -> None:
    # Applied 5 months after registering: inside 注册1年内, outside a 3-month window.
    person = founder(registration_date=date(2020, 10, 8), application_date=date(2021, 3, 8))
    comparison = compare_applicant(
        person, BASE, reform_of("rent_subsidy.application_window_months", 3), today=TODAY
    )
    rent = next(i for i in comparison.items if i.measure.id == "rent_subsidy")
    assert rent.change is Change.NO_LONGER_ELIGIBLE
    assert rent.difference == -rent.baseline.amount  # type: ignore[operator]
    assert comparison.direction is Direction.WORSE_OFF
    assert comparison.no_longer_eligible == (
        not any(
            i.baseline.status is Status.ELIGIBLE for i in comparison.items if i.measure.id != "rent_subsidy"
        )
    )


# ----------------------------------------------------------------------------------------- properties

REFORMABLE = sorted(BASE.parameters)


@st.composite
def reforms(draw: st.DrawFn, keys: list[str] | None = None) -> tuple[str, object, str]:
    """A random valid reform of one parameter (key, new value, from date): a number scaled, a date moved,
    a choice or flag switched; from the parameter's last start date or from 2022-01-01. ``keys``: the
    parameters to choose from (default: all)."""
    key = draw(st.sampled_from(keys or REFORMABLE))
    param = BASE.parameters[key]
    start, _until, value = param.entries()[-1]
    new: object
    if param.unit == "choice":
        new = draw(st.sampled_from(param.choices or []))
    elif param.unit == "flag":
        new = not value
    elif param.unit == "date":
        assert isinstance(value, date)
        new = value + timedelta(days=draw(st.integers(min_value=-800, max_value=800)))
    elif isinstance(value, int):
        new = max(1, value + draw(st.integers(min_value=-3, max_value=3)))  # 0 may be a divisor
    else:
        assert isinstance(value, Decimal)
        new = value * Decimal(draw(st.sampled_from(["0.5", "0.9", "1.1", "2"])))
    dated = draw(st.booleans())
    return key, new, ("2022-01-01" if dated and start < date(2022, 1, 1) else start.isoformat())


@given(st.sampled_from(REFORMABLE))
def test_a_reform_equal_to_the_baseline_gives_zero_difference_everywhere(key: str) -> None:
    param = BASE.parameters[key]
    values = {s.isoformat(): ({"value": v, "until": u} if u else v) for s, u, v in param.entries()}
    group, name = key.split(".")
    same = apply_reform_data(BASE, {group: {name: {"values": values}}}, "same")
    impact = BudgetImpact()
    for comparison in compare_all(APPLICANTS, BASE, same, today=TODAY):
        impact.add(comparison)
        assert comparison.difference == 0
        assert all(i.change is Change.UNCHANGED for i in comparison.items)
    assert impact.total.difference == 0
    assert impact.better_off == impact.worse_off == impact.newly_eligible == impact.no_longer_eligible == 0
    assert impact.unchanged == len(APPLICANTS)


@settings(max_examples=25)  # each example evaluates every shipped applicant three times
@given(reforms())
def test_the_reform_column_equals_a_plain_run_with_the_reform_applied(
    change: tuple[str, object, str],
) -> None:
    reformed = reform_of(*change)
    comparisons = list(Comparer(BASE, reformed, today=TODAY).compare_all(APPLICANTS))
    plains = evaluate_applicants([c.applicant for c in comparisons], reformed, today=TODAY)  # full
    bases = evaluate_applicants([c.applicant for c in comparisons], BASE, today=TODAY)
    for comparison, plain, baseline in zip(comparisons, plains, bases, strict=True):
        assert comparison.reform.total == plain.total
        assert comparison.reform.maxima_total == plain.maxima_total
        # Everything but the parameters used (a lean evaluation lists only those read before it stopped).
        assert [signature(o)[:-1] for o in comparison.reform.outcomes] == [
            signature(o)[:-1] for o in plain.outcomes
        ]
        assert comparison.baseline.total == baseline.total


@settings(max_examples=25)  # each example compares every shipped applicant
@given(reforms())
def test_differences_sum_to_the_budget_impact(change: tuple[str, object, str]) -> None:
    reformed = reform_of(*change)
    impact = BudgetImpact()
    applicant_sum = Decimal(0)
    for comparison in compare_all(APPLICANTS, BASE, reformed, today=TODAY):
        impact.add(comparison)
        applicant_sum += comparison.difference
        comparable = [i.difference for i in comparison.items if i.difference is not None]
        assert comparison.difference == sum(comparable, Decimal(0))
    assert impact.total.difference == applicant_sum
    assert sum((t.difference for t in impact.by_measure.values()), Decimal(0)) == applicant_sum
    assert sum((t.difference for t in impact.by_department.values()), Decimal(0)) == applicant_sum
    assert sum((t.reform for t in impact.by_measure.values()), Decimal(0)) == impact.total.reform
    directions = impact.better_off + impact.worse_off + impact.unchanged + impact.undecided
    assert directions == impact.applicants == len(APPLICANTS)


# 50 examples: each is several queries of the one engine (about 6 s an example on this 2-core machine); the
# 300 of the per-row engine would take most of CI's time for the same property
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants(), st.data())
def test_any_applicant_compares_as_full_runs_under_both_policies_would(
    person: Applicant, data: st.DataObject
) -> None:
    # The comparer evaluates lean and re-evaluates only measures that read a changed parameter; what it
    # reports must still be what two full, independent runs give. The reform changes a parameter that
    # one of the applicant's measures reads in a full run (so one that can matter), or any at all.
    read = sorted({k for o in evaluate(person, BASE, today=TODAY).outcomes for k in o.parameters_used})
    change = data.draw(reforms(read if read and data.draw(st.booleans()) else None))
    reformed = reform_of(*change)
    comparison = Comparer(BASE, reformed, today=TODAY).compare(person)
    for policy, result in ((BASE, comparison.baseline), (reformed, comparison.reform)):
        full = evaluate(person, policy, today=TODAY)
        assert result_dict(result, "zh", detail=False) == result_dict(full, "zh", detail=False)


def test_a_reform_of_the_condition_that_failed_is_re_evaluated() -> None:
    # 3 months of contributions fail the baseline's 6: the lean evaluation stops there, having read only
    # that parameter — which the reform lowers to 2, so the measure must be evaluated again.
    firm = build_applicant(
        {"id": "F", "kind": "enterprise", "application_date": "2021-03-01", "ui_contribution_months": 3,
         "laid_off_count": 0, "ui_premiums_paid_last_year": 10000},
        "test",
    )  # fmt: skip
    reformed = reform_of("stable_jobs_refund.min_contribution_months", 2)
    comparison = Comparer(BASE, reformed, today=TODAY).compare(firm)
    item = next(i for i in comparison.items if i.measure.id == "stable_jobs_refund")
    assert item.baseline.status is Status.INELIGIBLE
    assert item.reform.status is Status.ELIGIBLE
    assert item.change is Change.NEWLY_ELIGIBLE
    assert item.reform_paid == evaluate(firm, reformed, today=TODAY).total


def test_a_key_group_parameter_without_a_value_still_counts_as_read() -> None:
    # startup_loan and first_startup_insurance ask the key-group question. When a parameter it reads has no
    # value on the day, the measure cannot decide — and calc's JSON must list that key among those it read
    # (a lean outcome, as compare and sweep use, carries no parameters; list what-if re-evaluates a measure
    # from its declaration's reads, engine.reads).
    key = "key_groups.graduate_within_years"
    first = min(BASE.parameters[key].values).isoformat()
    ended = apply_reform_data(
        BASE, {"key_groups": {"graduate_within_years": {"values": {first: {"value": 5, "until": date(2021, 1, 1)}}}}},
        "test:ended",
    )  # fmt: skip
    person = build_applicant(
        {"id": "P", "kind": "person", "application_date": "2021-03-01", "starting_business_in_heping": True,
         "prior_guaranteed_loans": 0, "registration_date": "2021-01-15", "university_graduate": True,
         "graduation_date": "2019-07-01"},
        "test",
    )  # fmt: skip
    for measure_id in ("startup_loan", "first_startup_insurance"):
        outcome = evaluate_measure(measure_by_id(measure_id), person.facts, ended, date(2021, 3, 1))
        assert outcome.status is Status.CANNOT_DECIDE, measure_id
        assert key in outcome.parameters_used, measure_id
    # and a list what-if that restores the value re-evaluates both
    assert {"startup_loan", "first_startup_insurance"} <= set(touched_by(ended, {key}))


# ------------------------------------------------------------------------------------ applicant lists

LISTS = EXAMPLES / "batch"
FIRST = {
    k: min(BASE.parameters[f"rent_subsidy.{k}"].values).isoformat()
    for k in ("house_cap_monthly", "house_per_job_monthly")
}
# 第十五条 for R-001 (3 jobs): 1000 + 3 × 700 = 3100 a month, capped at 3000 instead of 2500: +500 × 24 months.
RICHER_RENT = apply_reform_data(
    BASE,
    {
        "rent_subsidy": {
            k: {"values": {FIRST[k]: v}}
            for k, v in (("house_cap_monthly", 3000), ("house_per_job_monthly", 700))
        }
    },
    "test:richer rent",
)


def list_reader(name: str, lang: str = "en") -> tuple[ApplicantReader, io.StringIO]:
    rejects = io.StringIO()
    data = (LISTS / name).read_bytes()
    reader = ApplicantReader(
        io.BytesIO(data), name, BatchOptions(lang=lang), RejectSink(lambda: rejects, lang, True)
    )
    return reader, rejects


def test_a_list_compares_each_row_as_if_it_were_given_alone() -> None:
    reader, _ = list_reader("applicants.csv")
    comparer = Comparer(BASE, RICHER_RENT, today=TODAY)
    impact = BudgetImpact()
    streamed = list(compare_rows(reader, comparer, impact))
    assert [(c.applicant.id, c.difference) for c in streamed if c.difference] == [
        ("R-001", Decimal(12000)),
        ("R-004", Decimal(12000)),  # granted in force (2025-01-10): its 24 months run past the policy's end
    ]
    assert [c.applicant.id for c in streamed] == EXAMPLE_LIST_IDS
    for comparison in streamed:
        alone = compare_applicant(comparison.applicant, comparer.baseline, comparer.reform, today=TODAY)
        assert (comparison.baseline.total, comparison.reform.total) == (
            alone.baseline.total,
            alone.reform.total,
        )
    assert impact.applicants == len(EXAMPLE_LIST_IDS)
    assert impact.total.difference == sum((c.difference for c in streamed), Decimal(0))
    rows = rows_summary(reader, impact)
    n = len(EXAMPLE_LIST_IDS)
    assert rows["rows"] == {"read": n, "computed": n, "rejected": 0, "blank_skipped": 0, "internal_errors": 0}
    assert rows["input"] == {
        "file": "applicants.csv",
        "format": "csv",
        "encoding": "utf-8",
        "ignored_columns": [],
    }


def test_bad_rows_of_a_list_are_rejected_and_the_others_compared() -> None:
    reader, rejects = list_reader("bad-rows.csv")
    impact = BudgetImpact()
    compared = [
        c.applicant.id for c in compare_rows(reader, Comparer(BASE, RICHER_RENT, today=TODAY), impact)
    ]
    assert compared == ["R-001", "S-001", '=HYPERLINK("http://example.com","R-008")', "I-001"]
    rejected = list(csv.reader(io.StringIO(rejects.getvalue())))[1:]
    assert [r[0] for r in rejected] == ["3", "5", "6", "7", "8", "11"]
    rows = rows_summary(reader, impact)["rows"]
    assert rows["read"] == rows["computed"] + rows["rejected"] == 10
    assert (rows["computed"], rows["blank_skipped"]) == (4, 1)


class FailingComparer(Comparer):
    """A comparer whose rules break on one applicant (as a defect in a measure would)."""

    def compare(self, applicant: Applicant) -> Comparison:
        if applicant.id == "S-001":
            raise ArithmeticError("a rule divided by zero")
        return super().compare(applicant)


def test_a_row_whose_evaluation_raises_goes_to_the_rejects_and_the_others_go_on() -> None:
    reader, rejects = list_reader("applicants.csv")
    impact = BudgetImpact()
    compared = [
        c.applicant.id for c in compare_rows(reader, FailingComparer(BASE, RICHER_RENT, today=TODAY), impact)
    ]
    assert "S-001" not in compared
    assert len(compared) == impact.applicants == len(EXAMPLE_LIST_IDS) - 1
    (header, row) = list(csv.reader(io.StringIO(rejects.getvalue())))
    assert header[:3] == ["row", "reason", "编号"]
    assert row[:3] == ["5", "internal error (a defect, please report it): ArithmeticError: a rule divided by zero",
                       "S-001"]  # fmt: skip
    rows = rows_summary(reader, impact)["rows"]
    assert (rows["read"], rows["computed"], rows["rejected"], rows["internal_errors"]) == (
        len(EXAMPLE_LIST_IDS),
        len(EXAMPLE_LIST_IDS) - 1,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("name", "head", "is_list"),
    [
        ("people.csv", b"", True),
        ("people.jsonl", b"", True),
        ("people.NDJSON", b"", True),
        ("people.toml", b"id,kind\n", False),
        ("people.json", b'{"id": "a", "kind": "person"}\n', False),
        ("-", b"\xef\xbb\xbf\xe7\xbc\x96\xe5\x8f\xb7,\xe7\xb1\xbb\xe5\x9e\x8b\r\nR-1,\xe4\xb8\xaa\xe4\xba\xba\r\n", True),  # 编号,类型
        ("-", "编号,类型\r\n".encode("gb18030"), True),
        ("-", "id,kind\n".encode("utf-16"), True),
        ("-", b'\n{"id": "a", "kind": "person"}\n{"id": "b"', True),
        ("-", b"[[applicants]]\nid = 'a'\n", False),
        ("-", b"# a scenario\n[[applicants]]\n", False),
        ("-", b'title = "x"\n', False),
        ("-", b'{\n  "applicants": []\n}\n', False),
        ("-", b'{"applicants": [{"id": "a"}]}\n', False),
        ("-", b'[{"id": "a", "kind": "person"}]', False),
        ("-", b"", False),
        ("list.txt", b"id,kind\n", True),
    ],
)  # fmt: skip
def test_a_list_is_told_from_a_scenario_by_name_then_by_its_first_line(
    name: str, head: bytes, is_list: bool
) -> None:
    assert is_batch_input(name, head) is is_list


def test_peeking_at_a_pipe_reads_its_first_line_and_gives_everything_back() -> None:
    data = b"\n\nid,kind\n" + b"A,person\n" * 50_000

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.pos = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = data[self.pos : self.pos + 100]  # a pipe hands out what it has
            buffer[: len(chunk)] = chunk
            self.pos += len(chunk)
            return len(chunk)

    pipe = Pipe()
    head, again = peek_head(io.BufferedReader(pipe, buffer_size=100))
    assert head.startswith(b"\n\nid,kind\n")
    assert pipe.pos < 1000  # only the start was read
    assert again.read() == data


# --------------------------------------------------------------------------------------------- budget


def test_budget_position_says_whether_the_reform_fits_the_fund() -> None:
    impact = BudgetImpact()
    impact.add(
        compare_applicant(founder(), BASE, reform_of("rent_subsidy.house_cap_monthly", 3000), today=TODAY)
    )
    reform_total = impact.total.reform
    within = budget_position(impact, reform_total)
    assert within["within_budget"] is True
    assert within["remaining"] == "0.00"
    assert within["share_used"] == "1"
    over = budget_position(impact, reform_total - Decimal("0.01"))
    assert over["within_budget"] is False
    assert over["remaining"] == "-0.01"


def test_the_summary_names_measures_with_article_and_department() -> None:
    impact = BudgetImpact()
    for comparison in compare_all(
        APPLICANTS, BASE, reform_of("rent_subsidy.house_cap_monthly", 3000), today=TODAY
    ):
        impact.add(comparison)
    doc = impact.as_dict("zh", Decimal(1_000_000))
    rent = next(m for m in doc["by_measure"] if m["measure"] == "rent_subsidy")
    assert rent["article"] == "十五"
    assert rent["tasks"] == [37]
    assert rent["department"] == "区人社局"
    assert doc["budget"]["available"] == "1000000.00"
    assert Decimal(doc["total"]["difference"]) == impact.total.difference


# --------------------------------------------------------------------------------------------- sweeps


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        ("0..3", "integer", (0, 1, 2, 3)),
        ("2000..3000:500", "decimal", (Decimal(2000), Decimal(2500), Decimal(3000))),
        ("10%..20%:5%", "decimal", (Decimal("0.1"), Decimal("0.15"), Decimal("0.2"))),
        ("0.1..0.25:0.1", "decimal", (Decimal("0.1"), Decimal("0.2"))),
        ("3,1,2,1", "integer", (1, 2, 3)),
        ("2025-01-31..2025-04-30", "date", (date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30))),
        ("2025-01-01..2025-01-15:7d", "date", (date(2025, 1, 1), date(2025, 1, 8), date(2025, 1, 15))),
        ("below,at_most", "unordered", ("below", "at_most")),
    ],
)  # fmt: skip
def test_ranges_and_lists(text: str, type_: Any, expected: tuple[object, ...]) -> None:
    assert parse_values(text, type_, "x") == expected


@pytest.mark.parametrize(
    ("text", "type_", "reason"),
    [
        ("0..5000", "integer", "too many"),
        ("5..1", "integer", "below the start"),
        ("0..5:0", "integer", "greater than 0"),
        ("0..5:1.5", "integer", "whole number"),
        ("a..b", "decimal", "should be a number"),
        ("2025-01-01..2025-02-01:1q", "date", "date step"),
        ("a..b", "unordered", "list the values"),
    ],
)
def test_bad_ranges_say_why(text: str, type_: Any, reason: str) -> None:
    with pytest.raises(SweepError, match=reason):
        parse_values(text, type_, "x")


def test_fact_axis_checks_the_fact_and_its_values() -> None:
    axis = fact_axis("jobs_created=0..8", "person")
    assert axis.values == tuple(range(9))
    with pytest.raises(SweepError, match="not a fact of kind"):
        fact_axis("jobs=0..8", "person")
    with pytest.raises(SweepError, match="cannot be varied"):
        fact_axis("new_incubated_firms=1..3", "incubator")  # a list of firms, not a number
    with pytest.raises(SweepError, match="expected NAME=START"):
        fact_axis("jobs_created", "person")


def test_sweeping_jobs_created_follows_the_rent_rule_up_to_the_cap() -> None:
    # 每月 1000 + 500 × jobs, 最高 2500, 24 months, rent 4000 a month.
    applicant = founder()
    points = sweep(applicant, BASE, fact_axis("jobs_created=0..5", "person"), today=TODAY)
    rent = [next(o for o in p.result.outcomes if o.measure_id == "rent_subsidy").amount for p in points]
    assert rent == [
        Decimal(24000),
        Decimal(36000),
        Decimal(48000),
        Decimal(60000),
        Decimal(60000),
        Decimal(60000),
    ]
    assert [c for c in find_cliffs(points) if c.measure_id == "rent_subsidy"] == []
    assert applicant.facts.get("jobs_created") == 4  # the applicant itself is not changed


def test_sweeping_a_parameter_applies_it_like_set() -> None:
    points = sweep(
        founder(), BASE, parameter_axis("rent_subsidy.house_cap_monthly=2000..3500:500", BASE), today=TODAY
    )
    rent = [next(o for o in p.result.outcomes if o.measure_id == "rent_subsidy").amount for p in points]
    assert rent == [
        Decimal(48000),
        Decimal(60000),
        Decimal(72000),
        Decimal(72000),
    ]  # 3000 reached with 4 jobs
    assert BASE.value("rent_subsidy.house_cap_monthly", date(2021, 1, 1)) == Decimal(2500)


def test_a_cliff_is_found_where_more_staff_loses_the_small_firm_rate() -> None:
    # 第一条: 3 laid off of 30 insured = 10% ≥ 5.5%, but < 20% for a small firm of 30 or fewer; at 31 staff
    # the relaxed rate no longer applies and 3 ÷ 31 ≈ 9.7% misses the 5.5% target: the refund drops to 0.
    firm = build_applicant(
        {
            "id": "E",
            "kind": "enterprise",
            "application_date": date(2021, 4, 1),
            "ui_contribution_months": 24,
            "insured_staff_count": 28,
            "laid_off_count": 3,
            "small_micro_enterprise": True,
            "ui_premiums_paid_last_year": Decimal(20000),
        },
        "test",
    )
    points = sweep(firm, BASE, fact_axis("insured_staff_count=28..33", "enterprise"), today=TODAY)
    cliffs = [c for c in find_cliffs(points) if c.measure_id == "stable_jobs_refund"]
    assert [(c.frm, c.to, c.before, c.after) for c in cliffs] == [(30, 31, Decimal(10000), Decimal(0))]
    assert cliffs[0].after_status is Status.INELIGIBLE
    assert any(
        c.measure_id is None and (c.frm, c.to) == (30, 31) for c in find_cliffs(points)
    )  # the total too
    # Walking the other way ("fewer staff is better") the same step is a rise, not a cliff.
    assert [c for c in find_cliffs(points, "lower") if c.measure_id == "stable_jobs_refund"] == []


def test_undecidable_points_are_skipped_not_counted_as_drops() -> None:
    points = sweep(founder(monthly_rent=None), BASE, fact_axis("jobs_created=0..3", "person"), today=TODAY)
    assert all(
        next(o for o in p.result.outcomes if o.measure_id == "rent_subsidy").status is Status.CANNOT_DECIDE
        for p in points
    )
    assert [c for c in find_cliffs(points) if c.measure_id == "rent_subsidy"] == []


def test_a_measure_that_becomes_undecidable_is_counted_apart() -> None:
    # A reform that ends the unemployment-rate target (稳岗返还's threshold) at 2020-06-30: a 2021 applicant
    # (layoffs of 2020, compared with the target in force on 2020-12-31) is eligible under the baseline and
    # cannot be decided under the reform — unknown, not "less".
    ended = apply_reform_data(
        BASE,
        {"external": {"unemployment_rate_target": {"values": {"2020-01-01": {"value": Decimal("0.055"),
                                                                            "until": date(2020, 6, 30)}}}}},
        "test:target-ends",
    )  # fmt: skip
    firm = build_applicant(
        {
            "id": "E",
            "kind": "enterprise",
            "application_date": date(2021, 3, 1),
            "ui_contribution_months": 24,
            "insured_staff_count": 40,
            "laid_off_count": 1,
            "ui_premiums_paid_last_year": Decimal(84000),
        },
        "test",
    )
    comparison = compare_applicant(firm, BASE, ended)
    refund = next(i for i in comparison.items if i.measure.id == "stable_jobs_refund")
    assert refund.baseline.status is Status.ELIGIBLE
    assert refund.reform.status is Status.CANNOT_DECIDE
    assert comparison.became_undecided is True
    impact = BudgetImpact()
    impact.add(comparison)
    assert impact.became_undecided == 1
    assert impact.as_dict("en")["became_undecided"] == 1
    unchanged = compare_applicant(firm, BASE, BASE)
    assert unchanged.became_undecided is False


def test_a_measure_that_becomes_undecidable_is_no_saving_and_no_loss() -> None:
    # Under the reading where payments stop with the policy (general.payments_end_with_policy=true),
    # extending the policy to 2027 makes FX-002's flexible-employment subsidy run into months whose minimum
    # contribution base is not known yet, so it cannot be decided. Its amount is unknown, not zero.
    fx = next(a for a in APPLICANTS if a.id == "FX-002")
    stop = load_policy(overrides=["general.payments_end_with_policy=true"])
    extended = apply_reform_file(stop, EXAMPLES / "reforms" / "extend_policy_two_years.toml")
    comparison = compare_applicant(fx, stop, extended, today=TODAY)
    item = next(i for i in comparison.items if i.measure.id == "flexible_insurance")
    assert item.baseline.status is Status.ELIGIBLE
    assert item.reform.status is Status.CANNOT_DECIDE
    assert item.change is Change.BECAME_UNDECIDED
    assert item.difference is None
    assert comparison.difference == 0  # not minus the baseline amount
    assert comparison.direction is Direction.UNDECIDED
    assert not comparison.no_longer_eligible
    assert comparison.became_undecided
    impact = BudgetImpact()
    impact.add(comparison)
    total = impact.total
    assert total.difference == 0
    assert total.reform == total.baseline - item.baseline_paid  # the reform's known total is lower …
    assert total.as_dict()["not_comparable"]["baseline"] == fmt_money(item.baseline_paid)  # … and says why
    assert (impact.worse_off, impact.undecided, impact.no_longer_eligible) == (0, 1, 0)


def test_a_parameter_sweep_obeys_the_policys_range_check_as_a_usage_error() -> None:
    # A step that makes sub-fen amounts of money is the sweep's mistake (exit 2), not a policy error (78).
    with pytest.raises(SweepError) as caught:
        parameter_axis("rent_subsidy.house_cap_monthly=1000..2000:333.333", BASE)
    assert "--vary-param rent_subsidy.house_cap_monthly" in caught.value.en
    assert "2 decimal places" in caught.value.en
    assert parameter_axis("stable_jobs_refund.refund_ratio=0.1..0.2:0.0125", BASE).values[1] == Decimal(
        "0.1125"
    )
    with pytest.raises(SweepError) as too_many:  # and the step it suggests is whole fen
        parameter_axis("rent_subsidy.house_cap_monthly=0..3333.33", BASE)
    assert too_many.value.en.endswith("0..3333.33:166.67")
