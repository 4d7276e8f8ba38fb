"""第十六条 / 序号38 创业孵化基地补贴 (建设费补贴、孵化补贴、带动就业补贴): rules and boundaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import POLICY, applicant, condition, run
from wenjiuye_cli.engine import evaluate, measure_by_id
from wenjiuye_cli.explain import render_message
from wenjiuye_cli.outcome import Check, Outcome, Status
from wenjiuye_cli.policy import load_policy

ON = date(2021, 9, 1)
BASE: dict[str, Any] = {
    "application_date": ON,
    "heping_incubator": True,
    "incubated_firms_count": 20,
    "student_founded_firms_count": 6,
    "new_incubated_firms": "14/3; 12/2; 11/5; 24/1",
    "new_jobs_in_incubated_firms": 17,
}
PARTS = ("incubator_construction", "incubator_incubation", "incubator_jobs")
SAME = load_policy(
    overrides=[
        f"{key}={POLICY.value(key, ON)}"
        for key in (
            "incubator.construction_max",
            "incubator.student_share_threshold",
            "incubator.student_uplift",
            "incubator.incubation_per_firm",
            "incubator.incubation_min_operating_months",
            "incubator.incubation_min_jobs",
            "incubator.jobs_per_person",
        )
    ]
)


def part(measure_id: str, policy: Any = None, **changes: Any) -> Outcome:
    facts = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return run(measure_id, "incubator", policy=policy, **facts)


def texts(outcome: Outcome, lang: str = "zh") -> list[str]:
    measure = measure_by_id(outcome.measure_id)
    return [render_message(m, measure, lang) for m in (*outcome.arithmetic, *outcome.notes)]


# ------------------------------------------------------------------ 建设费补贴最高50万元 (a maximum only)


def test_construction_is_a_maximum_set_elsewhere() -> None:
    outcome = part("incubator_construction")
    assert outcome.status is Status.AMOUNT_SET_ELSEWHERE
    assert outcome.amount is None
    assert outcome.maximum == Decimal(500000)
    assert "建设费补贴最高 500000 元" in texts(outcome)


@pytest.mark.parametrize(
    ("students", "firms", "maximum"),
    [
        (10, 20, "750000"),  # exactly 50%: 50%以上 includes it
        (9, 20, "500000"),  # 45%
        (20, 20, "750000"),
        (0, 0, "500000"),  # no incubated firm: no share, no uplift
    ],
)
def test_construction_uplift_for_half_student_founded(students: int, firms: int, maximum: str) -> None:
    # 对大学生创办在孵企业占50%以上的，补贴上浮50%
    outcome = part(
        "incubator_construction", student_founded_firms_count=students, incubated_firms_count=firms
    )
    assert outcome.maximum == Decimal(maximum)


def test_construction_uplift_arithmetic_in_words() -> None:
    outcome = part("incubator_construction", student_founded_firms_count=10, incubated_firms_count=20)
    assert texts(outcome)[:2] == [
        "大学生创办在孵企业 10 ÷ 在孵企业 20 = 50% ≥ 50%：补贴上浮 50%",
        "建设费补贴最高 500000 元 × (1 + 50%) = 750000 元",
    ]


def test_construction_uplift_can_be_read_as_not_raising_the_maximum() -> None:
    policy = load_policy(overrides=["incubator.uplift_raises_maximum=false"])
    outcome = part("incubator_construction", policy, student_founded_firms_count=10, incubated_firms_count=20)
    assert outcome.maximum == Decimal(500000)


def test_construction_needs_counts_and_rejects_inconsistent_ones() -> None:
    unknown = part("incubator_construction", student_founded_firms_count=None)
    assert unknown.status is Status.CANNOT_DECIDE
    assert unknown.maximum is None
    assert unknown.missing_facts == ["student_founded_firms_count"]
    inconsistent = part("incubator_construction", student_founded_firms_count=21, incubated_firms_count=20)
    assert inconsistent.status is Status.CANNOT_DECIDE
    assert "超过在孵企业数" in texts(inconsistent)[0]


@pytest.mark.parametrize("measure_id", PARTS)
def test_only_heping_incubators(measure_id: str) -> None:
    # 对我区创业孵化基地
    outcome = part(measure_id, heping_incubator=False)
    assert outcome.status is Status.INELIGIBLE
    assert condition(outcome, "heping_incubator") is Check.FAILED
    unknown = part(measure_id, heping_incubator=None)
    assert unknown.status is Status.CANNOT_DECIDE
    assert "heping_incubator" in unknown.missing_facts


# ---------------------------------------------- 每新增1户孵化企业、生产经营满1年、带动就业2人以上，1万元


def test_incubation_counts_qualifying_new_firms_and_says_why() -> None:
    outcome = part("incubator_incubation")
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(20000)
    assert outcome.extra == {"qualifying_firms": [1, 2], "non_qualifying_firms": [3, 4]}
    lines = texts(outcome)
    assert lines[0] == "10000 元/户 × 2 户 = 20000 元"
    assert lines[1] == "第 1 户：经营 14 个月 ≥ 12，带动就业 3 人 ≥ 2，符合"
    assert lines[2] == "第 2 户：经营 12 个月 ≥ 12，带动就业 2 人 ≥ 2，符合"  # both boundaries met exactly
    assert lines[3].endswith("经营不满 12 个月，不符合")
    assert lines[4].endswith("带动就业不足 2 人，不符合")


def test_incubation_accepts_tables_as_well_as_a_csv_cell() -> None:
    firms = [{"operating_months": 12, "jobs_created": 2}, {"operating_months": 30, "jobs_created": 9}]
    assert part("incubator_incubation", new_incubated_firms=firms).amount == Decimal(20000)


def test_incubation_without_qualifying_firms_is_not_granted() -> None:
    none_qualify = part("incubator_incubation", new_incubated_firms="11/2; 12/1")
    assert none_qualify.status is Status.INELIGIBLE
    assert condition(none_qualify, "qualifying_firms") is Check.FAILED
    assert len(none_qualify.notes) == 2  # still says why each firm fails
    assert part("incubator_incubation", new_incubated_firms="无").status is Status.INELIGIBLE
    missing = part("incubator_incubation", new_incubated_firms=None)
    assert missing.status is Status.CANNOT_DECIDE
    assert missing.missing_facts == ["new_incubated_firms"]


# ---------------------------------------------------- 按每人3000元标准给予带动就业补贴


@pytest.mark.parametrize(("jobs", "amount"), [(1, "3000"), (17, "51000")])
def test_jobs_subsidy_per_new_job(jobs: int, amount: str) -> None:
    outcome = part("incubator_jobs", new_jobs_in_incubated_firms=jobs)
    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount == Decimal(amount)
    assert texts(outcome) == [f"3000 元/人 × {jobs} 人 = {amount} 元"]


def test_jobs_subsidy_needs_new_jobs() -> None:
    assert part("incubator_jobs", new_jobs_in_incubated_firms=0).status is Status.INELIGIBLE
    missing = part("incubator_jobs", new_jobs_in_incubated_firms=None)
    assert missing.status is Status.CANNOT_DECIDE
    assert missing.missing_facts == ["new_jobs_in_incubated_firms"]


def test_total_counts_exact_amounts_but_not_the_construction_maximum() -> None:
    result = evaluate(applicant("incubator", **BASE), POLICY, only=PARTS)
    assert result.total == Decimal(20000 + 51000)
    assert result.maxima_total == Decimal(500000)


# ------------------------------------------------------------------------------------------ properties

firm = st.tuples(st.integers(0, 60), st.integers(0, 20))


def cell(firms: list[tuple[int, int]]) -> str:
    return "; ".join(f"{m}/{j}" for m, j in firms) or "无"


def paid(outcome: Outcome) -> Decimal:
    return outcome.amount if outcome.status is Status.ELIGIBLE and outcome.amount is not None else Decimal(0)


@given(firms=st.lists(firm, max_size=12), extra=firm, jobs=st.integers(0, 500))
def test_incubation_and_jobs_monotone_and_bounded(
    firms: list[tuple[int, int]], extra: tuple[int, int], jobs: int
) -> None:
    now = part("incubator_incubation", new_incubated_firms=cell(firms))
    more_firms = part("incubator_incubation", new_incubated_firms=cell([*firms, extra]))
    assert paid(now) <= Decimal(10000) * len(firms)
    assert paid(more_firms) >= paid(now)  # one more new firm never lowers the subsidy
    # a firm operating longer or creating more jobs never lowers it either
    if firms:
        grown = [(firms[0][0] + 1, firms[0][1] + 1), *firms[1:]]
        assert paid(part("incubator_incubation", new_incubated_firms=cell(grown))) >= paid(now)
    j_now = part("incubator_jobs", new_jobs_in_incubated_firms=jobs)
    j_more = part("incubator_jobs", new_jobs_in_incubated_firms=jobs + 1)
    assert paid(j_more) > paid(j_now)
    assert paid(j_now) == Decimal(3000) * jobs
    for measure_id, facts in (
        ("incubator_incubation", {"new_incubated_firms": cell(firms)}),
        ("incubator_jobs", {"new_jobs_in_incubated_firms": jobs}),
    ):
        a, b = part(measure_id, **facts), part(measure_id, SAME, **facts)
        assert (a.status, a.amount) == (b.status, b.amount)


@given(firms=st.integers(0, 300), students=st.integers(0, 300), more=st.integers(0, 50))
def test_construction_maximum_bounded_and_monotone_in_students(firms: int, students: int, more: int) -> None:
    students = min(students, firms)
    now = part("incubator_construction", incubated_firms_count=firms, student_founded_firms_count=students)
    assert now.status is Status.AMOUNT_SET_ELSEWHERE
    assert now.maximum is not None
    assert now.maximum in (Decimal(500000), Decimal(750000))
    more_students = min(students + more, firms)
    higher = part(
        "incubator_construction", incubated_firms_count=firms, student_founded_firms_count=more_students
    )
    assert higher.maximum is not None
    assert higher.maximum >= now.maximum
    same = part(
        "incubator_construction", SAME, incubated_firms_count=firms, student_founded_firms_count=students
    )
    assert same.maximum == now.maximum
