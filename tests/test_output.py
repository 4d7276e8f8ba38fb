"""What calc writes: the JSON item of each measure, and its schedule adding up to its amount."""

from __future__ import annotations

from decimal import Decimal

from tests import PROJECT_ROOT
from wenjiuye_cli.engine import evaluate
from wenjiuye_cli.output import result_dict
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.scenario import read_scenario

EXAMPLES = PROJECT_ROOT / "examples"
POLICY = load_policy()


def test_a_schedule_and_what_is_not_paid_monthly_add_up_to_the_amount() -> None:
    # An internship's retention reward is paid once: without "not_monthly" the months would fall short.
    checked = once = 0
    for path in sorted(EXAMPLES.glob("*.toml")):
        for applicant in read_scenario(path.read_bytes(), str(path)):
            for item in result_dict(evaluate(applicant, POLICY), "zh", True)["items"]:
                if item["status"] != "eligible" or "schedule" not in item or item["amount"] is None:
                    continue
                months = sum((Decimal(line["amount"]) for line in item["schedule"]), Decimal(0))
                rest = Decimal(item.get("not_monthly", "0"))
                assert months + rest == Decimal(item["amount"]), (applicant.id, item["measure"])
                # What is not monthly is a one-off the measure names, never a negative "correction".
                expected = Decimal(item.get("extra", {}).get("retention_reward", "0"))
                assert rest == expected, (applicant.id, item["measure"])
                checked += 1
                once += rest > 0
    assert checked >= 5
    assert once >= 1  # the retention reward of J-001
