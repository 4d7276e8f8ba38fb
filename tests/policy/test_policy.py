"""policy.toml: validated on load, every error names the key; dated values; --set overrides."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wenjiuye_cli.policy import (
    ParameterNotInForce,
    PolicyError,
    default_policy_bytes,
    load_policy,
    parse_policy,
)

POLICY_TEXT = default_policy_bytes().decode("utf-8")


def broken(old: str, new: str) -> bytes:
    assert old in POLICY_TEXT, old
    return POLICY_TEXT.replace(old, new, 1).encode("utf-8")


def test_shipped_policy_loads_and_every_parameter_is_cited() -> None:
    policy = load_policy()
    assert policy.meta.issued == date(2020, 6, 30)
    for key, param in policy.parameters.items():
        assert param.source, key
        assert param.department, key
        if param.article not in ("外部", "附则", "附件2"):
            assert param.tasks, f"{key} cites article {param.article} but no task number"


def test_money_is_decimal_never_float() -> None:
    policy = load_policy()
    value = policy.value("external.unemployment_rate_target", date(2021, 1, 1))
    assert value == Decimal("0.055")
    assert isinstance(value, Decimal)
    assert isinstance(policy.value("rent_subsidy.house_cap_monthly", date(2021, 1, 1)), Decimal)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2017, 7, 1), 2050),
        (date(2021, 6, 30), 2050),
        (date(2021, 7, 1), 2180),
        (date(2023, 11, 1), 2320),
        (date(2025, 9, 1), 2510),
    ],
)
def test_dated_values_switch_on_their_start_date(on: date, expected: int) -> None:
    assert load_policy().value("external.minimum_wage_monthly", on) == Decimal(expected)


def test_value_before_first_date_or_after_until_is_not_in_force() -> None:
    policy = load_policy()
    with pytest.raises(ParameterNotInForce):
        policy.value("external.minimum_wage_monthly", date(2017, 6, 30))
    assert policy.value("external.unemployment_rate_target", date(2025, 12, 31)) == Decimal("0.055")
    with pytest.raises(ParameterNotInForce):
        policy.value("external.unemployment_rate_target", date(2026, 1, 1))


def test_lpr_change_dates() -> None:
    policy = load_policy()
    assert policy.value("external.lpr_1y", date(2020, 4, 19)) == Decimal("0.0405")
    assert policy.value("external.lpr_1y", date(2020, 4, 20)) == Decimal("0.0385")
    assert policy.value("external.lpr_1y", date(2025, 5, 20)) == Decimal("0.0300")


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('unit = "yuan/month"\narticle = "十五"', 'article = "十五"', "rent_subsidy.house_base_monthly.unit"),
        (
            "values = { 2020-06-30 = 2500 }",
            'values = { 2020-06-30 = "2500" }',
            "rent_subsidy.house_cap_monthly",
        ),
        ("values = { 2020-06-30 = 24 }", "values = { 2020-06-30 = 24.5 }", "rent_subsidy.max_months"),
        (
            'reference = "每月最高600元"',
            'referense = "每月最高600元"',
            "rent_subsidy.workstation_cap_monthly.referense",
        ),
        ('article = "十七"\ntasks = [41]', 'article = "四十"\ntasks = [41]', "article"),
        ('values = { 2020-06-30 = "below" }', 'values = { 2020-06-30 = "lower" }', "layoff_rate_comparison"),
    ],
)
def test_a_typo_is_an_error_naming_the_key(old: str, new: str, named: str) -> None:
    with pytest.raises(PolicyError, match=named.replace(".", r"\.")):
        parse_policy(broken(old, new), "typo.toml")


def test_overlapping_date_ranges_are_an_error() -> None:
    bad = broken(
        "values = { 2020-01-01 = { value = 0.055, until = 2025-12-31 } }",
        "values = { 2020-01-01 = { value = 0.055, until = 2022-01-01 }, 2021-01-01 = 0.05 }",
    )
    with pytest.raises(PolicyError, match=r"external\.unemployment_rate_target.*overlap"):
        parse_policy(bad, "overlap.toml")


def test_external_values_need_checked_date() -> None:
    bad = broken("checked = 2026-11-26\nvalues = { 2017-07-01", "values = { 2017-07-01")
    with pytest.raises(PolicyError, match=r"minimum_wage_monthly.*checked"):
        parse_policy(bad, "x.toml")


def test_set_override_replaces_value_and_is_recorded() -> None:
    policy = load_policy(overrides=["rent_subsidy.house_cap_monthly=3000"])
    assert policy.value("rent_subsidy.house_cap_monthly", date(2021, 1, 1)) == Decimal(3000)
    assert policy.stamp()["overrides"] == ["rent_subsidy.house_cap_monthly=3000"]


def test_dated_set_override_applies_from_its_date() -> None:
    policy = load_policy(overrides=["external.minimum_wage_monthly@2022-01-01=2300"])
    assert policy.value("external.minimum_wage_monthly", date(2021, 12, 31)) == Decimal(2180)
    assert policy.value("external.minimum_wage_monthly", date(2024, 1, 1)) == Decimal(2300)


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("rent_subsidy.house_cap=3000", "unknown parameter 'rent_subsidy.house_cap'"),
        ("rent_subsidy.house_cap=3000", r"did you mean rent_subsidy\.house_cap_monthly\?"),
        ("rent_subsidy.house_cap_monthly=lots", "not valid for unit 'yuan/month'"),
        ("rent_subsidy.max_months=2.5", "not valid for unit 'months'"),
        ("stable_jobs_refund.layoff_rate_comparison=less", "not one of"),
        ("no_equals_sign", "expected group.name=VALUE"),
    ],
)
def test_bad_set_is_an_error_naming_the_key(assignment: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        load_policy(overrides=[assignment])


def test_percent_and_flag_overrides() -> None:
    policy = load_policy(
        overrides=["stable_jobs_refund.refund_ratio=60%", "rent_subsidy.cap_binds_actual_rent=false"]
    )
    assert policy.value("stable_jobs_refund.refund_ratio", date(2021, 1, 1)) == Decimal("0.6")
    assert policy.value("rent_subsidy.cap_binds_actual_rent", date(2021, 1, 1)) is False


@given(st.sampled_from(sorted(load_policy().parameters)), st.dates(date(2020, 6, 30), date(2025, 6, 29)))
def test_override_to_current_value_changes_nothing(key: str, on: date) -> None:
    baseline = load_policy()
    try:
        current = baseline.value(key, on)
    except ParameterNotInForce:
        return
    text = current.isoformat() if isinstance(current, date) else str(current).lower()
    changed = load_policy(overrides=[f"{key}@{on.isoformat()}={text}"])
    assert changed.value(key, on) == current


# --------------------------------------------- one range check for policy files, --set and reform files

CAP = "rent_subsidy.house_cap_monthly"
CAP_RE = re.escape(CAP)
CAP_TABLE = POLICY_TEXT[POLICY_TEXT.index(f"[{CAP}]") :].split("\n\n", 1)[0]


@pytest.mark.parametrize(
    ("assignment", "named"),
    [
        (f"{CAP}=-3000", rf"{CAP_RE}=-3000: must not be negative"),
        ("rent_subsidy.max_months=-5", r"rent_subsidy\.max_months=-5: must not be negative"),
        ("stable_jobs_refund.refund_ratio=-10%", r"refund_ratio=-10%: must not be negative"),
        (f"{CAP}@2023-01-01=-1", rf"{CAP_RE}=-1: must not be negative"),
    ],
)
def test_a_negative_set_is_an_error_naming_the_key_and_value(assignment: str, named: str) -> None:
    with pytest.raises(PolicyError, match=named):
        load_policy(overrides=[assignment])


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("values = { 2020-06-30 = 2500 }", "values = { 2020-06-30 = -2500 }", rf"{CAP_RE}: value at 2020-06-30 is -2500"),
        ("values = { 2020-06-30 = 24 }", "values = { 2020-06-30 = -24 }", r"rent_subsidy\.max_months: value at 2020-06-30 is -24"),
        ("values = { 2020-06-30 = 0.5 }", "values = { 2020-06-30 = -0.5 }", r"refund_ratio: value at 2020-06-30 is -0\.5"),
    ],
)  # fmt: skip
def test_a_negative_value_in_a_policy_file_is_an_error_naming_the_key_and_value(
    tmp_path: Path, old: str, new: str, named: str
) -> None:
    with pytest.raises(PolicyError, match=rf"{named}: must not be negative"):
        parse_policy(broken(old, new), "negative.toml")
    path = tmp_path / "negative.toml"  # the route of --policy FILE (calc, policy check)
    path.write_bytes(broken(old, new))
    with pytest.raises(PolicyError, match=named):
        load_policy(path)


def test_money_finer_than_a_fen_is_an_error_everywhere() -> None:
    with pytest.raises(PolicyError, match=rf"--set {CAP_RE}=3000\.005: .*at most 2 decimal places"):
        load_policy(overrides=[f"{CAP}=3000.005"])
    with pytest.raises(PolicyError, match=rf"{CAP_RE}=300000\.5%: .*at most 2 decimal places"):
        load_policy(overrides=[f"{CAP}=300000.5%"])  # 3000.005 yuan, however it is written
    bad = broken("values = { 2020-06-30 = 2500 }", "values = { 2020-06-30 = 2500.001 }")
    with pytest.raises(PolicyError, match=rf"{CAP_RE}: value at 2020-06-30 is 2500\.001: .*2 decimal places"):
        parse_policy(bad, "fen.toml")


def test_whole_fen_money_and_finely_divided_ratios_are_accepted() -> None:
    policy = load_policy(
        overrides=[
            f"{CAP}=3000.10",
            "rent_subsidy.workstation_cap_monthly=600.000",
            "stable_jobs_refund.refund_ratio=0.12345",
        ]
    )
    assert policy.value(CAP, date(2021, 1, 1)) == Decimal("3000.1")
    assert policy.value("rent_subsidy.workstation_cap_monthly", date(2021, 1, 1)) == Decimal(600)
    assert policy.value("stable_jobs_refund.refund_ratio", date(2021, 1, 1)) == Decimal("0.12345")
    assert load_policy(overrides=[f"{CAP}=0"]).value(CAP, date(2021, 1, 1)) == 0


@given(st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False))
def test_a_money_set_is_accepted_exactly_when_it_is_whole_fen(amount: Decimal) -> None:
    text = f"{amount:f}"
    if amount == amount.quantize(Decimal("0.01")):
        assert load_policy(overrides=[f"{CAP}={text}"]).value(CAP, date(2021, 1, 1)) == amount
    else:
        with pytest.raises(PolicyError, match="at most 2 decimal places"):
            load_policy(overrides=[f"{CAP}={text}"])


@pytest.mark.parametrize("day", ["2021-13-01", "2021-02-30", "2021-00-10"])
def test_an_impossible_date_in_a_dated_set_is_an_error_naming_it(day: str) -> None:
    assignment = f"{CAP}@{day}=3000"
    with pytest.raises(PolicyError, match=rf"--set {CAP_RE}@{day}=3000: {day} is not a valid date"):
        load_policy(overrides=[assignment])


def test_a_policy_file_with_an_unknown_parameter_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    typo = CAP_TABLE.replace(f"[{CAP}]", "[rent_subsidy.house_cap_monthy]")
    path = tmp_path / "extra.toml"
    path.write_text(POLICY_TEXT + "\n" + typo + "\n", encoding="utf-8")
    with pytest.raises(
        PolicyError,
        match=r"rent_subsidy\.house_cap_monthy: unknown parameter.*did you mean rent_subsidy\.house_cap_monthly\?",
    ):
        load_policy(path)
    group = POLICY_TEXT + "\n" + CAP_TABLE.replace(f"[{CAP}]", "[rent_subsidie.house_cap_monthly]") + "\n"
    with pytest.raises(
        PolicyError, match=r"rent_subsidie\.house_cap_monthly: unknown parameter.*did you mean"
    ):
        parse_policy(group.encode("utf-8"), "group.toml")


def test_a_copy_of_the_shipped_policy_loads_with_every_parameter(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(POLICY_TEXT, encoding="utf-8")
    copy = load_policy(path)
    assert copy.parameters.keys() == load_policy().parameters.keys()
    assert copy.value(CAP, date(2021, 1, 1)) == Decimal(2500)


def test_policy_end_before_policy_start_is_an_error() -> None:
    message = r"general\.policy_end \(2019-01-01\) is before general\.policy_start \(2020-06-30\)"
    with pytest.raises(PolicyError, match=rf"--set general\.policy_end=2019-01-01: {message}"):
        load_policy(overrides=["general.policy_end=2019-01-01"])
    bad = broken("values = { 2020-06-30 = 2025-06-29 }", "values = { 2020-06-30 = 2019-01-01 }")
    with pytest.raises(PolicyError, match=rf"^end\.toml: {message}"):
        parse_policy(bad, "end.toml")


@pytest.mark.parametrize(
    "sets",
    [
        ["general.policy_start=2026-01-01", "general.policy_end=2030-12-31"],
        ["general.policy_end=2030-12-31", "general.policy_start=2026-01-01"],
    ],
)
def test_both_ends_of_the_policy_may_be_moved_in_either_order(sets: list[str]) -> None:
    policy = load_policy(overrides=sets)
    assert policy.value("general.policy_start", date(2027, 1, 1)) == date(2026, 1, 1)
    assert policy.value("general.policy_end", date(2027, 1, 1)) == date(2030, 12, 31)
