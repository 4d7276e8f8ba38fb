"""columnar/reads.py: the parameters each rule's declaration reads, which decide what a reform re-evaluates."""

from __future__ import annotations

from wenjiuye_cli.engine.query import migrated
from wenjiuye_cli.engine.reads import ENGINE_KEYS, reads_for, touched_by
from wenjiuye_cli.policy import load_policy
from wenjiuye_cli.policy.reform import with_reforms


def test_every_rule_reads_keys_of_the_policy_and_its_own() -> None:
    policy = load_policy()
    reads = reads_for(policy)
    assert set(reads) == set(migrated())
    for mid, keys in reads.items():
        assert keys <= set(policy.parameters), mid  # no key the policy lacks
        assert ENGINE_KEYS <= keys  # the policy's validity is read for every rule
    assert "rent_subsidy.house_cap_monthly" in reads["rent_subsidy"]
    assert "incubator.incubation_per_firm" in reads["incubator_incubation"]


def test_a_reform_touches_the_rules_that_read_what_it_changes() -> None:
    policy = load_policy()
    assert touched_by(policy, {"rent_subsidy.house_cap_monthly"}) == ("rent_subsidy",)
    shared = touched_by(policy, {"key_groups.graduate_within_years"})
    assert {"rent_subsidy", "startup_loan"} <= set(shared)
    assert touched_by(policy, set()) == ()
    assert touched_by(policy, {"general.policy_end"}) == migrated()  # every rule's validity


def test_a_changed_value_leaves_what_the_rules_read_as_it_was() -> None:
    policy = load_policy()
    changed = with_reforms(policy, [], ["rent_subsidy.house_cap_monthly=3000"])
    assert reads_for(changed) == reads_for(policy)  # declared again for the new value: the same keys
