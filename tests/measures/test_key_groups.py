"""附件2 第2项 重点创业人群 (shared helper): judged on any day, with the policy's own windows."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import POLICY, applicant
from wenjiuye_cli.engine import measure_by_id
from wenjiuye_cli.measures._key_groups import check_key_group
from wenjiuye_cli.outcome import Check, Evaluation


@pytest.mark.parametrize(
    ("on", "ok"), [(date(2019, 9, 1), True), (date(2021, 1, 1), True), (date(2021, 1, 2), False)]
)
def test_membership_on_a_day_before_the_policy_uses_the_policy_windows(on: date, ok: bool) -> None:
    # A business registered in 2019 is judged on its registration day: no parameter is "not yet in force".
    person = applicant("person", application_date=date(2020, 8, 1), university_graduate=True,
                       graduation_date=date(2016, 1, 1), tianjin_fulltime_student=False, haihe_talent=False)  # fmt: skip
    ev = Evaluation(measure_by_id("first_startup_insurance"), person.facts, POLICY, date(2020, 8, 1))
    assert check_key_group(ev, on) is ok
    (found,) = ev.conditions
    assert found.result is (Check.PASSED if ok else Check.FAILED)
